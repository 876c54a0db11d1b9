"""`enrich render` follows the config: cards and local badges into output_dir, offline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from enrich.cli import main
from enrich.render.cards import badge_filename, card_filename

FIXTURE = Path(__file__).with_name("stats_fixture.json")
CONFIG = """\
output_dir = "public/cards"
[cards]
kinds = ["repo"]
repos = ["pytorch/pytorch"]
themes = ["light"]
formats = ["svg", "png"]
"""
SVG = Path("public/cards") / card_filename("repo", "pytorch/pytorch", "light", "svg")
PNG = Path("public/cards") / card_filename("repo", "pytorch/pytorch", "light", "png")
PAGE = "# About\n\nI work on PyTorch.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    shutil.copy(FIXTURE, tmp_path / "data" / "github-stats.json")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "about.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "enrich.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def render(*args: str) -> Result:
    return CliRunner().invoke(main, ["render", *args])


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_writes_the_configured_cards_into_output_dir(site: Path) -> None:
    result = render()
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {SVG.as_posix()}\nwrote {PNG.as_posix()}\n"
    svg = (site / SVG).read_text(encoding="utf-8")
    assert "pytorch/pytorch" in svg
    assert "Tensors and Dynamic" in svg  # the description from the stats file
    assert (site / PNG).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert not (site / "static").exists()  # the default output_dir is not used
    assert (site / "content" / "about.md").read_text(encoding="utf-8") == PAGE


def test_unchanged_second_render_changes_no_byte(site: Path) -> None:
    assert render().exit_code == 0
    before = snapshot(site)
    again = render()
    assert (again.exit_code, again.stdout) == (0, "")
    assert snapshot(site) == before
    assert render("--check").exit_code == 0


def test_check_exits_1_when_a_card_would_change_and_writes_nothing(site: Path) -> None:
    assert render().exit_code == 0
    stats_path = site / "data" / "github-stats.json"
    document = json.loads(stats_path.read_text(encoding="utf-8"))
    document["items"]["repo:pytorch/pytorch"]["figures"]["description"]["value"] = "New words"
    stats_path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    before = snapshot(site)
    result = render("--check")
    assert result.exit_code == 1
    assert result.stdout == f"would write {SVG.as_posix()}\nwould write {PNG.as_posix()}\n"
    assert snapshot(site) == before
    assert render().exit_code == 0
    assert "New words" in (site / SVG).read_text(encoding="utf-8")


def test_explicit_config_and_local_badges(site: Path) -> None:
    (site / "enrich.toml").unlink()
    (site / "conf").mkdir()
    (site / "conf" / "site.toml").write_text(
        'pages = "../content"\nstats = "../data/github-stats.json"\n'  # relative to the file
        'output_dir = "../out"\noutput_url = "/out"\nbadges = "local"\n'
        "[cards]\nenabled = false\n",
        encoding="utf-8",
    )
    page = site / "content" / "about.md"
    page.write_text(
        "![stars](https://img.shields.io/github/stars/pytorch/pytorch)\n", encoding="utf-8"
    )
    result = render("--config", "conf/site.toml")
    assert result.exit_code == 0, result.output
    name = badge_filename("pytorch/pytorch", "stars", "flat")
    assert page.read_text(encoding="utf-8") == f"![stars](/out/badges/{name})\n"
    assert (site / "out" / "badges" / name).read_bytes().startswith(b"<svg")
    assert [p.name for p in (site / "out").rglob("*") if p.is_file()] == [name]
    assert render("--config", "conf/site.toml", "--check").exit_code == 0


def test_bad_config_is_an_input_error(site: Path) -> None:
    (site / "enrich.toml").write_text("output_dir = 3\n", encoding="utf-8")
    result = render()
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert "output_dir" in result.stderr
    assert not (site / "public").exists()
