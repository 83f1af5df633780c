"""The network map in a real browser: drawn, offline, and inert against script payloads in data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import TESTS
from tests.e2e.conftest import Server, assert_no_exception, start_server, stop_server, wait_for_app

pytestmark = pytest.mark.browser

XSS = TESTS / "data" / "xss"


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory) -> Iterator[Server]:
    """The app on the tiny dataset with script payloads in one organization's name and description."""
    running = start_server(XSS, tmp_path_factory.mktemp("xss_server") / "streamlit.log")
    yield running
    stop_server(running)


def _network_frame(page):
    """The iframe holding the map, once vis-network has drawn its first frame on the canvas."""
    page.wait_for_selector("iframe", timeout=30_000)
    frame = page.frame_locator("iframe").first
    frame.locator("#mynetwork canvas").wait_for(timeout=30_000)
    handle = page.locator("iframe").first.element_handle()
    content = handle.content_frame()
    content.wait_for_function("() => window.lermapDrawn !== undefined", timeout=30_000)
    return content


def test_network_is_drawn_offline_with_a_focus(tiny_server, visit) -> None:
    visit.page.goto(f"{tiny_server.url}/network?org=w3c")
    wait_for_app(visit.page)
    assert_no_exception(visit.page)
    frame = _network_frame(visit.page)
    assert frame.evaluate("() => nodes.length") == 3  # the focus and its two neighbours
    assert frame.evaluate("() => network.getPositions(['w3c']).w3c.x") is not None
    assert (
        "World Wide Web Consortium"
        in visit.page.locator("[data-testid='stMarkdownContainer']", has_text="Showing").inner_text()
    )
    assert visit.external == []


def test_script_payload_in_data_does_not_run(xss_server, visit) -> None:
    visit.page.goto(f"{xss_server.url}/network?org=credential-engine")
    wait_for_app(visit.page)
    frame = _network_frame(visit.page)
    # Hover the payload organization so that its tooltip is built and shown.
    box = visit.page.locator("iframe").first.bounding_box()
    position = frame.evaluate(
        "() => network.canvasToDOM(network.getPositions(['credential-engine'])['credential-engine'])"
    )
    canvas = frame.locator("#mynetwork canvas").bounding_box()
    visit.page.mouse.move(canvas["x"] + position["x"], canvas["y"] + position["y"])
    frame.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert "<script>window.__xss=1</script>" in frame.locator("div.vis-tooltip").inner_text()
    label = frame.evaluate("() => nodes.get('credential-engine').label")
    assert label.startswith("Credential Engine <img src=x")  # shown as text, decoded from the escaped form
    visit.page.wait_for_timeout(300)
    assert frame.evaluate("() => window.__xss") is None
    assert visit.page.evaluate("() => window.__xss") is None
    assert box is not None and visit.external == []


def test_a_shared_link_keeps_the_view_settings(tiny_server, visit) -> None:
    page = visit.page
    page.goto(f"{tiny_server.url}/network?org=w3c&hops=2&mode=Fade")
    wait_for_app(page)
    status = page.locator("[data-testid='stMarkdownContainer']", has_text="Showing").inner_text()
    assert "(2 hops)" in status and "the rest faded" in status
    frame = _network_frame(page)
    assert frame.evaluate("() => nodes.length") == 10  # faded, every organization stays on the map
    page.get_by_role("button", name="Areas").click()  # a hub per action area
    page.wait_for_function("() => location.search.includes('hubs=Areas')", timeout=30_000)
    wait_for_app(page)
    assert "org=w3c" in page.url and "hops=2" in page.url and "mode=Fade" in page.url
    assert_no_exception(page)
    assert visit.external == []
