"""Which ``<!--`` comments in a page are real HTML comments rather than text shown as code.

A page that documents the marker syntax (in a fenced or indented code block, or an inline
code span) must not be rewritten. The decision is the scanner's own block pass
(``enrich.scan.blocks``), so a marker is live exactly where a link would be scanned:

- inside an inline range (paragraph, list item, heading), a comment is live when
  ``visible_spans`` cuts it out as a comment (not as part of a code span or another comment);
- between inline ranges lie code blocks and block-level comments; a comment there is live
  when the scanner resumes inline text right after its ``-->`` (as it does after an HTML
  block of type 2).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from enrich.scan.blocks import inline_ranges, visible_spans

_BACKTICKS = re.compile("`+")


def live_comments(text: str, offsets: Sequence[int], body_start: int = 0) -> list[int]:
    """The ``offsets`` (sorted, each at a ``<!--``) that start live HTML comments."""
    if not offsets:
        return []
    # A final line break lets a block-level comment that ends the page resume inline text.
    text = text if text.endswith("\n") else text + "\n"
    ranges = list(inline_ranges(text, body_start))
    starts = [start for start, _ in ranges]
    run_starts = set(starts)
    comment_starts: dict[int, set[int]] = {}  # per inline range: where its comments begin
    live = []
    for offset in offsets:
        if offset < body_start:
            continue
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < ranges[index][1]:
            found = comment_starts.get(index)
            if found is None:
                found = comment_starts[index] = _comment_starts(text, *ranges[index])
            if offset in found:
                live.append(offset)
            continue
        close = text.find("-->", offset + 4)
        if close >= 0 and close + 3 in run_starts:
            live.append(offset)
    return live


def _comment_starts(text: str, start: int, end: int) -> set[int]:
    """Where the comments cut out of one inline range begin.

    ``visible_spans`` leaves gaps made of back-to-back code spans and comments; each gap is
    walked item by item (a comment ends at its ``-->``, a code span at the next backtick run
    of its length, as ``visible_spans`` decided).
    """
    found = set()
    cursor = start
    for visible_start, visible_end in [*visible_spans(text, start, end), (end, end)]:
        pos = cursor
        while pos < visible_start:
            if text.startswith("<!--", pos):
                found.add(pos)
                close = text.find("-->", pos + 2, visible_start)
                pos = visible_start if close < 0 else close + 3
            else:
                run = _BACKTICKS.match(text, pos, visible_start)
                if run is None:
                    break
                closer = _closer(run.end() - run.start()).search(text, run.end(), visible_start)
                pos = visible_start if closer is None else closer.end()
        cursor = visible_end
    return found


@cache
def _closer(size: int) -> re.Pattern[str]:
    return re.compile(f"(?<!`)`{{{size}}}(?!`)")
