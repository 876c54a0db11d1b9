"""The ``enrich`` command line: thin commands over the library.

Only this package prints or exits. Each command lives in its own module and is added
to ``main`` here. Exit codes (documented in the README):

    0  success, everything fresh
    1  ``--check``: something would change / is stale
    2  bad input (page, marker, config, stats file), or a usage error
    3  some items kept their previous figures because fetching them failed
    4  skipped: the rate limit left is too low for this run
"""

from __future__ import annotations

import click

from enrich import __version__

EXIT_OK = 0
EXIT_CHANGED = 1
EXIT_BAD_INPUT = 2
EXIT_PARTIAL = 3
EXIT_RATE_LIMITED = 4


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="enrich")
def main() -> None:
    """Keep a page's GitHub figures fresh: scan, fetch, render, run."""


# Commands register themselves below, one module each.
