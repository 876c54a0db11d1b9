"""GraphQL resolvers: the objects a query walks, one class per GitHub type the tool uses.

They follow graphql-core's default-resolver convention, so both graphql-core's ``execute``
and the fake's fast executor (``gql_exec``) can walk them: a field is an attribute, or a
method called as ``method(info, **arguments)`` with the schema's argument names. Only what is
asked is computed. A missing object raises ``GraphQLNotFound``, which the answer reports as
GitHub does: ``{"type": "NOT_FOUND", "path": [...], "message": ...}`` beside the other data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from enrich.testing import shapes
from enrich.testing.dataset import Account, FakeData, Item, NotFound, Repo
from enrich.testing.gql_connection import Connection, count_only

WEB = "https://github.com"


class GraphQLNotFound(Exception):
    """An object GitHub could not resolve: ``type: NOT_FOUND``."""

    error_type = "NOT_FOUND"


class GraphQLUnprocessable(Exception):
    """A search GitHub refuses: ``type: UNPROCESSABLE``."""

    error_type = "UNPROCESSABLE"


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
        "watchers": lambda n: count_only(n.r.watchers),
        "stargazers": lambda n: count_only(n.r.stars),
        "forks": lambda n: count_only(n.r.forks),
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
        return Connection(rows, **page_args(args))

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
            rows, total=self._states(prefix, states), wrap=self._wrap_item, **page_args(args)
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


def repository_node(
    data: FakeData, api: str, owner: str, name: str, *, follow_renames: bool = True
) -> RepoNode:
    """``repository(owner:, name:)``: by current or (following renames) old name."""
    if follow_renames:
        try:
            repo: Repo | None = data.repo(f"{owner}/{name}")
        except NotFound:
            repo = None
    else:
        repo = data.find_repo(f"{owner}/{name}")[0]
    if repo is None or repo.state != "ok":
        raise GraphQLNotFound(f"Could not resolve to a Repository with the name '{owner}/{name}'.")
    return RepoNode(data, api, repo)


def _item_state(item: Item) -> str:
    return "MERGED" if item.merged else item.state.upper()


def page_args(args: dict[str, Any]) -> dict[str, Any]:
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
        self.followers = count_only(account.followers)
        self.following = count_only(account.following)

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
        return Connection(repos, wrap=lambda r: RepoNode(self.data, self.api, r), **page_args(args))

    def repository(self, info: Any = None, name: str = "", **_: Any) -> Node:
        return repository_node(self.data, self.api, self.a.login, name)


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
        return count_only(len(rows))

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
        self.comments = count_only(item.comments)
        self.authorAssociation = "CONTRIBUTOR"

    def author(self, info: Any = None, **_: Any) -> Node:
        return account_node(self.data, self.api, self.data.account(self.item.author))

    def repository(self, info: Any = None, **_: Any) -> Node:
        return RepoNode(self.data, self.api, self.data.repos[self.item.repo_id])

    def labels(self, info: Any = None, **args: Any) -> Any:
        rows = [{"name": n, "color": "ededed"} for n in self.item.labels]
        return Connection(rows, **page_args(args))


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
