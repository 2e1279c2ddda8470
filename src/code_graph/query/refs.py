"""`refs`: every place that refers to a definition."""

from __future__ import annotations

from dataclasses import dataclass

from code_graph.query.address import Lookup, lookup
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


@dataclass(frozen=True, slots=True)
class RefsResult:
    lookup: Lookup
    references: list[Reference]
    total: int
    unlinked_same_name: int  # references spelled like the symbol that no edge explains
    unparsed_files: int = 0  # files whose unparsed lines (syntax errors) could hold more


def find_references(
    graph: Graph,
    address: str,
    *,
    kinds: frozenset[str] | None = None,
    file_prefix: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> RefsResult:
    """References to the symbol at `address` (ambiguous or unknown: empty, with the lookup)."""
    found = lookup(graph, address)
    symbol = found.symbol
    if symbol is None:
        return RefsResult(found, [], 0, 0)
    references = references_to(graph, symbol)
    if kinds:
        references = [r for r in references if r.kind in kinds]
    if file_prefix:
        references = [r for r in references if r.file.startswith(file_prefix)]
    end = None if limit is None else offset + limit
    unlinked = graph.edges.unlinked_reference_count(symbol.name)
    unparsed = graph.files.unparsed_count()
    return RefsResult(found, references[offset:end], len(references), unlinked, unparsed)


def references_to(graph: Graph, symbol: SymbolRecord) -> list[Reference]:
    edges = graph.edges.to([symbol.id])
    names = _enclosing_names(graph, edges)
    return [
        Reference(e.file, e.line, e.column, e.kind, names.get(e.source_id), e.method, e.via)
        for e in edges
    ]


def _enclosing_names(graph: Graph, edges: list[EdgeRecord]) -> dict[int | None, str]:
    ids = sorted({e.source_id for e in edges if e.source_id is not None})
    return {i: s.qualified_name for i, s in graph.symbols.by_ids(ids).items()}
