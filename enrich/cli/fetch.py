"""``enrich fetch``: refresh the stats file from the GitHub references in pages."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from enrich.cli import exits
from enrich.cli.run import config_option, configured, notice_printer
from enrich.config import parse_duration
from enrich.errors import EnrichError, InputError
from enrich.github import FetchOptions, FetchReport, refresh_stats
from enrich.page import expand_page_paths
from enrich.run import wanted_refs


def exit_code(report: FetchReport) -> int:
    """0 all fresh; 3 some items kept old figures (a failure, or a rate limit that ran out
    mid-fetch, as for ``enrich run``; 4 is only for a run skipped before spending)."""
    counts = report.counts
    if report.rate_limited or counts["stale"] or counts["missing"]:
        return exits.PARTIAL
    return exits.OK


def summary_lines(report: FetchReport, stats_path: Path, written: bool) -> Iterator[str]:
    """The closing summary, one fact per line."""
    counts = report.counts
    yield "items: " + ", ".join(f"{counts[name]} {name}" for name in counts)
    req = report.requests
    yield (
        f"requests: {req.get('graphql', 0)} graphql, {req.get('rest', 0)} rest "
        f"({req.get('conditional_304', 0)} answered 304 not modified), "
        f"{req.get('retries', 0)} retries"
    )
    if report.rate_limits:
        yield "rate limit left: " + ", ".join(
            f"{name} {rl.remaining}/{rl.limit}" for name, rl in sorted(report.rate_limits.items())
        )
    yield f"stats: {stats_path} {'updated' if written else 'unchanged'}"


def problem_lines(report: FetchReport) -> Iterator[str]:
    """One line per item that did not come back fresh."""
    for key, disposition in report.dispositions.items():
        outcome = report.outcomes[key]
        if disposition in ("stale", "missing"):
            yield f"{disposition}: {key} kept its last figures ({outcome.error})"


def _progress(total: int, json_mode: bool) -> tuple[Callable[[str, str], None] | None, Any]:
    """A rich progress bar on a terminal; plain lines every tenth of the way otherwise (CI).

    Everything goes to stderr, so ``--json`` output on stdout stays clean (and is alone:
    no progress at all with ``--json``).
    """
    if json_mode or total == 0:
        return None, None
    if not sys.stderr.isatty():
        done = 0
        step = max(1, -(-total // 10))

        def line(key: str, disposition: str) -> None:
            nonlocal done
            done += 1
            if done % step == 0 or done == total:
                click.echo(f"fetch: {done}/{total} items", err=True)

        return line, None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("fetching", total=total)
    bar.start()

    def advance(key: str, disposition: str) -> None:
        bar.update(task, advance=1, description=f"{disposition:>8} {key[:48]:<48}")

    return advance, bar


@click.command("fetch")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--stats",
    "stats_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The stats file to update (default: the config's stats, data/github-stats.json).",
)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="The HTTP cache (ETags, freshness records); safe to delete (default: the config's "
    "cache_dir, .enrich-cache).",
)
@click.option(
    "--ttl",
    help="How long cached figures count as fresh, no request at all: seconds or 30m, 1h, 2d "
    "(default: the config's ttl, 1h).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1, max=64),
    help="Most requests in flight at once (default: the config's concurrency, 8).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1, max=100),
    help="Most items per GraphQL query (default: the config's batch_size, 100).",
)
@config_option
@click.option("--json", "json_mode", is_flag=True, help="Print a JSON report on stdout.")
def fetch(
    paths: tuple[Path, ...],
    stats_path: Path | None,
    cache_dir: Path | None,
    ttl: str | None,
    concurrency: int | None,
    batch_size: int | None,
    config_path: Path | None,
    json_mode: bool,
) -> None:
    """Fetch GitHub figures for every reference in PATHS (default: the config's pages,
    content/**/*.md) into the stats file.

    Options left out come from the config (enrich.toml, else [tool.enrich] in pyproject.toml),
    so fetch, render and run share one stats file and cache.

    With GITHUB_TOKEN (or GH_TOKEN) set, items are batched into GraphQL queries; without one,
    REST is used. GITHUB_API_URL and GITHUB_GRAPHQL_URL point at GitHub Enterprise. Exit
    codes: 0 all fresh, 2 bad input, 3 some items kept their old figures (a failure, or a
    rate limit that ran out).
    """
    config = configured(config_path)
    stats_path = stats_path if stats_path is not None else _shown(config.stats)
    try:
        ttl_seconds = parse_duration(ttl, key="--ttl") if ttl is not None else None
        files = expand_page_paths(paths) if paths else config.page_paths()
        if not files:
            asked = [str(p) for p in paths] or list(config.pages)
            raise InputError(f"no page matches {', '.join(asked)}: nothing to do")
        refs = wanted_refs(config, files)  # as run plans it: cards and local badges too
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exits.BAD_INPUT)
    keys = {ref.key for ref in refs}
    advance, bar = _progress(len(keys), json_mode)
    env = dict(os.environ)
    options = FetchOptions.from_env(
        env,
        api_url=config.resolved_api_url(env),
        graphql_url=config.resolved_graphql_url(env),
        cache_dir=cache_dir if cache_dir is not None else config.cache_dir,
        ttl=float(ttl_seconds if ttl_seconds is not None else config.ttl),
        concurrency=concurrency if concurrency is not None else config.concurrency,
        batch_size=batch_size if batch_size is not None else config.batch_size,
        progress=advance,
        notice=notice_printer(bar),
    )
    try:
        result = refresh_stats(refs, stats_path, options)
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exits.BAD_INPUT)
    except EnrichError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exits.PARTIAL)
    except OSError as exc:  # the stats file could not be written (it is left as it was)
        click.echo(f"error: {exc.filename}: cannot write here ({exc.strerror or exc})", err=True)
        sys.exit(exits.BAD_INPUT)
    finally:
        if bar is not None:
            bar.stop()
    report = result.report
    code = exit_code(report)
    for line in problem_lines(report):  # on stderr, so --json output on stdout stays clean
        click.echo(line, err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if json_mode:
        document = report.as_json() | {
            "stats": str(stats_path),
            "written": result.written,
            "exit_code": code,
        }
        click.echo(json.dumps(document, indent=2, sort_keys=True))
    else:
        for line in summary_lines(report, stats_path, result.written):
            click.echo(line)
    sys.exit(code)


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when below it, as people typed it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
