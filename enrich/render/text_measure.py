"""Text width with the bundled font, as the rasterizer shapes it, plus fitting helpers.

Simple text (Latin-1 and common punctuation) is measured from the font's advance and
kerning tables (``font_metrics``), which is exactly what HarfBuzz does with it; anything
else goes through Pillow's ``getlength`` with the RAQM (HarfBuzz) layout engine when
Pillow has it, so kerning matches resvg's shaping. Glyphs the font lacks (CJK, most
emoji) are measured as a browser's fallback font would draw them: one em for wide
characters, 0.6 em otherwise, so a description in any script keeps its box. Each text
run also carries ``textLength`` in the SVG, which pins the drawn width to the measured
one in every renderer.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont, features

from enrich.render.font_metrics import font_path, metrics

FONT_FAMILY = "DejaVu Sans"
"""The family name inside the vendored files; the SVG falls back to Verdana, sans-serif."""
ELLIPSIS = "…"

_WIDE = frozenset("WF")

__all__ = [
    "ELLIPSIS",
    "FONT_FAMILY",
    "covered",
    "ellipsize",
    "font_files",
    "font_path",
    "pil_font",
    "text_width",
    "wrap",
]


def font_files() -> list[Path]:
    """Every vendored font file, for the rasterizer."""
    return [font_path(False), font_path(True)]


@cache
def pil_font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    """The vendored font at ``size`` px through Pillow (raqm shaping where available)."""
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
def shaped_width(text: str, size: float, bold: bool = False) -> float:
    """The width through the shaper (Pillow), with fallback widths for missing glyphs."""
    cmap = _cmap(bold)
    known = "".join(c for c in text if ord(c) in cmap)
    width = pil_font(size, bold).getlength(known) if known else 0.0
    if len(known) != len(text):
        width += sum(_fallback_width(c, size) for c in text if ord(c) not in cmap)
    return width


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` in px at ``size`` px, rounded to 0.01 px."""
    if not text:
        return 0.0
    table = metrics(bold)
    if table.simple(text):
        return round(table.width64(text, size) / 64, 2)
    return round(shaped_width(text, size, bold), 2)


def ellipsize(
    text: str, max_width: float, size: float, bold: bool = False, *, prefer_words: bool = False
) -> str:
    """``text`` itself when it fits ``max_width``, else its longest prefix that fits plus ``…``.

    With ``prefer_words`` the cut moves back to a word boundary when one is near the end.
    """
    if text_width(text, size, bold) <= max_width:
        return text
    if text_width(ELLIPSIS, size, bold) > max_width:
        return ""
    table = metrics(bold)
    if table.simple(text + ELLIPSIS) and table.substitute(text) == text:
        low = _fitting_prefix_simple(text, max_width, size, bold)
    else:
        low, high = 0, len(text)
        while low < high:  # the longest prefix whose ellipsised form fits
            mid = (low + high + 1) // 2
            if text_width(text[:mid].rstrip() + ELLIPSIS, size, bold) <= max_width:
                low = mid
            else:
                high = mid - 1
    cut = text[:low]
    space = cut.rfind(" ")
    if prefer_words and space > 0.6 * len(cut):  # end on a whole word when that costs little
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def _fitting_prefix_simple(text: str, max_width: float, size: float, bold: bool) -> int:
    """The longest ``k`` with ``text[:k].rstrip() + "…"`` within ``max_width`` (simple text)."""
    table = metrics(bold)
    advances, kerns = table.sized(size)
    prefix = table.prefix_widths64(text, size)
    for k in range(len(text), 0, -1):
        end = len(text[:k].rstrip())
        if end == 0:
            return 0
        width = prefix[end] + kerns[text[end - 1] + ELLIPSIS] + advances[ELLIPSIS]
        if round(width / 64, 2) <= max_width:
            return k
    return 0


class _Line:
    """A line being filled word by word; its width grows additively for simple text."""

    def __init__(self, size: float, bold: bool) -> None:
        self.size, self.bold = size, bold
        self.text = ""
        self.width64 = 0
        self.last = ""
        self._pending = -1
        self._pending_last = ""
        self.table = metrics(bold)

    def width_with(self, word: str) -> float:
        """The line's width in px if ``word`` were appended (with a space)."""
        self._pending = -1
        table = self.table
        if not table.simple(word):
            return text_width(f"{self.text} {word}" if self.text else word, self.size, self.bold)
        glyphs = table.substitute(word)
        if not self.text:
            self._pending = table.glyph_width64(glyphs, self.size)
        elif self.width64 >= 0:
            advances, kerns = table.sized(self.size)
            join = kerns[self.last + " "] + advances[" "] + kerns[" " + glyphs[0]]
            self._pending = self.width64 + join + table.glyph_width64(glyphs, self.size)
        else:
            return text_width(f"{self.text} {word}", self.size, self.bold)
        self._pending_last = glyphs[-1]
        return round(self._pending / 64, 2)

    def append(self, word: str) -> None:
        """Append ``word``; call right after ``width_with(word)``."""
        self.text = f"{self.text} {word}" if self.text else word
        self.width64 = self._pending
        self.last = self._pending_last if self._pending >= 0 else ""


def wrap(text: str, max_width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines; the last one ellipsised if cut.

    A word longer than a line (a URL, a CJK run without spaces) is broken by characters.
    """
    words = text.split()
    lines: list[str] = []
    line = _Line(size, bold)
    index = 0
    while index < len(words):
        word = words[index]
        if line.width_with(word) <= max_width:
            line.append(word)
            index += 1
            continue
        if not line.text:  # a single word wider than the line: split it by characters
            cut = _longest_fitting_prefix(word, max_width, size, bold)
            line.width_with(word[:cut])
            line.append(word[:cut])
            words[index] = word[cut:]
        lines.append(line.text)
        line = _Line(size, bold)
        if len(lines) == max_lines:
            break
    if line.text and len(lines) < max_lines:
        lines.append(line.text)
        index = len(words)
    if index < len(words) and lines:
        # the last line plus the next word already overflows, so the cut falls inside it
        rest = " ".join([lines[-1], words[index]])
        if text_width(rest, size, bold) <= max_width:  # only after a word split by characters
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
