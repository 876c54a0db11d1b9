"""The reference types every later step consumes: what a GitHub link points at, and where.

These are plain frozen values, free of I/O. ``Ref.key`` is the canonical identity of what a
reference points at (GitHub names are case-insensitive), shared by the fetcher, the stats
file and the renderer; the original spelling stays in ``url``, ``owner`` and ``repo``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a GitHub URL points at."""

    REPO = "repo"
    USER = "user"
    SEARCH = "search"
    PULL = "pull"
    ISSUE = "issue"
    BADGE = "badge"


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A decoded issue/PR search: qualifiers (``author:x is:pr``) and the free text.

    ``qualifiers`` keeps each qualifier's values in the order written, qualifier names
    lower-cased (``{"author": ("yewentao256",), "is": ("pr", "merged")}``).
    """

    qualifiers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    text: str = ""

    def get(self, name: str) -> tuple[str, ...]:
        """The values of one qualifier, ``()`` when absent."""
        for key, values in self.qualifiers:
            if key == name:
                return values
        return ()

    def as_dict(self) -> dict[str, list[str]]:
        """Qualifiers as a JSON-ready mapping of lists (insertion order kept)."""
        return {key: list(values) for key, values in self.qualifiers}

    def canonical(self) -> str:
        """A stable, case-folded query string: qualifiers sorted, then the free text.

        Two spellings of the same search (qualifier order, case, ``+`` vs ``%20``) share it.
        """
        parts = [
            f"{key}:{value.lower()}"
            for key, values in sorted(self.qualifiers)
            for value in sorted(values, key=str.lower)
        ]
        if self.text:
            parts.append(" ".join(self.text.lower().split()))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Badge:
    """A shields.io GitHub badge: which figure it shows and how it is styled.

    ``metric`` is the shields path segment (``stars``, ``forks``, ``watchers``, ``issues``,
    ``issues-pr``, ``issues-search``, ``followers``, ...); ``params`` keeps the badge's query
    (``style=social``) as written, in order.
    """

    metric: str
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str | None:
        """One query parameter's value, ``None`` when absent."""
        for key, value in self.params:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Ref:
    """One GitHub reference found in a page.

    ``start``/``end`` index the URL in the page's original text (``text[start:end] == url``);
    ``line`` and ``column`` are 1-based and count the whole file, front matter included.
    ``owner``/``repo`` keep the page's spelling. For a search they are its scope (from the
    path or a ``repo:``/``org:``/``user:`` qualifier), ``None`` when global. A badge's
    ``owner``/``repo``/``query`` describe what the badge shows.
    """

    kind: Kind
    url: str
    start: int
    end: int
    line: int
    column: int
    owner: str | None = None
    repo: str | None = None
    number: int | None = None
    query: SearchQuery | None = None
    badge: Badge | None = None
    source: str = field(default="text", compare=False)
    """Where the URL was written: ``link``, ``image``, ``definition``, ``autolink``, ``html``,
    ``text`` (a bare URL) or ``front_matter``."""

    @property
    def full_name(self) -> str | None:
        """``owner/repo`` as written, when the reference names a repository."""
        if self.owner is None or self.repo is None:
            return None
        return f"{self.owner}/{self.repo}"

    @property
    def key(self) -> str:
        """The canonical identity of what this reference points at (case-folded).

        ``repo:owner/name``, ``user:login``, ``pull:owner/name#12``, ``issue:owner/name#12``,
        ``search:<canonical query>``. A badge's key is the key of the thing it shows, so a
        badge and a link to the same repository share one stats item.
        """
        return item_key(self.kind, self.owner, self.repo, self.number, self.query, self.badge)


def item_key(
    kind: Kind,
    owner: str | None,
    repo: str | None,
    number: int | None = None,
    query: SearchQuery | None = None,
    badge: Badge | None = None,
) -> str:
    """The canonical stats key for a reference's target (see ``Ref.key``)."""
    owner_l = owner.lower() if owner else None
    repo_l = repo.lower() if repo else None
    if kind is Kind.BADGE:
        if query is not None:
            return f"search:{search_scope_query(query, owner_l, repo_l)}"
        if repo_l is not None:
            return f"repo:{owner_l}/{repo_l}"
        return f"user:{owner_l}"
    if kind is Kind.REPO:
        return f"repo:{owner_l}/{repo_l}"
    if kind is Kind.USER:
        return f"user:{owner_l}"
    if kind is Kind.PULL:
        return f"pull:{owner_l}/{repo_l}#{number}"
    if kind is Kind.ISSUE:
        return f"issue:{owner_l}/{repo_l}#{number}"
    assert query is not None, "a search reference always has a query"
    return f"search:{search_scope_query(query, owner_l, repo_l)}"


def search_scope_query(query: SearchQuery, owner: str | None, repo: str | None) -> str:
    """The canonical query with the path's scope folded in as a ``repo:`` qualifier.

    ``github.com/a/b/issues?q=author:x`` and ``github.com/issues?q=repo:a/b author:x`` are the
    same search, so they share one key.
    """
    qualifiers = dict(query.qualifiers)
    if owner is not None and repo is not None and "repo" not in qualifiers:
        qualifiers["repo"] = (f"{owner}/{repo}",)
    return SearchQuery(tuple(qualifiers.items()), query.text).canonical()
