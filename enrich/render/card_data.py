"""What each card shows, read from the stats file: small typed values, cleaned for display.

Strings from the API are made safe here for text layout: C0/C1 controls, bidi overrides and
characters XML forbids are dropped, line breaks and tabs become spaces. (Escaping for XML is the SVG
environment's job; this only removes what no escaping can represent.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from enrich.errors import StatsFileError
from enrich.render.numbers import as_count
from enrich.stats import FigureValue, Item, Stats

_WHITESPACE_CONTROLS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
# Bidi embeddings, overrides and isolates too (U+202A-202E, U+2066-2069): one in a description
# would reverse the card's text after it ("\u202e rtl" shows "ltr"), a spoof, not content.
_FORBIDDEN = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def clean_text(value: object) -> str:
    """A one-line string safe for an SVG text node (controls and XML-forbidden chars gone)."""
    text = "" if value is None else str(value)
    return " ".join(_FORBIDDEN.sub("", _WHITESPACE_CONTROLS.sub(" ", text)).split())


def _int(value: FigureValue) -> int | None:
    """A count, or ``None`` (unknown) for anything else: negative, float, string, missing."""
    return as_count(value)


@dataclass(frozen=True, slots=True)
class RepoData:
    """The figures a repository card shows."""

    full_name: str
    description: str = ""
    stars: int | None = None
    forks: int | None = None
    language: str = ""
    language_color: str | None = None
    archived: bool = False


@dataclass(frozen=True, slots=True)
class Contribution:
    """One upstream project a person sent pull requests to."""

    repo: str
    prs: int | None
    merged_prs: int | None
    stars: int | None


@dataclass(frozen=True, slots=True)
class ContributionsData:
    """A person's contributions to other people's projects, most merged first."""

    login: str
    name: str
    projects: tuple[Contribution, ...]


@dataclass(frozen=True, slots=True)
class ProfileData:
    """The figures a profile card shows."""

    login: str
    name: str
    followers: int | None
    total_stars: int | None
    public_repos: int | None
    merged_prs: int | None
    top_repos: tuple[tuple[str, int | None], ...]


def _item(stats: Stats, key: str, what: str) -> Item:
    item = stats.get(key.lower())
    if item is None:
        raise StatsFileError(f"no {what} in the stats file (key {key.lower()!r}); run fetch first")
    return item


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")


def repo_data(stats: Stats, full_name: str) -> RepoData:
    """The repository card's figures for ``owner/name``.

    ``StatsFileError`` when the repository is unknown or its stars are (missing, or not a
    count): such a card is not written, so an old good card is not replaced by an empty one.
    Other figures that are not counts are left off the card (``None``).
    """
    item = _item(stats, f"repo:{full_name}", f"repository {full_name}")
    stars = _int(item.value("stars"))
    if stars is None:
        raise StatsFileError(
            f"no stars count for {full_name} in the stats file "
            f"(key {('repo:' + full_name).lower()!r}, value {item.value('stars')!r})"
        )
    colour = item.value("language_color")
    return RepoData(
        full_name=clean_text(item.value("full_name") or item.name or full_name),
        description=clean_text(item.value("description")),
        stars=stars,
        forks=_int(item.value("forks")),
        language=clean_text(item.value("language")),
        language_color=colour if isinstance(colour, str) and _COLOUR.fullmatch(colour) else None,
        archived=item.value("archived") is True,
    )


def parse_search_key(key: str) -> dict[str, list[str]]:
    """``search:author:x repo:a/b free`` -> ``{"author": ["x"], "repo": ["a/b"]}``."""
    qualifiers: dict[str, list[str]] = {}
    for token in key.removeprefix("search:").split():
        name, sep, value = token.partition(":")
        if sep and name and value:
            qualifiers.setdefault(name, []).append(value)
    return qualifiers


def _searches_by(stats: Stats, login: str) -> dict[str, tuple[int | None, int | None]]:
    """Per repository, the largest PR and merged-PR counts of ``login``'s searches."""
    found: dict[str, tuple[int | None, int | None]] = {}
    for key, item in sorted(stats.items.items()):
        if item.kind != "search" or not key.startswith("search:"):
            continue
        qualifiers = parse_search_key(key)
        if login not in qualifiers.get("author", []) or len(qualifiers.get("repo", [])) != 1:
            continue
        repo = qualifiers["repo"][0]
        prs = _int(item.value("prs"))
        merged = _int(item.value("merged_prs"))
        kinds = qualifiers.get("is", [])
        if "merged" in kinds and merged is None:  # the search counts merged PRs only
            merged = _int(item.value("count"))
        elif "pr" in kinds and prs is None:  # the search counts PRs only
            prs = _int(item.value("count"))
        old_prs, old_merged = found.get(repo, (None, None))
        found[repo] = (_max(old_prs, prs), _max(old_merged, merged))
    return found


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _display_name(stats: Stats, repo: str) -> tuple[str, int | None]:
    item = stats.get(f"repo:{repo.lower()}")
    if item is None:
        return repo, None
    return clean_text(item.value("full_name") or item.name or repo), _int(item.value("stars"))


def _user(stats: Stats, login: str) -> tuple[str, str, Item | None]:
    item = stats.get(f"user:{login.lower()}")
    if item is None:
        return login, login, None
    shown_login = clean_text(item.value("login") or item.name or login)
    return shown_login, clean_text(item.value("name")) or shown_login, item


def contributions_data(stats: Stats, login: str) -> ContributionsData:
    """Projects ``login`` sent PRs to (their own excluded), most merged PRs first."""
    lowered = login.lower()
    projects = []
    for repo, (prs, merged) in _searches_by(stats, lowered).items():
        if repo.split("/")[0] == lowered or (prs is None and merged is None):
            continue
        name, stars = _display_name(stats, repo)
        projects.append(Contribution(repo=name, prs=prs, merged_prs=merged, stars=stars))
    if not projects:
        raise StatsFileError(
            f"no contribution searches (author:{lowered} with a repo:) in the stats file"
        )
    projects.sort(key=lambda p: (-(p.merged_prs or 0), -(p.prs or 0), -(p.stars or 0), p.repo))
    shown_login, name, _ = _user(stats, lowered)
    return ContributionsData(login=shown_login, name=name, projects=tuple(projects))


def profile_data(stats: Stats, login: str) -> ProfileData:
    """A user's profile figures; merged PRs summed over the page's searches by them."""
    shown_login, name, item = _user(stats, login)
    if item is None:
        raise StatsFileError(f"no user {login} in the stats file (key 'user:{login.lower()}')")
    merged_values = [m for _, m in _searches_by(stats, login.lower()).values() if m is not None]
    top = item.value("top_repos")
    top_repos = tuple(
        _display_name(stats, clean_text(repo)) for repo in (top if isinstance(top, list) else [])
    )
    data = ProfileData(
        login=shown_login,
        name=name,
        followers=_int(item.value("followers")),
        total_stars=_int(item.value("total_stars")),
        public_repos=_int(item.value("public_repos")),
        merged_prs=sum(merged_values) if merged_values else None,
        top_repos=top_repos,
    )
    if all(
        v is None for v in (data.followers, data.total_stars, data.public_repos, data.merged_prs)
    ):
        raise StatsFileError(f"no figures for user {login} in the stats file yet")
    return data
