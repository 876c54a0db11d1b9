"""Cards and badges from a stats file to files: the entry points the CLI and ``render`` call.

Everything here but ``write_output``/``render_cards`` is pure. File names are stable and
derived from the target (``repo-pytorch--pytorch-dark.svg``): the owner and repository
are joined by ``--``, which a GitHub owner name cannot contain, so two targets never
share a file. An unchanged card is not rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from enrich.errors import InputError
from enrich.fsio import write_atomic
from enrich.render.badges import SHIELDS, badge_for
from enrich.render.card_data import contributions_data, profile_data, repo_data
from enrich.render.layout import Card, layout_repo_card
from enrich.render.layout_people import layout_contributions_card, layout_profile_card
from enrich.render.missing_glyphs import box_missing_glyphs
from enrich.render.png import rasterize
from enrich.render.png_compose import composable, compose_png
from enrich.render.svg import render_badge_svg, render_svg
from enrich.render.themes import AUTO, ColourOverrides, resolve_theme
from enrich.stats import Stats

CardKind = Literal["repo", "contributions", "profile"]
CARD_KINDS: tuple[CardKind, ...] = ("repo", "contributions", "profile")


@dataclass(frozen=True, slots=True)
class BadgeRequest:
    """One badge to write: ``owner/repo`` (or a login for ``followers``), metric, style."""

    target: str
    metric: str = "stars"
    style: str = "flat"
    theme: str | None = None
    """A card theme's colours instead of shields' (``None``: shields' colours)."""


@dataclass(frozen=True, slots=True)
class CardOptions:
    """What ``render_cards`` writes and how it looks (config fills this in).

    ``themes``: one file per theme; ``auto`` switches light/dark inside the SVG (its PNG
    is light). ``formats``: ``svg`` and/or ``png``; ``scales``: PNG scales (1, 2).
    ``extra_fonts``: fallback font files for PNGs (glyphs DejaVu lacks).
    """

    repos: tuple[str, ...] = ()
    contributions: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    badges: tuple[BadgeRequest, ...] = ()
    themes: tuple[str, ...] = (AUTO,)
    colours: ColourOverrides | None = None
    formats: tuple[str, ...] = ("svg",)
    scales: tuple[int, ...] = (1,)
    embed_font: bool = True
    max_rows: int = 6
    extra_fonts: tuple[Path, ...] = field(default=())


def slug(target: str) -> str:
    """``pytorch/pytorch`` -> ``pytorch--pytorch``; ``yewentao256`` -> ``yewentao256``."""
    cleaned = re.sub(r"[^a-z0-9._/-]+", "_", target.lower())
    return cleaned.replace("/", "--")


def card_filename(kind: str, target: str, theme: str, fmt: str, scale: int = 1) -> str:
    """``repo-pytorch--pytorch-dark@2x.png``; no theme suffix for ``auto``."""
    theme_part = "" if theme == AUTO else f"-{theme}"
    scale_part = "" if scale == 1 else f"@{scale}x"
    return f"{kind}-{slug(target)}{theme_part}{scale_part}.{fmt}"


def badge_filename(target: str, metric: str, style: str, theme: str | None = None) -> str:
    """``pytorch--pytorch-stars-social.svg`` (``...-flat-dark.svg`` with a theme)."""
    theme_part = f"-{theme}" if theme not in (None, SHIELDS) else ""
    return f"{slug(target)}-{metric}-{style}{theme_part}.svg"


def build_card(
    stats: Stats,
    kind: str,
    target: str,
    theme: str = AUTO,
    colours: ColourOverrides | None = None,
    max_rows: int = 6,
) -> Card:
    """The laid-out card of ``kind`` for ``target`` (``owner/repo`` or a login)."""
    base = resolve_theme(theme, colours)
    dark = resolve_theme("dark", colours) if theme == AUTO else None
    if kind == "repo":
        return layout_repo_card(repo_data(stats, target), base, dark)
    if kind == "contributions":
        return layout_contributions_card(contributions_data(stats, target), base, dark, max_rows)
    if kind == "profile":
        return layout_profile_card(profile_data(stats, target), base, dark)
    raise ValueError(f"unknown card kind {kind!r} (known: {', '.join(CARD_KINDS)})")


def card_bytes(card: Card, fmt: str, scale: int = 1, *, options: CardOptions) -> bytes:
    """The card encoded as ``svg`` or ``png`` (PNG composed from the same elements and
    markup, or rasterized from the whole SVG when its text needs a fallback font)."""
    if fmt == "svg":
        return render_svg(card, embed_font=options.embed_font).encode("utf-8")
    if fmt == "png":
        if composable(card):
            return compose_png(card, scale)
        boxed = box_missing_glyphs(card, options.extra_fonts)
        svg = render_svg(boxed, embed_font=options.embed_font)
        return rasterize(svg, scale=scale, extra_fonts=options.extra_fonts)
    raise ValueError(f"unknown format {fmt!r} (svg or png)")


def write_output(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless the file already holds it; ``True`` when written.

    A path that cannot be written (a file where a directory should be, a directory where
    the file should be, no permission) is an ``InputError`` naming it."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror})", path=path) from exc
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror})", path=path) from exc
    return True


def render_cards(stats: Stats, options: CardOptions, out_dir: Path) -> list[Path]:
    """Write every card and badge ``options`` asks for under ``out_dir``; their paths.

    Badges go to ``out_dir/badges/``. Raises ``StatsFileError`` for a target the stats
    file does not know and ``ConfigError`` for an unknown theme or bad colour.
    """
    for theme in options.themes:
        resolve_theme(theme, options.colours)  # a bad theme or colour fails before any write
    written: list[Path] = []
    requests = [
        *(("repo", t) for t in options.repos),
        *(("contributions", t) for t in options.contributions),
        *(("profile", t) for t in options.profiles),
    ]
    for kind, target in requests:
        for theme in options.themes:
            card = build_card(stats, kind, target, theme, options.colours, options.max_rows)
            for fmt in options.formats:
                for scale in options.scales if fmt == "png" else (1,):
                    path = out_dir / card_filename(kind, target, theme, fmt, scale)
                    write_output(path, card_bytes(card, fmt, scale, options=options))
                    written.append(path)
    for request in options.badges:
        badge = badge_for(stats, request.target, request.metric, request.style, request.theme)
        name = badge_filename(request.target, request.metric, request.style, request.theme)
        path = out_dir / "badges" / name
        write_output(path, render_badge_svg(badge, embed_font=options.embed_font).encode())
        written.append(path)
    return written
