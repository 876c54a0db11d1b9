"""``enrich run`` as a library function: scan -> budget -> fetch -> merge -> render -> write.

The order protects the user's files:

1. every page is read and its markers parsed first, so a bad page or marker fails the run
   before any request is made or any file is written;
2. when figures must be fetched, ``GET /rate_limit`` (free) tells whether the run can
   afford them; if not, the run is skipped and writes nothing (``RunReport.skipped``);
3. fetch never loses a known figure: a failed item keeps its last figures (``stats.merge``);
4. everything is computed in memory, then written atomically, and only what changed:
   the stats file, pages (managed regions, ``lastmod``, local badges), cards and badges.

With ``check`` nothing is written; the report says what would change. ``offline`` skips
steps 2-3 and renders from the stats file alone.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import httpx

from enrich import stats as stats_file
from enrich.config import Config
from enrich.errors import InputError, RateLimitedError
from enrich.fsio import write_all
from enrich.github.decode import RateLimit
from enrich.github.fetch import FetchOptions, FetchReport, Progress, fetch_figures_async
from enrich.page import Edit, read_page
from enrich.render.badge_replace import (
    LocalBadgeLink,
    local_badge_file,
    local_badge_links,
    replace_badges,
)
from enrich.render.numbers import NumberFormat, as_count
from enrich.render.page_render import PageResult, RenderOptions, render_page
from enrich.render.regions import parse_regions, region_refs
from enrich.run_budget import (
    GitHubUnreachable,
    estimate_requests,
    pending_targets,
    read_rate_limits,
    shortfall,
)
from enrich.run_cards import (
    CardPlan,
    Output,
    badge_target_ref,
    card_outputs,
    contributed_repo_refs,
    plan_cards,
)
from enrich.scan import scan_page
from enrich.scan.refs import Ref
from enrich.stats import Stats, Status


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run: the flags, the environment (token, API URLs) and injected I/O for tests."""

    offline: bool = False
    check: bool = False
    env: Mapping[str, str] = field(default_factory=dict, repr=False)
    now: datetime | None = None
    transport: httpx.AsyncBaseTransport | None = None
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    progress: Progress | None = None
    notice: Callable[[str], None] | None = None
    """Called with a line the user should see while the run goes on (a rate-limit wait)."""


@dataclass(frozen=True, slots=True)
class _ScannedPage:
    path: Path
    text: str
    refs: tuple[Ref, ...]
    badges: tuple[LocalBadgeLink, ...]
    """Local badges already in the page (``badges = "local"``)."""
    authored: tuple[Ref, ...]
    """``refs`` less the links enrich wrote itself into template regions: what cards are
    planned from, so a rendered contributions table cannot add repo cards on the next run."""


@dataclass(slots=True)
class RunReport:
    """What a run did (or, with ``check``, would do)."""

    root: Path
    stats_path: Path
    pages: list[PageResult] = field(default_factory=list)
    """Pages whose text changed."""
    stats_changed: bool = False
    outputs: list[Path] = field(default_factory=list)
    """Cards and badges whose bytes changed."""
    written: list[Path] = field(default_factory=list)
    """Every file written (empty with ``check``)."""
    fetch: FetchReport | None = None
    need: dict[str, int] = field(default_factory=dict)
    """Requests the budget check estimated (empty when nothing needed fetching)."""
    rate_limits: dict[str, RateLimit] = field(default_factory=dict)
    rate_limit_checked: bool = False
    skipped: str | None = None
    """Why the run was skipped for the rate limit (nothing written)."""
    unreachable: str | None = None
    """Why GitHub could not be reached (figures kept as they were)."""
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> dict[str, str]:
        """Items that kept their previous figures, with the reason."""
        if self.fetch is None:
            return {}
        return {
            key: self.fetch.outcomes[key].error or disposition
            for key, disposition in self.fetch.dispositions.items()
            if disposition in ("stale", "missing")
        }

    @property
    def changed(self) -> bool:
        return bool(self.pages or self.stats_changed or self.outputs)

    def requests(self) -> dict[str, int]:
        """Requests by kind; ``rate_limit`` is the free budget check."""
        counts = dict(self.fetch.requests) if self.fetch is not None else {}
        counts["rate_limit"] = int(self.rate_limit_checked)
        counts["total"] = counts.get("graphql", 0) + counts.get("rest", 0) + counts["rate_limit"]
        return counts

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def changes(self) -> list[str]:
        """One line per changed region: ``page:line figure target: old -> new``."""
        lines = []
        for page in self.pages:
            for change in page.changed_regions:
                region = change.region
                where = f"{self.relative(page.path)}:{region.line}"
                if region.target is None:  # a template region: many lines, say which
                    lines.append(f"{where} template {region.template}: updated")
                    continue
                what = region.target.key.partition(":")[2]
                lines.append(
                    f"{where} {region.figure} {what}: {change.old.strip()} -> {change.new.strip()}"
                )
        return lines


def run(config: Config, options: RunOptions) -> RunReport:
    """Run the whole pipeline (see the module doc). Raises ``InputError`` for bad input."""
    return asyncio.run(run_async(config, options))


async def run_async(config: Config, options: RunOptions) -> RunReport:
    report = RunReport(root=Path.cwd().resolve(), stats_path=config.stats)  # paths as typed
    warn = report.warnings.append
    pages = _scan_pages(config, config.page_paths())
    if not pages:  # a misconfigured pages setting must not pass as a green, empty run
        raise InputError(f"no page matches {', '.join(config.pages)}: nothing to do")
    previous = stats_file.load(config.stats)
    plan, wanted = _plan(config, pages)

    merged = previous
    if not options.offline:
        merged = await _refresh(config, options, wanted, previous, report)
        if report.skipped is not None:
            return report
    if not any(item.figures for item in merged.items.values()):
        # Nothing known yet (first run offline, GitHub unreachable or failing): nothing to
        # render, and rendering would only warn once per region and card.
        if report.unreachable is None:  # else its error line says it all
            left = "pages and cards left as they are"
            warn(f"no figures yet in {report.relative(config.stats)}: {left}")
        return report
    report.stats_changed = _worth_writing(config.stats, previous, merged)

    # Pages and cards show what this run's pages ask for, never leftovers: an item a page
    # no longer links (or the old name of a renamed repository) stays in the stats file,
    # for other pages and for history, but is not summed into a card.
    keys = {ref.key for ref in wanted}
    shown = replace(merged, items={k: v for k, v in merged.items.items() if k in keys})
    outputs = _render(config, options, pages, shown, plan, report)
    if not options.check:
        _write(config, merged, report, outputs)
    return report


async def _refresh(
    config: Config, options: RunOptions, wanted: list[Ref], previous: Stats, report: RunReport
) -> Stats:
    """Budget check, fetch and merge; the merged stats (``previous`` when nothing was
    fetched). Sets ``report.skipped`` when the rate limit left is too low."""
    fetch_options = _fetch_options(config, options)
    pending = pending_targets(wanted, fetch_options, report.warnings.append)
    if pending:
        token = bool(fetch_options.token)
        report.need = estimate_requests(
            pending, token=token, batch_size=config.batch_size, repo_counts=_repo_counts(previous)
        )
        report.rate_limit_checked = True
        try:
            report.rate_limits = await read_rate_limits(fetch_options)
        except GitHubUnreachable as exc:
            report.unreachable = (
                f"{exc}; figures kept as they were (check the network, and that GITHUB_API_URL "
                "names your GitHub Enterprise server if you use one; --offline renders from "
                "the stats file)"
            )
            return previous
        except RateLimitedError as exc:  # a secondary limit on the budget check itself
            report.skipped = str(exc)
            return previous
        report.skipped = shortfall(
            report.need, report.rate_limits, now=options.clock(), max_wait=fetch_options.max_wait
        )
        if report.skipped is not None:
            return previous
    report.fetch = await fetch_figures_async(wanted, fetch_options)
    # The budget check read the same cache: say each of its warnings once.
    report.warnings.extend(w for w in report.fetch.warnings if w not in report.warnings)
    report.rate_limits |= report.fetch.rate_limits
    now = options.now or datetime.fromtimestamp(options.clock(), UTC)
    return stats_file.merge(previous, report.fetch.outcomes, now=stats_file.utc_now_iso(now))


def _repo_counts(stats: Stats) -> dict[str, int]:
    """Owners' last known ``public_repos`` (a second page of repositories costs a query)."""
    counts = {}
    for key, item in stats.items.items():
        count = as_count(item.value("public_repos")) if key.startswith("user:") else None
        if count is not None:
            counts[key] = count
    return counts


def _fetch_options(config: Config, options: RunOptions) -> FetchOptions:
    return FetchOptions.from_env(
        options.env,
        api_url=config.resolved_api_url(options.env),
        graphql_url=config.resolved_graphql_url(options.env),
        cache_dir=config.cache_dir,
        ttl=float(config.ttl),
        concurrency=config.concurrency,
        batch_size=config.batch_size,
        transport=options.transport,
        clock=options.clock,
        sleep=options.sleep,
        progress=options.progress,
        notice=options.notice,
    )


def wanted_refs(config: Config, paths: Sequence[Path]) -> list[Ref]:
    """What a refresh of ``paths`` fetches, as ``enrich run`` does: the pages' links, badges
    and marker targets, the local badges they show, what the configured cards show, and the
    repositories of their contribution searches (``InputError`` for a bad page or marker)."""
    return _plan(config, _scan_pages(config, paths))[1]


def _scan_pages(config: Config, paths: Iterable[Path]) -> list[_ScannedPage]:
    badge_prefix = config.output_url.rstrip("/") + "/badges/"
    return [_scan(_shown(path), config, badge_prefix) for path in paths]


def _plan(config: Config, pages: Sequence[_ScannedPage]) -> tuple[CardPlan, list[Ref]]:
    """The cards to write and every reference to fetch for them and the pages."""
    all_refs = [ref for page in pages for ref in page.refs]
    plan = plan_cards(config.cards, [ref for page in pages for ref in page.authored])
    badge_refs = [badge_target_ref(b.target, b.metric) for page in pages for b in page.badges]
    return plan, [*all_refs, *plan.refs(), *badge_refs, *contributed_repo_refs(all_refs)]


def _scan(path: Path, config: Config, badge_prefix: str) -> _ScannedPage:
    """Read one page; its links, badges and the targets its markers name (``InputError``
    for a bad page or marker)."""
    page = read_page(path)
    regions = parse_regions(page.text, path=path)
    links, marked = scan_page(page), region_refs(regions, page.text)
    spans = [(r.start, r.end) for r in regions if r.template is not None]
    own = [ref for ref in links if not any(start <= ref.start < end for start, end in spans)]
    badges = local_badge_links(page.text, badge_prefix) if config.badges == "local" else []
    return _ScannedPage(path, page.text, (*links, *marked), tuple(badges), (*own, *marked))


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when below it, as people typed it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _worth_writing(path: Path, previous: Stats, merged: Stats) -> bool:
    """Whether the stats file should be rewritten: a figure, name, rename or missing item
    changed, or a stale item recovered. A transient failure alone (an item newly stale,
    stale with another error, or a first fetch that failed and so knows nothing) is not
    worth a commit: the run's exit code and log already say it failed."""
    try:
        if path.read_text(encoding="utf-8") == stats_file.to_json(merged):
            return False
    except (OSError, UnicodeDecodeError):
        pass  # no file yet: written when it has something to say
    for key, new in merged.items.items():
        old = previous.items.get(key)
        if new.status is Status.STALE:
            if old is None:
                continue
            new = replace(new, status=old.status, error=old.error)
        if new != old:
            return True
    return False


def _render(
    config: Config,
    options: RunOptions,
    pages: list[_ScannedPage],
    stats: Stats,
    plan: CardPlan,
    report: RunReport,
) -> list[Output]:
    """Pages into ``report.pages``; the card and badge files whose bytes changed."""
    now = options.now or datetime.fromtimestamp(options.clock(), UTC)
    render_options = RenderOptions(
        formats={name: NumberFormat(fmt) for name, fmt in config.formats.items()},
        bump_lastmod=config.lastmod,
        region_dirs=(config.root / "templates" / "regions",),
    )
    outputs: dict[Path, Output] = {}
    for page in pages:
        extra: tuple[Edit, ...] = ()
        if config.badges == "local":
            extra = _local_badges(config, page, stats, report, outputs)
        result = render_page(
            page.text,
            stats,
            render_options,
            path=page.path,
            now=now,
            extra_edits=extra,
            page_keys={ref.key for ref in page.refs},
        )
        report.warnings.extend(result.warnings)
        if result.changed:
            report.pages.append(result)
    warn = report.warnings.append
    for output in card_outputs(plan, config.cards, stats, config.output_dir, warn):
        outputs[output.path] = output
    changed = [output for output in outputs.values() if not output.is_current()]
    report.outputs = [output.path for output in changed]
    return changed


def _local_badges(
    config: Config,
    page: _ScannedPage,
    stats: Stats,
    report: RunReport,
    outputs: dict[Path, Output],
) -> tuple[Edit, ...]:
    """``badges = "local"``: the edits replacing the page's shields.io badges, and (into
    ``outputs``) the badge files for those and for the local badges it already links to."""
    prefix = config.output_url.rstrip("/") + "/badges/"
    replaced = replace_badges(page.text, page.refs, stats, url_prefix=prefix)
    for badge in replaced.files:
        path = config.output_dir / "badges" / badge.name
        outputs[path] = Output(path, badge.svg.encode())
    for ref, why in replaced.skipped:
        report.warnings.append(f"{page.path}:{ref.line}: badge kept as is: {why}")
    for local in page.badges:
        try:
            badge = local_badge_file(stats, local)
        except InputError as exc:  # a figure the stats file lacks: keep the old file
            report.warnings.append(f"{page.path}: badge {local.target} {local.metric}: {exc}")
            continue
        path = config.output_dir / "badges" / badge.name
        outputs[path] = Output(path, badge.svg.encode())
    return replaced.edits


def _write(config: Config, stats: Stats, report: RunReport, outputs: list[Output]) -> None:
    """Write what changed (stats file, pages, cards) all together or not at all.

    Every file is first written to a temporary file beside it; only when all of them are
    complete are they renamed into place, so a full disk or a read-only directory is an
    ``InputError`` naming the file, with nothing written."""
    files = (
        [(config.stats, stats_file.to_json(stats).encode("utf-8"))] if report.stats_changed else []
    )
    files += [(page.path, page.new_text.encode("utf-8")) for page in report.pages]
    files += [(output.path, output.data) for output in outputs]
    try:
        write_all(files, through_links=[page.path for page in report.pages])
    except OSError as exc:
        where = Path(exc.filename or (files[0][0] if files else config.root))
        what = "create this directory" if where in {p.parent for p, _ in files} else "write here"
        raise InputError(f"cannot {what} ({exc.strerror or exc})", path=where) from exc
    report.written.extend(path for path, _ in files)


def item_problems(stats: Stats) -> list[str]:
    """Items the stats file marks stale or missing (for ``--check --offline``)."""
    return [
        f"{key}: {item.status.value}" + (f" ({item.error})" if item.error else "")
        for key, item in sorted(stats.items.items())
        if item.status in (Status.STALE, Status.MISSING)
    ]
