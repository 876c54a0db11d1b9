"""Local badges keep what shields would draw: label, color and labelColor get their own files.

Badges that draw differently never share a file (a digest of the options in the name, the
plain badge keeps its old name), the options survive in the link for later runs, and options
enrich cannot draw keep the shields URL with a reason instead of being dropped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich.cli import main
from enrich.page import splice
from enrich.render.badge_replace import (
    LocalBadgeLink,
    local_badge_file,
    local_badge_links,
    local_badge_name,
    look_query,
    replace_badges,
    shields_look,
)
from enrich.render.badges import PLAIN, BadgeLook, shields_colour
from enrich.render.themes import normalise_colour
from enrich.scan import scan_text
from enrich.scan.refs import Badge
from enrich.stats import Figure, Item, Stats, from_json

HERE = Path(__file__).parent
SHIELDS = "https://img.shields.io/github/stars/pytorch/pytorch"


@pytest.fixture(scope="module")
def stats() -> Stats:
    return from_json((HERE / "stats.json").read_text(encoding="utf-8"))


def _replace(text: str, stats: Stats):  # type: ignore[no-untyped-def]
    return replace_badges(text, scan_text(text), stats)


def test_different_labels_get_different_files(stats: Stats) -> None:
    text = f"![a]({SHIELDS}?label=Stars)\n![b]({SHIELDS}?label=Likes)\n![c]({SHIELDS})\n"
    result = _replace(text, stats)
    assert not result.skipped
    by_name = {f.name: f.svg for f in result.files}
    assert len(by_name) == 3
    assert "pytorch--pytorch-stars-flat.svg" in by_name  # the plain badge keeps its name
    labelled = {n: svg for n, svg in by_name.items() if n != "pytorch--pytorch-stars-flat.svg"}
    for name in labelled:
        assert re.fullmatch(r"pytorch--pytorch-stars-flat-[0-9a-f]{8}\.svg", name)
    titles = sorted(re.search(r"<title[^>]*>([^<]*)</title>", svg)[1] for svg in labelled.values())  # type: ignore[index]
    assert titles == ["Likes: 98.1k", "Stars: 98.1k"]
    # each link points at the file drawn with its own label
    updated = splice(text, result.edits)
    for line, label in zip(updated.splitlines(), ["Stars", "Likes", None], strict=True):
        (link,) = local_badge_links(line, "badges/")
        assert link.label == label
        assert f">{label or 'stars'}: 98.1k<" in by_name[link.name]
    assert _replace(text, stats) == result  # stable: same names and bytes every run


@pytest.mark.parametrize(
    ("query", "colour", "label_colour"),
    [
        ("color=red", "#dd4343", "#555555"),
        ("color=brightgreen", "#44bb00", "#555555"),
        ("color=success", "#44bb00", "#555555"),
        ("color=ff0000", "#ff0000", "#555555"),
        ("color=%23abc", "#aabbcc", "#555555"),
        ("colorB=blue&colorA=f0f0f0", "#007ec6", "#f0f0f0"),
        ("labelColor=red", "#007ec6", "#dd4343"),
        ("style=for-the-badge&color=orange&labelColor=000", "#ea7233", "#000000"),
    ],
)
def test_colours_are_drawn_as_shields_does(
    stats: Stats, query: str, colour: str, label_colour: str
) -> None:
    text = f"![x]({SHIELDS}?{query})"
    result = _replace(text, stats)
    (badge,) = result.files
    assert f'fill="{colour}"' in badge.svg
    assert f'fill="{label_colour}"' in badge.svg
    style = "for-the-badge" if "style=" in query else "flat"
    assert re.fullmatch(rf"pytorch--pytorch-stars-{style}-[0-9a-f]{{8}}\.svg", badge.name)


def test_the_same_options_in_any_order_and_spelling_share_a_file(stats: Stats) -> None:
    text = f"![a]({SHIELDS}?color=red&label=X) ![b]({SHIELDS}?label=X&colorB=DD4343)"
    result = _replace(text, stats)
    assert len(result.files) == 1
    assert len(result.edits) == 2


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("logo=github", "logo="),
        ("logo=github&logoColor=white", "logo="),
        ("color=purple", "color='purple'"),
        ("labelColor=rgb(1,2,3)", "labelColor='rgb(1,2,3)'"),
        ("color=Red", "color='Red'"),
        ("label=", "empty label="),
    ],
)
def test_options_enrich_cannot_draw_keep_the_shields_url(
    stats: Stats, query: str, reason: str
) -> None:
    text = f"intro\n\n![x]({SHIELDS}?{query})\n"
    result = _replace(text, stats)
    assert not result.edits
    assert not result.files
    ((ref, why),) = result.skipped
    assert ref.line == 3
    assert reason in why


def test_social_badges_ignore_colours_as_shields_does(stats: Stats) -> None:
    result = _replace(f"![x]({SHIELDS}?style=social&color=red)", stats)
    assert [f.name for f in result.files] == ["pytorch--pytorch-stars-social.svg"]
    assert "#dd4343" not in result.files[0].svg


def test_later_runs_redraw_each_link_with_fresh_figures(stats: Stats) -> None:
    text = f"![a]({SHIELDS}?label=Likes&color=red) ![b]({SHIELDS}?label=Stars%20%26%20more)"
    result = _replace(text, stats)
    page = splice(text, result.edits)
    assert "img.shields.io" not in page
    links = local_badge_links(page, "badges/")
    assert [link.look for link in links] == [
        BadgeLook("Likes", "#dd4343"),
        BadgeLook("Stars & more"),
    ]
    first = {f.name: f.svg for f in result.files}
    assert {link.name: local_badge_file(stats, link).svg for link in links} == first
    fresh = Stats(
        {
            "repo:pytorch/pytorch": Item(
                "repo", "pytorch/pytorch", figures={"stars": Figure(200_000, "t")}
            )
        }
    )
    redrawn = local_badge_file(fresh, links[0])
    assert redrawn.name == links[0].name
    assert "Likes: 200k" in redrawn.svg
    assert 'fill="#dd4343"' in redrawn.svg


def test_links_that_do_not_match_their_options_are_left_alone() -> None:
    name = local_badge_name("a/b", "stars", "flat", BadgeLook("X"))
    good = f"/b/{name}{look_query(BadgeLook('X'))}"
    assert local_badge_links(good, "/b/") == [
        LocalBadgeLink(name, "a/b", "stars", "flat", BadgeLook("X"))
    ]
    assert local_badge_links(f"/b/{name}?label=Y", "/b/") == []  # edited by hand
    assert local_badge_links(f"/b/{name}", "/b/") == []
    # a link written before names had digests keeps its name and label
    old = local_badge_links("/b/a--b-stars-flat.svg?label=Old", "/b/")
    assert old == [LocalBadgeLink("a--b-stars-flat.svg", "a/b", "stars", "flat", BadgeLook("Old"))]
    html = f'<img src="/b/{local_badge_name("a/b", "forks", "flat", BadgeLook("F", "#dd4343"))}'
    html += '?label=F&amp;color=dd4343">'
    assert [link.metric for link in local_badge_links(html, "/b/")] == ["forks"]


def test_names_are_stable_and_plain_names_unchanged() -> None:
    assert local_badge_name("Pytorch/Pytorch", "stars", "flat") == "pytorch--pytorch-stars-flat.svg"
    assert local_badge_name("a/b", "stars", "flat", PLAIN) == "a--b-stars-flat.svg"
    assert look_query(PLAIN) == ""
    named = local_badge_name("a/b", "stars", "flat", BadgeLook("X", "#dd4343"))
    assert named == local_badge_name("a/b", "stars", "flat", BadgeLook("X", "#dd4343"))
    assert named != local_badge_name("a/b", "stars", "flat", BadgeLook("X"))
    assert local_badge_name("a/b", "stars", "flat", BadgeLook("None")) != local_badge_name(
        "a/b", "stars", "flat", BadgeLook(None, "#dd4343")
    )


def test_shields_colour_and_look() -> None:
    assert shields_colour("critical") == "#dd4343"
    assert shields_colour("lightgray") == "#939393"
    assert shields_colour("Red") is None  # badge-maker falls back to its default colour
    assert shields_colour("purple") is None
    assert shields_colour("12345") is None
    look = shields_look(
        Badge("stars", (("color", "red"), ("link", "x"), ("cacheSeconds", "9"))), "flat"
    )
    assert look == BadgeLook(None, "#dd4343")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    shutil.copy(HERE / "stats.json", tmp_path / "data" / "github-stats.json")
    (tmp_path / "content").mkdir()
    (tmp_path / "enrich.toml").write_text(
        'badges = "local"\n[cards]\nenabled = false\n', encoding="utf-8"
    )
    return tmp_path


def test_render_warns_with_page_and_line_instead_of_dropping_an_option(site: Path) -> None:
    page = site / "content" / "a.md"
    text = f"# A\n\n![plain]({SHIELDS})\n![c]({SHIELDS}?color=purple)\n![l]({SHIELDS}?logo=x)\n"
    page.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 0, result.output
    written = page.read_text(encoding="utf-8")
    assert "](/enrich/badges/pytorch--pytorch-stars-flat.svg)" in written
    assert f"![c]({SHIELDS}?color=purple)" in written
    assert f"![l]({SHIELDS}?logo=x)" in written
    assert "content/a.md:4: badge kept as is: enrich does not draw color='purple'" in result.stderr
    assert "content/a.md:5: badge kept as is: enrich does not draw shields' logo=" in result.stderr


BADGE_MAKER = (
    Path(os.environ.get("ENRICH_BADGE_MAKER_PREFIX", HERE / ".node"))
    / "node_modules"
    / "badge-maker"
    / "lib"
    / "index.js"
)
COLOURS_SCRIPT = """
const [modulePath, names] = process.argv.slice(2)
const { makeBadge } = await import(modulePath)
const fills = JSON.parse(names).map(color => {
  const svg = makeBadge({ label: 'l', message: 'm', color, labelColor: color, style: 'flat' })
  return [...svg.matchAll(/<rect[^>]*fill="(#[0-9a-fA-F]+)"/g)].map(m => m[1])[1]
})
console.log(JSON.stringify(fills))
"""


@pytest.mark.skipif(
    shutil.which("node") is None or not BADGE_MAKER.exists(), reason="needs node and badge-maker"
)
def test_colours_match_badge_maker(tmp_path: Path) -> None:
    names = ["red", "brightgreen", "success", "lightgray", "grey", "abc", "e05d44", "inactive"]
    script = tmp_path / "colours.mjs"
    script.write_text(COLOURS_SCRIPT, encoding="utf-8")
    out = subprocess.run(
        ["node", str(script), BADGE_MAKER.as_uri(), json.dumps(names)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    theirs = [normalise_colour(fill) for fill in json.loads(out.stdout)]
    assert [shields_colour(name) for name in names] == theirs
