"""Rich regions: Markdown rendered from Jinja2 templates in ``templates/regions/NAME.md.j2``
(a site's own ``templates/regions/`` first, then the bundled one).

Text from the API (a description, a name) is escaped for Markdown *and* HTML before it
reaches the page: every ``{{ value }}`` passes through ``markdown_escape`` unless it is a
``SafeMarkdown`` built by this module (formatted numbers, links to validated names). So a
description holding ``<script>``, ``<!-- /enrich -->``, ``|`` or ``[x](javascript:...)`` is
shown as text and cannot break the table or the region.

Context given to every template: ``params`` (the marker's ``KEY=VALUE`` pairs), ``user``
(the ``user=`` parameter, or ``None``), ``contributions`` (``ContributionRow`` list, see
``contribution_rows``), and the filters ``exact``, ``compact``, ``floor`` and
``repo_link``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta

from enrich.errors import MarkerError
from enrich.render.numbers import NumberFormat, as_count, format_number
from enrich.stats import FigureValue, Stats

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~!#])")
_LINE_START = re.compile(r"^([+\-=>]|\d+(?=[.)]))")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+")


class NoFigures(Exception):
    """The stats file has nothing for a template region to show (the region is kept)."""


class SafeMarkdown(str):
    """Markdown built by enrich itself, written as is (everything else is escaped)."""

    __slots__ = ()


def markdown_escape(value: object) -> str:
    """Text that renders as itself in Markdown and HTML, on one line."""
    if isinstance(value, SafeMarkdown):
        return value
    if value is None:
        return ""
    text = _CONTROL.sub(" ", str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\\\1", text)


@dataclass(frozen=True, slots=True)
class ContributionRow:
    """One upstream project a user contributed to, from the stats file."""

    repo: str
    description: str | None
    stars: int | None
    count: int | None
    prs: int | None
    merged_prs: int | None


def contribution_rows(
    stats: Stats, user: str, page_keys: Collection[str] | None = None
) -> list[ContributionRow]:
    """The user's contribution searches (``author:USER`` scoped to one repo), joined with
    each repository's figures; most merged PRs first, then by name.

    ``page_keys`` limits the rows to searches the page refers to (its links and markers);
    ``None`` takes every matching search in the stats file. When a repository has several
    such searches, the one with only ``author:`` and ``repo:`` wins.
    """
    login = user.lower()
    best: dict[str, tuple[int, str]] = {}
    for key, item in stats.items.items():
        if item.kind != "search" or (page_keys is not None and key not in page_keys):
            continue
        qualifiers = _qualifiers(key.removeprefix("search:"))
        if qualifiers.get("author") != [login] or len(qualifiers.get("repo", [])) != 1:
            continue
        extra = sum(len(v) for k, v in qualifiers.items() if k not in ("author", "repo"))
        repo = qualifiers["repo"][0]
        if repo not in best or extra < best[repo][0]:
            best[repo] = (extra, key)
    rows = []
    for repo, (_, key) in best.items():
        search = stats.items[key]
        if all(_int(search.value(f)) is None for f in ("count", "prs", "merged_prs")):
            continue  # never fetched (its first fetch failed): no row of dashes
        repo_item = stats.get(f"repo:{repo}")
        rows.append(
            ContributionRow(
                repo=repo_item.name if repo_item is not None else repo,
                description=_text(repo_item.value("description")) if repo_item else None,
                stars=_int(repo_item.value("stars")) if repo_item else None,
                count=_int(search.value("count")),
                prs=_int(search.value("prs")),
                merged_prs=_int(search.value("merged_prs")),
            )
        )
    rows.sort(key=lambda r: (-(r.merged_prs or 0), -(r.count or 0), r.repo.lower()))
    return rows


def _qualifiers(canonical: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for word in canonical.split():
        name, colon, value = word.partition(":")
        if colon:
            found.setdefault(name, []).append(value)
    return found


def _int(value: FigureValue) -> int | None:
    return as_count(value)


def _text(value: FigureValue) -> str | None:
    return value if isinstance(value, str) else None


def _number_filter(fmt: NumberFormat) -> Callable[[object], SafeMarkdown]:
    def apply(value: object) -> SafeMarkdown:
        count = as_count(value)
        return SafeMarkdown("–" if count is None else format_number(count, fmt))

    return apply


def repo_link(name: object) -> SafeMarkdown:
    """``[owner/repo](https://github.com/owner/repo)`` for a valid name, else escaped text."""
    text = str(name)
    if not _NAME.fullmatch(text):
        return SafeMarkdown(markdown_escape(text))
    return SafeMarkdown(f"[{markdown_escape(text)}](https://github.com/{text})")


@cache
def _environment(directories: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directories),
        # Markdown, not HTML: finalize=markdown_escape escapes for both instead.
        autoescape=False,  # noqa: S701
        finalize=markdown_escape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        exact=_number_filter(NumberFormat.EXACT),
        compact=_number_filter(NumberFormat.COMPACT),
        floor=_number_filter(NumberFormat.FLOOR),
        repo_link=repo_link,
    )
    return env


def template_names(directories: Sequence[Path]) -> list[str]:
    """The region templates available (``NAME`` of each ``NAME.md.j2``)."""
    return sorted({p.name.removesuffix(".md.j2") for d in directories for p in d.glob("*.md.j2")})


def render_region_template(
    directories: Sequence[Path],
    name: str,
    params: Mapping[str, str],
    stats: Stats,
    page_keys: Collection[str] | None = None,
) -> str:
    """Render ``NAME.md.j2`` (the first found in ``directories``) for one region.

    Raises ``MarkerError`` without a place (the caller knows the file and line) for an
    unknown template, a template syntax error, a failed render (a missing parameter) or a
    template listing contributions without ``user=``; ``NoFigures`` when the stats file
    has no contributions for that user.
    """
    env = _environment(tuple(directories))
    try:
        template = env.get_template(f"{name}.md.j2")
    except jinja2.TemplateNotFound:
        known = ", ".join(template_names(directories)) or "none"
        raise MarkerError(f"unknown template {name!r} (known: {known})") from None
    except jinja2.TemplateSyntaxError as exc:
        raise MarkerError(f"template {name!r} line {exc.lineno}: {exc.message}") from None
    uses_contributions = "contributions" in _variables(env, template)
    user = params.get("user")
    if uses_contributions and not user:
        raise MarkerError(f"template {name!r} lists a user's contributions: add user=LOGIN")
    rows = contribution_rows(stats, user, page_keys) if user else []
    if uses_contributions and not rows:
        raise NoFigures(f"no contribution searches by {user} in the stats file")
    context: dict[str, Any] = {"params": dict(params), "user": user, "contributions": rows}
    try:
        return template.render(context)
    except jinja2.TemplateError as exc:
        raise MarkerError(f"template {name!r}: {exc}") from None


def _variables(env: jinja2.Environment, template: jinja2.Template) -> frozenset[str]:
    """The context names a template reads (from its source, parsed once per file)."""
    if template.filename is None:
        return frozenset()
    return _variables_of(env, template.filename)


@cache
def _variables_of(env: jinja2.Environment, filename: str) -> frozenset[str]:
    source = Path(filename).read_text(encoding="utf-8")
    return frozenset(jinja2.meta.find_undeclared_variables(env.parse(source)))
