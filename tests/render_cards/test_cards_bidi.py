"""A bidi override in a description must not reorder the card's text (a spoof)."""

from __future__ import annotations

from enrich.render.card_data import RepoData, clean_text
from enrich.render.layout import layout_repo_card
from enrich.render.svg import render_svg
from enrich.render.themes import THEMES


def test_bidi_controls_are_dropped_from_api_strings() -> None:
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert clean_text(f"safe {control}exe.txt") == "safe exe.txt"
    # Ordinary right-to-left text stays: only the explicit formatting controls go.
    assert clean_text("العربية \u200f ok") == "العربية \u200f ok"


def test_a_repo_card_shows_no_bidi_override() -> None:
    data = RepoData("o/r", clean_text("Official \u202egnp.exe"), 1, 2, "Python")
    svg = render_svg(layout_repo_card(data, THEMES["light"], THEMES["dark"]), embed_font=False)
    assert "\u202e" not in svg
    assert "Official gnp.exe" in svg
