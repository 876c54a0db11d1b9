"""``enrich scan PATH... [--json]``: list the GitHub references in pages, with their place.

A directory is scanned for ``*.md`` files recursively, in sorted order. A page that cannot
be read is reported on stderr in one line (``path:line: problem``) while the others are still
scanned; the exit code is then 2 (``exits.BAD_INPUT``), else 0.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from enrich.cli import exits
from enrich.errors import PageError
from enrich.page import expand_page_paths, read_page
from enrich.scan import Kind, Ref, scan_page


@click.command("scan")
@click.argument(
    "paths", metavar="PATH...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print a JSON array, one object per reference in document order.",
)
def scan_command(paths: tuple[Path, ...], as_json: bool) -> None:
    """List every GitHub reference in PATH... (pages, or directories of *.md pages).

    References are repositories, users, searches, pull requests, issues and shields.io
    badges, written as links, images, reference definitions, autolinks, bare URLs, HTML
    href/src/srcset attributes or front matter values; code and HTML comments are skipped.
    """
    bad = False
    records: list[dict[str, Any]] = []
    for path in expand_page_paths(paths):
        try:
            refs = scan_page(read_page(path))
        except PageError as err:
            click.echo(f"enrich scan: {err}", err=True)
            bad = True
            continue
        if as_json:
            records.extend(ref_record(ref, path) for ref in refs)
        else:
            for line in human_lines(path, refs):
                click.echo(line)
    if as_json:
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    raise SystemExit(exits.BAD_INPUT if bad else exits.OK)


def ref_record(ref: Ref, path: Path) -> dict[str, Any]:
    """The ``--json`` object of one reference (documented in docs/scanning.md)."""
    return {
        "path": str(path),
        "line": ref.line,
        "column": ref.column,
        "kind": ref.kind.value,
        "key": ref.key,
        "owner": ref.owner,
        "repo": ref.repo,
        "number": ref.number,
        "query": ref.query.as_dict() if ref.query is not None else None,
        "text": ref.query.text if ref.query is not None else None,
        "badge": (
            {"metric": ref.badge.metric, "params": dict(ref.badge.params)}
            if ref.badge is not None
            else None
        ),
        "source": ref.source,
        "url": ref.url,
        "start": ref.start,
        "end": ref.end,
    }


def human_lines(path: Path, refs: list[Ref]) -> Iterator[str]:
    """A page's references grouped by kind, each with ``line:column`` and what it names."""
    yield f"{path}: {len(refs)} reference{'' if len(refs) == 1 else 's'}"
    for kind in Kind:
        of_kind = [ref for ref in refs if ref.kind is kind]
        if not of_kind:
            continue
        yield f"  {kind.value} ({len(of_kind)})"
        width = max(len(f"{ref.line}:{ref.column}") for ref in of_kind)
        for ref in of_kind:
            place = f"{ref.line}:{ref.column}".ljust(width)
            yield f"    {place}  {describe(ref)}"


def describe(ref: Ref) -> str:
    """A short human name for what a reference points at."""
    if ref.kind in (Kind.PULL, Kind.ISSUE):
        return f"{ref.full_name}#{ref.number}"
    if ref.kind is Kind.USER:
        return f"{ref.owner}"
    if ref.kind is Kind.REPO:
        return f"{ref.full_name}"
    if ref.kind is Kind.SEARCH:
        assert ref.query is not None
        scope = ref.full_name or ref.owner
        terms = " ".join(f"{k}:{v}" for k, values in ref.query.qualifiers for v in values)
        text = " ".join(part for part in (terms, ref.query.text) if part)
        return f"{scope}: {text}" if scope and not ref.query.get("repo") else text
    assert ref.badge is not None
    target = ref.full_name or ref.owner or "github"
    params = " ".join(f"{k}={v}" for k, v in ref.badge.params)
    return f"{ref.badge.metric} of {target}" + (f" ({params})" if params else "")
