"""``enrich card``, ``badge`` and ``annotate`` read the stats file the config names, as
``run`` and ``render`` do, unless ``--stats`` says otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich.cli import main

STATS = {
    "schema": 1,
    "items": {
        "repo:octo/widget": {
            "kind": "repo",
            "name": "octo/widget",
            "status": "fresh",
            "figures": {
                "stars": {"value": 4321, "fetched_at": "2026-01-01T00:00:00Z"},
                "forks": {"value": 12, "fetched_at": "2026-01-01T00:00:00Z"},
            },
        }
    },
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "site-data").mkdir()
    (tmp_path / "site-data" / "stats.json").write_text(json.dumps(STATS), encoding="utf-8")
    (tmp_path / "enrich.toml").write_text('stats = "site-data/stats.json"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_card_and_badge_read_the_configured_stats_file(site: Path) -> None:
    card = CliRunner().invoke(main, ["card", "repo", "octo/widget", "-o", "card.svg"])
    assert card.exit_code == 0, card.output
    assert "4.3k" in (site / "card.svg").read_text(encoding="utf-8")
    badge = CliRunner().invoke(main, ["badge", "octo/widget", "-o", "badge.svg"])
    assert badge.exit_code == 0, badge.output
    assert "4.3k" in (site / "badge.svg").read_text(encoding="utf-8")


def test_annotate_fills_new_regions_from_the_configured_stats_file(site: Path) -> None:
    page = site / "page.md"
    page.write_text("#### [Widget](https://github.com/octo/widget)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["annotate", str(page)])
    assert result.exit_code == 0, result.output
    assert "4.3k" in result.output


def test_a_bad_config_is_bad_input_for_card(site: Path) -> None:
    (site / "enrich.toml").write_text("bogus = 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["card", "repo", "octo/widget", "-o", "card.svg"])
    assert result.exit_code == 2
    assert "unknown key bogus" in result.output
    assert not (site / "card.svg").exists()
