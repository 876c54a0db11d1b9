"""Benchmark fetch against the local fake GitHub with 50 ms added latency per request.

Scenarios: 1,000 repos + 300 contribution searches with a token (GraphQL), then a warm
repeat within the TTL; 1,000 repos without a token (REST; the fake's unauthenticated core
limit and per-endpoint secondary limit are raised, as GitHub's 60/h would stop it), then a
warm repeat. Prints requests by kind, wall time, and peak memory (this process's max RSS:
the fake runs in its own process, ``python -m enrich.testing.fakegithub``, so its data and
its garbage-collector pauses are not counted against fetch).

    .venv/bin/python benchmarks/fetch.py [--latency 0.05] [--repos 1000] [--searches 300]
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from enrich.github import FetchOptions, refresh_stats
from enrich.scan.refs import Kind, Ref, SearchQuery

TOKEN = "ghp_benchmark_token"  # noqa: S105  # a fake token for the fake server


def repo_ref(owner: str, name: str) -> Ref:
    return Ref(Kind.REPO, f"https://github.com/{owner}/{name}", 0, 1, 1, 1, owner, name)


def search_ref(author: str, owner: str, name: str) -> Ref:
    query = SearchQuery((("author", (author,)),))
    url = f"https://github.com/{owner}/{name}/issues?q=author%3A{author}"
    return Ref(Kind.SEARCH, url, 0, 1, 1, 1, owner, name, query=query)


class Fake:
    """A standalone fake GitHub in a child process, driven over its ``/_fake`` admin API."""

    def __init__(self, api_url: str, graphql_url: str) -> None:
        self.api_url, self.graphql_url = api_url, graphql_url
        self.admin = httpx.Client(base_url=api_url.rstrip("/") + "/_fake/")

    def post(self, path: str, body: Any) -> None:
        self.admin.post(path, json=body).raise_for_status()

    def requests(self) -> list[dict[str, Any]]:
        return list(self.admin.get("requests").json()["requests"])


@contextlib.contextmanager
def fake_github(repos: int) -> Iterator[Fake]:
    command = [sys.executable, "-m", "enrich.testing.fakegithub", "--synthetic", str(repos)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        ready = child.stdout.readline().split()
        assert ready, "the fake GitHub did not start"
        assert ready[0] == "READY", ready
        yield Fake(ready[1], ready[2])
    finally:
        child.terminate()
        child.wait(timeout=10)


def refs_for(repos: int, searches: int) -> list[Ref]:
    names = [f"user-{r % 100:04d}/repo-{r:05d}" for r in range(repos)]
    refs = [repo_ref(*name.split("/")) for name in names]
    refs += [
        search_ref(f"user-{(i * 7) % 100:04d}", *names[i % len(names)].split("/"))
        for i in range(searches)
    ]
    return refs


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(label: str, server: Fake, refs: list[Ref], workdir: Path, **kw: Any) -> dict[str, Any]:
    server.post("reset-requests", {})
    options = FetchOptions(
        api_url=server.api_url,
        graphql_url=server.graphql_url,
        cache_dir=workdir / "cache",
        **kw,
    )
    start, cpu = time.perf_counter(), time.process_time()
    result = refresh_stats(refs, workdir / "stats.json", options)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    log = server.requests()
    by_kind = Counter(
        "graphql" if r["resource"] == "graphql" else ("304" if r["not_modified"] else "rest")
        for r in log
    )
    total = len(log)
    rate = total / wall if wall else 0.0
    counts = result.report.counts
    print(
        f"{label:<34} requests {total:>5} ({dict(by_kind) or 'none'}); wall {wall:6.2f} s; "
        f"{rate:7.1f} req/s; fetch CPU {cpu:5.2f} s; items {counts}; peak RSS {peak_mb():.0f} MB"
    )
    return {"requests": total, "wall": wall, "rate": rate, "counts": counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    refs = refs_for(args.repos, args.searches)
    results: dict[str, dict[str, Any]] = {}
    with fake_github(args.repos) as server:
        server.post("faults", {"latency": args.latency})
        server.post("limits", {"resource": "core", "authenticated": False, "limit": 100_000})
        server.post("limits", {"rest_points_per_minute": 100_000})
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / "token"
            label = f"token, {args.repos} repos + {args.searches} searches"
            results["token_cold"] = one(
                f"{label}, cold", server, refs, work, token=TOKEN, concurrency=args.concurrency
            )
            results["token_warm"] = one(
                f"{label}, warm", server, refs, work, token=TOKEN, concurrency=args.concurrency
            )
            # Cold for fetch again (a new cache), but the fake has already parsed and
            # validated these query texts (graphql-core, ~2 s for 13 of them): what is left
            # is fetch's own time plus the fake's execution.
            results["token_cold_again"] = one(
                f"{label}, cold, fake has seen the queries",
                server,
                refs,
                Path(tmp) / "token-again",
                token=TOKEN,
                concurrency=args.concurrency,
            )
            work = Path(tmp) / "rest"
            repos_only = refs[: args.repos]
            label = f"no token, {args.repos} repos"
            results["rest_cold"] = one(
                f"{label}, cold", server, repos_only, work, token=None, concurrency=args.concurrency
            )
            results["rest_warm"] = one(
                f"{label}, warm", server, repos_only, work, token=None, concurrency=args.concurrency
            )
            results["rest_revalidate"] = one(
                f"{label}, after TTL (ttl=0)",
                server,
                repos_only,
                work,
                token=None,
                ttl=0,
                concurrency=args.concurrency,
            )
    checks = {
        "token cold <= 15 requests": results["token_cold"]["requests"] <= 15,
        "token cold <= 3 s": results["token_cold"]["wall"] <= 3,
        "no token >= 100 requests/s": results["rest_cold"]["rate"] >= 100,
        "warm 0 requests": results["token_warm"]["requests"]
        == results["rest_warm"]["requests"]
        == 0,
        "warm <= 0.5 s": max(results["token_warm"]["wall"], results["rest_warm"]["wall"]) <= 0.5,
        "peak RSS <= 200 MB": peak_mb() <= 200,
    }
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'MISS'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
