"""Regressions found by reviewing ``enrich run`` as a user would."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich.cli import exits, main
from enrich.config import config_from_mapping
from enrich.run import RunOptions, run
from enrich.testing import FakeData, FakeGitHub

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub(data=FakeData.example()) as server:
        yield server


@pytest.fixture
def site(tmp_path: Path, fake: FakeGitHub) -> Path:
    fake.reset()
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def env_for(fake: FakeGitHub) -> dict[str, str]:
    return {
        "GITHUB_API_URL": fake.api_url,
        "GITHUB_GRAPHQL_URL": fake.graphql_url,
        "GITHUB_TOKEN": "review-token",
    }


def test_a_corrupt_cache_file_is_reported_once(site: Path, fake: FakeGitHub) -> None:
    config = config_from_mapping({"cards": {"enabled": False}}, root=site)
    segments = site / ".enrich-cache" / "v1"
    segments.mkdir(parents=True)
    (segments / "broken.json").write_text("{garbage", encoding="utf-8")
    report = run(config, RunOptions(env=env_for(fake)))
    about_cache = [w for w in report.warnings if "broken.json" in w]
    assert len(about_cache) == 1, report.warnings


def test_a_pages_argument_that_does_not_exist_is_bad_input(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["run", "--offline", "content/abuot.md"])
    assert result.exit_code == exits.BAD_INPUT
    assert "content/abuot.md: no such file or directory" in result.output
    assert not (site / "data").exists()
    # A glob that matches nothing is bad input too (a green run doing nothing hides a
    # misconfigured pages setting), and an existing page runs.
    assert CliRunner().invoke(main, ["run", "--offline", "none/*.md"]).exit_code == exits.BAD_INPUT
    ok = CliRunner().invoke(main, ["run", "--offline", "content/about.md"])
    assert ok.exit_code == exits.OK, ok.output


def test_an_unusable_output_directory_is_one_line_and_writes_nothing(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "in-the-way").write_text("a file, not a directory\n", encoding="utf-8")
    (site / "enrich.toml").write_text('output_dir = "in-the-way/cards"\n', encoding="utf-8")
    stats = site / "data" / "github-stats.json"
    stats.parent.mkdir()
    stats.write_text(
        '{"schema": 1, "items": {"repo:pytorch/pytorch": {"kind": "repo", "name": '
        '"pytorch/pytorch", "status": "fresh", "figures": {"stars": {"value": 54321, '
        '"fetched_at": "2026-01-01T00:00:00Z"}}}}}',
        encoding="utf-8",
    )
    page = site / "content" / "about.md"
    before = page.read_bytes(), stats.read_bytes()
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["run", "--offline"])
    assert result.exit_code == exits.BAD_INPUT, result.output
    assert "in-the-way/cards: cannot create this directory" in result.output
    assert "Traceback" not in result.output
    assert (page.read_bytes(), stats.read_bytes()) == before


def test_a_file_that_cannot_be_written_leaves_every_file_as_it_was(
    site: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the last file of the run (a card) cannot be written: stats, page and other cards
    # were ready first, and none of them may change
    blocked = site / "static" / "enrich" / "repo-vllm-project--vllm.svg"
    blocked.mkdir(parents=True)  # a directory where the card should go
    page = site / "content" / "about.md"
    before = page.read_bytes()
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["run"], env=env_for(fake))
    assert result.exit_code == exits.BAD_INPUT, result.output
    assert f"{blocked}: cannot write here (Is a directory) (nothing was written)" in result.output
    assert page.read_bytes() == before
    assert not (site / "data").exists()
    left = [p for p in site.rglob("*") if p.is_file() and p.suffix == ".tmp"]
    assert left == []
    assert [p.name for p in (site / "static" / "enrich").iterdir()] == [blocked.name]


def test_write_all_names_the_target_not_its_temporary_file(tmp_path: Path) -> None:
    from enrich.fsio import write_all

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("old\n", encoding="utf-8")
    second.mkdir()
    with pytest.raises(IsADirectoryError) as info:
        write_all([(first, b"new\n"), (second, b"data\n")])
    assert info.value.filename == str(second)
    assert first.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_an_outage_after_a_rename_leaves_the_stats_file_alone(
    site: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site)
    fake.data.rename_repo("pytorch/pytorch", "pytorch/torch2")
    first = CliRunner().invoke(main, ["run"], env=env_for(fake))
    assert first.exit_code == exits.OK, first.output
    stats = site / "data" / "github-stats.json"
    before = stats.read_bytes()
    assert b'"renamed_to": "pytorch/torch2"' in before
    fake.faults.match = "^/graphql$"
    fake.faults.fail_next = [502] * 20
    outage = CliRunner().invoke(main, ["run", "--ttl", "0"], env=env_for(fake))
    assert outage.exit_code == exits.PARTIAL, outage.output
    assert stats.read_bytes() == before  # no commit for an outage, the rename kept


def test_cards_show_what_the_pages_link_now_not_leftovers(
    site: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site)
    assert CliRunner().invoke(main, ["run"], env=env_for(fake)).exit_code == exits.OK
    card = site / "static" / "enrich" / "contributions-yewentao256.svg"
    assert "DeepLink-org/DIOPI" in card.read_text(encoding="utf-8")
    page = site / "content" / "about.md"
    kept = [line for line in page.read_text(encoding="utf-8").splitlines(keepends=True)
            if "DIOPI" not in line]  # fmt: skip
    page.write_text("".join(kept), encoding="utf-8")
    again = CliRunner().invoke(main, ["run", "--offline"], env=env_for(fake))
    assert again.exit_code == exits.OK, again.output
    assert "DIOPI" not in card.read_text(encoding="utf-8")
    stats = (site / "data" / "github-stats.json").read_text(encoding="utf-8")
    assert "deeplink-org/diopi" in stats  # still known, for other pages and history


def test_json_lists_written_files_relative_to_the_working_directory(
    tmp_path: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the composite action runs `git add` on these from the repository root, while the
    # config (and so every path in it) lives in a subdirectory
    import json

    fake.reset()
    site = tmp_path / "mono" / "site"
    shutil.copytree(ROOT / "content", site / "content")
    (site / "enrich.toml").write_text('pages = ["content/**/*.md"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "mono")
    argv = ["run", "--json", "--config", "site/enrich.toml"]
    result = CliRunner().invoke(main, argv, env=env_for(fake))
    assert result.exit_code == exits.OK, result.output
    written = json.loads(result.stdout)["written"]
    assert "site/data/github-stats.json" in written
    assert "site/content/about.md" in written
    assert all((tmp_path / "mono" / path).is_file() for path in written)


def test_json_mode_still_names_failed_items_on_stderr(
    site: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.chdir(site)
    fake.faults.match = "^/graphql$"
    fake.faults.fail_next = [502] * 20
    env = env_for(fake) | {"GITHUB_ACTIONS": "true"}
    result = CliRunner().invoke(main, ["run", "--json"], env=env)
    assert result.exit_code == exits.PARTIAL, result.output
    document = json.loads(result.stdout)  # stdout is the report alone
    assert document["failed"]
    assert "::error::kept the last figures of" in result.stderr


def test_two_connection_resets_on_the_budget_check_are_no_outage(
    site: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site)
    fake.faults.match = "^/rate_limit$"
    fake.faults.reset_next = 2
    result = CliRunner().invoke(main, ["run"], env=env_for(fake))
    assert result.exit_code == exits.OK, result.output
    assert "items: 23 fetched" in result.output
