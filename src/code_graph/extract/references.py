"""Uses of names: calls, `new`, heritage clauses, type references, `typeof` and JSX elements.

Each reference is attributed to the innermost enclosing symbol through `Enclosing`, a
bisect over byte offsets, so the work is proportional to the captured nodes.

Receivers are named as model.Reference describes: a name chain (`a.b`, `this.x`, `super`),
an instance of a type (`^T` for `new T().m()` and `(x as T).m()`), or `?` for anything
else (`f().m()`, `a[0].m()`). Value references whose first name is a local (a parameter or
a block variable, see scopes.Locals) do not name anything outside: a bare one is dropped, a
qualified one is rewritten to the local's declared type (`x.m()` with `x: T` -> `^T`), to its
call site when it is a callback's unannotated parameter (`f((x) => x.m())` -> `&f(0,0)`) or
to `?` when the local has none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Set as AbstractSet

from code_graph.extract.grammar import Captures, Node
from code_graph.extract.imports import RequiredNames
from code_graph.extract.nesting import Enclosing
from code_graph.extract.scopes import Locals, TypeParameters
from code_graph.extract.source import Source
from code_graph.extract.syntax import instance_type, member_property, returned_by
from code_graph.extract.values import collect_value_uses
from code_graph.model import (
    ELEMENT,
    INSTANCE_PREFIX,
    PROPS,
    UNKNOWN_RECEIVER,
    Reference,
    ReferenceKind,
)

_QUALIFIER_LIMIT = 200  # longer receiver expressions are not read as one name chain
_RECEIVER_STEPS = 64  # members and wrappers followed down to a receiver's root
_NAME_CHAIN = re.compile(r"[\w$]+(?:\s*\??\.\s*#?[\w$]+)*")
_SPACELESS_NAME_CHAIN = re.compile(r"[\w$]+(?:\??\.#?[\w$]+)*")  # the common case: nothing to drop
_WHITESPACE = re.compile(r"\s+")
_SIMPLE_RECEIVERS = frozenset({"identifier", "this", "super"})
_RECEIVER_WRAPPERS = frozenset({"parenthesized_expression", "non_null_expression"})
_NOT_CALLS = frozenset({"require"})
_TYPE_NODES = frozenset({"type_identifier", "generic_type", "nested_type_identifier"})
_TYPE_DECLARATIONS = ("type.declared", "type.inferred", "type.mapped")
CONSTRUCTOR = "constructor"
_NAMED_CAPTURES = (
    ("reference.call", ReferenceKind.CALL),
    ("reference.new", ReferenceKind.NEW),
    ("reference.jsx", ReferenceKind.JSX),
)
_MEMBER_CAPTURES = (
    ("reference.member_call", ReferenceKind.CALL),
    ("reference.member_new", ReferenceKind.NEW),
    ("reference.member_jsx", ReferenceKind.JSX),
)


class _References:
    """Collects references; `names` is the hot loop, so it inlines what `add` does.

    While `locals` is set (value references), references whose first name is a local are
    dropped or requalified as they are added.
    """

    def __init__(self, source: Source, enclosing: Enclosing, locals_: Locals | None) -> None:
        self.source = source
        self.data = source.data
        self.ascii = source.is_ascii
        self.bounds = enclosing.bounds
        self.owners = enclosing.owners
        self.found: list[Reference] = []
        self.starts: list[int] = []  # each reference's start byte, which orders them
        self.locals = locals_

    def add(
        self,
        name: str,
        kind: ReferenceKind,
        at: Node,
        qualifier: str | None,
        *,
        known_receivers_only: bool = False,
    ) -> None:
        """Add a reference; with `known_receivers_only`, not when its receiver cannot be
        named (a member read on `f()` or an untyped local can never be linked)."""
        offset = at.start_byte
        locals_ = self.locals
        if locals_ is not None:
            head = name if qualifier is None else qualifier.partition(".")[0]
            if head in locals_.found:
                is_local, declared = locals_.find(head, offset)
                if is_local:
                    if qualifier is None:
                        return  # a local's own name: not a reference to anything outside
                    if declared is None:
                        qualifier = UNKNOWN_RECEIVER
                    else:
                        qualifier = declared + qualifier[len(head) :]
        if known_receivers_only and qualifier is not None and qualifier[0] == UNKNOWN_RECEIVER:
            return
        row, byte_column = at.start_point
        index = bisect_right(self.bounds, offset) - 1
        owner = self.owners[index] if index >= 0 else None
        column = byte_column + 1 if self.ascii else self.source.column(offset, byte_column)
        self.found.append(Reference(name, kind, row + 1, column, qualifier, owner))
        self.starts.append(offset)

    def names(
        self,
        nodes: list[Node],
        kind: ReferenceKind,
        skip: AbstractSet[int] = frozenset(),
        excluded: AbstractSet[str] = frozenset(),
        parameters: TypeParameters | None = None,
    ) -> None:
        """Nodes whose text is the referenced name (the hot loop: `add` inlined)."""
        data, bounds, owners, found = self.data, self.bounds, self.owners, self.found
        starts = self.starts
        ascii_columns, column_of = self.ascii, self.source.column
        locals_ = self.locals
        local_names = {} if locals_ is None else locals_.found
        scopes = {} if parameters is None else parameters.scopes
        for node in nodes:
            start = node.start_byte
            if start in skip:
                continue
            name = data[start : node.end_byte].decode("utf-8", "replace")
            if name in excluded or (name in scopes and scopes[name].find(start) >= 0):
                continue
            if name in local_names and locals_ is not None and locals_.is_local(name, start):
                continue  # a local's own name
            row, byte_column = node.start_point
            index = bisect_right(bounds, start) - 1
            column = byte_column + 1 if ascii_columns else column_of(start, byte_column)
            owner = owners[index] if index >= 0 else None
            found.append(Reference(name, kind, row + 1, column, None, owner))
            starts.append(start)

    def in_order(self) -> list[Reference]:
        """The references in source order: by start byte, which orders them as their line and
        column do (sorting ints is cheaper than sorting (line, column) pairs)."""
        found = self.found
        return [found[index] for index in sorted(range(len(found)), key=self.starts.__getitem__)]

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def qualifier(self, receiver: Node | None) -> str | None:
        """How a receiver is named: `a.b` for `a.b.c()`, `this`, `super`, `^T` for an
        instance of T (`new T().m()`, `(x as T).m()`), `^T.a` for `new T().a.m()`, `?` for
        a receiver that cannot be named (`f().m()`, `a[0].m()`); None without a receiver."""
        if receiver is None:
            return None
        kind = receiver.type
        if kind in _SIMPLE_RECEIVERS:
            return self.text(receiver)
        if kind == "member_expression" and (
            receiver.end_byte - receiver.start_byte <= _QUALIFIER_LIMIT
        ):
            text = self.text(receiver)
            if _SPACELESS_NAME_CHAIN.fullmatch(text) is not None:
                return text.replace("?.", ".")
            if _NAME_CHAIN.fullmatch(text) is not None:
                return _WHITESPACE.sub("", text).replace("?.", ".")
        return self.receiver_path(receiver)

    def receiver_path(self, node: Node) -> str:
        """`qualifier` for receivers that are not plain name chains: follows members and
        `(...)`/`!` wrappers down to the root expression (iteratively, bounded)."""
        members: list[str] = []
        for _ in range(_RECEIVER_STEPS):
            kind = node.type
            if kind == "member_expression":
                name = member_property(node)
                inner = node.child_by_field_name("object")
                if name is None or inner is None:
                    return UNKNOWN_RECEIVER
                members.append(self.text(name))
            elif kind in _RECEIVER_WRAPPERS and node.named_child_count:
                inner = node.named_children[0]
            elif kind == "subscript_expression":  # `xs[i].m()`: an element of xs
                inner = node.child_by_field_name("object")
                if inner is None:
                    return UNKNOWN_RECEIVER
                members.append(ELEMENT)
            else:
                break
            node = inner
        else:
            return UNKNOWN_RECEIVER
        if node.type in _SIMPLE_RECEIVERS:
            members.append(self.text(node))
        else:
            instance = instance_type(node, self.source)
            if instance is not None:
                members.append(INSTANCE_PREFIX + instance)
            else:  # `f().m()`: what f is declared to return, if it says
                returned = returned_by(node, self.source)
                if returned is None:
                    return UNKNOWN_RECEIVER
                members.append(returned)
        members.reverse()
        return ".".join(members)

    def member(self, node: Node, kind: ReferenceKind) -> None:
        """`a.b.c` as a callee, constructor or JSX name: name `c`, qualifier `a.b`."""
        name = member_property(node)
        if name is not None:
            qualifier = self.qualifier(node.child_by_field_name("object"))
            self.add(self.text(name), kind, name, qualifier)

    def named(self, node: Node, kind: ReferenceKind) -> None:
        """An identifier or a member expression naming something."""
        if node.type == "identifier":
            self.add(self.text(node), kind, node, None)
        elif node.type == "member_expression":
            self.member(node, kind)


def collect_references(
    captures: Captures,
    source: Source,
    enclosing: Enclosing,
    type_parameters: TypeParameters,
    required: RequiredNames,
    declared: AbstractSet[str],
) -> list[Reference]:
    """All references, in source order; `declared`: the names the file declares or imports."""
    found = _References(source, enclosing, Locals(captures, source, type_parameters, required))
    for capture, kind in _NAMED_CAPTURES:
        found.names(captures.get(capture, []), kind, excluded=_NOT_CALLS)
    for capture, kind in _MEMBER_CAPTURES:
        for node in captures.get(capture, ()):
            found.member(node, kind)
    for node in captures.get("reference.extends", ()):
        if node.type not in _TYPE_NODES:  # `class A extends B`: B is a value expression
            found.named(node, ReferenceKind.EXTENDS)
    for node in captures.get("reference.type_query", ()):
        _type_query(node, found)
    for node in captures.get("jsx.element", ()):
        _jsx_props(node, found)
    for node in captures.get("reference.super_call", ()):  # `super(...)`: the base's constructor
        found.add(CONSTRUCTOR, ReferenceKind.CALL, node, "super")
    used = set(found.starts)  # and `require`, which is an import, not a call
    used.update(node.start_byte for node in captures.get("reference.call", ()))
    collect_value_uses(captures, found, used, declared)
    found.locals = None  # type names are not hidden by value locals
    _types(captures, found, type_parameters)
    return found.in_order()


def _jsx_props(element: Node, found: _References) -> None:
    """`<Dialog title="x">`: the attribute is a use of the member `title` of Dialog's props
    (`Dialog.<>`, model.PROPS); lower-case (intrinsic) elements have none of ours."""
    name = element.child_by_field_name("name")
    if name is None or name.type not in ("identifier", "member_expression"):
        return
    chain = found.qualifier(name)
    if chain is None or chain[0] == UNKNOWN_RECEIVER or not chain[:1].isupper():
        return
    qualifier = f"{chain}.{PROPS}"
    for attribute in element.named_children:
        if attribute.type != "jsx_attribute" or not attribute.named_child_count:
            continue
        key = attribute.named_children[0]
        if key.type == "property_identifier":
            found.add(
                found.text(key), ReferenceKind.READ, key, qualifier, known_receivers_only=True
            )


def _type_query(node: Node, found: _References) -> None:
    """`typeof x` and `typeof ns.x` in a type (also `typeof f<T>`) refer to the value."""
    if node.type == "instantiation_expression":
        node = node.child_by_field_name("function") or node
    found.named(node, ReferenceKind.TYPE)


def _types(captures: Captures, found: _References, parameters: TypeParameters) -> None:
    """Heritage clauses of types first, then type names not already used by them or
    declared here (type parameters in scope are not references)."""
    skip = set(parameters.declared)
    for capture in _TYPE_DECLARATIONS:
        skip.update(node.start_byte for node in captures.get(capture, ()))
    for node in captures.get("reference.extends", ()):
        if node.type in _TYPE_NODES:
            _heritage(node, ReferenceKind.EXTENDS, found, skip)
    for node in captures.get("reference.implements", ()):
        _heritage(node, ReferenceKind.IMPLEMENTS, found, skip)
    for node in captures.get("reference.nested_type", ()):
        if node.start_byte not in skip:
            _nested_type(node, ReferenceKind.TYPE, found, skip)
    found.names(captures.get("reference.type", []), ReferenceKind.TYPE, skip, parameters=parameters)


def _heritage(node: Node, kind: ReferenceKind, found: _References, skip: set[int]) -> None:
    """`extends Base`, `extends ns.Base<T>`, `implements I`: type arguments stay TYPE refs."""
    if node.type == "generic_type":
        node = node.child_by_field_name("name") or node
    if node.type == "type_identifier":
        skip.add(node.start_byte)
        found.add(found.text(node), kind, node, None)
    elif node.type == "nested_type_identifier":
        _nested_type(node, kind, found, skip)
    else:
        found.named(node, kind)


def _nested_type(node: Node, kind: ReferenceKind, found: _References, skip: set[int]) -> None:
    name = node.child_by_field_name("name")
    if name is None:
        return
    skip.add(node.start_byte)
    skip.add(name.start_byte)
    module = node.child_by_field_name("module")
    found.add(found.text(name), kind, name, None if module is None else _dotted(module, found))


def _dotted(node: Node, found: _References) -> str | None:
    """The module path of a nested type name (`a.b` of `a.b.T`), without whitespace."""
    if node.type == "identifier":
        return found.text(node)
    if node.end_byte - node.start_byte > _QUALIFIER_LIMIT:
        return None
    text = found.text(node)
    return _WHITESPACE.sub("", text) if _NAME_CHAIN.fullmatch(text) else None
