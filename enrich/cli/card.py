"""``enrich card repo|contributions|profile`` and ``enrich badge``: one file from the stats file.

Thin: parse options, call ``enrich.render.cards``/``badges``, write, map errors to one
line and an exit code (2 for bad input: unknown target, theme, colour, stats file or a
``--fallback-font`` that is not a font).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import click
from fontTools.ttLib import TTFont

from enrich import stats as stats_file
from enrich.cli import exits
from enrich.errors import InputError
from enrich.render.badges import METRICS, SHIELDS, STYLES, badge_for
from enrich.render.cards import (
    CardOptions,
    badge_filename,
    build_card,
    card_bytes,
    card_filename,
    write_output,
)
from enrich.render.embed import embed_snippet
from enrich.render.png import rasterize
from enrich.render.svg import render_badge_svg
from enrich.render.themes import AUTO, THEMES, theme_names


def _common(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options every card and badge command takes."""
    options = [
        click.option(
            "--stats",
            "stats_path",
            type=click.Path(path_type=Path, dir_okay=False),
            help="The stats file written by `enrich fetch` (default: the config's stats, "
            "data/github-stats.json).",
        ),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["svg", "png"]),
            default="svg",
            show_default=True,
            help="SVG, or PNG drawn from the same layout.",
        ),
        click.option(
            "--scale",
            type=click.Choice(["1", "2"]),
            default="1",
            show_default=True,
            help="PNG scale (2 for high-density screens).",
        ),
        click.option(
            "--output",
            "-o",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="File to write (default: a stable name in the current directory).",
        ),
        click.option("--no-font", is_flag=True, help="Do not embed the font subset in the SVG."),
        click.option(
            "--fallback-font",
            "fallback_fonts",
            multiple=True,
            type=click.Path(path_type=Path, dir_okay=False, exists=True),
            help="A font file for glyphs DejaVu Sans lacks (e.g. CJK), used for PNGs. Repeatable.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _load(stats_path: Path | None) -> stats_file.Stats:
    if stats_path is None:  # the config's, as run and render read it
        from enrich.cli.run import configured

        stats_path = configured(None).stats
    stats = stats_file.load(stats_path)
    if not stats.items:
        raise InputError("the stats file is empty or missing: run `enrich fetch` first",
                         path=stats_path)  # fmt: skip
    return stats


_FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")
"""The first bytes of a TrueType, OpenType (CFF), Apple TrueType or collection file: what
resvg reads (it skips anything else without a word, so a wrong file would go unnoticed)."""


def check_fonts(paths: tuple[Path, ...]) -> None:
    """``InputError`` naming the first of ``paths`` that is not a readable TTF/OTF/TTC font."""
    for path in paths:
        try:
            with path.open("rb") as handle:
                if handle.read(4) not in _FONT_MAGIC:
                    raise InputError("not a TrueType/OpenType font (.ttf, .otf or .ttc)", path=path)
                handle.seek(0)
                _check_cmap(handle, path)
        except OSError as exc:
            raise InputError(f"cannot read this font ({exc.strerror})", path=path) from exc


def _check_cmap(handle: BinaryIO, path: Path) -> None:
    try:
        font = TTFont(handle, fontNumber=0, lazy=True)
        font["cmap"]  # the table that maps characters to glyphs: the point of a fallback
    except Exception as exc:  # fontTools raises many types for a damaged file
        raise InputError(f"not a usable font ({exc})", path=path) from None


def _fail(exc: InputError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(exits.BAD_INPUT)


@click.group()
def card() -> None:
    """Write one card (SVG or PNG) from the stats file: repo, contributions or profile."""


def _card_command(kind: str, argument: str, doc: str) -> click.Command:
    @click.argument(argument)
    @click.option(
        "--theme",
        type=click.Choice(theme_names()),
        default=AUTO,
        show_default=True,
        help="Colour theme; auto follows the reader's light/dark preference (SVG only).",
    )
    @click.option(
        "--embed",
        is_flag=True,
        help="Also write a dark variant (<name>-dark) and print a <picture> snippet.",
    )
    @click.option(
        "--dark-theme",
        type=click.Choice(theme_names()[1:]),
        default="dark",
        show_default=True,
        help="Theme of the dark variant written by --embed.",
    )
    @_common
    def command(
        stats_path: Path | None,
        fmt: str,
        scale: str,
        output: Path | None,
        no_font: bool,
        fallback_fonts: tuple[Path, ...],
        theme: str,
        embed: bool,
        dark_theme: str,
        **target: str,
    ) -> None:
        name = target[argument]
        options = CardOptions(embed_font=not no_font, extra_fonts=fallback_fonts)
        light_theme = "light" if embed and theme == AUTO else theme
        if embed and light_theme == dark_theme:
            raise click.UsageError(
                f"--embed needs two themes: --theme and --dark-theme are both {dark_theme!r}"
            )
        name_scale = int(scale) if fmt == "png" else 1  # SVGs have no scale: no @2x name
        try:
            check_fonts(fallback_fonts)
            stats = _load(stats_path)
            built = build_card(stats, kind, name, light_theme)
            path = output or Path(card_filename(kind, name, light_theme, fmt, name_scale))
            write_output(path, card_bytes(built, fmt, int(scale), options=options))
            click.echo(f"wrote {path}", err=True)
            if embed:
                dark = build_card(stats, kind, name, dark_theme)
                dark_path = (
                    path.with_name(f"{path.stem}-dark{path.suffix}")
                    if output is not None
                    else Path(card_filename(kind, name, dark_theme, fmt, name_scale))
                )
                write_output(dark_path, card_bytes(dark, fmt, int(scale), options=options))
                click.echo(f"wrote {dark_path}", err=True)
                click.echo(embed_snippet(built, path.as_posix(), dark_path.as_posix()), nl=False)
        except InputError as exc:
            _fail(exc)

    command.__doc__ = doc
    return click.command(kind)(command)


card.add_command(
    _card_command(
        "repo",
        "full_name",
        "Repository card for OWNER/REPO: name, description, language, stars, forks.",
    )
)
card.add_command(
    _card_command(
        "contributions",
        "login",
        "Upstream contributions of USER: PRs and merged PRs per project, with its stars.",
    )
)
card.add_command(
    _card_command(
        "profile",
        "login",
        "Profile card of USER: followers, total stars, repositories, merged PRs, top repos.",
    )
)


@click.command()
@click.argument("target")
@click.option(
    "--metric",
    type=click.Choice(sorted(METRICS)),
    default="stars",
    show_default=True,
    help="The figure shown (followers and user-stars take a USER).",
)
@click.option(
    "--style",
    type=click.Choice(list(STYLES)),
    default="flat",
    show_default=True,
    help="shields.io style.",
)
@click.option(
    "--theme",
    type=click.Choice([SHIELDS, *THEMES]),
    default=SHIELDS,
    show_default=True,
    help="shields' colours, or a card theme's (label on muted, message on title).",
)
@_common
def badge(
    target: str,
    metric: str,
    style: str,
    theme: str,
    stats_path: Path | None,
    fmt: str,
    scale: str,
    output: Path | None,
    no_font: bool,
    fallback_fonts: tuple[Path, ...],
) -> None:
    """Write a shields-style badge for OWNER/REPO (or USER) from the stats file."""
    try:
        check_fonts(fallback_fonts)
        stats = _load(stats_path)
        drawn = badge_for(stats, target, metric, style, theme)
        svg = render_badge_svg(drawn, embed_font=not no_font)
        if fmt == "svg":
            data = svg.encode()
        else:
            data = rasterize(svg, scale=int(scale), extra_fonts=fallback_fonts)
        default = badge_filename(target, metric, style, theme).removesuffix(".svg")
        suffix = "" if scale == "1" or fmt == "svg" else f"@{scale}x"
        path = output or Path(f"{default}{suffix}.{fmt}")
        write_output(path, data)
        click.echo(f"wrote {path}", err=True)
    except InputError as exc:
        _fail(exc)
