"""Badges in shields.io's styles (flat, flat-square, for-the-badge, social), measured locally.

Geometry follows shields' badge-maker (paddings, heights, rounding widths up to odd
numbers); text widths come from the vendored font instead of shields' Verdana tables, so
each badge fits the font it is drawn in. ``badge_for`` reads the figure from the stats file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from enrich.errors import StatsFileError
from enrich.render.card_data import clean_text
from enrich.render.layout import card_ident
from enrich.render.numbers import as_count, format_compact
from enrich.render.text_measure import ellipsize, text_width
from enrich.render.themes import normalise_colour, resolve_theme
from enrich.stats import Stats

BadgeStyle = Literal["flat", "flat-square", "for-the-badge", "social"]
STYLES: tuple[str, ...] = get_args(BadgeStyle)

LABEL_COLOUR = "#555555"
MESSAGE_COLOUR = "#007ec6"
SHIELDS = "shields"
"""The badge "theme" that keeps shields.io's colours (the default)."""
MAX_TEXT = 240.0
"""No badge text is drawn wider than this (px); longer text is ellipsised."""


@dataclass(frozen=True, slots=True)
class Metric:
    """A badge metric: where its figure lives and how shields labels it."""

    kind: str
    figure: str
    label: str
    suffix: str = ""


METRICS: dict[str, Metric] = {
    "stars": Metric("repo", "stars", "stars"),
    "forks": Metric("repo", "forks", "forks"),
    "watchers": Metric("repo", "watchers", "watchers"),
    "issues": Metric("repo", "open_issues", "issues", " open"),
    "followers": Metric("user", "followers", "followers"),
    "user-stars": Metric("user", "total_stars", "stars"),
}
"""Badge metrics enrich can draw: shields' path segment (``user-stars`` is shields'
``/github/stars/<user>``) -> where the figure lives and the label shields gives it."""


SHIELDS_COLOURS: dict[str, str] = {
    "brightgreen": "#44bb00",
    "green": "#67ac09",
    "yellow": "#d8b800",
    "yellowgreen": "#95991a",
    "orange": "#ea7233",
    "red": "#dd4343",
    "blue": "#007ec6",
    "grey": "#555555",
    "lightgrey": "#939393",
}
"""shields' named colours, as badge-maker 6 draws them."""
_COLOUR_ALIASES = {
    "gray": "grey",
    "lightgray": "lightgrey",
    "critical": "red",
    "important": "orange",
    "success": "brightgreen",
    "informational": "blue",
    "inactive": "lightgrey",
}
_SHIELDS_HEX = re.compile(r"#?((?:[0-9a-fA-F]{3}){1,2})")


def shields_colour(value: str) -> str | None:
    """A shields ``color``/``labelColor`` value as ``#rrggbb``, or ``None`` when enrich cannot
    draw it: a shields name or alias (``red``, ``success``; lower case, as badge-maker
    matches them) or hex with or without ``#`` (``e05d44``, ``#abc``). CSS names
    (``purple``) and ``rgb()``/``hsl()`` are not."""
    name = _COLOUR_ALIASES.get(value, value)
    if name in SHIELDS_COLOURS:
        return SHIELDS_COLOURS[name]
    match = _SHIELDS_HEX.fullmatch(name)
    return normalise_colour(match.group(1)) if match is not None else None


@dataclass(frozen=True, slots=True)
class BadgeLook:
    """What a badge draws beyond its figure and style: shields' ``label``, ``color`` (the
    message half) and ``labelColor``, ``None`` for shields' default. Colours are ``#rrggbb``."""

    label: str | None = None
    colour: str | None = None
    label_colour: str | None = None

    @property
    def plain(self) -> bool:
        """Whether this is the default badge (no option changes what it draws)."""
        return self == PLAIN


PLAIN = BadgeLook()


@dataclass(frozen=True, slots=True)
class BadgeText:
    """One centred text of a badge: centre ``x``, baseline ``y``, measured ``width``."""

    text: str
    x: float
    y: float
    width: float
    size: float
    bold: bool
    fill: str
    shadow: str | None


@dataclass(frozen=True, slots=True)
class Badge:
    """A laid-out badge: widths of its two halves and its two texts."""

    style: str
    ident: str
    label: BadgeText
    message: BadgeText
    left_width: float
    right_width: float
    height: float
    label_colour: str
    colour: str

    @property
    def width(self) -> float:
        return self.left_width + self.right_width

    @property
    def accessible(self) -> str:
        return f"{self.label.text}: {self.message.text}"


def _odd(width: float) -> int:
    """The box width badge-maker gives a text: truncated, then up to an odd number (for
    pixel-grid alignment). The text keeps its measured width and is centred in the box;
    the 5 px padding absorbs the (< 1 px) difference."""
    whole = int(width)
    return whole + 1 if whole % 2 == 0 else whole


def _text_colours(background: str, text_colour: str | None = None) -> tuple[str, str | None]:
    """(text, shadow) as badge-maker picks them: white on dark, #333 on light (YIQ brightness).

    A given ``text_colour`` wins, without a shadow.
    """
    if text_colour is not None:
        return text_colour, None
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    if round((red * 299 + green * 587 + blue * 114) / 255000, 2) <= 0.69:
        return "#ffffff", "#010101"
    return "#333333", "#cccccc"


def theme_colours(theme: str | None) -> dict[str, str]:
    """``layout_badge`` colours for a card theme: label on ``muted``, message on ``title``,
    text in the theme's ``background`` (so the theme's WCAG test covers the badge too).
    ``None`` or ``"shields"``: shields' own colours."""
    if theme is None or theme == SHIELDS:
        return {}
    named = resolve_theme(theme)
    return {"label_colour": named.muted, "colour": named.title, "text_colour": named.background}


def layout_badge(
    label: str,
    message: str,
    style: str = "flat",
    *,
    colour: str = MESSAGE_COLOUR,
    label_colour: str = LABEL_COLOUR,
    text_colour: str | None = None,
) -> Badge:
    """A badge for ``label``/``message`` in one of shields' styles.

    ``text_colour`` replaces badge-maker's choice (white or #333 by background brightness,
    with a shadow in the flat style) for both halves; themed badges use it.
    """
    if style not in STYLES:
        raise ValueError(f"unknown badge style {style!r} (known: {', '.join(STYLES)})")
    colour, label_colour = normalise_colour(colour), normalise_colour(label_colour)
    text_colour = normalise_colour(text_colour) if text_colour is not None else None
    label, message = clean_text(label), clean_text(message)
    ident = card_ident("badge", f"{style}:{label}:{message}")
    if style == "for-the-badge":
        return _for_the_badge(
            label.upper(), message.upper(), ident, colour, label_colour, text_colour
        )
    if style == "social":
        return _social(label[:1].upper() + label[1:], message, ident)
    size = 11.0
    label = ellipsize(label, MAX_TEXT, size)
    message = ellipsize(message, MAX_TEXT, size)
    label_w, message_w = text_width(label, size), text_width(message, size)
    left, right = _odd(label_w) + 10, _odd(message_w) + 10
    shadowed = style == "flat"
    fill, shadow = _text_colours(label_colour, text_colour)
    label_text = BadgeText(label, 6 + _odd(label_w) / 2, 14, label_w, size, False, fill,
                           shadow if shadowed else None)  # fmt: skip
    fill, shadow = _text_colours(colour, text_colour)
    message_text = BadgeText(message, left + 4 + _odd(message_w) / 2, 14, message_w, size,
                             False, fill, shadow if shadowed else None)  # fmt: skip
    return Badge(style, ident, label_text, message_text, left, right, 20, label_colour, colour)


def _for_the_badge(
    label: str, message: str, ident: str, colour: str, label_colour: str, text_colour: str | None
) -> Badge:
    size, spacing = 10.0, 1.25
    label = ellipsize(label, MAX_TEXT, size)
    message = ellipsize(message, MAX_TEXT, size, bold=True)
    label_w = text_width(label, size) + spacing * len(label)
    message_w = text_width(message, size, bold=True) + spacing * len(message)
    left = 12 + label_w + 12
    right = 24 + message_w
    fill, _ = _text_colours(label_colour, text_colour)
    label_text = BadgeText(label, 12 + label_w / 2, 17.5, label_w, size, False, fill, None)
    fill, _ = _text_colours(colour, text_colour)
    message_text = BadgeText(message, left + 12 + message_w / 2, 17.5, message_w, size, True,
                             fill, None)  # fmt: skip
    return Badge("for-the-badge", ident, label_text, message_text, left, right, 28,
                 label_colour, colour)  # fmt: skip


def _social(label: str, message: str, ident: str) -> Badge:
    size = 11.0
    label = ellipsize(label, MAX_TEXT, size, bold=True)
    message = ellipsize(message, MAX_TEXT, size, bold=True)
    label_w = text_width(label, size, bold=True)
    message_w = text_width(message, size, bold=True) if message else 0
    label_rect = _odd(label_w) + 10
    message_rect = _odd(message_w) + 8 if message else 8
    label_text = BadgeText(label, label_rect / 2 + 0.5, 14, label_w, size, True, "#333333",
                           "#ffffff")  # fmt: skip
    message_text = BadgeText(message, label_rect + 6 + message_rect / 2, 14, message_w, size,
                             True, "#333333", "#ffffff")  # fmt: skip
    right = 6 + message_rect if message else 0
    return Badge("social", ident, label_text, message_text, label_rect + 1, right, 20,
                 "#fcfcfc", "#fafafa")  # fmt: skip


def badge_for(
    stats: Stats,
    target: str,
    metric: str = "stars",
    style: str = "flat",
    theme: str | None = None,
    look: BadgeLook = PLAIN,
) -> Badge:
    """The badge for ``owner/repo`` (or a user for ``followers``) from the stats file.

    ``look``'s label and colours win over the metric's label and the theme's colours (the
    social style has fixed colours, as in shields)."""
    if metric not in METRICS:
        raise StatsFileError(f"unknown badge metric {metric!r} (known: {', '.join(METRICS)})")
    spec = METRICS[metric]
    key = f"{spec.kind}:{target.lower()}"
    item = stats.get(key)
    value = as_count(item.value(spec.figure)) if item is not None else None
    if value is None:  # missing, or not a count (a hand edit): no badge rather than a false one
        raise StatsFileError(f"no {spec.figure} figure for {target} in the stats file ({key!r})")
    message = format_compact(value) + spec.suffix
    colours = theme_colours(theme)
    if look.colour is not None:
        colours["colour"] = look.colour
    if look.label_colour is not None:
        colours["label_colour"] = look.label_colour
    label = spec.label if look.label is None else look.label
    return layout_badge(label, message, style, **colours)
