"""Text width with the bundled font, as the rasterizer shapes it, plus fitting helpers.

Widths come from Pillow's ``getlength`` with the vendored DejaVu Sans and the RAQM
(HarfBuzz) layout engine when Pillow has it, so kerning matches resvg's shaping. Glyphs the
font lacks (CJK, most emoji) are measured as a browser's fallback font would draw them:
one em for wide characters, 0.6 em otherwise, so a description in any script keeps its box.
Each text run also carries ``textLength`` in the SVG, which pins the drawn width to the
measured one in every renderer.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont, features

from enrich.resources import fonts_dir

FONT_FAMILY = "DejaVu Sans"
"""The family name inside the vendored files; the SVG falls back to Verdana, sans-serif."""
ELLIPSIS = "…"

_WIDE = frozenset("WF")


def font_path(bold: bool = False) -> Path:
    """The vendored TTF for a weight (regular or bold)."""
    return fonts_dir() / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


def font_files() -> list[Path]:
    """Every vendored font file, for the rasterizer."""
    return [font_path(False), font_path(True)]


@cache
def _pil_font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if features.check_feature("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(font_path(bold)), size=size, layout_engine=engine)


@cache
def _cmap(bold: bool) -> frozenset[int]:
    with TTFont(str(font_path(bold)), lazy=True) as font:
        return frozenset(font.getBestCmap())


def covered(char: str, bold: bool = False) -> bool:
    """Whether the vendored font has a glyph for ``char``."""
    return ord(char) in _cmap(bold)


def _fallback_width(char: str, size: float) -> float:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in _WIDE or ord(char) >= 0x1F000:
        return size
    return 0.6 * size


@lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` in px at ``size`` px, rounded to 0.01 px."""
    if not text:
        return 0.0
    cmap = _cmap(bold)
    known = "".join(c for c in text if ord(c) in cmap)
    width = _pil_font(size, bold).getlength(known) if known else 0.0
    if len(known) != len(text):
        width += sum(_fallback_width(c, size) for c in text if ord(c) not in cmap)
    return round(width, 2)


def ellipsize(
    text: str, max_width: float, size: float, bold: bool = False, *, prefer_words: bool = False
) -> str:
    """``text`` itself when it fits ``max_width``, else its longest prefix that fits plus ``…``.

    With ``prefer_words`` the cut moves back to a word boundary when one is near the end.
    """
    if text_width(text, size, bold) <= max_width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix whose ellipsised form fits
        mid = (low + high + 1) // 2
        if text_width(text[:mid].rstrip() + ELLIPSIS, size, bold) <= max_width:
            low = mid
        else:
            high = mid - 1
    if low == 0 and text_width(ELLIPSIS, size, bold) > max_width:
        return ""
    cut = text[:low]
    space = cut.rfind(" ")
    if prefer_words and space > 0.6 * len(cut):  # end on a whole word when that costs little
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def wrap(text: str, max_width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines; the last one ellipsised if cut.

    A word longer than a line (a URL, a CJK run without spaces) is broken by characters.
    """
    words = text.split()
    lines: list[str] = []
    current = ""
    index = 0
    while index < len(words):
        word = words[index]
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= max_width:
            current = candidate
            index += 1
            continue
        if not current:  # a single word wider than the line: split it by characters
            cut = _longest_fitting_prefix(word, max_width, size, bold)
            current, words[index] = word[:cut], word[cut:]
        lines.append(current)
        current = ""
        if len(lines) == max_lines:
            break
    if current and len(lines) < max_lines:
        lines.append(current)
        index = len(words)
    if index < len(words) and lines:
        rest = " ".join([lines[-1], *words[index:]])
        lines[-1] = ellipsize(rest, max_width, size, bold, prefer_words=True)
    return lines


def _longest_fitting_prefix(word: str, max_width: float, size: float, bold: bool) -> int:
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if text_width(word[:mid], size, bold) <= max_width:
            low = mid
        else:
            high = mid - 1
    return low
