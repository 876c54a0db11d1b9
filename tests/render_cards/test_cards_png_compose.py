"""The composed PNG (cached shape pieces + supersampled Pillow text) draws what resvg draws.

``card_bytes`` composes a card's PNG when its text needs no fallback font; resvg of the
whole SVG stays the reference (and the path for other text), so the two are compared
pixel by pixel for every kind, theme and scale.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from enrich.render.card_data import RepoData
from enrich.render.cards import CardOptions, build_card, card_bytes
from enrich.render.layout import Card, Rect, layout_repo_card
from enrich.render.missing_glyphs import box_missing_glyphs
from enrich.render.png import rasterize
from enrich.render.png_compose import composable, compose_png
from enrich.render.svg import render_svg
from enrich.render.themes import THEMES
from enrich.stats import Stats, from_json

HERE = Path(__file__).parent
MAX_MEAN_DIFF = 2.5  # of 255, per pixel (measured: at most 1.7)
MAX_DIFFERENT_SHARE = 0.01  # pixels differing by more than 64 (measured: at most 0.3%)


@pytest.fixture(scope="module")
def stats() -> Stats:
    return from_json((HERE / "stats.json").read_text(encoding="utf-8"))


def _difference(first: bytes, second: bytes) -> tuple[float, float]:
    a, b = Image.open(io.BytesIO(first)), Image.open(io.BytesIO(second))
    assert a.size == b.size
    histogram = ImageChops.difference(a, b).convert("L").histogram()
    pixels = a.width * a.height
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels
    return mean, sum(histogram[65:]) / pixels


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("kind", ["repo", "contributions", "profile"])
def test_composed_png_matches_resvg_of_the_whole_svg(stats: Stats, kind: str, theme: str) -> None:
    card = build_card(stats, kind, "pytorch/pytorch" if kind == "repo" else "yewentao256", theme)
    assert composable(card)
    for scale in (1, 2):
        composed = compose_png(card, scale)
        mean, share = _difference(composed, rasterize(render_svg(card), scale=scale))
        assert mean <= MAX_MEAN_DIFF, f"{kind}/{theme}@{scale}x: mean difference {mean:.2f}"
        assert share <= MAX_DIFFERENT_SHARE, f"{kind}/{theme}@{scale}x: {share:.1%} differ"
        assert composed == card_bytes(card, "png", scale, options=CardOptions())


def test_text_the_font_cannot_draw_goes_through_resvg_with_fallback_fonts() -> None:
    card = layout_repo_card(
        RepoData("someone/kanji", "漢字の説明 with Latin", 5, 1, "Go", "#00ADD8"), THEMES["light"]
    )
    assert not composable(card)
    options = CardOptions()
    boxed = box_missing_glyphs(card)  # no fallback font given: kanji are boxes
    assert boxed != card
    assert card_bytes(card, "png", options=options) == rasterize(render_svg(boxed))


def test_shapes_keep_paint_order_and_clip_at_the_canvas_edge() -> None:
    theme = THEMES["light"]
    under = Rect(x=-3.5, y=-3.5, width=10, height=10, role="title")  # hangs off the corner
    over = Rect(x=2.25, y=2.25, width=4, height=4, role="background")
    card = Card("test", "t", 12, 12, "", "", theme, None, (under, over))
    image = Image.open(io.BytesIO(compose_png(card))).convert("RGB")
    title = tuple(int(theme.title[i : i + 2], 16) for i in (1, 3, 5))
    background = tuple(int(theme.background[i : i + 2], 16) for i in (1, 3, 5))
    assert image.getpixel((0, 0)) == title
    assert image.getpixel((4, 4)) == background  # the later rect is on top
    assert image.getpixel((10, 10)) == (0, 0, 0)  # outside both: transparent black
    mean, _ = _difference(compose_png(card), rasterize(render_svg(card)))
    assert mean <= MAX_MEAN_DIFF


def test_a_line_beginning_in_hebrew_keeps_the_svgs_left_to_right_order() -> None:
    # raqm guesses the paragraph direction from the first strong character; the SVG is ltr
    card = layout_repo_card(
        RepoData("a/b", "טקסט בעברית mixed English 123", 5, 1, "Python"), THEMES["light"]
    )
    assert composable(card)
    mean, share = _difference(compose_png(card, 2), rasterize(render_svg(card), scale=2))
    assert mean <= MAX_MEAN_DIFF
    assert share <= MAX_DIFFERENT_SHARE
