"""Pages: read a Markdown page exactly as written, and splice edits into its text.

Edits are computed as ``(start, end, new_text)`` over the original string and applied
last-first, so everything outside them stays byte-for-byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


def splice(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits to ``text``; raises ``ValueError`` on overlap."""
    ordered = sorted(edits)
    pieces: list[str] = []
    cursor = 0
    for edit in ordered:
        if edit.start < cursor or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit {edit!r}")
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)
