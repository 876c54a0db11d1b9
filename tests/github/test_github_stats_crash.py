"""The stats file survives a crash between the temporary write and the rename."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from enrich import stats

CHILD = r"""
import os, signal, sys
from pathlib import Path
from enrich import stats
from enrich.stats import Outcome, Status

path = Path(sys.argv[1])
previous = stats.load(path)
merged = stats.merge(previous, {"repo:o/r": Outcome("repo", "o/r", Status.FRESH, {"stars": 2})},
                     now="2026-11-25T10:00:00Z")

def crash(src, dst):  # the temporary file is written and fsynced: die before the rename
    assert Path(src).read_text().count('"stars"') == 1
    print("temp written", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

os.replace = crash
stats.save(path, merged)
"""


def test_a_crash_before_the_rename_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "github-stats.json"
    old = stats.merge(
        stats.Stats(),
        {"repo:o/r": stats.Outcome("repo", "o/r", stats.Status.FRESH, {"stars": 1})},
        now="2026-11-24T10:00:00Z",
    )
    stats.save(path, old)
    before = path.read_bytes()
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=60
    )
    assert child.returncode == -9, child.stderr
    assert "temp written" in child.stdout
    assert path.read_bytes() == before
    assert stats.load(path).items["repo:o/r"].figures["stars"].value == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # the torn temp
