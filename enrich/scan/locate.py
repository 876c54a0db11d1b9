"""Where GitHub URLs are written: ``(start, end, source)`` spans in a page's text.

Candidates are found by one regex anchored on the two hosts that matter (github.com and
img.shields.io), only inside the visible spans ``enrich.scan.blocks`` leaves (code and
comments removed). The few characters before a candidate tell how it was written, which
decides where its URL ends:

- ``link``/``image``: a link destination after ``](``: up to whitespace or the unbalanced ``)``;
- ``definition``: ``[label]: url``;
- ``autolink``: ``<url>``;
- ``html``: the value of an ``href``, ``src`` or ``srcset`` attribute (other attributes, such
  as ``alt`` or ``title``, show no link: not a reference);
- ``text``: a bare URL, ended like a GFM autolink (trailing ``.,:;!?*_~`` and an unbalanced
  ``)`` are punctuation, balanced parentheses stay);
- ``front_matter``: a bare URL in a front matter value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from enrich.scan.blocks import inline_ranges, visible_spans

CANDIDATE = re.compile(
    r"(?<![\w.+/:@-])(?:https?://(?:www\.)?|www\.)(?:github\.com|img\.shields\.io)(?![\w.-])",
    re.IGNORECASE,
)
# A link destination: no whitespace or angle brackets, parentheses balanced (one level).
_DESTINATION = re.compile(r"(?:[^\s()<>\\]|\\.|\((?:[^\s()<>\\]|\\.)*\))*")
_ANGLE = re.compile(r"[^<>\n]*>")
_BARE = re.compile(r"[^\s<>\"'`\[\]{}|\\^]*")
_TRAILING = frozenset("?!.,:;*_~")
_DEFINITION = re.compile(r" {0,3}\[(?:[^\[\]\\]|\\.){1,999}\]:[ \t]*<?")
# An open tag up to a point inside one attribute value: name, attributes, then the value's
# opening (quote, if any) and what the value holds before the URL.
_TAG = re.compile(
    r"""<[A-Za-z][A-Za-z0-9-]*
        (?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*
        \s+(?P<name>[^\s"'<>/=]+)\s*=\s*(?P<quote>["']?)(?P<before>[^"'<>]*)""",
    re.VERBOSE,
)
_URL_ATTRIBUTES = frozenset({"href", "src", "srcset"})
_LOOK_BACK = 4000  # how far back an open tag or a link's "[" is looked for


def locate(
    text: str, body_start: int, front_matter: tuple[int, int] | None
) -> Iterator[tuple[int, int, str]]:
    """Every candidate URL span in document order, with how it was written."""
    if front_matter is not None:
        yield from _front_matter(text, *front_matter)
    for range_start, range_end in inline_ranges(text, body_start):
        last_end = range_start
        for start, end in visible_spans(text, range_start, range_end):
            for match in CANDIDATE.finditer(text, start, end):
                if match.start() < last_end:
                    continue  # a URL inside another URL's query
                found = _place(text, match.start(), match.end(), range_start, end)
                last_end = found[1]
                if found[2]:
                    yield found


def _place(text: str, start: int, host_end: int, lo: int, hi: int) -> tuple[int, int, str]:
    """``(start, end, source)`` of the URL at ``start``; source ``""`` means not a reference."""
    before = start - 1
    angle = before >= lo and text[before] == "<"
    b = before - 1 if angle else before
    while b >= lo and text[b] in " \t":
        b -= 1
    if b > lo and text[b] == "(" and text[b - 1] == "]":
        end = (
            _angle_end(text, host_end, hi)
            if angle
            else _match_end(_DESTINATION, text, host_end, hi)
        )
        if end > start:
            return start, end, "image" if _is_image(text, b - 1, lo) else "link"
    line_start = text.rfind("\n", lo, start) + 1 or lo
    if (
        line_start < start
        and text[line_start] in " ["
        and _DEFINITION.fullmatch(text, line_start, start)
    ):
        end = (
            _angle_end(text, host_end, hi)
            if angle
            else _match_end(_DESTINATION, text, host_end, hi)
        )
        if end > start:
            return start, end, "definition"
    if angle:
        end = _angle_end(text, host_end, hi)
        if end > start and not any(c.isspace() for c in text[start:end]):
            return start, end, "autolink"
    tag = text.rfind("<", max(lo, start - _LOOK_BACK), start)
    if tag >= 0 and text.find(">", tag, start) < 0:
        attribute = _TAG.fullmatch(text, tag, start)
        if attribute is not None:
            return _attribute(text, start, host_end, hi, attribute)
    return start, _bare_end(text, host_end, hi), "text"


def _attribute(
    text: str, start: int, host_end: int, hi: int, attribute: re.Match[str]
) -> tuple[int, int, str]:
    name = attribute.group("name").lower()
    quote = attribute.group("quote")
    before = attribute.group("before")
    stop = _match_end(_BARE, text, host_end, hi)
    if quote:
        close = text.find(quote, host_end, hi)
        if 0 <= close < stop:
            stop = close
    if name == "srcset":
        while stop > start and text[stop - 1] == ",":
            stop -= 1
        ok = not before.strip() or before.rstrip(" \t\n")[-1:] == "," or before[-1:].isspace()
    else:
        ok = name in _URL_ATTRIBUTES and not before.strip()
    return start, stop, "html" if ok else ""


def _angle_end(text: str, host_end: int, hi: int) -> int:
    """End of a URL written as ``<url>`` (before the ``>``), or -1 if it is not closed."""
    closing = _ANGLE.match(text, host_end, hi)
    return closing.end() - 1 if closing is not None else -1


def _bare_end(text: str, host_end: int, hi: int) -> int:
    """End of a bare URL, trimmed of trailing punctuation as GFM's autolink extension does."""
    end = _match_end(_BARE, text, host_end, hi)
    while end > host_end:
        last = text[end - 1]
        unbalanced = last == ")" and text.count(")", host_end, end) > text.count("(", host_end, end)
        if last not in _TRAILING and not unbalanced:
            break
        end -= 1
    return end


def _match_end(pattern: re.Pattern[str], text: str, pos: int, hi: int) -> int:
    """End of ``pattern`` matched at ``pos`` (``pos`` itself when it does not match)."""
    match = pattern.match(text, pos, hi)
    return match.end() if match is not None else pos


def _is_image(text: str, close: int, lo: int) -> bool:
    """Whether the link text ending at ``close`` (its ``]``) is preceded by ``!``."""
    low = max(lo, close - _LOOK_BACK)
    opening = text.rfind("[", low, close)
    if opening >= 0 and text.find("]", opening, close) < 0:
        return opening > 0 and text[opening - 1] == "!"
    depth = 0
    i = close - 1
    while i >= low:
        ch = text[i]
        if ch == "]":
            depth += 1
        elif ch == "[":
            if depth == 0:
                return i > 0 and text[i - 1] == "!"
            depth -= 1
        i -= 1
    return False


def _front_matter(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Bare URLs in front matter values (YAML ``#`` comment lines skipped)."""
    last_end = start
    for match in CANDIDATE.finditer(text, start, end):
        if match.start() < last_end:
            continue
        line_start = text.rfind("\n", start, match.start()) + 1 or start
        stop = _bare_end(text, match.end(), end)
        last_end = stop
        if text[line_start : match.start()].lstrip().startswith("#"):
            continue
        yield match.start(), stop, "front_matter"
