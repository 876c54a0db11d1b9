"""``enrich run``: scan, fetch, render pages and cards in one command, with a short summary."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from enrich import stats as stats_file
from enrich.cli import exits
from enrich.config import Config, load_config, parse_duration, with_overrides
from enrich.errors import ConfigError, EnrichError, InputError
from enrich.run import RunOptions, RunReport, item_problems, run


def exit_code(report: RunReport, *, check: bool, stale_items: list[str]) -> int:
    """4 skipped for the rate limit; 3 some items kept old figures (or GitHub unreachable);
    1 with ``--check`` when something would change or is stale; else 0."""
    if report.skipped is not None:
        return exits.RATE_LIMITED
    if report.unreachable is not None or report.failed:
        return exits.PARTIAL
    if report.fetch is not None and report.fetch.rate_limited:
        return exits.PARTIAL
    if check and (report.changed or stale_items):
        return exits.CHANGED
    return exits.OK


def summary_lines(report: RunReport, *, check: bool, elapsed: float) -> Iterator[str]:
    """The closing summary: one fact per line."""
    verb = "would update" if check else "updated"
    if report.skipped is not None:
        yield f"skipped: {report.skipped}; nothing was fetched or written"
    for page in report.pages:
        count = len(page.changed_regions)
        extra = "" if count else " (badges or lastmod only)"
        yield f"page: {verb} {report.relative(page.path)}: {count} region(s) changed{extra}"
    if report.skipped is None and not report.pages:
        yield "pages: unchanged"
    if report.stats_changed:
        yield f"stats: {verb} {report.relative(report.stats_path)}"
    if report.outputs:
        yield f"cards and badges: {len(report.outputs)} {'to write' if check else 'written'}"
    requests = report.requests()
    yield (
        f"requests: {requests.get('graphql', 0)} graphql, {requests.get('rest', 0)} rest "
        f"({requests.get('conditional_304', 0)} answered 304), "
        f"{requests['rate_limit']} rate-limit check (free)"
    )
    left = [
        f"{name} {limit.remaining}/{limit.limit}"
        for name, limit in sorted(report.rate_limits.items())
        if name in ("core", "search", "graphql") and limit.limit > 0  # 0/0: not offered
    ]
    if left:
        yield "rate limit left: " + ", ".join(left)
    if report.fetch is not None:
        counts = report.fetch.counts
        yield "items: " + (", ".join(f"{n} {name}" for name, n in counts.items() if n) or "none")
    yield f"time: {elapsed:.1f} s"


def report_json(report: RunReport, *, code: int, check: bool, elapsed: float) -> dict[str, Any]:
    """The ``--json`` document (the composite action reads ``written`` and ``requests``)."""
    return {
        "exit_code": code,
        "check": check,
        "skipped": report.skipped,
        "unreachable": report.unreachable,
        "pages": [
            {"path": report.relative(p.path), "regions_changed": len(p.changed_regions)}
            for p in report.pages
        ],
        "changes": report.changes(),
        "stats_changed": report.stats_changed,
        "outputs": [report.relative(p) for p in report.outputs],
        "written": [report.relative(p) for p in report.written],
        "requests": report.requests(),
        "need": report.need,
        "rate_limits": {
            name: {"limit": rl.limit, "remaining": rl.remaining, "reset": rl.reset}
            for name, rl in sorted(report.rate_limits.items())
        },
        "failed": report.failed,
        "warnings": report.warnings,
        "lines": list(summary_lines(report, check=check, elapsed=elapsed)),
    }


def _fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file (default: enrich.toml, else [tool.enrich] in pyproject.toml).",
)


def configured(config_path: Path | None, **overrides: Any) -> Config:
    """The config (``--config FILE`` or the usual lookup) with command-line overrides
    (``None`` values ignored); its notes go to stderr. Exits 2 on a bad config."""
    try:
        config = with_overrides(load_config(explicit=config_path), **overrides)
    except ConfigError as exc:
        _fail(str(exc), exits.BAD_INPUT)
        raise  # unreachable: _fail exits
    for note in config.notes:
        click.echo(f"note: {note}", err=True)
    return config


def _require_plain_pages(pages: tuple[str, ...], root: Path) -> None:
    """Exit 2 when a PAGES argument that is a plain path (no glob) does not exist, as
    ``enrich render PATH`` does: a typo must not pass as a run with nothing to do."""
    for pattern in pages:
        if any(ch in pattern for ch in "*?["):
            continue
        candidate = Path(pattern)
        if not (candidate if candidate.is_absolute() else root / candidate).exists():
            _fail(f"{pattern}: no such file or directory", exits.BAD_INPUT)


@click.command("run")
@click.argument("pages", nargs=-1)
@config_option
@click.option("--offline", is_flag=True, help="No network: render from the stats file only.")
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 when a page, card or the stats file would change or is stale.",
)
@click.option("--json", "json_mode", is_flag=True, help="Print a JSON report on stdout.")
@click.option("--ttl", help="Freshness TTL, overriding the config: seconds or 30m, 1h, 2d.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="HTTP cache directory, overriding the config.",
)
def run_command(
    pages: tuple[str, ...],
    config_path: Path | None,
    offline: bool,
    check: bool,
    json_mode: bool,
    ttl: str | None,
    cache_dir: Path | None,
) -> None:
    """Scan pages, fetch fresh GitHub figures, render pages and cards: one command.

    PAGES (globs or paths) override the config's pages. Needs GITHUB_TOKEN (or GH_TOKEN)
    for one cheap GraphQL request; works without, through REST. GITHUB_API_URL and
    GITHUB_GRAPHQL_URL point at GitHub Enterprise. Exit codes: 0 done; 1 with --check,
    something would change or is stale; 2 bad input (page, marker, config, stats file,
    token); 3 some items kept their previous figures (GitHub failed or unreachable);
    4 skipped, the rate limit left is too low (nothing written).
    """
    started = time.monotonic()
    try:
        ttl_seconds = parse_duration(ttl, key="--ttl") if ttl is not None else None
    except ConfigError as exc:
        _fail(str(exc), exits.BAD_INPUT)
        return
    config = configured(
        config_path,
        pages=pages or None,
        ttl=ttl_seconds,
        cache_dir=cache_dir.resolve() if cache_dir is not None else None,
    )
    _require_plain_pages(pages, config.root)
    bar = None
    if not json_mode and sys.stderr.isatty():
        from rich.progress import Progress

        bar = Progress(transient=True)
    options = RunOptions(
        offline=offline,
        check=check,
        env=dict(os.environ),
        progress=_advance(bar),
        notice=notice_printer(bar),
    )
    try:
        if bar is not None:
            bar.start()
        report = run(config, options)
    except InputError as exc:
        _fail(f"{exc} (nothing was written)", exits.BAD_INPUT)
        return
    except OSError as exc:  # a write failed midway (disk full, permissions): say which file
        _fail(f"cannot write {exc.filename or 'a file'}: {exc.strerror or exc}", exits.BAD_INPUT)
        return
    except EnrichError as exc:
        _fail(f"{exc} (figures kept as they were)", exits.PARTIAL)
        return
    finally:
        if bar is not None:
            bar.stop()
    stale = item_problems(stats_file.load(config.stats)) if check and offline else []
    code = exit_code(report, check=check, stale_items=stale)
    elapsed = time.monotonic() - started
    if json_mode:
        _print_problems(report, stale)
        document = report_json(report, code=code, check=check, elapsed=elapsed)
        click.echo(json.dumps(document, indent=2, sort_keys=True))
    else:
        _print_human(report, stale, check=check, elapsed=elapsed)
    sys.exit(code)


def failure_lines(failed: dict[str, str], *, shown: int = 5) -> Iterator[str]:
    """One line per distinct reason (a failed GraphQL batch fails all its items alike)."""
    by_reason: dict[str, list[str]] = {}
    for key, why in failed.items():
        by_reason.setdefault(why, []).append(key)
    for why, keys in by_reason.items():
        listed = ", ".join(keys[:shown])
        more = f" and {len(keys) - shown} more" if len(keys) > shown else ""
        noun = "item" if len(keys) == 1 else "items"
        yield f"kept the last figures of {len(keys)} {noun} ({why}): {listed}{more}"


def notice_printer(bar: Any) -> Callable[[str], None]:
    """Show a line on stderr as it happens (above the progress bar when there is one)."""

    def notice(line: str) -> None:
        if bar is not None:
            bar.console.print(line, markup=False, highlight=False)
        else:
            click.echo(line, err=True)

    return notice


def _advance(bar: Any) -> Callable[[str, str], None] | None:
    """A progress callback for fetch: one tick per item as it settles (terminals only)."""
    if bar is None:
        return None
    task = bar.add_task("fetching", total=None)

    def advance(key: str, disposition: str) -> None:
        bar.update(task, advance=1, description=f"{disposition:>8} {key[:50]}")

    return advance


_WHERE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<message>.*)$", re.DOTALL)


def annotation(kind: str, message: str) -> str:
    """A GitHub Actions workflow command; ``path:line: text`` points at the file and line."""
    match = _WHERE.match(message)
    if match is None:
        return f"::{kind}::{_escape(message)}"
    where = f"file={match['file']},line={match['line']}"
    return f"::{kind} {where}::{_escape(match['message'])}"


def _escape(data: str) -> str:
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    return data.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _print_problems(report: RunReport, stale: list[str]) -> None:
    """Warnings and failures on stderr (annotations in GitHub Actions), with or without
    ``--json``: the composite action runs with ``--json``, and its log must name them."""
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for warning in report.warnings:
        click.echo(annotation("warning", warning) if annotate else f"warning: {warning}", err=True)
    for line in failure_lines(report.failed):
        click.echo(annotation("error", line) if annotate else f"error: {line}", err=True)
    for problem in stale:
        click.echo(f"stale in the stats file: {problem}", err=True)
    if report.unreachable is not None:
        click.echo(f"error: {report.unreachable}", err=True)


def _print_human(report: RunReport, stale: list[str], *, check: bool, elapsed: float) -> None:
    _print_problems(report, stale)
    for line in report.changes():
        click.echo(f"  {line}")
    for line in summary_lines(report, check=check, elapsed=elapsed):
        click.echo(line)
