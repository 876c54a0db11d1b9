"""Configuration: ``enrich.toml`` or ``[tool.enrich]`` in ``pyproject.toml`` -> a frozen ``Config``.

Where it comes from (first found wins, looked up in the working directory):

1. an explicit ``--config FILE`` (an ``enrich.toml``-style file, or a ``pyproject.toml``);
2. ``enrich.toml``: a file dedicated to enrich is the more specific intent, so it wins over
   ``pyproject.toml`` when both exist (a note says the other one is ignored);
3. ``[tool.enrich]`` in ``pyproject.toml``;
4. nothing: the defaults, which make ``enrich run`` work on the bundled ``content/``.

Relative paths are relative to the directory of the file they come from (or the working
directory when there is no file). Unknown keys and bad values raise ``ConfigError`` naming the
key and the file. Tokens never live in a file: GitHub tokens come from ``GITHUB_TOKEN`` /
``GH_TOKEN`` only. API base URLs: the config's ``api_url``/``graphql_url`` when set, else
``GITHUB_API_URL``/``GITHUB_GRAPHQL_URL`` (Actions sets them, also on GitHub Enterprise),
else the public API. The config wins because Actions always sets the variables, so a key
that lost to them could never take effect where it matters most.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from enrich.errors import ConfigError
from enrich.render.numbers import NumberFormat
from enrich.render.regions import FIGURES as REGION_FIGURES
from enrich.render.themes import ColourOverrides, normalise_colour, theme_names

PUBLIC_API_URL = "https://api.github.com"
PUBLIC_GRAPHQL_URL = "https://api.github.com/graphql"

NUMBER_FORMATS = tuple(fmt.value for fmt in NumberFormat)
"""``1,234`` / ``98.1k`` / ``30+`` (see docs/configuration.md)."""
FIGURES = tuple(REGION_FIGURES)
"""Figures whose number format can be configured (the markers' figures)."""
COLOUR_ROLES = tuple(f.name for f in fields(ColourOverrides))
CARD_KINDS = ("profile", "contributions", "repo")
CARD_FORMATS = ("svg", "png")
BADGE_MODES = ("shields", "local")
_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
_REPO = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")
_DURATION = re.compile(r"(\d+)\s*([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class CardsConfig:
    """Which cards ``enrich run`` writes into ``output_dir``, and how."""

    enabled: bool = True
    user: str | None = None
    """Whose profile and contributions; ``None``: inferred from the pages' links."""
    kinds: tuple[str, ...] = ("profile", "contributions", "repo")
    repos: tuple[str, ...] | None = None
    """Repositories with a repo card; ``None`` means every repository the pages link to."""
    themes: tuple[str, ...] = ("auto",)
    """One file per theme; ``auto`` follows the reader's light/dark preference."""
    formats: tuple[str, ...] = ("svg",)
    scales: tuple[int, ...] = (1,)
    """PNG scales (1x, 2x); SVGs are resolution-independent."""
    colors: Mapping[str, str] = field(default_factory=dict)
    """Colours by role (``background``, ``title``, ...) laid over every theme."""


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a run needs to know, validated. Paths are absolute."""

    root: Path
    source: Path | None = None
    """The file this came from, ``None`` for the defaults."""
    pages: tuple[str, ...] = ("content/**/*.md",)
    stats: Path = Path("data/github-stats.json")
    cache_dir: Path = Path(".enrich-cache")
    ttl: int = 3600
    output_dir: Path = Path("static/enrich")
    output_url: str = "/enrich"
    """Where readers find ``output_dir`` (local badges link there)."""
    cards: CardsConfig = field(default_factory=CardsConfig)
    formats: Mapping[str, str] = field(default_factory=dict)
    """Number format per figure; markers' ``format=`` wins."""
    badges: str = "shields"
    lastmod: bool = True
    concurrency: int = 8
    batch_size: int = 100
    api_url: str | None = None
    graphql_url: str | None = None
    notes: tuple[str, ...] = ()
    """Things worth telling the user (e.g. an ignored pyproject table)."""

    def resolved_api_url(self, env: Mapping[str, str]) -> str:
        """The REST base URL: config, then ``GITHUB_API_URL``, then the public API."""
        return (self.api_url or env.get("GITHUB_API_URL") or PUBLIC_API_URL).rstrip("/")

    def resolved_graphql_url(self, env: Mapping[str, str]) -> str:
        """The GraphQL URL: config, then ``GITHUB_GRAPHQL_URL``, then the public API's."""
        return (self.graphql_url or env.get("GITHUB_GRAPHQL_URL") or PUBLIC_GRAPHQL_URL).rstrip("/")

    def page_paths(self) -> list[Path]:
        """The files the ``pages`` globs match (a plain path counts), sorted, de-duplicated."""
        found: set[Path] = set()
        for pattern in self.pages:
            candidate = Path(pattern)
            if not candidate.is_absolute():
                candidate = self.root / candidate
            if not any(ch in pattern for ch in "*?["):
                if candidate.is_dir():
                    found.update(p for p in candidate.rglob("*.md") if p.is_file())
                elif candidate.exists():
                    found.add(candidate)
                continue
            anchor = self.root if not Path(pattern).is_absolute() else Path("/")
            relative = pattern if not Path(pattern).is_absolute() else pattern.lstrip("/")
            found.update(p for p in anchor.glob(relative) if p.is_file())
        return sorted(found)


def parse_duration(value: object, *, key: str = "ttl", path: Path | None = None) -> int:
    """Seconds from ``3600``, ``"3600"``, ``"1h"``, ``"1h30m"``, ``"2d"`` (``ConfigError`` else)."""
    if isinstance(value, bool):
        raise ConfigError(
            f"{key}: expected seconds or a duration like '1h', got {value!r}", path=path
        )
    if isinstance(value, int):
        if value < 0:
            raise ConfigError(f"{key}: must not be negative, got {value}", path=path)
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text.isdigit():
            return int(text)
        if text and _DURATION.sub("", text).strip() == "":
            return sum(int(n) * _UNIT_SECONDS[unit] for n, unit in _DURATION.findall(text))
    raise ConfigError(
        f"{key}: expected seconds or a duration like '90s', '30m', '1h', '2d', got {value!r}",
        path=path,
    )


def load_config(root: Path | None = None, *, explicit: Path | None = None) -> Config:
    """Find and read the configuration for ``root`` (default: the working directory)."""
    base = (root or Path.cwd()).resolve()
    if explicit is not None:
        path = (base / explicit).resolve() if not explicit.is_absolute() else explicit
        table = _read_table(path, pyproject=path.name == "pyproject.toml", required=True)
        return config_from_mapping(table or {}, root=path.parent, source=path)
    dedicated = base / "enrich.toml"
    pyproject = base / "pyproject.toml"
    py_table = _read_table(pyproject, pyproject=True, required=False)
    if dedicated.exists():
        table = _read_table(dedicated, pyproject=False, required=True) or {}
        config = config_from_mapping(table, root=base, source=dedicated)
        if py_table is not None:
            note = "enrich.toml wins: [tool.enrich] in pyproject.toml is ignored"
            config = replace(config, notes=(*config.notes, note))
        return config
    if py_table is not None:
        return config_from_mapping(py_table, root=base, source=pyproject)
    return config_from_mapping({}, root=base, source=None)


def _read_table(path: Path, *, pyproject: bool, required: bool) -> dict[str, Any] | None:
    """The enrich table of a TOML file; ``None`` when absent (and not ``required``)."""
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        if required:
            raise ConfigError("config file not found", path=path) from None
        return None
    except IsADirectoryError:
        raise ConfigError("expected a TOML file, found a directory", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the config file ({exc})", path=path) from exc
    if not pyproject:
        return document
    tool = document.get("tool", {})
    table = tool.get("enrich") if isinstance(tool, dict) else None
    if table is None:
        if required:
            raise ConfigError("no [tool.enrich] table in this pyproject.toml", path=path)
        return None
    if not isinstance(table, dict):
        raise ConfigError("tool.enrich: expected a table", path=path)
    return table


T = TypeVar("T")


def config_from_mapping(
    table: Mapping[str, Any], *, root: Path, source: Path | None = None
) -> Config:
    """Validate a parsed table into a ``Config`` (``ConfigError`` names key and file)."""
    reader = _Reader(table, prefix="", path=source)
    root = root.resolve()
    pages = reader.get("pages", _string_list(allow_single=True), None)
    stats = reader.get("stats", _path, None)
    cache_dir = reader.get("cache_dir", _path, None)
    output_dir = reader.get("output_dir", _path, None)
    output_url = reader.get("output_url", _url_path, None)
    ttl = reader.get("ttl", lambda v, k: parse_duration(v, key=k, path=source), None)
    formats = reader.get("formats", _formats, None)
    badges = reader.get("badges", _choice(BADGE_MODES), None)
    lastmod = reader.get("lastmod", _bool, None)
    concurrency = reader.get("concurrency", _int_range(1, 64), None)
    batch_size = reader.get("batch_size", _int_range(1, 100), None)
    api_url = reader.get("api_url", _http_url, None)
    graphql_url = reader.get("graphql_url", _http_url, None)
    cards_table = reader.get("cards", _table, None)
    if "token" in table:
        raise ConfigError(
            "token: tokens never go in a file; set GITHUB_TOKEN (or GH_TOKEN) instead",
            path=source,
        )
    reader.reject_unknown()
    cards = _cards(cards_table or {}, source)

    defaults = Config(root=root)
    out_dir = output_dir if output_dir is not None else defaults.output_dir
    if output_url is None:
        output_url = _default_output_url(out_dir)
    return Config(
        root=root,
        source=source,
        pages=tuple(pages) if pages is not None else defaults.pages,
        stats=root / (stats if stats is not None else defaults.stats),
        cache_dir=root / (cache_dir if cache_dir is not None else defaults.cache_dir),
        ttl=ttl if ttl is not None else defaults.ttl,
        output_dir=root / out_dir,
        output_url=output_url,
        cards=cards,
        formats=formats if formats is not None else {},
        badges=badges if badges is not None else defaults.badges,
        lastmod=lastmod if lastmod is not None else defaults.lastmod,
        concurrency=concurrency if concurrency is not None else defaults.concurrency,
        batch_size=batch_size if batch_size is not None else defaults.batch_size,
        api_url=api_url,
        graphql_url=graphql_url,
    )


def _default_output_url(output_dir: Path) -> str:
    """Hugo serves ``static/X`` at ``/X``; elsewhere the directory's relative path."""
    parts = output_dir.parts
    if parts and parts[0] == "static":
        return "/" + "/".join(parts[1:])
    return output_dir.as_posix()


def _cards(table: Mapping[str, Any], source: Path | None) -> CardsConfig:
    reader = _Reader(table, prefix="cards.", path=source)
    defaults = CardsConfig()
    enabled = reader.get("enabled", _bool, None)
    user = reader.get("user", _login, None)
    kinds = reader.get("kinds", _choices(CARD_KINDS), None)
    repos = reader.get("repos", _repos, None)
    themes = reader.get("themes", _themes, None)
    formats = reader.get("formats", _choices(CARD_FORMATS), None)
    scales = reader.get("scales", _scales, None)
    colors = reader.get("colors", _colors, None)
    reader.reject_unknown()
    return CardsConfig(
        enabled=enabled if enabled is not None else defaults.enabled,
        user=user,
        kinds=kinds if kinds is not None else defaults.kinds,
        repos=repos if isinstance(repos, tuple) else None,
        themes=themes if themes is not None else defaults.themes,
        formats=formats if formats is not None else defaults.formats,
        scales=scales if scales is not None else defaults.scales,
        colors=colors if colors is not None else {},
    )


class _Reader:
    """Reads keys off one table, remembering which were used to report unknown ones."""

    def __init__(self, table: Mapping[str, Any], *, prefix: str, path: Path | None) -> None:
        self.table = table
        self.prefix = prefix
        self.path = path
        self.seen: set[str] = set()

    def get(self, key: str, convert: Callable[[Any, str], T], default: T | None) -> T | None:
        self.seen.add(key)
        if key not in self.table:
            return default
        full = self.prefix + key
        try:
            return convert(self.table[key], full)
        except ConfigError as exc:
            if exc.path is None and self.path is not None:
                raise ConfigError(exc.message, path=self.path) from None
            raise

    def reject_unknown(self) -> None:
        unknown = sorted(set(self.table) - self.seen - {"token"})
        if unknown:
            known = ", ".join(sorted(self.seen))
            raise ConfigError(
                f"unknown key {self.prefix}{unknown[0]} (known keys: {known})", path=self.path
            )


# Converters: (raw value, full key name) -> checked value, ConfigError naming the key.


def _fail(key: str, expected: str, value: object) -> ConfigError:
    return ConfigError(f"{key}: expected {expected}, got {value!r}")


def _bool(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(key, "true or false", value)
    return value


def _int_range(low: int, high: int) -> Callable[[object, str], int]:
    def convert(value: object, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _fail(key, f"an integer from {low} to {high}", value)
        return value

    return convert


def _string(value: object, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(key, "a non-empty string", value)
    return value


def _string_list(*, allow_single: bool) -> Callable[[object, str], list[str]]:
    def convert(value: object, key: str) -> list[str]:
        if allow_single and isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise _fail(key, "a non-empty list of strings", value)
        return [_string(item, key) for item in value]

    return convert


def _path(value: object, key: str) -> Path:
    text = _string(value, key)
    if "\0" in text:
        raise _fail(key, "a path", value)
    return Path(text)


def _url_path(value: object, key: str) -> str:
    return _string(value, key).rstrip("/") or "/"


def _http_url(value: object, key: str) -> str:
    text = _string(value, key)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _fail(key, "an http(s) URL such as https://ghe.example.com/api/v3", value)
    return text.rstrip("/")


def _table(value: object, key: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _fail(key, "a table", value)
    return value


def _choice(options: tuple[str, ...]) -> Callable[[object, str], str]:
    def convert(value: object, key: str) -> str:
        if value not in options:
            raise _fail(key, "one of " + ", ".join(options), value)
        assert isinstance(value, str)
        return value

    return convert


def _choices(options: tuple[str, ...]) -> Callable[[object, str], tuple[str, ...]]:
    def convert(value: object, key: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise _fail(key, "a list of " + ", ".join(options), value)
        choose = _choice(options)
        return tuple(dict.fromkeys(choose(item, key) for item in value))

    return convert


def _login(value: object, key: str) -> str:
    if not isinstance(value, str) or not _NAME.match(value):
        raise _fail(key, "a GitHub login", value)
    return value


def _repos(value: object, key: str) -> tuple[str, ...] | str:
    if value == "pages":
        return "pages"
    if not isinstance(value, list):
        raise _fail(key, '"pages" or a list of "owner/name"', value)
    for item in value:
        if not isinstance(item, str) or not _REPO.match(item):
            raise _fail(key, '"owner/name" repository names', item)
    return tuple(dict.fromkeys(value))


def _themes(value: object, key: str) -> tuple[str, ...]:
    known = theme_names()
    if not isinstance(value, list) or not value:
        raise _fail(key, "a non-empty list of themes: " + ", ".join(known), value)
    for item in value:
        if item not in known:
            raise _fail(key, "themes among " + ", ".join(known), item)
    return tuple(dict.fromkeys(value))


def _scales(value: object, key: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(key, "a non-empty list of 1 and/or 2", value)
    for item in value:
        if isinstance(item, bool) or item not in (1, 2):
            raise _fail(key, "scales 1 or 2", item)
    return tuple(dict.fromkeys(value))


def _colors(value: object, key: str) -> Mapping[str, str]:
    table = _table(value, key)
    colours: dict[str, str] = {}
    for role, colour in table.items():
        if role not in COLOUR_ROLES:
            raise ConfigError(f"unknown key {key}.{role} (roles: {', '.join(COLOUR_ROLES)})")
        if not isinstance(colour, str):
            raise _fail(f"{key}.{role}", "a colour like #1f2328", colour)
        try:
            colours[role] = normalise_colour(colour)
        except ConfigError:
            raise _fail(f"{key}.{role}", "a colour like #1f2328", colour) from None
    return colours


def _formats(value: object, key: str) -> Mapping[str, str]:
    table = _table(value, key)
    for name, fmt in table.items():
        if name not in FIGURES:
            raise ConfigError(f"unknown key {key}.{name} (figures: {', '.join(FIGURES)})")
        _choice(NUMBER_FORMATS)(fmt, f"{key}.{name}")
    return dict(table)


def with_overrides(config: Config, **changes: Any) -> Config:
    """A copy with command-line overrides (``None`` values are ignored)."""
    names = {f.name for f in fields(Config)}
    unknown = set(changes) - names
    if unknown:
        raise ConfigError(f"unknown setting {sorted(unknown)[0]}")
    present = {k: v for k, v in changes.items() if v is not None}
    return replace(config, **present)
