"""Differential test: on random nested Markdown, the URLs the scanner finds are exactly the
ones markdown-it-py (CommonMark) shows outside code and comments.

The generator nests lists, block quotes, fences, indented code, block and inline comments,
HTML blocks, code spans, setext headings and ordered-list look-alikes: what the line pass
must get right.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.scan import scan_text

markdown_it = pytest.importorskip("markdown_it")  # installed with rich, a dependency

from markdown_it.token import Token  # noqa: E402

URL = re.compile(r"https://github\.com/u\d+/r\d+")
_PARSER = markdown_it.MarkdownIt("commonmark")
_RAW_TEXT = re.compile(r"<(?:pre|script|style|textarea)(?=[ \t>]|$)", re.IGNORECASE)


def _shown(text: str) -> set[str]:
    """URLs markdown-it-py renders as text, link or image outside code and comments."""
    found: set[str] = set()

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            kind, content, attrs = token.type, token.content, token.attrs
            if kind in ("fence", "code_block", "code_inline"):
                continue
            if kind in ("html_block", "html_inline") and content.lstrip().startswith("<!--"):
                continue
            if kind == "html_block" and _RAW_TEXT.match(content.lstrip()):
                continue  # <pre>, <script>, <style>, <textarea>: raw text, not shown as links
            if token.children:
                walk(token.children)
                continue
            if kind == "link_open":
                found.update(URL.findall(str(attrs.get("href", ""))))
            elif kind == "image":
                found.update(URL.findall(str(attrs.get("src", ""))))
            elif kind in ("text", "html_block", "html_inline"):
                found.update(URL.findall(content))

    walk(_PARSER.parse(text))
    return found


class _Doc:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.count = 0

    def url(self) -> str:
        self.count += 1
        return f"https://github.com/u{self.count}/r{self.count}"

    def para(self) -> str:
        u = self.url
        return self.rng.choice(
            [
                lambda: f"text {u()} more",
                lambda: f"[x]({u()})",
                lambda: f"a `code {u()}` b {u()}",
                lambda: f"<{u()}>",
                lambda: f"a <!-- {u()} --> b {u()}",
                lambda: f"a `` x ` {u()} `` b",
                lambda: f"a \\`{u()}` b",
                lambda: f"a `multi\nline {u()}` b",
                lambda: f"a <!-- multi\n{u()} --> b",
                lambda: f"# heading {u()}",
                lambda: "***",
                lambda: f"\t{u()}",
                lambda: f"a ` b {u()}",
                lambda: f"a\n===\n{u()}",
                lambda: f"a `x\n-\n{u()} `",
                lambda: f"a `x\n2019. b {u()} `",
                lambda: f"a `x\n1. b {u()} `",
                lambda: f"a `x\n    ===\n{u()}`",
            ]
        )()

    def block(self, depth: int = 0) -> str:
        r = self.rng.random()
        if r < 0.25:
            return self.para()
        if r < 0.4:
            fence = self.rng.choice(["```", "~~~", "````"])
            return f"{fence}\n{self.url()}\n{fence}"
        if r < 0.5:
            return f"    {self.url()}"
        if r < 0.7 and depth < 2:
            items = []
            for _ in range(self.rng.randint(1, 3)):
                pad = " " * self.rng.choice([2, 2, 4])
                inner = self.block(depth + 1).replace("\n", "\n" + pad)
                items.append(self.rng.choice(["- ", "* ", "1. "]) + inner)
            return "\n".join(items)
        if r < 0.8 and depth < 2:
            return "\n".join("> " + line for line in self.block(depth + 1).split("\n"))
        if r < 0.9:
            u = self.url
            return self.rng.choice(
                [
                    lambda: f"<!--\n{u()}\n\n{u()}\n-->",
                    lambda: f"<pre>\n{u()}\n\n{u()}\n</pre>",
                    # a blank line ends these blocks (text right after one is raw HTML too,
                    # where the scanner, unlike CommonMark, still reads code spans)
                    lambda: f"<div>\n```\n{u()}\n</div>\n",
                    lambda: f"<details>\n<summary>{u()}</summary>\n\n    {u()}\n",
                ]
            )()
        return self.para() + "\n" + self.rng.choice(["    ", "  ", ""]) + self.para()

    def document(self) -> str:
        separator = self.rng.choice(["\n\n", "\n"])
        blocks = [self.block() for _ in range(self.rng.randint(1, 5))]
        return "intro\n\n" + separator.join(blocks) + "\n"


@given(st.randoms(use_true_random=False), st.sampled_from(["\n", "\r\n"]))
@settings(max_examples=250, deadline=None)
def test_scanner_agrees_with_commonmark_on_what_is_shown(rng: random.Random, newline: str) -> None:
    text = _Doc(rng).document().replace("\n", newline)
    assert {ref.url for ref in scan_text(text)} == _shown(text), text
