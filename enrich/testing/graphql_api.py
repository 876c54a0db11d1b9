"""``POST /graphql``: decode the request, validate it against GitHub's schema, cost it.

Answers follow "Forming calls with GraphQL": an invalid query is HTTP 200 with ``errors``
and no ``data``; a missing object is ``null`` plus a ``NOT_FOUND`` error while the rest
resolves (see ``gql_exec``). Queries only: the fake refuses mutations.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import FragmentDefinitionNode, OperationDefinitionNode
from graphql.execution.values import get_variable_values

from enrich.testing.gql_cost import Cost, query_cost
from enrich.testing.gql_documents import prepare
from enrich.testing.gql_schema import format_error, github_schema

__all__ = ["Plan", "github_schema", "plan"]


@dataclass
class Plan:
    """A request ready to run: the operation, its fragments, coerced variables, its cost."""

    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    variables: dict[str, Any]
    """Coerced to the schema's types."""
    cost: Cost
    raw_variables: dict[str, Any]
    cache: dict[Any, Any] = field(default_factory=dict)
    """Shared by every request with this document (see ``gql_documents.Prepared``)."""
    strings: dict[int, str] = field(default_factory=dict)
    """This request's string literals, by the id of the shared document's nodes."""
    locate: Callable[[int], dict[str, int]] | None = None
    variable_values: Any = None
    """The variables as graphql-core's argument coercion wants them (3.2: a dict)."""


def plan(body: bytes, *, exact: bool = False) -> Plan | tuple[int, dict[str, Any]]:
    """Decode, validate and cost a request body; an early answer (status, JSON) on error.

    ``exact``: no shape cache (see ``gql_documents.prepare``).
    """
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        return 400, {
            "message": "Problems parsing JSON",
            "documentation_url": "https://docs.github.com/graphql",
        }
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        message = "A query attribute must be specified and must be a string."
        return 200, {"errors": [{"message": message}]}
    bound = prepare(payload["query"], exact=exact)
    prepared = bound.prepared
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
    if not isinstance(raw_vars, dict):
        return 200, {"errors": [{"message": "Variables must be an object."}]}
    coerced = get_variable_values(github_schema(), operation.variable_definitions or (), raw_vars)
    if isinstance(coerced, list):
        return 200, {"errors": [format_error(e) for e in coerced]}
    variables: dict[str, Any] = getattr(coerced, "coerced", coerced)  # type: ignore[arg-type]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    cost_key = ("cost", id(operation), json.dumps(raw_vars, sort_keys=True, default=str))
    cost = prepared.cache.get(cost_key)
    if cost is None:
        cost = query_cost(github_schema(), operation, fragments, variables)
        prepared.cache[cost_key] = cost
    if cost.errors:
        return 200, {"errors": cost.errors}
    return Plan(
        operation,
        fragments,
        variables,
        cost,
        raw_vars,
        prepared.cache,
        bound.strings,
        bound.locate,
        variable_values=coerced,  # complex arguments (objects, lists) may hold variables too
    )
