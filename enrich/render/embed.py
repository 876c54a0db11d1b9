"""The HTML that embeds a card: ``<picture>`` with light and dark sources and real alt text.

Screen readers read the ``<img>``'s ``alt``, not the SVG's ``<title>``, so the alt carries
the card's figures (its ``desc``). GitHub and most Markdown renderers keep ``<picture>``.
"""

from __future__ import annotations

from html import escape

from enrich.render.layout import Card
from enrich.render.svg import number


def embed_snippet(card: Card, light_src: str, dark_src: str | None = None,
                  href: str | None = None) -> str:  # fmt: skip
    """A ``<picture>`` for ``card``; ``dark_src`` adds a prefers-color-scheme dark source."""
    alt = escape(card.desc, quote=True)
    size = f'width="{number(card.width)}" height="{number(card.height)}"'
    lines = ["<picture>"]
    if dark_src is not None:
        lines.append(f'  <source media="(prefers-color-scheme: dark)" srcset="{escape(dark_src)}">')
        lines.append(
            f'  <source media="(prefers-color-scheme: light)" srcset="{escape(light_src)}">'
        )
    lines.append(f'  <img src="{escape(light_src)}" alt="{alt}" {size}>')
    lines.append("</picture>")
    body = "\n".join(lines)
    if href is not None:
        body = f'<a href="{escape(href)}">\n{body}\n</a>'
    return body + "\n"
