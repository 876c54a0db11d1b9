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
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from enrich.config_fields import (
    Reader,
    check_bool,
    check_choice,
    check_choices,
    check_colors,
    check_formats,
    check_http_url,
    check_int_range,
    check_login,
    check_path,
    check_repos,
    check_scales,
    check_string_list,
    check_table,
    check_themes,
    check_url_path,
    toml_value,
)
from enrich.errors import ConfigError
from enrich.page import expand_page_paths

PUBLIC_API_URL = "https://api.github.com"
PUBLIC_GRAPHQL_URL = "https://api.github.com/graphql"

CARD_KINDS = ("profile", "contributions", "repo")
CARD_FORMATS = ("svg", "png")
BADGE_MODES = ("shields", "local")
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
        """The GraphQL URL: config; else, when the config names its own ``api_url``, the
        GraphQL endpoint of that server (never another server's from the environment); else
        ``GITHUB_GRAPHQL_URL``; else the endpoint of the REST URL in use
        (``https://HOST/api/v3`` -> ``https://HOST/api/graphql``)."""
        from enrich.github.fetch import graphql_url_for

        if self.graphql_url:
            return self.graphql_url.rstrip("/")
        if not self.api_url and env.get("GITHUB_GRAPHQL_URL"):
            return env["GITHUB_GRAPHQL_URL"].rstrip("/")
        return graphql_url_for(self.resolved_api_url(env))

    def page_paths(self) -> list[Path]:
        """The files the ``pages`` globs match (a plain path counts), sorted, de-duplicated."""
        found: set[Path] = set()
        for pattern in self.pages:
            candidate = Path(pattern)
            if not candidate.is_absolute():
                candidate = self.root / candidate
            if not any(ch in pattern for ch in "*?["):
                if candidate.exists():
                    found.update(expand_page_paths([candidate]))
                continue
            anchor = self.root if not Path(pattern).is_absolute() else Path("/")
            relative = pattern if not Path(pattern).is_absolute() else pattern.lstrip("/")
            found.update(p for p in anchor.glob(relative) if p.is_file())
        return sorted(found)


def parse_duration(value: object, *, key: str = "ttl", path: Path | None = None) -> int:
    """Seconds from ``3600``, ``"3600"``, ``"1h"``, ``"1h30m"``, ``"2d"`` (``ConfigError`` else)."""
    if isinstance(value, bool):
        raise ConfigError(
            f"{key}: expected seconds or a duration like '1h', got {toml_value(value)}", path=path
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
        f"{key}: expected seconds or a duration like '90s', '30m', '1h', '2d', "
        f"got {toml_value(value)}",
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
    if dedicated.exists():
        table = _read_table(dedicated, pyproject=False, required=True) or {}
        config = config_from_mapping(table, root=base, source=dedicated)
        try:
            py_table = _read_table(pyproject, pyproject=True, required=False)
        except ConfigError:
            py_table = None  # enrich.toml wins: a pyproject.toml enrich cannot read is not ours
        if py_table is not None:
            note = "enrich.toml wins: [tool.enrich] in pyproject.toml is ignored"
            config = replace(config, notes=(*config.notes, note))
        return config
    py_table = _read_table(pyproject, pyproject=True, required=False)
    if py_table is not None:
        return config_from_mapping(py_table, root=base, source=pyproject)
    return config_from_mapping({}, root=base, source=None)


def _toml_error_place(message: str, path: Path) -> tuple[str, int | None]:
    """tomllib's message without its place, and the line it names (the last line for an
    error at the end of the document)."""
    place = re.search(r" \(at (?:line (\d+), column \d+|end of document)\)$", message)
    if place is None:
        return message, None
    if place.group(1) is not None:
        return message[: place.start()], int(place.group(1))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return message[: place.start()], None
    return message[: place.start()] + " at the end of the file", max(1, len(text.splitlines()))


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
        message, line = _toml_error_place(str(exc), path)
        raise ConfigError(f"not valid TOML: {message}", path=path, line=line) from exc
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


def config_from_mapping(
    table: Mapping[str, Any], *, root: Path, source: Path | None = None
) -> Config:
    """Validate a parsed table into a ``Config`` (``ConfigError`` names key and file)."""
    # keys are named as written: ``tool.enrich.ttl`` in a pyproject.toml, ``ttl`` elsewhere
    prefix = "tool.enrich." if source is not None and source.name == "pyproject.toml" else ""
    reader = Reader(table, prefix=prefix, path=source)
    root = root.resolve()
    pages = reader.get("pages", check_string_list(allow_single=True), None)
    stats = reader.get("stats", check_path, None)
    cache_dir = reader.get("cache_dir", check_path, None)
    output_dir = reader.get("output_dir", check_path, None)
    output_url = reader.get("output_url", check_url_path, None)
    ttl = reader.get("ttl", lambda v, k: parse_duration(v, key=k), None)
    formats = reader.get("formats", check_formats, None)
    badges = reader.get("badges", check_choice(BADGE_MODES), None)
    lastmod = reader.get("lastmod", check_bool, None)
    concurrency = reader.get("concurrency", check_int_range(1, 64), None)
    batch_size = reader.get("batch_size", check_int_range(1, 100), None)
    api_url = reader.get("api_url", check_http_url, None)
    graphql_url = reader.get("graphql_url", check_http_url, None)
    cards_table = reader.get("cards", check_table, None)
    if "token" in table:
        raise reader.error(
            f"{prefix}token: tokens never go in a file; set GITHUB_TOKEN (or GH_TOKEN) instead",
            f"{prefix}token",
        )
    reader.reject_unknown()
    cards = _cards(cards_table or {}, source, prefix)

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


def _cards(table: Mapping[str, Any], source: Path | None, prefix: str) -> CardsConfig:
    reader = Reader(table, prefix=f"{prefix}cards.", path=source)
    defaults = CardsConfig()
    enabled = reader.get("enabled", check_bool, None)
    user = reader.get("user", check_login, None)
    kinds = reader.get("kinds", check_choices(CARD_KINDS), None)
    repos = reader.get("repos", check_repos, None)
    themes = reader.get("themes", check_themes, None)
    formats = reader.get("formats", check_choices(CARD_FORMATS), None)
    scales = reader.get("scales", check_scales, None)
    colors = reader.get("colors", check_colors, None)
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


def with_overrides(config: Config, **changes: Any) -> Config:
    """A copy with command-line overrides (``None`` values are ignored)."""
    names = {f.name for f in fields(Config)}
    unknown = set(changes) - names
    if unknown:
        raise ConfigError(f"unknown setting {sorted(unknown)[0]}")
    present = {k: v for k, v in changes.items() if v is not None}
    return replace(config, **present)
