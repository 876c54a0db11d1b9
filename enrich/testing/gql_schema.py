"""GitHub's public GraphQL schema, and GitHub's shape for GraphQL errors.

The schema is ``data/schema.docs.graphql`` from octokit/graphql-schema (MIT, see
``data/LICENSE-octokit-graphql-schema``; its two edits are described in docs/fake-github.md),
built with graphql-core once per process (about two seconds).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from graphql import GraphQLError, GraphQLSchema, build_schema

SCHEMA_FILE = "schema.docs.graphql"


@cache
def github_schema() -> GraphQLSchema:
    """GitHub's public GraphQL schema, built with graphql-core (cached for the process)."""
    text = files("enrich.testing").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")
    return build_schema(text, assume_valid_sdl=True)


def format_error(error: GraphQLError) -> dict[str, Any]:
    """GitHub's error shape: ``type`` (when known), ``path``, ``locations``, ``message``."""
    out: dict[str, Any] = {}
    kind = getattr(error.original_error, "error_type", None)
    if kind is not None:
        out["type"] = kind
    if error.path is not None:
        out["path"] = list(error.path)
    if error.locations:
        out["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    out["message"] = error.message
    return out
