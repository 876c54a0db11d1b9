"""`enrich fetch` end to end in-process (CliRunner) against the fake GitHub."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from enrich.cli import exits, main

testing = pytest.importorskip("enrich.testing")

ROOT = Path(__file__).resolve().parents[2]
ABOUT = str(ROOT / "content" / "about.md")
TOKEN = "ghp_cli_secret_token_987654321"


@pytest.fixture
def server() -> Iterator[Any]:
    with testing.FakeGitHub(data=testing.FakeData.example()) as fake:
        fake.limits.set_limit("search", 1000, authenticated=False)
        yield fake


def fetch(server: Any, tmp_path: Path, *args: str, token: str | None = TOKEN) -> Result:
    env = {
        "GITHUB_API_URL": server.api_url,
        "GITHUB_GRAPHQL_URL": server.graphql_url,
        "GITHUB_TOKEN": token or "",
        "GH_TOKEN": "",
    }
    argv = ["fetch", "--stats", str(tmp_path / "stats.json"), "--cache-dir", str(tmp_path / "c")]
    return CliRunner().invoke(main, [*argv, *args], env=env, catch_exceptions=False)


def test_fetch_writes_the_stats_file_and_a_summary(server: Any, tmp_path: Path) -> None:
    result = fetch(server, tmp_path, ABOUT)
    assert result.exit_code == 0, result.output
    assert "items: 23 fetched, 0 cached" in result.output
    assert "requests: 1 graphql, 0 rest" in result.output
    assert "rate limit left: graphql" in result.output
    assert "updated" in result.output
    document = json.loads((tmp_path / "stats.json").read_text())
    assert document["schema"] == 1
    assert len(document["items"]) == 23
    assert TOKEN not in result.output
    again = fetch(server, tmp_path, ABOUT)
    assert again.exit_code == 0
    assert "items: 0 fetched, 23 cached" in again.output
    assert "unchanged" in again.output


def test_json_report(server: Any, tmp_path: Path) -> None:
    result = fetch(server, tmp_path, ABOUT, "--json", token=None)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"]["fetched"] == 23
    assert report["requests"]["rest"] == 35
    assert report["exit_code"] == 0
    assert report["written"] is True
    assert any("GITHUB_TOKEN" in w for w in report["warnings"])
    assert report["items"]["repo:pytorch/pytorch"]["status"] == "fetched"


def test_a_missing_item_exits_3_and_says_so(server: Any, tmp_path: Path) -> None:
    server.data.delete_repo("yewentao256/sicpy")
    result = fetch(server, tmp_path, ABOUT)
    assert result.exit_code == 3
    assert "missing: repo:yewentao256/sicpy" in result.output


def test_an_exhausted_rate_limit_exits_3_as_run_does(server: Any, tmp_path: Path) -> None:
    server.limits.set_remaining("graphql", 0)
    server.limits.set_reset("graphql", time.time() + 3000)
    result = fetch(server, tmp_path, ABOUT)
    assert result.exit_code == exits.PARTIAL
    assert "stale: " in result.output
    items = json.loads((tmp_path / "stats.json").read_text())["items"]
    assert {item["status"] for item in items.values()} == {"stale"}


@pytest.mark.parametrize(
    "setup",
    ["no such page", "bad stats file"],
)
def test_bad_input_exits_2_before_any_request(setup: str, server: Any, tmp_path: Path) -> None:
    page = ABOUT
    if setup == "no such page":
        page = str(tmp_path / "nope.md")
    else:
        (tmp_path / "stats.json").write_text('{"schema": 99}')
    result = fetch(server, tmp_path, page)
    assert result.exit_code == 2
    assert result.output.startswith("error: ")
    assert server.requests == []


def test_help_documents_the_options() -> None:
    result = CliRunner().invoke(main, ["fetch", "--help"])
    assert result.exit_code == 0
    for option in ("--stats", "--cache-dir", "--ttl", "--json", "--concurrency", "--batch-size"):
        assert option in result.output


def test_plain_progress_lines_when_not_a_terminal(server: Any, tmp_path: Path) -> None:
    result = fetch(server, tmp_path, ABOUT)
    progress = [line for line in result.stderr.splitlines() if line.startswith("fetch: ")]
    assert progress[-1] == "fetch: 23/23 items"
    assert 2 <= len(progress) <= 11
    assert "fetch: " not in result.stdout


def test_a_refused_token_is_one_error_line_and_no_progress(server: Any, tmp_path: Path) -> None:
    server.bad_tokens.add("ghp_refused_by_the_fake")
    result = fetch(server, tmp_path, ABOUT, token="ghp_refused_by_the_fake")
    assert result.exit_code == exits.BAD_INPUT
    lines = result.output.strip().splitlines()
    assert lines == [f"error: GitHub at {server.api_url} answered 401: the token was refused; "
                     "check GITHUB_TOKEN or GH_TOKEN"]  # fmt: skip
    assert "ghp_refused_by_the_fake" not in result.output
    assert not (tmp_path / "stats.json").exists()


def test_a_full_disk_is_one_error_line_and_no_stats_file(
    server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, data: bytes) -> str:
        raise OSError(28, "No space left on device", f"{path}.tmp")

    monkeypatch.setattr("enrich.fsio._stage", disk_full)
    result = fetch(server, tmp_path, ABOUT)
    stats = tmp_path / "stats.json"
    assert result.exit_code == exits.BAD_INPUT, result.output
    assert f"error: {stats}: cannot write here (No space left on device)" in result.output
    assert not stats.exists()


def test_ttl_takes_durations_as_run_does_and_an_empty_glob_is_bad_input(
    server: Any, tmp_path: Path
) -> None:
    assert fetch(server, tmp_path, ABOUT, "--ttl", "1h").exit_code == exits.OK
    again = fetch(server, tmp_path, ABOUT, "--ttl", "2d")
    assert "items: 0 fetched, 23 cached" in again.output
    bad = fetch(server, tmp_path, ABOUT, "--ttl", "soon")
    assert bad.exit_code == exits.BAD_INPUT
    assert "error: --ttl: expected seconds or a duration" in bad.output
    empty = fetch(server, tmp_path, str(tmp_path / "none" / "*.md"))
    assert empty.exit_code == exits.BAD_INPUT
    assert "none/*.md: no such file" in empty.output
