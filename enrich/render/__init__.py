"""Render: figures from the stats file into pages (managed regions), cards and badges.

No module here touches the network; each reads figures from an ``enrich.stats.Stats``.
"""
