"""Benchmark the scanner on a large generated page: prints MB/s, references/s, peak memory.

Usage: ``.venv/bin/python benchmarks/scan.py [--mb 10] [--repeat 3]``. The page mixes prose,
inline links, images, HTML badges, bare URLs, searches, autolinks, reference definitions,
lists, inline code and fenced/indented code blocks (whose URLs must not count). Speed is
the best of ``--repeat`` runs of ``read_page`` + ``scan_page``; peak memory is measured
in a separate run under tracemalloc (which slows it down) and compared to the file size.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from enrich.page import read_page
from enrich.scan import scan_page, scan_text

WORDS = [
    *("the", "a", "kernel", "compiler", "tensor", "graph", "model", "training", "inference"),
    *("quantization", "cache", "batch", "framework", "operator", "layout", "memory"),
    *("scheduler", "runtime", "vector", "fused", "attention", "fast", "small"),
]
PROSE = 1.6  # sentence length factor: tunes the page to ~55,000 references per 10 MB


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(int(n * PROSE)))


def _block(rng: random.Random, i: int) -> tuple[str, int]:
    """One Markdown block and how many references it holds (outside code)."""
    # 8,000 distinct repositories of 1,000 accounts; pull/issue numbers mostly distinct.
    project = rng.randrange(8000)
    owner = f"owner-{project % 1000}"
    repo = f"project_{project}.x"
    choice = rng.randrange(10)
    if choice == 0:
        return (
            f"```python\n# see https://github.com/{owner}/{repo}\nx = {i}\n"
            f"print('https://github.com/{owner}')\n```\n\n",
            0,
        )
    if choice == 1:
        return f"Code:\n\n    indented https://github.com/{owner}/{repo}\n    more code\n\n", 0
    if choice == 2:
        return (
            f'<a href="https://github.com/{owner}/{repo}"><img '
            f'src="https://img.shields.io/github/stars/{owner}/{repo}?style=social" '
            f'alt="stars" height="20"></a>\n\n',
            2,
        )
    if choice == 3:
        return (
            f"- {_sentence(rng, 6)} [PR](https://github.com/{owner}/{repo}/pull/{i}) and "
            f"[issue](https://github.com/{owner}/{repo}/issues/{i + 1}), "
            f"`code https://github.com/x/y`\n  {_sentence(rng, 12)}\n"
            f"- [{owner}](https://github.com/{owner}) {_sentence(rng, 8)}\n\n",
            3,
        )
    if choice == 4:
        return (
            f"{_sentence(rng, 10)} [contributions](https://github.com/{owner}/{repo}/issues"
            f"?q=author%3A{owner}+is%3Apr+is%3Amerged) {_sentence(rng, 14)}\n"
            f"All: <https://github.com/pulls?q=is%3Apr+author%3A{owner}>.\n\n",
            2,
        )
    if choice == 5:
        return f"[ref{i}]: https://github.com/{owner}/{repo}\n\n", 1
    if choice == 6:
        return (
            f"{_sentence(rng, 8)} "
            f"![logo](https://github.com/{owner}/{repo}/blob/main/logo.png?raw=true) "
            f"see https://github.com/{owner}/{repo}. {_sentence(rng, 10)}\n"
            f"{_sentence(rng, 12)} <!-- https://github.com/{owner}/hidden --> "
            f"{_sentence(rng, 6)}\n\n",
            1,
        )
    return (
        f"### [{repo}](https://github.com/{owner}/{repo}) by [{owner}](https://github.com/{owner})\n\n"
        f"{_sentence(rng, 10)} [#{i}](https://github.com/{owner}/{repo}/issues/{i}) "
        f"(www.github.com/{owner}/{repo}/tree/main/src), `https://github.com/in/code`\n\n",
        4,
    )


def build_page(target_bytes: int, seed: int = 7) -> tuple[str, int]:
    """A page of at least ``target_bytes`` and the number of references it holds."""
    rng = random.Random(seed)
    parts = ['---\ntitle: "Benchmark"\nlink: "https://github.com/front/matter"\n---\n\n']
    size = len(parts[0])
    expected = 1
    i = 0
    while size < target_bytes:
        block, count = _block(rng, i)
        parts.append(block)
        size += len(block)
        expected += count
        i += 1
    return "".join(parts), expected


def worst_cases() -> dict[str, str]:
    """Adversarial pages (~1 MB each) whose cost would show any quadratic behaviour."""
    url = "https://github.com/a/b"
    return {
        "one 1 MB line of URLs": f"{url} " * 45_000,
        "deep list nesting": "".join("  " * (i % 400) + "- x\n" for i in range(5_000)) + url,
        "deep block quotes": ("> " * 200 + f"x {url}\n") * 2_500,
        "unmatched backticks": ("`a " * 30 + f"{url} ") * 8_000,
        "unclosed comments": "x " + ("<!-- " * 20 + f"{url} ") * 8_000,
        "definitions": "".join(f"[x{i}]: {url}{i}\n" for i in range(30_000)),
        "open image alt texts": f"![ {url} " * 40_000,
        "open link titles": f'[x]({url} "t {url} ' * 20_000,
        "one front matter line": "---\nlinks: " + f"{url} " * 45_000 + "\n---\n",
        "a <div> block of lines": "<div>\n" + f"{url}\n" * 45_000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="page size in MB (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs, best kept")
    args = parser.parse_args()
    text, expected = build_page(int(args.mb * 1_000_000))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.md"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size
        del text
        best = best_cpu = float("inf")
        count = 0
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            refs = scan_page(read_page(path))
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - started_cpu)
            count = len(refs)
            del refs
        tracemalloc.start()
        kept = scan_page(read_page(path))  # the references stay alive until the peak is read
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(kept) == count
    # A reference loop, so figures from a loaded or slow machine can be compared.
    started = time.process_time()
    sum(range(10**7))
    calibration = time.process_time() - started
    status = "ok" if count == expected else f"MISMATCH (expected {expected})"
    print(f"page: {size / 1e6:.1f} MB, {count} references ({status})")
    print(f"speed: {size / 1e6 / best:.1f} MB/s, {count / best:,.0f} references/s ({best:.3f} s)")
    print(f"cpu time: {best_cpu:.3f} s = {size / 1e6 / best_cpu:.1f} MB/s of one core")
    print(f"peak memory (read + scan): {peak / 1e6:.1f} MB = {peak / size:.2f}x the file size")
    print(f"calibration: sum(range(10**7)) took {calibration:.3f} s of CPU on this machine")
    for name, page in worst_cases().items():
        started = time.process_time()
        found = len(scan_text(page))
        elapsed = time.process_time() - started
        print(f"worst case {name}: {len(page) / 1e6:.1f} MB, {found} refs, {elapsed:.3f} s")


if __name__ == "__main__":
    main()
