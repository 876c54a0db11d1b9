"""``enrich card -o`` and ``enrich badge -o`` under a file (not a directory): one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich.cli import main

STATS = {
    "schema": 1,
    "items": {
        "repo:octo/widget": {
            "kind": "repo",
            "name": "octo/widget",
            "status": "fresh",
            "figures": {"stars": {"value": 4321, "fetched_at": "2026-01-01T00:00:00Z"}},
        }
    },
}


@pytest.mark.parametrize("command", [["card", "repo", "octo/widget"], ["badge", "octo/widget"]])
def test_an_unwritable_output_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    (tmp_path / "stats.json").write_text(json.dumps(STATS), encoding="utf-8")
    (tmp_path / "plain-file").write_text("x\n", encoding="utf-8")
    target = "plain-file/out.svg"
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*command, "--stats", "stats.json", "-o", target])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.startswith(f"error: {target}: cannot write here (")
    assert len(result.output.strip().splitlines()) == 1
