"""AppTest: the network page renders, with and without a focus, on the tiny dataset."""

from __future__ import annotations

import pytest

from tests.app.conftest import run_page


def _iframe_html(at) -> str:
    frames = [el for el in at.get("iframe")]
    assert frames, "the network is not embedded"
    return frames[0].proto.srcdoc


def test_network_renders_every_organization(monkeypatch) -> None:
    at = run_page("network")
    assert not at.exception
    assert at.title[0].value == "Who is connected to whom"
    assert any("Showing **10** of 10 organizations" in m.value for m in at.markdown)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 10
    # The embed links vis-network from the app's static folder rather than inlining 0.7 MB.
    page = _iframe_html(at)
    assert '<script src="/app/static/vis-network/vis-network.min.js"></script>' in page
    assert len(page) < 200_000


@pytest.mark.parametrize(("hops", "shown"), [(1, 3), (2, 8)])
def test_network_focus_from_the_url(hops, shown) -> None:
    at = run_page("network", query={"org": "w3c"})
    if hops > 1:
        at.select_slider[0].set_value(hops).run()
    assert not at.exception
    assert at.selectbox(key="network_focus").value == "w3c"
    status = next(m.value for m in at.markdown if m.value.startswith("Showing"))
    assert f"Showing **{shown}** of 10 organizations around **World Wide Web Consortium" in status
    assert len(at.dataframe[0].value) == shown


def test_the_view_settings_come_from_the_link() -> None:
    """Hops, display mode, size measure and hubs are in the URL, so a shared view opens as set."""
    at = run_page("network", query={"org": "w3c", "hops": "2", "mode": "Fade", "size": "Betweenness", "hubs": "Groups"})
    assert not at.exception
    assert at.select_slider(key="hops").value == 2
    assert at.radio(key="mode").value == "fade" and at.radio(key="size").value == "betweenness"
    status = next(m.value for m in at.markdown if m.value.startswith("Showing"))
    assert "(2 hops)" in status and "the rest faded" in status
    assert "stakeholder group hub" in _iframe_html(at)
