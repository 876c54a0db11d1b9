"""GitHub search strings (``author:x is:pr "free text"``) -> ``SearchQuery``.

Syntax per GitHub's "Understanding the search syntax" and "Filtering and searching issues
and pull requests": whitespace-separated terms, ``qualifier:value`` (a value may be quoted,
``label:"good first issue"``), a leading ``-`` negates (kept in the name: ``-label``), and
everything else is free text, kept in order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from enrich.scan.refs import SearchQuery

# One term: a qualifier with a quoted or bare value, a quoted phrase, or a bare word.
_TERM = re.compile(
    r"""(?P<name>-?[A-Za-z][A-Za-z0-9_-]*):(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+))
      | (?P<phrase>"[^"]*"?)
      | (?P<word>\S+)""",
    re.VERBOSE,
)


@lru_cache(maxsize=4096)  # a page repeats one person's search across repositories
def parse_search(q: str) -> SearchQuery:
    """Split a decoded search string into qualifiers (names lower-cased, values as written,
    in order, repeated names merged) and the free text (terms joined by one space)."""
    qualifiers: dict[str, list[str]] = {}
    words: list[str] = []
    for match in _TERM.finditer(q):
        name = match.group("name")
        if name is not None:
            value = match.group("quoted")
            if value is None:
                value = match.group("bare")
            qualifiers.setdefault(name.lower(), []).append(value)
        else:
            words.append(match.group("phrase") or match.group("word"))
    return SearchQuery(
        qualifiers=tuple((name, tuple(values)) for name, values in qualifiers.items()),
        text=" ".join(words),
    )


def with_qualifier(query: SearchQuery, name: str, value: str) -> SearchQuery:
    """``query`` with ``name:value`` added unless that qualifier already has that value."""
    values = query.get(name)
    if value.lower() in (v.lower() for v in values):
        return query
    merged = dict(query.qualifiers)
    merged[name] = (*values, value)
    return SearchQuery(tuple(merged.items()), query.text)
