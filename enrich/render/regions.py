"""Managed regions: the HTML-comment markers in a page whose inner text enrich rewrites.

Syntax (a comment Hugo and GitHub do not show)::

    <!-- enrich:FIGURE TARGET [QUALIFIER:VALUE ...] [format=FORMAT] -->TEXT<!-- /enrich -->
    <!-- enrich:template NAME [KEY=VALUE ...] -->TEXT<!-- /enrich -->

TARGET is ``owner/repo`` (a repository), ``login`` (a user or organisation) or ``-`` (no
scope). Search qualifiers after the target (``author:x is:pr``) make the target a search:
scoped to the repository for ``owner/repo``, as written for ``-`` (``- org:vllm-project
author:x``). A login followed by qualifiers is refused (ambiguous: write ``- user:x`` or
``- org:x``). Free search text is not supported in markers.

A comment is a marker when its text starts with ``enrich:`` or ``/enrich``; markers inside
code (fenced, indented, inline) and in front matter are ignored, so a page may show the
syntax. Unbalanced, nested or unknown markers, and an option given twice, raise
``MarkerError`` naming file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from enrich.errors import MarkerError
from enrich.page import BOM, LineIndex, front_matter_span
from enrich.render.code_mask import live_comments
from enrich.render.numbers import NumberFormat
from enrich.scan.refs import Kind, Ref, SearchQuery, item_key


@dataclass(frozen=True, slots=True)
class FigureSpec:
    """What a marker figure reads: the target kind, the stats figure and its default format."""

    kind: Kind
    stat: str
    default_format: NumberFormat


FIGURES: Mapping[str, FigureSpec] = {
    "stars": FigureSpec(Kind.REPO, "stars", NumberFormat.COMPACT),
    "forks": FigureSpec(Kind.REPO, "forks", NumberFormat.COMPACT),
    "watchers": FigureSpec(Kind.REPO, "watchers", NumberFormat.COMPACT),
    "open_issues": FigureSpec(Kind.REPO, "open_issues", NumberFormat.EXACT),
    "contributions": FigureSpec(Kind.SEARCH, "count", NumberFormat.FLOOR),
    "prs": FigureSpec(Kind.SEARCH, "prs", NumberFormat.FLOOR),
    "merged_prs": FigureSpec(Kind.SEARCH, "merged_prs", NumberFormat.FLOOR),
    "issues": FigureSpec(Kind.SEARCH, "issues", NumberFormat.FLOOR),
    "followers": FigureSpec(Kind.USER, "followers", NumberFormat.COMPACT),
    "public_repos": FigureSpec(Kind.USER, "public_repos", NumberFormat.EXACT),
    "total_stars": FigureSpec(Kind.USER, "total_stars", NumberFormat.COMPACT),
}
"""Number figures a marker may name (``template`` is the one other figure)."""

TEMPLATE = "template"

_CANDIDATE = re.compile(r"<!--[ \t]*(?:enrich:|/enrich\b)")
_MARKER = re.compile(r"<!--[ \t]*(/?)enrich(:?)([^\r\n]*?)-->")
_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
_REPO = re.compile(r"[A-Za-z0-9._-]{1,100}")
_QUALIFIER = re.compile(r"([A-Za-z][A-Za-z_-]*):(\S+)")
_OPTION = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)=(\S*)")
_COMMENT = re.compile(r"<!--.*?-->")
_TEMPLATE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_CONTAINER_PREFIX = re.compile(r"\ufeff?[ \t]*(?:(?:[-+*]|\d{1,9}[.)]|>)[ \t]*)*")
"""What may precede a block on its line: indentation, list item and block quote markers."""


@dataclass(frozen=True, slots=True)
class Target:
    """What a number marker reads: a repository, a user or a search."""

    kind: Kind
    owner: str | None = None
    repo: str | None = None
    query: SearchQuery | None = None

    @property
    def key(self) -> str:
        """The stats key, the same one a link to the same thing gets (``Ref.key``)."""
        return item_key(self.kind, self.owner, self.repo, query=self.query)


@dataclass(frozen=True, slots=True)
class Region:
    """One managed region: ``text[start:end]`` is the inner text enrich replaces.

    ``marker_start``..``start`` is the opening marker, ``end``..``marker_end`` the closing
    one. ``line``/``column`` (1-based) locate the opening marker. ``format`` is the one
    written in the marker, ``None`` for the default. Template regions have ``target`` None.
    """

    figure: str
    target: Target | None
    format: NumberFormat | None
    marker_start: int
    start: int
    end: int
    marker_end: int
    line: int
    column: int
    template: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    starts_html_block: bool = False
    """The marker begins its line's content and text follows it on that line: CommonMark
    makes the line a raw HTML block, so GitHub shows its Markdown (links, emphasis)
    literally and Hugo drops the line unless unsafe HTML is on. ``render`` warns about it.
    (A marker alone on its line, as around a multi-line template region, is harmless.)"""

    @property
    def key(self) -> str | None:
        """The stats key of the target (``None`` for a template region)."""
        return None if self.target is None else self.target.key

    @property
    def stat(self) -> str | None:
        """The stats figure this region shows (``count`` for ``contributions``)."""
        spec = FIGURES.get(self.figure)
        return None if spec is None else spec.stat

    def param(self, name: str) -> str | None:
        """One template parameter, ``None`` when absent."""
        for key, value in self.params:
            if key == name:
                return value
        return None


def parse_regions(text: str, *, path: Path | str = "<page>") -> list[Region]:
    """Every managed region of a page, in document order (raises ``MarkerError``)."""
    candidates = [m.start() for m in _CANDIDATE.finditer(text)]
    if not candidates:
        return []
    span = front_matter_span(text)
    body_start = span[1] if span is not None else (1 if text.startswith(BOM) else 0)
    lines = LineIndex(text)
    regions: list[Region] = []
    opened: tuple[int, int, _Opening] | None = None  # (marker_start, inner_start, parsed)
    for offset in live_comments(text, candidates, body_start):
        line, _ = lines.line_col(offset)
        match = _MARKER.match(text, offset)
        if match is None:
            raise MarkerError(
                "malformed marker: no closing '-->' on its line", path=path, line=line
            )
        if match.group(1):  # a closing marker
            if match.group(2) or match.group(3).strip():
                raise MarkerError(
                    "malformed closing marker: write <!-- /enrich -->", path=path, line=line
                )
            if opened is None:
                raise MarkerError(
                    "closing marker <!-- /enrich --> without an opening marker",
                    path=path,
                    line=line,
                )
            marker_start, inner_start, parsed = opened
            open_line, column = lines.line_col(marker_start)
            prefix = text[text.rfind("\n", 0, marker_start) + 1 : marker_start]
            regions.append(
                Region(
                    figure=parsed.figure,
                    target=parsed.target,
                    format=parsed.format,
                    marker_start=marker_start,
                    start=inner_start,
                    end=offset,
                    marker_end=match.end(),
                    line=open_line,
                    column=column,
                    template=parsed.template,
                    params=parsed.params,
                    starts_html_block=_CONTAINER_PREFIX.fullmatch(prefix) is not None
                    and _visible_after(text, inner_start),
                )
            )
            opened = None
            continue
        if opened is not None:
            raise MarkerError(
                f"nested marker: a region opened at line {lines.line_col(opened[0])[0]} "
                "is not closed yet",
                path=path,
                line=line,
            )
        try:
            parsed = _parse_opening(match.group(3))
        except ValueError as exc:
            raise MarkerError(str(exc), path=path, line=line) from None
        opened = (offset, match.end(), parsed)
    if opened is not None:
        raise MarkerError(
            "marker is never closed: add <!-- /enrich --> after its text",
            path=path,
            line=lines.line_col(opened[0])[0],
        )
    return regions


def _visible_after(text: str, start: int) -> bool:
    """Whether the rest of the line from ``start`` holds anything but comments."""
    end = text.find("\n", start)
    rest = text[start : len(text) if end < 0 else end]
    return bool(_COMMENT.sub("", rest).strip())


def region_refs(regions: Iterable[Region], text: str) -> list[Ref]:
    """Synthetic references for the targets markers name, so ``fetch`` fetches them too.

    Each ``Ref`` points at its opening marker (``url`` is the marker's text, ``source`` is
    ``"marker"``); template regions name no single target and yield none.
    """
    refs = []
    for region in regions:
        target = region.target
        if target is None:
            continue
        refs.append(
            Ref(
                kind=target.kind,
                url=text[region.marker_start : region.start],
                start=region.marker_start,
                end=region.start,
                line=region.line,
                column=region.column,
                owner=target.owner,
                repo=target.repo,
                query=target.query,
                source="marker",
            )
        )
    return refs


@dataclass(frozen=True, slots=True)
class _Opening:
    figure: str
    target: Target | None
    format: NumberFormat | None
    template: str | None = None
    params: tuple[tuple[str, str], ...] = ()


def _parse_opening(body: str) -> _Opening:
    """Parse the text after ``enrich:`` (raises ``ValueError`` with a one-line reason)."""
    words = body.split()
    figure = words[0] if words else ""
    if figure == TEMPLATE:
        return _parse_template(words[1:])
    spec = FIGURES.get(figure)
    if spec is None:
        known = ", ".join([*FIGURES, TEMPLATE])
        raise ValueError(f"unknown figure {figure!r} (known: {known})")
    if len(words) < 2:
        raise ValueError(f"marker {figure!r} needs a target (owner/repo, login or -)")
    target_word, rest = words[1], words[2:]
    qualifiers: dict[str, list[str]] = {}
    fmt: NumberFormat | None = None
    for word in rest:
        option = _OPTION.fullmatch(word)
        if option is not None:
            name, value = option.groups()
            if name != "format":
                raise ValueError(f"unknown option {name!r} (only format= is allowed here)")
            if fmt is not None:
                raise ValueError(f"format= given twice ({fmt.value!r}, then {value!r}): keep one")
            try:
                fmt = NumberFormat(value)
            except ValueError:
                choices = ", ".join(f.value for f in NumberFormat)
                raise ValueError(f"bad format {value!r} (one of: {choices})") from None
            continue
        qualifier = _QUALIFIER.fullmatch(word)
        if qualifier is None:
            raise ValueError(f"unexpected {word!r}: expected QUALIFIER:VALUE or format=...")
        qualifiers.setdefault(qualifier.group(1).lower(), []).append(qualifier.group(2))
    target = _parse_target(target_word, qualifiers)
    if target.kind is not spec.kind:
        wants = {
            Kind.REPO: "an owner/repo target without qualifiers",
            Kind.USER: "a login target without qualifiers",
            Kind.SEARCH: "a search: owner/repo or - followed by qualifiers such as author:x",
        }[spec.kind]
        raise ValueError(f"figure {figure!r} needs {wants}")
    return _Opening(figure=figure, target=target, format=fmt)


def _parse_target(word: str, qualifiers: dict[str, list[str]]) -> Target:
    query = None
    if qualifiers:
        query = SearchQuery(tuple((name, tuple(values)) for name, values in qualifiers.items()))
    if word == "-":
        if query is None:
            raise ValueError("target '-' (an unscoped search) needs qualifiers such as author:x")
        return Target(Kind.SEARCH, query=query)
    owner, slash, repo = word.partition("/")
    if not _OWNER.fullmatch(owner) or (slash and not _REPO.fullmatch(repo)):
        raise ValueError(f"bad target {word!r}: expected owner/repo, login or -")
    if slash:
        kind = Kind.SEARCH if query is not None else Kind.REPO
        return Target(kind, owner=owner, repo=repo, query=query)
    if query is not None:
        raise ValueError(
            f"a search needs an owner/repo target or '-': write '- user:{owner}' or "
            f"'- org:{owner}' for a search across an account"
        )
    return Target(Kind.USER, owner=owner)


def _parse_template(words: list[str]) -> _Opening:
    if not words or not _TEMPLATE_NAME.fullmatch(words[0]):
        raise ValueError("template marker needs a template name: enrich:template NAME KEY=VALUE")
    params: list[tuple[str, str]] = []
    for word in words[1:]:
        option = _OPTION.fullmatch(word)
        if option is None:
            raise ValueError(f"unexpected {word!r} in a template marker: expected KEY=VALUE")
        name, value = option.groups()
        if any(name == seen for seen, _ in params):
            raise ValueError(f"{name}= given twice in a template marker: keep one")
        params.append((name, value))
    return _Opening(
        figure=TEMPLATE, target=None, format=None, template=words[0], params=tuple(params)
    )
