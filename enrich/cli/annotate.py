"""``enrich annotate``: propose managed-region markers for a page, as a diff."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from enrich import stats as stats_file
from enrich.cli import exits
from enrich.cli.diffs import diff_name, patch_text
from enrich.cli.run import configured
from enrich.errors import InputError
from enrich.fsio import write_atomic
from enrich.page import read_page, splice
from enrich.render.annotate import propose_markers
from enrich.scan import scan_page


@click.command("annotate")
@click.argument("page", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--write", is_flag=True, help="Apply the proposed markers to PAGE (atomically).")
@click.option(
    "--stats",
    "stats_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Fill new regions with these figures, when the file exists (default: the config's "
    "stats, data/github-stats.json).",
)
def annotate(page: Path, write: bool, stats_path: Path | None) -> None:
    """Propose markers for PAGE: a star figure after each repository heading and a marker
    around the number before a counted search link ("30+ [contributions](...)").

    Prints a unified diff; --write applies it. Notes on places left alone go to stderr.
    Exit 0, or 2 on a bad page, marker or stats file.
    """
    if stats_path is None:  # the config's, as run and render read it
        stats_path = configured(None).stats
    try:
        stats = stats_file.load(stats_path)
        parsed = read_page(page)
        proposal = propose_markers(parsed.text, scan_page(parsed), stats, path=str(page))
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exits.BAD_INPUT)
    for note in proposal.notes:
        click.echo(f"note: {note}", err=True)
    new_text = splice(parsed.text, proposal.edits)
    count = len(proposal.edits)
    if new_text == parsed.text:
        click.echo(f"no markers to propose for {page}", err=True)
        return
    if write:
        try:
            write_atomic(page, new_text.encode("utf-8"), through_link=True)
        except OSError as exc:  # the page is left as it was
            click.echo(f"error: {page}: cannot write here ({exc.strerror or exc})", err=True)
            sys.exit(exits.BAD_INPUT)
        click.echo(f"annotated {page} ({count} marker{'' if count == 1 else 's'})")
        return
    click.echo(patch_text(parsed.text, new_text, diff_name(page, Path.cwd())), nl=False)
