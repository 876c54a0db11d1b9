"""The CLI imports a command's module only when that command runs (or --help lists it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from enrich.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[2]


def test_every_listed_command_resolves_and_help_lists_them_all() -> None:
    context = click.Context(main)
    for name in COMMANDS:
        command = main.get_command(context, name)
        assert isinstance(command, click.Command)
        assert command.name in (name, f"{name}_command") or name in (command.name or "")
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line]
    assert listed == sorted(COMMANDS)
    assert main.get_command(context, "nope") is None


def test_scan_loads_no_network_or_imaging_library() -> None:
    page = ROOT / "content" / "about.md"
    probe = (
        "import sys\n"
        "from enrich.cli import main\n"
        "try:\n"
        f"    main(['scan', {str(page)!r}])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print(sorted(m for m in ('PIL', 'httpx', 'resvg_py', 'jinja2') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
