"""Where inline Markdown is: a fast line pass that skips code blocks and HTML comments.

``inline_ranges`` yields the ``(start, end)`` spans of the page that hold inline content
(paragraphs, list items, headings, table rows, raw HTML), leaving out fenced and indented
code blocks and block-level HTML comments. ``visible_spans`` then removes inline code spans
and inline HTML comments from one such range. Together they decide what a reader sees as
text or markup, which is where references live.

This follows CommonMark 0.31 (and GFM) for the parts that matter here: fences (``` and ~~~,
closing fence at least as long, ended by the end of their container), indented code (four
columns past the enclosing list item's content, never interrupting a paragraph), list items
as containers, block quotes, HTML block type 2 (``<!--`` to the line holding ``-->``), code
spans (matching backtick runs of equal length within one paragraph) and backslash escapes.
It is deliberately not a full parser: markdown-it-py's block parser alone ran at ~3 MB/s on
the benchmark page, while this pass stays above 10 MB/s with the URL pass included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_FENCE = re.compile(r"(`{3,})[^`]*$|(~{3,}).*$")
_LIST_ITEM = re.compile(r"(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_THEMATIC_BREAK = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_HEADING = re.compile(r"#{1,6}(?=[ \t]|$)")
_INLINE = re.compile(r"(?:\\|`|<!--)")  # a group keeps the fast literal scan
_BACKTICKS = re.compile("`+")
_CLOSERS: dict[int, re.Pattern[str]] = {}

# Line kinds remembered between lines: an indented line after a paragraph line continues
# the paragraph (lazy continuation) instead of starting indented code.
_BLANK, _PARA, _OTHER = 0, 1, 2


def inline_ranges(text: str, pos: int = 0) -> Iterator[tuple[int, int]]:
    """Spans of ``text[pos:]`` that hold inline content, in order, code blocks left out.

    A span never crosses a blank line or a block start (list item, heading, fence), so a
    code span or inline comment cannot pair across blocks.
    """
    n = len(text)
    lists: list[int] = []  # content columns of the open list items, innermost last
    prev = _BLANK
    run_start = -1  # the inline span being grown, -1 when none
    run_end = -1
    while pos < n:
        newline = text.find("\n", pos)
        end = n if newline < 0 else newline + 1
        line_end = end - 1 if newline >= 0 else n
        if line_end > pos and text[line_end - 1] == "\r":
            line_end -= 1
        quotes, indent, cs = _measure(text, pos, line_end)
        if cs >= line_end:  # blank line
            if run_start >= 0:
                yield run_start, run_end
                run_start = -1
            prev = _BLANK
            pos = end
            continue
        if prev != _PARA or _starts_block(text, cs, line_end):
            while lists and indent < lists[-1]:
                lists.pop()
        base = lists[-1] if lists else 0
        rel = indent - base
        if rel >= 4 and prev != _PARA:
            if run_start >= 0:
                yield run_start, run_end
                run_start = -1
            pos = _skip_indented_code(text, end, base)
            prev = _OTHER
            continue
        first = text[cs]
        if first in "`~" and rel <= 3 and _FENCE.match(text, cs, line_end):
            if run_start >= 0:
                yield run_start, run_end
                run_start = -1
            pos = _skip_fence(text, cs, line_end, end, quotes, base)
            prev = _OTHER
            continue
        if first == "<" and rel <= 3 and text.startswith("<!--", cs):
            if run_start >= 0:
                yield run_start, run_end
                run_start = -1
            close = text.find("-->", cs + 2)
            if close < 0:
                return  # an unterminated comment hides the rest of the page
            after = close + 3
            eol = text.find("\n", after)
            eol = n if eol < 0 else eol + 1
            if after < eol:
                run_start, run_end = after, eol
            pos = eol
            prev = _OTHER
            continue
        item = _LIST_ITEM.match(text, cs, line_end) if first in "-+*0123456789" else None
        if item is not None and not _THEMATIC_BREAK.match(text, cs, line_end):
            if run_start >= 0:
                yield run_start, run_end
            content = item.end()
            spaces = _columns(text, content, line_end)
            if spaces == 0 or spaces > 4 or content + spaces >= line_end:
                spaces = 1
            lists.append(indent + (item.end() - cs) + spaces)
            inner = content
            while inner < line_end and text[inner] in " \t":
                inner += 1
            if inner < line_end and text[inner] in "`~" and _FENCE.match(text, inner, line_end):
                pos = _skip_fence(text, inner, line_end, end, quotes, lists[-1])
                run_start = -1
                prev = _OTHER
                continue
            run_start, run_end = pos, end
            prev = _PARA if inner < line_end else _BLANK
            pos = end
            continue
        if first == "#" and _HEADING.match(text, cs, line_end):
            if run_start >= 0:
                yield run_start, run_end
            run_start, run_end = pos, end
            prev = _OTHER
            pos = end
            continue
        if run_start >= 0 and prev == _PARA:
            run_end = end
        else:
            if run_start >= 0:
                yield run_start, run_end
            run_start, run_end = pos, end
        prev = _PARA
        pos = end
    if run_start >= 0:
        yield run_start, run_end


def _measure(text: str, pos: int, line_end: int) -> tuple[int, int, int]:
    """``(block-quote depth, indent columns after the quotes, first content offset)``."""
    quotes = 0
    col = 0
    i = pos
    while i < line_end:
        ch = text[i]
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        elif ch == ">" and col <= 3:
            quotes += 1
            col = 0
            if i + 1 < line_end and text[i + 1] == " ":
                i += 1
        else:
            break
        i += 1
    return quotes, col, i


def _columns(text: str, pos: int, line_end: int) -> int:
    """Columns of whitespace at ``pos`` (tabs to the next multiple of four)."""
    col = 0
    while pos < line_end:
        ch = text[pos]
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
        pos += 1
    return col


def _starts_block(text: str, cs: int, line_end: int) -> bool:
    """Whether a line may interrupt a paragraph (so it is no lazy continuation)."""
    first = text[cs]
    if first in "-+*0123456789":
        return _LIST_ITEM.match(text, cs, line_end) is not None or bool(
            _THEMATIC_BREAK.match(text, cs, line_end)
        )
    if first == "#":
        return _HEADING.match(text, cs, line_end) is not None
    if first in "`~":
        return _FENCE.match(text, cs, line_end) is not None
    return first == "_" and _THEMATIC_BREAK.match(text, cs, line_end) is not None


def _skip_fence(text: str, cs: int, line_end: int, pos: int, quotes: int, base: int) -> int:
    """Offset after a fenced code block opened at ``cs`` (the opening line ends at ``pos``).

    It closes at a fence of the same character, at least as long, indented at most three
    columns past its container; or where its container ends (fewer ``>`` or a non-blank
    line left of the list item's content); or at the end of the page.
    """
    opener = _FENCE.match(text, cs, line_end)
    assert opener is not None
    fence = opener.group(1) or opener.group(2)
    char, length = fence[0], len(fence)
    n = len(text)
    while pos < n:
        newline = text.find("\n", pos)
        end = n if newline < 0 else newline + 1
        stop = end - 1 if newline >= 0 else n
        if stop > pos and text[stop - 1] == "\r":
            stop -= 1
        line_quotes, indent, first = _measure(text, pos, stop)
        if first < stop:
            if line_quotes < quotes or indent < base:
                return pos  # the container ended, and the fence with it
            if indent - base <= 3 and text[first] == char:
                run = first
                while run < stop and text[run] == char:
                    run += 1
                if run - first >= length and not text[run:stop].strip():
                    return end
        pos = end
    return n


def _skip_indented_code(text: str, pos: int, base: int) -> int:
    """Offset of the first line after an indented code block (blank lines stay inside)."""
    n = len(text)
    while pos < n:
        newline = text.find("\n", pos)
        end = n if newline < 0 else newline + 1
        stop = end - 1 if newline >= 0 else n
        _, indent, first = _measure(text, pos, stop)
        if first < stop and text[first] != "\r" and indent - base < 4:
            return pos
        pos = end
    return n


def visible_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sub-spans of one inline range with code spans and HTML comments cut out.

    A backtick run opens a code span only if a run of the same length follows in the range
    (else it is literal); ``<!--`` opens a comment only if ``-->`` follows (CommonMark 0.31
    also accepts ``<!-->`` and ``<!--->``). A backslash escapes the next character.
    """
    cursor = pos = start
    unmatched: set[int] = set()  # backtick run lengths known to have no closer ahead
    while True:
        token = _INLINE.search(text, pos, end)
        if token is None:
            break
        lead = text[token.start()]
        if lead == "\\":
            pos = token.end() + 1
            continue
        if lead == "`":
            run = _BACKTICKS.match(text, token.start(), end)
            assert run is not None
            size = run.end() - run.start()
            closer = None if size in unmatched else _closer(size).search(text, run.end(), end)
            if closer is None:
                unmatched.add(size)
                pos = run.end()
                continue
            stop = closer.end()
        else:
            close = text.find("-->", token.start() + 2, end)
            if close < 0:
                pos = token.end()
                continue
            stop = close + 3
        if token.start() > cursor:
            yield cursor, token.start()
        cursor = pos = stop
    if cursor < end:
        yield cursor, end


def _closer(size: int) -> re.Pattern[str]:
    pattern = _CLOSERS.get(size)
    if pattern is None:
        pattern = _CLOSERS[size] = re.compile(f"(?<!`)`{{{size}}}(?!`)")
    return pattern
