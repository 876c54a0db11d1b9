"""Benchmark: 1,000 repository cards as SVG and as PNG (1x); prints cards per second.

Targets (issue 5): >= 2,000 SVG cards/s and >= 100 PNG cards/s at 1x. Each card has its
own name, description and figures, so text measurement caches only help as they would
in real use (common words and digits). The SVG figure includes the embedded font subset.

    .venv/bin/python benchmarks/render_cards.py [--count 1000] [--png-count 1000]
"""

from __future__ import annotations

import argparse
import random
import time

from enrich.render.card_data import RepoData
from enrich.render.layout import layout_repo_card
from enrich.render.png import rasterize
from enrich.render.svg import render_svg
from enrich.render.themes import THEMES

WORDS = [
    "fast",
    "tensor",
    "library",
    "for",
    "deep",
    "learning",
    "compilers",
    "kernels",
    "inference",
    "serving",
    "engine",
    "graph",
    "runtime",
    "distributed",
    "training",
    "models",
    "data",
    "pipelines",
    "vision",
    "language",
    "agents",
    "retrieval",
    "quantization",
    "caching",
    "scheduler",
    "memory",
    "efficient",
    "simple",
    "minimal",
    "toolkit",
]
LANGUAGES = [("Python", "#3572A5"), ("C++", "#f34b7d"), ("Rust", "#dea584"), ("Go", "#00ADD8")]


def sample_repos(count: int, seed: int = 5) -> list[RepoData]:
    rng = random.Random(seed)
    repos = []
    for index in range(count):
        owner = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}{index}"
        name = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}"
        description = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30))).capitalize()
        language, colour = rng.choice(LANGUAGES)
        repos.append(
            RepoData(
                full_name=f"{owner}/{name}",
                description=description,
                stars=rng.randint(0, 250_000),
                forks=rng.randint(0, 60_000),
                language=language,
                language_color=colour,
                archived=rng.random() < 0.1,
            )
        )
    return repos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--png-count", type=int, default=1000)
    args = parser.parse_args()
    light, dark = THEMES["light"], THEMES["dark"]
    render_svg(layout_repo_card(sample_repos(1, seed=1)[0], light, dark))  # load fonts, subset

    repos = sample_repos(args.count)
    start = time.perf_counter()
    svgs = [render_svg(layout_repo_card(repo, light, dark)) for repo in repos]
    svg_seconds = time.perf_counter() - start
    print(f"SVG: {args.count} repo cards in {svg_seconds:.3f} s = "
          f"{args.count / svg_seconds:,.0f} cards/s (target >= 2,000); "
          f"mean size {sum(map(len, svgs)) / len(svgs) / 1024:.1f} KiB")  # fmt: skip

    start = time.perf_counter()
    total = 0
    for svg in svgs[: args.png_count]:
        total += len(rasterize(svg, scale=1))
    png_seconds = time.perf_counter() - start
    count = min(args.png_count, len(svgs))
    print(f"PNG: {count} repo cards (1x, from those SVGs) in {png_seconds:.3f} s = "
          f"{count / png_seconds:,.0f} cards/s (target >= 100); "
          f"mean size {total / count / 1024:.1f} KiB")  # fmt: skip


if __name__ == "__main__":
    main()
