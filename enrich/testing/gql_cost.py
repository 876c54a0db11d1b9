"""GraphQL cost and node limits, as "Rate limits and node limits for the GraphQL API" documents.

Every connection in a query (a field returning a ``...Connection`` type, ``search`` included)
is one request per parent object: a connection under another with ``first: 50`` counts 50
times. The cost is the number of requests divided by 100, rounded, at least 1. ``first`` or
``last`` must lie in 1..100 and is required when the connection lists ``nodes``/``edges``;
a query may reach at most 500,000 nodes. Breaking a rule is an error, as on GitHub.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast,
)
from graphql.type import GraphQLInt

MAX_NODES = 500_000


@dataclass
class Cost:
    requests: int = 0
    nodes: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def points(self) -> int:
        return max(1, round(self.requests / 100))


def query_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
) -> Cost:
    """The cost of one (validated) operation with these variables."""
    cost = Cost()
    root = schema.query_type if operation.operation.value == "query" else schema.mutation_type
    if root is not None:
        _walk(schema, root, operation.selection_set, fragments, variables, 1, cost, set())
    if cost.nodes > MAX_NODES and not cost.errors:
        cost.errors.append(
            {
                "type": "MAX_NODE_LIMIT_EXCEEDED",
                "message": f"This query requests up to {cost.nodes:,} possible nodes which exceeds "
                f"the maximum limit of {MAX_NODES:,}.",
            }
        )
    return cost


def _walk(
    schema: GraphQLSchema,
    parent: Any,
    selections: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
    multiplier: int,
    cost: Cost,
    seen: set[str],
) -> None:
    for sel in selections.selections:
        if isinstance(sel, InlineFragmentNode):
            cond = schema.get_type(sel.type_condition.name.value) if sel.type_condition else parent
            _walk(schema, cond, sel.selection_set, fragments, variables, multiplier, cost, seen)
        elif isinstance(sel, FragmentSpreadNode):
            frag = fragments.get(sel.name.value)
            if frag is not None and sel.name.value not in seen:
                cond = schema.get_type(frag.type_condition.name.value)
                _walk(
                    schema,
                    cond,
                    frag.selection_set,
                    fragments,
                    variables,
                    multiplier,
                    cost,
                    seen | {sel.name.value},
                )
        elif isinstance(sel, FieldNode) and sel.selection_set is not None:
            fields = getattr(parent, "fields", {})
            definition = fields.get(sel.name.value)
            if definition is None:
                continue
            child = get_named_type(definition.type)
            inner = multiplier
            if child.name.endswith("Connection") and "first" in definition.args:
                size = _page_size(sel, variables, cost)
                cost.requests += multiplier
                cost.nodes += multiplier * size
                inner = multiplier * size
            if isinstance(child, GraphQLObjectType) or hasattr(child, "fields"):
                _walk(schema, child, sel.selection_set, fragments, variables, inner, cost, seen)


def _page_size(node: FieldNode, variables: dict[str, Any], cost: Cost) -> int:
    """``first``/``last`` of a connection field, checking GitHub's pagination rules."""
    values: dict[str, Any] = {}
    for arg in node.arguments or ():
        if arg.name.value in ("first", "last"):
            values[arg.name.value] = value_from_ast(arg.value, GraphQLInt, variables)
    name = node.name.value
    size = next((v for v in values.values() if v is not None), None)
    lists_nodes = any(
        isinstance(s, FieldNode) and s.name.value in ("nodes", "edges")
        for s in node.selection_set.selections  # type: ignore[union-attr]
    )
    if size is None:
        if lists_nodes:
            cost.errors.append(
                {
                    "type": "MISSING_PAGINATION_BOUNDARIES",
                    "path": [name],
                    "message": f"You must provide a `first` or `last` value to properly paginate "
                    f"the `{name}` connection.",
                }
            )
        return 1
    for which, value in values.items():
        if value is not None and not 0 <= value <= 100:
            cost.errors.append(
                {
                    "type": "EXCESSIVE_PAGINATION",
                    "path": [name],
                    "message": f"Requesting {value} records on the `{name}` connection exceeds the "
                    f"`{which}` limit of 100 records.",
                }
            )
    return max(1, int(size))
