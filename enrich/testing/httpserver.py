"""A small HTTP/1.1 server on asyncio streams, running its own event loop in a thread.

Why not a framework: fault injection needs the raw connection (close it without a response,
promise a longer body than is sent, dribble a body out slowly), and the standard library's
asyncio streams are fast enough (keep-alive, one ``write`` per answer). Request bodies must
carry ``Content-Length`` (every client this fake serves sends one); chunked uploads get 411.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import parse_qsl, unquote

_MAX_HEAD = 64 * 1024


@dataclass
class Request:
    method: str
    target: str
    path: str
    query: str
    headers: dict[str, str]
    """Lower-cased names; a repeated header keeps its last value."""
    body: bytes = b""

    @property
    def params(self) -> dict[str, str]:
        return dict(parse_qsl(self.query, keep_blank_values=True))


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    reset: bool = False
    """Close the connection without sending anything."""
    truncate: bool = False
    """Send the head and half the body, then close the connection."""
    slow: float = 0.0
    """Seconds over which to dribble the body out."""


Handler = Callable[[Request], Awaitable[Response]]


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


class HTTPServer:
    """Serve ``handler`` on ``host:port`` (0: a free port) from a background thread."""

    def __init__(self, handler: Handler, host: str = "127.0.0.1", port: int = 0) -> None:
        self.handler = handler
        self.host = host
        self.port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._conns: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=loop.run_forever, name="fake-github", daemon=True)
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._listen(), loop)
        future.result(timeout=30)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(
            self._serve, self.host, self.port, limit=_MAX_HEAD, backlog=512
        )
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)
        loop.close()
        self._loop = self._thread = None

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._conns):
            task.cancel()
        if self._conns:
            await asyncio.gather(*self._conns, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._conns.add(task)
        try:
            while await self._one(reader, writer):
                pass
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        except asyncio.CancelledError:
            writer.transport.abort()
            return
        finally:
            self._conns.discard(task)
        with contextlib.suppress(Exception):
            writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Read one request and answer it; False when the connection should close."""
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        try:
            method, target, version = lines[0].split(" ", 2)
        except ValueError:
            writer.write(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return False
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if "chunked" in headers.get("transfer-encoding", "").lower():
            writer.write(
                b"HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return False
        length = int(headers.get("content-length", "0") or 0)
        body = await reader.readexactly(length) if length else b""
        path, _, query = target.partition("?")
        request = Request(method.upper(), target, unquote(path), query, headers, body)
        response = await self.handler(request)
        if response.reset:
            writer.transport.abort()
            return False
        keep = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
        keep = keep and not response.truncate
        out = [f"HTTP/1.1 {response.status} {_reason(response.status)}"]
        out.extend(f"{name}: {value}" for name, value in response.headers)
        if response.status != 304 and response.status >= 200:
            out.append(f"Content-Length: {len(response.body)}")
        if not keep:
            out.append("Connection: close")
        data = ("\r\n".join(out) + "\r\n\r\n").encode("latin-1")
        if response.truncate:
            writer.write(data + response.body[: len(response.body) // 2])
            await writer.drain()
            writer.transport.abort()
            return False
        if response.slow > 0 and response.body:
            writer.write(data)
            pieces = 10
            step = max(1, len(response.body) // pieces)
            for start in range(0, len(response.body), step):
                await writer.drain()
                await asyncio.sleep(response.slow / pieces)
                writer.write(response.body[start : start + step])
        elif method.upper() == "HEAD":
            writer.write(data)
        else:
            writer.write(data + response.body)
        await writer.drain()
        return keep
