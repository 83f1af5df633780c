"""Every page of the app runs through app.py in AppTest without an exception."""

from __future__ import annotations

import pytest

from tests.app.conftest import run_page
from tests.conftest import ROOT

PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if p.stem != "admin")


def test_every_page_module_is_in_the_navigation() -> None:
    app = (ROOT / "app.py").read_text()
    for page in [*PAGES, "admin"]:
        assert f'"pages/{page}.py"' in app, page


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page: str) -> None:
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{page} shows no title"
    assert not at.error, [e.value for e in at.error]
