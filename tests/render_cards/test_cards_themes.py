"""Themes: every text colour passes WCAG AA against its background; overrides and errors."""

from __future__ import annotations

import pytest

from enrich.errors import ConfigError
from enrich.render.themes import (
    AUTO,
    TEXT_ROLES,
    THEMES,
    ColourOverrides,
    contrast_ratio,
    normalise_colour,
    resolve_theme,
    theme_names,
)

AA_NORMAL_TEXT = 4.5


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WCAG's own example pair: #777777 on white is just under AA
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_there_are_at_least_eight_themes_plus_auto() -> None:
    assert {"light", "dark"} <= set(THEMES)
    assert len(THEMES) >= 8
    assert theme_names()[0] == AUTO


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_theme_text_passes_wcag_aa(name: str) -> None:
    theme = THEMES[name]
    for role in TEXT_ROLES:
        ratio = contrast_ratio(getattr(theme, role), theme.background)
        assert ratio >= AA_NORMAL_TEXT, f"{name}.{role} is {ratio:.2f}:1 on its background"
    tag = contrast_ratio(theme.tag_text, theme.tag_bg)
    assert tag >= AA_NORMAL_TEXT, f"{name}.tag_text is {tag:.2f}:1 on tag_bg"


def test_custom_colours_override_the_theme() -> None:
    theme = resolve_theme("dark", ColourOverrides(title="#F0A", background="123456"))
    assert theme.title == "#ff00aa"
    assert theme.background == "#123456"
    assert theme.text == THEMES["dark"].text


def test_auto_resolves_to_light_and_unknown_names_fail_clearly() -> None:
    assert resolve_theme(AUTO) == THEMES["light"]
    with pytest.raises(ConfigError, match="unknown theme 'neon'"):
        resolve_theme("neon")


@pytest.mark.parametrize("bad", ["red", "#12345", "#ggg", "url(x)", ""])
def test_bad_colours_are_config_errors(bad: str) -> None:
    with pytest.raises(ConfigError, match="not a hex colour"):
        normalise_colour(bad)
