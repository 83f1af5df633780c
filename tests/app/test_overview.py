from __future__ import annotations

import pytest

from lermap.dataset import load_dataset
from lermap.filters import FilterSpec, apply
from tests.app.conftest import run_page
from tests.conftest import TINY, overlay


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_real_counts() -> None:
    at = run_page("overview")
    assert not at.exception
    ds = load_dataset(TINY).dataset
    shown = metrics(at)
    assert shown["Organizations"] == str(len(ds.organizations))
    assert shown["Relationships"] == str(len(ds.relationships))
    assert shown["Stakeholder groups"] == str(ds.organizations["groups"].explode().nunique())


@pytest.mark.parametrize(
    ("query", "spec"),
    [
        ({"role": "data-standards-organizations"}, FilterSpec.of(roles=["data-standards-organizations"])),
        ({"area": "gathering"}, FilterSpec.of(areas=["gathering"])),
        ({"role": "governance", "area": "building"}, FilterSpec.of(roles=["governance"], areas=["building"])),
    ],
)
def test_overview_counts_follow_url_filters(query: dict, spec: FilterSpec) -> None:
    at = run_page("overview", query=query)
    assert not at.exception
    expected = len(apply(load_dataset(TINY).dataset, spec))
    assert metrics(at)["Organizations"] == str(expected)


def test_broken_dataset_shows_messages_not_traceback(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LERMAP_DATA_DIR", str(overlay(tmp_path, "missing_column")))
    at = run_page("overview")
    assert not at.exception
    assert any("could not be loaded" in e.value for e in at.error)
    assert any("missing required column 'primary_group'" in c.value for c in at.code)


def test_search_text_is_shown_inert() -> None:
    at = run_page("overview", query={"q": "[x](javascript:alert(1)) <b>"})
    assert not at.exception
    notice = next(i.value for i in at.info if "Filtered by" in i.value)
    assert "](javascript" not in notice and "<b>" not in notice


def _chart_specs(at) -> dict[str, dict]:
    import json

    return {chart.proto.id: json.loads(chart.proto.spec) for chart in at.get("plotly_chart")}


def test_charts_are_shared_but_each_mode_keeps_its_own_styling() -> None:
    """Figures are cached across sessions; presentation mode must not leak into a normal view."""
    from lermap import ui

    normal = list(_chart_specs(run_page("overview")).values())
    presented = list(_chart_specs(run_page("overview", query={"present": "1"})).values())
    again = list(_chart_specs(run_page("overview")).values())
    assert len(normal) == len(presented) == 6
    assert all(spec["layout"].get("font", {}).get("size") == ui.PRESENT_FONT_SIZE for spec in presented)
    # The enlarged value labels past the longest bar need more room on the right.
    bars = [i for i, spec in enumerate(normal) if any(t.get("textposition") == "outside" for t in spec["data"])]
    assert len(bars) >= 3
    assert all(presented[i]["layout"]["margin"]["r"] > normal[i]["layout"]["margin"]["r"] > 10 for i in bars)
    assert not any(spec["layout"].get("font", {}).get("size") == ui.PRESENT_FONT_SIZE for spec in normal + again)
    assert again == normal
    # A filter changes the data, and so the figure: the cache is keyed on the chart's data.
    filtered = list(_chart_specs(run_page("overview", query={"role": "employers"})).values())
    assert filtered[0] != normal[0]


def test_each_chart_has_a_table_alternative_built_when_opened() -> None:
    at = run_page("overview")
    labels = [e.label for e in at.expander if e.label.startswith("Table: ")]
    assert len(labels) == 6 and "Table: Organizations by stakeholder group" in labels
    assert len(at.table) == 0  # closed: not built, not sent
    at.session_state["chart_by_group_table"] = True
    at.run()
    assert not at.exception and len(at.table) == 1
    shown = at.table[0].value
    ds = load_dataset(TINY).dataset
    assert "Stakeholder group" in shown.columns and "group_id" not in shown.columns
    assert int(shown["Primary"].sum()) == len(ds.organizations)  # every organization has one primary group
