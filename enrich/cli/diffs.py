"""Unified diffs of pages that ``git apply`` and ``patch -p1`` accept (annotate, render)."""

from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath


def diff_name(path: Path, cwd: Path) -> str:
    """The page's name in a diff header, as ``git apply`` and ``patch -p1`` read it after
    ``a/``: relative to ``cwd`` when below it, else the absolute path without its root
    (``/tmp/x.md`` -> ``tmp/x.md``, applied with ``-p1`` from ``/``), never ``a//tmp``."""
    if path.is_absolute():
        try:
            path = path.relative_to(cwd)
        except ValueError:
            return PurePosixPath(*path.parts[1:]).as_posix()
    return PurePosixPath(*path.parts).as_posix()


def patch_text(old: str, new: str, name: str) -> str:
    """A unified diff of ``old`` -> ``new`` that ``patch`` and ``git apply`` accept: headers
    ``a/NAME``/``b/NAME``, line endings kept, and the ``\\ No newline at end of file``
    line after a last line without one (difflib leaves it out)."""
    lines = difflib.unified_diff(
        _lines(old),
        _lines(new),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines split on ``\\n`` only, as ``patch`` splits them (``str.splitlines`` would also
    split on ``\\r``, U+2028 and other separators a page may hold inside a line)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]
