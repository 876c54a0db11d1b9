"""Benchmark ``enrich run`` end to end on a copy of content/ against the local fake GitHub.

Each scenario is the real CLI in a new Python process (``python -m enrich.cli run --json``),
as a user or the Action runs it: a cold run with a token (empty cache, no stats file), a
warm run within the TTL, a refresh after the TTL (``--ttl 0``), an offline render, and a
cold run without a token (REST). Prints wall time and requests by kind for each, plus the
interpreter start-up and import time that every run pays.

    .venv/bin/python benchmarks/run.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from enrich.testing import FakeData, FakeGitHub, Limits

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-token"  # noqa: S105  # a fake token for the fake server


def cli(site: Path, fake: FakeGitHub, *args: str, token: bool = True) -> tuple[float, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GH_"))}
    env |= {"GITHUB_API_URL": fake.api_url, "GITHUB_GRAPHQL_URL": fake.graphql_url}
    if token:
        env["GITHUB_TOKEN"] = TOKEN
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "enrich.cli", "run", "--json", *args],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    return elapsed, json.loads(result.stdout)


def fresh_site(base: Path, name: str) -> Path:
    site = base / name
    shutil.copytree(ROOT / "content", site / "content")
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import enrich.cli.run"], check=True)
    elapsed = time.perf_counter() - started
    print(f"interpreter start + the imports enrich run needs: {elapsed:.2f} s")

    limits = Limits(search_unauthenticated=1000, core_unauthenticated=1000)
    rows: dict[str, list[tuple[float, dict[str, int]]]] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeGitHub(FakeData.example(), limits=limits) as fake,
    ):
        for n in range(args.repeat):
            fake.reset()
            site = fresh_site(Path(tmp), f"token-{n}")
            for name, extra in (
                ("cold, token", ()),
                ("warm, within TTL", ()),
                ("refresh, --ttl 0", ("--ttl", "0")),
                ("offline render", ("--offline",)),
            ):
                elapsed, report = cli(site, fake, *extra)
                rows.setdefault(name, []).append((elapsed, report["requests"]))
            site = fresh_site(Path(tmp), f"rest-{n}")
            elapsed, report = cli(site, fake, token=False)
            rows.setdefault("cold, no token (REST)", []).append((elapsed, report["requests"]))

    print(f"{'scenario':<24} {'wall (median)':>14}  requests")
    for name, runs in rows.items():
        wall = statistics.median(elapsed for elapsed, _ in runs)
        requests = runs[-1][1]
        kinds = ", ".join(
            f"{requests.get(kind, 0)} {kind}"
            for kind in ("graphql", "rest", "conditional_304", "rate_limit")
        )
        print(f"{name:<24} {wall:>12.2f} s  {requests.get('total', 0)} total: {kinds}")


if __name__ == "__main__":
    main()
