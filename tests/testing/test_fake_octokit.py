"""The fake answers the recorded octokit scenarios as api.github.com did: same status codes,
the same header names, the same JSON keys with the same types (values differ, of course).

The recordings (tests/testing/fixtures/octokit, MIT, from octokit/fixtures) were made with an
admin token of the fixture organization; keys only an admin sees are listed below and left
out of the comparison, since the fake answers as a reader.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from enrich.testing import FakeGitHub

FIXTURES = Path(__file__).parent / "fixtures" / "octokit"
HEADERS = {
    "User-Agent": "enrich-tests",
    "Authorization": "token 0000000000000000000000000000000000000001",
    "Accept": "application/vnd.github.v3+json",
}
ADMIN_ONLY = {
    "temp_clone_token", "allow_squash_merge", "allow_merge_commit", "allow_rebase_merge",
    "allow_auto_merge", "delete_branch_on_merge", "allow_update_branch",
    "use_squash_pr_title_as_default", "total_private_repos", "owned_private_repos",
    "private_gists", "disk_usage", "collaborators", "billing_email",
    "default_repository_permission", "members_can_create_repositories",
    "two_factor_requirement_enabled", "members_allowed_repository_creation_type",
    "members_can_create_public_repositories", "members_can_create_private_repositories",
    "members_can_create_internal_repositories", "members_can_create_pages",
    "members_can_fork_private_repositories", "members_can_create_public_pages",
    "members_can_create_private_pages", "web_commit_signoff_required", "plan",
}  # fmt: skip


def recorded(scenario: str, method: str, path_start: str) -> dict[str, Any]:
    exchanges = json.loads((FIXTURES / f"{scenario}.json").read_text(encoding="utf-8"))
    return next(e for e in exchanges if e["method"] == method and e["path"].startswith(path_start))


def header_names(exchange: dict[str, Any]) -> set[str]:
    raw = exchange["rawHeaders"]
    return {raw[i].lower() for i in range(0, len(raw), 2)} - {"connection"}


def assert_same_shape(recorded_value: Any, answered: Any, where: str = "$") -> None:
    """Every recorded key is answered, with the same JSON type (null matches anything)."""
    if recorded_value is None or answered is None:
        return
    assert type(answered) is type(recorded_value) or {type(answered), type(recorded_value)} <= {
        int,
        float,
    }, f"{where}: {type(recorded_value).__name__} recorded, {type(answered).__name__} answered"
    if isinstance(recorded_value, dict):
        missing = set(recorded_value) - set(answered) - ADMIN_ONLY
        assert not missing, f"{where}: keys missing: {sorted(missing)}"
        for key in set(recorded_value) & set(answered):
            assert_same_shape(recorded_value[key], answered[key], f"{where}.{key}")
    elif isinstance(recorded_value, list) and recorded_value and answered:
        assert_same_shape(recorded_value[0], answered[0], f"{where}[0]")


@pytest.fixture
def client(fake_github: FakeGitHub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fake_github.api_url, headers=HEADERS) as c:
        yield c


def check(exchange: dict[str, Any], answer: httpx.Response) -> None:
    assert answer.status_code == exchange["status"]
    missing = header_names(exchange) - {h.lower() for h in answer.headers}
    assert not missing, f"headers missing: {sorted(missing)}"
    assert_same_shape(exchange["response"], answer.json())


def test_get_repository(client: httpx.Client) -> None:
    check(recorded("get-repository", "get", "/repos/"), client.get("/repos/pytorch/pytorch"))


def test_get_organization(client: httpx.Client) -> None:
    check(recorded("get-organization", "get", "/orgs/"), client.get("/orgs/pytorch"))


def test_get_root(client: httpx.Client) -> None:
    exchange = recorded("get-root", "get", "/")
    answer = client.get("/")
    check(exchange, answer)
    assert set(answer.json()) == set(exchange["response"])


def test_search_issues(client: httpx.Client) -> None:
    exchange = recorded("search-issues", "get", "/search/issues")
    answer = client.get(
        "/search/issues", params={"q": "repo:pytorch/pytorch author:yewentao256 is:issue"}
    )
    check(exchange, answer)
    assert "etag" not in answer.headers  # as recorded: search answers carry no ETag
    assert answer.headers["cache-control"] == "no-cache"


def test_rename_repository_redirects_to_repositories_id(
    client: httpx.Client, fake_github: FakeGitHub
) -> None:
    fake_github.data.rename_repo("DeepLink-org/DIOPI", "DeepLink-org/diopi-next")
    moved = client.get("/repos/deeplink-org/diopi")
    check(recorded("rename-repository", "get", "/repos/"), moved)
    repo_id = fake_github.data.repo("DeepLink-org/diopi-next").id
    assert moved.headers["location"] == f"{fake_github.api_url}/repositories/{repo_id}"
    followed = client.get(moved.headers["location"])
    check(recorded("rename-repository", "get", "/repositories/"), followed)
    assert followed.json()["full_name"] == "DeepLink-org/diopi-next"
    patched = client.patch("/repos/DeepLink-org/DIOPI", json={"name": "x"})
    exchanges = json.loads((FIXTURES / "rename-repository.json").read_text(encoding="utf-8"))
    assert patched.status_code == 307
    assert any(e["method"] == "patch" and e["status"] == 307 for e in exchanges)
    assert patched.headers["location"] == moved.headers["location"]


def test_validation_error_shape(client: httpx.Client) -> None:
    exchange = recorded("errors", "post", "/repos/")
    answer = client.get("/search/issues", params={"q": "repo:nobody/nothing is:pr"})
    assert answer.status_code == exchange["status"] == 422
    assert_same_shape(exchange["response"], answer.json())


def rels(link: str) -> list[str]:
    return [part.split('rel="')[1].rstrip('"') for part in link.split(", ")]


def test_paginate_issues_link_headers(client: httpx.Client) -> None:
    exchanges = json.loads((FIXTURES / "paginate-issues.json").read_text(encoding="utf-8"))
    pages = [e for e in exchanges if e["method"] == "get"]
    recorded_rels = [rels(dict(zip(p["rawHeaders"][::2], p["rawHeaders"][1::2], strict=True))
                          ["Link"]) for p in pages]  # fmt: skip
    answers: list[httpx.Response] = []
    url: str | None = "/repos/pytorch/pytorch/issues?state=all&per_page=10"
    while url:
        answer = client.get(url)
        check(pages[min(len(answers), len(pages) - 1)], answer)
        answers.append(answer)
        url = answer.links.get("next", {}).get("url")
    assert len(answers) >= 3
    assert rels(answers[0].headers["link"]) == recorded_rels[0]
    assert rels(answers[1].headers["link"]) == recorded_rels[1]
    assert rels(answers[-1].headers["link"]) == recorded_rels[-1]
