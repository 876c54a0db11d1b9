"""The GraphQL ``Query`` type of the fake: where every query starts (see ``gql_nodes``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from enrich.testing.dataset import Account, FakeData, NotFound
from enrich.testing.gql_connection import Connection
from enrich.testing.gql_nodes import (
    GraphQLNotFound,
    GraphQLUnprocessable,
    Node,
    OrgNode,
    RepoNode,
    UserNode,
    account_node,
    item_node,
    page_args,
    repository_node,
)
from enrich.testing.search import SearchError, search_items, search_repos


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
        return repository_node(self.data, self.api, owner, name, follow_renames=followRenames)

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
                    repos, wrap=lambda r: RepoNode(self.data, self.api, r), **page_args(args)
                )
            elif type == "USER":
                accounts = [
                    a
                    for a in self.data.accounts.values()
                    if all(w in a.login.lower() for w in query.lower().split())
                ]
                out = Connection(
                    accounts, wrap=lambda a: account_node(self.data, self.api, a), **page_args(args)
                )
            else:
                items = search_items(self.data, query)
                out = Connection(
                    items, wrap=lambda i: item_node(self.data, self.api, i), **page_args(args)
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
