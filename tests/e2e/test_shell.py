"""The app shell in a real browser: every page loads, shows no exception, asks no other host."""

from __future__ import annotations

import pytest

from lermap.dataset import load_dataset
from tests.conftest import ROOT
from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "organizations",
    "network",
    "stakeholders",
    "action-areas",
    "fit",
    "gaps",
    "resources",
    "tours",
    "data",
    "contribute",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_offline(server, visit, path: str) -> None:
    visit.page.goto(f"{server.url}/{path}")
    wait_for_app(visit.page)
    assert_no_exception(visit.page)
    visit.page.wait_for_timeout(1500)  # let charts fetch what they fetch
    assert visit.external == []


def test_overview_shows_real_counts(server, visit) -> None:
    ds = load_dataset(ROOT / "data").dataset
    visit.page.goto(server.url)
    wait_for_app(visit.page)
    metric = visit.page.locator("[data-testid='stMetric']", has_text="Organizations").first
    assert str(len(ds.organizations)) in metric.inner_text()
    assert visit.page.title().startswith("lermap")
