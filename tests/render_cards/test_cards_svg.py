"""SVG output: snapshots (plain expected files), accessibility, self-containment, determinism.

Regenerate the snapshots deliberately with ``ENRICH_UPDATE_SNAPSHOTS=1 pytest tests/render_cards``
and review the diff. Snapshots are taken without the embedded font, so a fontTools
upgrade (which may change the WOFF2 bytes) does not masquerade as a layout change.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from enrich.render.badges import STYLES, badge_for
from enrich.render.cards import build_card
from enrich.render.svg import render_badge_svg, render_svg
from enrich.stats import Stats, from_json

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
SVG_NS = "{http://www.w3.org/2000/svg}"

CARDS = [
    ("repo", "pytorch/pytorch", "light"),
    ("repo", "deeplink-org/diopi", "dark"),
    ("repo", "vllm-project/vllm", "auto"),
    ("contributions", "yewentao256", "auto"),
    ("profile", "yewentao256", "nord"),
]


@pytest.fixture(scope="module")
def stats() -> Stats:
    return from_json((HERE / "stats.json").read_text(encoding="utf-8"))


def _check_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("ENRICH_UPDATE_SNAPSHOTS") == "1":
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} changed: set ENRICH_UPDATE_SNAPSHOTS=1 if intended"


@pytest.mark.parametrize(("kind", "target", "theme"), CARDS)
def test_card_matches_snapshot(stats: Stats, kind: str, target: str, theme: str) -> None:
    svg = render_svg(build_card(stats, kind, target, theme), embed_font=False)
    _check_snapshot(f"{kind}-{target.replace('/', '--')}-{theme}.svg", svg)


@pytest.mark.parametrize("style", STYLES)
def test_badge_matches_snapshot(stats: Stats, style: str) -> None:
    svg = render_badge_svg(badge_for(stats, "pytorch/pytorch", "stars", style), embed_font=False)
    _check_snapshot(f"badge-pytorch--pytorch-stars-{style}.svg", svg)


@pytest.mark.parametrize(("kind", "target", "theme"), CARDS)
def test_card_is_accessible_and_self_contained(
    stats: Stats, kind: str, target: str, theme: str
) -> None:
    card = build_card(stats, kind, target, theme)
    svg = render_svg(card)
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img"
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    labelled = (root.get("aria-labelledby") or "").split()
    assert labelled
    assert all(i in ids for i in labelled)
    title = root.find(f"{SVG_NS}title")
    desc = root.find(f"{SVG_NS}desc")
    assert title is not None
    assert title.text == card.title
    assert desc is not None
    assert desc.text == card.desc
    # the figures are in the accessible description
    assert any(ch.isdigit() for ch in card.desc)
    # self-contained: no script, no external image, font or stylesheet
    assert not any(el.tag.endswith(("script", "image", "foreignObject")) for el in root.iter())
    for url in re.findall(r"url\(([^)]*)\)", svg):
        assert url.startswith(("data:font/woff2;base64,", "#")), url
    assert "@import" not in svg
    assert "href" not in svg
    assert "@font-face" in svg
    assert "text{font-family:DejaVu Sans,Verdana,sans-serif}" in svg


def test_auto_theme_switches_inside_the_svg(stats: Stats) -> None:
    svg = render_svg(build_card(stats, "repo", "pytorch/pytorch", "auto"), embed_font=False)
    assert "@media (prefers-color-scheme: dark)" in svg
    light = render_svg(build_card(stats, "repo", "pytorch/pytorch", "light"), embed_font=False)
    assert "@media" not in light


@pytest.mark.parametrize(("kind", "target", "theme"), CARDS)
def test_svg_is_deterministic_and_rounded(stats: Stats, kind: str, target: str, theme: str) -> None:
    first = render_svg(build_card(stats, kind, target, theme))
    second = render_svg(build_card(stats, kind, target, theme))
    assert first == second
    numbers = re.findall(r'(?:x|y|width|height|textLength|r|cx|cy)="(-?[0-9.]+)"', first)
    assert numbers
    assert all(len(n.partition(".")[2]) <= 2 for n in numbers)


def test_embedded_font_is_a_small_woff2_subset(stats: Stats) -> None:
    svg = render_svg(build_card(stats, "repo", "pytorch/pytorch", "light"))
    uris = re.findall(r"data:font/woff2;base64,([A-Za-z0-9+/=]+)", svg)
    assert len(uris) == 2  # regular and bold
    assert all(len(u) < 16_000 for u in uris)
