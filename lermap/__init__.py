"""lermap: an interactive, data-backed map of the Learning and Employment Records ecosystem."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

#: The dataset that ships with the project.
BUNDLED_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
