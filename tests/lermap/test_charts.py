from __future__ import annotations

import pandas as pd
import pytest

from lermap import charts, counts, schema
from lermap.dataset import load_dataset
from tests.conftest import TINY


@pytest.fixture(scope="module")
def ds():
    return load_dataset(TINY).dataset


def test_group_bars_use_the_schema_colours(ds) -> None:
    table = counts.by_group(ds.organizations)
    bar = charts.by_group(table).data[0]
    by_label = dict(zip(bar.y, bar.marker.color, strict=True))
    for choice in schema.STAKEHOLDER_GROUPS.values():
        assert by_label[choice.label] == choice.colour
    assert sum(bar.x) == table["Organizations"].sum()


def test_area_bars_cover_all_four_areas(ds) -> None:
    bar = charts.by_area(counts.by_area(ds.organizations)).data[0]
    assert len(bar.y) == 4 and set(bar.marker.color) == {a.colour for a in schema.ACTION_AREAS.values()}


def test_heatmap_marks_thin_cells_in_hover_and_text(ds) -> None:
    matrix = counts.coverage(ds.organizations)
    heatmap = charts.coverage_heatmap(matrix).data[0]
    thin = (matrix.values <= counts.THIN_CELL).sum()
    assert (heatmap.customdata == charts.THIN_MESSAGE).sum() == thin > 0
    assert sum("⚠" in cell for row in heatmap.text for cell in row) == thin


def test_state_map_uses_state_codes(ds) -> None:
    choropleth = charts.state_map(counts.by_state(ds.organizations)).data[0]
    assert choropleth.locationmode == "USA-states"
    assert set(choropleth.locations) <= set(schema.US_STATES)


def test_most_connected_escapes_names() -> None:
    table = pd.DataFrame(
        {
            "id": ["x"],
            "Organization": ["<img src=x onerror=alert(1)>"],
            "Stakeholder group": ["Funders"],
            "Relationships": [3],
        }
    )
    bar = charts.most_connected(table).data[0]
    assert bar.y[0] == "&lt;img src=x onerror=alert(1)&gt;"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_outline_follows_the_theme(ds, theme: str) -> None:
    figure = charts.outline_for(charts.by_relation(counts.by_relation(ds.relationships)), theme)
    assert figure.data[0].marker.line.color == charts.OUTLINE_COLOURS[theme]


def test_bar_charts_keep_room_on_the_right_for_their_longest_value_label() -> None:
    short = charts.by_area(pd.DataFrame({"area_id": ["promoting"], "Action area": ["A"], "Organizations": [7]}))
    long = charts.by_area(pd.DataFrame({"area_id": ["promoting"], "Action area": ["A"], "Organizations": [1410]}))
    assert long.layout.margin.r > short.layout.margin.r >= 10
    assert charts.value_label_room(long, 20) > charts.value_label_room(long, 14) > 0


def test_charts_without_outside_value_labels_keep_the_tight_margin(ds) -> None:
    heatmap = charts.coverage_heatmap(counts.coverage(ds.organizations))
    assert charts.value_label_room(heatmap, 14) == 0
    assert heatmap.layout.margin.r == 10


def test_state_map_scale_counts_from_zero_in_whole_numbers() -> None:
    one = charts.state_map(pd.DataFrame({"state": ["MD"], "State": ["Maryland"], "Organizations": [1]})).data[0]
    assert (one.zmin, one.zmax, one.colorbar.dtick) == (0, 1, 1)  # not 0.5 to 1.5
    many = charts.state_map(pd.DataFrame({"state": ["MD", "NY"], "State": ["Maryland", "New York"],
                                          "Organizations": [2, 40]})).data[0]  # fmt: skip
    assert (many.zmin, many.zmax, many.colorbar.dtick) == (0, 40, None)
