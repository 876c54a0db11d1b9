"""`enrich render`: --check and --diff exit codes, writes, and bad markers (no write).

With no config, the default cards are written too: a repo card for each repository the
pages name (here pytorch/pytorch, from a marker) into static/enrich/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich.cli import main

FIXTURE = Path(__file__).with_name("stats_fixture.json")
STALE = (
    "---\nlastmod: 2025-01-01\n---\n"
    "Stars: <!-- enrich:stars pytorch/pytorch -->1<!-- /enrich -->\r\n"
)
FRESH = "Stars: <!-- enrich:stars pytorch/pytorch -->98.1k<!-- /enrich -->\n"
CARD = "static/enrich/repo-pytorch--pytorch.svg"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    shutil.copy(FIXTURE, tmp_path / "data" / "github-stats.json")
    (tmp_path / "content" / "sub").mkdir(parents=True)
    (tmp_path / "content" / "a.md").write_bytes(STALE.encode())
    (tmp_path / "content" / "sub" / "b.md").write_bytes(FRESH.encode())
    return tmp_path


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["render", *args])


def test_check_exits_1_and_writes_nothing(site: Path) -> None:
    result = run("--check")
    assert result.exit_code == 1
    assert result.stdout == f"would update content/a.md (1 region changed)\nwould write {CARD}\n"
    assert (site / "content" / "a.md").read_bytes() == STALE.encode()
    assert not (site / "static").exists()


def test_diff_prints_and_writes_nothing(site: Path) -> None:
    result = run("--diff")
    assert result.exit_code == 0
    assert "--- a/content/a.md\n+++ b/content/a.md\n" in result.stdout
    assert "-lastmod: 2025-01-01\n+lastmod: 20" in result.stdout
    assert b"+Stars: <!-- enrich:stars pytorch/pytorch -->98.1k<!-- /enrich -->\r\n" in (
        result.stdout_bytes
    )
    assert (site / "content" / "a.md").read_bytes() == STALE.encode()
    assert f"would write {CARD}" in result.stderr  # stdout stays a patch
    assert not (site / "static").exists()
    assert run("--diff", "--check").exit_code == 1


def test_render_writes_then_check_passes(site: Path) -> None:
    result = run()
    assert result.exit_code == 0, result.output
    assert result.stdout == f"updated content/a.md (1 region changed)\nwrote {CARD}\n"
    assert (site / CARD).read_bytes().startswith(b"<svg")
    written = (site / "content" / "a.md").read_bytes()
    assert written.endswith(b"-->98.1k<!-- /enrich -->\r\n")
    assert b"lastmod: 2025-01-01" not in written
    assert (site / "content" / "sub" / "b.md").read_bytes() == FRESH.encode()
    again = run("--check")
    assert again.exit_code == 0
    assert again.stdout == ""


def test_explicit_paths_and_stats(site: Path) -> None:
    stats = site / "data" / "github-stats.json"
    stats.rename(site / "s.json")
    result = run("content/sub/b.md", "--stats", "s.json", "--check")
    assert result.exit_code == 1  # b.md is current; its card is not there yet
    assert result.stdout == f"would write {CARD}\n"
    assert run("content/sub/b.md", "--stats", "s.json").exit_code == 0
    again = run("content/sub/b.md", "--stats", "s.json", "--check")
    assert (again.exit_code, again.stdout) == (0, "")


def test_bad_marker_exits_2_names_file_and_line_and_writes_nothing(site: Path) -> None:
    bad = site / "content" / "sub" / "c.md"
    bad.write_text("ok\n\n<!-- enrich:starz a/b -->1<!-- /enrich -->\n", encoding="utf-8")
    result = run()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: content/sub/c.md:3: unknown figure 'starz'")
    assert len(result.stderr.splitlines()) == 1
    assert (site / "content" / "a.md").read_bytes() == STALE.encode()


def test_missing_figure_warns_on_stderr(site: Path) -> None:
    (site / "content" / "a.md").write_text(
        "x <!-- enrich:stars no/where -->7<!-- /enrich -->\n", encoding="utf-8"
    )
    result = run("content/a.md")
    assert result.exit_code == 0
    assert "warning: content/a.md:1: no 'stars' for repo:no/where" in result.stderr
    assert result.stdout == ""


def test_bad_pages_and_stats_are_input_errors(site: Path) -> None:
    (site / "content" / "bin.md").write_bytes(b"\xff\xfe")
    result = run()
    assert result.exit_code == 2
    assert "content/bin.md:1: invalid UTF-8" in result.stderr
    (site / "broken.json").write_text("{", encoding="utf-8")
    assert run("content/a.md", "--stats", "broken.json").exit_code == 2
    missing = run("content/sub/b.md", "--stats", "none.json")
    assert missing.exit_code == 0
    assert "no stats file at none.json" in missing.stderr
    assert "no figures yet in none.json: pages and cards left as they are" in missing.stderr
    assert missing.stdout == ""
    gone = run("content/nowhere.md")
    assert gone.exit_code == 2
    assert "'content/nowhere.md' does not exist" in gone.stderr


def test_contributions_table_lists_the_searches_the_page_links(site: Path) -> None:
    page = site / "content" / "t.md"
    page.write_text(
        "See [PRs](https://github.com/pytorch/pytorch/issues?q=author%3Ayewentao256).\n\n"
        "<!-- enrich:template contributions-table user=yewentao256 -->\n<!-- /enrich -->\n",
        encoding="utf-8",
    )
    assert run("content/t.md").exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert "| [pytorch/pytorch](https://github.com/pytorch/pytorch) |" in text
    assert "vllm" not in text
    assert run("content/t.md", "--check").exit_code == 0


def test_diff_of_a_page_given_by_absolute_path_has_a_patchable_header(site: Path) -> None:
    page = (site / "content" / "a.md").resolve()
    result = run("--diff", str(page))
    assert result.exit_code == 0, result.output
    assert "--- a/content/a.md\n+++ b/content/a.md\n" in result.stdout  # below the cwd
    assert "a//" not in result.stdout


def test_a_contributions_table_shows_no_hand_edited_negative_count(site: Path) -> None:
    import json

    stats = site / "data" / "github-stats.json"
    document = json.loads(stats.read_text(encoding="utf-8"))
    document["items"]["repo:pytorch/pytorch"]["figures"]["stars"]["value"] = -5
    stats.write_text(json.dumps(document), encoding="utf-8")
    page = site / "content" / "t.md"
    page.write_text(
        "See [PRs](https://github.com/pytorch/pytorch/issues?q=author%3Ayewentao256).\n\n"
        "<!-- enrich:template contributions-table user=yewentao256 -->\n<!-- /enrich -->\n",
        encoding="utf-8",
    )
    assert run("content/t.md").exit_code == 0
    row = next(line for line in page.read_text(encoding="utf-8").splitlines() if "| [" in line)
    assert row.endswith("| – |"), row
    assert "-5" not in row


def test_a_sites_own_region_template_is_found(site: Path) -> None:
    (site / "templates" / "regions").mkdir(parents=True)
    (site / "templates" / "regions" / "mine.md.j2").write_text(
        "Mine: {{ params.word }}", encoding="utf-8"
    )
    page = site / "content" / "sub" / "b.md"
    page.write_text("<!-- enrich:template mine word=hello -->.<!-- /enrich -->\n")
    result = run()
    assert result.exit_code == 0, result.output
    assert (
        page.read_text() == "<!-- enrich:template mine word=hello -->Mine: hello<!-- /enrich -->\n"
    )


def test_a_contributions_template_without_a_user_is_a_marker_error(site: Path) -> None:
    page = site / "content" / "sub" / "b.md"
    page.write_text("x\n<!-- enrich:template contributions-table -->.<!-- /enrich -->\n")
    result = run()
    assert result.exit_code == 2
    assert "b.md:2: template 'contributions-table' lists a user's contributions" in result.stderr
    assert page.read_text().endswith("-->.<!-- /enrich -->\n")


def test_a_contributions_template_for_an_unknown_user_keeps_its_text(site: Path) -> None:
    page = site / "content" / "sub" / "b.md"
    text = "<!-- enrich:template contributions-table user=nobody -->kept<!-- /enrich -->\n"
    page.write_text(text)
    result = run()
    assert result.exit_code == 0, result.output
    assert "template contributions-table: no contribution searches by nobody" in result.stderr
    assert page.read_text() == text


def test_a_symlinked_page_is_updated_and_a_symlinked_card_replaced(site: Path) -> None:
    real = site / "elsewhere" / "a.md"
    real.parent.mkdir()
    (site / "content" / "a.md").rename(real)
    (site / "content" / "a.md").symlink_to(real)
    outside = site / "outside.txt"
    outside.write_text("keep", encoding="utf-8")
    card = site / CARD
    card.parent.mkdir(parents=True)
    card.symlink_to(outside)
    result = run()
    assert result.exit_code == 0, result.output
    assert (site / "content" / "a.md").is_symlink()
    assert "98.1k" in real.read_text(encoding="utf-8")
    assert not card.is_symlink()
    assert card.read_text(encoding="utf-8").startswith("<svg")
    assert outside.read_text(encoding="utf-8") == "keep"
