"""Browser parity: headless Chromium draws each SVG like the PNG enrich rasterizes from it.

Every card and a badge go on one page as ``<img>`` (as GitHub embeds them), at known
places, in one screenshot; each crop is compared with the PNG. Antialiasing differs
between Skia and resvg, so the bound is on the mean difference and on the share of
clearly different pixels. One variant drops every fallback font from the SVG, so the
text can only come from the embedded WOFF2 subset.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from enrich.render.badges import badge_for
from enrich.render.card_data import RepoData
from enrich.render.cards import CardOptions, build_card, card_bytes
from enrich.render.font_embed import EMBEDDED_FAMILY
from enrich.render.layout import layout_repo_card
from enrich.render.png import rasterize
from enrich.render.svg import FONT_STACK, render_badge_svg
from enrich.render.themes import THEMES
from enrich.stats import from_json

HERE = Path(__file__).parent
CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
MAX_MEAN_DIFF = 4.0  # of 255, per channel, over the whole card
MAX_DIFFERENT_SHARE = 0.02  # pixels differing by more than 64


def _flatten(image: Image.Image) -> Image.Image:
    background = Image.new("RGBA", image.size, "white")
    background.alpha_composite(image.convert("RGBA"))
    return background.convert("RGB")


def _pictures() -> list[tuple[str, str, bytes]]:
    stats = from_json((HERE / "stats.json").read_text(encoding="utf-8"))
    options = CardOptions()
    out = []
    for kind, target, theme in (
        ("repo", "pytorch/pytorch", "light"),
        # Latin text only: glyphs DejaVu Sans lacks come from the machine's fonts in a browser
        ("repo", "open-mmlab/mmcv", "dark"),
        ("contributions", "yewentao256", "light"),
        ("profile", "yewentao256", "dracula"),
    ):
        card = build_card(stats, kind, target, theme)
        svg = card_bytes(card, "svg", options=options).decode()
        out.append((f"{kind}-{theme}", svg, card_bytes(card, "png", options=options)))
    # only the embedded font can draw this one: its family is renamed, the fallback is serif
    archived = layout_repo_card(
        RepoData("someone/old-tool", "An archived tool, kept for reference.", 1234, 56,
                 "Rust", "#dea584", archived=True),
        THEMES["solarized-dark"],
    )  # fmt: skip
    archived_svg = card_bytes(archived, "svg", options=options).decode()
    out.append(("archived", archived_svg, card_bytes(archived, "png", options=options)))
    embedded_only = out[0][1].replace(FONT_STACK, "enrich-test,serif")
    embedded_only = embedded_only.replace(
        f"font-family:{EMBEDDED_FAMILY};", "font-family:enrich-test;"
    )
    out.append(("embedded-font-only", embedded_only, out[0][2]))
    for style in ("flat", "social"):
        svg = render_badge_svg(badge_for(stats, "pytorch/pytorch", "stars", style))
        out.append((f"badge-{style}", svg, rasterize(svg)))
    return out


def _screenshot(
    tmp_path: Path, pictures: list[tuple[str, str, bytes]], *flags: str
) -> list[tuple[str, Image.Image, Image.Image]]:
    """Put each SVG on one page as an <img>; (name, browser crop, our PNG) for each."""
    assert CHROMIUM is not None
    tags, places, y = [], [], 0
    for index, (name, svg, png) in enumerate(pictures):
        (tmp_path / f"{index}.svg").write_text(svg, encoding="utf-8")
        size = Image.open(io.BytesIO(png)).size
        tags.append(f'<img src="{index}.svg" style="position:absolute;left:0;top:{y}px">')
        places.append((name, (0, y, size[0], y + size[1]), png))
        y += size[1] + 10
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><body style='margin:0;background:transparent'>"
        + "".join(tags)
        + "</body></html>",
        encoding="utf-8",
    )
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--no-first-run", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars",
            "--force-device-scale-factor=1", "--default-background-color=00000000",
            "--virtual-time-budget=5000", f"--window-size=600,{y + 20}", *flags,
            f"--screenshot={shot}", page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert shot.is_file(), "Chromium wrote no screenshot"
    screenshot = Image.open(shot)
    return [
        (name, _flatten(screenshot.crop(box)), _flatten(Image.open(io.BytesIO(png))))
        for name, box, png in places
    ]


def _assert_close(name: str, browser: Image.Image, ours: Image.Image) -> None:
    diff = ImageChops.difference(browser, ours).convert("L")
    histogram = diff.histogram()
    pixels = ours.width * ours.height
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels
    different = sum(histogram[65:]) / pixels
    assert mean <= MAX_MEAN_DIFF, f"{name}: mean difference {mean:.2f}"
    assert different <= MAX_DIFFERENT_SHARE, f"{name}: {different:.1%} pixels differ"


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_chromium_draws_each_svg_like_the_png(tmp_path: Path) -> None:
    for name, browser, ours in _screenshot(tmp_path, _pictures()):
        _assert_close(name, browser, ours)


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_the_auto_theme_follows_the_readers_dark_preference(tmp_path: Path) -> None:
    stats = from_json((HERE / "stats.json").read_text(encoding="utf-8"))
    options = CardOptions()
    auto = card_bytes(build_card(stats, "repo", "pytorch/pytorch", "auto"), "svg", options=options)
    dark = card_bytes(build_card(stats, "repo", "pytorch/pytorch", "dark"), "png", options=options)
    pictures = [("auto-in-dark-mode", auto.decode(), dark)]
    for name, browser, ours in _screenshot(
        tmp_path, pictures, "--blink-settings=preferredColorScheme=0"
    ):
        _assert_close(name, browser, ours)
