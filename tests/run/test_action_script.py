"""The composite action's own scripts, run by bash as Actions runs them, against the fake.

Actions runs a composite ``shell: bash`` step as ``bash --noprofile --norc -eo pipefail``
with the step's ``env:``; this test does the same with the scripts read from action.yml, so
the argument handling, the outputs, the commit and the push are exercised for real (the
push goes to a local bare repository).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from enrich.testing import FakeData, FakeGitHub

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "action-token"


def steps() -> dict[str, dict[str, Any]]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return {step["name"]: step for step in action["runs"]["steps"]}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=30
    ).stdout


def run_step(name: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = steps()[name]["run"]
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeGitHub]:
    with FakeGitHub(data=FakeData.example()) as server:
        yield server


@pytest.fixture
def fake(fake_server: FakeGitHub) -> FakeGitHub:
    fake_server.reset()
    return fake_server


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A clone of a bare "origin" holding content/, as actions/checkout leaves it."""
    origin = tmp_path / "origin.git"
    seed = tmp_path / "seed"
    shutil.copytree(ROOT / "content", seed / "content")
    (seed / "enrich.toml").write_text('[cards]\nkinds = ["profile"]\n', encoding="utf-8")
    git(tmp_path, "init", "-q", "--bare", str(origin))
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "-c", "user.name=s", "-c", "user.email=s@example.com", "commit", "-qm", "seed")
    git(seed, "push", "-q", str(origin), "main")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", "-b", "main", str(origin), str(work))
    return work, origin


def runner_env(tmp_path: Path, fake: FakeGitHub, **extra: str) -> dict[str, str]:
    """What Actions would give the step: its env: block, RUNNER_TEMP and the output files."""
    temp = tmp_path / "runner-temp"
    venv_bin = temp / "enrich-venv" / "bin"
    venv_bin.mkdir(parents=True, exist_ok=True)
    launcher = venv_bin / "enrich"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m enrich.cli "$@"\n')
    launcher.chmod(0o755)
    python = venv_bin / "python"
    if not python.exists():
        python.symlink_to(sys.executable)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GH_"))}
    return base | {
        "RUNNER_TEMP": str(temp),
        "GITHUB_OUTPUT": str(temp / "output"),
        "GITHUB_STEP_SUMMARY": str(temp / "summary.md"),
        "GITHUB_API_URL": fake.api_url,
        "GITHUB_GRAPHQL_URL": fake.graphql_url,
        "GITHUB_TOKEN": TOKEN,
        "VENV": str(temp / "enrich-venv"),
        "CACHE_DIR": str(temp / "enrich-cache"),
        "SUMMARY": str(temp / "enrich-summary.json"),
        "ENRICH_PAGES": "",
        "ENRICH_CONFIG": "",
        **extra,
    }


def test_run_commit_and_push(
    tmp_path: Path, fake: FakeGitHub, workspace: tuple[Path, Path]
) -> None:
    work, origin = workspace
    # Pages as a user types them: a glob with stray spaces and a blank line (no shell globbing).
    env = runner_env(tmp_path, fake, ENRICH_PAGES="  content/*.md \n\n")
    result = run_step("Run enrich", work, env)
    assert result.returncode == 0, result.stderr
    assert "page: updated content/about.md" in result.stdout
    got = outputs(Path(env["GITHUB_OUTPUT"]))
    assert got == {"exit-code": "0", "changed": "true", "requests": "2"}
    assert "### enrich" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert (Path(env["CACHE_DIR"]) / "v1").is_dir(), "the HTTP cache goes where actions/cache looks"

    commit_env = env | {"MESSAGE": "Refresh GitHub figures"}
    commit = run_step("Commit and push", work, commit_env)
    assert commit.returncode == 0, commit.stderr
    log = git(origin, "log", "-1", "--format=%an%n%B", "main")
    assert log.startswith("github-actions[bot]\nRefresh GitHub figures\n\n- content/about.md:")
    pushed = set(git(origin, "show", "--name-only", "--format=", "main").split())
    assert pushed == {
        "content/about.md",
        "data/github-stats.json",
        "static/enrich/profile-yewentao256.svg",
    }


def test_a_failing_run_is_reported_not_raised(
    tmp_path: Path, fake: FakeGitHub, workspace: tuple[Path, Path]
) -> None:
    work, _ = workspace
    fake.limits.set_remaining("graphql", 0)
    env = runner_env(tmp_path, fake, ENRICH_CONFIG="enrich.toml")
    result = run_step("Run enrich", work, env)
    assert result.returncode == 0, result.stderr
    assert outputs(Path(env["GITHUB_OUTPUT"])) == {
        "exit-code": "4",
        "changed": "false",
        "requests": "1",
    }
    report = run_step("Report", work, env | {"CODE": "4"})
    assert report.returncode == 0
    assert "::warning title=enrich::" in report.stdout
    assert run_step("Report", work, env | {"CODE": "3"}).returncode == 3
    assert run_step("Report", work, env | {"CODE": "2"}).returncode == 2
