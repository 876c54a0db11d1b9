"""GitHub: references -> figures. The only package that talks to the network.

``plan`` (refs -> GraphQL batches / REST calls) and ``decode`` (answers -> figures) are pure;
``client`` holds the only httpx code; ``cache`` the on-disk validators and freshness records;
``fetch`` ties them together and ``refresh`` folds the result into the stats file.
"""

from enrich.github.fetch import FetchOptions, FetchReport, fetch_figures, fetch_figures_async

__all__ = ["FetchOptions", "FetchReport", "fetch_figures", "fetch_figures_async"]
