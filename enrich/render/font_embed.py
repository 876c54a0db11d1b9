"""The vendored font as a WOFF2 subset in a data URI, so browsers draw the SVG in it.

Inside ``<img>`` a browser loads no external font, but it does read a ``data:`` URI in
an ``@font-face`` rule. Subsetting costs ~0.5 s per weight, so cards share one subset of
printable ASCII plus common typography (the usual case), precomputed and shipped next to
the vendored fonts (``*.base.woff2``, written by ``tools/build_font_subsets.py``; a test
rebuilds it and checks it is identical, so it cannot drift from the fonts or this code).
Only text beyond the base set pays for a subset of its own (cached by character set).
Output is deterministic: the font's ``head.modified`` is not touched when saving.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

from enrich.render.text_measure import covered, font_path

EMBEDDED_FAMILY = "DejaVu Sans"
"""The family name of the embedded subset: the font's own, so resvg (which ignores
``@font-face``) finds the vendored file under the first name of the font stack, and a
browser uses the subset (a declared ``@font-face`` shadows a local font of that name)."""

BASE_CHARS = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset("…–—‘’“”·•")


def base_subset_path(bold: bool) -> Path:
    """Where the shipped WOFF2 subset of ``BASE_CHARS`` for one weight lives."""
    return font_path(bold).with_suffix(".base.woff2")


def subset_woff2(bold: bool, chars: frozenset[str]) -> bytes:
    """A fresh WOFF2 subset of the vendored font holding ``chars`` (slow: ~0.5 s)."""
    # Imported here: fontTools.subset is slow to import and most runs never need it.
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    options.layout_features = ["kern", "liga", "ccmp", "locl", "mark", "mkmk"]
    # Arabic joining: without these a browser draws Arabic in isolated forms.
    options.layout_features += ["init", "medi", "fina", "isol", "rlig", "calt"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.notdef_outline = True
    options.ignore_missing_glyphs = True
    options.drop_tables = [*options.drop_tables, "FFTM"]
    font = TTFont(str(font_path(bold)), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def _woff2(bold: bool, chars: frozenset[str]) -> bytes:
    if chars == BASE_CHARS:
        shipped = base_subset_path(bold)
        if shipped.is_file():
            return shipped.read_bytes()
    return subset_woff2(bold, chars)


@lru_cache(maxsize=128)
def _data_uri(bold: bool, chars: frozenset[str]) -> str:
    payload = base64.b64encode(_woff2(bold, chars)).decode("ascii")
    return f"data:font/woff2;base64,{payload}"


def subset_chars(text: str, bold: bool, *, exact: bool = False) -> frozenset[str]:
    """The characters to embed for ``text``: the shared base set unless ``exact``."""
    present = frozenset(text)
    if not exact and present <= BASE_CHARS:
        return BASE_CHARS
    wanted = frozenset(c for c in present if c.isprintable() and covered(c, bold))
    return wanted if exact else BASE_CHARS | wanted


def font_face_css(regular_text: str, bold_text: str, *, exact: bool = False) -> str:
    """``@font-face`` rules for the regular and bold text a card draws (empty weights skipped)."""
    regular = subset_chars(regular_text, False, exact=exact) if regular_text else frozenset()
    bold = subset_chars(bold_text, True, exact=exact) if bold_text else frozenset()
    return _css(regular, bold)


@lru_cache(maxsize=256)
def _css(regular: frozenset[str], bold: frozenset[str]) -> str:
    rules = []
    for weight, chars in (("normal", regular), ("bold", bold)):
        if chars:
            rules.append(
                f"@font-face{{font-family:{EMBEDDED_FAMILY};font-weight:{weight};"
                f"src:url({_data_uri(weight == 'bold', chars)}) format('woff2')}}"
            )
    return "".join(rules)
