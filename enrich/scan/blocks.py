"""Where inline Markdown is: a fast line pass that skips code blocks and HTML comments.

``inline_ranges`` yields the ``(start, end)`` spans of the page that hold inline content
(paragraphs, list items, headings, table rows, raw HTML), leaving out fenced and indented
code blocks and block-level HTML comments. ``visible_spans`` then removes inline code spans
and inline HTML comments from one such range. Together they decide what a reader sees as
text or markup, which is where references live.

This follows CommonMark 0.31 (and GFM) for the parts that matter here: container blocks
(block quotes and list items, with lazy paragraph continuation), fences (``` and ~~~,
closed by a fence at least as long, or by the end of their container), indented code (four
columns past the container's content, never interrupting a paragraph; a list item opening
with five spaces), HTML block type 2 (``<!--`` to the line holding ``-->``) and type 1
(``<pre``, ``<script``, ``<style``, ``<textarea`` to the line holding a closing tag: raw
text, never links, where a ``git clone https://...`` often sits), HTML block type 6 (a
line opening with a block tag such as ``<div>`` or ``<details>``, raw HTML up to a blank
line, where a ```` ``` ```` line opens no fence), setext
underlines, code spans (matching backtick runs of equal length within one paragraph) and
backslash escapes. tests/scan/test_scan_oracle.py checks it against markdown-it-py on
random nested documents. It is deliberately not a full parser: markdown-it-py's block parser
alone ran at ~3 MB/s on the benchmark page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_FENCE = re.compile(r"(`{3,})[^`]*$|(~{3,}).*$")
_LIST_ITEM = re.compile(r"(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_THEMATIC_BREAK = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_HEADING = re.compile(r"#{1,6}(?=[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
_BACKTICKS = re.compile("`+")
_RAW_OPEN = re.compile(r"<(?:pre|script|style|textarea)(?=[ \t>]|$)", re.IGNORECASE)
_RAW_CLOSE = re.compile(r"</(?:pre|script|style|textarea)>", re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup"
    r"|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset"
    r"|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol"
    r"|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr"
    r"|track|ul)(?=[ \t>]|/>|$)",
    re.IGNORECASE,
)
"""The start of CommonMark's HTML block type 6 (it ends at a blank line)."""
_CLOSERS: dict[int, re.Pattern[str]] = {}

_SPECIAL_START = frozenset(" \t>-+*0123456789#`~<_=\r\n")
"""First characters that may open or close a block; any other starts plain paragraph text."""

_QUOTE = -1
"""A block quote in the container stack; list items are stored as their content width."""


def inline_ranges(text: str, pos: int = 0) -> Iterator[tuple[int, int]]:
    """Spans of ``text[pos:]`` that hold inline content, in order, code blocks left out.

    A span is one paragraph, heading or HTML line run: it never crosses a blank line or a
    block start, so a code span or inline comment cannot pair across blocks. Containers
    (block quotes, list items) are tracked as CommonMark does: each line first continues
    the open containers, the rest of the line may open new ones, then one leaf block.
    """
    n = len(text)
    containers: list[int] = []
    fence_char = ""  # the open fence, "" when none
    fence_size = fence_depth = 0
    code_depth = -1  # container depth of an open indented code block, -1 when none
    raw_depth = -1  # container depth of an open HTML block of type 1 or 2, -1 when none
    closer: str | re.Pattern[str] = "-->"  # what ends it: "-->", or a closing tag
    para = False  # a paragraph is open: lazy continuation lines extend it
    html = False  # with para: the open run is an HTML block of type 6 (only a blank line ends it)
    run_start = run_end = -1
    while pos < n:
        newline = text.find("\n", pos)
        end = n if newline < 0 else newline + 1
        line_end = n if newline < 0 else newline
        if line_end > pos and text[line_end - 1] == "\r":
            line_end -= 1
        if not containers and not fence_char and code_depth < 0 and raw_depth < 0:
            # Fast paths at the top level: an empty line, or one of plain text.
            if pos == line_end:
                if para:
                    yield run_start, run_end
                    run_start, para = -1, False
                pos = end
                continue
            if text[pos] not in _SPECIAL_START:
                if para:
                    run_end = end
                else:
                    if run_start >= 0:
                        yield run_start, run_end
                    run_start, run_end, para, html = pos, end, True, False
                pos = end
                continue
        # 1. Continue the open containers.
        i, col, matched = pos, 0, 0
        j, at = i, col  # (offset, column) of the first non-blank
        if i < line_end and text[i] in " \t":
            j, at = _skip_spaces(text, i, line_end, col)
        for width in containers:
            if width == _QUOTE:
                if at - col > 3 or j >= line_end or text[j] != ">":
                    break
                i, col = j + 1, at + 1
                if i < line_end and text[i] == " ":
                    i, col = i + 1, col + 1  # the marker's optional space
                elif i < line_end and text[i] == "\t":
                    i, col = _after_quote_tab(i, col)
                j, at = _skip_spaces(text, i, line_end, col)
            elif j < line_end:
                if at - col < width:
                    break
                i, col = _advance(text, i, col, col + width)
            matched += 1
        first = j
        blank = first >= line_end
        indent = at - col
        if matched < len(containers):
            # Lazy continuation. Under unmatched list items only, the line is judged where
            # the paragraph is (its indent counted from the innermost item's content, so
            # "# x" there is a heading), except that a list marker four columns past the
            # innermost list's own indent goes on with the paragraph; an unmatched block
            # quote keeps the indent of what matched (as markdown-it reads both).
            lazy_indent = indent
            unmatched = containers[matched:]
            if _QUOTE not in unmatched:
                inner = sum(unmatched)
                lazy_indent = max(0, indent - inner)
                if (
                    indent - (inner - unmatched[-1]) >= 4
                    and text[first] in "-+*0123456789"
                    and not _THEMATIC_BREAK.match(text, first, line_end)
                ):
                    lazy_indent = indent
            if (
                para
                and not html
                and not blank
                and not _interrupts(text, first, line_end, lazy_indent)
                and not fence_char
                and code_depth < 0
                and raw_depth < 0
            ):
                run_end = end  # a lazy continuation line of the open paragraph
                pos = end
                continue
            del containers[matched:]
            if fence_char and fence_depth > matched:
                fence_char = ""  # the fence ends with its container
            if code_depth > matched:
                code_depth = -1
            if raw_depth > matched:
                raw_depth = -1  # so does a block comment (CommonMark HTML block)
            if para:
                yield run_start, run_end
                run_start, para = -1, False
        # 2. Inside a fence, indented code or a block comment.
        if raw_depth >= 0:
            close_end = _closer_end(text, closer, pos, line_end)
            if close_end >= 0:
                raw_depth = -1
                # The rest of the block's last line (raw HTML) is a range of its own, even
                # when empty: enrich.render.code_mask relies on a range starting at the "-->".
                yield close_end, end
            pos = end
            continue
        if fence_char:
            if (
                not blank
                and indent <= 3
                and _closes_fence(text, first, line_end, fence_char, fence_size)
            ):
                fence_char = ""
            pos = end
            continue
        if code_depth >= 0:
            if blank or indent >= 4:
                pos = end
                continue
            code_depth = -1
        if blank:
            if para:
                yield run_start, run_end
                run_start, para = -1, False
            pos = end
            continue
        # 3. New containers, then one leaf block.
        while True:
            char = text[first]
            if para and html:
                run_end = end  # raw HTML up to a blank line: no block opens inside it
                break
            if para:
                if char in "=-" and indent <= 3 and _SETEXT_UNDERLINE.match(text, first, line_end):
                    yield run_start, end  # a setext heading's underline ends its paragraph
                    run_start, para = -1, False
                    break
                if not _interrupts(text, first, line_end, indent, paragraph=True):
                    run_end = end  # paragraph continuation text
                    break
                yield run_start, run_end
                run_start, para = -1, False
            if indent >= 4:
                code_depth = len(containers)
                break
            if char == ">":
                containers.append(_QUOTE)
                i, col = first + 1, at + 1
                if i < line_end and text[i] == " ":
                    i, col = i + 1, col + 1
                elif i < line_end and text[i] == "\t":
                    i, col = _after_quote_tab(i, col)
                first, at = _skip_spaces(text, i, line_end, col)
                indent = at - col
                if first >= line_end:
                    break
                continue
            item = _LIST_ITEM.match(text, first, line_end) if char in "-+*0123456789" else None
            if item is not None and not _THEMATIC_BREAK.match(text, first, line_end):
                marker_col = at + (item.end() - first)
                content, content_col = _skip_spaces(text, item.end(), line_end, marker_col)
                gap = content_col - marker_col
                if content >= line_end or gap > 4:
                    containers.append(indent + (item.end() - first) + 1)
                    if content < line_end:  # five or more spaces: the item opens with code
                        code_depth = len(containers)
                    break
                containers.append(indent + (item.end() - first) + gap)
                first, at, col, indent = content, content_col, content_col, 0
                continue
            if char in "`~":
                opener = _FENCE.match(text, first, line_end)
                if opener is not None:
                    fence = opener.group(1) or opener.group(2)
                    fence_char, fence_size, fence_depth = fence[0], len(fence), len(containers)
                    break
            if char == "<" and text.startswith("<!--", first):
                closer = "-->"
                close_end = _closer_end(text, closer, first + 2, line_end)
                if close_end < 0:
                    raw_depth = len(containers)
                else:
                    yield close_end, end  # the rest of the comment's line (see above)
                break
            if char == "<" and _RAW_OPEN.match(text, first, line_end):
                closer = _RAW_CLOSE
                close_end = _closer_end(text, closer, first, line_end)
                if close_end < 0:
                    raw_depth = len(containers)
                else:
                    yield close_end, end
                break
            if char == "<" and _BLOCK_TAG.match(text, first, line_end):
                run_start, run_end, para, html = pos, end, True, True
                break
            if char == "#" and _HEADING.match(text, first, line_end):
                yield pos, end
                break
            if _THEMATIC_BREAK.match(text, first, line_end):
                break
            run_start, run_end, para, html = pos, end, True, False
            break
        pos = end
    if para:
        yield run_start, run_end


def _closer_end(text: str, closer: str | re.Pattern[str], start: int, line_end: int) -> int:
    """Where an HTML block's end condition ends on this line (after ``-->`` or ``</pre>``),
    or -1 when the line does not hold it."""
    if isinstance(closer, str):
        at = text.find(closer, start, line_end)
        return at + len(closer) if at >= 0 else -1
    found = closer.search(text, start, line_end)
    return found.end() if found is not None else -1


def _skip_spaces(text: str, i: int, line_end: int, col: int) -> tuple[int, int]:
    """``(offset, column)`` of the first non-blank character from ``i`` (tabs to 4)."""
    while i < line_end:
        char = text[i]
        if char == " ":
            col += 1
        elif char == "\t":
            col += 4 - col % 4
        else:
            break
        i += 1
    return i, col


def _after_quote_tab(i: int, col: int) -> tuple[int, int]:
    """Take a block quote marker's optional space from the tab at offset ``i``, column ``col``.

    Only the tab's first column is taken (CommonMark 5.1), its rest still counts as
    indentation: ``>\t x`` is a paragraph, not indented code. So the tab stays in place with
    the column moved by one (``_skip_spaces`` still ends it at its tab stop), unless it is
    one column wide.
    """
    return (i + 1 if col % 4 == 3 else i), col + 1


def _advance(text: str, i: int, col: int, target: int) -> tuple[int, int]:
    """Consume whitespace from ``i`` up to column ``target``.

    A tab that reaches past ``target`` is consumed only in part (CommonMark 2.2): ``i``
    stays on it and the column is ``target``, so the next container counts the rest of its
    columns (``- - x`` then a tab-indented line continues both list items).
    """
    if text.startswith(" " * (target - col), i):
        return i + target - col, target  # spaces only: no walk, so deep nesting stays linear
    while col < target and i < len(text) and text[i] in " \t":
        if text[i] == " ":
            col += 1
        else:
            tab_end = col + 4 - col % 4
            if tab_end > target:
                return i, target
            col = tab_end
        i += 1
    return i, col


def _interrupts(
    text: str, first: int, line_end: int, indent: int, *, paragraph: bool = False
) -> bool:
    """Whether a line starting at ``first`` opens a block rather than continuing a paragraph.

    With ``paragraph`` (the paragraph is in the innermost open container), a list item
    interrupts it only if it is not empty and, when ordered, starts at 1 (CommonMark 5.3):
    ``2019. was a year`` continues the sentence before it.
    """
    if indent >= 4:
        return False
    char = text[first]
    if char == ">":
        return True
    if char in "-+*0123456789":
        if _THEMATIC_BREAK.match(text, first, line_end):
            return True
        item = _LIST_ITEM.match(text, first, line_end)
        if item is None:
            return False
        if not paragraph:
            return True
        if char in "0123456789" and text[first : item.end() - 1].lstrip("0") != "1":
            return False
        return bool(text[item.end() : line_end].strip())
    if char == "#":
        return _HEADING.match(text, first, line_end) is not None
    if char in "`~":
        return _FENCE.match(text, first, line_end) is not None
    if char == "<":
        return (
            text.startswith("<!--", first)
            or _RAW_OPEN.match(text, first, line_end) is not None
            or _BLOCK_TAG.match(text, first, line_end) is not None
        )
    return char == "_" and _THEMATIC_BREAK.match(text, first, line_end) is not None


def _closes_fence(text: str, first: int, line_end: int, char: str, size: int) -> bool:
    """A closing fence: the opening character, at least as many, then only whitespace."""
    run = first
    while run < line_end and text[run] == char:
        run += 1
    return run - first >= size and not text[run:line_end].strip()


def visible_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sub-spans of one inline range with code spans and HTML comments cut out.

    A backtick run opens a code span only if a run of the same length follows in the range
    (else it is literal); ``<!--`` opens a comment only if ``-->`` follows (CommonMark 0.31
    also accepts ``<!-->`` and ``<!--->``). A backslash escapes the next character.
    """
    if text.find("`", start, end) < 0 and text.find("<!--", start, end) < 0:
        # Most ranges: nothing to cut (a backslash alone escapes nothing that matters here).
        if start < end:
            yield start, end
        return
    cursor = pos = start
    unmatched: set[int] = set()  # backtick run lengths known to have no closer ahead
    unclosed = False  # no "-->" ahead
    # The next backslash, backtick and "<!--" at or after pos (end when none): str.find is
    # many times faster than one regex for the three, so each is only searched again once
    # pos has passed it.
    slash = tick = comment = -1
    while True:
        if slash < pos:
            slash = _find(text, "\\", pos, end)
        if tick < pos:
            tick = _find(text, "`", pos, end)
        if comment < pos:
            comment = _find(text, "<!--", pos, end)
        at = min(slash, tick, comment)
        if at >= end:
            break
        if at == slash:
            pos = at + 2
            continue
        if at == tick:
            run = _BACKTICKS.match(text, at, end)
            assert run is not None
            size = run.end() - at
            closer = None if size in unmatched else _closer(size).search(text, run.end(), end)
            if closer is None:
                unmatched.add(size)
                pos = run.end()
                continue
            stop = closer.end()
        else:
            close = -1 if unclosed else text.find("-->", at + 2, end)
            if close < 0:
                unclosed = True  # no later "<!--" in this range can close either
                pos = at + 4
                continue
            stop = close + 3
        if at > cursor:
            yield cursor, at
        cursor = pos = stop
    if cursor < end:
        yield cursor, end


def _find(text: str, token: str, pos: int, end: int) -> int:
    """``text.find(token, pos, end)``, with ``end`` for not found."""
    found = text.find(token, pos, end)
    return end if found < 0 else found


def _closer(size: int) -> re.Pattern[str]:
    """A run of exactly ``size`` backticks. The look-behind comes after the run, so that the
    run is the pattern's literal prefix: the regex engine then skips ahead to it fast."""
    pattern = _CLOSERS.get(size)
    if pattern is None:
        pattern = _CLOSERS[size] = re.compile(f"`{{{size}}}(?<!`{{{size + 1}}})(?!`)")
    return pattern
