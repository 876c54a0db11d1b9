"""The admin surface, ``/_fake/...``: drive a fake GitHub from another process over HTTP.

Used by end-to-end tests that run the real CLI in a subprocess against a standalone server.
Admin requests are never logged, limited or faulted. Routes (JSON in, JSON out):

- ``GET /_fake/requests``: ``{"requests": [RequestRecord as an object, ...]}``
- ``POST /_fake/reset-requests``: empty the request log
- ``POST /_fake/reset``: the initial data, full limits, no faults, an empty log
- ``POST /_fake/mutate``: ``{"op": NAME, ...arguments}`` or a list of them; NAME is one of
  ``set_repo_figures`` (``repo``, figures...), ``set_account`` (``login``, values...),
  ``rename_repo`` (``old``, ``new``), ``delete_repo`` (``repo``), ``dmca_repo`` (``repo``),
  ``add_pull`` (``repo``, ``author``, ``number``?, ``title``?, ``state``?, ``merged``?,
  ``is_pull``?)
- ``GET``/``POST /_fake/faults``: read, or set fields of ``Faults`` (``{"fail_next": [502]}``)
- ``GET``/``POST /_fake/limits``: read every bucket, or change one:
  ``{"resource": "core", "authenticated": true, "remaining": 0, "limit": 10, "reset": EPOCH}``
  and/or settings ``max_in_flight``, ``retry_after``, ``limited_status``,
  ``secondary_status``, ``graphql_limited_status``, ``rest_points_per_minute``,
  ``graphql_points_per_minute``; ``{"reset_all": true}`` restores full budgets
- ``GET /_fake/data``: the current data set in the ``--data`` JSON format
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from enrich.testing.dataset import NotFound
from enrich.testing.faults import FAULT_NAMES
from enrich.testing.httpserver import Request, Response

if TYPE_CHECKING:
    from enrich.testing.server import FakeGitHub

_OPS = {"set_repo_figures", "set_account", "rename_repo", "delete_repo", "dmca_repo", "add_pull"}
_SETTINGS = {
    "max_in_flight",
    "retry_after",
    "limited_status",
    "secondary_status",
    "graphql_limited_status",
    "rest_points_per_minute",
    "graphql_points_per_minute",
}


def _reply(status: int, payload: Any) -> Response:
    body = json.dumps(payload, sort_keys=True).encode()
    return Response(status, [("Content-Type", "application/json; charset=utf-8")], body)


def handle_admin(server: FakeGitHub, req: Request) -> Response:
    """Answer one ``/_fake/...`` request; bad input is a 400 with a message."""
    try:
        payload = json.loads(req.body) if req.body else {}
        return _route(server, req.method, req.path, payload)
    except (ValueError, KeyError, TypeError, NotFound) as exc:
        return _reply(400, {"message": f"{type(exc).__name__}: {exc}"})


def _route(server: FakeGitHub, method: str, path: str, payload: Any) -> Response:
    route = (method, path.removeprefix("/_fake/").rstrip("/"))
    if route == ("GET", "requests"):
        return _reply(200, {"requests": [dataclasses.asdict(r) for r in server.requests]})
    if route == ("POST", "reset-requests"):
        server.clear_requests()
        return _reply(200, {"ok": True})
    if route == ("POST", "reset"):
        server.reset()
        return _reply(200, {"ok": True})
    if route == ("POST", "mutate"):
        for op in payload if isinstance(payload, list) else [payload]:
            _mutate(server, dict(op))
        return _reply(200, {"ok": True})
    if route[1] == "faults":
        if method == "POST":
            server.faults.update(payload)
        f = server.faults
        return _reply(
            200,
            {name: getattr(f, name) for name in FAULT_NAMES},
        )
    if route[1] == "limits":
        if method == "POST":
            _limits(server, payload)
        return _reply(200, server.limits.snapshot())
    if route == ("GET", "data"):
        return Response(
            200,
            [("Content-Type", "application/json; charset=utf-8")],
            server.data.to_json().encode(),
        )
    return _reply(404, {"message": f"no admin route {method} {path}"})


def _mutate(server: FakeGitHub, op: dict[str, Any]) -> None:
    name = op.pop("op")
    if name not in _OPS:
        raise KeyError(f"unknown op {name!r}; known: {sorted(_OPS)}")
    data = server.data
    if name == "set_repo_figures":
        data.set_repo_figures(op.pop("repo"), **op)
    elif name == "set_account":
        data.set_account(op.pop("login"), **op)
    elif name == "rename_repo":
        data.rename_repo(op["old"], op["new"])
    elif name == "delete_repo":
        data.delete_repo(op["repo"])
    elif name == "dmca_repo":
        data.dmca_repo(op["repo"])
    else:
        data.add_pull(op.pop("repo"), op.pop("number", None), **op)


_LIMIT_KEYS = {"reset_all", "resource", "authenticated", "limit", "remaining", "reset"}


def _limits(server: FakeGitHub, payload: dict[str, Any]) -> None:
    unknown = set(payload) - _SETTINGS - _LIMIT_KEYS
    if unknown:
        raise KeyError(f"unknown limit setting(s): {sorted(unknown)}")
    limits = server.limits
    if payload.get("reset_all"):
        limits.reset_all()
    for key in _SETTINGS & set(payload):
        value = payload[key]
        # retry_after: null leaves Retry-After out of secondary-limit answers
        setattr(limits, key, None if key == "retry_after" and value is None else int(value))
    resource = payload.get("resource")
    if resource is not None:
        auth = bool(payload.get("authenticated", True))
        if "limit" in payload:
            limits.set_limit(resource, int(payload["limit"]), authenticated=auth)
        if "remaining" in payload:
            limits.set_remaining(resource, int(payload["remaining"]), authenticated=auth)
        if "reset" in payload:
            limits.set_reset(resource, float(payload["reset"]), authenticated=auth)
