"""Badges: shields' geometry with widths from the bundled font, checked against badge-maker."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from enrich.errors import StatsFileError
from enrich.render.badges import STYLES, badge_for, layout_badge
from enrich.render.text_measure import text_width
from enrich.render.themes import THEMES, contrast_ratio
from enrich.stats import Stats, from_json

HERE = Path(__file__).parent
BADGE_MAKER_PREFIX = Path(os.environ.get("ENRICH_BADGE_MAKER_PREFIX", HERE / ".node"))
BADGE_MAKER = BADGE_MAKER_PREFIX / "node_modules" / "badge-maker" / "lib" / "index.js"
PAIRS = [
    ("stars", "98.1k"),
    ("forks", "26.5k"),
    ("followers", "312"),
    ("build", "passing"),
    ("license", "MIT"),
    ("coverage", "100%"),
    ("downloads", "1.2M/month"),
]
WIDTHS_SCRIPT = """
const [modulePath, pairs] = process.argv.slice(2)
const { makeBadge } = await import(modulePath)
const widths = JSON.parse(pairs).map(([label, message]) =>
  Number(/<svg[^>]*width="([0-9.]+)"/.exec(makeBadge({ label, message, style: 'flat' }))[1]))
console.log(JSON.stringify(widths))
"""


@pytest.fixture(scope="module")
def stats() -> Stats:
    return from_json((HERE / "stats.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("style", STYLES)
def test_each_half_holds_its_measured_text(style: str) -> None:
    badge = layout_badge("stars", "98.1k", style)
    for part, half_left, half_width in (
        (badge.label, 0.0, badge.left_width),
        (badge.message, badge.left_width, badge.right_width),
    ):
        assert part.x - part.width / 2 >= half_left + 3, (style, part)
        assert part.x + part.width / 2 <= half_left + half_width - 3, (style, part)
        bold = part.bold
        assert part.width >= text_width(part.text, part.size, bold) - 0.01


def test_styles_follow_shields_conventions() -> None:
    assert layout_badge("stars", "1k", "flat").height == 20
    assert layout_badge("stars", "1k", "for-the-badge").height == 28
    loud = layout_badge("stars", "98.1k", "for-the-badge")
    assert (loud.label.text, loud.message.text, loud.message.bold) == ("STARS", "98.1K", True)
    assert layout_badge("stars", "98.1k", "social").label.text == "Stars"
    flat = layout_badge("stars", "98.1k", "flat")
    assert (flat.left_width - 10) % 2 == 1  # text boxes are odd widths like badge-maker
    assert flat.label.fill == "#ffffff"  # white on #555 and on the blue message colour
    light = layout_badge("a", "b", "flat", colour="#f0f0f0")
    assert light.message.fill == "#333333"


def test_long_text_is_ellipsised() -> None:
    badge = layout_badge("label", "x" * 500, "flat")
    assert badge.message.text.endswith("…")
    assert badge.width < 300


def test_badge_for_reads_the_stats_file(stats: Stats) -> None:
    assert badge_for(stats, "pytorch/pytorch", "stars").message.text == "98.1k"
    assert badge_for(stats, "PyTorch/PyTorch", "forks").message.text == "26.5k"
    assert badge_for(stats, "pytorch/pytorch", "issues").message.text == "17.2k open"
    assert badge_for(stats, "yewentao256", "followers").message.text == "312"
    assert badge_for(stats, "yewentao256", "user-stars").message.text == "1k"
    with pytest.raises(StatsFileError, match="no stars figure for nobody/none"):
        badge_for(stats, "nobody/none", "stars")
    with pytest.raises(StatsFileError, match="unknown badge metric"):
        badge_for(stats, "pytorch/pytorch", "downloads")


@pytest.mark.skipif(
    shutil.which("node") is None or not BADGE_MAKER.is_file(),
    reason="needs node and badge-maker (npm install --prefix tests/render_cards/.node badge-maker)",
)
def test_flat_badge_width_is_within_2px_of_shields_badge_maker(tmp_path: Path) -> None:
    script = tmp_path / "widths.mjs"
    script.write_text(WIDTHS_SCRIPT, encoding="utf-8")
    result = subprocess.run(
        ["node", str(script), BADGE_MAKER.as_uri(), json.dumps(PAIRS)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    theirs = json.loads(result.stdout)
    ours = [layout_badge(label, message, "flat").width for label, message in PAIRS]
    for pair, mine, reference in zip(PAIRS, ours, theirs, strict=True):
        assert abs(mine - reference) <= 2, f"{pair}: enrich {mine} px, badge-maker {reference} px"


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_themed_badges_take_the_theme_colours_and_pass_wcag_aa(stats: Stats, theme: str) -> None:
    named = THEMES[theme]
    for style in ("flat", "flat-square", "for-the-badge"):
        badge = badge_for(stats, "pytorch/pytorch", "stars", style, theme)
        assert (badge.label_colour, badge.colour) == (named.muted, named.title)
        for part, background in ((badge.label, badge.label_colour), (badge.message, badge.colour)):
            assert part.shadow is None
            assert contrast_ratio(part.fill, background) >= 4.5, (theme, style, part)


def test_unthemed_badges_keep_shields_colours(stats: Stats) -> None:
    badge = badge_for(stats, "pytorch/pytorch", "stars", "flat", "shields")
    assert (badge.label_colour, badge.colour) == ("#555555", "#007ec6")
