"""Benchmark: 1,000 repository cards as SVG and as PNG (1x); prints cards per second.

Targets (issue 5): >= 2,000 SVG cards/s and >= 100 PNG cards/s at 1x. Each card has its
own name, description and figures, so text measurement caches only help as they would
in real use (common words and digits). The SVG figure includes the embedded font subset.

    .venv/bin/python benchmarks/render_cards.py [--count 1000] [--png-count 1000]
        [--resvg-count 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import time

from enrich.render.card_data import RepoData
from enrich.render.cards import CardOptions, card_bytes
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
    parser.add_argument("--resvg-count", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    light, dark = THEMES["light"], THEMES["dark"]
    render_svg(layout_repo_card(sample_repos(1, seed=1)[0], light, dark))  # load fonts, subset

    repos = sample_repos(args.count)
    count = len(repos)
    runs = []
    for _ in range(args.repeat):  # best of N: the machine is shared, the minimum is the signal
        start, cpu = time.perf_counter(), time.process_time()
        svgs = [render_svg(layout_repo_card(repo, light, dark)) for repo in repos]
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu = min(runs)
    print(f"SVG: {count} repo cards, best of {args.repeat}: {wall:.3f} s wall ({cpu:.3f} s CPU) = "
          f"{count / wall:,.0f} cards/s (target >= 2,000); "
          f"mean size {sum(map(len, svgs)) / count / 1024:.1f} KiB")  # fmt: skip

    count = min(args.png_count, count)
    cards = [layout_repo_card(repo, light, dark) for repo in repos[:count]]
    options = CardOptions()
    for scale in (1, 2):
        start, cpu = time.perf_counter(), time.process_time()
        total = sum(len(card_bytes(card, "png", scale, options=options)) for card in cards)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        target = "; target >= 100" if scale == 1 else ""
        print(f"PNG: {count} repo cards ({scale}x, composed: shape pieces cached from the first "
              f"card on) in {wall:.3f} s wall ({cpu:.3f} s CPU) = {count / wall:,.0f} cards/s "
              f"({count / cpu:,.0f} per CPU second{target}); "
              f"mean size {total / count / 1024:.1f} KiB")  # fmt: skip

    count = min(args.resvg_count, count)
    start, cpu = time.perf_counter(), time.process_time()
    total = sum(len(rasterize(svg, scale=1)) for svg in svgs[:count])
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"PNG: {count} repo cards (1x, resvg of the whole SVG: the path for text that needs "
        f"a fallback font) = {count / wall:,.0f} cards/s ({count / cpu:,.0f} per CPU second)"
    )


if __name__ == "__main__":
    main()
