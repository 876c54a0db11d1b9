"""Hand-edited stats files and markers: duplicate options and figures that are not counts.

A marker option given twice is a ``MarkerError`` (nothing written), and a figure that is
not a non-negative integer is treated as missing: the region keeps its text, with a warning.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich.cli import main
from enrich.errors import MarkerError
from enrich.render.numbers import as_count
from enrich.render.page_render import RenderOptions, render_page
from enrich.render.regions import parse_regions
from enrich.stats import Figure, Item, Stats

FIXTURE = Path(__file__).with_name("stats_fixture.json")
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("enrich:stars pytorch/pytorch format=floor format=exact", "format= given twice"),
        ("enrich:stars pytorch/pytorch format=exact format=exact", "format= given twice"),
        ("enrich:template contributions-table user=a user=b", "user= given twice"),
    ],
)
def test_an_option_given_twice_is_a_marker_error(marker: str, message: str) -> None:
    text = f"line one\n\nStars: <!-- {marker} -->1<!-- /enrich -->\n"
    with pytest.raises(MarkerError) as caught:
        parse_regions(text, path="p.md")
    assert str(caught.value).startswith(f"p.md:3: {message}")


def test_repeated_search_qualifiers_are_still_allowed() -> None:
    text = "x <!-- enrich:contributions - author:a label:x label:y -->1<!-- /enrich -->"
    (region,) = parse_regions(text)
    assert region.key is not None
    assert "label:x" in region.key
    assert "label:y" in region.key


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    shutil.copy(FIXTURE, tmp_path / "data" / "github-stats.json")
    (tmp_path / "content").mkdir()
    return tmp_path


def test_a_duplicate_option_stops_render_and_writes_nothing(site: Path) -> None:
    good = "Stars: <!-- enrich:stars pytorch/pytorch -->1<!-- /enrich -->\n"
    (site / "content" / "a.md").write_text(good, encoding="utf-8")
    marker = "<!-- enrich:stars pytorch/pytorch format=floor format=exact -->"
    bad = f"x\nStars: {marker}1<!-- /enrich -->\n"
    (site / "content" / "b.md").write_text(bad, encoding="utf-8")
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: content/b.md:2: format= given twice")
    assert (site / "content" / "a.md").read_text(encoding="utf-8") == good
    assert not (site / "static").exists()


@pytest.mark.parametrize("value", [-5, -1, 3.5, 98150.0, "98150", "many", True, [1]])
def test_a_figure_that_is_not_a_count_keeps_the_region_text(value: object) -> None:
    stats = Stats({"repo:a/b": Item("repo", "a/b", figures={"stars": Figure(value, "t")})})  # type: ignore[arg-type]
    text = "intro\nStars: <!-- enrich:stars a/b -->1.2k<!-- /enrich -->\n"
    result = render_page(text, stats, RenderOptions(), path=Path("p.md"), now=NOW)
    assert result.new_text == text
    assert not result.changed
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("p.md:2: 'stars' of repo:a/b")
    assert "not a count" in result.warnings[0]
    assert "kept '1.2k'" in result.warnings[0]


def test_zero_and_positive_counts_are_shown() -> None:
    for value, shown in ((0, "0"), (98150, "98.1k")):
        stats = Stats({"repo:a/b": Item("repo", "a/b", figures={"stars": Figure(value, "t")})})
        text = "x <!-- enrich:stars a/b -->1<!-- /enrich -->"
        result = render_page(text, stats, RenderOptions(), path=Path("p.md"), now=NOW)
        assert result.new_text == f"x <!-- enrich:stars a/b -->{shown}<!-- /enrich -->"


@pytest.mark.parametrize(
    ("value", "count"), [(0, 0), (7, 7), (-5, None), (1.0, None), ("3", None), (False, None)]
)
def test_as_count(value: object, count: int | None) -> None:
    assert as_count(value) == count


def test_render_skips_a_repo_card_whose_stars_are_not_a_count(site: Path) -> None:
    stats_path = site / "data" / "github-stats.json"
    document = json.loads(stats_path.read_text(encoding="utf-8"))
    document["items"]["repo:pytorch/pytorch"]["figures"]["stars"]["value"] = "lots"
    stats_path.write_text(json.dumps(document), encoding="utf-8")
    page = "Stars: <!-- enrich:stars pytorch/pytorch -->98.1k<!-- /enrich -->\n"
    (site / "content" / "a.md").write_text(page, encoding="utf-8")
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 0, result.output
    assert not (site / "static" / "enrich" / "repo-pytorch--pytorch.svg").exists()
    assert "no repo card for pytorch/pytorch" in result.stderr
    assert "content/a.md:1: 'stars' of repo:pytorch/pytorch" in result.stderr
    assert (site / "content" / "a.md").read_text(encoding="utf-8") == page
