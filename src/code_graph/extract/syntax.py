"""Small questions about syntax nodes shared by the extractors (no tree walks)."""

from __future__ import annotations

from collections.abc import Iterator

from code_graph.extract.grammar import Node
from code_graph.extract.source import Source

FUNCTION_VALUES = frozenset({"arrow_function", "function_expression", "generator_function"})
_WRAPPERS = frozenset({"memo", "forwardRef", "React.memo", "React.forwardRef"})
_TRANSPARENT = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"}
)
_PATTERN_CONTAINERS = frozenset({"object_pattern", "array_pattern", "rest_pattern"})
_NAMED_PATTERN_LEAVES = frozenset({"identifier", "shorthand_property_identifier_pattern"})


def has_token(node: Node, token: str) -> bool:
    """Whether one of the node's direct children is the keyword or punctuation `token`."""
    return any(child.type == token for child in node.children)


def first_child_of_type(node: Node, kind: str) -> Node | None:
    """The node's first named child of the given type."""
    for child in node.named_children:
        if child.type == kind:
            return child
    return None


def string_value(node: Node, source: Source) -> str:
    """The content of a string or template literal, without its quotes (escapes kept)."""
    return source.text(node)[1:-1]


def property_name(node: Node, source: Source) -> str:
    """The name of a property key: identifiers and numbers as written, strings unquoted."""
    if node.type == "string":
        return string_value(node, source)
    if node.type == "computed_property_name":
        return " ".join(source.text(node).split())
    return source.text(node)


def unwrap_value(node: Node) -> Node:
    """Look through parentheses and `as`/`satisfies`/`!` wrappers around an expression."""
    while node.type in _TRANSPARENT and node.named_child_count:
        node = node.named_children[0]
    return node


def wrapped_function(node: Node, source: Source) -> Node | None:
    """The function inside `memo(...)`/`forwardRef(...)` (possibly nested), else None."""
    depth = 0
    while node.type == "call_expression" and depth < 4:
        callee = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if callee is None or arguments is None or arguments.named_child_count == 0:
            return None
        if source.text(callee) not in _WRAPPERS:
            return None
        node = unwrap_value(arguments.named_children[0])
        depth += 1
    return node if depth and node.type in FUNCTION_VALUES else None


def bound_names(pattern: Node) -> list[Node]:
    """The identifier nodes a binding name or destructuring pattern declares, in order."""
    found: list[Node] = []
    stack = [pattern]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in _NAMED_PATTERN_LEAVES:
            found.append(node)
        elif kind in _PATTERN_CONTAINERS:
            stack.extend(reversed(node.named_children))
        elif kind == "pair_pattern":
            stack.extend(_field(node, "value"))
        elif kind in ("object_assignment_pattern", "assignment_pattern"):
            stack.extend(_field(node, "left"))
    return found


def declarators(declaration: Node) -> Iterator[Node]:
    """The `variable_declarator` children of a `const/let/var` declaration."""
    return (child for child in declaration.named_children if child.type == "variable_declarator")


def _field(node: Node, name: str) -> list[Node]:
    child = node.child_by_field_name(name)
    return [] if child is None else [child]
