"""The load test end to end: a few sessions against the tiny app, with and without a browser, both ways of moving."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser


TITLES = {
    "overview": ["The LER ecosystem at a glance"],
    "organizations": ["Organizations"],
    "network": ["Who is connected to whom"],
}


@pytest.mark.parametrize(
    ("client", "navigation"), [("browser", "links"), ("browser", "app"), ("protocol", "links"), ("protocol", "app")]
)
def test_loadtest_times_every_visit_on_its_page(tiny_server, browser, client: str, navigation: str) -> None:
    # `browser` only to skip (or fail under LERMAP_REQUIRE_BROWSER=1) where there is no Chromium.
    command = [sys.executable, "-m", "lermap", "loadtest", "--url", tiny_server.url, "--sessions", "2",
               "--ramp", "1", "--navigation", navigation, "--client", client,
               "--timeout", "45", "--time-limit", "150"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout)
    assert figures["scenario"] == {
        "sessions": 2, "ramp_s": 1.0, "think_s": 0.0, "navigation": navigation, "client": client
    }  # fmt: skip
    assert figures["errors"] == 0, figures["error_samples"]
    assert figures["visits"] == 6 and figures["external_requests"] == 0
    timed = figures["time_to_rendered"]
    assert [timed[page]["n"] for page in ("overview", "organizations", "network")] == [2, 2, 2]
    assert 0 < timed["overall"]["p50_s"] <= timed["overall"]["max_s"] < 45
    assert figures["titles_seen"] == TITLES  # every visit reached its own page
