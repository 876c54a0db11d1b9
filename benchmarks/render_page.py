"""Benchmark: render a 1 MB page holding 5,000 managed regions (target <= 0.5 s).

Prints the page size, the number of regions, the time to parse the markers and the time of a
full ``render_page`` (parse + format + lastmod + splice), best of a few runs, plus the time of
a second render of the result (the idempotent no-op case).

Run: ``.venv/bin/python benchmarks/render_page.py [--size N] [--markers N]``.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime

from enrich.render.page_render import RenderOptions, render_page
from enrich.render.regions import parse_regions
from enrich.stats import Figure, Item, Stats

FIGURES = ("stars", "forks", "watchers", "open_issues")


def build(size: int, markers: int) -> tuple[str, Stats]:
    """A page of about ``size`` characters: prose, links, code blocks and ``markers`` regions."""
    items: dict[str, Item] = {}
    lines = ["---", 'title: "Bench"', "lastmod: 2025-08-17T09:44:56+08:00", "---", ""]
    per_marker = size // markers
    for index in range(markers):
        owner, repo = f"owner{index % 997}", f"repo{index}"
        key = f"repo:{owner}/{repo}"
        figure = FIGURES[index % len(FIGURES)]
        items[key] = Item("repo", f"{owner}/{repo}", figures={figure: Figure(index * 37, "t")})
        if index % 5 == 4:
            key = f"search:author:me repo:{owner}/{repo}"
            items[key] = Item("search", key, figures={"count": Figure(index, "t")})
            marker = f"<!-- enrich:contributions {owner}/{repo} author:me -->1+<!-- /enrich -->"
        else:
            marker = f"<!-- enrich:{figure} {owner}/{repo} -->0<!-- /enrich -->"
        line = f"- Project [{repo}](https://github.com/{owner}/{repo}) · ★ {marker} and `code`"
        filler = " lorem ipsum dolor sit amet" * max(0, -(-(per_marker - len(line)) // 27))
        lines.append(line + filler)
        if index % 50 == 49:
            lines += [
                "",
                "```",
                f"<!-- enrich:stars {owner}/{repo} -->x<!-- /enrich -->",
                "```",
                "",
            ]
    return "\n".join(lines) + "\n", Stats(items)


def best_of(runs: int, action: object) -> tuple[float, float]:
    """Best wall time and best CPU time of ``runs`` calls (CPU time is the fairer figure
    on a shared machine: it leaves out time spent waiting for a core)."""
    assert callable(action)
    wall = cpu = float("inf")
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="page size in characters")
    parser.add_argument("--markers", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    text, stats = build(args.size, args.markers)
    now = datetime(2026, 11, 25, tzinfo=UTC)
    options = RenderOptions()
    regions = parse_regions(text)
    result = render_page(text, stats, options, path="bench.md", now=now)
    assert not result.warnings, result.warnings[:3]
    parse_s = best_of(args.runs, lambda: parse_regions(text))
    render_s = best_of(args.runs, lambda: render_page(text, stats, options, path="b", now=now))
    again_s = best_of(
        args.runs, lambda: render_page(result.new_text, stats, options, path="b", now=now)
    )
    print(f"page: {len(text.encode()) / 1e6:.2f} MB, {len(regions)} regions (+ markers in code)")
    print(f"changed regions: {len(result.changed_regions)}")
    print(f"parse markers:     {parse_s[0]:.3f} s wall, {parse_s[1]:.3f} s CPU")
    print(f"render page:       {render_s[0]:.3f} s wall, {render_s[1]:.3f} s CPU (target <= 0.5 s)")
    print(f"re-render (no-op): {again_s[0]:.3f} s wall, {again_s[1]:.3f} s CPU")
    print(f"throughput: {len(text.encode()) / 1e6 / render_s[1]:.1f} MB/s of CPU time")


if __name__ == "__main__":
    main()
