"""`file summary`: one file's symbols, imports (with their resolution), exports and importers."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from code_graph.store import reads
from code_graph.store.reads import ImportRecordRow, SymbolRecord
from code_graph.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class FileSummary:
    path: str
    found: bool
    language: str = ""
    is_declaration: bool = False
    syntax_errors: int = 0
    symbols: list[SymbolRecord] = field(default_factory=list)
    imports: list[ImportRecordRow] = field(default_factory=list)
    exports: list[tuple[str, str | None, str, int]] = field(default_factory=list)
    importers: list[ImportRecordRow] = field(default_factory=list)
    suggestions: tuple[str, ...] = ()


def file_summary(store: Store, path: str) -> FileSummary:
    """Everything the graph knows about the file at root-relative `path`."""
    path = path.removeprefix("./")
    info = reads.file_info(store, path)
    if info is None:
        close = difflib.get_close_matches(path, reads.file_paths(store), n=5)
        return FileSummary(path, False, suggestions=tuple(close))
    language, is_declaration, errors = info
    return FileSummary(
        path,
        True,
        language,
        is_declaration,
        errors,
        reads.symbols_in_file(store, path),
        reads.imports_of(store, path),
        reads.exports_of(store, path),
        reads.importers_of(store, path),
    )
