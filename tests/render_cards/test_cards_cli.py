"""`enrich card ...` and `enrich badge ...` through click's CliRunner, and render_cards."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from enrich.cli import main
from enrich.render.card_data import RepoData
from enrich.render.cards import BadgeRequest, CardOptions, render_cards
from enrich.render.embed import embed_snippet
from enrich.render.layout import layout_repo_card
from enrich.render.themes import THEMES
from enrich.stats import from_json

HERE = Path(__file__).parent
STATS = HERE / "stats.json"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    shutil.copy(STATS, tmp_path / "data" / "github-stats.json")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_card_repo_writes_an_svg_with_the_default_stats_path(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["card", "repo", "pytorch/pytorch", "--theme", "dark"])
    assert result.exit_code == 0, result.output
    svg = (workdir / "repo-pytorch--pytorch-dark.svg").read_text(encoding="utf-8")
    assert "98.1k" in svg
    assert THEMES["dark"].background in svg


@pytest.mark.parametrize("kind", ["contributions", "profile"])
def test_people_cards_write_png_at_2x(workdir: Path, kind: str) -> None:
    out = workdir / "out" / f"{kind}.png"
    result = CliRunner().invoke(
        main, ["card", kind, "yewentao256", "--format", "png", "--scale", "2", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    image = Image.open(io.BytesIO(out.read_bytes()))
    assert image.width == 960


def test_embed_writes_light_and_dark_and_prints_a_picture(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["card", "repo", "pytorch/pytorch", "--embed"])
    assert result.exit_code == 0, result.output
    assert (workdir / "repo-pytorch--pytorch-light.svg").is_file()
    assert (workdir / "repo-pytorch--pytorch-dark.svg").is_file()
    assert (
        '<source media="(prefers-color-scheme: dark)" srcset="repo-pytorch--pytorch-dark.svg">'
        in result.stdout
    )
    assert 'alt="pytorch/pytorch: 98.1k stars, 26.5k forks, written in Python.' in result.stdout


def test_badge_command_writes_each_style(workdir: Path) -> None:
    for style in ("flat", "flat-square", "for-the-badge", "social"):
        result = CliRunner().invoke(main, ["badge", "pytorch/pytorch", "--style", style])
        assert result.exit_code == 0, result.output
        assert (workdir / f"pytorch--pytorch-stars-{style}.svg").is_file()
    result = CliRunner().invoke(
        main, ["badge", "yewentao256", "--metric", "followers", "--format", "png"]
    )
    assert result.exit_code == 0, result.output
    assert (workdir / "yewentao256-followers-flat.png").read_bytes().startswith(b"\x89PNG")


def test_unknown_targets_and_missing_stats_exit_2_with_one_line(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["card", "repo", "nobody/none"])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("error: no repository nobody/none")
    result = CliRunner().invoke(main, ["badge", "a/b", "--stats", "missing.json"])
    assert result.exit_code == 2
    assert "run `enrich fetch` first" in result.stderr
    result = CliRunner().invoke(main, ["card", "repo", "pytorch/pytorch", "--theme", "neon"])
    assert result.exit_code == 2


def test_render_cards_writes_what_the_options_ask_and_skips_unchanged(tmp_path: Path) -> None:
    stats = from_json(STATS.read_text(encoding="utf-8"))
    options = CardOptions(
        repos=("pytorch/pytorch",),
        contributions=("yewentao256",),
        profiles=("yewentao256",),
        badges=(BadgeRequest("vllm-project/vllm", "stars", "social"),),
        themes=("auto", "dark"),
        formats=("svg", "png"),
        scales=(1, 2),
    )
    written = render_cards(stats, options, tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert len(names) == 3 * 2 * 3 + 1
    assert "repo-pytorch--pytorch.svg" in names
    assert "profile-yewentao256-dark@2x.png" in names
    assert "badges/vllm-project--vllm-stars-social.svg" in names
    stamps = {p: p.stat().st_mtime_ns for p in written}
    render_cards(stats, options, tmp_path)
    assert {p: p.stat().st_mtime_ns for p in written} == stamps


def test_embed_snippet_escapes_and_carries_the_figures() -> None:
    card = layout_repo_card(RepoData('a/"b"', "<x> & y", 1500, 2), THEMES["light"])
    snippet = embed_snippet(card, "light.svg", "dark.svg", href="https://github.com/a/b")
    assert 'alt="a/&quot;b&quot;: 1.5k stars, 2 forks. &lt;x&gt; &amp; y"' in snippet
    assert snippet.startswith('<a href="https://github.com/a/b">\n<picture>')
    assert 'width="400" height="120"' in snippet


def test_fallback_fonts_reach_the_rasterizer(workdir: Path) -> None:
    from enrich.render.text_measure import font_path

    args = ["card", "repo", "deeplink-org/diopi", "--format", "png", "-o", "with.png"]
    result = CliRunner().invoke(main, [*args, "--fallback-font", str(font_path(True))])
    assert result.exit_code == 0, result.output
    assert (workdir / "with.png").read_bytes().startswith(b"\x89PNG")
    missing = CliRunner().invoke(main, [*args, "--fallback-font", "nope.ttf"])
    assert missing.exit_code == 2


def test_contributions_read_pr_only_and_merged_only_searches() -> None:
    from enrich.render.card_data import contributions_data
    from enrich.stats import Figure, Item, Stats

    def item(count: int) -> Item:
        return Item("search", "q", figures={"count": Figure(value=count, fetched_at="t")})

    stats = Stats(
        items={
            "search:author:me is:pr repo:up/stream": item(40),
            "search:author:me is:merged is:pr repo:up/stream": item(33),
            "search:author:me repo:me/own": item(9),
        }
    )
    data = contributions_data(stats, "Me")
    assert [(p.repo, p.prs, p.merged_prs, p.stars) for p in data.projects] == [
        ("up/stream", 40, 33, None)
    ]


def test_an_svg_card_has_no_scale_in_its_name(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["card", "repo", "pytorch/pytorch", "--scale", "2"])
    assert result.exit_code == 0, result.output
    assert (workdir / "repo-pytorch--pytorch.svg").is_file()
    assert not (workdir / "repo-pytorch--pytorch@2x.svg").exists()


def test_embed_refuses_one_theme_for_both_variants(workdir: Path) -> None:
    result = CliRunner().invoke(
        main, ["card", "repo", "pytorch/pytorch", "--embed", "--theme", "dark"]
    )
    assert result.exit_code == 2
    assert "--dark-theme" in result.output
    assert not list(workdir.glob("*.svg"))
