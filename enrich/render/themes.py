"""Card themes as data, custom colours, and the WCAG contrast arithmetic that keeps them legible.

A theme is a handful of colours by role. Text roles (``title``, ``text``, ``muted``,
``tag_text``) must reach WCAG AA contrast (4.5:1) against ``background`` (or ``tag_bg``
for ``tag_text``); the test suite computes it for every theme. ``icon`` and ``border`` are
graphics, not text. The special name ``auto`` renders ``light`` and switches to ``dark``
inside the SVG with ``@media (prefers-color-scheme: dark)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from enrich.errors import ConfigError

AUTO = "auto"
"""The theme that follows the reader's colour scheme (light by default, dark on request)."""

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours by role, each ``#rrggbb``."""

    name: str
    background: str
    border: str
    title: str
    text: str
    muted: str
    icon: str
    tag_bg: str
    tag_text: str


@dataclass(frozen=True, slots=True)
class ColourOverrides:
    """Custom colours from config: any role left ``None`` keeps the theme's colour."""

    background: str | None = None
    border: str | None = None
    title: str | None = None
    text: str | None = None
    muted: str | None = None
    icon: str | None = None
    tag_bg: str | None = None
    tag_text: str | None = None


def _theme(name: str, colours: str) -> Theme:
    """A theme from its colours in field order: background border title text muted icon
    tag_bg tag_text."""
    return Theme(name, *colours.split())


THEMES: dict[str, Theme] = {
    theme.name: theme
    for theme in (
        _theme("light", "#ffffff #d0d7de #0550ae #1f2328 #59636e #9a6700 #fff8c5 #7d4e00"),
        _theme("dark", "#0d1117 #30363d #58a6ff #e6edf3 #9198a1 #e3b341 #3b2e00 #f2cc60"),
        _theme("dimmed", "#22272e #444c56 #6cb6ff #cdd9e5 #9ca8b4 #daaa3f #41341a #eac55f"),
        _theme("high-contrast", "#ffffff #000000 #0030a8 #000000 #2c2c2c #5c3c00 #000000 #ffffff"),
        _theme(
            "solarized-light", "#fdf6e3 #93a1a1 #1f6aa5 #073642 #4f6168 #8a6100 #eee8d5 #7a4600"
        ),
        _theme("solarized-dark", "#002b36 #586e75 #6ab0f3 #eee8d5 #a3b2b2 #c9a227 #073642 #e0c060"),
        _theme("nord", "#2e3440 #4c566a #88c0d0 #eceff4 #b4bccb #ebcb8b #3b4252 #ebcb8b"),
        _theme("dracula", "#282a36 #44475a #bd93f9 #f8f8f2 #a9b1d6 #f1fa8c #44475a #f1fa8c"),
        _theme("gruvbox", "#282828 #504945 #fabd2f #ebdbb2 #bdae93 #fe8019 #3c3836 #fabd2f"),
        _theme("tokyo-night", "#1a1b27 #2f334d #7aa2f7 #c0caf5 #9aa5ce #e0af68 #2f334d #e0af68"),
    )
}
"""Every named theme; ``auto`` is not here: it is light and dark together."""

TEXT_ROLES = ("title", "text", "muted")
"""Roles drawn as text on ``background`` (``tag_text`` is drawn on ``tag_bg``)."""


def theme_names() -> list[str]:
    """Every theme a user may ask for, ``auto`` included."""
    return [AUTO, *THEMES]


def normalise_colour(value: str) -> str:
    """``#abc``/``abc``/``#aabbcc`` -> ``#aabbcc``; ``ConfigError`` for anything else."""
    match = _HEX.fullmatch(value.strip())
    if match is None:
        raise ConfigError(f"not a hex colour: {value!r} (expected #rgb or #rrggbb)")
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def resolve_theme(name: str, overrides: ColourOverrides | None = None) -> Theme:
    """The named theme with custom colours applied (``auto`` resolves to its light half)."""
    base_name = "light" if name == AUTO else name
    try:
        theme = THEMES[base_name]
    except KeyError:
        raise ConfigError(f"unknown theme {name!r} (known: {', '.join(theme_names())})") from None
    return apply_overrides(theme, overrides)


def apply_overrides(theme: Theme, overrides: ColourOverrides | None) -> Theme:
    """``theme`` with every non-``None`` colour of ``overrides`` put in."""
    if overrides is None:
        return theme
    changes = {
        f.name: normalise_colour(value)
        for f in fields(overrides)
        if (value := getattr(overrides, f.name)) is not None
    }
    return replace(theme, **changes) if changes else theme


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    hex_digits = normalise_colour(colour)[1:]
    channels = []
    for i in (0, 2, 4):
        c = int(hex_digits[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)
