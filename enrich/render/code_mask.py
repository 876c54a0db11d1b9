"""Where a Markdown page has code, so markers shown *as code* are never treated as markers.

A page that documents the marker syntax (in a fenced or indented code block, or in an
inline code span) must not be rewritten. ``code_spans`` returns the character ranges of
all code in a text; ``raw_html_block_starts`` the lines where CommonMark starts a raw HTML
block (a line beginning with ``<!--`` is one, which matters for markers: see
``enrich.render.page_render``).

Block structure comes from markdown-it-py (CommonMark, block rules only: inline parsing is
not needed and would triple the cost); inline code spans are found by a small scan of each
paragraph or heading that follows CommonMark's precedence (a backtick run opens a span
unless an HTML comment started first; the span closes at the next run of equal length).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt

_NEWLINE = re.compile(r"\r\n?|\n")
_INLINE_TOKEN = re.compile(r"`+|<!--")


@cache
def _block_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.disable(["inline", "text_join"])
    return md


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins (``\\n``, ``\\r\\n`` and ``\\r`` end lines, as in
    CommonMark)."""
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def line_of(starts: Sequence[int], offset: int) -> int:
    """The 1-based line holding ``offset``."""
    return bisect.bisect_right(starts, offset)


@dataclass(frozen=True, slots=True)
class CodeMap:
    """Code ranges of a text, sorted and disjoint, plus raw-HTML block starts (0-based lines)."""

    ranges: tuple[tuple[int, int], ...]
    html_block_lines: frozenset[int]

    def is_code(self, offset: int) -> bool:
        """Whether ``offset`` falls inside code."""
        index = bisect.bisect_right(self.ranges, (offset, float("inf"))) - 1
        return index >= 0 and self.ranges[index][0] <= offset < self.ranges[index][1]


def code_map(text: str, *, skip_lines: int = 0) -> CodeMap:
    """Find the code in ``text``; its first ``skip_lines`` lines (front matter) are not Markdown.

    A leading byte-order mark is ignored.
    """
    starts = line_starts(text)
    body_from = starts[skip_lines] if skip_lines < len(starts) else len(text)
    # Same line numbers as ``text``: front matter lines become blank, the BOM goes.
    source = "\n" * skip_lines + text[body_from:]
    source = source.removeprefix("\ufeff")

    def offset(line: int) -> int:
        return starts[line] if line < len(starts) else len(text)

    ranges: list[tuple[int, int]] = []
    html_lines: set[int] = set()
    for token in _block_parser().parse(source):
        if token.map is None:
            continue
        first, last = token.map
        if token.type in ("fence", "code_block"):
            ranges.append((offset(first), offset(last)))
        elif token.type == "html_block":
            html_lines.add(first)
        elif token.type == "inline":
            ranges.extend(_inline_code(text, offset(first), offset(last)))
    ranges.sort()
    return CodeMap(tuple(ranges), frozenset(html_lines))


def _inline_code(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans between ``start`` and ``end`` (one paragraph or heading)."""
    found: list[tuple[int, int]] = []
    pos = start
    while True:
        match = _INLINE_TOKEN.search(text, pos, end)
        if match is None:
            return found
        if match.group() == "<!--":
            close = text.find("-->", match.end(), end)
            pos = match.end() if close == -1 else close + 3
            continue
        run_start, run_end = match.span()
        backslash = run_start
        while backslash > start and text[backslash - 1] == "\\":
            backslash -= 1
        if (run_start - backslash) % 2 == 1:
            run_start += 1  # an escaped backtick is literal; the rest of the run may open
            if run_start == run_end:
                pos = run_end
                continue
        width = run_end - run_start
        closer = re.compile(rf"(?<!`)`{{{width}}}(?!`)").search(text, run_end, end)
        if closer is None:
            pos = run_end
            continue
        found.append((run_start, closer.end()))
        pos = closer.end()
