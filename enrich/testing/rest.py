"""The REST routes: a request's method, path and query to GitHub's answer (no I/O, no limits).

``answer`` returns a ``RestAnswer`` (status, JSON body, and what the server turns into
headers: ``Last-Modified``, ``Link``, ``Location``, whether an ETag is given). Rate limits,
authentication, conditional requests and faults are the server's job.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from enrich.testing import shapes
from enrich.testing.dataset import FakeData, Item, NotFound, Repo
from enrich.testing.search import SearchError, search_items

DOCS = "https://docs.github.com/rest"
SEARCH_CAP = 1000


@dataclass
class RestAnswer:
    status: int
    body: Any
    last_modified: str | None = None
    """ISO timestamp for ``Last-Modified`` (single resources only)."""
    link: str | None = None
    location: str | None = None
    etag: bool = True
    """Whether GitHub gives this answer an ETag (not errors, not search results)."""
    cache_control: str | None = None
    """An override (search answers ``no-cache``); None picks private/public by auth."""


def error(status: int, message: str, docs: str = DOCS, **extra: Any) -> RestAnswer:
    body = {"message": message, **extra, "documentation_url": docs, "status": str(status)}
    return RestAnswer(status, body, etag=False)


def not_found(docs: str = DOCS) -> RestAnswer:
    return error(404, "Not Found", docs)


_REPO_DOCS = "https://docs.github.com/rest/repos/repos#get-a-repository"
_REPO_PATH = re.compile(r"^/repos/([^/]+)/([^/]+)(/.*)?$")
_ID_PATH = re.compile(r"^/repositories/(\d+)(/.*)?$")
_ACCOUNT_PATH = re.compile(r"^/(users|orgs)/([^/]+)(/repos)?$")


def answer(
    data: FakeData, api: str, method: str, path: str, params: dict[str, str], *, authorized: bool
) -> RestAnswer:
    """GitHub's answer to one REST request (``params``: the query, last value wins)."""
    if path == "/" and method == "GET":
        return RestAnswer(200, root(api))
    if path == "/search/issues" and method == "GET":
        return _search(data, api, path, params)
    match = _REPO_PATH.match(path)
    if match:
        owner, name, rest = match.groups()
        repo, moved = data.find_repo(f"{owner}/{name}")
        if moved is not None:
            target = f"{api}/repositories/{moved}{rest or ''}"
            status = 301 if method in ("GET", "HEAD") else 307
            body = {
                "message": "Moved Permanently" if status == 301 else "Temporary Redirect",
                "url": target,
                "documentation_url": "https://docs.github.com/v3/#http-redirects",
            }
            return RestAnswer(status, body, location=target, etag=False)
        return _repo_routes(data, api, method, repo, rest or "", params, authorized)
    match = _ID_PATH.match(path)
    if match:
        try:
            by_id: Repo | None = data.repo_by_id(int(match.group(1)))
        except NotFound:
            by_id = None
        return _repo_routes(data, api, method, by_id, match.group(2) or "", params, authorized)
    match = _ACCOUNT_PATH.match(path)
    if match and method == "GET":
        return _account_routes(data, api, path, params, *match.groups())
    return not_found()


def _repo_routes(
    data: FakeData,
    api: str,
    method: str,
    repo: Repo | None,
    rest: str,
    params: dict[str, str],
    authorized: bool,
) -> RestAnswer:
    if repo is None:
        return not_found(_REPO_DOCS)
    if repo.state == "dmca":
        return RestAnswer(
            451,
            {
                "message": "Repository access blocked",
                "block": {
                    "reason": "dmca",
                    "created_at": repo.updated_at,
                    "html_url": "https://github.com/github/dmca/blob/master/2025/fake.md",
                },
            },
            etag=False,
        )
    if method != "GET":
        return not_found()
    if rest == "":
        body = shapes.repository(api, data, repo, full=True, authorized=authorized)
        return RestAnswer(200, body, last_modified=repo.updated_at)
    match = re.match(r"^/(pulls|issues)/(\d+)$", rest)
    if match:
        try:
            item = data.item(repo.id, int(match.group(2)))
        except NotFound:
            return not_found()
        if match.group(1) == "pulls":
            if not item.is_pull:
                return not_found()
            return RestAnswer(200, shapes.pull(api, data, item), last_modified=item.updated_at)
        return RestAnswer(200, shapes.issue(api, data, item), last_modified=item.updated_at)
    if rest == "/issues":
        state = params.get("state", "open")
        items = sorted(
            (i for i in data.items_of(repo.id) if state in ("all", i.state)),
            key=lambda i: -i.number,
        )
        return _paged(
            api,
            f"/repositories/{repo.id}/issues",
            params,
            items,
            lambda i: shapes.issue(api, data, i),
        )
    return not_found()


def _account_routes(
    data: FakeData,
    api: str,
    path: str,
    params: dict[str, str],
    kind: str,
    login: str,
    repos_suffix: str | None,
) -> RestAnswer:
    try:
        account = data.account(login)
    except NotFound:
        return not_found()
    if kind == "orgs" and account.type != "Organization":
        return not_found()
    if repos_suffix is None:
        if kind == "orgs":
            return RestAnswer(
                200, shapes.organization(api, data, account), last_modified=account.updated_at
            )
        return RestAnswer(
            200, shapes.account_full(api, data, account), last_modified=account.updated_at
        )
    repos = [r for r in data.repos_of(account.login) if not r.private]
    kind_filter = params.get("type", "all" if kind == "orgs" else "owner")
    if kind_filter == "forks":
        repos = [r for r in repos if r.fork]
    elif kind_filter == "sources":
        repos = [r for r in repos if not r.fork]
    sort = params.get("sort", "created" if kind == "orgs" else "full_name")
    key = {"created": "created_at", "updated": "updated_at", "pushed": "pushed_at"}.get(sort)
    direction = params.get("direction", "asc" if key is None else "desc")
    if key is None:
        repos.sort(key=lambda r: r.full_name.lower(), reverse=direction == "desc")
    else:
        repos.sort(key=lambda r: (getattr(r, key), r.id), reverse=direction == "desc")
    return _paged(
        api,
        path,
        params,
        repos,
        lambda r: shapes.repository(api, data, r, full=False, authorized=False),
    )


def _page_params(params: dict[str, str]) -> tuple[int, int]:
    def number(name: str, default: int) -> int:
        try:
            return max(1, int(params.get(name, default)))
        except ValueError:
            return default

    return min(number("per_page", 30), 100), number("page", 1)


def link_header(api: str, path: str, params: dict[str, str], page: int, last: int) -> str | None:
    """GitHub's ``Link``: prev, next, last, first (each only when it applies)."""
    if last <= 1 and page <= 1:
        return None

    def url(n: int) -> str:
        return f"{api}{path}?{urlencode({**params, 'page': str(n)})}"

    rels = []
    if page > 1:
        rels.append(f'<{url(min(page - 1, max(last, 1)))}>; rel="prev"')
    if page < last:
        rels.append(f'<{url(page + 1)}>; rel="next"')
        rels.append(f'<{url(last)}>; rel="last"')
    if page > 1:
        rels.append(f'<{url(1)}>; rel="first"')
    return ", ".join(rels) or None


def _paged(api: str, path: str, params: dict[str, str], rows: list[Any], shape: Any) -> RestAnswer:
    per_page, page = _page_params(params)
    last = max(1, math.ceil(len(rows) / per_page))
    chunk = rows[(page - 1) * per_page : page * per_page]
    return RestAnswer(
        200, [shape(r) for r in chunk], link=link_header(api, path, params, page, last)
    )


def _search(data: FakeData, api: str, path: str, params: dict[str, str]) -> RestAnswer:
    docs = "https://docs.github.com/v3/search"
    q = params.get("q", "").strip()
    if not q:
        return error(
            422,
            "Validation Failed",
            docs,
            errors=[{"resource": "Search", "field": "q", "code": "missing"}],
        )
    per_page, page = _page_params(params)
    if (page - 1) * per_page >= SEARCH_CAP:
        return error(422, "Only the first 1000 search results are available", docs)
    try:
        found: list[Item] = search_items(data, q, params.get("sort"), params.get("order", "desc"))
    except SearchError as exc:
        return error(422, exc.message, docs, **({"errors": exc.errors} if exc.errors else {}))
    reachable = min(len(found), SEARCH_CAP)
    last = max(1, math.ceil(reachable / per_page))
    chunk = found[(page - 1) * per_page : min(page * per_page, reachable)]
    body = {
        "total_count": len(found),
        "incomplete_results": False,
        "items": [shapes.issue(api, data, i, score=1.0) for i in chunk],
    }
    return RestAnswer(
        200,
        body,
        link=link_header(api, path, params, page, last),
        etag=False,
        cache_control="no-cache",
    )


def root(api: str) -> dict[str, str]:
    """``GET /``: the URL templates GitHub lists at its root."""
    return {
        "current_user_url": f"{api}/user",
        "current_user_authorizations_html_url": (
            "https://github.com/settings/connections/applications{/client_id}"
        ),
        "authorizations_url": f"{api}/authorizations",
        "code_search_url": f"{api}/search/code?q={{query}}{{&page,per_page,sort,order}}",
        "commit_search_url": f"{api}/search/commits?q={{query}}{{&page,per_page,sort,order}}",
        "emails_url": f"{api}/user/emails",
        "emojis_url": f"{api}/emojis",
        "events_url": f"{api}/events",
        "feeds_url": f"{api}/feeds",
        "followers_url": f"{api}/user/followers",
        "following_url": f"{api}/user/following{{/target}}",
        "gists_url": f"{api}/gists{{/gist_id}}",
        "hub_url": f"{api}/hub",
        "issue_search_url": f"{api}/search/issues?q={{query}}{{&page,per_page,sort,order}}",
        "issues_url": f"{api}/issues",
        "keys_url": f"{api}/user/keys",
        "label_search_url": (
            f"{api}/search/labels?q={{query}}&repository_id={{repository_id}}{{&page,per_page}}"
        ),
        "notifications_url": f"{api}/notifications",
        "organization_url": f"{api}/orgs/{{org}}",
        "organization_repositories_url": f"{api}/orgs/{{org}}/repos{{?type,page,per_page,sort}}",
        "organization_teams_url": f"{api}/orgs/{{org}}/teams",
        "public_gists_url": f"{api}/gists/public",
        "rate_limit_url": f"{api}/rate_limit",
        "repository_url": f"{api}/repos/{{owner}}/{{repo}}",
        "repository_search_url": (
            f"{api}/search/repositories?q={{query}}{{&page,per_page,sort,order}}"
        ),
        "current_user_repositories_url": f"{api}/user/repos{{?type,page,per_page,sort}}",
        "starred_url": f"{api}/user/starred{{/owner}}{{/repo}}",
        "starred_gists_url": f"{api}/gists/starred",
        "topic_search_url": f"{api}/search/topics?q={{query}}{{&page,per_page}}",
        "user_url": f"{api}/users/{{user}}",
        "user_organizations_url": f"{api}/user/orgs",
        "user_repositories_url": f"{api}/users/{{user}}/repos{{?type,page,per_page,sort}}",
        "user_search_url": f"{api}/search/users?q={{query}}{{&page,per_page,sort,order}}",
    }
