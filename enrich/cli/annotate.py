"""``enrich annotate``: propose managed-region markers for a page, as a diff."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path, PurePosixPath

import click

from enrich import stats as stats_file
from enrich.cli import exits
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
        write_atomic(page, new_text.encode("utf-8"))
        click.echo(f"annotated {page} ({count} marker{'' if count == 1 else 's'})")
        return
    click.echo(patch_text(parsed.text, new_text, diff_name(page, Path.cwd())), nl=False)


def diff_name(path: Path, cwd: Path) -> str:
    """The page's name in a diff header, as ``git apply`` and ``patch -p1`` read it after
    ``a/``: relative to ``cwd`` when below it, else the absolute path without its root
    (``/tmp/x.md`` -> ``tmp/x.md``, applied with ``-p1`` from ``/``), never ``a//tmp``."""
    if path.is_absolute():
        try:
            path = path.relative_to(cwd)
        except ValueError:
            return PurePosixPath(*path.parts[1:]).as_posix()
    return PurePosixPath(*path.parts).as_posix()


def patch_text(old: str, new: str, name: str) -> str:
    """A unified diff of ``old`` -> ``new`` that ``patch`` and ``git apply`` accept: headers
    ``a/NAME``/``b/NAME``, line endings kept, and the ``\\ No newline at end of file``
    line after a last line without one (difflib leaves it out)."""
    lines = difflib.unified_diff(
        _lines(old),
        _lines(new),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines split on ``\\n`` only, as ``patch`` splits them (``str.splitlines`` would also
    split on ``\\r``, U+2028 and other separators a page may hold inside a line)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]
