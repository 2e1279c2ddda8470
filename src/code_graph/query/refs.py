"""`refs`: every place that refers to a definition."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from code_graph.errors import UsageError
from code_graph.model import REFERENCE_KINDS
from code_graph.query.address import Lookup, lookup
from code_graph.query.completeness import Completeness, completeness
from code_graph.query.hierarchy import Hierarchy, constructed_classes, related_members
from code_graph.query.ports import Graph
from code_graph.records import EdgeRecord, SymbolRecord


@dataclass(frozen=True, slots=True)
class Reference:
    file: str
    line: int
    column: int
    kind: str  # call, new, extends, implements, type, jsx, import, re-export
    enclosing: str | None  # qualified name of the referring symbol; None: top-level code
    method: str  # how it was linked: local, import, re-export, member, global
    via: tuple[str, ...]
    # The member it is written against when that is not the asked one but one related to it
    # through the type hierarchy (`QueryRunner.query` for `PostgresQueryRunner.query`).
    related: str | None = None


@dataclass(frozen=True, slots=True)
class RefsResult:
    lookup: Lookup
    references: list[Reference]
    total: int
    completeness: Completeness = field(default_factory=Completeness)


def reference_kinds(values: Iterable[str]) -> frozenset[str]:
    """The kinds asked for, each value one kind or several comma-separated (`call,new`).

    Raises:
        UsageError: a kind that is not one of REFERENCE_KINDS (the message names them).
    """
    kinds = frozenset(part.strip() for value in values for part in value.split(",") if part.strip())
    unknown = sorted(kinds - set(REFERENCE_KINDS))
    if unknown:
        raise UsageError(
            f"unknown reference kind {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(REFERENCE_KINDS)}"
        )
    return kinds


def find_references(
    graph: Graph,
    address: str,
    *,
    kinds: frozenset[str] | None = None,
    file_prefix: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    exact: bool = False,
) -> RefsResult:
    """References to the symbol at `address` (ambiguous or unknown: empty, with the lookup).

    A class or interface member's references include, as TypeScript's do, those written
    against the members related to it through the type hierarchy, each marked with that
    member; `exact` keeps only those written against this very member."""
    found = lookup(graph, address)
    symbol = found.symbol
    if symbol is None:
        return RefsResult(found, [], 0)
    references = references_to(graph, symbol, exact=exact)
    if kinds:
        references = [r for r in references if r.kind in kinds]
    if file_prefix:
        references = [r for r in references if r.file.startswith(file_prefix)]
    end = None if limit is None else offset + limit
    return RefsResult(found, references[offset:end], len(references), completeness(graph, symbol))


def references_to(graph: Graph, symbol: SymbolRecord, *, exact: bool = False) -> list[Reference]:
    """The references to `symbol` and, unless `exact`, to its related members; a
    constructor's are also the `new C()` of its class (and of subclasses inheriting it,
    marked with the subclass unless `exact`)."""
    hierarchy = Hierarchy(graph)
    targets = [symbol] if exact else related_members(hierarchy, symbol)
    related = {s.id: s.qualified_name for s in targets if s.id != symbol.id}
    edges = graph.edges.to([s.id for s in targets])
    classes = constructed_classes(hierarchy, symbol)[: 1 if exact else None]
    if classes:
        related.update((c.id, c.qualified_name) for c in classes[1:])
        news = [e for e in graph.edges.to([c.id for c in classes]) if e.kind == "new"]
        edges = sorted([*edges, *news], key=lambda e: (e.file, e.line, e.column))
    names = _enclosing_names(graph, edges)
    return [
        Reference(
            e.file,
            e.line,
            e.column,
            e.kind,
            names.get(e.source_id),
            e.method,
            e.via,
            related.get(e.target_id),
        )
        for e in edges
    ]


def _enclosing_names(graph: Graph, edges: list[EdgeRecord]) -> dict[int | None, str]:
    ids = sorted({e.source_id for e in edges if e.source_id is not None})
    return {i: s.qualified_name for i, s in graph.symbols.by_ids(ids).items()}
