"""``enrich render``: pages, local badges and cards from the stats file, as the config asks.

No network: this is ``enrich run --offline`` (one library function, ``enrich.run.run``)
with the render command's own options and messages: PATH... and ``--stats`` override the
config's pages and stats file, ``--diff`` prints the pages' unified diff, and nothing but
a page, card or badge whose bytes would change is ever written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from enrich.cli import exits
from enrich.cli.diffs import diff_name, patch_text
from enrich.cli.run import config_option, configured
from enrich.config import Config
from enrich.errors import InputError
from enrich.render.page_render import PageResult
from enrich.run import RunOptions, RunReport, run

DEFAULT_STATS = Config(root=Path()).stats
"""The stats file when no config names one (``enrich annotate`` uses it too)."""


def unified_diff(result: PageResult) -> str:
    """The page's change as a unified diff (``a/PATH`` -> ``b/PATH``), line endings kept."""
    return patch_text(result.old_text, result.new_text, diff_name(result.path, Path.cwd()))


@click.command("render")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@config_option
@click.option(
    "--stats",
    "stats_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The stats file written by `enrich fetch` (default: the config's stats, "
    "data/github-stats.json).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when a file would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff; write nothing.")
def render(
    paths: tuple[Path, ...],
    config_path: Path | None,
    stats_path: Path | None,
    check: bool,
    show_diff: bool,
) -> None:
    """Update the managed regions of the pages, local badges and cards from the stats file.

    PATH... (files or directories) replace the config's pages (default: content/**/*.md).
    Cards and local badges go into the config's output_dir (default: static/enrich/).
    No network. Warnings go to stderr. Exit 0 when done, 1 with --check when a page, card
    or badge would change, 2 on a bad config, stats file, page or marker: then nothing is
    written at all.
    """
    config = configured(
        config_path,
        pages=tuple(str(path.resolve()) for path in paths) or None,
        stats=stats_path.resolve() if stats_path is not None else None,
    )
    try:
        report = run(config, RunOptions(offline=True, check=check or show_diff))
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exits.BAD_INPUT)
    if not config.stats.exists():
        where = report.relative(config.stats)
        click.echo(f"note: no stats file at {where}: run `enrich fetch` first", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    _print(report, check=check, show_diff=show_diff)
    if check and (report.pages or report.outputs):
        sys.exit(exits.CHANGED)


def _print(report: RunReport, *, check: bool, show_diff: bool) -> None:
    """What changed on stdout; with ``--diff`` stdout is a patch, and cards go to stderr."""
    for page in report.pages:
        if show_diff:
            click.echo(unified_diff(page), nl=False)
        else:
            verb = "would update" if check else "updated"
            click.echo(f"{verb} {page.path} ({_regions(page)})")
    for path in report.outputs:
        verb = "wrote" if not (check or show_diff) else "would write"
        click.echo(f"{verb} {report.relative(path)}", err=show_diff)


def _regions(result: PageResult) -> str:
    count = len(result.changed_regions)
    return f"{count} region{'' if count == 1 else 's'} changed"
