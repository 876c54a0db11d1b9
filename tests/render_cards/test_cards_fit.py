"""Text fits its box: measured like the rasterizer shapes it, ellipsised, never overlapping."""

from __future__ import annotations

import io
from itertools import combinations
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from enrich.render.card_data import Contribution, ContributionsData, ProfileData, RepoData
from enrich.render.layout import PAD, Card, layout_repo_card
from enrich.render.layout_people import layout_contributions_card, layout_profile_card
from enrich.render.png import rasterize
from enrich.render.text_measure import ELLIPSIS, ellipsize, text_width, wrap
from enrich.render.themes import THEMES
from enrich.stats import from_json

HERE = Path(__file__).parent
LIGHT = THEMES["light"]
LONG = "an-extraordinarily-long-organisation-name/and-an-even-longer-repository-name-x"
WIDE = "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"
CJK = "深度学习框架与编译器的高性能实现以及一个没有空格的很长很长很长的描述文本"
SAMPLES = [
    (
        "Tensors and Dynamic neural networks in Python with strong GPU acceleration",
        "pytorch/pytorch",
    ),
    (WIDE + " " + WIDE, LONG),
    (CJK + CJK, "用户/仓库"),
    ("😀🚀🔥 emoji everywhere 😀🚀🔥 " * 6, "emoji/🚀"),
    ("https://example.com/a/very/long/url/without/any/spaces/that/must/be/broken/somewhere", "a/b"),
]


def _cards() -> list[Card]:
    cards = []
    for description, name in SAMPLES:
        data = RepoData(
            name, description, 987654321, 123456789, "Jupyter Notebook", "#DA5B0B", True
        )
        cards.append(layout_repo_card(data, LIGHT))
        projects = tuple(
            Contribution(repo=f"{name}{i}", prs=123456, merged_prs=99999, stars=987654321)
            for i in range(8)
        )
        cards.append(
            layout_contributions_card(ContributionsData(name, description, projects), LIGHT)
        )
        profile = ProfileData(name, description, 9876543, 987654321, 12345, 123456,
                              ((LONG, 987654), (name, None), (CJK, 5)))  # fmt: skip
        cards.append(layout_profile_card(profile, LIGHT))
    stats = from_json((HERE / "stats.json").read_text(encoding="utf-8"))
    from enrich.render.cards import build_card

    cards.append(build_card(stats, "contributions", "yewentao256", "light"))
    cards.append(build_card(stats, "profile", "yewentao256", "light"))
    return cards


@pytest.mark.parametrize("card", _cards(), ids=lambda c: f"{c.kind}-{c.title[:12]}")
def test_text_stays_inside_the_card_and_never_overlaps(card: Card) -> None:
    texts = card.texts()
    for run in texts:
        assert run.width == pytest.approx(text_width(run.text, run.size, run.bold))
        assert run.left >= PAD - 0.01, run
        assert run.right <= card.width - PAD + 0.01, run
        assert 0 < run.y <= card.height - 10, run
    for a, b in combinations(texts, 2):
        if abs(a.y - b.y) < max(a.size, b.size) * 0.8:  # the same line
            assert a.right <= b.left - 2 or b.right <= a.left - 2, (a, b)


def test_the_description_wraps_to_two_lines_with_an_ellipsis() -> None:
    data = RepoData("a/b", "word " * 80, 1, 1)
    lines = [t for t in layout_repo_card(data, LIGHT).texts() if t.role == "text"]
    assert len(lines) == 2
    assert lines[1].text.endswith(ELLIPSIS)
    assert lines[0].text.startswith("word word")


def test_ellipsize_and_wrap_respect_the_width() -> None:
    assert ellipsize("short", 100, 12) == "short"
    cut = ellipsize(LONG, 120, 13, bold=True)
    assert cut.endswith(ELLIPSIS)
    assert text_width(cut, 13, bold=True) <= 120
    assert ellipsize("anything", 1, 12) == ""
    for line in wrap(CJK * 3, 200, 12.5, 3):
        assert text_width(line, 12.5) <= 200


def test_glyphs_the_font_lacks_get_a_fallback_width() -> None:
    assert text_width("中", 10) == pytest.approx(10)
    assert text_width("🚀", 10) == pytest.approx(10)
    assert text_width("a中", 10) == pytest.approx(text_width("a", 10) + 10)


@pytest.mark.parametrize("sample", ["AVAWAY To Wa", "pytorch/pytorch", "98.1k stars · 26.5k"])
@pytest.mark.parametrize("bold", [False, True])
def test_measured_width_matches_the_rasterizer(sample: str, bold: bool) -> None:
    """Text pinned to the measured width draws like text left to resvg's own shaping."""
    size = 32
    width = text_width(sample, size, bold)
    weight = ' font-weight="bold"' if bold else ""

    def draw(extra: str) -> Image.Image:
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{int(width) + 40}" height="60">'
            f'<text x="20" y="42" font-size="{size}"{weight}{extra}>{sample}</text></svg>'
        )
        return Image.open(io.BytesIO(rasterize(svg))).convert("RGBA").getchannel("A")

    natural = draw("")
    pinned = draw(f' textLength="{width}" lengthAdjust="spacingAndGlyphs"')
    diff = ImageChops.difference(natural, pinned)  # ink coverage: 1% off gives ~15
    mean = sum(i * n for i, n in enumerate(diff.histogram())) / (natural.width * natural.height)
    assert mean < 1.0, f"measured {width} px differs from resvg's shaping (mean diff {mean:.2f})"
