from __future__ import annotations

import pytest

from lermap import directory
from lermap.dataset import load_dataset
from tests.conftest import TINY


@pytest.fixture(scope="module")
def ds():
    return load_dataset(TINY).dataset


def test_status_line_wording() -> None:
    assert directory.status_line(3, 310) == "Showing 3 of 310 organizations"


def test_table_shows_labels_not_ids(ds) -> None:
    table = directory.table(ds.organizations)
    assert "Data Standards Organizations" in set(table["Stakeholder group"])
    assert not table["Stakeholder group"].str.contains("-organizations").any()


def test_relationships_in_both_directions(ds) -> None:
    relations = directory.relationships_of(ds, "w3c")
    rels = ds.relationships
    expected = ((rels["source_id"] == "w3c") | (rels["target_id"] == "w3c")).sum()
    assert len(relations) == expected > 0
    assert set(relations["Direction"]) == {"incoming"}  # in the tiny data W3C is only ever a target
    assert "Jobs for the Future (JFF)" in set(relations["Organization"])


def test_similar_organizations_have_reasons(ds) -> None:
    similar = directory.similar(ds, "jobs-for-the-future")
    assert len(similar) > 0 and "jobs-for-the-future" not in set(similar["id"])
    assert similar["Reason"].str.contains("shares").all()
    assert list(similar["score"]) == sorted(similar["score"], reverse=True)


def test_export_frame_keeps_the_dataset_layout(ds) -> None:
    frame = directory.export_frame(ds.organizations)
    assert list(frame.columns[:3]) == ["id", "name", "primary_group"]
    assert frame["action_areas"].str.contains(";").any()


@pytest.mark.parametrize(("colour", "text"), [("#332288", "#FFFFFF"), ("#DDCC77", "#000000"), ("#88CCEE", "#000000")])
def test_badge_text_contrast(colour: str, text: str) -> None:
    assert directory.text_colour(colour) == text


def test_badge_escapes() -> None:
    assert "<script>" not in directory.group_badge("<script>")
