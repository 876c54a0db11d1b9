"""End to end: the real ``enrich run`` in a subprocess, against the fake GitHub, in a git repo.

A temporary copy of ``content/`` in a fresh git repository is refreshed by the CLI exactly
as a user or the Action would run it; ``git status`` and ``git diff`` then say what changed.
The first run (the slow one: every card) happens once per module and later tests start
from a copy of its committed result.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from enrich import stats as stats_file
from enrich.cli import exits, main
from enrich.testing import FakeData, FakeGitHub

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "e2e-token"
SMALL_CONFIG = '[cards]\nrepos = ["pytorch/pytorch", "vllm-project/vllm"]\n'
"""Later tests render fewer cards than the default (every linked repository) to stay fast."""


def git(site: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=e2e", "-c", "user.email=e2e@example.com", *args],
        cwd=site,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout


def porcelain(site: Path) -> list[str]:
    return git(site, "status", "--porcelain", "--untracked-files=all").splitlines()


def commit_all(site: Path, message: str) -> None:
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", message)


def changed_lines(site: Path, path: str) -> list[str]:
    """The ``-``/``+`` lines of ``git diff`` for one file (no context)."""
    diff = git(site, "diff", "-U0", "--", path).splitlines()
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def enrich(
    site: Path, fake: FakeGitHub, *args: str, token: str | None = TOKEN, in_process: bool = False
) -> tuple[int, dict[str, Any]]:
    """``python -m enrich.cli run --json ARGS`` in ``site``: exit code and report.

    ``in_process`` runs the same command through click's runner instead of a new Python,
    for the cheaper scenarios (it saves the interpreter start and imports).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GH_"))}
    env |= {"GITHUB_API_URL": fake.api_url, "GITHUB_GRAPHQL_URL": fake.graphql_url}
    if token is not None:
        env["GITHUB_TOKEN"] = token
    if in_process:
        unset: dict[str, str | None] = {k: None for k in os.environ if k not in env}
        with contextlib.chdir(site):
            invoked = CliRunner().invoke(main, ["run", "--json", *args], env=unset | env)
        code, stdout, stderr = invoked.exit_code, invoked.stdout, invoked.stderr
    else:
        result = subprocess.run(
            [sys.executable, "-m", "enrich.cli", "run", "--json", *args],
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        code, stdout, stderr = result.returncode, result.stdout, result.stderr
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        pytest.fail(f"no JSON report (exit {code}): {stderr}")
    assert report["exit_code"] == code
    return code, report


def region(site: Path, figure: str, target: str) -> tuple[int, str, str]:
    """The line, the whole line and the shown text of one marker in the committed page."""
    marker = f"<!-- enrich:{figure} {target} -->"
    text = (site / "content" / "about.md").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if marker in line:
            shown = line.split(marker, 1)[1].split("<!-- /enrich -->", 1)[0]
            return number, line, shown
    raise AssertionError(f"no {marker} in the page")


def api_requests(fake: FakeGitHub) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in fake.requests]


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub(data=FakeData.example()) as server:
        yield server


@pytest.fixture(scope="module")
def first_run(fake: FakeGitHub, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A fresh git repository with ``content/`` and no config, refreshed once."""
    fake.reset()
    site = tmp_path_factory.mktemp("first") / "site"
    shutil.copytree(ROOT / "content", site / "content")
    git(site, "init", "-q")
    commit_all(site, "the page as written")
    code, report = enrich(site, fake)
    status = porcelain(site)
    requests = api_requests(fake)
    about_diff = changed_lines(site, "content/about.md")
    commit_all(site, "first refresh")
    return {
        "site": site,
        "code": code,
        "report": report,
        "status": status,
        "requests": requests,
        "diff": about_diff,
    }


@pytest.fixture
def site(first_run: dict[str, Any], fake: FakeGitHub, tmp_path: Path) -> Path:
    """A copy of the refreshed repository (with its HTTP cache) and a small card config.

    Its ``lastmod`` is set back a year: ``lastmod`` only moves forward, and the first run
    may have written the very second a later test runs in, so a bump would not show.
    """
    fake.reset()
    copy = tmp_path / "site"
    shutil.copytree(first_run["site"], copy)
    (copy / "enrich.toml").write_text(SMALL_CONFIG, encoding="utf-8")
    page = copy / "content" / "about.md"
    text = page.read_text(encoding="utf-8")
    rewound = re.sub(r"(?m)^(lastmod: )(\d{4})", lambda m: f"{m[1]}{int(m[2]) - 1}", text, count=1)
    assert rewound != text, "the first run's page has no lastmod line"
    page.write_text(rewound, encoding="utf-8", newline="")
    commit_all(copy, "fewer cards")
    return copy


def test_first_run_writes_the_page_the_stats_and_the_cards(first_run: dict[str, Any]) -> None:
    assert first_run["code"] == exits.OK, first_run["report"]
    status = first_run["status"]
    assert " M content/about.md" in status
    assert "?? data/github-stats.json" in status
    cards = sorted(line[3:] for line in status if line.startswith("?? static/enrich/"))
    assert "static/enrich/profile-yewentao256.svg" in cards
    assert "static/enrich/contributions-yewentao256.svg" in cards
    assert "static/enrich/repo-pytorch--pytorch.svg" in cards
    assert set(first_run["report"]["written"]) == {line[3:] for line in status}
    # With a token, the whole page costs one GraphQL query (plus the free budget check).
    assert first_run["requests"] == [("GET", "/rate_limit"), ("POST", "/graphql")]
    assert first_run["report"]["requests"]["total"] == 2
    stats = stats_file.load(first_run["site"] / "data" / "github-stats.json")
    assert stats.get("repo:pytorch/pytorch") is not None
    for card in cards:
        root = ElementTree.parse(first_run["site"] / card).getroot()  # noqa: S314 - our own output
        assert root.tag == "{http://www.w3.org/2000/svg}svg", card
    assert all(line.startswith(("-lastmod", "+lastmod", "-####", "+####")) or "enrich:" in line
               for line in first_run["diff"])  # fmt: skip


def test_a_second_run_within_the_ttl_makes_no_request_and_changes_nothing(
    site: Path, fake: FakeGitHub
) -> None:
    code, report = enrich(site, fake)
    assert code == exits.OK
    assert api_requests(fake) == []
    assert report["requests"]["total"] == 0
    assert report["written"] == []
    assert porcelain(site) == []


def test_changed_figures_change_only_their_regions_and_lastmod(
    site: Path, fake: FakeGitHub
) -> None:
    number, line, shown = region(site, "stars", "pytorch/pytorch")
    fake.data.set_repo_figures("pytorch/pytorch", stars=123_456)
    code, report = enrich(site, fake, "--ttl", "0")
    assert code == exits.OK, report
    lines = changed_lines(site, "content/about.md")
    assert len(lines) == 4, lines
    assert lines[0].startswith("-lastmod:")
    assert lines[1].startswith("+lastmod:")
    assert lines[2] == "-" + line
    assert lines[3] == "+" + line.replace(f"-->{shown}<!--", "-->123k<!--")
    stats_lines = changed_lines(site, "data/github-stats.json")
    assert '+          "value": 123456' in stats_lines
    changed = {line[3:] for line in porcelain(site)}
    assert "static/enrich/repo-pytorch--pytorch.svg" in changed
    assert "static/enrich/repo-vllm-project--vllm.svg" not in changed
    assert changed == set(report["written"])
    assert report["changes"] == [
        f"content/about.md:{number} stars pytorch/pytorch: {shown} -> 123k"
    ]


def test_502s_keep_every_figure_and_exit_partial(site: Path, fake: FakeGitHub) -> None:
    before = stats_file.load(site / "data" / "github-stats.json")
    fake.data.set_repo_figures("pytorch/pytorch", stars=1)
    fake.faults.update({"fail_next": [502] * 8, "match": "graphql"})
    code, report = enrich(site, fake, "--ttl", "0")
    assert code == exits.PARTIAL
    assert "repo:pytorch/pytorch" in report["failed"]
    assert changed_lines(site, "content/about.md") == []
    after = stats_file.load(site / "data" / "github-stats.json")
    for key, item in before.items.items():
        assert after.items[key].figures == item.figures, key
    # Same figures everywhere: nothing is rewritten, so the Action makes no commit.
    assert report["written"] == []
    assert porcelain(site) == []


def test_an_exhausted_rate_limit_skips_politely_and_writes_nothing(
    site: Path, fake: FakeGitHub
) -> None:
    fake.limits.set_remaining("graphql", 0)
    code, report = enrich(site, fake, "--ttl", "0")
    assert code == exits.RATE_LIMITED
    assert "graphql" in report["skipped"]
    assert api_requests(fake) == [("GET", "/rate_limit")]
    assert porcelain(site) == []


def test_without_a_token_rest_does_the_work(site: Path, fake: FakeGitHub) -> None:
    number, _, shown = region(site, "stars", "vllm-project/vllm")
    fake.data.set_repo_figures("vllm-project/vllm", stars=70_000)
    # GitHub allows 10 searches a minute without a token: the run would wait for the next
    # minute (the client does, politely); a larger window keeps this test fast.
    fake.limits.set_limit("search", 100, authenticated=False)
    try:
        code, report = enrich(site, fake, "--ttl", "0", token=None, in_process=True)
    finally:
        fake.limits.set_limit("search", 10, authenticated=False)
    assert code == exits.OK, report
    assert report["requests"]["graphql"] == 0
    assert report["requests"]["rest"] > 10
    assert report["changes"] == [
        f"content/about.md:{number} stars vllm-project/vllm: {shown} -> 70k"
    ]
    assert any("no token" in warning for warning in report["warnings"])


def test_a_bad_marker_fails_before_any_request_and_writes_nothing(
    site: Path, fake: FakeGitHub
) -> None:
    page = site / "content" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- enrich:stars a/b -->1\n")
    commit_all(site, "break a marker")
    result = subprocess.run(
        [sys.executable, "-m", "enrich.cli", "run", "--ttl", "0"],
        cwd=site,
        env=os.environ | {"GITHUB_API_URL": fake.api_url, "GITHUB_GRAPHQL_URL": fake.graphql_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == exits.BAD_INPUT
    assert "content/about.md:" in result.stderr
    assert api_requests(fake) == []
    assert porcelain(site) == []


def test_check_offline_reports_a_page_that_would_change(site: Path, fake: FakeGitHub) -> None:
    code, _ = enrich(site, fake, "--check", "--offline", in_process=True)
    assert code == exits.OK
    number, line, shown = region(site, "stars", "pytorch/pytorch")
    page = site / "content" / "about.md"
    edited = page.read_text(encoding="utf-8").replace(line, line.replace(f"-->{shown}<", "-->1k<"))
    page.write_text(edited, encoding="utf-8")
    code, report = enrich(site, fake, "--check", "--offline", in_process=True)
    assert code == exits.CHANGED
    assert report["changes"] == [f"content/about.md:{number} stars pytorch/pytorch: 1k -> {shown}"]
    assert report["written"] == []
    assert page.read_text(encoding="utf-8") == edited
    assert api_requests(fake) == []
