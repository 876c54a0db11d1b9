"""FetchOptions.from_env: the token and the base URLs, GitHub Enterprise included."""

from __future__ import annotations

from enrich.github import FetchOptions


def test_defaults_are_the_public_api() -> None:
    options = FetchOptions.from_env({})
    assert options.token is None
    assert options.api_url == "https://api.github.com"
    assert options.graphql_url == "https://api.github.com/graphql"


def test_the_token_comes_from_either_variable_and_is_never_shown() -> None:
    assert FetchOptions.from_env({"GH_TOKEN": "ghp_b\n"}).token == "ghp_b"
    both = FetchOptions.from_env({"GITHUB_TOKEN": "ghp_a", "GH_TOKEN": "ghp_b"})
    assert both.token == "ghp_a"
    assert FetchOptions.from_env({"GITHUB_TOKEN": "  "}).token is None
    assert "ghp_a" not in repr(both)


def test_enterprise_urls() -> None:
    server = FetchOptions.from_env({"GITHUB_API_URL": "https://ghe.example.com/api/v3/"})
    assert server.api_url == "https://ghe.example.com/api/v3"
    assert server.graphql_url == "https://ghe.example.com/api/graphql"
    cloud = FetchOptions.from_env({"GITHUB_API_URL": "https://api.acme.ghe.com"})
    assert cloud.graphql_url == "https://api.acme.ghe.com/graphql"
    explicit = FetchOptions.from_env(
        {"GITHUB_API_URL": "https://x.test/api/v3", "GITHUB_GRAPHQL_URL": "https://x.test/gql"}
    )
    assert explicit.graphql_url == "https://x.test/gql"


def test_overrides_win() -> None:
    options = FetchOptions.from_env({"GITHUB_TOKEN": "ghp_a"}, token=None, ttl=5.0)
    assert options.token is None
    assert options.ttl == 5.0
