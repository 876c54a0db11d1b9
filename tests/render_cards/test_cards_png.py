"""PNGs: rasterized from the card's SVG, deterministic, at 1x and 2x, in every theme."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from enrich.render.cards import CardOptions, build_card, card_bytes
from enrich.render.png import rasterize
from enrich.render.themes import AUTO, THEMES
from enrich.stats import Stats, from_json

HERE = Path(__file__).parent
OPTIONS = CardOptions()


@pytest.fixture(scope="module")
def stats() -> Stats:
    return from_json((HERE / "stats.json").read_text(encoding="utf-8"))


def _hex(pixel: object) -> str:
    assert isinstance(pixel, tuple)  # an RGBA image's pixel
    return "#{:02x}{:02x}{:02x}".format(*pixel[:3])


@pytest.mark.parametrize("kind", ["repo", "contributions", "profile"])
def test_png_is_deterministic_at_both_scales(stats: Stats, kind: str) -> None:
    target = "pytorch/pytorch" if kind == "repo" else "yewentao256"
    card = build_card(stats, kind, target, "light")
    for scale in (1, 2):
        first = card_bytes(card, "png", scale, options=OPTIONS)
        second = card_bytes(build_card(stats, kind, target, "light"), "png", scale, options=OPTIONS)
        assert first == second
        image = Image.open(io.BytesIO(first))
        assert image.size == (int(card.width) * scale, int(card.height) * scale)
        assert image.mode == "RGBA"
        # no ancillary chunks: nothing but pixels that could vary between runs
        assert not {k for k in image.info if k not in ("dpi",)}


@pytest.mark.parametrize("theme", [AUTO, *THEMES])
def test_every_theme_renders_in_its_colours(stats: Stats, theme: str) -> None:
    card = build_card(stats, "repo", "pytorch/pytorch", theme)
    image = Image.open(io.BytesIO(card_bytes(card, "png", 1, options=OPTIONS))).convert("RGBA")
    expected = THEMES["light" if theme == AUTO else theme]
    assert _hex(image.getpixel((200, 4))) == expected.background  # auto rasterizes as light
    assert _hex(image.getpixel((200, 0))) == expected.border  # the 1 px frame
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 20  # text and icons were drawn, not an empty frame


def test_rasterize_rejects_other_scales() -> None:
    with pytest.raises(ValueError, match="scale"):
        rasterize('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', scale=3)
