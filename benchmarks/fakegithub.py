"""How fast the fake GitHub answers: REST requests/s and GraphQL queries/s (100 aliases each).

Starts ``python -m enrich.testing.fakegithub --synthetic 1000`` in a subprocess (so client
and server do not share one GIL), drives it with an httpx AsyncClient over loopback, prints
the figures and stops by itself (bounded by ``--count`` and ``--seconds``).

Two figures per phase: what the client achieved, and the server's capacity (requests per
second of the server process's own CPU time, read from /proc). On a shared 2-core machine
the httpx client needs more CPU per request than the server does, so the first figure
measures the client; the second is what the fake itself can sustain on one core. Usage::

    .venv/bin/python benchmarks/fakegithub.py [--count 3000] [--seconds 20] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable

import httpx

HEADERS = {"User-Agent": "enrich-benchmark", "Authorization": "Bearer bench"}
FIELDS = (
    "stargazerCount forkCount watchers { totalCount } issues(states: OPEN) { totalCount } "
    "pullRequests(states: OPEN) { totalCount } primaryLanguage { name color } description "
    "licenseInfo { spdxId } isArchived pushedAt nameWithOwner url"
)


def repo_query(first: int, size: int = 100) -> str:  # the shape depends on size only
    """One query of ``size`` aliased repositories, starting at synthetic repo ``first``."""
    parts = [
        f'r{i}: repository(owner: "user-{(first + i) % 100:04d}", name: "repo-{first + i:05d}")'
        f" {{ {FIELDS} }}"
        for i in range(size)
    ]
    return "{ " + " ".join(parts) + " rateLimit { cost remaining } }"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` (Linux /proc), 0.0 elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def drive(
    label: str,
    count: int,
    seconds: float,
    concurrency: int,
    send: Callable[[int], Awaitable[httpx.Response]],
    pid: int,
) -> None:
    done = 0
    failures = 0
    deadline = time.perf_counter() + seconds
    start = time.perf_counter()
    cpu = cpu_seconds(pid)

    async def worker(offset: int) -> None:
        nonlocal done, failures
        i = offset
        while i < count and time.perf_counter() < deadline:
            response = await send(i)
            failures += response.status_code != 200
            done += 1
            i += concurrency

    await asyncio.gather(*(worker(k) for k in range(concurrency)))
    elapsed = time.perf_counter() - start
    server_cpu = cpu_seconds(pid) - cpu
    capacity = f"{done / server_cpu:8.1f}/s" if server_cpu > 0 else "     n/a"
    print(
        f"{label:<46} {done:>6} in {elapsed:6.2f} s = {done / elapsed:8.1f}/s achieved,"
        f" server capacity {capacity} ({server_cpu:.2f} s CPU), failures: {failures}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000, help="REST requests (GraphQL: /10)")
    parser.add_argument("--seconds", type=float, default=15.0, help="time cap per phase")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    proc = subprocess.Popen(
        [sys.executable, "-m", "enrich.testing.fakegithub", "--port", "0", "--synthetic", "1000"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        ready = proc.stdout.readline().split()
        if not ready or ready[0] != "READY":
            raise SystemExit(f"the fake did not start: {ready}")
        asyncio.run(bench(args, proc.pid, ready[1], ready[2]))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def raw_rest(api: str, count: int, seconds: float, connections: int, pid: int) -> None:
    """The same REST load from a minimal keep-alive HTTP/1.1 client (asyncio streams), whose
    cost per request is small enough to show what the server sustains end to end."""
    host, port = api.removeprefix("http://").split(":")
    done = 0
    deadline = time.perf_counter() + seconds
    start, cpu = time.perf_counter(), cpu_seconds(pid)

    async def one_connection(offset: int) -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, int(port))
        i = offset
        while i < count and time.perf_counter() < deadline:
            path = f"/repos/user-{i % 100:04d}/repo-{i % 1000:05d}"
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bench\r\n"
                f"Authorization: Bearer bench\r\n\r\n".encode()
            )
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
            done += 1
            i += connections
        writer.close()

    await asyncio.gather(*(one_connection(k) for k in range(connections)))
    elapsed, server_cpu = time.perf_counter() - start, cpu_seconds(pid) - cpu
    capacity = f"{done / server_cpu:8.1f}/s" if server_cpu > 0 else "     n/a"
    print(
        f"{'REST GET /repos/{o}/{r} (raw keep-alive client)':<46} {done:>6} in {elapsed:6.2f} s"
        f" = {done / elapsed:8.1f}/s achieved, server capacity {capacity}"
        f" ({server_cpu:.2f} s CPU)"
    )


async def bench(args: argparse.Namespace, pid: int, api: str, graphql: str) -> None:
    limits = httpx.Limits(max_connections=args.concurrency)
    timeout = httpx.Timeout(60.0)
    async with httpx.AsyncClient(
        base_url=api, headers=HEADERS, limits=limits, timeout=timeout
    ) as client:
        await client.post(
            "/_fake/limits",
            json={
                "resource": "core",
                "limit": 10**9,
                "max_in_flight": 10**6,
                "rest_points_per_minute": 10**9,
                "graphql_points_per_minute": 10**9,
            },
        )
        await client.post("/_fake/limits", json={"resource": "graphql", "limit": 10**9})
        print(f"fake GitHub at {api}; client concurrency {args.concurrency}")

        async def rest(i: int) -> httpx.Response:
            return await client.get(f"/repos/user-{i % 100:04d}/repo-{i % 1000:05d}")

        await drive(
            "REST GET /repos/{o}/{r} (httpx)",
            args.count,
            args.seconds,
            args.concurrency,
            rest,
            pid,
        )
        await raw_rest(api, args.count, args.seconds, args.concurrency, pid)

        texts = [repo_query(k * 100) for k in range(9)]
        start = time.perf_counter()
        first = await client.post(graphql, json={"query": repo_query(900)})
        print(
            f"{'GraphQL: a new query shape, parsed and validated':<46} "
            f"{time.perf_counter() - start:.2f} s (status {first.status_code})"
        )

        async def gql_cold(i: int) -> httpx.Response:
            return await client.post(graphql, json={"query": texts[i]})

        await drive(
            "GraphQL 100 aliases, new text of a known shape",
            len(texts),
            args.seconds,
            1,
            gql_cold,
            pid,
        )

        async def gql(i: int) -> httpx.Response:
            return await client.post(graphql, json={"query": texts[i % len(texts)]})

        await drive(
            "GraphQL 100 aliases, texts seen before",
            args.count // 10,
            args.seconds,
            min(args.concurrency, 4),
            gql,
            pid,
        )

        async def gql_new(i: int) -> httpx.Response:
            shifted = repo_query(i % 900 + 1)
            return await client.post(graphql, json={"query": shifted})

        await drive(
            "GraphQL 100 aliases, new names each query",
            args.count // 10,
            args.seconds,
            min(args.concurrency, 4),
            gql_new,
            pid,
        )


if __name__ == "__main__":
    main()
