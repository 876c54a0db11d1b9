"""Scan: find every GitHub reference in a page, with its exact place in the source.

``scan_page(read_page(path))`` or ``scan_text(text)`` -> ``list[Ref]`` in document order.
"""

from enrich.scan.classify import Target, classify
from enrich.scan.refs import Badge, Kind, Ref, SearchQuery, item_key
from enrich.scan.scanner import scan_page, scan_text

__all__ = [
    "Badge",
    "Kind",
    "Ref",
    "SearchQuery",
    "Target",
    "classify",
    "item_key",
    "scan_page",
    "scan_text",
]
