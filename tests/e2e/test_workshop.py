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
    # The buttons carry the arrow keys as Streamlit shortcuts (shown as hints on the buttons; the
    # keys themselves are tested below).
    assert "←" in bar.get_by_role("button", name=re.compile("Back")).inner_text()
    assert "→" in bar.get_by_role("button", name=re.compile("Next")).inner_text()
    page.get_by_role("button", name=re.compile("Back")).click()
    page.wait_for_function(f"() => location.search.includes('step={len(tour.steps) - 1}')", timeout=30_000)
    assert visit.external == []


def _step_with_key(page, key: str, step: int, button: str) -> None:
    # A shortcut belongs to its button: wait until the button is drawn (Streamlit shows a
    # skeleton while a widget's code loads), as a presenter sees it before pressing.
    page.locator(f".st-key-{button} button:not([disabled])").first.wait_for(timeout=30_000)
    page.keyboard.press(key)
    page.wait_for_function(f"() => location.search.includes('step={step}')", timeout=15_000)
    wait_for_app(page)
    page.locator(".st-key-tour_bar").get_by_text(f"step {step} of").wait_for(timeout=30_000)


def test_arrow_keys_step_a_tour_but_not_while_typing(server, visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/?tour=action-areas&step=1")
    wait_for_app(page)
    for key, step, button in [("ArrowRight", 2, "tour_next"), ("ArrowRight", 3, "tour_next"),
                              ("ArrowLeft", 2, "tour_back"), ("ArrowLeft", 1, "tour_back")]:  # fmt: skip
        _step_with_key(page, key, step, button)
        assert_no_exception(page)
    # In the search box the arrow keys move the caret; the tour stays where it is.
    search = page.get_by_label("Search", exact=True)
    search.click()
    search.type("employer")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(1_000)
    assert "step=1" in page.url
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
    # The view starts at the top of the frame, not below the room left for a header.
    assert page.get_by_role("heading", level=1).first.bounding_box()["y"] < 60
    assert "role=funders" in page.url
    assert visit.external == []
