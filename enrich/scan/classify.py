"""One URL -> what it points at on GitHub (a ``Target``), or ``None`` when it is no reference.

Pure and cached by the scanner per distinct URL. Rules, each documented in docs/scanning.md:

- ``github.com/OWNER`` is a user or organization unless OWNER is a reserved GitHub path
  (``enrich.scan.reserved``); ``github.com/OWNER/REPO[...]`` is a repository, except that
  ``/pull/N`` is a pull request, ``/issues/N`` an issue, and ``/issues?q=``/``/pulls?q=`` a
  search scoped to the repository. ``github.com/issues?q=``, ``/pulls?q=`` and ``/search?q=``
  (issue and pull-request searches only) are global searches.
- File content and assets are not references: ``/raw/``, ``/releases/download/``,
  ``/assets/``, ``?raw=true`` (and other hosts such as raw.githubusercontent.com never match).
- ``img.shields.io/github/<metric>/<owner>[/<repo>]`` is a badge of a known metric.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple
from urllib.parse import unquote

from enrich.scan.query import parse_search, with_qualifier
from enrich.scan.refs import Badge, Kind, SearchQuery
from enrich.scan.reserved import RESERVED_NAMES

_PREFIX = re.compile(r"(?:https?://)?(?:www\.)?(github\.com|img\.shields\.io)", re.IGNORECASE)
# GitHub logins: alphanumerics and single hyphens, at most 39; a few old accounts end in "-".
_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}")
_REPO = re.compile(r"[A-Za-z0-9._-]{1,100}")
_NUMBER = re.compile(r"[0-9]{1,10}")
# The common shapes in one match: .../OWNER, .../OWNER/REPO[/PATH] with no query, anchor,
# escape or entity. Whatever it does not match (queries,
# anchors, deeper paths, entities, escapes, odd case) goes through the general rules below,
# which give the same answer for what it does match (tests/scan/test_scan_classify.py).
# Only the host ignores case, as in _PREFIX: a case-insensitive [A-Za-z] also takes the
# Kelvin sign, which _LOGIN rejects.
# A pull request or issue path (/pull/N, /issues/N: group 3 is "pull" or None, group 4 N) is
# matched right away; the rest of the path is group 5. The section is spelled out in ASCII,
# as the general rules compare it lower-cased.
_SIMPLE = re.compile(
    r"(?i:(?:https?://)?(?:www\.)?github\.com)/([A-Za-z0-9][A-Za-z0-9-]{0,38})"
    r"(?:/([A-Za-z0-9._-]{1,100})"
    r"(?:/(?:([pP][uU][lL][lL])|[iI][sS][sS][uU][eE][sS])/([0-9]{1,10})(?![^/]))?"
    r"(/[^?#%&]*)?)?/?"
)

# shields.io GitHub badges shaped /github/<metric>/<owner>/<repo> (https://shields.io/badges).
BADGE_METRICS_REPO = frozenset(
    {
        *("stars", "forks", "watchers", "contributors", "contributors-anon", "discussions"),
        *("issues", "issues-raw", "issues-closed", "issues-closed-raw", "issues-search"),
        *("issues-pr", "issues-pr-raw", "issues-pr-closed", "issues-pr-closed-raw"),
        *("last-commit", "license", "repo-size", "created-at"),
    }
)
# ... and those that may also name only an account: /github/<metric>/<owner>.
BADGE_METRICS_OWNER = frozenset({"stars", "followers"})
_BADGE_SUFFIXES = (".svg", ".png", ".json")


class Target(NamedTuple):
    """What a URL points at: the ``Ref`` fields that do not depend on where it was written.

    A named tuple (not a dataclass): tens of thousands are made per large page.
    """

    kind: Kind
    owner: str | None = None
    repo: str | None = None
    number: int | None = None
    query: SearchQuery | None = None
    badge: Badge | None = None


def classify(url: str) -> Target | None:
    """The GitHub target of ``url`` (as written, entities allowed), ``None`` if it has none."""
    # _SIMPLE cannot match a query, an anchor, an escape or an entity: skip its costly miss.
    simple = None if "?" in url or "#" in url or "%" in url else _SIMPLE.fullmatch(url)
    if simple is not None:
        target = _simple(*simple.groups())
        if target is not None:
            return target
    return classify_general(url)


def classify_general(url: str) -> Target | None:
    """``classify`` without its fast path for the common shapes (the rules themselves)."""
    if "&" in url and ";" in url:
        url = html.unescape(url)
    prefix = _PREFIX.match(url)
    if prefix is None:
        return None
    rest = url[prefix.end() :]
    for port in (":443", ":80"):  # the default ports name the same page
        if rest.startswith(port) and rest[len(port) : len(port) + 1] in ("", "/", "?", "#"):
            rest = rest[len(port) :]
    if rest and rest[0] not in "/?#":
        return None  # github.com.example.org, github.com:22, ...
    if "#" in rest:
        rest = rest.partition("#")[0]
    path, _, query_string = rest.partition("?")
    segments = [s for s in path.split("/") if s]
    if "%" in path:
        segments = [unquote(s) for s in segments]
    params = _params(query_string) if query_string else []
    if len(prefix.group(1)) == len("github.com"):
        return _github(segments, params)
    return _shields(segments, params)


def _simple(
    owner: str, repo: str | None, pull: str | None, number: str | None, path: str | None
) -> Target | None:
    """The fast path's answer, ``None`` to defer to the general rules."""
    if owner.lower() in RESERVED_NAMES:
        return None  # also issues, pulls, search (searches have a query: not simple)
    if repo is None:
        return Target(Kind.USER, owner)
    if repo in (".", "..") or repo[-4:].lower() == ".git":
        return None
    if number is not None:
        return Target(Kind.ISSUE if pull is None else Kind.PULL, owner, repo, int(number))
    if not path or path == "/":
        return Target(Kind.REPO, owner, repo)
    section = path.lstrip("/").partition("/")[0].lower()  # the first non-empty segment
    if not section or section in ("raw", "assets", "releases"):
        return None  # no segment; file content, maybe
    if section not in ("pull", "issues"):
        return Target(Kind.REPO, owner, repo)
    segments = [s for s in path.split("/") if s]
    if len(segments) > 1 and _NUMBER.fullmatch(segments[1]):
        if section == "pull":
            return Target(Kind.PULL, owner, repo, int(segments[1]))
        if section == "issues":
            return Target(Kind.ISSUE, owner, repo, int(segments[1]))
    return Target(Kind.REPO, owner, repo)


def _params(query_string: str) -> list[tuple[str, str]]:
    """``parse_qsl(query_string, keep_blank_values=True)``: the same steps (split at ``&``,
    skip empty fields, split at the first ``=``, ``+`` to space, ``unquote``), without its
    argument checks, and without decoding when nothing needs it."""
    pairs = [p.partition("=") for p in query_string.split("&") if p]
    if "%" in query_string or "+" in query_string:
        return [
            (unquote(key.replace("+", " ")), unquote(value.replace("+", " ")))
            for key, _, value in pairs
        ]
    return [(key, value) for key, _, value in pairs]


def _github(segments: list[str], params: list[tuple[str, str]]) -> Target | None:
    if not segments:
        return None
    first = segments[0].lower()
    if len(segments) == 1 and first in ("issues", "pulls", "search"):
        return _global_search(first, params)
    if first in RESERVED_NAMES or not _LOGIN.fullmatch(segments[0]):
        return None
    owner = segments[0]
    if len(segments) == 1:
        return Target(Kind.USER, owner)
    repo = segments[1]
    if len(segments) == 2 and repo.lower().endswith(".git"):
        repo = repo[:-4]
    if not _REPO.fullmatch(repo) or repo in (".", ".."):
        return None
    section = segments[2].lower() if len(segments) > 2 else ""
    if _is_file_content(section, segments, params):
        return None
    if len(segments) > 3 and _NUMBER.fullmatch(segments[3]):
        if section == "pull":
            return Target(Kind.PULL, owner, repo, int(segments[3]))
        if section == "issues":
            return Target(Kind.ISSUE, owner, repo, int(segments[3]))
    if len(segments) == 3 and section in ("issues", "pulls"):
        query = _q(params)
        if query is not None:
            if section == "pulls":
                query = with_qualifier(query, "is", "pr")
            return Target(Kind.SEARCH, owner, repo, query=query)
    return Target(Kind.REPO, owner, repo)


def _is_file_content(section: str, segments: list[str], params: list[tuple[str, str]]) -> bool:
    """Raw files, release downloads and uploaded assets are content, not the repository."""
    if section in ("raw", "assets"):
        return True
    if section == "releases" and len(segments) > 3 and segments[3].lower() == "download":
        return True
    return ("raw", "true") in params


def _q(params: list[tuple[str, str]]) -> SearchQuery | None:
    """The decoded ``q=`` search (``parse_qsl`` has undone ``%XX`` and ``+``), if non-empty."""
    values = [value for key, value in params if key == "q"]
    if not values or not values[-1].strip():
        return None
    return parse_search(values[-1])


def _global_search(page: str, params: list[tuple[str, str]]) -> Target | None:
    query = _q(params)
    if query is None:
        return None
    if page == "pulls":
        query = with_qualifier(query, "is", "pr")
    elif page == "search":
        kinds = [value.lower() for key, value in params if key == "type"]
        kind = kinds[-1] if kinds else "issues"
        if kind == "pullrequests":
            query = with_qualifier(query, "is", "pr")
        elif kind not in ("issues", ""):
            return None  # code, repository, user, commit... searches count other things
    owner, repo = search_scope(query)
    return Target(Kind.SEARCH, owner, repo, query=query)


def search_scope(query: SearchQuery) -> tuple[str | None, str | None]:
    """A global search's scope: a single ``repo:`` (owner, repo), else a single ``org:`` or
    ``user:`` (owner, None), else ``(None, None)``."""
    repos = query.get("repo")
    if len(repos) == 1 and repos[0].count("/") == 1:
        owner, _, repo = repos[0].partition("/")
        if owner and repo:
            return owner, repo
    for name in ("org", "user"):
        values = query.get(name)
        if len(values) == 1:
            return values[0], None
    return None, None


def _shields(segments: list[str], params: list[tuple[str, str]]) -> Target | None:
    if len(segments) < 2 or segments[0].lower() != "github":
        return None
    metric = segments[1].lower()
    if metric.startswith("issues") and metric != "issues-search" and len(segments) > 4:
        # /github/issues/detail/state/o/r/N (one issue's state, title...) and
        # /github/issues/o/r/<label> (issues with that label): not the repository's count.
        return None
    names = segments[2:4]
    if names:
        last = names[-1]
        for suffix in _BADGE_SUFFIXES:
            if last.lower().endswith(suffix):
                names[-1] = last[: -len(suffix)]
                break
    if metric.endswith(tuple(_BADGE_SUFFIXES)):
        metric = metric.rsplit(".", 1)[0]
    badge = Badge(metric, tuple(params))
    query: SearchQuery | None = None
    if metric == "issues-search":
        found = [value for key, value in params if key == "query"]
        if not found or not found[-1].strip():
            return None
        query = parse_search(found[-1])
        if not names:
            owner, repo = search_scope(query)
            return Target(Kind.BADGE, owner, repo, query=query, badge=badge)
    if not names or not _LOGIN.fullmatch(names[0]):
        return None
    owner = names[0]
    if len(names) == 1:
        if metric not in BADGE_METRICS_OWNER:
            return None
        return Target(Kind.BADGE, owner, badge=badge)
    if metric not in BADGE_METRICS_REPO or not _REPO.fullmatch(names[1]):
        return None
    return Target(Kind.BADGE, owner, names[1], query=query, badge=badge)
