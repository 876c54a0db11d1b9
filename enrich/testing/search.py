"""Issue and pull-request search, as ``GET /search/issues`` and GraphQL ``search`` answer it.

Supported qualifiers (GitHub's "Searching issues and pull requests"): ``repo:``, ``org:``,
``user:``, ``author:``, ``involves:`` (author only: the fake keeps no assignees), ``is:``
(pr, issue, open, closed, merged, unmerged, draft), ``type:``, ``state:``, ``label:``,
``created:``/``updated:``/``closed:``/``merged:`` (``>``, ``>=``, ``<``, ``<=``, ``a..b``), a
leading ``-`` to negate, ``in:title``/``in:body``, and free words (all must appear). Qualifiers
the fake has no data for (``reviewed-by:``, ``commenter:``, ...) match nothing. ``OR`` is not
supported. Like GitHub, a query naming an unknown user or repository is a 422, as is a query
longer than 256 characters (qualifiers not counted) or with more than five operators.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from enrich.testing.dataset import FakeData, Item, NotFound, Repo

_NO_DATA = {
    "reviewed-by",
    "review-requested",
    "commenter",
    "assignee",
    "mentions",
    "team",
    "milestone",
    "project",
    "linked",
    "review",
    "status",
    "reason",
    "interactions",
    "reactions",
    "comments",
    "language",
}
_KNOWN = {
    "repo",
    "org",
    "user",
    "author",
    "involves",
    "is",
    "type",
    "state",
    "label",
    "created",
    "updated",
    "closed",
    "merged",
    "in",
    "archived",
    "draft",
    "no",
    "fork",
    *_NO_DATA,
}


class SearchError(ValueError):
    """The query is invalid: GitHub answers 422 with ``message`` (and ``errors``)."""

    def __init__(self, message: str, errors: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


@dataclass
class Query:
    """A parsed query: ``(negated, name, value)`` qualifiers and the free words."""

    terms: list[tuple[bool, str, str]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    sort: str | None = None
    """A ``sort:`` qualifier (``updated-desc``): an order, not something to match."""

    def values(self, name: str) -> list[str]:
        return [v for neg, n, v in self.terms if n == name and not neg]


def parse(q: str) -> Query:
    """Split a query into qualifiers and words; raise ``SearchError`` as GitHub would."""
    try:
        tokens = shlex.split(q, posix=True)
    except ValueError:
        tokens = q.split()
    operators = sum(1 for t in tokens if t in ("AND", "OR", "NOT"))
    if operators > 5:
        raise SearchError("The search contains more than 5 AND / OR / NOT operators.")
    if "OR" in tokens:
        raise SearchError("The fake GitHub does not support OR in searches.")
    query = Query()
    negate_next = False
    for token in tokens:
        if token in ("AND", "NOT"):
            negate_next = token == "NOT"  # noqa: S105 - a search operator, not a secret
            continue
        neg, body = (
            (True, token[1:]) if token.startswith("-") and len(token) > 1 else (False, token)
        )
        neg = neg or negate_next
        negate_next = False
        name, sep, value = body.partition(":")
        if sep and name.lower() == "sort" and value and not neg:
            query.sort = value.lower()
        elif sep and name.lower() in _KNOWN and value:
            query.terms.append((neg, name.lower(), value))
        else:
            query.words.append(token.lower())
    if len(" ".join(query.words)) > 256:
        raise SearchError("The search is longer than 256 characters.")
    return query


def check_names(data: FakeData, query: Query) -> None:
    """GitHub refuses searches naming users or repositories that do not exist."""
    for _neg, name, value in query.terms:
        try:
            if name == "repo":
                data.repo(value)
            elif name in ("org", "user", "author", "involves"):
                data.account(value)
        except NotFound:
            what = "repositories" if name == "repo" else "users"
            raise SearchError(
                "Validation Failed",
                [
                    {
                        "message": f"The listed {what} cannot be searched either because the "
                        f"resources do not exist or you do not have permission to view them.",
                        "resource": "Search",
                        "field": "q",
                        "code": "invalid",
                    }
                ],
            ) from None


_DATE = re.compile(r"^(>=|<=|>|<)?(\*|\d{4}-\d{2}-\d{2}(?:T[\d:]+Z?)?)(?:\.\.(\S+))?$")


def _date_ok(stamp: str | None, spec: str) -> bool:
    if stamp is None:
        return False
    match = _DATE.match(spec)
    if match is None:
        return False
    op, first, last = match.groups()
    if first == "*":  # *..DATE is <=DATE (GitHub's search syntax)
        return last is not None and (last == "*" or stamp[: len(last)] <= last)
    day = stamp[: len(first)]
    if last is not None:
        return first <= day and (last == "*" or day <= last[: len(stamp)])
    return {
        ">": day > first,
        ">=": day >= first,
        "<": day < first,
        "<=": day <= first,
        None: day == first,
    }[op]


def _term_ok(item: Item, repo: Repo, name: str, value: str) -> bool:
    v = value.lower()
    if name == "repo":
        return repo.full_name.lower() == v
    if name in ("org", "user"):
        return repo.owner.lower() == v
    if name in ("author", "involves"):
        return item.author.lower() == v
    if name in ("is", "type", "state", "draft", "archived", "in", "no"):
        return _flag_ok(item, repo, name, v)
    if name == "label":
        return v in {label.lower() for label in item.labels}
    if name in ("created", "updated", "closed", "merged"):
        stamp = {
            "created": item.created_at,
            "updated": item.updated_at,
            "closed": item.closed_at,
            "merged": item.merged_at,
        }[name]
        return _date_ok(stamp, v)
    return False  # qualifiers the fake keeps no data for


def _flag_ok(item: Item, repo: Repo, name: str, v: str) -> bool:
    if name == "draft":
        return item.draft == (v == "true")
    if name == "archived":
        return repo.archived == (v == "true")
    if name in ("in", "no"):
        return name == "in" or (v == "label" and not item.labels)
    checks = {
        "pr": item.is_pull,
        "pull-request": item.is_pull,
        "issue": not item.is_pull,
        "open": item.state == "open",
        "closed": item.state == "closed",
        "merged": item.merged,
        "unmerged": item.is_pull and item.state == "closed" and not item.merged,
        "draft": item.draft,
        "public": not repo.private,
        "private": repo.private,
    }
    return checks.get(v, False)


def _words_ok(item: Item, query: Query) -> bool:
    where = set(query.values("in")) or {"title", "body"}
    text = " ".join(
        part
        for part, on in ((item.title, "title" in where), (item.body or "", "body" in where))
        if on
    ).lower()
    return all(word in text for word in query.words)


def search_items(
    data: FakeData, q: str, sort: str | None = None, order: str = "desc"
) -> list[Item]:
    """Every item matching ``q``, best-match order standing in as newest first."""
    query = parse(q)
    check_names(data, query)
    query.terms = [
        (neg, n, data.repo(v).full_name if n == "repo" else v) for neg, n, v in query.terms
    ]  # renamed repositories: their new name
    with data.lock:
        repos = data.repos
        candidates = _candidates(data, query)
        matched = []
        for item in candidates:
            repo = repos[item.repo_id]
            if repo.state != "ok" or repo.private:
                continue
            if all(_term_ok(item, repo, n, v) != neg for neg, n, v in query.terms) and _words_ok(
                item, query
            ):
                matched.append(item)
    if sort is None and query.sort is not None:  # sort:updated-desc in q, as GitHub's web UI
        sort, _, direction = query.sort.partition("-")
        order = direction or order
    key = {"updated": "updated_at", "comments": "comments"}.get(sort or "", "created_at")
    matched.sort(key=lambda i: (getattr(i, key), i.id), reverse=order != "asc")
    return matched


def _candidates(data: FakeData, query: Query) -> list[Item]:
    """The smallest indexed set the query's positive ``repo:`` or ``author:`` allows."""
    for name in ("repo", "author"):
        for value in query.values(name):
            if name == "repo":
                try:
                    return data.items_of(data.repo(value).id)
                except NotFound:
                    return []
            return data.items_by(value)
    return list(data.items.values())


def search_repos(data: FakeData, q: str) -> list[Repo]:
    """Repository search (GraphQL ``type: REPOSITORY``): ``user:``/``org:``, ``fork:``, words."""
    query = parse(q)
    owners = {v.lower() for v in query.values("user") + query.values("org")}
    forks = (query.values("fork") or ["false"])[0]
    with data.lock:
        found = [
            r
            for r in data.repos.values()
            if r.state == "ok"
            and not r.private
            and (not owners or r.owner.lower() in owners)
            and (forks in ("true", "only") or not r.fork)
            and (forks != "only" or r.fork)
            and all(w in f"{r.full_name} {r.description or ''}".lower() for w in query.words)
        ]
    return sorted(found, key=lambda r: (-r.stars, r.id))
