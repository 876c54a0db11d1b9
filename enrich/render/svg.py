"""Card and badge models to SVG text through the Jinja2 templates in ``templates/cards/``.

The environment autoescapes every value, and its ``finalize`` hook drops characters XML
cannot hold (C0 controls, lone surrogates, U+FFFE/U+FFFF) from anything printed, so a
hostile repository description renders as text and the document stays well-formed.
Output has no timestamps, a fixed attribute order (the template's) and numbers rounded
to 0.01, so an unchanged figure means unchanged bytes.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import cache, lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from enrich.render.badges import Badge
from enrich.render.font_embed import EMBEDDED_FAMILY, font_face_css
from enrich.render.layout import Card
from enrich.render.themes import Theme
from enrich.resources import templates_dir

FONT_STACK = f"{EMBEDDED_FAMILY},Verdana,sans-serif"
"""The embedded subset (named as the vendored font), then generic fallbacks."""

_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """Strings without the characters XML 1.0 forbids; other values unchanged."""
    if value.__class__ is str and not (value.isascii() and value.isprintable()):
        return _XML_FORBIDDEN.sub("", value)
    return value


@lru_cache(maxsize=4096)
def number(value: float) -> Markup:
    """A coordinate as short stable text: ``12.0 -> 12``, ``3.14159 -> 3.14``.

    Returned as ``Markup``: digits need no escaping, which spares the escaper and the
    ``finalize`` hook dozens of calls per card. Cached: cards repeat most coordinates.
    """
    text = repr(round(value + 0.0, 2))
    if text.endswith(".0"):
        text = text[:-2]
    return Markup("0" if text == "-0" else text)  # noqa: S704 (a number's repr)


def theme_roles(theme: Theme) -> list[tuple[str, str]]:
    """(role, colour) pairs of a theme, in declaration order, for the template's CSS."""
    return [(f.name, getattr(theme, f.name)) for f in fields(theme) if f.name != "name"]


@cache
def environment() -> jinja2.Environment:
    """The SVG template environment (autoescape on, strict undefined)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir() / "cards"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=xml_safe,
    )
    env.filters["n"] = number
    env.globals["roles"] = theme_roles
    return env


def _font_css(card: Card, embed_font: bool) -> Markup:
    if not embed_font:
        return Markup("")
    texts = card.texts()
    regular = "".join(t.text for t in texts if not t.bold)
    bold = "".join(t.text for t in texts if t.bold)
    # The CSS holds only constants and base64: safe to mark, and it must not be escaped.
    return Markup(font_face_css(regular, bold))  # noqa: S704


@lru_cache(maxsize=64)
def _style(theme: Theme, dark: Theme | None) -> Markup:
    """The card's CSS for a theme pair, rendered once (it is the same for every card)."""
    css = (
        environment()
        .get_template("card_style.css.j2")
        .render(theme=theme, dark=dark, font_stack=FONT_STACK)
    )
    return Markup(css)  # noqa: S704 (rendered by the autoescaping environment)


def render_svg(card: Card, *, embed_font: bool = True) -> str:
    """The card as a self-contained SVG document (UTF-8 text, final newline)."""
    template = environment().get_template("card.svg.j2")
    return template.render(
        card=card, font_css=_font_css(card, embed_font), style=_style(card.theme, card.dark)
    )


def render_badge_svg(badge: Badge, *, embed_font: bool = True) -> str:
    """A badge as a self-contained SVG; the embedded font holds exactly its characters."""
    font_css = ""
    if embed_font:
        texts = (badge.label, badge.message)
        font_css = font_face_css(
            "".join(t.text for t in texts if not t.bold),
            "".join(t.text for t in texts if t.bold),
            exact=True,
        )
    template = environment().get_template("badge.svg.j2")
    # The CSS holds only constants and base64: safe to mark, and it must not be escaped.
    return template.render(badge=badge, font_css=Markup(font_css), font_stack=FONT_STACK)  # noqa: S704
