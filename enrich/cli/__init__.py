"""The ``enrich`` command line: thin commands over the library.

Only this package prints or exits. Each command lives in its own module and is added
to ``main`` at the bottom of this file; exit codes are in ``enrich.cli.exits``.
"""

from __future__ import annotations

import click

from enrich import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="enrich")
def main() -> None:
    """Keep a page's GitHub figures fresh: scan, fetch, render, run."""


# Commands register themselves below, one module each.
from enrich.cli.render import render  # noqa: E402

main.add_command(render)
from enrich.cli.fetch import fetch  # noqa: E402

main.add_command(fetch)
from enrich.cli.card import badge, card  # noqa: E402

main.add_command(card)
main.add_command(badge)
from enrich.cli.run import run_command  # noqa: E402

main.add_command(run_command)
from enrich.cli.annotate import annotate  # noqa: E402

main.add_command(annotate)
from enrich.cli.scan import scan_command  # noqa: E402

main.add_command(scan_command)
