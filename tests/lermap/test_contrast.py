"""The theme and every palette meet WCAG 2.1 AA contrast, in the light and the dark theme."""

from __future__ import annotations

import tomllib

import pytest

from lermap import schema
from lermap.charts import OUTLINE_COLOURS
from lermap.contrast import contrast_ratio, readable_text_colour
from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
THEMES = {name: CONFIG["theme"][name] for name in ("light", "dark")}


@pytest.mark.parametrize(("first", "second", "ratio"), [("#000000", "#FFFFFF", 21.0), ("#FFFFFF", "#FFFFFF", 1.0)])
def test_contrast_ratio_known_values(first: str, second: str, ratio: float) -> None:
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("text", ["textColor", "linkColor", "codeTextColor"])
def test_theme_text_has_aa_contrast(theme: str, text: str) -> None:
    colours = THEMES[theme]
    backgrounds = ["backgroundColor", "secondaryBackgroundColor"]
    if text == "codeTextColor":
        backgrounds.append("codeBackgroundColor")
    for background in backgrounds:
        assert contrast_ratio(colours[text], colours[background]) >= 4.5, (theme, text, background)


@pytest.mark.parametrize("theme", THEMES)
def test_chart_outlines_give_every_mark_3_to_1(theme: str) -> None:
    # Bars may be any palette colour; their outline is what meets WCAG 1.4.11 against the page.
    assert contrast_ratio(OUTLINE_COLOURS[theme], THEMES[theme]["backgroundColor"]) >= 3


@pytest.mark.parametrize(
    "choice", [*schema.STAKEHOLDER_GROUPS.values(), *schema.ACTION_AREAS.values()], ids=lambda c: c.id
)
def test_badge_text_on_every_palette_colour(choice: schema.Choice) -> None:
    assert contrast_ratio(readable_text_colour(choice.colour), choice.colour) >= 4.5
