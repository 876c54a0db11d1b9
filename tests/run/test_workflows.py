"""Workflows and the composite action: actionlint-clean, pinned, least-privilege, no injection."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTION = ROOT / "action.yml"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")


def actionlint() -> str:
    """The actionlint binary installed by the test extra (next to this Python, else on PATH)."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.exists() else shutil.which("actionlint")
    if found is None:
        pytest.skip("actionlint is not installed (pip install -e '.[test]' provides it)")
    return found


def load(path: Path) -> dict[Any, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    found = workflow.get("on", workflow.get(True))
    assert isinstance(found, dict)
    return found


def action_as_workflow(action: dict[str, Any]) -> str:
    """The composite action's steps wrapped in a reusable workflow, so actionlint can check
    their expressions and scripts (it reads action.yml only to check callers' inputs)."""
    inputs = {name: {"type": "string", "required": False} for name in action["inputs"]}
    workflow = {
        "name": "action.yml as a workflow",
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    return yaml.safe_dump(workflow, sort_keys=False)


def run_actionlint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint(), "-no-color", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_there_are_workflows_and_an_action() -> None:
    assert {p.name for p in WORKFLOWS} >= {"refresh.yml", "test.yml"}
    assert ACTION.is_file()


def test_workflows_pass_actionlint() -> None:
    # refresh.yml uses `./`, so this also checks its `with:` against action.yml's inputs.
    result = run_actionlint(*(str(p.relative_to(ROOT)) for p in WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_action_steps_pass_actionlint() -> None:
    result = run_actionlint("-", stdin=action_as_workflow(load(ACTION)))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_action_lint_harness_catches_mistakes() -> None:
    action = load(ACTION)
    action["runs"]["steps"].append(
        {"name": "broken", "shell": "bash", "run": "echo ${{ inputs.no_such_input }}"}
    )
    result = run_actionlint("-", stdin=action_as_workflow(action))
    assert result.returncode != 0
    assert "no_such_input" in result.stdout


@pytest.mark.parametrize("path", [*WORKFLOWS, ACTION], ids=lambda p: p.name)
def test_third_party_actions_are_pinned_by_sha_with_a_version_comment(path: Path) -> None:
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = USES_LINE.match(line)
        if match is None:
            continue
        ref, rest = match.groups()
        if ref.startswith(("./", "docker://")):
            continue
        seen += 1
        assert PINNED.match(ref), f"{path.name}:{number}: {ref} is not pinned by a 40-hex SHA"
        assert re.search(r"#\s*v\d+(\.\d+)*", rest), f"{path.name}:{number}: no version comment"
    assert seen > 0


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_declare_permissions_everywhere(path: Path) -> None:
    workflow = load(path)
    assert "permissions" in workflow, f"{path.name}: no top-level permissions"
    top = workflow["permissions"] or {}
    assert "write" not in top.values(), f"{path.name}: write permission granted to every job"
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", top) or {}
        assert granted != "write-all", f"{path.name}: {name} is write-all"


def test_only_the_committing_job_may_write_contents() -> None:
    refresh = load(ROOT / ".github" / "workflows" / "refresh.yml")
    writers = {
        (job_name, scope)
        for job_name, job in refresh["jobs"].items()
        for scope, level in (job.get("permissions") or {}).items()
        if level == "write"
    }
    assert writers == {("refresh", "contents"), ("keepalive", "actions")}
    assert load(ROOT / ".github" / "workflows" / "test.yml")["permissions"] == {"contents": "read"}


def test_refresh_schedule_dispatch_and_concurrency() -> None:
    refresh = load(ROOT / ".github" / "workflows" / "refresh.yml")
    on = triggers(refresh)
    assert "workflow_dispatch" in on
    [schedule] = on["schedule"]
    minute = schedule["cron"].split()[0]
    assert minute.isdigit()
    assert int(minute) not in (0, 15, 30, 45), "pick an odd minute"
    assert refresh["concurrency"]["cancel-in-progress"] is False
    steps = refresh["jobs"]["refresh"]["steps"]
    assert any(step.get("uses") == "./" for step in steps), "refresh runs the repo's own action"


def test_keepalive_reenables_the_workflow_through_the_api() -> None:
    refresh = load(ROOT / ".github" / "workflows" / "refresh.yml")
    job = refresh["jobs"]["keepalive"]
    script = " ".join(step.get("run", "") for step in job["steps"])
    assert "actions/workflows/refresh.yml/enable" in script
    assert "PUT" in script
    assert "git commit" not in script


def test_action_cache_key_is_unique_per_run_with_a_prefix_fallback() -> None:
    steps = load(ACTION)["runs"]["steps"]
    restore = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache/restore"))
    save = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache/save"))
    key = restore["with"]["key"]
    assert "github.run_id" in key
    assert "github.run_attempt" in key
    prefix = restore["with"]["restore-keys"].strip()
    assert key.startswith(prefix.split("${{")[0])
    assert prefix.endswith("-")
    assert save["with"]["key"] == key
    assert save["with"]["path"] == restore["with"]["path"]
    assert save.get("if") == "always()"


def test_action_inputs_outputs_and_shells() -> None:
    action = load(ACTION)
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {
        "token",
        "pages",
        "config",
        "commit",
        "commit-message",
        "python-version",
    }
    assert set(action["outputs"]) >= {"changed", "requests"}
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step.get("shell") == "bash", f"step {step.get('name')!r} has no shell"


@pytest.mark.parametrize("path", [*WORKFLOWS, ACTION], ids=lambda p: p.name)
def test_no_expression_is_interpolated_into_a_script(path: Path) -> None:
    document = load(path)
    steps: list[dict[str, Any]] = []
    if "runs" in document:
        steps = document["runs"]["steps"]
    else:
        for job in document["jobs"].values():
            steps.extend(job.get("steps", []))
    for step in steps:
        assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')!r} interpolates"


def test_ci_workflow_runs_the_readme_test_command() -> None:
    command = next(
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if "pytest" in line and not line.lstrip().startswith("#")
    )
    test = load(ROOT / ".github" / "workflows" / "test.yml")
    on = triggers(test)
    assert "push" in on
    assert "pull_request" in on
    scripts = [step.get("run", "") for step in test["jobs"]["test"]["steps"]]
    assert command in scripts


def documented_workflows() -> list[str]:
    """The YAML blocks of docs/action.md that are whole workflows (they have ``jobs:``)."""
    text = (ROOT / "docs" / "action.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    return [block for block in blocks if "\njobs:" in block]


def test_the_documented_workflow_passes_actionlint_and_is_pinned() -> None:
    [workflow] = documented_workflows()
    assert re.search(r"actions/checkout@[0-9a-f]{40} # v", workflow)
    # The placeholder for the action's own pin becomes a well-formed SHA to lint.
    linted = workflow.replace("OWNER/enrich@<sha>", "OWNER/enrich@" + "0" * 40)
    result = run_actionlint("-", stdin=linted)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "enable" in workflow
    assert "cancel-in-progress: false" in workflow
