"""AppTest helpers: run the real app.py with a page selected, on a chosen data directory."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, TINY

APP = str(ROOT / "app.py")


def run_page(page: str, *, query: dict | None = None, timeout: float = 30) -> AppTest:
    """Run app.py on `page` (the page module's name) and return the finished AppTest.

    The data directory is the tiny fixture unless a test sets LERMAP_DATA_DIR itself.
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


@pytest.fixture(autouse=True)
def _data_dir_env(monkeypatch) -> None:
    monkeypatch.setenv("LERMAP_DATA_DIR", str(TINY))
