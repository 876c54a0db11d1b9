"""Plan: references -> the targets to fetch, GraphQL batches (token) and REST calls (no token).

Pure functions over frozen values. A *target* is one stats item (one ``Ref.key``); several
references (a link, a badge, a managed-region marker) to the same thing share it. A GraphQL
batch packs up to ``batch_size`` targets into one aliased query plus ``rateLimit``, so a
page like ``content/about.md`` costs one request. Without a token each target becomes one
to three REST GETs (``rest_calls``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from enrich.scan.refs import Kind, Ref

DEFAULT_BATCH_SIZE = 100
REPOS_PER_PAGE = 100
"""Owned repositories read per page when summing a user's stars (GitHub's maximum)."""


class TargetKind(StrEnum):
    """What a stats item is (a badge is the thing it shows)."""

    REPO = "repo"
    USER = "user"
    SEARCH = "search"
    PULL = "pull"
    ISSUE = "issue"


@dataclass(frozen=True, slots=True)
class Target:
    """One thing to fetch, identified by its stats key.

    ``owner``/``name`` keep the first reference's spelling; ``query`` is the search string
    sent to GitHub (the canonical query, scope folded in). ``split`` marks an author search
    scoped to a repo or org: it is fetched as PRs, merged PRs and issues, and ``count`` is
    PRs + issues.
    """

    kind: TargetKind
    key: str
    owner: str | None = None
    name: str | None = None
    number: int | None = None
    query: str | None = None
    split: bool = False

    @property
    def display(self) -> str:
        """The name shown to people and stored as the item's name until GitHub corrects it."""
        if self.kind is TargetKind.SEARCH:
            return self.query or ""
        if self.kind is TargetKind.USER:
            return self.owner or ""
        repo = f"{self.owner}/{self.name}"
        if self.kind in (TargetKind.PULL, TargetKind.ISSUE):
            return f"{repo}#{self.number}"
        return repo


def _target_kind(ref: Ref) -> TargetKind:
    if ref.kind is Kind.BADGE:
        if ref.query is not None:
            return TargetKind.SEARCH
        return TargetKind.REPO if ref.repo is not None else TargetKind.USER
    return TargetKind(ref.kind.value)


def _is_split_search(ref: Ref) -> bool:
    """An author's contributions to one repo, org or user, with no ``is:``/``type:`` of its own."""
    query = ref.query
    if query is None or not query.get("author") or query.text:
        return False
    if query.get("is") or query.get("type") or query.get("state"):
        return False
    return ref.repo is not None or bool(query.get("repo") or query.get("org") or query.get("user"))


def targets_from_refs(refs: Iterable[Ref]) -> list[Target]:
    """De-duplicate references by ``Ref.key`` (first spelling wins), in first-seen order."""
    targets: dict[str, Target] = {}
    for ref in refs:
        key = ref.key
        if key in targets:
            continue
        kind = _target_kind(ref)
        if kind is TargetKind.SEARCH:
            query = key.removeprefix("search:")
            targets[key] = Target(
                kind, key, ref.owner, ref.repo, None, query, _is_split_search(ref)
            )
        else:
            targets[key] = Target(kind, key, ref.owner, ref.repo, ref.number)
    return list(targets.values())


# --- GraphQL ---------------------------------------------------------------------------

REPO_FIELDS = """nameWithOwner stargazerCount forkCount
    watchers { totalCount }
    openIssues: issues(states: [OPEN]) { totalCount }
    openPulls: pullRequests(states: [OPEN]) { totalCount }
    primaryLanguage { name color }
    description
    repositoryTopics(first: 20) { nodes { topic { name } } }
    licenseInfo { spdxId name }
    isArchived pushedAt
    defaultBranchRef { name }"""

OWNED_REPOS_ARGS = (
    "privacy: PUBLIC, ownerAffiliations: [OWNER], isFork: false, "
    "orderBy: {field: STARGAZERS, direction: DESC}"
)

OWNER_FIELDS = f"""login
    ... on User {{ name followers {{ totalCount }} }}
    ... on Organization {{ name }}
    publicRepos: repositories(privacy: PUBLIC, ownerAffiliations: [OWNER]) {{ totalCount }}
    owned: repositories(first: {REPOS_PER_PAGE}, {OWNED_REPOS_ARGS}) {{
      totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ nameWithOwner stargazerCount }}
    }}"""

RATE_LIMIT_FIELD = "rateLimit { cost remaining limit resetAt used }"

SEARCH_PARTS: Mapping[str, str] = {
    "prs": "is:pr",
    "merged_prs": "is:pr is:merged",
    "issues": "is:issue",
}
"""The sub-searches of a split (author scoped to a repo/org) search, by figure name."""


def _literal(text: str) -> str:
    """A GraphQL string literal (JSON escaping is a subset of GraphQL's)."""
    return json.dumps(text)


def search_parts(target: Target) -> dict[str, str]:
    """Figure name -> search string for one search target."""
    assert target.query is not None
    if not target.split:
        return {"count": target.query}
    return {part: f"{target.query} {extra}" for part, extra in SEARCH_PARTS.items()}


@dataclass(frozen=True, slots=True)
class GraphQLBatch:
    """One aliased query; ``aliases`` maps each alias to (target key, part).

    ``part`` is ``"item"`` for a repo/user/pull/issue, or a search figure name.
    """

    query: str
    aliases: Mapping[str, tuple[str, str]]
    keys: tuple[str, ...]


FRAGMENTS: Mapping[str, str] = {
    "Repo": f"fragment Repo on Repository {{ {REPO_FIELDS} }}",
    "Owner": f"fragment Owner on RepositoryOwner {{ {OWNER_FIELDS} }}",
    "Pull": "fragment Pull on PullRequest { title state mergedAt comments { totalCount } }",
    "Issue": (
        "fragment Issue on IssueOrPullRequest {"
        " ... on Issue { title state comments { totalCount } }"
        " ... on PullRequest { title closed comments { totalCount } } }"
    ),
}
"""Named fragments keep a 100-item query short (and cheap for a server to validate)."""


def _selections(index: int, target: Target) -> list[tuple[str, str, str, str | None]]:
    """(alias, part, selection text, fragment used) for one target."""
    alias = f"t{index}"
    repo_args = f"owner: {_literal(target.owner or '')}, name: {_literal(target.name or '')}"
    if target.kind is TargetKind.REPO:
        return [(alias, "item", f"{alias}: repository({repo_args}) {{ ...Repo }}", "Repo")]
    if target.kind is TargetKind.USER:
        login = _literal(target.owner or "")
        return [
            (alias, "item", f"{alias}: repositoryOwner(login: {login}) {{ ...Owner }}", "Owner")
        ]
    if target.kind is TargetKind.PULL:
        inner = f"pullRequest(number: {target.number}) {{ ...Pull }}"
        text = f"{alias}: repository({repo_args}) {{ nameWithOwner {inner} }}"
        return [(alias, "item", text, "Pull")]
    if target.kind is TargetKind.ISSUE:
        # /issues/N of a pull request is a valid link (GitHub redirects it, REST answers it as
        # an issue), but GraphQL's issue(number:) says NOT_FOUND for it: ask for either.
        inner = f"issue: issueOrPullRequest(number: {target.number}) {{ ...Issue }}"
        text = f"{alias}: repository({repo_args}) {{ nameWithOwner {inner} }}"
        return [(alias, "item", text, "Issue")]
    return [
        (
            f"{alias}_{n}",
            part,
            f"{alias}_{n}: search(query: {_literal(q)}, type: ISSUE) {{ issueCount }}",
            None,
        )
        for n, (part, q) in enumerate(search_parts(target).items())
    ]


def graphql_batches(
    targets: Sequence[Target], batch_size: int = DEFAULT_BATCH_SIZE
) -> list[GraphQLBatch]:
    """Pack targets into queries of at most ``batch_size`` targets each (aliases ``t<i>``)."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    batches: list[GraphQLBatch] = []
    for start in range(0, len(targets), batch_size):
        chunk = targets[start : start + batch_size]
        aliases: dict[str, tuple[str, str]] = {}
        lines: list[str] = []
        used: dict[str, None] = {}
        for offset, target in enumerate(chunk):
            for alias, part, text, fragment in _selections(start + offset, target):
                aliases[alias] = (target.key, part)
                lines.append(text)
                if fragment is not None:
                    used[fragment] = None
        lines.append(RATE_LIMIT_FIELD)
        query = "query {\n  " + "\n  ".join(lines) + "\n}\n"
        query += "".join(f"{FRAGMENTS[name]}\n" for name in sorted(used))
        batches.append(GraphQLBatch(query, aliases, tuple(t.key for t in chunk)))
    return batches


def owner_pages_query(pages: Sequence[tuple[str, str, str]]) -> str:
    """Next pages of owned repositories: ``(alias, login, cursor)`` each, one query."""
    lines = [
        f"{alias}: repositoryOwner(login: {_literal(login)}) {{ owned: repositories("
        f"first: {REPOS_PER_PAGE}, after: {_literal(cursor)}, {OWNED_REPOS_ARGS}) {{ "
        "totalCount pageInfo { hasNextPage endCursor } nodes { nameWithOwner stargazerCount } } }"
        for alias, login, cursor in pages
    ]
    lines.append(RATE_LIMIT_FIELD)
    return "query {\n  " + "\n  ".join(lines) + "\n}\n"


# --- REST ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RestCall:
    """One REST GET of a target: ``path`` below the API base, ``part`` names what it gives."""

    path: str
    part: str
    params: tuple[tuple[str, str], ...] = ()
    resource: str = "core"
    """The rate-limit bucket GitHub charges (``core`` or ``search``)."""


def rest_calls(target: Target) -> list[RestCall]:
    """The REST GETs that give one target's figures (pagination of owned repos aside)."""
    if target.kind is TargetKind.REPO:
        return [RestCall(f"/repos/{target.owner}/{target.name}", "item")]
    if target.kind is TargetKind.USER:
        return [RestCall(f"/users/{target.owner}", "item"), user_repos_call(target, 1)]
    if target.kind is TargetKind.PULL:
        return [RestCall(f"/repos/{target.owner}/{target.name}/pulls/{target.number}", "item")]
    if target.kind is TargetKind.ISSUE:
        return [RestCall(f"/repos/{target.owner}/{target.name}/issues/{target.number}", "item")]
    return [
        RestCall("/search/issues", part, (("q", q), ("per_page", "1")), resource="search")
        for part, q in search_parts(target).items()
    ]


def user_repos_call(target: Target, page: int) -> RestCall:
    """One page of a user's or org's owned repositories (for ``total_stars``)."""
    params = (("type", "owner"), ("per_page", str(REPOS_PER_PAGE)), ("page", str(page)))
    return RestCall(f"/users/{target.owner}/repos", f"repos:{page}", params)
