"""Shared fixtures: the bundled data, the tiny fixture dataset, and bad copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lermap import BUNDLED_DATA_DIR

TESTS = Path(__file__).resolve().parent
TINY = TESTS / "data" / "tiny"
BAD = TESTS / "data" / "bad"
ROOT = TESTS.parent


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """A writable copy of the tiny valid dataset."""
    target = tmp_path / "tiny"
    shutil.copytree(TINY, target)
    return target


def overlay(tmp_path: Path, case: str) -> Path:
    """The tiny dataset with the files of tests/data/bad/<case>/ laid over it."""
    target = tmp_path / case
    shutil.copytree(TINY, target)
    for path in (BAD / case).iterdir():
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture
def bundled_dir() -> Path:
    return BUNDLED_DATA_DIR


# The contributions-store fixtures (a throwaway PostgreSQL cluster, engines on both databases).
from tests.store_fixtures import postgres_url, store_engine, store_url  # noqa: E402, F401
