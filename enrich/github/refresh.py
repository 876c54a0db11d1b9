"""refresh_stats: fetch figures and fold them into the stats file (the library side of
``enrich fetch``, also what ``enrich run`` calls).

The stats file is read first, so a bad one fails before any request is made; it is written
atomically and only when a figure, status or error changed (``stats.save``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from enrich import stats
from enrich.github.fetch import FetchOptions, FetchReport, fetch_figures_async
from enrich.scan.refs import Ref


@dataclass(frozen=True, slots=True, repr=False)
class Refreshed:
    """The run's report, the merged snapshot, and whether the file was rewritten."""

    report: FetchReport
    stats: stats.Stats
    written: bool

    def __repr__(self) -> str:  # short: see FetchReport.__repr__
        return f"Refreshed({self.report!r}, items={len(self.stats.items)}, written={self.written})"


async def refresh_stats_async(
    refs: Iterable[Ref],
    stats_path: Path,
    options: FetchOptions,
    *,
    now: datetime | None = None,
) -> Refreshed:
    """Load ``stats_path``, fetch ``refs``, merge (never losing a figure), save atomically."""
    previous = stats.load(stats_path)
    report = await fetch_figures_async(refs, options)
    stamp = stats.utc_now_iso(now or datetime.fromtimestamp(options.clock(), UTC))
    merged = stats.merge(previous, report.outcomes, now=stamp)
    # nothing changed (the usual warm run): skip serializing a large file just to compare it
    written = merged != previous and stats.save(stats_path, merged)
    return Refreshed(report, merged, written)


def refresh_stats(
    refs: Iterable[Ref], stats_path: Path, options: FetchOptions, *, now: datetime | None = None
) -> Refreshed:
    """Synchronous ``refresh_stats_async`` (runs its own event loop)."""
    return asyncio.run(refresh_stats_async(list(refs), stats_path, options, now=now))
