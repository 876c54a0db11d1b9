"""Every string from the API renders as text and the SVG stays well-formed, whatever it holds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enrich.render.badges import STYLES, layout_badge
from enrich.render.card_data import (
    Contribution,
    ContributionsData,
    ProfileData,
    RepoData,
    clean_text,
)
from enrich.render.layout import layout_repo_card
from enrich.render.layout_people import layout_contributions_card, layout_profile_card
from enrich.render.svg import render_badge_svg, render_svg
from enrich.render.themes import THEMES

SVG_NS = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "<script>alert(1)</script>",
    "]]><script>x</script><![CDATA[",
    'Tom & Jerry\'s "quoted" <b>bold</b>',
    "\x00\x01\x08\x0b\x0c\x1b\x7f nul and escape \ufffe\uffff",
    "&lt;already escaped&gt; &amp; &#x41;",
    "</text></svg><svg onload=alert(1)>",
    "{{ 7*7 }} {% raw %} ${x}",
    "line\nbreak\rcarriage\ttab\u2028sep",
    "\u202eevil bidi override",
    "😀🚀 emoji and 中文描述 and العربية",
]
LIGHT, DARK = THEMES["light"], THEMES["dark"]


def _assert_well_formed(svg: str, *shown: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 (our own output; raises when malformed)
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    assert all(not attr.startswith("on") for el in root.iter() for attr in el.attrib)
    texts = "".join("".join(el.itertext()) for el in root.iter(f"{SVG_NS}text"))
    desc_element = root.find(f"{SVG_NS}desc")
    desc = "".join(desc_element.itertext()) if desc_element is not None else ""
    for value in shown:
        cleaned = clean_text(value)
        head = cleaned[:6]
        assert head in texts or head in desc or head in (root.findtext(f"{SVG_NS}title") or "")
    return root


def _repo(description: str, name: str = "owner/repo", language: str = "Python") -> str:
    data = RepoData(clean_text(name), clean_text(description), 1234, 56, clean_text(language),
                    "#3572A5", True)  # fmt: skip
    return render_svg(layout_repo_card(data, LIGHT, DARK))


def test_known_hostile_strings_render_as_text() -> None:
    for value in HOSTILE:
        root = _assert_well_formed(_repo(value, name=value, language=value), value)
        desc = root.findtext(f"{SVG_NS}desc") or ""
        assert clean_text(value) in desc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200), st.text(max_size=60), st.text(max_size=30))
def test_any_text_keeps_the_repo_card_well_formed(description: str, name: str, lang: str) -> None:
    data = RepoData(clean_text(name) or "x", clean_text(description), 1, 2, clean_text(lang))
    svg = render_svg(layout_repo_card(data, LIGHT, DARK), embed_font=False)
    _assert_well_formed(svg)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), st.text(max_size=80))
def test_any_text_keeps_people_cards_and_badges_well_formed(name: str, repo: str) -> None:
    contributions = ContributionsData(
        login=clean_text(name) or "x",
        name=clean_text(name) or "x",
        projects=(Contribution(clean_text(repo) or "a/b", 37, 30, 98123),),
    )
    _assert_well_formed(
        render_svg(layout_contributions_card(contributions, LIGHT), embed_font=False)
    )
    profile = ProfileData(clean_text(name) or "x", clean_text(name) or "x", 1, 2, 3, 4,
                          ((clean_text(repo) or "a/b", 5),))  # fmt: skip
    _assert_well_formed(render_svg(layout_profile_card(profile, DARK), embed_font=False))
    for style in STYLES:
        badge = layout_badge(name, repo, style)
        _assert_well_formed(render_badge_svg(badge, embed_font=False))


def test_control_characters_are_dropped_from_badges_even_unclean() -> None:
    badge = layout_badge("st\x00ars", "9\x1b8", "flat")
    svg = render_badge_svg(badge)
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    assert "stars" in (root.findtext(f"{SVG_NS}title") or "")


def test_hostile_figures_in_the_stats_file_stay_text() -> None:
    from enrich.render.cards import build_card
    from enrich.stats import Figure, Item, Stats

    def figures(**values: object) -> dict[str, Figure]:
        return {k: Figure(value=v, fetched_at="2026-11-25T00:00:00Z") for k, v in values.items()}  # type: ignore[arg-type]

    evil = '<script>alert("x")</script>]]>&\x00\x07'
    stats = Stats(
        items={
            "repo:a/b": Item(
                "repo",
                "a/b",
                figures=figures(
                    full_name=evil,
                    description=evil,
                    language=evil,
                    language_color='#fff" onload="alert(1)',
                    stars=1234,
                    forks=True,  # not a count: left off the card
                ),
            ),
            "user:a": Item("user", "a", figures=figures(name=evil, login=evil, top_repos=[evil])),
            "search:author:a repo:x/y": Item("search", "q", figures=figures(prs=3, merged_prs=2)),
        }
    )
    for kind, target in (("repo", "a/b"), ("profile", "a"), ("contributions", "a")):
        svg = render_svg(build_card(stats, kind, target, "auto"), embed_font=False)
        root = _assert_well_formed(svg)
        assert "onload" not in {attr for el in root.iter() for attr in el.attrib}
        assert "onload" not in svg.replace("onload=&#34;", "")  # only as escaped text, if at all
    repo_svg = render_svg(build_card(stats, "repo", "a/b", "light"), embed_font=False)
    assert (
        '<circle cx="25" cy="99.5" r="5" fill="#8b949e"/>' in repo_svg
    )  # the bad colour is dropped
    assert "fork" not in repo_svg.lower().replace(evil.lower(), "")
