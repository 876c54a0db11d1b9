"""Propose managed-region markers for a page written without them (``enrich annotate``).

Two patterns, found with the scanner's references (``enrich.scan``):

- a **repository heading**: after each repository link in an ATX heading, append
  `` · ★ <!-- enrich:stars OWNER/REPO -->N<!-- /enrich -->``, or, when the heading already
  shows a star count right after the link (``★ 6k``, ``⭐ 1,234``), wrap that number;
- a **counted search link**: a number such as ``30+``, ``1,234`` or ``1.2k`` written before
  a search link on the same line (``30+ [contributions](…/issues?q=author:me)``,
  ``100+ merged pull requests: see [mine](…)``) is wrapped in a marker for that search. A
  search with an ``is:`` qualifier already counts what it means (``contributions``, its
  count); otherwise the words between the number and the link's text pick the figure
  (``merged`` → ``merged_prs``, ``PR``/``pull request`` → ``prs``, ``issue`` → ``issues``,
  else ``contributions``). The number's shape picks the format (``+`` → floor, ``k``/``M``
  → compact, else exact).

Nothing is proposed twice (an existing marker for the same figure and target on the line
wins), inside an existing region, or where the marker would begin the line's content: a
line that starts with ``<!--`` becomes a raw HTML block in CommonMark, so its links would
stop rendering; such places get a note instead. A search with free text or a qualifier
value holding spaces cannot be written as a marker and is skipped with a note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from enrich.page import Edit, LineIndex
from enrich.render.numbers import NumberFormat, format_number
from enrich.render.page_render import figure_value
from enrich.render.regions import FIGURES, parse_regions
from enrich.scan.refs import Kind, Ref
from enrich.stats import Stats

_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?[kKM]?)(\+?)(?=[ \t*_\r\n]|$)")
_LINK_OPEN = re.compile(r"\[[^\]\r\n]*$")
_CONTAINER_PREFIX = re.compile(r"\ufeff?[ \t]*(?:(?:[-+*]|\d{1,9}[.)]|>)[ \t]+)*")
_STAR_COUNT = re.compile(r"[ \t]*(?:·[ \t]*)?(?:★|⭐|:star:)[ \t]*")
_AFTER_STAR_COUNT = re.compile(r"[ \t]*(?:stars?\b|[·|•(–—-]|\r|\n|$)", re.IGNORECASE)
"""What may follow a heading's star count: the line's end, "stars" or a separator (not
"★ 2024 roadmap", a number that is part of the heading's words)."""
_MAX_GAP = 80  # characters between a number and its link that still read as one phrase


@dataclass(frozen=True, slots=True)
class Proposal:
    """The markers proposed for one page (``edits`` over its text) and why others were not."""

    edits: list[Edit]
    notes: list[str]


def propose_markers(
    text: str, refs: Sequence[Ref], stats: Stats | None = None, *, path: str = "<page>"
) -> Proposal:
    """Markers for ``text`` given its scanned ``refs`` (raises ``MarkerError`` on bad markers).

    A proposed region's text is the figure from ``stats`` in the region's format when
    known, else the page's own number (``30+``) or ``…`` for a new star figure.
    """
    regions = parse_regions(text, path=path)
    inside = [(r.marker_start, r.marker_end) for r in regions]
    existing = {(r.line, r.figure, r.key) for r in regions}
    lines = LineIndex(text)
    edits: list[Edit] = []
    notes: list[str] = []
    done: set[tuple[int, str, str]] = set()
    for ref in refs:
        if any(start <= ref.start < end for start, end in inside):
            continue
        line, _ = lines.line_col(ref.start)
        line_start = text.rfind("\n", 0, ref.start) + 1
        if ref.kind is Kind.REPO and ref.source == "link":
            if not _HEADING.match(text, line_start):
                continue
            target = ref.full_name
            assert target is not None
            key = (line, "stars", ref.key)
            if key in existing or key in done:
                continue
            close = text.find(")", ref.end)
            if close < 0 or "\n" in text[ref.end : close]:
                continue
            star = _STAR_COUNT.match(text, close + 1)
            number = _NUMBER.match(text, star.end()) if star is not None else None
            if number is not None and not _AFTER_STAR_COUNT.match(text, number.end()):
                number = None
            if number is not None:  # the heading shows a count already: wrap it
                fmt = _format_of(number)
                option = "" if fmt is FIGURES["stars"].default_format else f" format={fmt.value}"
                shown = _shown(stats, ref.key, "stars", fmt) or number.group()
                marker = f"<!-- enrich:stars {target}{option} -->{shown}<!-- /enrich -->"
                edits.append(Edit(number.start(), number.end(), marker))
            else:
                shown = _shown(stats, ref.key, "stars", NumberFormat.COMPACT) or "…"
                marker = f" · ★ <!-- enrich:stars {target} -->{shown}<!-- /enrich -->"
                edits.append(Edit(close + 1, close + 1, marker))
            done.add(key)
        elif ref.kind is Kind.SEARCH and ref.source in ("link", "autolink"):
            proposal = _counted_search(text, ref, line, line_start, stats, path)
            if isinstance(proposal, str):
                if proposal:
                    notes.append(proposal)
                continue
            figure, edit = proposal
            key = (line, figure, ref.key)
            if key in existing or key in done:
                continue
            edits.append(edit)
            done.add(key)
    return Proposal(edits, notes)


def _counted_search(
    text: str, ref: Ref, line: int, line_start: int, stats: Stats | None, path: str
) -> tuple[str, Edit] | str:
    """The marker wrapping the number before a search link, or a note ("" for none)."""
    link_start = ref.start
    if ref.source == "link":
        bracket = _LINK_OPEN.search(text, line_start, ref.start - 2)
        if bracket is None or text[ref.start - 2 : ref.start] != "](":
            return ""
        link_start = bracket.start()
    elif ref.source == "autolink":
        link_start = ref.start - 1
    window_start = max(line_start, link_start - _MAX_GAP)
    numbers = list(_NUMBER.finditer(text, window_start, link_start))
    if not numbers:
        return ""
    number = numbers[-1]
    between = text[number.end() : link_start]
    if "](" in between or "<" in between:
        return ""  # another link or tag sits between: the number is not this link's
    target = _marker_target(ref)
    if target is None:
        return (
            f"{path}:{line}: {number.group()!r} counts a search with free text or spaced "
            "values, which a marker cannot name: left as is"
        )
    if _CONTAINER_PREFIX.fullmatch(text, line_start, number.start()):
        return (
            f"{path}:{line}: {number.group()!r} begins the line: a marker there would make "
            "CommonMark render the line as raw HTML (its links would stop working); "
            "put a word before the number (e.g. 'Over') and run annotate again"
        )
    assert ref.query is not None
    if ref.query.get("is"):
        figure = "contributions"  # the search already counts PRs, merged PRs or issues
    else:
        figure = _figure_for((between + text[link_start : ref.start]).lower())
    fmt = _format_of(number)
    option = "" if fmt is FIGURES[figure].default_format else f" format={fmt.value}"
    shown = _shown(stats, ref.key, FIGURES[figure].stat, fmt) or number.group()
    marker = f"<!-- enrich:{figure} {target}{option} -->{shown}<!-- /enrich -->"
    return figure, Edit(number.start(), number.end(), marker)


def _format_of(number: re.Match[str]) -> NumberFormat:
    """The format a written number is in: ``30+`` floor, ``1.2k`` compact, else exact."""
    if number.group(2):
        return NumberFormat.FLOOR
    return NumberFormat.COMPACT if number.group(1)[-1] in "kKM" else NumberFormat.EXACT


def _figure_for(words: str) -> str:
    if "merged" in words:
        return "merged_prs"
    if re.search(r"\bprs?\b|pull request", words):
        return "prs"
    if "issue" in words:
        return "issues"
    return "contributions"


def _marker_target(ref: Ref) -> str | None:
    """``owner/repo qualifiers...`` (or ``- qualifiers...``) naming the ref's search."""
    query = ref.query
    if query is None or query.text:
        return None
    words = []
    for name, values in query.qualifiers:
        for value in values:
            if not value or any(ch.isspace() for ch in value):
                return None
            if (
                name == "repo"
                and ref.repo is not None
                and value.lower() == (f"{ref.owner}/{ref.repo}".lower())
            ):
                continue
            words.append(f"{name}:{value}")
    if not words:
        return None
    return " ".join([ref.full_name or "-", *words])


def _shown(stats: Stats | None, key: str, stat: str, fmt: NumberFormat) -> str | None:
    if stats is None:
        return None
    value = figure_value(stats, key, stat)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value, fmt)
    return None
