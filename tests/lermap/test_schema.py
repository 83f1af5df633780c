"""Meta-tests: every id the schema allows has a label, a help text and a colour."""

from __future__ import annotations

import re

import pytest

from lermap import schema

REGISTRIES = {
    "groups": schema.STAKEHOLDER_GROUPS,
    "areas": schema.ACTION_AREAS,
    "stages": schema.JOURNEY_STAGES,
    "relations": schema.RELATIONS,
}


@pytest.mark.parametrize("name", REGISTRIES)
def test_every_id_has_label_help_and_colour(name: str) -> None:
    for key, choice in REGISTRIES[name].items():
        assert choice.id == key
        assert choice.label.strip(), key
        assert choice.help.strip(), key
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", choice.colour), key


@pytest.mark.parametrize("name", ["groups", "areas"])
def test_colours_are_distinct(name: str) -> None:
    colours = [c.colour.upper() for c in REGISTRIES[name].values()]
    assert len(set(colours)) == len(colours)


def test_the_map_has_ten_groups_four_areas_four_stages() -> None:
    assert len(schema.STAKEHOLDER_GROUPS) == 10
    assert list(schema.ACTION_AREAS) == ["promoting", "building", "gathering", "supporting"]
    assert list(schema.JOURNEY_STAGES) == ["developing", "issuing", "using", "adopting"]


def test_every_table_has_a_unique_filename_and_key_columns() -> None:
    assert len({t.filename for t in schema.TABLES}) == len(schema.TABLES)
    for table in schema.TABLES:
        assert set(table.key) <= set(table.column_names), table.name
