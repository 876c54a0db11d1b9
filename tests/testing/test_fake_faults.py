"""Fault injection, deleted/DMCA'd/renamed repositories, and the request log."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from enrich.testing import FakeGitHub

AUTH = {"User-Agent": "enrich-tests", "Authorization": "Bearer test-token"}


def get(server: FakeGitHub, path: str, **kwargs: object) -> httpx.Response:
    return httpx.get(f"{server.api_url}{path}", headers=AUTH, **kwargs)  # type: ignore[arg-type]


def test_fail_next_is_a_burst_then_normal(fake_github: FakeGitHub) -> None:
    fake_github.faults.fail_next = [502, 503]
    statuses = [get(fake_github, "/repos/pytorch/pytorch").status_code for _ in range(3)]
    assert statuses == [502, 503, 200]
    records = fake_github.requests
    assert [r.fault for r in records] == ["fail", "fail", None]
    assert [r.cost for r in records] == [0, 0, 1]


def test_reset_closes_without_an_answer(fake_github: FakeGitHub) -> None:
    fake_github.faults.reset_next = 1
    with pytest.raises(httpx.TransportError):
        get(fake_github, "/repos/pytorch/pytorch")
    assert fake_github.requests[-1].status == 0
    assert get(fake_github, "/repos/pytorch/pytorch").status_code == 200


def test_truncated_body(fake_github: FakeGitHub) -> None:
    fake_github.faults.truncated_next = 1
    with pytest.raises(httpx.TransportError):
        get(fake_github, "/repos/pytorch/pytorch")
    assert fake_github.requests[-1].fault == "truncated"


def test_malformed_body(fake_github: FakeGitHub) -> None:
    fake_github.faults.malformed_next = 1
    r = get(fake_github, "/repos/pytorch/pytorch")
    assert r.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        r.json()
    query = {"query": '{ repository(owner: "pytorch", name: "pytorch") { stargazerCount } }'}
    fake_github.faults.malformed_next = 1
    g = httpx.post(fake_github.graphql_url, json=query, headers=AUTH)
    with pytest.raises(json.JSONDecodeError):
        g.json()


def test_latency_and_slow_body(fake_github: FakeGitHub) -> None:
    fake_github.faults.latency = 0.2
    start = time.perf_counter()
    assert get(fake_github, "/users/yewentao256").status_code == 200
    assert time.perf_counter() - start >= 0.2
    fake_github.faults.latency = 0.0
    fake_github.faults.slow_body = 0.3
    start = time.perf_counter()
    r = get(fake_github, "/repos/pytorch/pytorch")
    assert r.json()["full_name"] == "pytorch/pytorch"
    assert time.perf_counter() - start >= 0.3
    with pytest.raises(httpx.ReadTimeout):
        get(fake_github, "/repos/pytorch/pytorch", timeout=httpx.Timeout(5.0, read=0.02))


def test_faults_can_target_one_path(fake_github: FakeGitHub) -> None:
    fake_github.faults.match = r"^/repos/open-mmlab/mmcv$"
    fake_github.faults.fail_next = [503]
    assert get(fake_github, "/repos/pytorch/pytorch").status_code == 200
    assert get(fake_github, "/repos/open-mmlab/mmcv").status_code == 503
    assert get(fake_github, "/repos/open-mmlab/mmcv").status_code == 200


def test_deleted_repo_is_404_and_not_found_in_graphql(fake_github: FakeGitHub) -> None:
    fake_github.data.delete_repo("yewentao256/GAN-Paint")
    assert get(fake_github, "/repos/yewentao256/GAN-Paint").status_code == 404
    query = '{ r: repository(owner: "yewentao256", name: "GAN-Paint") { stargazerCount } }'
    body = httpx.post(fake_github.graphql_url, json={"query": query}, headers=AUTH).json()
    assert body["data"] == {"r": None}
    assert body["errors"][0]["type"] == "NOT_FOUND"


def test_dmca_repo_is_451(fake_github: FakeGitHub) -> None:
    fake_github.data.dmca_repo("yewentao256/sicpy")
    r = get(fake_github, "/repos/yewentao256/sicpy")
    assert r.status_code == 451
    assert r.json()["block"]["reason"] == "dmca"


def test_renamed_repo_follows_in_graphql_with_the_new_name(fake_github: FakeGitHub) -> None:
    fake_github.data.rename_repo("yewentao256/MicroTorch", "yewentao256/NanoTorch")
    query = '{ r: repository(owner: "yewentao256", name: "MicroTorch") { nameWithOwner } }'
    body = httpx.post(fake_github.graphql_url, json={"query": query}, headers=AUTH).json()
    assert body == {"data": {"r": {"nameWithOwner": "yewentao256/NanoTorch"}}}
    strict = query.replace('name: "MicroTorch"', 'name: "MicroTorch", followRenames: false')
    body = httpx.post(fake_github.graphql_url, json={"query": strict}, headers=AUTH).json()
    assert body["data"] == {"r": None}
    assert body["errors"][0]["type"] == "NOT_FOUND"
    r = get(fake_github, "/repos/yewentao256/MicroTorch", follow_redirects=True)
    assert r.json()["full_name"] == "yewentao256/NanoTorch"
    assert [x.status for x in fake_github.requests[-2:]] == [301, 200]


def test_figures_change_between_requests(fake_github: FakeGitHub) -> None:
    before = get(fake_github, "/repos/pytorch/pytorch")
    fake_github.data.set_repo_figures("pytorch/pytorch", stars=123_456, forks=7)
    after = get(fake_github, "/repos/pytorch/pytorch")
    assert (after.json()["stargazers_count"], after.json()["forks_count"]) == (123_456, 7)
    assert after.headers["etag"] != before.headers["etag"]
    assert after.headers["last-modified"] != before.headers["last-modified"]


def test_added_pull_is_found_by_search(fake_github: FakeGitHub) -> None:
    q = {"q": "repo:LazyAGI/LazyLLM author:jifengwu2k is:pr is:merged"}
    assert get(fake_github, "/search/issues", params=q).json()["total_count"] == 0
    fake_github.data.add_pull("lazyagi/lazyllm", author="jifengwu2k", merged=True)
    assert get(fake_github, "/search/issues", params=q).json()["total_count"] == 1


def test_request_log(fake_github: FakeGitHub) -> None:
    get(fake_github, "/repos/pytorch/pytorch", params={"x": "1"})
    httpx.get(f"{fake_github.api_url}/users/octocat", headers={"User-Agent": "t"})
    [first, second] = fake_github.requests
    assert (first.method, first.path, first.query, first.status) == (
        "GET", "/repos/pytorch/pytorch", "x=1", 200,
    )  # fmt: skip
    assert (first.resource, first.cost, first.authorized, first.conditional) == (
        "core", 1, True, False,
    )  # fmt: skip
    assert (second.authorized, second.resource) == (False, "core")
    fake_github.clear_requests()
    assert fake_github.requests == []
    assert fake_github.errors == []


def test_transferred_repo_redirects_and_answers_under_its_new_owner(
    fake_github: FakeGitHub,
) -> None:
    fake_github.data.rename_repo("yewentao256/GAN-Paint", "jifengwu2k/GAN-Paint")
    moved = get(fake_github, "/repos/YEWENTAO256/gan-paint")
    assert moved.status_code == 301
    followed = httpx.get(moved.headers["location"], headers=AUTH).json()
    assert followed["full_name"] == "jifengwu2k/GAN-Paint"
    assert followed["owner"]["login"] == "jifengwu2k"
    names = [r["name"] for r in get(fake_github, "/users/yewentao256/repos").json()]
    assert "GAN-Paint" not in names
