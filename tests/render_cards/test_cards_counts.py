"""Figures that are not counts (a hand-edited stats file) are unknown to cards and badges.

A repository card without a stars count is not drawn (``StatsFileError``: the CLI exits 2 and
``enrich run`` keeps the old file); other figures that are not counts are left off.
"""

from __future__ import annotations

import pytest

from enrich.errors import StatsFileError
from enrich.render.badges import badge_for
from enrich.render.card_data import profile_data, repo_data
from enrich.stats import Figure, Item, Stats


def _stats(kind: str, key: str, **values: object) -> Stats:
    figures = {k: Figure(value=v, fetched_at="2026-11-25T00:00:00Z") for k, v in values.items()}  # type: ignore[arg-type]
    return Stats(items={key: Item(kind, key.partition(":")[2], figures=figures)})


@pytest.mark.parametrize("stars", [-5, 2.5, 98150.0, "98150", "many", True, None])
def test_a_repo_card_needs_a_stars_count(stars: object) -> None:
    stats = _stats("repo", "repo:a/b", stars=stars, forks=3)
    with pytest.raises(StatsFileError, match="no stars count for a/b"):
        repo_data(stats, "a/b")


@pytest.mark.parametrize("forks", [-1, 1.5, "12", False])
def test_other_figures_that_are_not_counts_are_unknown(forks: object) -> None:
    data = repo_data(_stats("repo", "repo:a/b", stars=0, forks=forks), "a/b")
    assert (data.stars, data.forks) == (0, None)


def test_profile_figures_that_are_not_counts_are_unknown() -> None:
    stats = _stats("user", "user:u", followers=-3, total_stars=10.9, public_repos=4)
    data = profile_data(stats, "u")
    assert (data.followers, data.total_stars, data.public_repos) == (None, None, 4)


@pytest.mark.parametrize("stars", [-5, 1.5, "7"])
def test_a_badge_needs_a_count(stars: object) -> None:
    with pytest.raises(StatsFileError, match="no stars figure for a/b"):
        badge_for(_stats("repo", "repo:a/b", stars=stars), "a/b")
    assert badge_for(_stats("repo", "repo:a/b", stars=7), "a/b").message.text == "7"
