"""``POST /graphql``: GitHub's schema, validation, cost, and execution over the fake's data.

The schema is GitHub's public one (``data/schema.docs.graphql``, from octokit/graphql-schema,
MIT, see ``data/LICENSE-octokit-graphql-schema``), built once per process. Documents are
parsed and validated once per query text (an LRU cache), since a 100-alias query takes
graphql-core a good fraction of a second to validate. Answers follow "Forming calls with
GraphQL": an invalid query is HTTP 200 with ``errors`` and no ``data``; a missing object is
``null`` plus a ``NOT_FOUND`` error while the rest resolves.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    build_schema,
    parse,
    validate,
)
from graphql.execution.values import get_variable_values

from enrich.testing.gql_cost import Cost, query_cost

SCHEMA_FILE = "schema.docs.graphql"
_CACHE_SIZE = 512


@cache
def github_schema() -> GraphQLSchema:
    """GitHub's public GraphQL schema, built with graphql-core (cached for the process)."""
    text = files("enrich.testing").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")
    return build_schema(text, assume_valid_sdl=True)


@dataclass(frozen=True)
class Prepared:
    """A parsed document and its validation errors (empty when valid)."""

    document: DocumentNode | None
    errors: tuple[dict[str, Any], ...]


_documents: OrderedDict[str, Prepared] = OrderedDict()
_documents_lock = threading.Lock()


def prepare(query: str) -> Prepared:
    """Parse and validate ``query`` against GitHub's schema, once per distinct text."""
    with _documents_lock:
        found = _documents.get(query)
        if found is not None:
            _documents.move_to_end(query)
            return found
    try:
        document = parse(query, no_location=False)
    except GraphQLError as exc:
        prepared = Prepared(None, (format_error(exc),))
    else:
        errors = validate(github_schema(), document)
        prepared = Prepared(document, tuple(format_error(e) for e in errors))
    with _documents_lock:
        _documents[query] = prepared
        while len(_documents) > _CACHE_SIZE:
            _documents.popitem(last=False)
    return prepared


def format_error(error: GraphQLError) -> dict[str, Any]:
    """GitHub's error shape: ``type`` (when known), ``path``, ``locations``, ``message``."""
    out: dict[str, Any] = {}
    original = error.original_error
    kind = getattr(original, "error_type", None)
    if kind is not None:
        out["type"] = kind
    if error.path is not None:
        out["path"] = list(error.path)
    if error.locations:
        out["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    out["message"] = error.message
    return out


@dataclass
class Plan:
    """A request ready to run: the operation, its fragments, coerced variables, its cost."""

    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    variables: dict[str, Any]
    """Coerced to the schema's types."""
    cost: Cost
    raw_variables: dict[str, Any]


def plan(body: bytes) -> Plan | tuple[int, dict[str, Any]]:
    """Decode, validate and cost a request body; an early answer (status, JSON) on error."""
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        return 400, {
            "message": "Problems parsing JSON",
            "documentation_url": "https://docs.github.com/graphql",
        }
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return 200, {
            "errors": [{"message": "A query attribute must be specified and must be a string."}]
        }
    prepared = prepare(payload["query"])
    if prepared.errors or prepared.document is None:
        return 200, {"errors": list(prepared.errors)}
    document = prepared.document
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    name = payload.get("operationName")
    chosen = [o for o in operations if name is None or (o.name and o.name.value == name)]
    if len(chosen) != 1:
        message = (
            f'Unknown operation named "{name}".'
            if name
            else "An operation name is required when the document has several operations."
        )
        return 200, {"errors": [{"message": message}]}
    operation = chosen[0]
    if operation.operation.value != "query":
        return 200, {
            "errors": [{"type": "FORBIDDEN", "message": "The fake GitHub answers queries only."}]
        }
    raw_vars = payload.get("variables") or {}
    coerced = get_variable_values(github_schema(), operation.variable_definitions or (), raw_vars)
    if isinstance(coerced, list):
        return 200, {"errors": [format_error(e) for e in coerced]}
    variables: dict[str, Any] = getattr(coerced, "coerced", coerced)  # type: ignore[arg-type]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    cost = query_cost(github_schema(), operation, fragments, variables)
    if cost.errors:
        return 200, {"errors": cost.errors}
    return Plan(operation, fragments, variables, cost, raw_vars)
