"""Exit codes of every ``enrich`` command (documented in the README)."""

OK = 0
"""Success: everything fresh, nothing to report."""
CHANGED = 1
"""``--check``: a page, card or figure would change (or is stale)."""
BAD_INPUT = 2
"""Bad input (page, marker, config, stats file) or a usage error."""
PARTIAL = 3
"""Some items kept their previous figures because fetching them failed."""
RATE_LIMITED = 4
"""Skipped politely: the rate limit left is too low for this run."""
