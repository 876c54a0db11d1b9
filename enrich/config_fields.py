"""Checking one configuration value at a time: each ``check_*`` takes the raw TOML value and
the key's full name and returns the checked value, or raises ``ConfigError`` naming the key.

``Reader`` walks one table, remembering which keys it read, so unknown ones are reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from enrich.errors import ConfigError
from enrich.render.numbers import NumberFormat
from enrich.render.regions import FIGURES as REGION_FIGURES
from enrich.render.themes import ColourOverrides, normalise_colour, theme_names

NUMBER_FORMATS = tuple(fmt.value for fmt in NumberFormat)
"""``1,234`` / ``98.1k`` / ``30+`` (see docs/configuration.md)."""
FIGURES = tuple(REGION_FIGURES)
"""Figures whose number format can be configured (the markers' figures)."""
COLOUR_ROLES = tuple(f.name for f in fields(ColourOverrides))
"""Colour roles ``[cards.colors]`` may set."""
_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
_REPO = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")

T = TypeVar("T")


class Reader:
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
                raise self.error(exc.message, exc.key or full) from None
            raise

    def error(self, message: str, full_key: str) -> ConfigError:
        """A ``ConfigError`` naming this table's file and, when found, the line of the key."""
        line = key_line(self.path, full_key) if self.path is not None else None
        return ConfigError(message, path=self.path, line=line, key=full_key)

    def reject_unknown(self) -> None:
        unknown = sorted(set(self.table) - self.seen - {"token"})
        if unknown:
            known = ", ".join(sorted(self.seen))
            raise self.error(
                f"unknown key {self.prefix}{unknown[0]} (known keys: {known})",
                self.prefix + unknown[0],
            )


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(r"^\s*([A-Za-z0-9_.\-\s\"']+?)\s*=")


def _dotted(name: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in name.split("."))


def key_line(path: Path, dotted_key: str) -> int | None:
    """The 1-based line where ``dotted_key`` (``tool.enrich.ttl``) is set in a TOML file.

    A best effort for error messages (``tomllib`` keeps no positions): it follows
    ``[table]`` headers and dotted keys; ``None`` when the key cannot be placed.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    wanted = _dotted(dotted_key)
    table: tuple[str, ...] = ()
    for number, text in enumerate(lines, start=1):
        header = _HEADER.match(text)
        if header:
            table = _dotted(header.group(1))
            if table == wanted:
                return number
            continue
        assignment = _ASSIGNMENT.match(text)
        if assignment and table + _dotted(assignment.group(1)) == wanted:
            return number
    return None


# Converters: (raw value, full key name) -> checked value, ConfigError naming the key.


def invalid(key: str, expected: str, value: object) -> ConfigError:
    return ConfigError(f"{key}: expected {expected}, got {toml_value(value)}", key=key)


def toml_value(value: object) -> str:
    """``value`` as it is written in TOML (``true``, ``"1h"``, ``[1, 2]``), for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def check_bool(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise invalid(key, "true or false", value)
    return value


def check_int_range(low: int, high: int) -> Callable[[object, str], int]:
    def convert(value: object, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise invalid(key, f"an integer from {low} to {high}", value)
        return value

    return convert


def check_string(value: object, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise invalid(key, "a non-empty string", value)
    return value


def check_string_list(*, allow_single: bool) -> Callable[[object, str], list[str]]:
    def convert(value: object, key: str) -> list[str]:
        if allow_single and isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise invalid(key, "a non-empty list of strings", value)
        return [check_string(item, key) for item in value]

    return convert


def check_path(value: object, key: str) -> Path:
    text = check_string(value, key)
    if "\0" in text:
        raise invalid(key, "a path", value)
    return Path(text)


def check_url_path(value: object, key: str) -> str:
    return check_string(value, key).rstrip("/") or "/"


def check_http_url(value: object, key: str) -> str:
    text = check_string(value, key)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise invalid(key, "an http(s) URL such as https://ghe.example.com/api/v3", value)
    return text.rstrip("/")


def check_table(value: object, key: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise invalid(key, "a table", value)
    return value


def check_choice(options: tuple[str, ...]) -> Callable[[object, str], str]:
    def convert(value: object, key: str) -> str:
        if value not in options:
            raise invalid(key, "one of " + ", ".join(options), value)
        assert isinstance(value, str)
        return value

    return convert


def check_choices(options: tuple[str, ...]) -> Callable[[object, str], tuple[str, ...]]:
    def convert(value: object, key: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise invalid(key, "a list of " + ", ".join(options), value)
        choose = check_choice(options)
        return tuple(dict.fromkeys(choose(item, key) for item in value))

    return convert


def check_login(value: object, key: str) -> str:
    if not isinstance(value, str) or not _NAME.match(value):
        raise invalid(key, "a GitHub login", value)
    return value


def check_repos(value: object, key: str) -> tuple[str, ...] | str:
    if value == "pages":
        return "pages"
    if not isinstance(value, list):
        raise invalid(key, '"pages" or a list of "owner/name"', value)
    for item in value:
        if not isinstance(item, str) or not _REPO.match(item):
            raise invalid(key, '"owner/name" repository names', item)
    return tuple(dict.fromkeys(value))


def check_themes(value: object, key: str) -> tuple[str, ...]:
    known = theme_names()
    if not isinstance(value, list) or not value:
        raise invalid(key, "a non-empty list of themes: " + ", ".join(known), value)
    for item in value:
        if item not in known:
            raise invalid(key, "themes among " + ", ".join(known), item)
    return tuple(dict.fromkeys(value))


def check_scales(value: object, key: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not value:
        raise invalid(key, "a non-empty list of 1 and/or 2", value)
    for item in value:
        if isinstance(item, bool) or item not in (1, 2):
            raise invalid(key, "scales 1 or 2", item)
    return tuple(dict.fromkeys(value))


def check_colors(value: object, key: str) -> Mapping[str, str]:
    table = check_table(value, key)
    colours: dict[str, str] = {}
    for role, colour in table.items():
        if role not in COLOUR_ROLES:
            raise ConfigError(
                f"unknown key {key}.{role} (roles: {', '.join(COLOUR_ROLES)})", key=f"{key}.{role}"
            )
        if not isinstance(colour, str):
            raise invalid(f"{key}.{role}", "a colour like #1f2328", colour)
        try:
            colours[role] = normalise_colour(colour)
        except ConfigError:
            raise invalid(f"{key}.{role}", "a colour like #1f2328", colour) from None
    return colours


def check_formats(value: object, key: str) -> Mapping[str, str]:
    table = check_table(value, key)
    for name, fmt in table.items():
        if name not in FIGURES:
            raise ConfigError(
                f"unknown key {key}.{name} (figures: {', '.join(FIGURES)})", key=f"{key}.{name}"
            )
        check_choice(NUMBER_FORMATS)(fmt, f"{key}.{name}")
    return dict(table)
