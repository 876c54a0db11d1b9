"""Benchmark issue 5's render targets in one go: the 1 MB page with 5,000 markers, then the
1,000 repo cards as SVG and PNG. Each part is also a script of its own with options:
``render_page.py`` and ``render_cards.py``.

    .venv/bin/python benchmarks/render.py
"""

from __future__ import annotations

import sys

import render_cards  # benchmarks/ is on sys.path when this file runs as a script
import render_page


def main() -> None:
    sys.argv = sys.argv[:1]  # each part reads its own defaults
    render_page.main()
    render_cards.main()


if __name__ == "__main__":
    main()
