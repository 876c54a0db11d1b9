"""Run a fake GitHub standalone: ``python -m enrich.testing.fakegithub --port PORT [--data FILE]``.

Prints exactly one line, ``READY <GITHUB_API_URL> <GITHUB_GRAPHQL_URL>``, once it listens,
then serves until killed (SIGINT or SIGTERM). ``--port 0`` picks a free port. ``--data``
loads a JSON data set (``FakeData.to_json`` format, see docs/fake-github.md); the default
is ``FakeData.example()``. This is an entry point, so it may print.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from enrich.testing.dataset import FakeData
from enrich.testing.server import FakeGitHub


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m enrich.testing.fakegithub",
        description="Serve a fake GitHub API on 127.0.0.1.",
    )
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0: any free)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--data", type=Path, help="a JSON data set (default: the example)")
    parser.add_argument(
        "--synthetic",
        type=int,
        metavar="REPOS",
        help="serve a generated data set of REPOS repositories instead",
    )
    args = parser.parse_args(argv)
    if args.data is not None:
        try:
            data = FakeData.from_json(args.data.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, TypeError, AttributeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            parser.exit(2, f"error: {args.data}: cannot load the data set: {reason}\n")
    elif args.synthetic is not None:
        data = FakeData.synthetic(repos=args.synthetic)
    else:
        data = FakeData.example()
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    with FakeGitHub(data=data, host=args.host, port=args.port) as server:
        sys.stdout.write(f"READY {server.api_url} {server.graphql_url}\n")
        sys.stdout.flush()
        stop.wait()
    return 0


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    os._exit(status)  # skip tearing down the big GraphQL schema object by object (seconds)
