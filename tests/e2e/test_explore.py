"""Shared filters in the URL, the directory and its status line, in a real browser on the bundled data."""

from __future__ import annotations

import csv
import re

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser


def count_from_csv(role: str, area: str) -> int:
    """Organizations with `role` as primary or secondary group and `area` among their areas, from the CSV."""
    with (ROOT / "data" / "organizations.csv").open(encoding="utf-8") as fh:
        return sum(
            1
            for row in csv.DictReader(fh)
            if role in [row["primary_group"], *row["secondary_groups"].split(";")]
            and area in row["action_areas"].split(";")
        )


def test_status_line_matches_the_csv(server, visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/organizations?role=employers&area=gathering")
    wait_for_app(page)
    assert_no_exception(page)
    expected = count_from_csv("employers", "gathering")
    total = sum(1 for _ in csv.DictReader((ROOT / "data" / "organizations.csv").open(encoding="utf-8")))
    page.get_by_text(f"Showing {expected} of {total} organizations", exact=True).wait_for()
    assert visit.external == []


def test_switching_pages_keeps_the_filters_in_the_url(server, visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/organizations?role=employers&area=gathering")
    wait_for_app(page)
    page.get_by_role("link", name="Overview").click()
    # The bound filters write themselves back into the new page's URL once its widgets exist.
    page.wait_for_function(
        "() => !location.pathname.includes('organizations')"
        " && location.search.includes('role=employers') && location.search.includes('area=gathering')"
    )
    wait_for_app(page)
    assert_no_exception(page)
    page.get_by_text("Filtered by stakeholder group: Employers; action area: Gathering Data on Impact").wait_for()


def test_bogus_role_shows_a_notice(server, visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/organizations?role=nope")
    wait_for_app(page)
    page.get_by_text("Ignored unknown value(s) in the link: stakeholder group 'nope'").wait_for()
    assert_no_exception(page)


def test_opening_a_profile_from_the_url(server, visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/organizations?org=w3c")
    wait_for_app(page)
    page.get_by_role("heading", name="World Wide Web Consortium (W3C)").wait_for()
    page.get_by_text(re.compile(r"Relationships \(\d+\)")).wait_for()
    assert_no_exception(page)


def test_a_charts_table_alternative_opens_as_an_html_table(server, visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/?role=employers")
    wait_for_app(page)
    assert page.locator("[data-testid='stTable']").count() == 0  # closed tables are not built
    page.get_by_text("Table: Organizations by key action area", exact=True).click()
    table = page.locator("[data-testid='stTable'] table").first
    table.wait_for(timeout=30_000)
    wait_for_app(page)
    headers = table.locator("th").all_inner_texts()
    assert "Action area" in headers and "Organizations" in headers
    assert table.locator("tbody tr").count() == 4  # one row per key action area
    assert_no_exception(page)


# Every value label drawn outside a bar, with the parts of it that fall outside its chart.
_CLIPPED_LABELS_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((plot) => {
  const box = plot.querySelector('svg.main-svg').getBoundingClientRect();
  return [...plot.querySelectorAll('.barlayer text.bartext')].map((text) => {
    const r = text.getBoundingClientRect();
    return {text: text.textContent, right: r.right - box.right, left: box.left - r.left};
  });
})
"""


@pytest.mark.parametrize(("query", "height"), [("", 900), ("?present=1", 720)], ids=["normal", "presenting"])
def test_bar_value_labels_stay_inside_their_charts(server, visit, query: str, height: int) -> None:
    page = visit.page
    page.set_viewport_size({"width": 1280, "height": height})
    page.goto(f"{server.url}/{query}")
    wait_for_app(page)
    labels = page.evaluate(_CLIPPED_LABELS_JS)
    assert len(labels) >= 10 + 4  # one per stakeholder group and per action area at least
    clipped = [label for label in labels if label["right"] > 0.5 or label["left"] > 0.5]
    assert clipped == []


_MAP_SPAN_JS = """
() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find((p) => p.querySelector('.choroplethlocation'));
  const box = plot.querySelector('svg.main-svg').getBoundingClientRect();
  const states = [...plot.querySelectorAll('.choroplethlocation')].map((path) => path.getBoundingClientRect());
  const left = Math.min(...states.map((r) => r.left)), right = Math.max(...states.map((r) => r.right));
  return {states: states.length, share: (right - left) / box.width};
}
"""


def test_the_state_map_spans_its_chart(server, visit) -> None:
    """The colour bar lies under the map, so the map uses most of the chart's width."""
    page = visit.page
    page.goto(f"{server.url}/")
    wait_for_app(page)
    span = page.evaluate(_MAP_SPAN_JS)
    assert span["states"] >= 30  # states with at least one organization
    assert span["share"] > 0.7, span  # 0.63 with the colour bar beside the map
