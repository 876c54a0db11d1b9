"""Card planning for ``enrich run``: whose cards, which repositories, local badge names."""

from __future__ import annotations

import pytest

from enrich.config import CardsConfig
from enrich.render.badge_replace import LocalBadgeLink, local_badge_links
from enrich.render.badges import METRICS, STYLES
from enrich.render.cards import badge_filename
from enrich.run_cards import CardPlan, badge_target_ref, infer_user, plan_cards
from enrich.scan import scan_text
from enrich.scan.refs import Kind

PAGE = """\
[me](https://github.com/Octo-Cat) and [friend](https://github.com/friend)
[repo](https://github.com/Octo-Cat/Tool) [again](https://github.com/octo-cat/tool/issues)
[up](https://github.com/big/Project) [PRs](https://github.com/big/project/issues?q=author%3Aocto-cat)
[other](https://github.com/other/thing/pulls?q=author%3Afriend)
[all](https://github.com/pulls?q=is%3Apr+author%3AOcto-Cat)
"""


def test_the_user_named_most_is_inferred_in_the_page_spelling() -> None:
    page = (
        "[f](https://github.com/friend)\n"  # friend: 1, named first
        "[a](https://github.com/a/b/issues?q=author%3Aocto-cat)\n"  # octo-cat: 1
        "[me](https://github.com/Octo-Cat)\n"  # 2
        "[c](https://github.com/pulls?q=author%3AOCTO-CAT)\n"  # 3
    )
    assert infer_user(scan_text(page)) == "octo-cat"  # the first spelling seen


def test_a_tie_goes_to_the_first_named() -> None:
    refs = scan_text("[a](https://github.com/first) [b](https://github.com/second)\n")
    assert infer_user(refs) == "first"


def test_nobody_named() -> None:
    assert infer_user(scan_text("[r](https://github.com/a/b)\n")) is None


def test_plan_from_pages_dedupes_repositories_case_insensitively() -> None:
    plan = plan_cards(CardsConfig(), scan_text(PAGE))
    assert plan.user == "Octo-Cat"
    assert plan.repos == ("Octo-Cat/Tool", "big/Project")


def test_config_wins_over_the_pages() -> None:
    config = CardsConfig(user="someone", repos=("x/y",), kinds=("repo",))
    plan = plan_cards(config, scan_text(PAGE))
    assert plan == CardPlan("someone", ("x/y",), ("repo",))
    assert [ref.key for ref in plan.refs()] == ["repo:x/y"]


def test_disabled_cards_plan_nothing() -> None:
    plan = plan_cards(CardsConfig(enabled=False), scan_text(PAGE))
    assert plan.refs() == []
    assert plan.kinds == ()


def test_plan_refs_make_fetch_get_what_the_cards_show() -> None:
    plan = CardPlan("Octo-Cat", ("big/Project",), ("profile", "contributions", "repo"))
    refs = plan.refs()
    assert [ref.key for ref in refs] == ["user:octo-cat", "repo:big/project"]
    assert [ref.kind for ref in refs] == [Kind.USER, Kind.REPO]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("metric", sorted(METRICS))
def test_local_badge_links_parse_back_to_what_they_show(metric: str, style: str) -> None:
    target = "octo-cat" if METRICS[metric].kind == "user" else "Big-Org/my.repo_2"
    name = badge_filename(target, metric, style)
    text = f'<img src="/enrich/badges/{name}" alt="x"> ![b](/enrich/badges/{name})'
    assert local_badge_links(text, "/enrich/badges/") == [
        LocalBadgeLink(name, target.lower(), metric, style)
    ]
    ref = badge_target_ref(target.lower(), metric)
    assert ref.kind is (Kind.USER if METRICS[metric].kind == "user" else Kind.REPO)


def test_other_images_are_not_local_badges() -> None:
    text = '<img src="/enrich/badges/unknown.svg"> <img src="/elsewhere/a-stars-flat.svg">'
    assert local_badge_links(text, "/enrich/badges/") == []
