"""Advances and kerning of the vendored font, as HarfBuzz applies them to simple text.

For Latin-1 text and common punctuation, HarfBuzz (Pillow's RAQM layout, and resvg's
rustybuzz) only adds each glyph's advance and the GPOS ``kern`` pair adjustments, each
scaled to 1/64 px and rounded half up. Reading those tables once makes measuring such
text ~3x cheaper than a shaping call, and additive, so a line can grow word by word.
A test checks this against Pillow on thousands of random strings. Text with anything
else (other scripts, marks, the ``ff``/``fi``/``fl`` ligatures) is left to the shaper.
"""

from __future__ import annotations

import math
import operator
import re
from functools import cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

from enrich.resources import fonts_dir

SIMPLE = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0x100) if c != 0xAD]
    + list("…–—‘’“”·•★")
)
"""Characters whose shaping in DejaVu Sans is advance plus pair kerning, nothing else."""


def font_path(bold: bool = False) -> Path:
    """The vendored TTF for a weight (regular or bold)."""
    return fonts_dir() / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


_WORD_CACHE_LENGTH = 24
_WORD_CACHE_SIZE = 50_000
"""Bounds of the per-size cache of short strings' widths (memory stays a few MB)."""


class FontMetrics:
    """One weight's advances and ``kern`` pairs, in font units, plus per-size caches."""

    def __init__(self, bold: bool) -> None:
        font = TTFont(str(font_path(bold)), lazy=True)
        self.bold = bold
        self.units_per_em: int = font["head"].unitsPerEm
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        self.glyphs: dict[str, str] = {c: cmap[ord(c)] for c in SIMPLE if ord(c) in cmap}
        self.advances: dict[str, int] = {c: metrics[g][0] for c, g in self.glyphs.items()}
        self._simple_chars = frozenset(self.glyphs)
        self._subtables = _kern_subtables(font)
        self._pairs: dict[str, int] = {}
        self.ligatures = _ligatures(font, cmap)
        self._ligature_pattern = (
            re.compile(
                "|".join(re.escape(k) for k in sorted(self.ligatures, key=len, reverse=True))
            )
            if self.ligatures
            else None
        )
        for ligature in self.ligatures.values():
            self.glyphs[ligature] = cmap[ord(ligature)]
            self.advances[ligature] = metrics[cmap[ord(ligature)]][0]
        self._sized: dict[float, tuple[dict[str, int], _Kerns]] = {}
        self._words: dict[float, dict[str, int]] = {}

    def simple(self, text: str) -> bool:
        """Whether ``text`` can be measured from the tables alone."""
        return self._simple_chars.issuperset(text)

    def substitute(self, text: str) -> str:
        """``text`` with the font's default Latin ligatures (``fi`` -> U+FB01) applied."""
        pattern = self._ligature_pattern
        if pattern is None or "f" not in text:
            return text
        return pattern.sub(lambda m: self.ligatures[m.group(0)], text)

    def pair_units(self, pair: str) -> int:
        """The kerning between two characters, in font units (cached)."""
        value = self._pairs.get(pair)
        if value is None:
            value = self._pairs[pair] = _pair_adjustment(
                self._subtables, self.glyphs[pair[0]], self.glyphs[pair[1]]
            )
        return value

    def sized(self, size: float) -> tuple[dict[str, int], _Kerns]:
        """(advance in 1/64 px by char, kerning in 1/64 px by pair) at ``size`` px."""
        found = self._sized.get(size)
        if found is None:
            scale = size * 64 / self.units_per_em
            advances = {c: math.floor(a * scale + 0.5) for c, a in self.advances.items()}
            found = self._sized[size] = (advances, _Kerns(self, scale))
        return found

    def width64(self, text: str, size: float) -> int:
        """The advance width of simple ``text`` at ``size`` px, in 1/64 px."""
        return self.glyph_width64(self.substitute(text), size)

    def glyph_width64(self, text: str, size: float) -> int:
        """Like ``width64`` for text whose ligatures are already substituted.

        Short strings (words, counts) are remembered per size: descriptions reuse words.
        """
        words = self._words.get(size)
        if words is None:
            words = self._words[size] = {}
        known = words.get(text)
        if known is not None:
            return known
        advances, kerns = self.sized(size)
        total = sum(map(advances.__getitem__, text))
        total += sum(map(kerns.__getitem__, map(operator.add, text, text[1:])))
        if len(text) <= _WORD_CACHE_LENGTH and len(words) < _WORD_CACHE_SIZE:
            words[text] = total
        return total

    def prefix_widths64(self, text: str, size: float) -> list[int]:
        """``[width64(text[:k]) for k in range(len(text) + 1)]`` in one pass (no ligatures)."""
        advances, kerns = self.sized(size)
        widths = [0]
        previous = ""
        for char in text:
            step = advances[char] + (kerns[previous + char] if previous else 0)
            widths.append(widths[-1] + step)
            previous = char
        return widths


class _Kerns(dict[str, int]):
    """Kerning in 1/64 px by two-character string, computed on first use."""

    def __init__(self, table: FontMetrics, scale: float) -> None:
        super().__init__()
        self.table, self.scale = table, scale

    def __missing__(self, pair: str) -> int:
        value = self[pair] = math.floor(self.table.pair_units(pair) * self.scale + 0.5)
        return value


@cache
def metrics(bold: bool) -> FontMetrics:
    """The (cached) metrics of one weight."""
    return FontMetrics(bold)


def _kern_subtables(font: Any) -> list[list[Any]]:
    """PairPos subtables of the ``kern`` feature (Latin default language), per lookup."""
    gpos = font["GPOS"].table
    records = gpos.FeatureList.FeatureRecord
    langsys = next(
        (s.Script.DefaultLangSys for s in gpos.ScriptList.ScriptRecord if s.ScriptTag == "latn"),
        None,
    )
    if langsys is None:
        return []
    indices = sorted(
        {
            index
            for feature in langsys.FeatureIndex
            if records[feature].FeatureTag == "kern"
            for index in records[feature].Feature.LookupListIndex
        }
    )
    lookups = []
    for index in indices:
        lookup = gpos.LookupList.Lookup[index]
        subtables = [s.ExtSubTable if lookup.LookupType == 9 else s for s in lookup.SubTable]
        lookups.append([s for s in subtables if getattr(s, "LookupType", 2) == 2])
    return lookups


def _pair_adjustment(lookups: list[list[Any]], first: str, second: str) -> int:
    """Sum over lookups of the first subtable that applies to the pair (HarfBuzz's order)."""
    total = 0
    for subtables in lookups:
        for table in subtables:
            coverage = table.Coverage.glyphs
            if first not in coverage:
                continue
            if table.Format == 1:
                pair_set = table.PairSet[coverage.index(first)]
                record = next(
                    (r for r in pair_set.PairValueRecord if r.SecondGlyph == second), None
                )
                if record is None:
                    continue
                total += getattr(record.Value1, "XAdvance", 0) or 0
                break
            class1 = table.ClassDef1.classDefs.get(first, 0)
            class2 = table.ClassDef2.classDefs.get(second, 0)
            if class1 >= table.Class1Count or class2 >= table.Class2Count:
                continue
            value = table.Class1Record[class1].Class2Record[class2].Value1
            total += (getattr(value, "XAdvance", 0) or 0) if value is not None else 0
            break
    return total


def _ligatures(font: Any, cmap: dict[int, str]) -> dict[str, str]:
    """Default Latin ligatures of the font among simple characters: ``{"fi": "\ufb01"}``."""
    gsub = font["GSUB"].table
    records = gsub.FeatureList.FeatureRecord
    langsys = next(
        (s.Script.DefaultLangSys for s in gsub.ScriptList.ScriptRecord if s.ScriptTag == "latn"),
        None,
    )
    if langsys is None:
        return {}
    by_glyph = {glyph: chr(code) for code, glyph in cmap.items()}
    found: dict[str, str] = {}
    for feature in langsys.FeatureIndex:
        if records[feature].FeatureTag not in ("liga", "rlig", "clig"):
            continue
        for index in records[feature].Feature.LookupListIndex:
            lookup = gsub.LookupList.Lookup[index]
            for table in lookup.SubTable:
                table = table.ExtSubTable if lookup.LookupType == 7 else table
                for first, ligatures in getattr(table, "ligatures", {}).items():
                    for ligature in ligatures:
                        glyphs = [first, *ligature.Component]
                        chars = "".join(by_glyph.get(g, "\0") for g in glyphs)
                        target = by_glyph.get(ligature.LigGlyph)
                        if target and all(c in SIMPLE for c in chars):
                            found.setdefault(chars, target)
    return found
