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

# Candidates are found from their "://" (or a scheme-less "www."): literal prefixes let the
# regex engine skip ahead fast, where a case-insensitive "https?://" pattern ran ~10x slower.
# Optional look-behinds then find the scheme (group 1 "https" or group 2 "http", spelled out:
# a case-insensitive "s" would also take U+017F) where it does not continue a word or another
# URL: no letter or digit ([^\W_] is exactly str.isalnum) nor one of .+/:@- before it. They
# are optional so that a URL they reject still consumes its tail (``xhttps://github.com/a?
# u=https://github.com/b/c`` holds no candidate).
# The tail (what may follow the host in any form) is matched in the same call: the forms
# then only shorten it, without another regex call per URL. It ends at whitespace, spelled
# out as exactly the characters \s matches (tests/scan/test_scan_candidates.py checks), so
# that the class compiles to a lookup table instead of a Unicode category test per character.
_WHITESPACE = "\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_TAIL = f"[^{_WHITESPACE}<>\"'`\\[\\]{{}}|\\\\^]*"
_NOT_WORD = r"(?<![^\W_])(?<![.+/:@-])"
_SCHEME_HOST = re.compile(
    rf"://(?:(?<={_NOT_WORD}([hH][tT][tT][pP][sS])://)|(?<={_NOT_WORD}([hH][tT][tT][pP])://))?"
    rf"(?i:(?:www\.)?(?:github\.com|img\.shields\.io))(?![\w.-])(){_TAIL}"
)
_WWW_HOST = re.compile(rf"www\.(?i:github\.com|img\.shields\.io)(?![\w.-])(){_TAIL}")
# GFM: a scheme-less www. autolink starts a line or follows whitespace or * _ ~ (.
_BEFORE_WWW = frozenset(" \t\r\n*_~(")

_ANGLE = re.compile(r"[^<>\n]*>")
_SPACE = re.compile(r"\s")  # str.isspace: both follow Unicode's whitespace
_TRAILING = frozenset("?!.,:;*_~")
_DEFINITION = re.compile(r" {0,3}\[(?:[^\[\]\\]|\\.){1,999}\]:")
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
_TITLE_LOOK_BACK = 1000  # how far back a link title's or alt text's opening is looked for


def locate(
    text: str, body_start: int, front_matter: tuple[int, int] | None
) -> Iterator[tuple[int, int, str]]:
    """Every candidate URL span in document order, with how it was written."""
    if front_matter is not None:
        yield from _front_matter(text, *front_matter)
    # Candidates are consumed lazily, in step with the ranges: a list of tuples for a page
    # of 100,000 URLs would cost more memory than the page itself.
    candidates = iter_candidates(text, body_start)
    candidate = next(candidates, None)
    for range_start, range_end in inline_ranges(text, body_start):
        while candidate is not None and candidate[0] < range_start:
            candidate = next(candidates, None)  # inside a code block or a block comment
        if candidate is None:
            return
        if candidate[0] >= range_end:
            continue
        last_end = range_start
        for start, end in visible_spans(text, range_start, range_end):
            while candidate is not None and candidate[0] < start:
                candidate = next(candidates, None)  # inside a code span or an inline comment
            while candidate is not None and candidate[0] < end:
                if candidate[0] >= last_end:  # else: a URL inside another URL's query
                    found = _place(text, candidate, range_start, end)
                    last_end = found[1]
                    if found[2]:
                        yield found
                candidate = next(candidates, None)
            if candidate is None:
                return


Candidate = tuple[int, int, int]
"""``(url start, host end, tail end)``: the tail is the longest run of URL characters."""


def iter_candidates(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Candidate]:
    """Every github.com / img.shields.io URL in ``text[pos:endpos]``, in code or not, in order.

    A URL right at ``pos`` still must not continue a word before it (the callers start at a
    line start or after a byte order mark, where that never happens).
    """
    stop = len(text) if endpos is None else endpos
    # Scheme-less www. URLs are rare: found up front, then merged into the main stream.
    www = [
        (match.start(), match.start(1), match.end())
        for match in _WWW_HOST.finditer(text, pos, stop)
        if match.start() == pos or text[match.start() - 1] in _BEFORE_WWW
    ]
    next_www = 0
    www_start = www[0][0] if www else stop
    for match in _SCHEME_HOST.finditer(text, pos, stop):
        start = match.start(1)
        if start < 0:
            start = match.start(2)
        if start < pos:
            continue  # no scheme, a longer word, or a scheme starting before ``pos``
        while www_start < start:
            yield www[next_www]
            next_www += 1
            www_start = www[next_www][0] if next_www < len(www) else stop
        yield start, match.start(3), match.end()
    yield from www[next_www:]


def _place(text: str, candidate: Candidate, lo: int, hi: int) -> tuple[int, int, str]:
    """``(start, end, source)`` of the URL at ``start``; source ``""`` means not a reference."""
    start, host_end, tail_end = candidate
    if text[start] in "wW":
        # Scheme-less: only a bare autolink; as a destination or attribute it is relative.
        if start - 1 > lo and text[start - 1] == "(" and text[start - 2] == "]":
            return start, tail_end, ""
        return start, _bare_end(text, host_end, tail_end), "text"
    before = start - 1
    angle = before >= lo and text[before] == "<"
    b = before - 1 if angle else before
    while b >= lo and text[b] in " \t":
        b -= 1
    if b > lo and text[b] == "(" and text[b - 1] == "]":
        end = (
            _angle_end(text, host_end, hi) if angle else _destination_end(text, host_end, tail_end)
        )
        if end > start:
            return start, end, "image" if _is_image(text, b - 1, lo) else "link"
    if b > lo and text[b] == ":" and _is_definition(text, b, lo):
        end = (
            _angle_end(text, host_end, hi) if angle else _destination_end(text, host_end, tail_end)
        )
        if end > start:
            return start, end, "definition"
    if angle:
        end = _angle_end(text, host_end, hi)
        if end > start and _SPACE.search(text, start, end) is None:
            return start, end, "autolink"
    tag = text.rfind("<", max(lo, start - _LOOK_BACK), start)
    if tag >= 0 and text.find(">", tag, start) < 0:
        attribute = _TAG.fullmatch(text, tag, start)
        if attribute is not None:
            return _attribute(text, candidate, attribute)
    end = _bare_end(text, host_end, tail_end)
    if before >= lo and text[before] in "\"'( [" and _hidden(text, start, end, lo, hi):
        return start, end, ""
    return start, end, "text"


def _hidden(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Whether a bare URL sits in a link's title or an image's alt text: neither is shown as
    text (``[x](url "see https://...")``, ``![see https://...](x.png)``).

    Each check starts from the one place it can (the line's last ``](``, its opening ``[``,
    its last ``![``) and matches forward, so a long line of URLs stays linear.
    """
    low = max(lo, start - _TITLE_LOOK_BACK)
    line_start = text.rfind("\n", low, start) + 1 or low
    destination = text.rfind("](", line_start, start)
    if destination >= 0 and _TITLE_OPEN.fullmatch(text, destination, start):
        return True
    first = line_start
    while first < start and text[first] in " \t":
        first += 1
    if text.startswith("[", first) and _DEFINITION_TITLE_OPEN.fullmatch(text, first, start):
        return True
    alt = text.rfind("![", line_start, start)
    if alt < 0 or text.find("]", alt, start) >= 0 or text.find("[", alt + 2, start) >= 0:
        return False
    limit = min(hi, end + _TITLE_LOOK_BACK)  # bounded, as the look back is
    line_end = text.find("\n", end, limit)
    close = text.find("](", end, limit if line_end < 0 else line_end)
    return close >= 0 and text.find("[", end, close) < 0


_TITLE = r"[ \t]*(?:<[^>\n]*>|[^\s<>()]+)[ \t]+(?:\"[^\"\n]*|'[^'\n]*|\([^()\n]*)"
_TITLE_OPEN = re.compile(r"\]\(" + _TITLE)
"""From a link's ``](``: its destination, then a title still open where the match ends."""
_DEFINITION_TITLE_OPEN = re.compile(r"\[[^\]\n]+\]:" + _TITLE)
"""From a definition's ``[``: its label, destination, then a title still open."""


def _is_definition(text: str, colon: int, lo: int) -> bool:
    """Whether the line up to ``colon`` reads ``[label]:`` (a link reference definition)."""
    line_start = text.rfind("\n", max(lo, colon - _LOOK_BACK), colon) + 1 or lo
    return _DEFINITION.fullmatch(text, line_start, colon + 1) is not None


_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_DESTINATION_STOPS = frozenset("`|<>")


def _destination_end(text: str, host_end: int, tail_end: int) -> int:
    """End of a link destination: before the first ``)`` that closes no ``(`` of its own.

    A destination may hold quotes, brackets and backslash escapes (CommonMark 6.3), where a
    bare URL's tail stops: ``[x](https://github.com/o/my\\_repo)`` is ``o/my_repo``. The tail
    is then extended up to whitespace (a backtick, ``|``, ``<`` or ``>`` still end it).
    """
    if tail_end < len(text) and text[tail_end] in "\"'\\[]{}^":
        return _long_destination_end(text, host_end)
    close = text.find(")", host_end, tail_end)
    if close < 0:
        return tail_end
    if text.find("(", host_end, close) < 0:
        return close
    depth = 0
    for i in range(host_end, tail_end):
        char = text[i]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return i
            depth -= 1
    return tail_end


def _long_destination_end(text: str, host_end: int) -> int:
    """``_destination_end`` walking the destination character by character (escapes kept)."""
    depth = 0
    i, n = host_end, len(text)
    while i < n:
        char = text[i]
        if char.isspace() or char < " " or char in _DESTINATION_STOPS:
            break
        if char == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            i += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        i += 1
    return i


def _attribute(text: str, candidate: Candidate, attribute: re.Match[str]) -> tuple[int, int, str]:
    start, _, stop = candidate  # the tail stops at quotes and whitespace already
    name = attribute.group("name").lower()
    before = attribute.group("before")
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


def _bare_end(text: str, host_end: int, end: int) -> int:
    """End of a bare URL, trimmed of trailing punctuation as GFM's autolink extension does."""
    while end > host_end:
        last = text[end - 1]
        unbalanced = last == ")" and text.count(")", host_end, end) > text.count("(", host_end, end)
        if last not in _TRAILING and not unbalanced:
            break
        end -= 1
    return end


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
    last_end = searched = start
    commented = _comment_line(text, start)
    for url_start, host_end, tail_end in iter_candidates(text, start, end):
        if url_start < last_end:
            continue
        newline = text.rfind("\n", searched, url_start)  # each stretch searched once
        if newline >= 0:
            commented = _comment_line(text, newline + 1)
        searched = url_start
        stop = _bare_end(text, host_end, tail_end)
        last_end = stop
        if commented:
            continue
        yield url_start, stop, "front_matter"


def _comment_line(text: str, line_start: int) -> bool:
    """Whether the line starting at ``line_start`` is a ``#`` comment."""
    i = line_start
    while i < len(text) and text[i] in " \t":
        i += 1
    return text.startswith("#", i)
