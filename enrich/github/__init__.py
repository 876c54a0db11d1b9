"""GitHub: references -> figures. The only package that talks to the network.

``plan`` (refs -> GraphQL batches / REST calls) and ``decode`` (answers -> figures) are pure;
``client`` holds the only httpx code; ``cache`` the on-disk validators and freshness records;
``fetch`` (GraphQL path) and ``rest`` (REST path) tie them together; ``refresh`` folds the
result into the stats file.
"""

from enrich.github.fetch import FetchOptions, FetchReport, fetch_figures, fetch_figures_async
from enrich.github.refresh import Refreshed, refresh_stats, refresh_stats_async

__all__ = [
    "FetchOptions",
    "FetchReport",
    "Refreshed",
    "fetch_figures",
    "fetch_figures_async",
    "refresh_stats",
    "refresh_stats_async",
]
