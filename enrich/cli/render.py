"""``enrich render``: bring the managed regions of pages up to date from the stats file."""

from __future__ import annotations

import difflib
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from enrich import stats as stats_file
from enrich.cli import exits
from enrich.errors import InputError
from enrich.render.page_render import (
    PageResult,
    RenderOptions,
    page_paths,
    render_file,
    write_page,
)

DEFAULT_STATS = Path("data/github-stats.json")
DEFAULT_PAGES = Path("content")


def unified_diff(result: PageResult) -> str:
    """The page's change as a unified diff (``a/PATH`` -> ``b/PATH``), line endings kept."""
    return "".join(
        difflib.unified_diff(
            result.old_text.splitlines(keepends=True),
            result.new_text.splitlines(keepends=True),
            fromfile=f"a/{result.path}",
            tofile=f"b/{result.path}",
        )
    )


@click.command("render")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--stats",
    "stats_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_STATS,
    show_default=True,
    help="The stats file written by `enrich fetch`.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when a page would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff; write nothing.")
def render(paths: tuple[Path, ...], stats_path: Path, check: bool, show_diff: bool) -> None:
    """Update the managed regions of PATH... (files or directories; default: content/).

    Reads figures from the stats file only (no network). Warnings go to stderr. Exit 0 when
    done, 1 with --check when a page would change, 2 on a bad marker or page: then no
    page is written at all.
    """
    try:
        stats = stats_file.load(stats_path)
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exits.BAD_INPUT)
    if not stats_path.exists():
        click.echo(f"note: no stats file at {stats_path}: run `enrich fetch` first", err=True)
    now = datetime.now(UTC)
    options = RenderOptions()
    results: list[PageResult] = []
    failed = False
    for path in page_paths(paths or (DEFAULT_PAGES,)):
        try:
            results.append(render_file(path, stats, options, now))
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
    for result in results:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
    if failed:
        sys.exit(exits.BAD_INPUT)
    changed = [r for r in results if r.changed]
    if show_diff:
        for result in changed:
            click.echo(unified_diff(result), nl=False)
    elif check:
        for result in changed:
            click.echo(f"would update {result.path} ({_regions(result)})")
    else:
        for result in changed:
            write_page(result)
            click.echo(f"updated {result.path} ({_regions(result)})")
    if check and changed:
        sys.exit(exits.CHANGED)


def _regions(result: PageResult) -> str:
    count = len(result.changed_regions)
    return f"{count} region{'' if count == 1 else 's'} changed"
