"""The fake GitHub's world: accounts, repositories, issues and pull requests, and how they change.

``FakeData`` is plain in-memory state behind a lock. Names are case-insensitive (looked up
by their lower-cased form) and answers use the canonical spelling, as GitHub does. A renamed
repository keeps its old name as a redirect; a deleted one disappears; a DMCA'd one stays
but answers 451. Counts a real repository has in the tens of thousands (all its issues and
PRs) are stored as *background* figures; only the items tests search for are materialized.

The JSON form (``to_json``/``from_json``) is documented in docs/fake-github.md.
"""

from __future__ import annotations

import json
import pickle
import threading
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

RepoState = Literal["ok", "deleted", "dmca"]
JSON_VERSION = 1
_EXAMPLE: bytes | None = None


_CHANGES = [0]
"""Counts every attribute change of any Account, Repo or Item (see ``FakeData.memo``)."""


class _Tracked:
    """Counts attribute changes, so caches notice even edits made without FakeData's methods."""

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        _CHANGES[0] += 1


@dataclass
class Account(_Tracked):
    """A user or an organization."""

    login: str
    id: int
    type: Literal["User", "Organization"] = "User"
    name: str | None = None
    bio: str | None = None
    company: str | None = None
    blog: str = ""
    location: str | None = None
    email: str | None = None
    twitter_username: str | None = None
    followers: int = 0
    following: int = 0
    public_gists: int = 0
    created_at: str = "2015-01-01T00:00:00Z"
    updated_at: str = "2025-01-01T00:00:00Z"


@dataclass
class Repo(_Tracked):
    """A repository; ``open_issues``/``closed_issues``/``*_pulls`` are background counts."""

    id: int
    owner: str
    name: str
    description: str | None = None
    stars: int = 0
    forks: int = 0
    watchers: int = 0
    language: str | None = None
    language_color: str | None = None
    topics: list[str] = field(default_factory=list)
    license_spdx: str | None = None
    license_name: str | None = None
    homepage: str | None = None
    fork: bool = False
    archived: bool = False
    private: bool = False
    default_branch: str = "main"
    size: int = 0
    open_issues: int = 0
    closed_issues: int = 0
    open_pulls: int = 0
    closed_pulls: int = 0
    merged_pulls: int = 0
    created_at: str = "2016-01-01T00:00:00Z"
    updated_at: str = "2025-01-01T00:00:00Z"
    pushed_at: str = "2025-01-01T00:00:00Z"
    state: RepoState = "ok"

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


@dataclass
class Item(_Tracked):
    """An issue or a pull request (GitHub numbers both from one sequence per repository)."""

    repo_id: int
    number: int
    title: str
    author: str
    is_pull: bool = False
    state: Literal["open", "closed"] = "open"
    merged: bool = False
    draft: bool = False
    body: str | None = None
    labels: list[str] = field(default_factory=list)
    comments: int = 0
    id: int = 0
    created_at: str = "2024-01-01T00:00:00Z"
    updated_at: str = "2024-01-01T00:00:00Z"
    closed_at: str | None = None
    merged_at: str | None = None


class NotFound(LookupError):
    """Nothing by that name (or it is deleted)."""


class FakeData:
    """The mutable world the fake serves; every method is safe to call from any thread."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.accounts: dict[str, Account] = {}
        self.repos: dict[int, Repo] = {}
        self.items: dict[tuple[int, int], Item] = {}
        self._by_name: dict[str, int] = {}
        self.redirects: dict[str, int] = {}
        self._by_repo: dict[int, dict[int, Item]] = {}
        self._by_author: dict[str, list[Item]] = {}
        self.version = 0
        """Bumped on every mutation, so caches keyed on it stay right."""
        self._memo: dict[Any, Any] = {}
        self._memo_stamp = (-1, -1)

    def memo(self) -> dict[Any, Any]:
        """A cache for figures derived from this data, emptied whenever anything changes
        (through FakeData's methods, or an attribute of an Account, Repo or Item)."""
        stamp = (self.version, _CHANGES[0])
        if stamp != self._memo_stamp or len(self._memo) > 100_000:
            self._memo = {}
            self._memo_stamp = stamp
        return self._memo

    # -- building -------------------------------------------------------------------------

    def add_account(self, account: Account) -> Account:
        with self.lock:
            self.accounts[account.login.lower()] = account
            self.version += 1
            return account

    def add_repo(self, repo: Repo) -> Repo:
        with self.lock:
            if repo.owner.lower() not in self.accounts:
                raise NotFound(f"no account {repo.owner!r} to own {repo.full_name!r}")
            repo.owner = self.accounts[repo.owner.lower()].login
            self.repos[repo.id] = repo
            self._by_name[repo.full_name.lower()] = repo.id
            self.version += 1
            return repo

    def add_item(self, item: Item) -> Item:
        with self.lock:
            if item.repo_id not in self.repos:
                raise NotFound(f"no repository with id {item.repo_id}")
            if not item.id:
                item.id = 1_000_000_000 + len(self.items) + 1
            old = self.items.get((item.repo_id, item.number))
            if old is not None:
                self._by_author[old.author.lower()].remove(old)
            self.items[(item.repo_id, item.number)] = item
            self._by_repo.setdefault(item.repo_id, {})[item.number] = item
            self._by_author.setdefault(item.author.lower(), []).append(item)
            self.version += 1
            return item

    def add_pull(
        self,
        repo: str,
        number: int | None = None,
        *,
        author: str,
        title: str = "A pull request",
        state: Literal["open", "closed"] = "open",
        merged: bool = False,
        created_at: str = "2025-06-01T00:00:00Z",
        is_pull: bool = True,
    ) -> Item:
        """Add a PR (or, with ``is_pull=False``, an issue) to ``repo``; numbers continue."""
        with self.lock:
            target = self.repo(repo)
            if author.lower() not in self.accounts:
                raise NotFound(f"no account {author!r}")
            if number is None:
                number = 1 + max(self._by_repo.get(target.id, {}), default=0)
            closed = state == "closed" or merged
            item = Item(
                repo_id=target.id,
                number=number,
                title=title,
                author=self.accounts[author.lower()].login,
                is_pull=is_pull,
                state="closed" if closed else "open",
                merged=merged,
                created_at=created_at,
                updated_at=created_at,
                closed_at=created_at if closed else None,
                merged_at=created_at if merged else None,
            )
            return self.add_item(item)

    # -- lookups --------------------------------------------------------------------------

    def account(self, login: str) -> Account:
        with self.lock:
            found = self.accounts.get(login.lower())
            if found is None:
                raise NotFound(login)
            return found

    def find_repo(self, full_name: str) -> tuple[Repo | None, int | None]:
        """``(repo, None)`` by its current name, ``(None, id)`` when renamed, else both None.

        A deleted repository is not found; a DMCA'd one is (the caller answers 451).
        """
        key = full_name.lower()
        with self.lock:
            rid = self._by_name.get(key)
            if rid is not None:
                repo = self.repos[rid]
                return (None, None) if repo.state == "deleted" else (repo, None)
            moved = self.redirects.get(key)
            if moved is not None and self.repos[moved].state != "deleted":
                return None, moved
            return None, None

    def repo(self, full_name: str) -> Repo:
        """The repository by current or old name (following renames), or ``NotFound``."""
        repo, moved = self.find_repo(full_name)
        if repo is None and moved is not None:
            repo = self.repos[moved]
        if repo is None:
            raise NotFound(full_name)
        return repo

    def repo_by_id(self, repo_id: int) -> Repo:
        with self.lock:
            repo = self.repos.get(repo_id)
            if repo is None or repo.state == "deleted":
                raise NotFound(str(repo_id))
            return repo

    def repos_of(self, login: str) -> list[Repo]:
        key = login.lower()
        with self.lock:
            return [
                r for r in self.repos.values() if r.owner.lower() == key and r.state != "deleted"
            ]

    def items_of(self, repo_id: int) -> list[Item]:
        with self.lock:
            return list(self._by_repo.get(repo_id, {}).values())

    def items_by(self, author: str) -> list[Item]:
        with self.lock:
            return list(self._by_author.get(author.lower(), ()))

    def item(self, repo_id: int, number: int) -> Item:
        with self.lock:
            found = self.items.get((repo_id, number))
            if found is None:
                raise NotFound(f"#{number}")
            return found

    def counts(self, repo: Repo) -> dict[str, int]:
        """Background plus materialized counts: OPEN/CLOSED issues, OPEN/CLOSED/MERGED PRs."""
        memo = self.memo()
        cached = memo.get(("counts", repo.id))
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        out = {
            "issues_open": repo.open_issues,
            "issues_closed": repo.closed_issues,
            "pulls_open": repo.open_pulls,
            "pulls_closed": repo.closed_pulls,
            "pulls_merged": repo.merged_pulls,
        }
        for item in self.items_of(repo.id):
            if item.is_pull:
                state = "merged" if item.merged else item.state
                out[f"pulls_{state}"] += 1
            else:
                out[f"issues_{item.state}"] += 1
        memo[("counts", repo.id)] = out
        return out

    # -- mutations (tests simulate time passing) -----------------------------------------

    def set_repo_figures(self, repo: str, **figures: Any) -> Repo:
        """Change any ``Repo`` field: ``stars=``, ``forks=``, ``watchers=``, ``description=``..."""
        names = {f.name for f in fields(Repo)} - {"id", "owner", "name", "state"}
        with self.lock:
            target = self.repo(repo)
            for key, value in figures.items():
                if key not in names:
                    raise KeyError(f"unknown repository field {key!r}")
                setattr(target, key, value)
            self._touch(target)
            return target

    def set_account(self, login: str, **values: Any) -> Account:
        """Change any ``Account`` field except ``login`` and ``id`` (``followers=`` ...)."""
        names = {f.name for f in fields(Account)} - {"login", "id"}
        with self.lock:
            target = self.account(login)
            for key, value in values.items():
                if key not in names:
                    raise KeyError(f"unknown account field {key!r}")
                setattr(target, key, value)
            self.version += 1
            return target

    def rename_repo(self, old: str, new: str) -> Repo:
        """Rename or transfer (``new`` may name another owner); the old name redirects."""
        new_owner, _, new_name = new.partition("/")
        with self.lock:
            target = self.repo(old)
            owner = self.account(new_owner)
            old_key = target.full_name.lower()
            del self._by_name[old_key]
            self.redirects[old_key] = target.id
            target.owner, target.name = owner.login, new_name
            self._by_name[target.full_name.lower()] = target.id
            self.redirects.pop(target.full_name.lower(), None)
            self._touch(target)
            return target

    def delete_repo(self, repo: str) -> None:
        with self.lock:
            self.repo(repo).state = "deleted"
            self.version += 1

    def dmca_repo(self, repo: str) -> None:
        with self.lock:
            target = self.repo(repo)
            target.state = "dmca"
            self._touch(target)

    def _touch(self, repo: Repo) -> None:
        self.version += 1
        repo.updated_at = _bump_timestamp(repo.updated_at, self.version)

    # -- JSON ------------------------------------------------------------------------------

    def to_json(self) -> str:
        with self.lock:
            doc = {
                "version": JSON_VERSION,
                "accounts": [asdict(a) for a in self.accounts.values()],
                "repos": [asdict(r) for r in self.repos.values()],
                "items": [asdict(i) for i in self.items.values()],
                "redirects": dict(sorted(self.redirects.items())),
            }
        return json.dumps(doc, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> FakeData:
        doc = json.loads(text)
        if doc.get("version") != JSON_VERSION:
            raise ValueError(f"fake GitHub data: version {doc.get('version')!r} is not 1")
        data = cls()
        for raw in doc.get("accounts", []):
            data.add_account(Account(**raw))
        for raw in doc.get("repos", []):
            data.add_repo(Repo(**raw))
        for raw in doc.get("items", []):
            data.add_item(Item(**raw))
        for old, rid in doc.get("redirects", {}).items():
            data.redirects[old.lower()] = int(rid)
        return data

    def restore(self, other: FakeData) -> None:
        """Take ``other``'s whole state in place (references to this object stay valid)."""
        with self.lock:
            self.accounts, self.repos, self.items = other.accounts, other.repos, other.items
            self._by_name, self.redirects = other._by_name, other.redirects
            self._by_repo, self._by_author = other._by_repo, other._by_author
            self.version += other.version + 1

    def snapshot(self) -> bytes:
        """The whole state, cheaply (pickle): ``FakeData.from_snapshot`` rebuilds it."""
        with self.lock:
            state = (
                list(self.accounts.values()),
                list(self.repos.values()),
                list(self.items.values()),
                dict(self.redirects),
            )
            return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_snapshot(cls, blob: bytes) -> FakeData:
        accounts, repos, items, redirects = pickle.loads(blob)  # noqa: S301 - our own bytes
        data = cls()
        for account in accounts:
            data.add_account(account)
        for repo in repos:
            data.add_repo(repo)
        for item in items:
            data.add_item(item)
        data.redirects.update(redirects)
        return data

    def copy(self) -> FakeData:
        """An independent deep copy."""
        return FakeData.from_snapshot(self.snapshot())

    @classmethod
    def example(cls) -> FakeData:
        """The accounts, repositories, PRs and issues that content/about.md links to."""
        from enrich.testing.example import example_data

        global _EXAMPLE
        if _EXAMPLE is None:
            _EXAMPLE = example_data().snapshot()
        return cls.from_snapshot(_EXAMPLE)

    @classmethod
    def synthetic(
        cls, repos: int = 1000, users: int = 100, prs_per_repo: int = 5, seed: int = 0
    ) -> FakeData:
        """A generated world of ``repos`` repositories for scale tests (deterministic)."""
        from enrich.testing.example import synthetic_data

        return synthetic_data(repos=repos, users=users, prs_per_repo=prs_per_repo, seed=seed)


def _bump_timestamp(stamp: str, version: int) -> str:
    """A later ISO timestamp than ``stamp`` that is unique per ``version``."""
    base = max(
        datetime.fromisoformat(stamp.replace("Z", "+00:00")), datetime(2025, 9, 1, tzinfo=UTC)
    )
    return (base + timedelta(seconds=version)).strftime("%Y-%m-%dT%H:%M:%SZ")
