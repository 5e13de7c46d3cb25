"""Static query cost: reject an operation whose worst case would be too expensive.

Scalars cost 0, objects 1, and a list or connection field multiplies the cost of what it
selects by its ``first`` argument (the page size limit when it is not a literal), Shopify-style.
Validation rules cannot see variables, so a variable ``first`` is charged at the maximum.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)

MAX_COST = 1000
MAX_PAGE = 100
DEFAULT_PAGE = 20
MAX_DEPTH = 8
MAX_ALIASES = 15
MAX_TOKENS = 1000


class QueryCostRule(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        cost = self._selection_cost(node.selection_set, set(), root=True)
        if node.operation.value == "mutation":
            cost += 10
        if cost > MAX_COST:
            self.report_error(
                GraphQLError(
                    f"Query cost {cost} exceeds the maximum of {MAX_COST}; ask for fewer items.",
                    node,
                    extensions={"code": "BAD_REQUEST"},
                )
            )

    def _selection_cost(
        self, selection_set: SelectionSetNode | None, seen: set[str], *, root: bool = False
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field_cost(selection, seen, root=root)
            elif isinstance(selection, InlineFragmentNode):
                total += self._selection_cost(selection.selection_set, seen, root=root)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.context.get_fragment(name)
                if fragment is not None and name not in seen:
                    total += self._selection_cost(fragment.selection_set, seen | {name}, root=root)
        return total

    def _field_cost(self, field: FieldNode, seen: set[str], *, root: bool) -> int:
        surcharge = EXPENSIVE_FIELDS.get(field.name.value, 0)
        if field.selection_set is None:
            return surcharge
        children = self._selection_cost(field.selection_set, seen)
        page = self._page_size(field, root=root)
        if page is None:
            return 1 + surcharge + children
        return 2 + surcharge + page * children

    @staticmethod
    def _page_size(field: FieldNode, *, root: bool) -> int | None:
        for argument in field.arguments or ():
            if argument.name.value in ("first", "last"):
                if isinstance(argument.value, IntValueNode):
                    return max(0, min(int(argument.value.value), MAX_PAGE))
                return MAX_PAGE
        name = field.name.value
        if (root and name in ROOT_CONNECTIONS) or name in NESTED_CONNECTIONS:
            return DEFAULT_PAGE
        return None


# Root connection fields whose page size defaults to DEFAULT_PAGE when no ``first`` is given.
ROOT_CONNECTIONS = frozenset({"schools", "partnerships", "reviews"})
# Fields that compute over a whole year's national data: fine for one school, not for a page.
EXPENSIVE_FIELDS = {"similarSchools": 450, "comparison": 450, "statistics": 450}
# Connection fields on other types, charged the same way wherever they appear.
NESTED_CONNECTIONS = frozenset({"evidence"})


class LoneSensitiveFieldRule(ValidationRule):
    """``login`` must be the only root field and carry no alias, so one request is one attempt."""

    SENSITIVE = frozenset({"login"})

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        fields = [s for s in node.selection_set.selections if isinstance(s, FieldNode)]
        names = {f.name.value for f in fields}
        if not names & self.SENSITIVE:
            return
        if len(node.selection_set.selections) > 1 or any(f.alias for f in fields):
            self.report_error(
                GraphQLError(
                    "login must be the only field of its operation, without an alias.",
                    node,
                    extensions={"code": "BAD_REQUEST"},
                )
            )
