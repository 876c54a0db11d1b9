"""``enrich fetch`` takes its stats file, cache and pages from the config, as ``run`` and
``render`` do: otherwise fetch fills one stats file and render reads another."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich import testing
from enrich.cli import main

ROOT = Path(__file__).resolve().parents[2]


def fake_env(fake: testing.FakeGitHub) -> dict[str, str]:
    """The environment pointing the CLI at ``fake`` with a token (and no stray GH_TOKEN)."""
    return {
        "GITHUB_API_URL": fake.api_url,
        "GITHUB_GRAPHQL_URL": fake.graphql_url,
        "GITHUB_TOKEN": "config-token",
        "GH_TOKEN": "",
    }


def test_fetch_uses_the_configured_stats_file_and_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "enrich.toml").write_text(
        'stats = "site/stats.json"\ncache_dir = ".my-cache"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    with testing.FakeGitHub(data=testing.FakeData.example()) as fake:
        env = fake_env(fake)
        result = CliRunner().invoke(main, ["fetch"], env=env)
    assert result.exit_code == 0, result.output
    assert "stats: site/stats.json updated" in result.output
    assert len(json.loads((tmp_path / "site" / "stats.json").read_text())["items"]) == 23
    assert (tmp_path / ".my-cache").is_dir()
    assert not (tmp_path / "data").exists()
    assert not (tmp_path / ".enrich-cache").exists()


def test_fetch_stops_on_a_bad_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "enrich.toml").write_text("concurrency = 0\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["fetch"])
    assert result.exit_code == 2
    assert "enrich.toml:1: concurrency: expected an integer from 1 to 64, got 0" in result.output


def test_fetch_uses_the_configured_api_urls_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    with testing.FakeGitHub(data=testing.FakeData.example()) as fake:
        (tmp_path / "enrich.toml").write_text(
            f'api_url = "{fake.api_url}"\ngraphql_url = "{fake.graphql_url}"\n', encoding="utf-8"
        )
        env = {
            # Actions always sets these; the config must win (docs/configuration.md).
            "GITHUB_API_URL": "http://127.0.0.1:9",
            "GITHUB_GRAPHQL_URL": "http://127.0.0.1:9/graphql",
            "GITHUB_TOKEN": "config-token",
            "GH_TOKEN": "",
        }
        result = CliRunner().invoke(main, ["fetch"], env=env)
        served = len(fake.requests)
    assert result.exit_code == 0, result.output
    assert served == 1


def test_fetch_gets_what_the_configured_cards_and_local_badges_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fetch plans as run does, so ``fetch && render`` draws every card and badge."""
    (tmp_path / "content").mkdir()
    page_path = tmp_path / "content" / "about.md"
    page_path.write_text("![](https://img.shields.io/github/stars/open-mmlab/mmcv)\n")
    (tmp_path / "enrich.toml").write_text(
        'badges = "local"\n[cards]\nuser = "octocat"\nkinds = ["profile", "repo"]\n'
        'repos = ["yewentao256/vllm"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    with testing.FakeGitHub(data=testing.FakeData.example()) as fake:
        env = fake_env(fake)
        # run once: the page's shields badges become local badges, linked by file name only
        assert CliRunner().invoke(main, ["run"], env=env).exit_code == 0
        stats_path = tmp_path / "data" / "github-stats.json"
        badge_key = "repo:open-mmlab/mmcv"
        assert "badges/open-mmlab--mmcv-stars-flat.svg" in page_path.read_text()
        stats_path.unlink()
        fetched = CliRunner().invoke(main, ["fetch"], env=env)
    assert fetched.exit_code == 0, fetched.output
    items = json.loads(stats_path.read_text())["items"]
    assert {"user:octocat", "repo:yewentao256/vllm", badge_key} <= set(items)
    rendered = CliRunner().invoke(main, ["render"])
    assert rendered.exit_code == 0, rendered.output
    assert "warning" not in rendered.output
