"""Badge replacement: shields.io badge URLs in a page become local enrich badges."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from enrich.page import splice
from enrich.render.badge_replace import replace_badges
from enrich.scan import scan_text
from enrich.scan.refs import Kind
from enrich.stats import Stats, from_json

HERE = Path(__file__).parent
PAGE = (HERE.parent.parent / "content" / "about.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def stats() -> Stats:
    return from_json((HERE / "stats.json").read_text(encoding="utf-8"))


def test_the_example_page_badges_become_local_files(stats: Stats) -> None:
    refs = scan_text(PAGE)
    result = replace_badges(PAGE, refs, stats, url_prefix="/images/badges/")
    names = sorted(f.name for f in result.files)
    assert names == [
        "lazyagi--lazyllm-stars-social.svg",
        "open-mmlab--mmcv-stars-social.svg",
        "pytorch--pytorch-stars-flat.svg",
        "vllm-project--vllm-stars-social.svg",
    ]
    assert not result.skipped
    updated = splice(PAGE, result.edits)
    assert "img.shields.io" not in updated
    assert (
        '<img src="/images/badges/pytorch--pytorch-stars-flat.svg" alt="GitHub stars" height="20">'
        in updated
    )
    # only the URLs changed: removing them from both texts leaves the same page
    for edit in result.edits:
        assert PAGE[edit.start : edit.end].startswith("https://img.shields.io/github/stars/")
    assert len(updated) - len(PAGE) == sum(
        len(e.replacement) - (e.end - e.start) for e in result.edits
    )
    for badge_file in result.files:
        root = ET.fromstring(badge_file.svg)  # noqa: S314 (our own output)
        assert root.get("role") == "img"


def test_badges_enrich_cannot_draw_keep_their_url(stats: Stats) -> None:
    text = (
        "![a](https://img.shields.io/github/stars/nobody/none)\n"
        "![b](https://img.shields.io/github/license/pytorch/pytorch)\n"
        "![c](https://img.shields.io/github/stars/pytorch/pytorch?style=plastic)\n"
        "![d](https://img.shields.io/github/forks/pytorch/pytorch?style=for-the-badge&label=Forks)\n"
    )
    refs = [r for r in scan_text(text) if r.kind is Kind.BADGE]
    assert len(refs) == 4
    result = replace_badges(text, refs, stats)
    reasons = [reason for _, reason in result.skipped]
    assert len(reasons) == 3
    assert any("no stars figure" in r for r in reasons)
    assert any("'license'" in r for r in reasons)
    assert any("'plastic'" in r for r in reasons)
    [drawn] = result.files
    assert re.fullmatch(r"pytorch--pytorch-forks-for-the-badge-[0-9a-f]{8}\.svg", drawn.name)
    assert "FORKS" in drawn.svg  # the label= parameter is honoured
    assert splice(text, result.edits).count(f"badges/{drawn.name}?label=Forks") == 1


def test_a_labelled_and_a_plain_badge_are_two_files(stats: Stats) -> None:
    text = (
        "![](https://img.shields.io/github/stars/pytorch/pytorch?label=Likes)\n"
        "![](https://img.shields.io/github/stars/pytorch/pytorch)\n"
    )
    result = replace_badges(text, scan_text(text), stats)
    by_name = {f.name: f.svg for f in result.files}
    assert len(by_name) == 2
    assert "Likes" not in by_name["pytorch--pytorch-stars-flat.svg"]
    assert sum("Likes" in svg for svg in by_name.values()) == 1


def test_stale_references_are_skipped_not_applied(stats: Stats) -> None:
    refs = scan_text(PAGE)
    result = replace_badges("x" + PAGE, refs, stats)
    assert not result.edits
    assert result.skipped


def test_the_same_badge_twice_is_one_file(stats: Stats) -> None:
    text = "![](https://img.shields.io/github/stars/pytorch/pytorch) and again " * 2
    result = replace_badges(text, scan_text(text), stats)
    assert len(result.edits) == 2
    assert len(result.files) == 1
