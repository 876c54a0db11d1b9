"""Pages: read a Markdown page exactly as written, and splice edits into its text.

``read_page`` keeps the original text (BOM and line endings included) so that later writes
change only what they manage; the front matter is located by offsets and parsed with
python-frontmatter's YAML handler (or ``tomllib`` for Hugo's ``+++`` TOML), never re-dumped.
Edits are computed as ``(start, end, new_text)`` over the original string and applied
last-first, so everything outside them stays byte-for-byte.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from frontmatter.default_handlers import YAMLHandler
from yaml import YAMLError  # type: ignore[import-untyped]  # PyYAML comes with python-frontmatter

from enrich.errors import PageError

BOM = "\ufeff"

# Hugo front matter: a first line of exactly ``---`` (YAML) or ``+++`` (TOML), closed by the
# same delimiter alone on a line. Trailing spaces are tolerated, as python-frontmatter does.
_OPEN = re.compile(r"(---|\+\+\+)[ \t]*\r?\n")
_CLOSE = {
    "---": re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.M),
    "+++": re.compile(r"^\+\+\+[ \t]*(?:\r?\n|\Z)", re.M),
}


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


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Where the front matter sits in the page text, and what it says.

    ``start``/``end`` span the whole block, delimiters and the closing line break included;
    ``content_start``/``content_end`` span the text between the delimiter lines (splice a
    single value there, never re-dump the block).
    """

    format: Literal["yaml", "toml"]
    start: int
    end: int
    content_start: int
    content_end: int
    metadata: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Page:
    """A page as read: ``text`` is exactly the decoded file (a leading BOM included)."""

    path: Path
    text: str
    front_matter: FrontMatter | None = None
    newline: str = "\n"
    """The page's line ending (``"\\r\\n"`` when its first line break is CRLF): use it for
    any line an edit inserts."""
    _lines: LineIndex | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def has_bom(self) -> bool:
        """Whether the file starts with a UTF-8 byte order mark (kept in ``text``)."""
        return self.text.startswith(BOM)

    @property
    def body_start(self) -> int:
        """Offset in ``text`` where the Markdown body begins (after BOM and front matter)."""
        if self.front_matter is not None:
            return self.front_matter.end
        return 1 if self.has_bom else 0

    @property
    def body(self) -> str:
        """The Markdown body (a copy; offsets into it are relative to ``body_start``)."""
        return self.text[self.body_start :]

    @property
    def metadata(self) -> Mapping[str, Any]:
        """The parsed front matter, empty when there is none."""
        return self.front_matter.metadata if self.front_matter is not None else {}

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset`` in ``text`` (see ``LineIndex``)."""
        index = self._lines
        if index is None:
            index = LineIndex(self.text)
            object.__setattr__(self, "_lines", index)
        return index.line_col(offset)


class LineIndex:
    """Line starts of a text, for many offset -> (line, column) look-ups by bisection.

    Lines break at ``\\n`` (so CRLF works); columns count characters from 1, and a leading
    BOM is not counted on the first line.
    """

    __slots__ = ("_bom", "_starts")

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._bom = text.startswith(BOM)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of ``offset``."""
        line = bisect_right(self._starts, offset)
        column = offset - self._starts[line - 1] + 1
        if line == 1 and self._bom and offset > 0:
            column -= 1
        return line, column


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of one offset, without an index (O(offset))."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    if line == 1 and text.startswith(BOM) and offset > 0:
        column -= 1
    return line, column


def read_page(path: Path | str) -> Page:
    """Read and decode a page; raises ``PageError`` (one line, naming the file) when it is
    missing, a directory or a device, binary, not UTF-8, or has malformed front matter."""
    path = Path(path)
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            # a device or a FIFO: /dev/zero never ends, a FIFO blocks until a writer comes
            raise PageError("not a regular file, expected a Markdown file", path=path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise PageError("no such file", path=path) from None
    except IsADirectoryError:
        raise PageError("is a directory, expected a Markdown file", path=path) from None
    except PermissionError:
        raise PageError("cannot read: permission denied", path=path) from None
    except OSError as err:
        raise PageError(f"cannot read: {err.strerror or err}", path=path) from None
    return parse_page(data, path)


def parse_page(data: bytes, path: Path | str = "<page>") -> Page:
    """Decode page bytes and locate the front matter (the pure half of ``read_page``)."""
    path = Path(path)
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise PageError(
            f"binary content (NUL byte at offset {nul}), not a text page", path=path, line=line
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise PageError(
            f"invalid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})",
            path=path,
            line=line,
        ) from None
    first_break = text.find("\n")
    newline = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
    return Page(path=path, text=text, front_matter=_front_matter(text, path), newline=newline)


def front_matter_span(text: str) -> tuple[int, int] | None:
    """``(start, end)`` of a terminated front matter block, delimiters included, without
    parsing it (``None`` when there is none or it is unterminated). Never raises."""
    start = 1 if text.startswith(BOM) else 0
    opening = _OPEN.match(text, start)
    if opening is None:
        return None
    closing = _CLOSE[opening.group(1)].search(text, opening.end())
    return None if closing is None else (start, closing.end())


def _front_matter(text: str, path: Path) -> FrontMatter | None:
    start = 1 if text.startswith(BOM) else 0
    opening = _OPEN.match(text, start)
    if opening is None:
        return None
    delimiter = opening.group(1)
    content_start = opening.end()
    closing = _CLOSE[delimiter].search(text, content_start)
    if closing is None:
        raise PageError(
            f"unterminated front matter: no closing {delimiter!r} line", path=path, line=1
        )
    content = text[content_start : closing.start()]
    first_line = 2
    if delimiter == "---":
        metadata = _load_yaml(content, path, first_line)
        fmt: Literal["yaml", "toml"] = "yaml"
    else:
        metadata = _load_toml(content, path, first_line)
        fmt = "toml"
    return FrontMatter(fmt, start, closing.end(), content_start, closing.start(), metadata)


def _load_yaml(content: str, path: Path, first_line: int) -> Mapping[str, Any]:
    try:
        loaded = YAMLHandler().load(content)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(err, "problem", None) or "cannot be parsed"
        raise PageError(f"malformed YAML front matter: {problem}", path=path, line=line) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise PageError(
            "front matter is not a mapping of keys to values", path=path, line=first_line
        )
    return loaded


def _load_toml(content: str, path: Path, first_line: int) -> Mapping[str, Any]:
    try:
        return tomllib.loads(content)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"line (\d+)", str(err))
        line = first_line + int(match.group(1)) - 1 if match else first_line
        raise PageError(f"malformed TOML front matter: {err}", path=path, line=line) from None


def expand_page_paths(paths: Iterable[Path]) -> list[Path]:
    """Each path as given, a directory replaced by its ``*.md`` files (recursive, sorted).

    Duplicates are dropped, first place kept. A path that does not exist is kept, so that
    reading it reports the error with the file's name.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            found.update(dict.fromkeys(sorted(p for p in path.rglob("*.md") if p.is_file())))
        else:
            found[path] = None
    return list(found)
