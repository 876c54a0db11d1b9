"""Characters no font has, drawn in PNGs as boxes that keep their measured width.

resvg draws a character no font has as an empty box, and ``textLength`` pins a run to the
width the layout measured. But a cluster of several such characters (an emoji joined by
U+200D, a flag's two regional indicators, an emoji with a skin tone) is one cluster to the
shaper and two or more boxes on the canvas, and resvg then draws the run wider than its
``textLength``: past the card's padding, or clipped at its edge. Before a card goes to resvg,
each such character becomes U+25A1 WHITE SQUARE (the bundled font has it) and the marks
that only join or modify an emoji are dropped, so every box is one plain glyph and the run
keeps its width. The SVG keeps the original text: a browser has emoji fonts.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

from enrich.render.layout import Card, Text
from enrich.render.text_measure import covered

BOX = "\u25a1"


def _is_mark(char: str) -> bool:
    """Joiners, variation selectors, skin tones, tags and the keycap: marks on an emoji."""
    code = ord(char)
    return (
        code == 0x200D
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or code == 0x20E3
        or 0xE0100 <= code <= 0xE01EF
    )


@cache
def _cmap_of(path: Path) -> frozenset[int]:
    """Every code point one font file (or any font of a collection) maps."""
    if path.suffix.lower() in (".ttc", ".otc"):
        collection = TTCollection(str(path), lazy=True)
        return frozenset(code for font in collection.fonts for code in font.getBestCmap())
    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap())


def boxed(text: str, bold: bool, extra_fonts: Sequence[Path] = ()) -> str:
    """``text`` with each character no font has as ``BOX``, and the marks beside one dropped."""
    extra = [_cmap_of(path) for path in extra_fonts]

    def missing(char: str) -> bool:
        if char.isspace() or unicodedata.category(char) == "Cf":
            return False  # format characters (bidi isolates, ...) are invisible, never boxes
        return not (covered(char, bold) or any(ord(char) in c for c in extra))

    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if not _is_mark(text[i]):
            out.append(BOX if missing(text[i]) else text[i])
            i += 1
            continue
        end = i
        while end < n and _is_mark(text[end]):
            end += 1
        before = i > 0 and missing(text[i - 1])
        after = end < n and missing(text[end])
        if not (before or after or any(missing(c) for c in text[i:end])):
            out.append(text[i:end])
        i = end
    return "".join(out)


def box_missing_glyphs(card: Card, extra_fonts: Sequence[Path] = ()) -> Card:
    """``card`` with ``boxed`` text runs (the same object when nothing changes)."""
    changed = False
    elements = []
    for element in card.elements:
        if isinstance(element, Text):
            text = boxed(element.text, element.bold, extra_fonts)
            if text != element.text:
                element, changed = dataclasses.replace(element, text=text), True
        elements.append(element)
    return dataclasses.replace(card, elements=tuple(elements)) if changed else card
