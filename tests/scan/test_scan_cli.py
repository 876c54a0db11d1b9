"""``enrich scan``: human and JSON output, directories, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from enrich.cli import main
from enrich.cli.exits import BAD_INPUT, OK

ABOUT = Path(__file__).resolve().parents[2] / "content" / "about.md"


def _runner() -> CliRunner:
    return CliRunner()


def test_json_is_one_object_per_occurrence_in_document_order() -> None:
    result = _runner().invoke(main, ["scan", "--json", str(ABOUT)])
    assert result.exit_code == OK, result.output
    records = json.loads(result.stdout)
    assert len(records) == 31
    assert [r["line"] for r in records] == sorted(r["line"] for r in records)
    first = records[0]
    assert first == {
        "path": str(ABOUT),
        "line": 17,
        "column": 25,
        "kind": "user",
        "key": "user:yewentao256",
        "owner": "yewentao256",
        "repo": None,
        "number": None,
        "query": None,
        "text": None,
        "badge": None,
        "source": "link",
        "url": "https://github.com/yewentao256",
        "start": first["start"],
        "end": first["end"],
    }
    last = records[-1]
    assert last["kind"] == "search"
    assert last["query"] == {"is": ["pr", "merged"], "author": ["yewentao256"]}
    assert last["text"] == ""
    assert (last["owner"], last["repo"], last["number"]) == (None, None, None)
    badge = next(r for r in records if r["kind"] == "badge" and r["repo"] == "vllm")
    assert badge["badge"] == {"metric": "stars", "params": {"style": "social"}}
    pull = next(r for r in records if r["kind"] == "pull")
    assert (pull["owner"], pull["repo"], pull["number"]) == ("pytorch", "pytorch", 123020)
    text = ABOUT.read_text(encoding="utf-8")
    assert all(text[r["start"] : r["end"]] == r["url"] for r in records)


def test_human_output_groups_by_kind_with_line_numbers() -> None:
    result = _runner().invoke(main, ["scan", str(ABOUT)])
    assert result.exit_code == OK
    lines = result.stdout.splitlines()
    assert lines[0] == f"{ABOUT}: 31 references"
    headers = [
        line.strip() for line in lines if line.startswith("  ") and not line.startswith("    ")
    ]
    assert headers == ["repo (16)", "user (2)", "search (6)", "pull (2)", "issue (1)", "badge (4)"]
    assert "    39:32  pytorch/pytorch#123020" in lines
    assert "    64:58  stars of open-mmlab/mmcv (style=social)" in lines


def test_directory_scans_its_markdown_recursively_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("https://github.com/two/repo\n")
    (tmp_path / "a.md").write_text("https://github.com/one/repo\n")
    (tmp_path / "notes.txt").write_text("https://github.com/no/repo\n")
    result = _runner().invoke(main, ["scan", "--json", str(tmp_path)])
    assert result.exit_code == OK
    assert [r["key"] for r in json.loads(result.stdout)] == ["repo:one/repo", "repo:two/repo"]


def test_bad_files_are_reported_one_line_each_and_others_still_scanned(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("[x](https://github.com/a/b)\n")
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"\x00\x01")
    bad_yaml = tmp_path / "fm.md"
    bad_yaml.write_text("---\ntitle: [x\n---\n")
    missing = tmp_path / "missing.md"
    result = _runner().invoke(
        main, ["scan", "--json", str(missing), str(binary), str(good), str(bad_yaml)]
    )
    assert result.exit_code == BAD_INPUT
    assert [r["key"] for r in json.loads(result.stdout)] == ["repo:a/b"]
    errors = result.stderr.splitlines()
    assert len(errors) == 3
    assert errors[0] == f"enrich scan: {missing}: no such file"
    assert errors[1].startswith(f"enrich scan: {binary}:1: binary content")
    assert errors[2].startswith(f"enrich scan: {bad_yaml}:")


def test_no_path_is_a_usage_error() -> None:
    result = _runner().invoke(main, ["scan"])
    assert result.exit_code == BAD_INPUT
    assert "Missing argument" in result.output


def test_empty_page_has_no_references(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("")
    result = _runner().invoke(main, ["scan", "--json", str(empty)])
    assert result.exit_code == OK
    assert json.loads(result.stdout) == []
