"""Uses of names: calls, `new`, heritage clauses, type references and JSX elements.

Each reference is attributed to the innermost enclosing symbol through `Enclosing`, a
bisect over byte offsets, so the work is proportional to the captured nodes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Set as AbstractSet
from operator import attrgetter

from code_graph.extract.grammar import Captures, Node
from code_graph.extract.nesting import Enclosing
from code_graph.extract.source import Source
from code_graph.model import Reference, ReferenceKind

_QUALIFIER_LIMIT = 200  # longer receiver expressions are not simple name chains
_NAME_CHAIN = re.compile(r"[\w$]+(?:\s*\??\.\s*#?[\w$]+)*")
_WHITESPACE = re.compile(r"\s+")
_SIMPLE_RECEIVERS = frozenset({"identifier", "this", "super"})
_NOT_CALLS = frozenset({"require"})
_TYPE_DECLARATIONS = ("type.declared", "type.parameter", "type.inferred", "type.mapped")
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
_POSITION = attrgetter("line", "column")
_INFER_SCOPE_SEARCH = 32  # ancestors searched for the conditional type of an `infer`


class _References:
    """Collects references; `names` is the hot loop, so it inlines what `add` does."""

    def __init__(self, source: Source, enclosing: Enclosing) -> None:
        self.source = source
        self.data = source.data
        self.ascii = source.is_ascii
        self.bounds = enclosing.bounds
        self.owners = enclosing.owners
        self.found: list[Reference] = []

    def add(self, name: str, kind: ReferenceKind, at: Node, qualifier: str | None) -> None:
        row, byte_column = at.start_point
        offset = at.start_byte
        index = bisect_right(self.bounds, offset) - 1
        owner = self.owners[index] if index >= 0 else None
        column = byte_column + 1 if self.ascii else self.source.column(offset, byte_column)
        self.found.append(Reference(name, kind, row + 1, column, qualifier, owner))

    def names(
        self,
        nodes: list[Node],
        kind: ReferenceKind,
        skip: AbstractSet[int] = frozenset(),
        excluded: AbstractSet[str] = frozenset(),
        parameters: _TypeParameters | None = None,
    ) -> None:
        """Nodes whose text is the referenced name (the hot loop: `add` inlined)."""
        data, bounds, owners, found = self.data, self.bounds, self.owners, self.found
        ascii_columns, column_of = self.ascii, self.source.column
        scopes = {} if parameters is None else parameters.scopes
        for node in nodes:
            start = node.start_byte
            if start in skip:
                continue
            name = data[start : node.end_byte].decode("utf-8", "replace")
            if name in excluded or (name in scopes and scopes[name].contains(start)):
                continue
            row, byte_column = node.start_point
            index = bisect_right(bounds, start) - 1
            column = byte_column + 1 if ascii_columns else column_of(start, byte_column)
            owner = owners[index] if index >= 0 else None
            found.append(Reference(name, kind, row + 1, column, None, owner))

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def qualifier(self, receiver: Node | None) -> str | None:
        """`a.b` for `a.b.c()`, `this` for `this.m()`; None for other receivers."""
        if receiver is None:
            return None
        kind = receiver.type
        if kind in _SIMPLE_RECEIVERS:
            return self.text(receiver)
        if kind not in ("member_expression", "nested_identifier"):
            return None
        if receiver.end_byte - receiver.start_byte > _QUALIFIER_LIMIT:
            return None
        text = self.text(receiver)
        if _NAME_CHAIN.fullmatch(text) is None:
            return None
        return _WHITESPACE.sub("", text).replace("?.", ".")

    def member(self, node: Node, kind: ReferenceKind) -> None:
        """`a.b.c` as a callee, constructor or JSX name: name `c`, qualifier `a.b`."""
        name = node.child_by_field_name("property")
        if name is not None:
            qualifier = self.qualifier(node.child_by_field_name("object"))
            self.add(self.text(name), kind, name, qualifier)

    def named(self, node: Node, kind: ReferenceKind) -> None:
        """An identifier or a member expression naming something."""
        if node.type == "identifier":
            self.add(self.text(node), kind, node, None)
        elif node.type == "member_expression":
            self.member(node, kind)


def collect_references(captures: Captures, source: Source, enclosing: Enclosing) -> list[Reference]:
    """All references, in source order."""
    found = _References(source, enclosing)
    for capture, kind in _NAMED_CAPTURES:
        found.names(captures.get(capture, []), kind, excluded=_NOT_CALLS)
    for capture, kind in _MEMBER_CAPTURES:
        for node in captures.get(capture, ()):
            found.member(node, kind)
    _types(captures, found)
    found.found.sort(key=_POSITION)
    return found.found


def _types(captures: Captures, found: _References) -> None:
    """Heritage clauses first, then type names not already used by them or declared here."""
    skip: set[int] = set()
    for capture in _TYPE_DECLARATIONS:
        skip.update(node.start_byte for node in captures.get(capture, ()))
    for node in captures.get("reference.extends", ()):
        _heritage(node, ReferenceKind.EXTENDS, found, skip)
    for node in captures.get("reference.implements", ()):
        _heritage(node, ReferenceKind.IMPLEMENTS, found, skip)
    for node in captures.get("reference.nested_type", ()):
        if node.start_byte not in skip:
            _nested_type(node, ReferenceKind.TYPE, found, skip)
    parameters = _TypeParameters(captures, found.source)
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
    qualifier = found.qualifier(node.child_by_field_name("module"))
    found.add(found.text(name), kind, name, qualifier)


class _TypeParameters:
    """Where type parameters (`<T>`, `infer U`, `[K in ...]`) are in scope, by name.

    Scopes of one name nest or are disjoint; each keeps the index of the nearest earlier scope
    that contains it, so a lookup bisects once and then climbs outwards.
    """

    def __init__(self, captures: Captures, source: Source) -> None:
        ranges: dict[str, list[tuple[int, int]]] = {}
        for parameters in captures.get("type.parameters", ()):
            scope = parameters.parent  # the generic declaration, signature or type
            if scope is None:
                continue
            for parameter in parameters.named_children:
                name = parameter.child_by_field_name("name")
                if name is not None:
                    scoped = (scope.start_byte, scope.end_byte)
                    ranges.setdefault(source.text(name), []).append(scoped)
        for capture, find_scope in (
            # type_identifier < mapped_type_clause < index_signature < object_type
            ("type.mapped", _mapped_type),
            ("type.inferred", _conditional_type),
        ):
            for node in captures.get(capture, ()):
                scope = find_scope(node)
                if scope is not None:
                    ranges.setdefault(source.text(node), []).append(
                        (scope.start_byte, scope.end_byte)
                    )
        self.scopes = {name: _Scopes(spans) for name, spans in ranges.items()}


class _Scopes:
    """Nested-or-disjoint byte ranges, each with the index of its closest containing range."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ranges.sort(key=lambda r: (r[0], -r[1]))
        self.starts = [start for start, _ in ranges]
        self.ends = [end for _, end in ranges]
        self.parents: list[int] = []
        open_ranges: list[int] = []
        for index, (start, _) in enumerate(ranges):
            while open_ranges and self.ends[open_ranges[-1]] <= start:
                open_ranges.pop()
            self.parents.append(open_ranges[-1] if open_ranges else -1)
            open_ranges.append(index)

    def contains(self, offset: int) -> bool:
        """Whether some range contains `offset`."""
        index = bisect_right(self.starts, offset) - 1
        while index >= 0:
            if offset < self.ends[index]:
                return True
            index = self.parents[index]
        return False


def _mapped_type(node: Node) -> Node | None:
    return _ancestor(node, 3)


def _ancestor(node: Node, levels: int) -> Node | None:
    current: Node | None = node
    for _ in range(levels):
        current = None if current is None else current.parent
    return current


def _conditional_type(node: Node) -> Node | None:
    current = node.parent
    for _ in range(_INFER_SCOPE_SEARCH):
        if current is None or current.type == "conditional_type":
            return current
        current = current.parent
    return None
