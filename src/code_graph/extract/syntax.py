"""Small questions about syntax nodes shared by the extractors (no tree walks)."""

from __future__ import annotations

import re

from code_graph.extract.grammar import Node
from code_graph.extract.source import Source
from code_graph.model import ARRAY_SUFFIX, ELEMENT, RETURNED, THIS_TYPE

FUNCTION_VALUES = frozenset({"arrow_function", "function_expression", "generator_function"})
_WRAPPERS = frozenset({"memo", "forwardRef", "React.memo", "React.forwardRef"})
_TRANSPARENT = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"}
)
_PATTERN_CONTAINERS = frozenset({"object_pattern", "array_pattern", "rest_pattern"})
_NAMED_PATTERN_LEAVES = frozenset({"identifier", "shorthand_property_identifier_pattern"})
_TYPE_WRAPPERS = frozenset({"type_annotation", "parenthesized_type"})
_TYPE_CASTS = frozenset({"as_expression", "satisfies_expression"})
_PROMISES = frozenset({"Promise", "PromiseLike"})
_ARRAYS = frozenset({"Array", "ReadonlyArray"})
# Utility types whose members are (some of) their first argument's: `Readonly<AppState>`,
# `Pick<AppState, "a" | "b">`.
_SAME_MEMBERS = frozenset({"Readonly", "Partial", "Required", "Pick", "Omit", "NonNullable"})
_AWAITED = frozenset({"parenthesized_expression", "await_expression", "non_null_expression"})
_CHAIN_STEPS = 16  # members, calls and elements followed down to a receiver chain's head
_NULLISH = frozenset({b"null", b"undefined"})
_NULLISH_LENGTH = len(b"undefined")
_UNION_MEMBERS_LIMIT = 8  # union members looked at for `T | null | undefined`
_TYPE_STEPS_LIMIT = 8  # wrappers looked through for a type name
_NOT_PARAMETERS = frozenset({"comment"})
_DOTTED_NAME = re.compile(r"[\w$]+(?:\s*\.\s*[\w$]+)*")
_DOTTED_NAME_LIMIT = 200  # bytes; longer expressions are not plain dotted names
_WHITESPACE = re.compile(r"\s+")


_MEMBER_NAMES = frozenset({"property_identifier", "private_property_identifier"})


def member_property(member: Node) -> Node | None:
    """The property name of a member expression `a.b` (`b`), or None (`a[b]`).

    Read as its last child: tree-sitter-typescript 0.23 answers the `property` field of
    `a.b.c` inside `typeof` with the inner `b`.
    """
    last = member.child(member.child_count - 1) if member.child_count else None
    return last if last is not None and last.type in _MEMBER_NAMES else None


def has_token(node: Node, token: str) -> bool:
    """Whether one of the node's direct children is the keyword or punctuation `token`."""
    for child in node.children:  # noqa: SIM110 (a loop costs half of any() over a generator)
        if child.type == token:
            return True
    return False


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
    kind = node.type
    if kind == "string":
        return string_value(node, source)
    if kind == "computed_property_name":
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
        if callee is None or source.text(callee) not in _WRAPPERS:
            return None
        arguments = node.child_by_field_name("arguments")
        if arguments is None or arguments.named_child_count == 0:
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


def declarators(declaration: Node) -> list[Node]:
    """The `variable_declarator` children of a `const/let/var` declaration."""
    return [child for child in declaration.named_children if child.type == "variable_declarator"]


def _field(node: Node, name: str) -> list[Node]:
    child = node.child_by_field_name(name)
    return [] if child is None else [child]


def dotted_name(node: Node, source: Source) -> str | None:
    """`a.b.c` without whitespace for a plain dotted name (identifiers and dots), else None."""
    if node.end_byte - node.start_byte > _DOTTED_NAME_LIMIT:
        return None
    text = source.text(node)
    if _DOTTED_NAME.fullmatch(text) is None:
        return None
    return _WHITESPACE.sub("", text)


def simple_type(node: Node | None, source: Source) -> str | None:
    """The type a type annotation names when it is a plain type reference: `T`, `ns.T`,
    `T<U>` (-> `T`), `(T)`, `T | undefined`, `T | null`; None for anything else (arrays,
    predefined types, literal, function and object types, unions of several types)."""
    node = _unwrapped(node, source)
    if node is None:
        return None
    kind = node.type
    if kind == "generic_type":
        node = node.child_by_field_name("name")
        if node is None:
            return None
        kind = node.type
    if kind == "type_identifier":
        return source.text(node)
    if kind == "nested_type_identifier":
        return dotted_name(node, source)
    return None


def declared_type_name(node: Node | None, source: Source) -> str | None:
    """`simple_type`, or `T[]` for an array of one (`T[]`, `readonly T[]`, `Array<T>`,
    `ReadonlyArray<T>`; model.ELEMENT)."""
    node = _unwrapped(node, source)
    if node is not None and node.type == "readonly_type" and node.named_child_count:
        node = node.named_children[0]
    if node is None:
        return None
    if node.type == "array_type" and node.named_child_count:
        element = simple_type(node.named_children[0], source)
    elif node.type == "generic_type":
        element = _sole_argument(node, source, _ARRAYS)
        if element is None:
            return _first_argument(node, source, _SAME_MEMBERS) or simple_type(node, source)
    else:
        return simple_type(node, source)
    return None if element is None else element + ARRAY_SUFFIX


def _sole_argument(node: Node, source: Source, generics: frozenset[str]) -> str | None:
    """`T` of `G<T>` for a generic G of `generics`, when T is a plain type reference."""
    if node.type != "generic_type":
        return None
    name = node.child_by_field_name("name")
    arguments = node.child_by_field_name("type_arguments")
    if name is None or source.text(name) not in generics:
        return None
    if arguments is None or arguments.named_child_count != 1:
        return None
    return simple_type(arguments.named_children[0], source)


def _first_argument(node: Node, source: Source, generics: frozenset[str]) -> str | None:
    """`T` of `G<T, ...>` for a generic G of `generics`, when T is a plain type reference."""
    name = node.child_by_field_name("name")
    arguments = node.child_by_field_name("type_arguments")
    if name is None or source.text(name) not in generics:
        return None
    if arguments is None or not arguments.named_child_count:
        return None
    return simple_type(arguments.named_children[0], source)


def return_type(function: Node, source: Source) -> str | None:
    """The type a function is declared to return (see `declared_type_name`); for
    `Promise<T>` (an async function's), `T`: only an awaited result can be used for T's
    members."""
    annotation = _unwrapped(function.child_by_field_name("return_type"), source)
    if annotation is not None and annotation.type == "generic_type":
        name = annotation.child_by_field_name("name")
        arguments = annotation.child_by_field_name("type_arguments")
        if (
            name is not None
            and source.text(name) in _PROMISES
            and arguments is not None
            and arguments.named_child_count == 1
        ):
            return declared_type_name(arguments.named_children[0], source)
    if annotation is not None and annotation.type == "this_type":
        return THIS_TYPE  # `fork(): this`: an instance of the method's class
    return declared_type_name(annotation, source)


def function_type(node: Node | None, source: Source) -> Node | None:
    """The `function_type` a type annotation is: `(a: A) => R`, also in parentheses or in a
    union with `null`/`undefined` (an optional callback); None for anything else."""
    node = _unwrapped(node, source)
    return node if node is not None and node.type == "function_type" else None


def _unwrapped(node: Node | None, source: Source) -> Node | None:
    """`node` without annotation colons, parentheses and `| null`/`| undefined` around it
    (at most a few layers: None beyond that, or for a union of several real types)."""
    for _ in range(_TYPE_STEPS_LIMIT):
        if node is None:
            return None
        kind = node.type
        if kind in _TYPE_WRAPPERS:
            node = node.named_children[0] if node.named_child_count else None
        elif kind == "union_type":
            node = _sole_non_nullish_member(node, source)
        else:
            return node
    return None


def positional_parameters(parameters: Node) -> list[Node]:
    """The parameters of a `formal_parameters` node that arguments are passed to, in order:
    without comments and a leading TypeScript `this:` parameter, up to a rest parameter."""
    found: list[Node] = []
    for parameter in parameters.named_children:
        kind = parameter.type
        if kind in _NOT_PARAMETERS:
            continue
        pattern = parameter.child_by_field_name("pattern") if kind != "identifier" else None
        pattern_kind = pattern.type if pattern is not None else kind
        if pattern_kind == "rest_pattern":
            break
        if pattern_kind == "this" and not found:
            continue
        found.append(parameter)
    return found


def _sole_non_nullish_member(union: Node, source: Source) -> Node | None:
    """The only member of a union that is not `null` or `undefined`, if there is one."""
    members: list[Node] = []
    stack = [union]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > _UNION_MEMBERS_LIMIT:
            return None
        start, end = node.start_byte, node.end_byte
        if node.type == "union_type":
            stack.extend(node.named_children)
        elif end - start > _NULLISH_LENGTH or source.data[start:end] not in _NULLISH:
            members.append(node)
    return members[0] if len(members) == 1 else None


def returned_by(value: Node, source: Source) -> str | None:
    """`f.()` for `f(...)`, `ns.f.()` / `this.m.()` for `ns.f(...)` / `this.m(...)`, also
    awaited or in parentheses: the declared return type of the callee (model.RETURNED),
    when the callee is a chain `value_chain` names; None otherwise."""
    value = _unawaited(value)
    if value.type != "call_expression":
        return None
    return value_chain(value, source)


def value_chain(node: Node, source: Source) -> str | None:
    """A receiver as a qualifier: `a.b` for `a.b`, `f.().x` for `f().x`, `xs.[]` for
    `xs[i]`, `this.m.()` for `await this.m()`; None for anything else (literals, `new`,
    operators) or a chain longer than the steps followed."""
    parts: list[str] = []
    for _ in range(_CHAIN_STEPS):
        node = _unawaited(node)
        kind = node.type
        if kind in ("identifier", "this"):
            parts.append(source.text(node))
            return ".".join(reversed(parts))
        inner: Node | None
        if kind == "member_expression":
            name = node.child_by_field_name("property")
            if name is None or name.type not in _MEMBER_NAMES:
                return None
            parts.append(source.text(name))
            inner = node.child_by_field_name("object")
        elif kind == "call_expression":
            parts.append(RETURNED)
            inner = node.child_by_field_name("function")
        elif kind == "subscript_expression":
            parts.append(ELEMENT)
            inner = node.child_by_field_name("object")
        else:
            return None
        if inner is None:
            return None
        node = inner
    return None


def _unawaited(value: Node) -> Node:
    """`value` without `await`, parentheses and `!` around it (a few layers at most)."""
    for _ in range(_TYPE_STEPS_LIMIT):
        if value.type not in _AWAITED or not value.named_child_count:
            break
        value = value.named_children[0]
    return value


def instance_type(value: Node, source: Source) -> str | None:
    """The type an expression is declared to be an instance of: `T` for `new T(...)` (also
    `new ns.T<U>()` -> `ns.T`), `x as T`, `x satisfies T` and `<T>x`; None otherwise."""
    while value.type == "parenthesized_expression" and value.named_child_count:
        value = value.named_children[0]
    kind = value.type
    if kind == "new_expression":
        constructor = value.child_by_field_name("constructor")
        if constructor is None:
            return None
        if constructor.type == "identifier":
            return source.text(constructor)
        if constructor.type == "member_expression":
            return dotted_name(constructor, source)
        return None
    if kind in _TYPE_CASTS and value.named_child_count >= 2:
        return simple_type(value.named_children[-1], source)
    if kind == "type_assertion" and value.named_child_count:
        arguments = value.named_children[0]  # `<T>x`: the type is in type_arguments
        if arguments.type == "type_arguments" and arguments.named_child_count:
            return simple_type(arguments.named_children[0], source)
    return None
