"""`file summary`: one file's symbols, imports (with their resolution), exports and importers."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from code_graph.query.ports import Graph
from code_graph.records import StoredExport, StoredImport, SymbolRecord


@dataclass(frozen=True, slots=True)
class FileSummary:
    path: str
    found: bool
    language: str = ""
    is_declaration: bool = False
    syntax_errors: int = 0
    symbols: list[SymbolRecord] = field(default_factory=list)
    imports: list[StoredImport] = field(default_factory=list)
    exports: list[StoredExport] = field(default_factory=list)
    importers: list[StoredImport] = field(default_factory=list)
    suggestions: tuple[str, ...] = ()


def file_summary(graph: Graph, path: str) -> FileSummary:
    """Everything the graph knows about the file at root-relative `path`."""
    path = path.removeprefix("./")
    record = graph.files.record(path)
    if record is None:
        close = difflib.get_close_matches(path, graph.files.paths(), n=5)
        return FileSummary(path, False, suggestions=tuple(close))
    return FileSummary(
        path,
        True,
        record.language,
        record.is_declaration,
        record.syntax_errors,
        graph.symbols.in_file(path),
        graph.imports.of_file(path),
        graph.files.exports_of(path),
        graph.imports.importers_of([path]),
    )
