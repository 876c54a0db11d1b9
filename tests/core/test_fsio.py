"""write_atomic: whole files only, and ordinary modes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from enrich.fsio import write_all, write_atomic


def test_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644


def test_existing_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"old")
    path.chmod(0o600)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o600


def test_failure_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "stats.json"
    path.write_bytes(b"old")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["stats.json"]


def test_a_symlinked_page_is_written_through_its_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, b"new", through_link=True)
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_a_symlinked_output_is_replaced_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep", encoding="utf-8")
    card = tmp_path / "site" / "card.svg"
    card.parent.mkdir()
    card.symlink_to(outside)  # a committed link must not make a run write elsewhere
    write_all([(card, b"<svg/>")])
    assert not card.is_symlink()
    assert card.read_bytes() == b"<svg/>"
    assert outside.read_text(encoding="utf-8") == "keep"
