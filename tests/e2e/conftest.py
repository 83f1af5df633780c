"""Browser tests: a real `streamlit run` on a free port, driven by headless Chromium.

Chromium is looked up at /usr/bin/chromium (or on PATH). Where none exists the tests
skip with a loud reason, unless LERMAP_REQUIRE_BROWSER=1, where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

from lermap import serve
from lermap.serve import Server, start_server, stop_server
from tests.conftest import ROOT, TINY

__all__ = ["Server", "assert_no_exception", "start_server", "stop_server", "wait_for_app"]

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


@pytest.fixture(scope="session")
def browser():
    path = serve.chromium_path()
    if path is None:
        message = "NO CHROMIUM FOUND at /usr/bin/chromium: browser tests cannot run (apt-get install chromium)"
        if os.environ.get("LERMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=serve.CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """The app on the bundled data."""
    running = start_server(ROOT / "data", tmp_path_factory.mktemp("server") / "streamlit.log")
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def tiny_server(tmp_path_factory) -> Iterator[Server]:
    """The app on the tiny fixture dataset."""
    running = start_server(TINY, tmp_path_factory.mktemp("tiny_server") / "streamlit.log")
    yield running
    stop_server(running)


@dataclass
class Visit:
    """A browser page that records every request to a host other than localhost."""

    page: object
    external: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    record = Visit(page)

    def on_request(request) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
            record.external.append(request.url)

    context.on("request", on_request)
    yield record
    context.close()


IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  // A grey skeleton stands where an element's code is still loading, after the run has ended.
  return app && app.getAttribute("data-test-script-state") === "notRunning"
    && app.getAttribute("data-test-connection-state") === "CONNECTED"
    && !document.querySelector('[data-testid="stSkeleton"]');
}"""


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the app has finished its run, drawn its elements and shows a page title.

    Streamlit marks its root with the script's state; a page is settled only when that reads
    "notRunning" twice in a row, because a run can trigger another (bound widgets writing the URL).
    """
    page.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=timeout)
    page.wait_for_function(IDLE, timeout=timeout)
    page.wait_for_timeout(400)
    page.wait_for_function(IDLE, timeout=timeout)


def assert_no_exception(page) -> None:
    """No exception box and no "Page not found" dialog on the page."""
    exceptions = page.locator("[data-testid='stException']")
    assert exceptions.count() == 0, exceptions.first.inner_text()
    not_found = page.get_by_role("dialog").filter(has_text="Page not found")
    assert not_found.count() == 0, f"'Page not found' at {page.url}"
