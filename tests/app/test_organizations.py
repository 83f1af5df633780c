from __future__ import annotations

from lermap.dataset import load_dataset
from lermap.filters import FilterSpec, apply
from tests.app.conftest import run_page
from tests.conftest import TINY


def status(at) -> str:
    return next(m.value for m in at.markdown if "Showing" in m.value)


def test_status_line_follows_filters() -> None:
    at = run_page("organizations", query={"role": "data-standards-organizations"})
    assert not at.exception
    expected = len(apply(load_dataset(TINY).dataset, FilterSpec.of(roles=["data-standards-organizations"])))
    assert status(at) == f"**Showing {expected} of 10 organizations**"


def test_setting_a_filter_widget_updates_the_status() -> None:
    at = run_page("organizations")
    assert status(at) == "**Showing 10 of 10 organizations**"
    at.multiselect(key="area").set_value(["gathering"]).run()
    expected = len(apply(load_dataset(TINY).dataset, FilterSpec.of(areas=["gathering"])))
    assert status(at) == f"**Showing {expected} of 10 organizations**"
    at.text_input(key="q").input("walmart").run()
    assert status(at) == "**Showing 1 of 10 organizations**"


def test_profile_from_url() -> None:
    at = run_page("organizations", query={"org": "w3c"})
    assert not at.exception
    assert any("World Wide Web Consortium" in h.value for h in at.header)
    assert any(s.value.startswith("Relationships (") for s in at.subheader)


def test_unknown_values_in_url_show_a_notice() -> None:
    at = run_page("organizations", query={"role": "nope", "org": "no-such-org"})
    assert not at.exception
    notices = " ".join(w.value for w in at.warning).replace("\\", "")  # Markdown escapes
    assert "'nope'" in notices and "'no-such-org'" in notices
    assert status(at) == "**Showing 10 of 10 organizations**"


def test_clear_filters_resets_every_filter() -> None:
    at = run_page("organizations", query={"role": "funders", "q": "walmart"})
    assert status(at) != "**Showing 10 of 10 organizations**"
    next(b for b in at.button if b.label == "Clear filters").click().run()
    assert status(at) == "**Showing 10 of 10 organizations**"


def test_the_export_caption_shows_a_search_as_text() -> None:
    """A search is user text: Markdown in it (an image from another host) must not render."""
    search = "![x](https://example.com/x.png) **bold**"
    at = run_page("organizations", query={"q": search})
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Exports hold"))
    assert "](https://" not in caption and "**bold**" not in caption
    assert "example" in caption  # still shown, as inert text
    plain = next(c.value for c in run_page("organizations").caption if c.value.startswith("Exports hold"))
    assert "all of them, no filter" in plain and "(" not in plain.split("(", 1)[1]
