"""`--fallback-font` must be a font: anything else is one error line naming it, exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich.cli import main
from enrich.render.text_measure import font_path

HERE = Path(__file__).parent
COMMANDS = [
    ["card", "repo", "pytorch/pytorch", "--format", "png", "-o", "out.png"],
    ["card", "profile", "yewentao256", "-o", "out.svg"],
    ["badge", "pytorch/pytorch", "--format", "png", "-o", "out.png"],
]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    shutil.copy(HERE / "stats.json", tmp_path / "data" / "github-stats.json")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _garbage(workdir: Path, name: str, data: bytes) -> str:
    (workdir / name).write_bytes(data)
    return name


@pytest.mark.parametrize("args", COMMANDS)
@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("notes.ttf", b"this is not a font at all\n", "not a TrueType/OpenType font"),
        ("empty.otf", b"", "not a TrueType/OpenType font"),
        ("cut.ttf", font_path().read_bytes()[:40], "not a usable font"),
    ],
)
def test_a_file_that_is_not_a_font_is_an_error(
    workdir: Path, args: list[str], name: str, data: bytes, reason: str
) -> None:
    font = _garbage(workdir, name, data)
    result = CliRunner().invoke(main, [*args, "--fallback-font", font])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {name}: {reason}")
    assert len(result.stderr.splitlines()) == 1
    assert not (workdir / args[-1]).exists()


@pytest.mark.parametrize("args", COMMANDS)
def test_a_real_font_is_accepted(workdir: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, [*args, "--fallback-font", str(font_path(bold=True))])
    assert result.exit_code == 0, result.output
    assert (workdir / args[-1]).stat().st_size > 0
