"""enrich annotate: proposed markers name the same stats keys as the links they annotate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich.cli import main
from enrich.page import splice
from enrich.render.annotate import propose_markers
from enrich.render.regions import parse_regions
from enrich.scan import scan_text
from enrich.stats import from_json

HERE = Path(__file__).parent
PAGE = (HERE / "unannotated.md").read_text(encoding="utf-8")
STATS = from_json((HERE / "stats_fixture.json").read_text(encoding="utf-8"))


def annotated(text: str, stats=STATS):  # type: ignore[no-untyped-def]
    proposal = propose_markers(text, scan_text(text), stats, path="p.md")
    return splice(text, proposal.edits), proposal.notes


def test_proposals_on_the_unannotated_page() -> None:
    new, notes = annotated(PAGE)
    found = [(r.figure, r.key, new[r.start : r.end]) for r in parse_regions(new)]
    assert found == [
        ("stars", "repo:pytorch/pytorch", "98.1k"),
        ("contributions", "search:author:yewentao256 repo:pytorch/pytorch", "30+"),
        ("stars", "repo:vllm-project/vllm", "61.8k"),
        ("contributions", "search:author:yewentao256 is:pr", "1,234"),
        ("stars", "repo:yewentao256/tinynn", "…"),
        ("stars", "repo:yewentao256/sicpy", "…"),
    ]
    assert "#### [PyTorch](https://github.com/pytorch/pytorch) · ★ <!-- enrich:stars" in new
    assert "- Over <!-- enrich:contributions pytorch/pytorch author:yewentao256 -->30+" in new
    assert "format=exact -->1,234<!-- /enrich --> [PRs]" in new
    assert "#### [Shown](https://github.com/a/b)\n```" in new  # code is left alone
    assert "- Wrote 15+ articles" in new  # a number before a non-GitHub link
    assert len(notes) == 2
    assert notes[0].startswith("p.md:15: '100+' begins the line")
    assert notes[1].startswith("p.md:17: '12' counts a search with free text")


def test_every_marker_key_is_its_links_key_and_annotate_is_idempotent() -> None:
    new, _ = annotated(PAGE)
    link_keys = {ref.key for ref in scan_text(PAGE)}
    assert {r.key for r in parse_regions(new)} <= link_keys
    again, _ = annotated(new)
    assert again == new


def test_figure_and_format_follow_the_words_and_the_number() -> None:
    text = (
        "Some 150+ merged PRs in [vllm](https://github.com/aa/bb/issues?q=author%3Ame).\n"
        "And 2.5k [pull requests](https://github.com/aa/bb/issues?q=author%3Ame)\n"
        "And 7 [issues](https://github.com/cc/dd/issues?q=author%3Ame)\n"
        "And 9 [PRs](https://github.com/cc/dd/pulls?q=author%3Ame)\n"
    )
    new, notes = annotated(text, stats=None)
    regions = parse_regions(new)
    assert [(r.figure, r.format) for r in regions] == [
        ("merged_prs", None),
        ("prs", "compact"),
        ("issues", "exact"),
        ("contributions", "exact"),  # /pulls adds is:pr: the search's count is the PRs
    ]
    assert [new[r.start : r.end] for r in regions] == ["150+", "2.5k", "7", "9"]
    assert notes == []


def test_a_heading_that_shows_a_star_count_gets_it_wrapped() -> None:
    text = (
        "### [mmcv](https://github.com/open-mmlab/mmcv) ★ 6k\n"
        "### [vllm](https://github.com/vllm-project/vllm) · ⭐ 1,234 stars\n"
        "### [torch](https://github.com/pytorch/pytorch)\n"
    )
    new, notes = annotated(text, stats=None)
    assert new.splitlines() == [
        "### [mmcv](https://github.com/open-mmlab/mmcv) ★ "
        "<!-- enrich:stars open-mmlab/mmcv -->6k<!-- /enrich -->",
        "### [vllm](https://github.com/vllm-project/vllm) · ⭐ "
        "<!-- enrich:stars vllm-project/vllm format=exact -->1,234<!-- /enrich --> stars",
        "### [torch](https://github.com/pytorch/pytorch) · ★ "
        "<!-- enrich:stars pytorch/pytorch -->…<!-- /enrich -->",
    ]
    assert notes == []
    assert annotated(new, stats=None)[0] == new  # nothing proposed twice


@pytest.fixture
def page(tmp_path: Path) -> Path:
    target = tmp_path / "about.md"
    shutil.copy(HERE / "unannotated.md", target)
    return target


def test_cli_shows_a_diff_then_writes(page: Path) -> None:
    stats = str(HERE / "stats_fixture.json")
    shown = CliRunner().invoke(main, ["annotate", str(page), "--stats", stats])
    assert shown.exit_code == 0
    name = page.relative_to(page.anchor).as_posix()  # tmp_path is outside the cwd
    assert shown.stdout.startswith(f"--- a/{name}\n+++ b/{name}\n")
    assert "note: " in shown.stderr
    assert page.read_text(encoding="utf-8") == PAGE
    written = CliRunner().invoke(main, ["annotate", str(page), "--stats", stats, "--write"])
    assert written.exit_code == 0
    assert written.stdout == f"annotated {page} (6 markers)\n"
    assert page.read_text(encoding="utf-8") == annotated(PAGE)[0]
    again = CliRunner().invoke(main, ["annotate", str(page), "--write"])
    assert again.exit_code == 0
    assert "no markers to propose" in again.stderr


def test_cli_bad_marker_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("x <!-- enrich:stars a/b -->1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["annotate", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:1: marker is never closed" in result.stderr


def test_a_number_that_is_part_of_the_heading_is_not_taken_for_a_star_count() -> None:
    text = "### [x](https://github.com/o/x) ★ 2024 roadmap\n"
    new, _ = annotated(text, stats=None)
    assert new == (
        "### [x](https://github.com/o/x) · ★ <!-- enrich:stars o/x -->…<!-- /enrich -->"
        " ★ 2024 roadmap\n"
    )
