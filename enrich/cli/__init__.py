"""The ``enrich`` command line: thin commands over the library.

Only this package prints or exits. Each command lives in its own module, named in
``COMMANDS`` and imported only when it is run (or listed by ``--help``): ``enrich scan``
need not load Pillow, resvg and httpx. Exit codes are in ``enrich.cli.exits``.
"""

from __future__ import annotations

import importlib

import click

from enrich import __version__

COMMANDS = {
    "scan": "enrich.cli.scan:scan_command",
    "fetch": "enrich.cli.fetch:fetch",
    "render": "enrich.cli.render:render",
    "annotate": "enrich.cli.annotate:annotate",
    "card": "enrich.cli.card:card",
    "badge": "enrich.cli.card:badge",
    "run": "enrich.cli.run:run_command",
}
"""Command name -> ``module:attribute`` of its click command."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="enrich")
def main() -> None:
    """Keep a page's GitHub figures fresh: scan, fetch, render, run."""
