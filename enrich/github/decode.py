"""Decode: (status, headers, body) -> figures or a per-item failure. Pure, no I/O.

Figure names are the contract with the renderer (documented in docs/fetch.md). GitHub's
GraphQL answers HTTP 200 with partial ``errors``: a NOT_FOUND for one alias fails only
that item. A body that is not the JSON GitHub documents fails only what it was for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from enrich.github.plan import GraphQLBatch, Target, TargetKind
from enrich.stats import NULLABLE, FigureValue, Status

Figures = dict[str, FigureValue]
TOP_REPOS = 5
"""How many of an owner's most-starred repositories ``top_repos`` lists."""


@dataclass(frozen=True, slots=True)
class RateLimit:
    """One rate-limit bucket as GitHub reports it (``reset`` in epoch seconds)."""

    resource: str
    limit: int
    remaining: int
    reset: int
    used: int = 0


def rate_limit_from_headers(headers: Mapping[str, str], default: str = "core") -> RateLimit | None:
    """Read ``x-ratelimit-*`` (https://docs.github.com/rest/using-the-rest-api/rate-limits)."""
    try:
        return RateLimit(
            resource=headers.get("x-ratelimit-resource", default),
            limit=int(headers["x-ratelimit-limit"]),
            remaining=int(headers["x-ratelimit-remaining"]),
            reset=int(headers["x-ratelimit-reset"]),
            used=int(headers.get("x-ratelimit-used", "0")),
        )
    except (KeyError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one item has no new figures: ``missing`` (404/451) or ``stale`` (anything else)."""

    status: Status
    message: str
    rate_limited: bool = False
    unauthorized: bool = False
    """HTTP 401: no item can succeed with these credentials."""


@dataclass(slots=True)
class Decoded:
    """One item's new figures; ``name`` is GitHub's spelling, ``renamed_to`` set on a rename."""

    figures: Figures
    name: str
    renamed_to: str | None = None
    next_cursor: str | None = None
    """For a user with more owned repositories than one page: where the next page starts."""
    star_counts: dict[str, int] = field(default_factory=dict)
    incomplete: bool = False
    """A later page of owned repositories failed: ``total_stars`` would be short."""


Result = Decoded | Failure


def parse_json(body: bytes) -> Any:
    """The body as JSON, or ``ValueError`` naming what is wrong (truncated, not JSON)."""
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"malformed JSON body ({len(body)} bytes): {exc}") from exc
    except RecursionError:
        raise ValueError(f"malformed JSON body ({len(body)} bytes): nested too deep") from None


_FULL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*/[A-Za-z0-9._-]+")  # _: enterprise logins
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _one_line(text: str) -> str:
    """API text shown to the user on one line (a newline could start a workflow command)."""
    return _CONTROLS.sub(" ", text)


def _full_name(value: Any) -> str:
    """``owner/name`` as GitHub spells it; ``ValueError`` for anything else (a hostile or
    broken answer must not put a path or a newline in a warning, the stats file or a page)."""
    text = str(value)
    if not _FULL_NAME.fullmatch(text):
        raise ValueError(f"not a repository name: {text[:100]!r}")
    return text


def _count(node: Any, name: str) -> int | None:
    value = node.get(name) if isinstance(node, dict) else None
    total = value.get("totalCount") if isinstance(value, dict) else None
    return total if isinstance(total, int) else None


def _name_of(node: Any, name: str) -> str | None:
    value = node.get(name) if isinstance(node, dict) else None
    got = value.get("name") if isinstance(value, dict) else None
    return got if isinstance(got, str) else None


def _renamed(target: Target, full_name: str) -> str | None:
    asked = f"{target.owner}/{target.name}"
    return full_name if full_name.lower() != asked.lower() else None


def _drop_none(figures: Figures) -> Figures:
    return {name: value for name, value in figures.items() if value is not None}


def _license(spdx: Any, name: Any) -> str | None:
    if isinstance(spdx, str) and spdx and spdx != "NOASSERTION":
        return spdx
    return name if isinstance(name, str) else None


# --- GraphQL ---------------------------------------------------------------------------


def _repo_from_graphql(target: Target, node: dict[str, Any]) -> Decoded:
    full_name = _full_name(node["nameWithOwner"])
    issues, pulls = _count(node, "openIssues"), _count(node, "openPulls")
    language = node.get("primaryLanguage") or {}
    license_info = node.get("licenseInfo") or {}
    topics = [
        str(n["topic"]["name"])
        for n in (node.get("repositoryTopics") or {}).get("nodes") or []
        if isinstance(n, dict) and isinstance(n.get("topic"), dict)
    ]
    figures: Figures = {
        "full_name": full_name,
        "stars": node.get("stargazerCount"),
        "forks": node.get("forkCount"),
        "watchers": _count(node, "watchers"),
        "open_issues": None if issues is None or pulls is None else issues + pulls,
        "open_prs": pulls,
        "language": language.get("name"),
        "language_color": language.get("color"),
        "description": node.get("description"),
        "topics": topics,
        "license": _license(license_info.get("spdxId"), license_info.get("name")),
        "archived": node.get("isArchived"),
        "pushed_at": node.get("pushedAt"),
        "default_branch": _name_of(node, "defaultBranchRef"),
    }
    # description, language and license may legitimately be absent: keep them as null.
    figures = {k: v for k, v in figures.items() if v is not None or k in NULLABLE}
    return Decoded(figures, full_name, _renamed(target, full_name))


def owned_page(owned: Any) -> tuple[dict[str, int], str | None]:
    """Stars by ``owner/name`` on one page of owned repositories, and the next cursor."""
    if not isinstance(owned, dict):
        return {}, None
    stars = {
        str(n["nameWithOwner"]): int(n["stargazerCount"])
        for n in owned.get("nodes") or []
        if isinstance(n, dict)
    }
    info = owned.get("pageInfo") or {}
    cursor = info.get("endCursor") if info.get("hasNextPage") else None
    return stars, cursor if isinstance(cursor, str) else None


def finish_owner(decoded: Decoded) -> Decoded:
    """Fill ``total_stars`` and ``top_repos`` from every page of owned repositories read.

    When a page failed they are left out, so the stats file keeps the last complete sums
    rather than a short one.
    """
    if decoded.incomplete:
        return decoded
    ranked = sorted(decoded.star_counts.items(), key=lambda item: (-item[1], item[0].lower()))
    decoded.figures["total_stars"] = sum(decoded.star_counts.values())
    decoded.figures["top_repos"] = [name for name, _ in ranked[:TOP_REPOS]]
    return decoded


def _owner_from_graphql(node: dict[str, Any]) -> Decoded:
    login = str(node["login"])
    stars, cursor = owned_page(node.get("owned"))
    figures: Figures = {
        "login": login,
        "name": node.get("name"),
        "followers": _count(node, "followers"),
        "public_repos": _count(node, "publicRepos"),
    }
    figures = {k: v for k, v in figures.items() if v is not None or k == "name"}
    return Decoded(figures, login, None, cursor, stars)


def _issue_from_graphql(target: Target, node: dict[str, Any], inner: dict[str, Any]) -> Decoded:
    full_name = _full_name(node["nameWithOwner"])
    state = inner.get("state")
    if state is None and isinstance(inner.get("closed"), bool):
        # an issue link to a pull request: open or closed, as REST's /issues/N says
        state = "CLOSED" if inner["closed"] else "OPEN"
    figures: Figures = {
        "title": inner.get("title"),
        "state": str(state or "").lower() or None,
        "comments": _count(inner, "comments"),
    }
    figures = _drop_none(figures)
    if target.kind is TargetKind.PULL:
        figures["merged_at"] = inner.get("mergedAt")  # null while open: kept as null
    name = f"{full_name}#{target.number}"
    return Decoded(figures, name, name if _renamed(target, full_name) else None)


def _errors_by_alias(errors: Any) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """GraphQL errors keyed by the alias their ``path`` starts with, and the path-less ones."""
    by_alias: dict[str, dict[str, Any]] = {}
    general: list[dict[str, Any]] = []
    for error in errors if isinstance(errors, list) else []:
        if not isinstance(error, dict):
            continue
        path = error.get("path")
        if isinstance(path, list) and path and isinstance(path[0], str):
            by_alias.setdefault(path[0], error)
        else:
            general.append(error)
    return by_alias, general


def _error_failure(error: dict[str, Any]) -> Failure:
    kind = _one_line(str(error.get("type", "")))[:50]
    message = _one_line(str(error.get("message", "GraphQL error")))[:300]
    if kind == "NOT_FOUND":
        return Failure(Status.MISSING, f"not found: {message}")
    return Failure(Status.STALE, f"GraphQL {kind or 'error'}: {message}", kind == "RATE_LIMITED")


@dataclass(frozen=True, slots=True)
class GraphQLResult:
    """Per-key results of one batch, and the ``rateLimit`` it reported."""

    results: Mapping[str, Result]
    rate_limit: RateLimit | None = None
    blamed: tuple[str, ...] = ()
    """Keys whose error nulled the whole answer (``data: null``; e.g. a search GitHub refuses
    with UNPROCESSABLE, a non-null field): the others are worth asking again without them."""


def _rate_limit_from_body(node: Any) -> RateLimit | None:
    if not isinstance(node, dict):
        return None
    try:
        reset = int(datetime.fromisoformat(str(node["resetAt"]).replace("Z", "+00:00")).timestamp())
        return RateLimit(
            "graphql", int(node["limit"]), int(node["remaining"]), reset, int(node.get("used") or 0)
        )
    except (KeyError, TypeError, ValueError):
        return None


def decode_graphql(
    status: int, body: bytes, batch: GraphQLBatch, targets: Mapping[str, Target]
) -> GraphQLResult:
    """Split one batch's answer into per-target results (partial errors stay per item)."""

    def everyone(failure: Failure) -> GraphQLResult:
        return GraphQLResult(dict.fromkeys(batch.keys, failure))

    if status != 200:
        return everyone(Failure(Status.STALE, f"GraphQL HTTP {status}"))
    try:
        document = parse_json(body)
    except ValueError as exc:
        return everyone(Failure(Status.STALE, str(exc)))
    if not isinstance(document, dict):
        return everyone(Failure(Status.STALE, "GraphQL answer is not an object"))
    data = document.get("data")
    by_alias, general = _errors_by_alias(document.get("errors") or [])
    if not isinstance(data, dict):
        blamed = {batch.aliases[a][0]: e for a, e in by_alias.items() if a in batch.aliases}
        if blamed and not general:
            failure = Failure(Status.STALE, "GraphQL answer nulled by another item's error")
            each: dict[str, Result] = {key: _error_failure(blamed[key]) if key in blamed
                                       else failure for key in batch.keys}  # fmt: skip
            return GraphQLResult(each, blamed=tuple(blamed))
        first = general[0] if general else next(iter(by_alias.values()), {"message": "no data"})
        return everyone(_error_failure(first))
    parts: dict[str, dict[str, int]] = {}
    results: dict[str, Result] = {}
    for alias, (key, part) in batch.aliases.items():
        if key in results and isinstance(results[key], Failure):
            continue
        target = targets[key]
        node = data.get(alias)
        error = by_alias.get(alias)
        try:
            if target.kind is TargetKind.SEARCH:
                count = node.get("issueCount") if isinstance(node, dict) else None
                if not isinstance(count, int):
                    raise ValueError("no issueCount")
                parts.setdefault(key, {})[part] = count
                continue
            if node is None:
                results[key] = (
                    _error_failure(error) if error else Failure(Status.MISSING, "not found")
                )
                continue
            if target.kind is TargetKind.REPO:
                results[key] = _repo_from_graphql(target, node)
            elif target.kind is TargetKind.USER:
                results[key] = _owner_from_graphql(node)
            else:
                inner = node.get("pullRequest" if target.kind is TargetKind.PULL else "issue")
                if inner is None:
                    results[key] = (
                        _error_failure(error) if error else Failure(Status.MISSING, "not found")
                    )
                else:
                    results[key] = _issue_from_graphql(target, node, inner)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            results[key] = (
                _error_failure(error)
                if error
                else Failure(Status.STALE, f"unexpected GraphQL shape: {exc!r}"[:300])
            )
    for key, counts in parts.items():
        if key not in results:
            results[key] = search_figures(targets[key], counts)
    for key in batch.keys:
        results.setdefault(key, Failure(Status.STALE, "no answer for this item"))
    return GraphQLResult(results, _rate_limit_from_body(data.get("rateLimit")))


def search_figures(target: Target, counts: Mapping[str, int]) -> Decoded:
    """A search's figures from its parts (``count`` is PRs + issues for a split search)."""
    figures: Figures = dict(counts)
    if target.split:
        figures = {
            "count": counts["prs"] + counts["issues"],
            "prs": counts["prs"],
            "merged_prs": counts["merged_prs"],
            "issues": counts["issues"],
        }
    return Decoded(figures, target.query or "")


# --- REST ------------------------------------------------------------------------------


def repo_from_rest(target: Target, node: dict[str, Any]) -> Decoded:
    """``GET /repos/{owner}/{repo}`` (no language colour: REST does not give it)."""
    full_name = _full_name(node["full_name"])
    license_info = node.get("license") or {}
    figures: Figures = {
        "full_name": full_name,
        "stars": int(node["stargazers_count"]),
        "forks": int(node["forks_count"]),
        "watchers": node.get("subscribers_count"),
        "open_issues": node.get("open_issues_count"),
        "language": node.get("language"),
        "description": node.get("description"),
        "topics": [str(t) for t in node.get("topics") or []],
        "license": _license(license_info.get("spdx_id"), license_info.get("name")),
        "archived": node.get("archived"),
        "pushed_at": node.get("pushed_at"),
        "default_branch": node.get("default_branch"),
    }
    figures = {k: v for k, v in figures.items() if v is not None or k in NULLABLE}
    return Decoded(figures, full_name, _renamed(target, full_name))


def user_from_rest(node: dict[str, Any]) -> Decoded:
    """``GET /users/{login}``; ``total_stars``/``top_repos`` come from the repos pages."""
    login = str(node["login"])
    figures: Figures = {
        "login": login,
        "name": node.get("name"),
        "followers": int(node["followers"]),
        "public_repos": int(node["public_repos"]),
    }
    return Decoded(figures, login)


def owned_from_rest(nodes: Any) -> dict[str, int]:
    """Stars by ``owner/name`` of the non-fork repositories on one ``/users/{u}/repos`` page."""
    if not isinstance(nodes, list):
        raise ValueError("repository list is not a list")
    return {
        str(n["full_name"]): int(n["stargazers_count"])
        for n in nodes
        if isinstance(n, dict) and not n.get("fork")
    }


def issue_from_rest(target: Target, node: dict[str, Any]) -> Decoded:
    """``GET /repos/{o}/{r}/pulls/{n}`` or ``/issues/{n}``."""
    state = str(node["state"])
    figures: Figures = {"title": str(node["title"]), "comments": int(node.get("comments", 0))}
    if target.kind is TargetKind.PULL:
        merged_at = node.get("merged_at")
        figures["state"] = "merged" if merged_at else state
        figures["merged_at"] = merged_at
    else:
        figures["state"] = state
    name = f"{target.owner}/{target.name}#{target.number}"
    url = str(node.get("html_url") or "")
    match = re.match(r"https?://[^/]+/([^/]+/[^/]+)/", url)
    renamed = None
    if match and match.group(1).lower() != f"{target.owner}/{target.name}".lower():
        name = renamed = f"{match.group(1)}#{target.number}"
    return Decoded(figures, name, renamed)


def next_link(link_header: str | None) -> bool:
    """Whether a ``Link`` header has a ``rel="next"`` page."""
    return bool(link_header and re.search(r'rel="?next"?', link_header))
