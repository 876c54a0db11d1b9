"""Atomic file writes: a reader sees the old file or the new one, never half of one.

``write_atomic`` writes one file; ``write_all`` writes several so that a failure while
writing any of them (disk full, a read-only directory) changes none of them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Collection, Sequence
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, through_link: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    The temporary file is fsynced before ``os.replace``, so a crash at any moment leaves
    either the previous file intact or the complete new one. The file mode of an existing
    target is kept; a new file gets the mode ``open()`` would give it (0666 less the umask),
    not the 0600 of ``mkstemp``. An ``OSError`` names ``path``, not the temporary file.
    A symlink at ``path`` is replaced by the file, unless ``through_link`` (see ``write_all``).
    """
    write_all([(Path(path), data)], through_links=[Path(path)] if through_link else ())


def write_all(files: Sequence[tuple[Path, bytes]], *, through_links: Collection[Path] = ()) -> None:
    """Write every ``(path, data)`` atomically, all or nothing as far as a filesystem allows.

    A symlink among ``through_links`` (the pages a person keeps, which may live elsewhere)
    is written through, so its target is updated; any other symlink (a generated card or
    the stats file) is replaced by a regular file, so a committed link cannot make a run
    write outside the site.

    Phase one writes and fsyncs every temporary file next to its target; any failure there
    removes them all and raises ``OSError`` whose ``filename`` is the target (or the
    directory) that could not be written, so no file has changed. Phase two renames them
    into place, which fails only in ways phase one has ruled out.
    """
    follow = {Path(p) for p in through_links}
    staged: list[tuple[str, Path]] = []
    made: list[Path] = []  # directories this call created, removed again on failure
    try:
        for path, data in files:
            path = Path(path)
            if path in follow and path.is_symlink():  # update the page the link points at
                path = Path(os.path.realpath(path))
            missing = [d for d in (path.parent, *path.parent.parents) if not d.exists()]
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # named by the directory that cannot be made
                raise type(exc)(exc.errno, exc.strerror, str(path.parent)) from exc
            made.extend(reversed(missing))
            try:
                if path.is_dir():
                    raise IsADirectoryError(21, "Is a directory", str(path))
                staged.append((_stage(path, data), path))
            except OSError as exc:  # named by the target, not the temporary file
                raise type(exc)(exc.errno, exc.strerror, str(path)) from exc
        for tmp_name, path in staged:
            os.replace(tmp_name, path)
    except BaseException:
        for tmp_name, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
        for directory in reversed(made):
            with contextlib.suppress(OSError):
                directory.rmdir()  # only if still empty
        raise


def _stage(path: Path, data: bytes) -> str:
    """A complete, fsynced temporary copy of ``path``'s new content, with its final mode."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_current_umask()
        os.chmod(tmp_name, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def _current_umask() -> int:
    """The process umask (reading it means setting it, so set it straight back)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask
