"""The table-based measurement of simple text equals the shaper's (Pillow with HarfBuzz)."""

from __future__ import annotations

import random

import pytest

from enrich.render.font_metrics import SIMPLE, metrics
from enrich.render.text_measure import pil_font, text_width, wrap

ALPHABET = sorted(SIMPLE) + ["fi", "ffl", "ff", "fl"] * 5


@pytest.mark.parametrize("bold", [False, True])
def test_tables_match_the_shaper_on_random_strings(bold: bool) -> None:
    rng = random.Random(20261125)
    table = metrics(bold)
    for _ in range(1500):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 30)))
        size = rng.choice([10, 11, 12, 12.5, 13, 15, 16, 18])
        assert table.simple(text)
        assert table.width64(text, size) / 64 == pil_font(size, bold).getlength(text), text


def test_ligatures_are_read_from_the_font() -> None:
    assert metrics(False).substitute("efficient workflow") == "e\ufb03cient work\ufb02ow"


@pytest.mark.parametrize("bold", [False, True])
def test_wrapped_lines_are_measured_exactly(bold: bool) -> None:
    rng = random.Random(7)
    for _ in range(200):
        words = [
            "".join(rng.choice("abcdefilT.,") for _ in range(rng.randint(1, 9))) for _ in range(30)
        ]
        width = rng.uniform(40, 300)
        for line in wrap(" ".join(words), width, 12.5, 3, bold):
            assert text_width(line, 12.5, bold) <= width
            assert text_width(line, 12.5, bold) == round(pil_font(12.5, bold).getlength(line), 2)
