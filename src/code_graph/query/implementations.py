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
    """The implementations of the symbol at `address`: for a class or interface the classes
    below it (interfaces extending it are not implementations), for a member the members of
    those classes that override or implement it and are not abstract; nearest first."""
    found = lookup(graph, address)
    symbol = found.symbol
    if symbol is None:
        return ImplementationsResult(found, [], 0)
    hierarchy = Hierarchy(graph)
    implementations = [
        Implementation(heir.symbol, heir.kind, heir.through)
        for heir in heirs_of(hierarchy, symbol)
        if heir.symbol.kind != "interface"
    ]
    for relation in overriders_of(hierarchy, symbol):
        owner = hierarchy.record(relation.member.parent_id or 0)
        if owner is None or owner.kind == "interface" or is_abstract(relation.member):
            continue
        implementations.append(Implementation(relation.member, relation.kind, relation.through))
    end = None if limit is None else offset + limit
    return ImplementationsResult(found, implementations[offset:end], len(implementations))
