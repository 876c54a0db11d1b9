"""`enrich annotate`'s diff is a patch `git apply` and `patch` accept, for any path given."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich.cli import main
from enrich.cli.diffs import diff_name, patch_text

HERE = Path(__file__).parent
STATS = str(HERE / "stats_fixture.json")
NEEDS_TOOLS = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("patch") is None, reason="needs git and patch"
)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def _diff(page: Path) -> str:
    shown = CliRunner().invoke(main, ["annotate", str(page), "--stats", STATS])
    assert shown.exit_code == 0, shown.stderr
    return shown.stdout


def _annotated(page: Path, tmp: Path) -> bytes:
    copy = tmp / "expected.md"
    shutil.copy(page, copy)
    assert (
        CliRunner().invoke(main, ["annotate", str(copy), "--stats", STATS, "--write"]).exit_code
        == 0
    )
    return copy.read_bytes()


@NEEDS_TOOLS
@pytest.mark.parametrize("ending", ["", "no-final-newline"])
def test_an_absolute_path_below_the_cwd_gives_a_patch_git_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    repo = tmp_path / "site"
    (repo / "content").mkdir(parents=True)
    page = repo / "content" / "about.md"
    text = (HERE / "unannotated.md").read_text(encoding="utf-8")
    page.write_text(text.rstrip("\n") if ending else text, encoding="utf-8")
    expected = _annotated(page, tmp_path)
    assert _git(repo, "init", "-q").returncode == 0
    monkeypatch.chdir(repo)
    diff = _diff(page.resolve())
    assert diff.startswith("--- a/content/about.md\n+++ b/content/about.md\n")
    (tmp_path / "p.diff").write_text(diff, encoding="utf-8")
    check = _git(repo, "apply", "--check", str(tmp_path / "p.diff"))
    assert check.returncode == 0, check.stderr
    applied = _git(repo, "apply", str(tmp_path / "p.diff"))
    assert applied.returncode == 0, applied.stderr
    assert page.read_bytes() == expected


@NEEDS_TOOLS
def test_an_absolute_path_elsewhere_is_a_patch_for_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.md"
    shutil.copy(HERE / "unannotated.md", page)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    diff = _diff(page)
    name = page.relative_to(page.anchor).as_posix()
    assert diff.startswith(f"--- a/{name}\n+++ b/{name}\n")
    assert "a//" not in diff.splitlines()[0]
    result = subprocess.run(
        ["patch", "-p1", "--dry-run", "-d", page.anchor],
        input=diff,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("path", "cwd", "name"),
    [
        ("/site/content/a.md", "/site", "content/a.md"),
        ("/tmp/x/a.md", "/site", "tmp/x/a.md"),
        ("content/a.md", "/site", "content/a.md"),
        ("./a.md", "/site", "a.md"),
    ],
)
def test_diff_name(path: str, cwd: str, name: str) -> None:
    assert diff_name(Path(path), Path(cwd)) == name


def test_patch_text_splits_lines_as_patch_does() -> None:
    old = "a\u2028b\r\nc"
    diff = patch_text(old, "a\u2028b\r\nC", "p.md")
    assert diff.split("\n")[2:] == [
        "@@ -1,2 +1,2 @@",
        " a\u2028b\r",
        "-c",
        "\\ No newline at end of file",
        "+C",
        "\\ No newline at end of file",
        "",
    ]
    assert patch_text(old, old, "p.md") == ""
