"""Presentation mode and tours in a real browser."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from lermap.dataset import load_dataset
from lermap.tours import load_tours
from tests.conftest import ROOT
from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser


def test_presentation_mode_hides_chrome_and_keeps_filters(server, visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server.url}/?role=funders&present=1")
    wait_for_app(page)
    assert_no_exception(page)
    assert not page.locator("section[data-testid='stSidebar']").is_visible()
    assert not page.locator("[data-testid='stToolbar']").is_visible()
    page.get_by_text("Filtered by stakeholder group: Funders").wait_for()
    font_size = page.evaluate("() => getComputedStyle(document.documentElement).fontSize")
    assert float(font_size.rstrip("px")) > 16
    page.get_by_role("heading", level=1).first.click()  # focus the page, as a presenter's click does
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('present=1')", timeout=30_000)
    wait_for_app(page)
    assert page.locator("section[data-testid='stSidebar']").is_visible()
    assert "role=funders" in page.url
    assert visit.external == []


@pytest.mark.parametrize("tour_id", ["action-areas"])
def test_tour_steps_through_every_step(server, visit, tour_id: str) -> None:
    ds = load_dataset(ROOT / "data").dataset
    tour = load_tours(ROOT / "data", set(ds.organizations.index))[0][tour_id]
    page = visit.page
    page.goto(f"{server.url}{tour.url(0)}")
    wait_for_app(page)
    for index, step in enumerate(tour.steps):
        bar = page.locator(".st-key-tour_bar")
        bar.get_by_text(f"step {index + 1} of {len(tour.steps)}: {step.title}").wait_for(timeout=30_000)
        assert_no_exception(page)
        path = urlparse(page.url).path
        assert path == f"/{step.page}" or (step.page == "overview" and path == "/"), page.url
        assert f"step={index + 1}" in page.url
        for value in step.area:
            assert f"area={value}" in page.url
        if index < len(tour.steps) - 1:
            bar.get_by_role("button", name=re.compile("Next")).click()
            page.wait_for_function(f"() => location.search.includes('step={index + 2}')", timeout=30_000)
            wait_for_app(page)
    # The buttons carry the arrow keys as Streamlit shortcuts (shown as hints on the buttons).
    assert "←" in bar.get_by_role("button", name=re.compile("Back")).inner_text()
    assert "→" in bar.get_by_role("button", name=re.compile("Next")).inner_text()
    page.get_by_role("button", name=re.compile("Back")).click()
    page.wait_for_function(f"() => location.search.includes('step={len(tour.steps) - 1}')", timeout=30_000)
    assert visit.external == []


def test_embed_view_shows_one_clean_view(server, visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/organizations?role=funders&embed=true")
    wait_for_app(page)
    assert_no_exception(page)
    # Streamlit's embed mode: no sidebar, no toolbar or menu, just the view with its filters applied.
    assert not page.locator("section[data-testid='stSidebar']").is_visible()
    assert not page.locator("[data-testid='stToolbar']").is_visible()
    page.get_by_text(re.compile(r"Showing \d+ of \d+ organizations")).wait_for()
    assert "role=funders" in page.url
    assert visit.external == []
