"""The card model: every position, size, text run and colour role, computed once.

A ``Card`` is pure data; ``svg.render_svg`` turns it into SVG through a template and
``png_compose`` draws the PNG from the same elements, so the two cannot disagree. Every
text run carries its measured width (the SVG's ``textLength``) and fits its box by
construction: text that would not fit is ellipsised here, never clipped by a renderer.
Numbers are rounded to 0.01 px so snapshots are stable.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

from enrich.render.card_data import RepoData
from enrich.render.numbers import format_compact
from enrich.render.text_measure import ellipsize, text_width, wrap
from enrich.render.themes import Theme


@dataclass(frozen=True, slots=True)
class Text:
    """One run of text; ``x`` is its left edge (``anchor="start"``) or right edge (``"end"``)."""

    x: float
    y: float
    text: str
    size: float
    role: str
    width: float
    bold: bool = False
    anchor: str = "start"
    kind: str = field(default="text", init=False)

    @property
    def left(self) -> float:
        return self.x - self.width if self.anchor == "end" else self.x

    @property
    def right(self) -> float:
        return self.x if self.anchor == "end" else self.x + self.width


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle filled with a theme role, optionally stroked with another."""

    x: float
    y: float
    width: float
    height: float
    role: str
    rx: float = 0
    stroke: str | None = None
    kind: str = field(default="rect", init=False)


@dataclass(frozen=True, slots=True)
class Dot:
    """A filled circle in an explicit colour (a language's colour)."""

    cx: float
    cy: float
    r: float
    colour: str
    kind: str = field(default="dot", init=False)


@dataclass(frozen=True, slots=True)
class Icon:
    """A 16-unit icon path scaled to ``size`` px at (``x``, ``y``), stroked or filled."""

    x: float
    y: float
    size: float
    d: str
    role: str
    stroked: bool
    kind: str = field(default="icon", init=False)

    @property
    def scale(self) -> float:
        return round(self.size / 16, 4)


Element = Text | Rect | Dot | Icon


@dataclass(frozen=True, slots=True)
class Card:
    """A laid-out card: size, accessible text, colours and elements in paint order."""

    kind: str
    ident: str
    width: float
    height: float
    title: str
    desc: str
    theme: Theme
    dark: Theme | None
    elements: tuple[Element, ...]

    def texts(self) -> list[Text]:
        return [e for e in self.elements if isinstance(e, Text)]


def _star_path() -> str:
    points = []
    for i in range(10):
        radius = 7.6 if i % 2 == 0 else 3.3
        angle = math.pi / 2 + i * math.pi / 5
        points.append(f"{8 + radius * math.cos(angle):.2f} {8.6 - radius * math.sin(angle):.2f}")
    return "M" + "L".join(points) + "Z"


ICONS: dict[str, tuple[str, bool]] = {
    "star": (_star_path(), False),
    "fork": (
        "M4 5.2v1.3a2 2 0 0 0 2 2h4a2 2 0 0 0 2-2V5.2M8 8.5v2.3"
        "M5.8 3.2a1.8 1.8 0 1 1-3.6 0a1.8 1.8 0 1 1 3.6 0"
        "M13.8 3.2a1.8 1.8 0 1 1-3.6 0a1.8 1.8 0 1 1 3.6 0"
        "M9.8 12.8a1.8 1.8 0 1 1-3.6 0a1.8 1.8 0 1 1 3.6 0",
        True,
    ),
    "repo": (
        "M3 13V3a1.5 1.5 0 0 1 1.5-1.5H13v10H4.5A1.5 1.5 0 0 0 3 13a1.5 1.5 0 0 0 "
        "1.5 1.5H13M6 1.5v6l1.5-1.2L9 7.5v-6",
        True,
    ),
    "pr": (
        "M4 5.2v5.6M5.8 3.2a1.8 1.8 0 1 1-3.6 0a1.8 1.8 0 1 1 3.6 0"
        "M5.8 12.8a1.8 1.8 0 1 1-3.6 0a1.8 1.8 0 1 1 3.6 0"
        "M13.8 12.8a1.8 1.8 0 1 1-3.6 0a1.8 1.8 0 1 1 3.6 0"
        "M12 11V6a2 2 0 0 0-2-2H7.5M9.3 2.2L7.5 4l1.8 1.8",
        True,
    ),
    "merged": (
        "M4 5.2v5.6M5.8 3.2a1.8 1.8 0 1 1-3.6 0a1.8 1.8 0 1 1 3.6 0"
        "M5.8 12.8a1.8 1.8 0 1 1-3.6 0a1.8 1.8 0 1 1 3.6 0"
        "M13.8 9a1.8 1.8 0 1 1-3.6 0a1.8 1.8 0 1 1 3.6 0M4 5.2a4 4 0 0 0 4 3.8h2.2",
        True,
    ),
    "people": (
        "M8.5 5a2.5 2.5 0 1 1-5 0a2.5 2.5 0 1 1 5 0M1.5 14.5a4.5 4.5 0 0 1 9 0"
        "M10.5 2.7a2.3 2.3 0 0 1 0 4.6M12.5 10a4.5 4.5 0 0 1 2 4.5",
        True,
    ),
}
"""Icons drawn for enrich on a 16-unit grid (own geometry, no third-party artwork)."""


def icon(name: str, x: float, y: float, size: float, role: str = "icon") -> Icon:
    d, stroked = ICONS[name]
    return Icon(x=r2(x), y=r2(y), size=size, d=d, role=role, stroked=stroked)


def r2(value: float) -> float:
    """Round a coordinate to 0.01 px (stable output)."""
    return round(value + 0.0, 2)


def text(
    x: float,
    y: float,
    content: str,
    size: float,
    role: str,
    *,
    bold: bool = False,
    anchor: str = "start",
) -> Text:
    """A text run with its measured width."""
    return Text(
        x=r2(x),
        y=r2(y),
        text=content,
        size=size,
        role=role,
        width=text_width(content, size, bold),
        bold=bold,
        anchor=anchor,
    )


def fitted(
    x: float,
    y: float,
    content: str,
    size: float,
    role: str,
    max_width: float,
    *,
    bold: bool = False,
    anchor: str = "start",
) -> Text:
    """A text run ellipsised to ``max_width``."""
    return text(
        x, y, ellipsize(content, max_width, size, bold), size, role, bold=bold, anchor=anchor
    )


def card_ident(kind: str, key: str) -> str:
    """A short stable id prefix, unique per card, for ``aria-labelledby`` targets."""
    return "e" + hashlib.sha1(f"{kind}:{key}".encode(), usedforsecurity=False).hexdigest()[:8]


def frame(width: float, height: float) -> Rect:
    """The card's background with a 1 px border inside its bounds."""
    return Rect(
        x=0.5, y=0.5, width=width - 1, height=height - 1, role="background", rx=6, stroke="border"
    )


def compact(value: int | None) -> str:
    """A count in compact form (``98.1k``), ``–`` when unknown."""
    return "–" if value is None else format_compact(value)


REPO_WIDTH = 400
REPO_HEIGHT = 120
PAD = 20


def layout_repo_card(data: RepoData, theme: Theme, dark: Theme | None = None) -> Card:
    """The repository card: name, two lines of description, language, stars, forks."""
    elements: list[Element] = [frame(REPO_WIDTH, REPO_HEIGHT)]
    right: float = REPO_WIDTH - PAD
    if data.archived:
        tag = text(0, 0, "Archived", 11, "tag_text")
        tag_width = r2(tag.width + 14)
        elements.append(
            Rect(x=r2(right - tag_width), y=19, width=tag_width, height=18, role="tag_bg", rx=9)
        )
        elements.append(text(right - 7, 32, "Archived", 11, "tag_text", anchor="end"))
        right -= tag_width + 8
    elements.append(icon("repo", PAD, 20, 16, "muted"))
    elements.append(fitted(PAD + 24, 33, data.full_name, 15, "title", right - PAD - 24, bold=True))
    lines = wrap(data.description, REPO_WIDTH - 2 * PAD, 12.5, 2) if data.description else []
    for index, line in enumerate(lines):
        elements.append(text(PAD, 60 + 18 * index, line, 12.5, "text"))
    elements.extend(_repo_footer(data))
    facts = _repo_facts(data)
    summary = f"{data.full_name}: {', '.join(facts)}" if facts else data.full_name
    desc = f"{summary}. {data.description}" if data.description else summary
    return Card(
        kind="repo",
        ident=card_ident("repo", data.full_name.lower()),
        width=REPO_WIDTH,
        height=REPO_HEIGHT,
        title=data.full_name,
        desc=desc,
        theme=theme,
        dark=dark,
        elements=tuple(elements),
    )


def _repo_facts(data: RepoData) -> list[str]:
    facts = []
    if data.stars is not None:
        facts.append(f"{format_compact(data.stars)} stars")
    if data.forks is not None:
        facts.append(f"{format_compact(data.forks)} forks")
    if data.language:
        facts.append(f"written in {data.language}")
    if data.archived:
        facts.append("archived")
    return facts


def _repo_footer(data: RepoData) -> list[Element]:
    """Language, stars and forks along the bottom, each as wide as its text."""
    out: list[Element] = []
    x, base = float(PAD), 104.0
    limit = REPO_WIDTH - PAD
    if data.language:
        out.append(
            Dot(cx=r2(x + 5), cy=r2(base - 4.5), r=5, colour=data.language_color or "#8b949e")
        )
        # the language name gets what the counts leave; counts are short
        label = fitted(x + 15, base, data.language, 12, "muted", 150)
        out.append(label)
        x = label.right + 18
    for name, value in (("star", data.stars), ("fork", data.forks)):
        if value is None:
            continue
        shown = format_compact(value)
        if x + 18 + text_width(shown, 12) > limit:
            break
        out.append(icon(name, x, base - 12, 14, "icon" if name == "star" else "muted"))
        count = text(x + 18, base, shown, 12, "muted")
        out.append(count)
        x = count.right + 18
    return out
