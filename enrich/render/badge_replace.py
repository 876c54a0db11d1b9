"""Replace shields.io badge images in a page with local SVG badges written by enrich.

A reader's browser then asks no third party for each badge. ``replace_badges`` is pure:
given the page text and its badge references (from ``enrich.scan.scan_text``), it returns
the edits that swap each badge URL for a relative path, and the badge files to write with
their SVG text. Only the URL changes, so a link around the image, its ``alt`` and
``height`` stay as written. A badge enrich cannot draw (a metric it does not know, a
figure missing from the stats file, a style, logo or colour shields has but enrich lacks)
keeps its URL and is reported in ``skipped`` with the reason.

Badges that draw differently never share a file: the plain badge is
``OWNER--REPO-METRIC-STYLE.svg`` (the names enrich always used), and one with a ``label``,
``color`` or ``labelColor`` gets a short digest of those options before ``.svg``
(``pytorch--pytorch-stars-flat-1a2b3c4d.svg``), stable across runs. The link also keeps
the options as a query (``?label=Likes&color=dd4343``, which static servers ignore), so later
runs find the link with ``local_badge_links`` and redraw the same badge with fresh figures
(``local_badge_file``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote

from enrich.errors import InputError
from enrich.page import Edit
from enrich.render.badges import (
    METRICS,
    PLAIN,
    STYLES,
    BadgeLook,
    badge_for,
    shields_colour,
)
from enrich.render.cards import badge_filename
from enrich.render.svg import render_badge_svg
from enrich.scan.refs import Badge, Kind, Ref
from enrich.stats import Stats

UNDRAWN = ("logo", "logoColor", "logoWidth", "logoSize", "logoPosition", "logoSvg")
"""shields options that change a badge's picture and that enrich does not draw."""
_DIGEST = re.compile(r"(.+)-([0-9a-f]{8})")


@dataclass(frozen=True, slots=True)
class BadgeFile:
    """A badge to write: its file name (under the badge directory) and SVG text."""

    name: str
    svg: str


@dataclass(frozen=True, slots=True)
class BadgeReplacement:
    """The edits for one page, the files they point at, and what was left alone, why."""

    edits: tuple[Edit, ...]
    files: tuple[BadgeFile, ...]
    skipped: tuple[tuple[Ref, str], ...]


@dataclass(frozen=True, slots=True)
class LocalBadgeLink:
    """A local badge a page links to: the file it names and how to draw it again."""

    name: str
    target: str
    metric: str
    style: str
    look: BadgeLook = PLAIN

    @property
    def label(self) -> str | None:
        return self.look.label


def _target(ref: Ref) -> str | None:
    return ref.full_name if ref.repo is not None else ref.owner


def _metric(ref: Ref) -> str | None:
    """The enrich metric a shields badge shows (``stars`` of an account is ``user-stars``)."""
    if ref.badge is None:
        return None
    metric = ref.badge.metric
    if metric == "stars" and ref.repo is None:
        return "user-stars"
    return metric if metric in METRICS else None


def shields_look(badge: Badge, style: str) -> BadgeLook:
    """What a shields badge's options draw (``ValueError`` naming one enrich cannot draw).

    ``colorB``/``colorA`` are shields' old names of ``color``/``labelColor``. The social
    style ignores colours, as shields does. Options that do not change the picture
    (``link``, ``cacheSeconds``) and unknown ones (shields ignores them too) are ignored.
    """
    for name in UNDRAWN:
        if badge.param(name) is not None:
            raise ValueError(f"enrich does not draw shields' {name}= option")
    label = badge.param("label")
    if label is not None and not label.strip():
        raise ValueError("enrich does not draw a badge without a label (an empty label=)")
    found: dict[str, str] = {}
    for option, old_name in (("color", "colorB"), ("labelColor", "colorA")):
        value = badge.param(option)
        value = badge.param(old_name) if value is None else value
        if value is None or style == "social":
            continue
        colour = shields_colour(value)
        if colour is None:
            raise ValueError(
                f"enrich does not draw {option}={value!r} (it draws shields' colour names "
                "such as red or brightgreen, and hex such as e05d44)"
            )
        found[option] = colour
    return BadgeLook(label, found.get("color"), found.get("labelColor"))


_QUERY_KEYS = ("label", "color", "labelColor")


def _digest(look: BadgeLook) -> str:
    """8 hex digits of a SHA-256 of the options (JSON, so ``None`` and ``"None"`` differ)."""
    text = json.dumps(dict(zip(_QUERY_KEYS, _values(look), strict=True)), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _values(look: BadgeLook) -> tuple[str | None, str | None, str | None]:
    return look.label, look.colour, look.label_colour


def local_badge_name(target: str, metric: str, style: str, look: BadgeLook = PLAIN) -> str:
    """``pytorch--pytorch-stars-flat.svg``; a non-plain ``look`` adds the first 8 hex digits
    of a SHA-256 of its options (``...-flat-1a2b3c4d.svg``), so it never shares a file."""
    plain = badge_filename(target, metric, style)
    return plain if look.plain else f"{plain.removesuffix('.svg')}-{_digest(look)}.svg"


def look_query(look: BadgeLook) -> str:
    """The query a local link keeps its options in: ``?label=Likes&color=dd4343`` (colours
    as hex without ``#``, values percent-encoded), ``""`` for the plain badge."""
    parts = [
        f"{key}={quote(value.removeprefix('#') if key != 'label' else value, safe='')}"
        for key, value in zip(_QUERY_KEYS, _values(look), strict=True)
        if value is not None
    ]
    return "?" + "&".join(parts) if parts else ""


def replace_badges(
    text: str,
    refs: Iterable[Ref],
    stats: Stats,
    *,
    url_prefix: str = "badges/",
    embed_font: bool = True,
) -> BadgeReplacement:
    """Edits replacing each drawable shields badge URL with ``url_prefix + file name``.

    ``url_prefix`` is how the page reaches the badge directory (``badges/`` beside the
    page, or an absolute site path such as ``/images/badges/``). A badge with a label or
    colours gets a file of its own and a link that keeps the options as a query.
    """
    edits: list[Edit] = []
    files: dict[str, BadgeFile] = {}
    skipped: list[tuple[Ref, str]] = []
    for ref in refs:
        if ref.kind is not Kind.BADGE or ref.badge is None:
            continue
        if text[ref.start : ref.end] != ref.url:
            skipped.append((ref, "the reference does not match the page text"))
            continue
        metric, target = _metric(ref), _target(ref)
        style = ref.badge.param("style") or "flat"
        if metric is None or target is None:
            skipped.append((ref, f"enrich does not draw {ref.badge.metric!r} badges"))
            continue
        if style not in STYLES:
            skipped.append((ref, f"enrich does not draw the {style!r} style"))
            continue
        try:
            look = shields_look(ref.badge, style)
            badge = badge_for(stats, target, metric, style, look=look)
        except (ValueError, InputError) as exc:
            skipped.append((ref, str(exc)))
            continue
        name = local_badge_name(target, metric, style, look)
        files.setdefault(name, BadgeFile(name, render_badge_svg(badge, embed_font=embed_font)))
        query = look_query(look)
        edits.append(Edit(ref.start, ref.end, url_prefix + name + query))
    return BadgeReplacement(tuple(edits), tuple(files.values()), tuple(skipped))


def local_badge_links(text: str, url_prefix: str) -> list[LocalBadgeLink]:
    """The local badges a page links to (``url_prefix`` + a badge name, with its query).

    After a first run replaced a page's shields badges only these links remain, so later
    runs find them here to keep their figures fresh. A link whose digest does not match its
    query (a hand edit) is left out; a plain name with a ``label=`` query (written before
    badges had digests) keeps its name and label.
    """
    pattern = re.compile(re.escape(url_prefix) + r"([a-z0-9._-]+)\.svg(\?[^\s\"'<>)]*)?")
    found: dict[LocalBadgeLink, None] = {}
    for match in pattern.finditer(text):
        link = _parse_link(match.group(1), match.group(2) or "")
        if link is not None:
            found[link] = None
    return list(found)


def _parse_link(stem: str, query: str) -> LocalBadgeLink | None:
    params = dict(parse_qsl(query.removeprefix("?").replace("&amp;", "&"), keep_blank_values=True))
    label = params.get("label")
    colour, label_colour = params.get("color"), params.get("labelColor")
    look = BadgeLook(
        label,
        shields_colour(colour) if colour is not None else None,
        shields_colour(label_colour) if label_colour is not None else None,
    )
    if (colour is not None and look.colour is None) or (
        label_colour is not None and look.label_colour is None
    ):
        return None
    digest = _DIGEST.fullmatch(stem)
    parsed = _parse_stem(digest.group(1) if digest is not None else stem)
    if parsed is None:
        return None
    if digest is not None:
        if look.plain or _digest(look) != digest.group(2):
            return None
    elif look.colour is not None or look.label_colour is not None:
        return None
    return LocalBadgeLink(stem + ".svg", *parsed, look)


def _parse_stem(stem: str) -> tuple[str, str, str] | None:
    """``pytorch--pytorch-stars-flat`` -> (``pytorch/pytorch``, ``stars``, ``flat``)."""
    for style in sorted(STYLES, key=len, reverse=True):
        if not stem.endswith(f"-{style}"):
            continue
        rest = stem[: -len(style) - 1]
        for metric in sorted(METRICS, key=len, reverse=True):
            if rest.endswith(f"-{metric}") and len(rest) > len(metric) + 1:
                return rest[: -len(metric) - 1].replace("--", "/"), metric, style
    return None


def local_badge_file(stats: Stats, link: LocalBadgeLink, *, embed_font: bool = True) -> BadgeFile:
    """The file a local link names, drawn with fresh figures (``InputError`` when the stats
    file lacks the figure: keep the old file)."""
    badge = badge_for(stats, link.target, link.metric, link.style, look=link.look)
    return BadgeFile(link.name, render_badge_svg(badge, embed_font=embed_font))
