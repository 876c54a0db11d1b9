"""read_page: the exact text, the front matter by offset, and one-line errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from enrich.errors import PageError
from enrich.page import LineIndex, front_matter_span, line_col, read_page
from enrich.scan import scan_page

PAGE = '---\ntitle: "About"\ndate: 2023-02-03T16:49:14+08:00\n---\n\nHello [x](https://github.com/a/b).\n'


def _write(tmp_path: Path, data: bytes, name: str = "page.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_text_kept_exactly_and_front_matter_located(tmp_path: Path) -> None:
    page = read_page(_write(tmp_path, PAGE.encode()))
    assert page.text == PAGE
    fm = page.front_matter
    assert fm is not None
    assert fm.format == "yaml"
    assert PAGE[fm.start : fm.end] == PAGE[: PAGE.index("---\n\n") + 4]
    assert PAGE[fm.content_start : fm.content_end].startswith('title: "About"\n')
    assert page.metadata["title"] == "About"
    assert isinstance(page.metadata["date"], dt.datetime)
    assert page.body == "\nHello [x](https://github.com/a/b).\n"
    assert page.body_start == fm.end
    assert page.newline == "\n"


def test_bom_and_crlf_are_kept(tmp_path: Path) -> None:
    data = "\ufeff---\r\ntitle: x\r\n---\r\nbody\r\n".encode()
    page = read_page(_write(tmp_path, data))
    assert page.text.encode() == data
    assert page.has_bom
    assert page.newline == "\r\n"
    assert page.metadata == {"title": "x"}
    assert page.body == "body\r\n"
    assert page.line_col(page.text.index("body")) == (4, 1)
    assert page.line_col(1) == (1, 1)  # the BOM is no column


def test_toml_front_matter(tmp_path: Path) -> None:
    page = read_page(_write(tmp_path, b'+++\ntitle = "x"\n+++\nbody\n'))
    assert page.front_matter is not None
    assert page.front_matter.format == "toml"
    assert page.metadata == {"title": "x"}
    assert page.body == "body\n"


@pytest.mark.parametrize("data", [b"", b"just text\n", b"---"])
def test_pages_without_front_matter(tmp_path: Path, data: bytes) -> None:
    page = read_page(_write(tmp_path, data))
    assert page.front_matter is None
    assert page.metadata == {}
    assert page.body == data.decode()


def test_empty_front_matter_is_an_empty_mapping(tmp_path: Path) -> None:
    page = read_page(_write(tmp_path, b"---\n---\nbody\n"))
    assert page.metadata == {}
    assert page.body == "body\n"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PageError) as err:
        read_page(tmp_path / "nope.md")
    assert str(err.value) == f"{tmp_path / 'nope.md'}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(PageError, match="is a directory"):
        read_page(tmp_path)


def test_invalid_utf8_names_line_and_offset(tmp_path: Path) -> None:
    path = _write(tmp_path, b"ok\nstill ok\nbad \xff here\n")
    with pytest.raises(PageError) as err:
        read_page(path)
    assert err.value.line == 3
    assert str(err.value) == f"{path}:3: invalid UTF-8 (byte 0xff at offset 16)"


def test_binary_content(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(PageError, match="binary content") as err:
        read_page(path)
    assert err.value.line == 3  # after the PNG signature's two line feeds
    assert "\n" not in str(err.value)


def test_unterminated_front_matter(tmp_path: Path) -> None:
    path = _write(tmp_path, b"---\ntitle: x\n\nno closing line\n")
    with pytest.raises(PageError, match="unterminated front matter") as err:
        read_page(path)
    assert err.value.line == 1


def test_malformed_yaml_names_the_file_line(tmp_path: Path) -> None:
    path = _write(tmp_path, b"---\ntitle: x\ntags: [a, b\nother: 1\n---\nbody\n")
    with pytest.raises(PageError, match="malformed YAML front matter") as err:
        read_page(path)
    assert err.value.line is not None
    assert 3 <= err.value.line <= 5
    assert str(err.value).startswith(f"{path}:{err.value.line}: ")


def test_front_matter_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(PageError, match="not a mapping"):
        read_page(_write(tmp_path, b"---\n- a\n- b\n---\n"))


def test_malformed_toml(tmp_path: Path) -> None:
    with pytest.raises(PageError, match="malformed TOML") as err:
        read_page(_write(tmp_path, b'+++\ntitle = "x"\nbroken =\n+++\n'))
    assert err.value.line == 3


def test_front_matter_span_never_raises() -> None:
    assert front_matter_span("---\nnot: closed\n") is None
    assert front_matter_span("---\na: [\n---\nx") == (0, 13)


@pytest.mark.parametrize("text", ["", "a\nbc\n\ndef", "\ufeffx\ny", "a\r\nb\r\n"])
def test_line_index_matches_direct_count(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        assert index.line_col(offset) == line_col(text, offset)


def test_front_matter_urls_are_scanned_in_toml_too(tmp_path: Path) -> None:
    page = read_page(_write(tmp_path, b'+++\nrepo = "https://github.com/a/b"\n+++\nx\n'))
    refs = scan_page(page)
    assert [(r.key, r.source, r.line, r.column) for r in refs] == [
        ("repo:a/b", "front_matter", 2, 9)
    ]


def test_a_device_or_a_fifo_is_refused_without_reading_it(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "page.md"
    os.mkfifo(fifo)  # reading it would block until a writer came
    for path in (Path("/dev/zero"), fifo):  # /dev/zero would never end
        with pytest.raises(PageError, match="not a regular file") as info:
            read_page(path)
        assert str(info.value).startswith(f"{path}: ")
