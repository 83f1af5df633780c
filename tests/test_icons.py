"""Icons come from the Material Symbols font Streamlit serves, never from the viewer's emoji font.

A machine without an emoji font (a kiosk, a projector's laptop, headless Chromium) draws an emoji
icon as an empty box.
"""

from __future__ import annotations

import re

from tests.conftest import ROOT

ICON = re.compile(r"""\bicon\s*=\s*(["'])(.*?)\1""")


def test_every_icon_is_a_material_symbol() -> None:
    sources = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "lermap").glob("*.py"))]
    icons = [(path.name, m.group(2)) for path in sources for m in ICON.finditer(path.read_text(encoding="utf-8"))]
    assert len(icons) > 10
    assert [(name, icon) for name, icon in icons if not icon.startswith(":material/")] == []
