"""The standalone server, its HTTP admin surface, and the data sets it serves."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from enrich.testing import FakeData, FakeGitHub, fakegithub

AUTH = {"User-Agent": "enrich-tests", "Authorization": "Bearer test-token"}


@pytest.fixture
def standalone(tmp_path: Path) -> Iterator[tuple[str, str]]:
    data = FakeData.example()
    data.set_repo_figures("pytorch/pytorch", stars=42)
    path = tmp_path / "data.json"
    path.write_text(data.to_json(), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "enrich.testing.fakegithub", "--port", "0", "--data", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        ready, api, graphql = line.split()
        assert ready == "READY"
        yield api, graphql
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err
        assert err == ""


def test_standalone_serves_the_given_data_until_killed(standalone: tuple[str, str]) -> None:
    api, graphql = standalone
    assert graphql == f"{api}/graphql"
    assert api.startswith("http://127.0.0.1:")
    r = httpx.get(f"{api}/repos/pytorch/pytorch", headers=AUTH)
    assert r.json()["stargazers_count"] == 42
    query = '{ repository(owner: "pytorch", name: "pytorch") { stargazerCount } }'
    g = httpx.post(graphql, json={"query": query}, headers=AUTH)
    assert g.json() == {"data": {"repository": {"stargazerCount": 42}}}


def test_admin_surface(standalone: tuple[str, str]) -> None:
    api, _ = standalone
    with httpx.Client(base_url=api, headers=AUTH) as client:
        client.get("/repos/pytorch/pytorch")
        log = client.get("/_fake/requests").json()["requests"]
        assert [(r["path"], r["status"], r["resource"]) for r in log] == [
            ("/repos/pytorch/pytorch", 200, "core")
        ]
        assert client.post("/_fake/reset-requests").json() == {"ok": True}
        assert client.get("/_fake/requests").json() == {"requests": []}
        mutations = [
            {"op": "set_repo_figures", "repo": "vllm-project/vllm", "stars": 70000},
            {"op": "rename_repo", "old": "yewentao256/TinyNN", "new": "yewentao256/TinierNN"},
            {"op": "delete_repo", "repo": "yewentao256/sicpy"},
            {"op": "add_pull", "repo": "pytorch/pytorch", "author": "octocat", "merged": True},
        ]
        assert client.post("/_fake/mutate", json=mutations).status_code == 200
        assert client.get("/repos/vllm-project/vllm").json()["stargazers_count"] == 70000
        assert client.get("/repos/yewentao256/TinyNN").status_code == 301
        assert client.get("/repos/yewentao256/sicpy").status_code == 404
        bad = client.post("/_fake/mutate", json={"op": "explode"})
        assert bad.status_code == 400
        client.post("/_fake/faults", json={"fail_next": [503]})
        assert client.get("/users/octocat").status_code == 503
        limits = client.post(
            "/_fake/limits", json={"resource": "core", "remaining": 0, "retry_after": 5}
        ).json()
        assert limits["authenticated"]["core"]["remaining"] == 0
        assert client.get("/users/octocat").status_code == 403
        assert client.post("/_fake/reset").status_code == 200
        assert client.get("/users/octocat").status_code == 200
        assert client.get("/repos/yewentao256/sicpy").status_code == 200
        data = FakeData.from_json(client.get("/_fake/data").text)
        assert data.repo("pytorch/pytorch").stars == 42


def test_json_round_trip_keeps_everything() -> None:
    data = FakeData.example()
    data.rename_repo("yewentao256/TinyNN", "yewentao256/TinierNN")
    again = FakeData.from_json(data.to_json())
    assert again.to_json() == data.to_json()
    assert again.repo("yewentao256/tinynn").name == "TinierNN"
    with pytest.raises(ValueError, match="version"):
        FakeData.from_json('{"version": 99}')


def test_synthetic_data_is_deterministic_and_served() -> None:
    one = FakeData.synthetic(repos=50, users=5, prs_per_repo=3, seed=1)
    assert one.to_json() == FakeData.synthetic(repos=50, users=5, prs_per_repo=3, seed=1).to_json()
    assert len(one.repos) == 50
    assert len(one.items) == 150
    with FakeGitHub(one) as server:
        r = httpx.get(f"{server.api_url}/users/user-0001/repos?per_page=100", headers=AUTH)
        assert len(r.json()) == 10


def test_example_covers_every_reference_of_the_about_page() -> None:
    data = FakeData.example()
    for login in ["yewentao256", "jifengwu2k", "pytorch", "vllm-project", "LazyAGI",
                  "open-mmlab", "DeepLink-org"]:  # fmt: skip
        assert data.account(login).login == login
    for name in ["pytorch/pytorch", "vllm-project/vllm", "LazyAGI/LazyLLM", "open-mmlab/mmcv",
                 "DeepLink-org/deeplink.framework", "DeepLink-org/DIOPI",
                 "yewentao256/MicroTorch", "yewentao256/GAN-Paint", "yewentao256/CSAPP_15213",
                 "yewentao256/TinyNN", "yewentao256/You-after-taking-drugs",
                 "yewentao256/sicpy"]:  # fmt: skip
        assert data.repo(name).full_name == name
    pytorch, vllm = data.repo("pytorch/pytorch"), data.repo("vllm-project/vllm")
    assert data.item(pytorch.id, 123020).is_pull
    assert not data.item(pytorch.id, 115611).is_pull
    assert data.item(vllm.id, 25896).merged


@pytest.mark.parametrize("content", [None, "not json", '{"version": 1, "repos": [{"x": 1}]}'])
def test_a_data_file_it_cannot_load_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None
) -> None:
    path = tmp_path / "data.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        fakegithub.main(["--data", str(path)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: cannot load the data set: ")
    assert err.count("\n") == 1
