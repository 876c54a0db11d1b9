"""Front matter: find it, and bump ``lastmod`` by splicing its value alone.

Re-dumping a user's front matter rewrites it (python-frontmatter sorts keys, changes the
date style, drops quotes and comments), so enrich never does: ``lastmod_edit`` returns one
``Edit`` over the old value's characters. Quotes, comments, key order, line endings and
every other byte stay as written, and the new value keeps the old one's style:

- a date (``2025-08-17``) stays a date; a datetime keeps its separator (``T`` or space),
  whether it has seconds, and its number of fractional digits;
- an offset (``+08:00``, ``+0800``) or ``Z`` is kept: ``now`` is written in that offset, so
  an author in UTC+8 keeps seeing their own time; a value without a zone is written in UTC.

The value only moves forward: a ``lastmod`` already at or after ``now`` is left alone, as
is a value that is not a date (a template expression, say). YAML (``---``) and TOML
(``+++``) front matter are supported; only a top-level ``lastmod`` key is edited (any case:
Hugo reads ``lastMod`` too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from enrich import page
from enrich.page import Edit

_LINE_END = re.compile(r"\r\n?|\n|$")
_LASTMOD = {
    "yaml": re.compile(
        r"(?i:lastmod)[ \t]*:[ \t]*(?P<q>[\"']?)(?P<v>[^\"'\r\n#]*?)(?P=q)[ \t]*(?:#.*)?$"
    ),
    "toml": re.compile(
        r"(?i:lastmod)[ \t]*=[ \t]*(?P<q>[\"']?)(?P<v>[^\"'\r\n#]*?)(?P=q)[ \t]*(?:#.*)?$"
    ),
}
_TOML_TABLE = re.compile(r"[ \t]*\[\[?[ \t]*[\w\"'.-][^\[\]\r\n=,]*\]\]?[ \t]*(?:#.*)?$")
"""A TOML table header line (``[params]``, ``[[menu.main]]``), not an array's row."""
_DATE = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:(?P<sep>[Tt ])(?P<hm>\d{2}:\d{2})(?::(?P<s>\d{2})(?:\.(?P<frac>\d+))?)?"
    r"(?P<tzsp>[ ]?)(?P<tz>[Zz]|[+-]\d{2}:?\d{2})?)?"
)


@dataclass(frozen=True, slots=True)
class FrontMatterSpan:
    """Where the front matter is: ``text[content_start:content_end]`` is its YAML/TOML text;
    ``end`` is where the body begins (after the closing delimiter's line)."""

    style: str
    content_start: int
    content_end: int
    end: int


def front_matter_span(text: str) -> FrontMatterSpan | None:
    """The page's front matter as ``enrich.page`` finds it, ``None`` when there is none."""
    span = page.front_matter_span(text)
    if span is None:
        return None
    start, end = span
    style = "yaml" if text.startswith("---", start) else "toml"
    content_start = text.index("\n", start) + 1
    closing_start = text.rfind("\n", 0, end - 1 if text.endswith("\n", 0, end) else end) + 1
    return FrontMatterSpan(style, content_start, max(content_start, closing_start), end)


def lastmod_edit(text: str, now: datetime) -> Edit | None:
    """The edit that sets ``lastmod`` to ``now`` in its existing style, or ``None``.

    ``None`` when the page has no front matter, no top-level ``lastmod``, a value that is
    not a date, or a value already at or after ``now``. ``now`` must be timezone-aware.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    span = front_matter_span(text)
    if span is None:
        return None
    match = _find_lastmod(text, span)
    if match is None:
        return None
    value = match.group("v")
    old = _DATE.fullmatch(value)
    if old is None:
        return None
    new_value = _format_like(old, now)
    # Same zone, same fixed-width style: comparing the texts compares the instants.
    if new_value is None or new_value <= value:
        return None
    return Edit(match.start("v"), match.end("v"), new_value)


def _find_lastmod(text: str, span: FrontMatterSpan) -> re.Match[str] | None:
    pattern = _LASTMOD[span.style]
    pos = span.content_start
    while pos < span.content_end:
        line_end = _LINE_END.search(text, pos, span.content_end)
        stop = line_end.start() if line_end is not None else span.content_end
        if span.style == "toml" and _TOML_TABLE.match(text, pos, stop):
            break  # a table header: the keys below it are not top-level
        found = pattern.match(text, pos, stop)
        if found is not None:
            return found
        if line_end is None or line_end.end() == pos:
            break
        pos = line_end.end()
    return None


def _zone_of(tz: str | None) -> timezone:
    if tz is None or tz in ("Z", "z"):
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _format_like(old: re.Match[str], now: datetime) -> str | None:
    """``now`` written in the style of the old value (``None`` if the offset is invalid)."""
    tz = old.group("tz")
    try:
        local = now.astimezone(_zone_of(tz))
    except ValueError:
        return None
    if old.group("sep") is None:
        return local.date().isoformat()
    text = f"{local:%Y-%m-%d}{old.group('sep')}{local:%H:%M}"
    if old.group("s") is not None:
        text += f":{local:%S}"
        frac = old.group("frac")
        if frac is not None:
            text += "." + f"{local.microsecond:06d}"[: len(frac)].ljust(len(frac), "0")
    text += old.group("tzsp")
    if tz is not None:
        text += tz if tz in ("Z", "z") else _offset_text(local, colon=":" in tz)
    return text


def _offset_text(moment: datetime, *, colon: bool) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}" if colon else f"{sign}{hours:02d}{mins:02d}"
