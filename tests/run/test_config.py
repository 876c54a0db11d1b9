"""Configuration: discovery, precedence, defaults, and one clear error per bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.config import (
    PUBLIC_API_URL,
    PUBLIC_GRAPHQL_URL,
    Config,
    config_from_mapping,
    load_config,
    parse_duration,
    with_overrides,
)
from enrich.errors import ConfigError, InputError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_gives_defaults_that_work_on_content(tmp_path: Path) -> None:
    write(tmp_path / "content" / "about.md", "hello\n")
    write(tmp_path / "content" / "deep" / "more.md", "more\n")
    write(tmp_path / "content" / "notes.txt", "not a page\n")
    config = load_config(tmp_path)
    assert config.source is None
    assert config.stats == tmp_path / "data" / "github-stats.json"
    assert config.cache_dir == tmp_path / ".enrich-cache"
    assert config.output_dir == tmp_path / "static" / "enrich"
    assert config.output_url == "/enrich"
    assert config.ttl == 3600
    assert config.badges == "shields"
    assert config.cards.user is None
    assert config.cards.repos is None
    assert config.page_paths() == [
        tmp_path / "content" / "about.md",
        tmp_path / "content" / "deep" / "more.md",
    ]


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "site"\n\n[tool.enrich]\npages = "posts/*.md"\nttl = "30m"\n'
        'stats = "stats.json"\n\n[tool.enrich.cards]\nuser = "octocat"\nrepos = ["a/b"]\n',
    )
    config = load_config(tmp_path)
    assert config.source == tmp_path / "pyproject.toml"
    assert config.pages == ("posts/*.md",)
    assert config.ttl == 1800
    assert config.stats == tmp_path / "stats.json"
    assert config.cards.user == "octocat"
    assert config.cards.repos == ("a/b",)


def test_pyproject_without_table_means_defaults(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n')
    config = load_config(tmp_path)
    assert config.source is None
    assert config.notes == ()


def test_enrich_toml_wins_over_pyproject_with_a_note(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.enrich]\nttl = 10\n")
    write(tmp_path / "enrich.toml", "ttl = 20\n")
    config = load_config(tmp_path)
    assert config.source == tmp_path / "enrich.toml"
    assert config.ttl == 20
    assert len(config.notes) == 1
    assert "pyproject.toml" in config.notes[0]


def test_explicit_config_and_relative_paths_follow_its_directory(tmp_path: Path) -> None:
    path = write(tmp_path / "conf" / "site.toml", 'stats = "s.json"\noutput_dir = "public/x"\n')
    config = load_config(tmp_path, explicit=Path("conf/site.toml"))
    assert config.source == path
    assert config.stats == tmp_path / "conf" / "s.json"
    assert config.output_dir == tmp_path / "conf" / "public" / "x"
    assert config.output_url == "public/x"


def test_explicit_pyproject_needs_the_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"no \[tool.enrich\] table"):
        load_config(tmp_path, explicit=Path("pyproject.toml"))


def test_explicit_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found") as info:
        load_config(tmp_path, explicit=Path("nope.toml"))
    assert info.value.path == tmp_path / "nope.toml"


def test_directory_instead_of_file(tmp_path: Path) -> None:
    (tmp_path / "enrich.toml").mkdir()
    with pytest.raises(ConfigError, match="directory"):
        load_config(tmp_path)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    write(tmp_path / "enrich.toml", "ttl = = 3\n")
    with pytest.raises(ConfigError, match="not valid TOML") as info:
        load_config(tmp_path)
    assert str(info.value).startswith(str(tmp_path / "enrich.toml"))


@pytest.mark.parametrize(
    ("text", "line"),
    [("pages = []\nttl = = 3\n", 2), ('pages = []\nttl = "1h"\n[cards\n', 3), ("x = \n", 1)],
)
def test_invalid_toml_names_the_line(tmp_path: Path, text: str, line: int) -> None:
    write(tmp_path / "enrich.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'enrich.toml'}:{line}: not valid TOML: ")
    assert "(at " not in str(info.value)


def test_a_broken_pyproject_does_not_matter_beside_enrich_toml(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project\n")
    write(tmp_path / "enrich.toml", 'ttl = "2h"\n')
    assert load_config(tmp_path).ttl == 7200
    (tmp_path / "enrich.toml").unlink()
    with pytest.raises(ConfigError, match=r"pyproject\.toml:1: not valid TOML"):
        load_config(tmp_path)


def test_tool_enrich_must_be_a_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool]\nenrich = "yes"\n')
    with pytest.raises(ConfigError, match="expected a table"):
        load_config(tmp_path)


def test_config_errors_are_input_errors() -> None:
    assert issubclass(ConfigError, InputError)


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("colour = 1", "unknown key colour"),
        ("[cards]\nsize = 3", "unknown key cards.size"),
        ("pages = []", "pages"),
        ("pages = [1]", "pages"),
        ('stats = ""', "stats"),
        ("cache_dir = 3", "cache_dir"),
        ('ttl = "soon"', "ttl"),
        ("ttl = -1", "ttl"),
        ("ttl = true", "ttl"),
        ("ttl = 1.5", "ttl"),
        ('badges = "remote"', "badges"),
        ('lastmod = "yes"', "lastmod"),
        ("concurrency = 0", "concurrency"),
        ("concurrency = 65", "concurrency"),
        ("concurrency = true", "concurrency"),
        ("batch_size = 101", "batch_size"),
        ('api_url = "ftp://x"', "api_url"),
        ('graphql_url = "not a url"', "graphql_url"),
        ("output_dir = []", "output_dir"),
        ("output_url = 5", "output_url"),
        ("cards = 3", "cards"),
        ('[cards]\nuser = "not a login!"', "cards.user"),
        ("[cards]\nenabled = 1", "cards.enabled"),
        ('[cards]\nkinds = ["poster"]', "cards.kinds"),
        ('[cards]\nkinds = "repo"', "cards.kinds"),
        ('[cards]\nrepos = "all"', "cards.repos"),
        ('[cards]\nrepos = ["nope"]', "cards.repos"),
        ('[cards]\nthemes = ["Dark Mode"]', "cards.themes"),
        ("[cards]\nthemes = []", "cards.themes"),
        ('[cards]\nformats = ["gif"]', "cards.formats"),
        ("[cards]\nscales = [3]", "cards.scales"),
        ("[cards]\nscales = [true]", "cards.scales"),
        ('[cards.colors]\nbg = "#fff"', "unknown key cards.colors.bg"),
        ('[cards.colors]\nbackground = "red"', "cards.colors.background"),
        ("[cards.colors]\nbackground = 1", "cards.colors.background"),
        ('[cards]\nthemes = ["neon"]', "cards.themes"),
        ('[formats]\nstars = "short"', "formats.stars"),
        ('[formats]\nheight = "exact"', "unknown key formats.height"),
        ("formats = 1", "formats"),
    ],
)
def test_each_bad_value_names_key_and_file(tmp_path: Path, toml: str, key: str) -> None:
    path = write(tmp_path / "enrich.toml", toml + "\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    message = str(info.value)
    line = toml.count("\n") + 1  # every case sets the offending key on its last line
    assert message.startswith(f"{path}:{line}: "), message
    assert key in message


def test_token_in_a_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "enrich.toml", 'token = "ghp_secret"\n')
    with pytest.raises(ConfigError, match="GITHUB_TOKEN") as info:
        load_config(tmp_path)
    assert "ghp_secret" not in str(info.value)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (0, 0),
        (90, 90),
        ("90", 90),
        ("90s", 90),
        ("30m", 1800),
        ("1h", 3600),
        ("1h30m", 5400),
        ("2d", 172800),
        (" 1H ", 3600),
    ],
)
def test_durations(value: object, seconds: int) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", ["", "h", "1x", "1h junk", -5, None, 2.5, False])
def test_bad_durations(value: object) -> None:
    with pytest.raises(ConfigError, match="ttl"):
        parse_duration(value)


def test_full_config_round_trip(tmp_path: Path) -> None:
    table = {
        "pages": ["content/about.md", "README.md"],
        "badges": "local",
        "lastmod": False,
        "concurrency": 4,
        "batch_size": 50,
        "api_url": "https://ghe.example.com/api/v3/",
        "graphql_url": "https://ghe.example.com/api/graphql",
        "formats": {"stars": "exact", "prs": "floor"},
        "cards": {
            "enabled": True,
            "user": "octo-cat",
            "kinds": ["profile", "profile", "repo"],
            "repos": "pages",
            "themes": ["dark", "nord", "auto"],
            "formats": ["svg", "png"],
            "scales": [1, 2],
            "colors": {"background": "#000", "title": "#FFFFFF"},
        },
    }
    config = config_from_mapping(table, root=tmp_path)
    assert config.badges == "local"
    assert config.lastmod is False
    assert config.api_url == "https://ghe.example.com/api/v3"
    assert config.formats == {"stars": "exact", "prs": "floor"}
    assert config.cards.kinds == ("profile", "repo")
    assert config.cards.repos is None
    assert config.cards.scales == (1, 2)
    assert config.cards.colors == {"background": "#000000", "title": "#ffffff"}
    assert config.cards.themes == ("dark", "nord", "auto")


def test_api_urls_config_then_env_then_public(tmp_path: Path) -> None:
    env = {"GITHUB_API_URL": "http://127.0.0.1:9/", "GITHUB_GRAPHQL_URL": "http://127.0.0.1:9/gql"}
    default = Config(root=tmp_path)
    assert default.resolved_api_url({}) == PUBLIC_API_URL
    assert default.resolved_graphql_url({}) == PUBLIC_GRAPHQL_URL
    assert default.resolved_api_url(env) == "http://127.0.0.1:9"
    assert default.resolved_graphql_url(env) == "http://127.0.0.1:9/gql"
    mine = config_from_mapping(
        {"api_url": "https://ghe/api/v3", "graphql_url": "https://ghe/api/graphql"}, root=tmp_path
    )
    assert mine.resolved_api_url(env) == "https://ghe/api/v3"
    assert mine.resolved_graphql_url(env) == "https://ghe/api/graphql"


def test_config_is_frozen(tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    with pytest.raises(AttributeError):
        config.ttl = 5  # type: ignore[misc]


def test_overrides(tmp_path: Path) -> None:
    config = with_overrides(Config(root=tmp_path), ttl=0, badges=None)
    assert config.ttl == 0
    assert config.badges == "shields"
    with pytest.raises(ConfigError, match="unknown setting"):
        with_overrides(config, colour="red")


def test_page_paths_accept_plain_files_dirs_and_globs(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "x\n")
    write(tmp_path / "docs" / "a.md", "x\n")
    write(tmp_path / "posts" / "b.md", "x\n")
    config = config_from_mapping(
        {"pages": ["README.md", "docs", "posts/*.md", "missing.md", "posts/*.md"]}, root=tmp_path
    )
    assert config.page_paths() == [
        tmp_path / "README.md",
        tmp_path / "docs" / "a.md",
        tmp_path / "posts" / "b.md",
    ]


def test_graphql_url_follows_the_rest_server_in_use(tmp_path: Path) -> None:
    ghes = {"GITHUB_API_URL": "https://ghe.example.com/api/v3"}
    assert Config(root=tmp_path).resolved_graphql_url(ghes) == (
        "https://ghe.example.com/api/graphql"
    )
    # A config naming its own server never borrows the environment's GraphQL URL.
    mine = config_from_mapping({"api_url": "https://ghe.example.com/api/v3"}, root=tmp_path)
    env = {"GITHUB_GRAPHQL_URL": "https://api.github.com/graphql"}
    assert mine.resolved_graphql_url(env) == "https://ghe.example.com/api/graphql"


def test_pyproject_errors_name_the_full_key_its_line_and_the_value_as_toml(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "site"\n\n[tool.enrich]\npages = ["content"]\nttl = true\n',
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value) == (
        f"{path}:6: tool.enrich.ttl: expected seconds or a duration like '1h', got true"
    )


@pytest.mark.parametrize(
    ("toml", "line", "key"),
    [
        ('[tool.enrich]\n# themes\ncards.themes = ["neon"]\n', 3, "tool.enrich.cards.themes"),
        ('[tool.enrich.cards]\nuser = "a"\n\n[tool.enrich.cards.colors]\nbg = "#fff"\n', 5,
         "unknown key tool.enrich.cards.colors.bg"),
        ("[tool.enrich]\n[tool.enrich.formats]\n\"stars\" = 'short'\n", 3,
         "tool.enrich.formats.stars"),
    ],
)  # fmt: skip
def test_the_line_follows_tables_and_dotted_keys(
    tmp_path: Path, toml: str, line: int, key: str
) -> None:
    path = write(tmp_path / "pyproject.toml", toml)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value).startswith(f"{path}:{line}: {key}"), str(info.value)
