"""On a terminal, `enrich fetch` and `enrich run` draw a rich progress bar (a real pty, a real CLI).

Tests usually see the plain lines meant for CI, since pytest's output is no terminal; here
the CLI runs in a subprocess whose stderr is a pseudo-terminal, against the fake GitHub
slowed down enough for the bar to be drawn.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enrich import testing

ROOT = Path(__file__).resolve().parents[2]
ABOUT = str(ROOT / "content" / "about.md")
BAR = "━"  # rich's bar segment


@pytest.fixture
def server() -> Iterator[Any]:
    with testing.FakeGitHub(data=testing.FakeData.example()) as fake:
        fake.limits.set_limit("search", 1000, authenticated=False)
        fake.faults.latency = 0.15
        yield fake


def _on_a_terminal(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str]:
    """Run the CLI with stdin, stdout and stderr on a pty; its exit code and everything shown."""
    leader, follower = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "enrich.cli", *argv],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=cwd,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return child.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def _env(server: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_TOKEN", "GH_TOKEN", "CI")}
    env |= {"GITHUB_API_URL": server.api_url, "GITHUB_GRAPHQL_URL": server.graphql_url}
    env |= {"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    return env


def test_fetch_draws_a_progress_bar_on_a_terminal(server: Any, tmp_path: Path) -> None:
    argv = ["fetch", ABOUT, "--stats", str(tmp_path / "s.json"), "--cache-dir", str(tmp_path / "c")]
    code, shown = _on_a_terminal(argv, _env(server), tmp_path)
    assert code == 0, shown
    assert BAR in shown  # the bar was drawn
    assert "100%" in shown  # to the end
    assert " fetched repo:" in shown  # its description: disposition and item
    assert "fetch: 23/23 items" not in shown  # no plain CI lines on a terminal
    assert "items: 23 fetched, 0 cached" in shown  # then the summary


def test_run_draws_a_progress_bar_on_a_terminal(server: Any, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "about.md").write_bytes(Path(ABOUT).read_bytes())
    code, shown = _on_a_terminal(["run"], _env(server), site)
    assert code == 0, shown
    assert BAR in shown
    assert "fetched" in shown
