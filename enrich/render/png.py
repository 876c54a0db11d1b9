"""SVG to PNG: resvg rasterizes a whole SVG with the vendored fonts; Pillow writes the file.

Badges, and cards whose text needs a fallback font, take this path; other cards are
composed faster from the same markup by ``png_compose``.

resvg ignores ``@font-face`` data URIs, so the font files are passed explicitly and system
fonts are skipped: the picture depends on enrich's files only, not on the machine. Pillow
re-encodes the pixels without any metadata chunk (no time, no software name), so the same
SVG gives the same bytes. ``@media`` rules are ignored by resvg, so an ``auto`` card
rasterizes in its light colours and animations (there are none) could never play.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import resvg_py
from PIL import Image

from enrich.render.text_measure import FONT_FAMILY, font_files


def rasterize(svg: str, *, scale: int = 1, extra_fonts: Sequence[Path] = ()) -> bytes:
    """PNG bytes of ``svg`` at ``scale`` (1 or 2) times its size, RGBA, deterministic.

    ``extra_fonts`` adds fallback font files (e.g. a CJK font) for glyphs DejaVu lacks;
    without them such glyphs draw as boxes in the width the layout reserved.
    """
    if scale not in (1, 2):
        raise ValueError(f"scale must be 1 or 2, not {scale!r}")
    raw = resvg_py.svg_to_bytes(
        svg_string=svg,
        zoom=float(scale),
        skip_system_fonts=True,
        font_files=[str(p) for p in (*font_files(), *extra_fonts)],
        font_family=FONT_FAMILY,
        sans_serif_family=FONT_FAMILY,
    )
    return encode_png(Image.open(io.BytesIO(bytes(raw))))


def encode_png(image: Image.Image) -> bytes:
    """A PNG of ``image`` with no ancillary chunks, so equal pixels give equal bytes."""
    out = io.BytesIO()
    if image.mode != "RGBA":
        image = image.convert("RGBA")
    image.save(out, format="PNG", compress_level=1)  # level 1: as small as 6 here, faster
    return out.getvalue()
