"""Execute a planned GraphQL operation over the resolver objects of ``gql_nodes``."""

from __future__ import annotations

from typing import Any

from graphql import DocumentNode
from graphql import execute as graphql_execute

from enrich.testing.graphql_api import Plan, format_error, github_schema


def execute(plan: Plan, root: Any) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """``(data, errors)`` of ``plan`` run from ``root`` (the ``Query`` object)."""
    document = DocumentNode(definitions=(plan.operation, *plan.fragments.values()))
    result = graphql_execute(
        github_schema(), document, root_value=root, variable_values=plan.raw_variables
    )
    if hasattr(result, "__await__"):  # pragma: no cover - resolvers are synchronous
        raise TypeError("asynchronous resolvers are not supported")
    return result.data, [format_error(e) for e in result.errors or []]
