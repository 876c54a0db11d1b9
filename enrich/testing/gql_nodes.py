"""GraphQL resolvers: the objects a query walks, one class per GitHub type the tool uses.

They follow graphql-core's default-resolver convention, so both graphql-core's ``execute``
and the fake's fast executor (``gql_exec``) can walk them: a field is an attribute, or a
method called as ``method(info, **arguments)`` with the schema's argument names. Only what is
asked is computed. A missing object raises ``GraphQLNotFound``, which the answer reports as
GitHub does: ``{"type": "NOT_FOUND", "path": [...], "message": ...}`` beside the other data.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, ClassVar

from enrich.testing import shapes
from enrich.testing.dataset import Account, FakeData, Item, NotFound, Repo
from enrich.testing.search import SearchError, search_items, search_repos

WEB = "https://github.com"


class GraphQLNotFound(Exception):
    """An object GitHub could not resolve: ``type: NOT_FOUND``."""

    error_type = "NOT_FOUND"


class GraphQLUnprocessable(Exception):
    """A search GitHub refuses: ``type: UNPROCESSABLE``."""

    error_type = "UNPROCESSABLE"


def cursor(index: int) -> str:
    return base64.b64encode(f"cursor:{index}".encode()).decode()


def _offset(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(base64.b64decode(value).decode().partition(":")[2])
    except ValueError:
        return None


class Connection:
    """A Relay connection over ``rows`` (``totalCount`` may count more than is listed).

    Lazy: ``rows`` may be a function, called only when ``nodes``/``edges``/``pageInfo`` (or
    ``totalCount`` without ``total``) is asked; ``wrap`` turns a row into its node.
    """

    def __init__(
        self,
        rows: list[Any] | Callable[[], list[Any]],
        total: int | None = None,
        first: int | None = None,
        last: int | None = None,
        after: str | None = None,
        before: str | None = None,
        wrap: Callable[[Any], Any] | None = None,
        **counts: int,
    ) -> None:
        self._source, self._total, self._wrap = rows, total, wrap
        self._page = (first, last, after, before)
        for name, value in counts.items():
            setattr(self, name, value)

    @cached_property
    def _rows(self) -> list[Any]:
        return self._source() if callable(self._source) else self._source

    @cached_property
    def _window(self) -> tuple[int, int, list[tuple[int, Any]]]:
        first, last, after, before = self._page
        start, end = 0, len(self._rows)
        if (a := _offset(after)) is not None:
            start = a + 1
        if (b := _offset(before)) is not None:
            end = min(end, b)
        if first is not None:
            end = min(end, start + first)
        if last is not None:
            start = max(start, end - last)
        return start, end, list(enumerate(self._rows[start:end], start))

    def _node(self, row: Any) -> Any:
        return row if self._wrap is None else self._wrap(row)

    @property
    def totalCount(self) -> int:
        return len(self._rows) if self._total is None else self._total

    @property
    def nodes(self) -> list[Any]:
        return [self._node(row) for _, row in self._window[2]]

    @property
    def edges(self) -> list[dict[str, Any]]:
        return [{"node": self._node(row), "cursor": cursor(i)} for i, row in self._window[2]]

    @property
    def pageInfo(self) -> dict[str, Any]:
        start, end, window = self._window
        return {
            "hasNextPage": end < len(self._rows),
            "hasPreviousPage": start > 0,
            "startCursor": cursor(window[0][0]) if window else None,
            "endCursor": cursor(window[-1][0]) if window else None,
        }


def _count(total: int) -> Connection:
    return Connection([], total)


class Node:
    """Common ground: the data, the API base URL, and lazy fields.

    ``_FIELDS`` maps a GraphQL field to a function of the node, computed only when a query
    asks for it (through ``__getattr__``, which attribute lookups reach last).
    """

    _FIELDS: ClassVar[dict[str, Callable[[Any], Any]]] = {}

    def __init__(self, data: FakeData, api: str) -> None:
        self.data = data
        self.api = api

    def __getattr__(self, name: str) -> Any:
        getter = type(self)._FIELDS.get(name)
        if getter is None:
            raise AttributeError(name)
        return getter(self)


def _license(repo: Repo) -> dict[str, Any] | None:
    if repo.license_spdx is None:
        return None
    return {
        "spdxId": repo.license_spdx,
        "name": repo.license_name or repo.license_spdx,
        "key": repo.license_spdx.lower(),
        "nickname": None,
        "url": None,
    }


_ALL_STATES = {"pulls": ["OPEN", "CLOSED", "MERGED"], "issues": ["OPEN", "CLOSED"]}
_STATE_KEYS = {
    (prefix, state): f"{prefix}_{state.lower()}"
    for prefix in ("pulls", "issues")
    for state in ("OPEN", "CLOSED", "MERGED")
}


class RepoNode(Node):
    __typename = "Repository"

    _FIELDS: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "id": lambda n: shapes.node_id("Repository", n.r.id),
        "databaseId": lambda n: n.r.id,
        "name": lambda n: n.r.name,
        "nameWithOwner": lambda n: n.r.full_name,
        "url": lambda n: f"{WEB}/{n.r.full_name}",
        "description": lambda n: n.r.description,
        "homepageUrl": lambda n: n.r.homepage,
        "stargazerCount": lambda n: n.r.stars,
        "forkCount": lambda n: n.r.forks,
        "isArchived": lambda n: n.r.archived,
        "isFork": lambda n: n.r.fork,
        "isPrivate": lambda n: n.r.private,
        "isDisabled": lambda n: False,
        "isTemplate": lambda n: False,
        "isMirror": lambda n: False,
        "isLocked": lambda n: False,
        "isEmpty": lambda n: False,
        "visibility": lambda n: "PRIVATE" if n.r.private else "PUBLIC",
        "diskUsage": lambda n: n.r.size,
        "createdAt": lambda n: n.r.created_at,
        "updatedAt": lambda n: n.r.updated_at,
        "pushedAt": lambda n: n.r.pushed_at,
        "watchers": lambda n: _count(n.r.watchers),
        "stargazers": lambda n: _count(n.r.stars),
        "forks": lambda n: _count(n.r.forks),
        "defaultBranchRef": lambda n: {"name": n.r.default_branch, "prefix": "refs/heads/"},
        "primaryLanguage": lambda n: (
            None if n.r.language is None else {"name": n.r.language, "color": n.r.language_color}
        ),
        "licenseInfo": lambda n: _license(n.r),
        "parent": lambda n: None,
    }

    def __init__(self, data: FakeData, api: str, repo: Repo) -> None:
        super().__init__(data, api)
        self.r = repo

    def owner(self, info: Any = None, **_: Any) -> Node:
        return account_node(self.data, self.api, self.data.account(self.r.owner))

    def repositoryTopics(self, info: Any = None, **args: Any) -> Connection:
        rows = [{"topic": {"name": t}, "url": f"{WEB}/topics/{t}"} for t in self.r.topics]
        return Connection(rows, **_page(args))

    def _states(self, prefix: str, states: list[str] | None) -> int:
        counts = self.data.counts(self.r)
        wanted = states or _ALL_STATES[prefix]
        total = 0
        for state in wanted:
            total += counts.get(_STATE_KEYS[prefix, state], 0)
        return total

    def _items(self, pulls: bool, states: list[str] | None, args: dict[str, Any]) -> Connection:
        prefix = "pulls" if pulls else "issues"

        def rows() -> list[Item]:
            found = [
                i
                for i in self.data.items_of(self.r.id)
                if i.is_pull == pulls and (not states or _item_state(i) in states)
            ]
            return sorted(found, key=lambda i: i.number)

        return Connection(
            rows, total=self._states(prefix, states), wrap=self._wrap_item, **_page(args)
        )

    def _wrap_item(self, item: Item) -> Node:
        return item_node(self.data, self.api, item)

    def issues(self, info: Any = None, states: list[str] | None = None, **args: Any) -> Any:
        return self._items(False, states, args)

    def pullRequests(self, info: Any = None, states: list[str] | None = None, **args: Any) -> Any:
        return self._items(True, states, args)

    def _number(self, number: int, want: str) -> Node:
        try:
            item = self.data.item(self.r.id, number)
        except NotFound:
            item = None
        if (
            item is None
            or (want == "PullRequest" and not item.is_pull)
            or (want == "Issue" and item.is_pull)
        ):
            raise GraphQLNotFound(
                f"Could not resolve to {'an' if want == 'Issue' else 'a'} "
                f"{want} with the number of {number}."
            )
        return item_node(self.data, self.api, item)

    def pullRequest(self, info: Any = None, number: int = 0, **_: Any) -> Node:
        return self._number(number, "PullRequest")

    def issue(self, info: Any = None, number: int = 0, **_: Any) -> Node:
        return self._number(number, "Issue")

    def issueOrPullRequest(self, info: Any = None, number: int = 0, **_: Any) -> Node:
        return self._number(number, "IssueOrPullRequest")


def _item_state(item: Item) -> str:
    return "MERGED" if item.merged else item.state.upper()


def _page(args: dict[str, Any]) -> dict[str, Any]:
    return {k: args.get(k) for k in ("first", "last", "after", "before")}


class AccountNode(Node):
    def __init__(self, data: FakeData, api: str, account: Account) -> None:
        super().__init__(data, api)
        self.a = account
        self.id = shapes.node_id(account.type, account.id)
        self.databaseId = account.id
        self.login = account.login
        self.name = account.name
        self.url = f"{WEB}/{account.login}"
        self.avatarUrl = f"https://avatars.githubusercontent.com/u/{account.id}?v=4"
        self.createdAt = account.created_at
        self.updatedAt = account.updated_at
        self.location = account.location
        self.email = account.email or ""
        self.websiteUrl = account.blog or None
        self.twitterUsername = account.twitter_username
        self.followers = _count(account.followers)
        self.following = _count(account.following)

    def repositories(
        self,
        info: Any = None,
        isFork: bool | None = None,
        orderBy: dict[str, str] | None = None,
        privacy: str | None = None,
        ownerAffiliations: list[str] | None = None,
        **args: Any,
    ) -> Any:
        owned = ownerAffiliations is None or "OWNER" in ownerAffiliations
        repos = self.data.repos_of(self.a.login) if owned else []
        repos = [
            r
            for r in repos
            if (isFork is None or r.fork == isFork)
            and (privacy is None or (privacy == "PRIVATE") == r.private)
        ]
        order = orderBy or {"field": "CREATED_AT", "direction": "ASC"}
        key = {
            "STARGAZERS": "stars",
            "CREATED_AT": "created_at",
            "UPDATED_AT": "updated_at",
            "PUSHED_AT": "pushed_at",
            "NAME": "name",
        }.get(order.get("field", ""), "created_at")
        repos.sort(key=lambda r: (getattr(r, key), r.id), reverse=order.get("direction") == "DESC")
        return Connection(repos, wrap=lambda r: RepoNode(self.data, self.api, r), **_page(args))

    def repository(self, info: Any = None, name: str = "", **_: Any) -> Node:
        return Root(self.data, self.api, {}).repository(info, owner=self.a.login, name=name)


class UserNode(AccountNode):
    __typename = "User"

    def __init__(self, data: FakeData, api: str, account: Account) -> None:
        super().__init__(data, api, account)
        self.bio = account.bio
        self.company = account.company
        self.isHireable = False
        self.isSiteAdmin = False

    def _authored(self, pulls: bool, states: list[str] | None) -> Connection:
        with self.data.lock:
            rows = [
                i
                for i in self.data.items.values()
                if i.author == self.a.login
                and i.is_pull == pulls
                and (not states or _item_state(i) in states)
            ]
        return _count(len(rows))

    def pullRequests(self, info: Any = None, states: list[str] | None = None, **_: Any) -> Any:
        return self._authored(True, states)

    def issues(self, info: Any = None, states: list[str] | None = None, **_: Any) -> Any:
        return self._authored(False, states)


class OrgNode(AccountNode):
    __typename = "Organization"

    def __init__(self, data: FakeData, api: str, account: Account) -> None:
        super().__init__(data, api, account)
        self.description = account.bio
        self.isVerified = False


def account_node(data: FakeData, api: str, account: Account) -> AccountNode:
    if account.type == "Organization":
        return OrgNode(data, api, account)
    return UserNode(data, api, account)


class ItemNode(Node):
    def __init__(self, data: FakeData, api: str, item: Item) -> None:
        super().__init__(data, api)
        self.item = item
        repo = data.repos[item.repo_id]
        kind = "pull" if item.is_pull else "issues"
        self.id = shapes.node_id("PullRequest" if item.is_pull else "Issue", item.id)
        self.databaseId = item.id
        self.number = item.number
        self.title = item.title
        self.body = item.body or ""
        self.url = f"{WEB}/{repo.full_name}/{kind}/{item.number}"
        self.state = _item_state(item)
        self.createdAt = item.created_at
        self.updatedAt = item.updated_at
        self.closedAt = item.closed_at
        self.closed = item.state == "closed"
        self.locked = False
        self.comments = _count(item.comments)
        self.authorAssociation = "CONTRIBUTOR"

    def author(self, info: Any = None, **_: Any) -> Node:
        return account_node(self.data, self.api, self.data.account(self.item.author))

    def repository(self, info: Any = None, **_: Any) -> Node:
        return RepoNode(self.data, self.api, self.data.repos[self.item.repo_id])

    def labels(self, info: Any = None, **args: Any) -> Any:
        rows = [{"name": n, "color": "ededed"} for n in self.item.labels]
        return Connection(rows, **_page(args))


class PullNode(ItemNode):
    __typename = "PullRequest"

    def __init__(self, data: FakeData, api: str, item: Item) -> None:
        super().__init__(data, api, item)
        self.merged = item.merged
        self.mergedAt = item.merged_at
        self.isDraft = item.draft
        self.additions = 10 + item.number % 90
        self.deletions = item.number % 40
        self.changedFiles = 1 + item.number % 5


class IssueNode(ItemNode):
    __typename = "Issue"

    def __init__(self, data: FakeData, api: str, item: Item) -> None:
        super().__init__(data, api, item)
        self.stateReason = "COMPLETED" if item.state == "closed" else None


def item_node(data: FakeData, api: str, item: Item) -> ItemNode:
    return PullNode(data, api, item) if item.is_pull else IssueNode(data, api, item)


class Root(Node):
    """The ``Query`` type. ``rate`` holds the ``rateLimit`` figures of this request."""

    def __init__(self, data: FakeData, api: str, rate: dict[str, Any]) -> None:
        super().__init__(data, api)
        self.rate = rate

    def repository(
        self,
        info: Any = None,
        owner: str = "",
        name: str = "",
        followRenames: bool = True,
        **_: Any,
    ) -> Node:
        if followRenames:
            try:
                repo: Repo | None = self.data.repo(f"{owner}/{name}")
            except NotFound:
                repo = None
        else:
            repo = self.data.find_repo(f"{owner}/{name}")[0]
        if repo is None or repo.state != "ok":
            raise GraphQLNotFound(
                f"Could not resolve to a Repository with the name '{owner}/{name}'."
            )
        return RepoNode(self.data, self.api, repo)

    def _account(self, login: str, want: str) -> Account:
        try:
            account = self.data.account(login)
        except NotFound:
            account = None
        if account is None or (want != "RepositoryOwner" and account.type != want):
            article = "an" if want == "Organization" else "a"
            raise GraphQLNotFound(
                f"Could not resolve to {article} {want} with the login of '{login}'."
            )
        return account

    def user(self, info: Any = None, login: str = "", **_: Any) -> Node:
        return UserNode(self.data, self.api, self._account(login, "User"))

    def organization(self, info: Any = None, login: str = "", **_: Any) -> Node:
        return OrgNode(self.data, self.api, self._account(login, "Organization"))

    def repositoryOwner(self, info: Any = None, login: str = "", **_: Any) -> Node | None:
        try:
            return account_node(self.data, self.api, self.data.account(login))
        except NotFound:
            return None

    def search(self, info: Any = None, query: str = "", type: str = "ISSUE", **args: Any) -> Any:
        try:
            if type == "REPOSITORY":
                repos = search_repos(self.data, query)
                out = Connection(
                    repos, wrap=lambda r: RepoNode(self.data, self.api, r), **_page(args)
                )
            elif type == "USER":
                accounts = [
                    a
                    for a in self.data.accounts.values()
                    if all(w in a.login.lower() for w in query.lower().split())
                ]
                out = Connection(
                    accounts, wrap=lambda a: account_node(self.data, self.api, a), **_page(args)
                )
            else:
                items = search_items(self.data, query)
                out = Connection(
                    items, wrap=lambda i: item_node(self.data, self.api, i), **_page(args)
                )
        except SearchError as exc:
            raise GraphQLUnprocessable(
                exc.errors[0]["message"] if exc.errors else exc.message
            ) from None
        counts = {
            "issueCount": 0,
            "repositoryCount": 0,
            "userCount": 0,
            "discussionCount": 0,
            "codeCount": 0,
            "wikiCount": 0,
        }
        which = {"REPOSITORY": "repositoryCount", "USER": "userCount"}.get(type, "issueCount")
        counts[which] = out.totalCount
        for name, value in counts.items():
            setattr(out, name, value)
        return out

    def rateLimit(self, info: Any = None, **_: Any) -> dict[str, Any]:
        return self.rate


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
