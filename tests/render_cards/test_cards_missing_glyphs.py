"""Characters no font has keep their measured width in PNGs (resvg widened joined emoji)."""

from __future__ import annotations

import dataclasses
import io

import pytest
from PIL import Image, ImageChops

from enrich.render.card_data import RepoData
from enrich.render.cards import CardOptions, card_bytes
from enrich.render.layout import Text, layout_repo_card
from enrich.render.missing_glyphs import BOX, boxed
from enrich.render.png import rasterize
from enrich.render.svg import render_svg
from enrich.render.text_measure import font_path
from enrich.render.themes import THEMES

ZWJ = "\u200d"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"ab\U0001f469{ZWJ}\U0001f4bbcd", f"ab{BOX}{BOX}cd"),  # a joined emoji: its boxes
        ("x \U0001f1e8\U0001f1f3 y", f"x {BOX}{BOX} y"),  # a flag's regional indicators
        ("\U0001f44d\U0001f3fd!", f"{BOX}!"),  # a skin tone is a mark on its emoji
        ("a\u2764\ufe0fb", "a\u2764\ufe0fb"),  # the bundled font has this one: kept whole
        ("café 中", f"café {BOX}"),
    ],
)
def test_boxed(text: str, expected: str) -> None:
    assert boxed(text, bold=False) == expected


def test_a_fallback_font_that_has_the_character_keeps_it() -> None:
    assert boxed("a中", bold=False, extra_fonts=(font_path(False),)) == f"a{BOX}"  # DejaVu: no
    assert boxed("a\u00e9", bold=True, extra_fonts=(font_path(True),)) == "a\u00e9"


@pytest.mark.parametrize(
    "description",
    [
        f"Handy tools for every developer \U0001f468{ZWJ}\U0001f4bb\U0001f469{ZWJ}\U0001f52c "
        "who loves the terminal and fast builds",
        "跨平台的工具 \U0001f680\U0001f525\U0001f469" + f"{ZWJ}\U0001f469{ZWJ}\U0001f467 "
        "for flags \U0001f1e8\U0001f1f3\U0001f1ef\U0001f1f5 and thumbs \U0001f44d\U0001f3fd",
    ],
)
def test_a_png_draws_no_text_past_its_measured_width(description: str) -> None:
    card = layout_repo_card(RepoData("a/b", description, 5, 1, "Python"), THEMES["light"])
    png = Image.open(io.BytesIO(card_bytes(card, "png", options=CardOptions())))
    shapes_only = dataclasses.replace(
        card, elements=tuple(e for e in card.elements if not isinstance(e, Text))
    )
    background = Image.open(io.BytesIO(rasterize(render_svg(shapes_only))))
    ink = ImageChops.difference(png.convert("RGB"), background.convert("RGB")).getbbox()
    assert ink is not None
    right = max(t.left + t.width for t in card.texts())
    assert ink[2] <= right + 1.5, (ink, right)


def test_invisible_format_characters_are_never_boxes() -> None:
    assert boxed("a\u2066b\u2069 \u061c", bold=False) == "a\u2066b\u2069 \u061c"
