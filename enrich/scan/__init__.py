"""Scan: find every GitHub reference in a page, with its exact place in the source."""

from enrich.scan.refs import Badge, Kind, Ref, SearchQuery

__all__ = ["Badge", "Kind", "Ref", "SearchQuery"]
