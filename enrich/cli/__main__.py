"""``python -m enrich.cli``: the ``enrich`` command without its console script."""

from enrich.cli import main

main(prog_name="enrich")
