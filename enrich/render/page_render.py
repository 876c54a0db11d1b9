"""The page pipeline: managed regions + a stats file -> the same page with fresh figures.

``render_page`` is pure: it parses the regions (``MarkerError`` on a bad marker, before
anything is computed), formats each region's figure, adds the caller's ``extra_edits``
(badge replacements from ``enrich.render.badges``), bumps ``lastmod`` when any of them
changed the page, and splices everything into the original text, so every byte outside
the regions (line endings, trailing spaces, final newline, BOM) stays as it was. A figure
the stats file lacks keeps the region's current text and yields a warning: an error is
never written into a page. Rendering twice with the same stats changes nothing.

``render_file``/``render_pages``/``write_page`` are the thin I/O around it (``read_page``,
atomic write).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from enrich.errors import MarkerError
from enrich.fsio import write_atomic
from enrich.page import Edit, expand_page_paths, read_page, splice
from enrich.render.frontmatter_edit import lastmod_edit
from enrich.render.numbers import NumberFormat, as_count, format_number
from enrich.render.region_templates import NoFigures, render_region_template
from enrich.render.regions import FIGURES, TEMPLATE, Region, parse_regions, region_refs
from enrich.resources import templates_dir
from enrich.scan import scan_page
from enrich.stats import FigureValue, Stats, Status

_NEWLINE = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How pages are rendered (the ``[tool.enrich]`` config maps onto this).

    ``formats`` overrides a figure's default number format (``{"stars": EXACT}``); a
    ``format=`` written in a marker wins over both. ``region_dirs`` are searched for region
    templates (``NAME.md.j2``) before the bundled ``templates/regions/``.
    """

    formats: Mapping[str, NumberFormat] = field(default_factory=dict)
    region_dirs: tuple[Path, ...] = ()
    bump_lastmod: bool = True

    def format_for(self, region: Region) -> NumberFormat:
        """The format a number region is written in."""
        if region.format is not None:
            return region.format
        return self.formats.get(region.figure, FIGURES[region.figure].default_format)


@dataclass(frozen=True, slots=True)
class RegionChange:
    """A region whose text changed: from ``old`` to ``new``."""

    region: Region
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class PageResult:
    """One rendered page: the text before and after, what changed, and warnings."""

    path: Path
    old_text: str
    new_text: str
    changed_regions: list[RegionChange]
    warnings: list[str]
    regions: list[Region]

    @property
    def changed(self) -> bool:
        return self.new_text != self.old_text


def render_page(
    text: str,
    stats: Stats,
    options: RenderOptions,
    *,
    path: Path | str,
    now: datetime,
    extra_edits: Sequence[Edit] = (),
    page_keys: Collection[str] | None = None,
) -> PageResult:
    """Render one page's text (pure). Raises ``MarkerError`` for bad markers.

    ``extra_edits`` must not overlap the regions (``ValueError`` from ``splice`` if they
    do). ``page_keys`` (the stats keys the page refers to) scopes template regions such
    as the contributions table; ``None`` lets them use the whole stats file. ``now`` is
    timezone-aware and is only used for ``lastmod``.
    """
    path = Path(path)
    regions = parse_regions(text, path=path)
    newline = _newline_of(text)
    warnings: list[str] = []
    changes: list[RegionChange] = []
    edits: list[Edit] = []
    for region in regions:
        old = text[region.start : region.end]
        if region.starts_html_block:
            warnings.append(
                f"{path}:{region.line}: the line starts with a marker, so CommonMark renders "
                "it as raw HTML (its links and emphasis are not rendered; Hugo drops it "
                "unless unsafe HTML is on): put some text before the marker"
            )
        new = _region_text(region, old, stats, options, path, newline, page_keys, warnings)
        if new is not None and new != old:
            changes.append(RegionChange(region, old, new))
            edits.append(Edit(region.start, region.end, new))
    effective_extra = [e for e in extra_edits if text[e.start : e.end] != e.replacement]
    if (edits or effective_extra) and options.bump_lastmod:
        bump = lastmod_edit(text, now)
        if bump is not None:
            edits.append(bump)
    new_text = splice(text, [*edits, *effective_extra]) if edits or effective_extra else text
    return PageResult(path, text, new_text, changes, warnings, regions)


def _region_text(
    region: Region,
    old: str,
    stats: Stats,
    options: RenderOptions,
    path: Path,
    newline: str,
    page_keys: Collection[str] | None,
    warnings: list[str],
) -> str | None:
    """The region's new inner text, or ``None`` to keep it (with a warning)."""
    if region.figure == TEMPLATE:
        assert region.template is not None
        directories = (*options.region_dirs, templates_dir() / "regions")
        try:
            body = render_region_template(
                directories, region.template, dict(region.params), stats, page_keys
            )
        except MarkerError as exc:
            raise MarkerError(exc.message, path=path, line=region.line) from None
        except NoFigures as exc:
            warnings.append(f"{path}:{region.line}: template {region.template}: {exc}; kept")
            return None
        body = body.strip("\r\n")
        if "\n" not in body:
            return body
        return newline + _NEWLINE.sub(newline, body) + newline
    key, stat = region.key, region.stat
    assert key is not None
    assert stat is not None
    value = figure_value(stats, key, stat)
    if value is None:
        warnings.append(
            f"{path}:{region.line}: no {stat!r} for {key} in the stats file "
            f"(run enrich fetch); kept {old!r}"
        )
        return None
    count = as_count(value)
    if count is None:
        warnings.append(
            f"{path}:{region.line}: {stat!r} of {key} in the stats file is not a count "
            f"({value!r}); kept {old!r}"
        )
        return None
    return format_number(count, options.format_for(region))


def figure_value(stats: Stats, key: str, stat: str) -> FigureValue:
    """A figure from the stats file, following a rename; ``None`` when unknown."""
    item = stats.get(key)
    if item is None:
        return None
    value = item.value(stat)
    if value is None and item.status is Status.RENAMED and item.renamed_to:
        kind, _, _ = key.partition(":")
        renamed = stats.get(f"{kind}:{item.renamed_to.lower()}")
        if renamed is not None:
            value = renamed.value(stat)
    return value


def _newline_of(text: str) -> str:
    """The page's line ending (its first one; ``\\n`` for a one-line page)."""
    match = _NEWLINE.search(text)
    return match.group() if match is not None else "\n"


# ---- thin I/O ---------------------------------------------------------------------------


def render_file(
    path: Path,
    stats: Stats,
    options: RenderOptions,
    now: datetime,
    *,
    extra_edits: Sequence[Edit] = (),
    page_keys: Collection[str] | None = None,
) -> PageResult:
    """Read (``enrich.page.read_page``: ``PageError`` when unreadable) and render one page.

    Unless given, ``page_keys`` for template regions are the keys of the page's links
    (``enrich.scan``) and markers, so a contributions table lists this page's searches.
    """
    page = read_page(path)
    if page_keys is None and "enrich:template" in page.text:
        marked = region_refs(parse_regions(page.text, path=path), page.text)
        page_keys = {ref.key for ref in [*scan_page(page), *marked]}
    return render_page(
        page.text,
        stats,
        options,
        path=path,
        now=now,
        extra_edits=extra_edits,
        page_keys=page_keys,
    )


def render_pages(
    paths: Iterable[Path], stats: Stats, options: RenderOptions, now: datetime
) -> list[PageResult]:
    """Render every page under ``paths`` (no write); raises the first ``InputError``."""
    return [render_file(path, stats, options, now) for path in expand_page_paths(paths)]


def write_page(result: PageResult) -> bool:
    """Write a changed page atomically; ``False`` (and no write) when unchanged."""
    if not result.changed:
        return False
    write_atomic(result.path, result.new_text.encode("utf-8"), through_link=True)
    return True
