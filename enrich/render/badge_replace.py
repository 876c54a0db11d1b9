"""Replace shields.io badge images in a page with local SVG badges written by enrich.

A reader's browser then asks no third party for each badge. ``replace_badges`` is pure:
given the page text and its badge references (from ``enrich.scan.scan_text``), it returns
the edits that swap each badge URL for a relative path, and the badge files to write with
their SVG text. Only the URL changes, so a link around the image, its ``alt`` and
``height`` stay as written. A badge enrich cannot draw (a metric it does not know, a
figure missing from the stats file, a style shields has but enrich lacks) keeps its URL
and is reported in ``skipped``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from enrich.errors import InputError
from enrich.page import Edit
from enrich.render.badges import METRICS, STYLES, badge_for, layout_badge
from enrich.render.cards import badge_filename
from enrich.render.svg import render_badge_svg
from enrich.scan.refs import Kind, Ref
from enrich.stats import Stats


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
    page, or an absolute site path such as ``/images/badges/``).
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
            svg = _badge_svg(ref, stats, target, metric, style, embed_font)
        except InputError as exc:
            skipped.append((ref, str(exc)))
            continue
        name = badge_filename(target, metric, style)
        files.setdefault(name, BadgeFile(name=name, svg=svg))
        edits.append(Edit(ref.start, ref.end, url_prefix + name))
    return BadgeReplacement(tuple(edits), tuple(files.values()), tuple(skipped))


def _badge_svg(
    ref: Ref, stats: Stats, target: str, metric: str, style: str, embed_font: bool
) -> str:
    assert ref.badge is not None
    badge = badge_for(stats, target, metric, style)
    label = ref.badge.param("label")
    if label is not None:
        badge = layout_badge(label, badge.message.text, style, colour=badge.colour)
    return render_badge_svg(badge, embed_font=embed_font)
