"""The whole graph, for `export --format json`: every fact with stable symbol keys.

`export_graph` reads everything once and gives each symbol a key that survives re-indexing
(`path#qualified_name@kind`, numbered `~2`, `~3` for overloads and merged declarations);
`render.json_format.export_document` spells the document (see docs/export.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from code_graph.query.ports import Graph
from code_graph.records import (
    EdgeRecord,
    FileRecord,
    StoredExport,
    StoredImport,
    StoredImportName,
    StoredReference,
    SymbolId,
    SymbolRecord,
)


def symbol_key(path: str, qualified_name: str, kind: str) -> str:
    """A symbol's stable identity: the same across re-indexing, unlike row ids."""
    return f"{path}#{qualified_name}@{kind}"


@dataclass(frozen=True, slots=True)
class FileEdge:
    """Every import of `source` of one kind and type-onlyness that reaches one target."""

    source: str
    target: str  # a path or a package name
    target_kind: str  # file or package
    import_kind: str
    type_only: bool
    count: int


@dataclass(frozen=True, slots=True)
class GraphExport:
    """Every fact of the graph in a stable order, with each symbol's stable key."""

    files: list[FileRecord]  # by path
    symbols: list[SymbolRecord]  # by file and position
    keys: dict[SymbolId, str]  # the stable key of each symbol
    qualified_names: dict[SymbolId, str]  # of each symbol (parents, enclosing symbols)
    imports: list[StoredImport]  # by file and line
    import_names: dict[int, list[StoredImportName]]  # by import id
    exports: list[StoredExport]
    references: list[StoredReference]
    file_edges: list[FileEdge]
    symbol_edges: list[EdgeRecord]  # by file, position, kind and ends' keys


def export_graph(graph: Graph) -> GraphExport:
    """Files, symbols, imports (with resolution), exports, references and file edges."""
    symbols = graph.symbols.all()
    keys = _stable_keys(symbols)
    imports = graph.imports.all()

    def edge_order(edge: EdgeRecord) -> tuple[str, int, int, str, str, str, str, tuple[str, ...]]:
        source = keys.get(edge.source_id, "") if edge.source_id is not None else ""
        target = keys.get(edge.target_id, "")
        return (edge.file, edge.line, edge.column, edge.kind, target, source, edge.method, edge.via)

    return GraphExport(
        files=list(graph.files.by_path().values()),
        symbols=symbols,
        keys=keys,
        qualified_names={symbol.id: symbol.qualified_name for symbol in symbols},
        imports=imports,
        import_names=graph.imports.names(),
        exports=graph.files.exports(),
        references=graph.edges.references(),
        file_edges=_file_edges(imports),
        symbol_edges=sorted(graph.edges.all(), key=edge_order),
    )


def _stable_keys(symbols: list[SymbolRecord]) -> dict[SymbolId, str]:
    keys: dict[SymbolId, str] = {}
    seen: dict[str, int] = {}
    for symbol in symbols:
        key = symbol_key(symbol.file, symbol.qualified_name, symbol.kind)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # overloads and merged declarations share a name: number the extras
            key = f"{key}~{seen[key]}"
        keys[symbol.id] = key
    return keys


def _file_edges(imports: list[StoredImport]) -> list[FileEdge]:
    """One edge per (importer, target, kind): file `imports` file, or file `imports` package."""
    edges: dict[tuple[str, str, str, str, bool], int] = {}
    for record in imports:
        if record.target is not None:
            target = ("file", record.target)
        elif record.package is not None:
            target = ("package", record.package)
        else:
            continue
        key = (record.file, *target, record.kind, record.type_only)
        edges[key] = edges.get(key, 0) + 1
    return [
        FileEdge(source, target, target_kind, kind, type_only, count)
        for (source, target_kind, target, kind, type_only), count in sorted(edges.items())
    ]
