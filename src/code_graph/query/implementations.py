"""`implementations`: what implements an interface, extends a class, or overrides or implements
a member, transitively, like an editor's "go to implementation"."""

from __future__ import annotations

from dataclasses import dataclass

from code_graph.query.address import Lookup, lookup
from code_graph.query.hierarchy import Hierarchy, heirs_of, is_abstract, overriders_of
from code_graph.query.ports import Graph
from code_graph.records import SymbolRecord


@dataclass(frozen=True, slots=True)
class Implementation:
    """A class implementing or extending the asked type, or a member overriding or
    implementing the asked member; `through` the type or member it does so by, when not
    the asked one directly (`PgDriver` through `AbstractSqlDriver`)."""

    symbol: SymbolRecord
    kind: str  # extends or implements (a type); overrides or implements (a member)
    through: SymbolRecord | None


@dataclass(frozen=True, slots=True)
class ImplementationsResult:
    lookup: Lookup
    implementations: list[Implementation]
    total: int


def find_implementations(
    graph: Graph, address: str, *, limit: int | None = None, offset: int = 0
) -> ImplementationsResult:
    """The implementations of the symbol at `address`, as TypeScript's go-to-implementation
    gives them: for a class or interface the classes, interfaces and declared values below
    it; for a member the members that override or implement it and have a body (a method
    not abstract, a property with an initializer; interface members have none); nearest
    first."""
    found = lookup(graph, address)
    symbol = found.symbol
    if symbol is None:
        return ImplementationsResult(found, [], 0)
    hierarchy = Hierarchy(graph)
    implementations = [
        Implementation(heir.symbol, heir.kind, heir.through) for heir in heirs_of(hierarchy, symbol)
    ]
    for relation in overriders_of(hierarchy, symbol):
        owner = hierarchy.record(relation.member.parent_id or 0)
        if owner is None or owner.kind == "interface" or not _has_body(relation.member, owner):
            continue
        implementations.append(Implementation(relation.member, relation.kind, relation.through))
    end = None if limit is None else offset + limit
    return ImplementationsResult(found, implementations[offset:end], len(implementations))


def _has_body(member: SymbolRecord, owner: SymbolRecord) -> bool:
    """A method that is not abstract, a class property with an initializer (`= value`), any
    member of an object literal."""
    if is_abstract(member):
        return False
    if member.kind == "property" and owner.kind != "variable":
        # the signature leaves the initializer out: the declaration then reaches past it
        if member.end_line > member.line:
            return True
        return member.end_column - member.column > len(member.signature) + 1
    return True
