"""The project overview: what the graph holds, read from the store without re-indexing."""

from __future__ import annotations

from dataclasses import dataclass

from code_graph.query.memo import memoized
from code_graph.store import reads
from code_graph.store.reads import FailureRow, SyntaxErrorFile
from code_graph.store.sqlite import Store

TOP_N = 10


@dataclass(frozen=True, slots=True)
class ProjectStats:
    files: int
    declaration_files: int
    files_by_language: dict[str, int]
    symbols: int
    symbols_by_kind: dict[str, int]
    imports: int
    imports_by_kind: dict[str, int]
    imports_by_method: dict[str, int]
    unresolved_by_reason: dict[str, int]
    exports: int
    references: int
    files_with_syntax_errors: int
    syntax_errors: list[SyntaxErrorFile]  # every such file, most unparsed lines first
    skipped: int
    skipped_by_reason: dict[str, int]
    top_packages: list[tuple[str, int]]
    most_imported_files: list[tuple[str, int]]
    failures: list[FailureRow]  # files where a step of ours raised (a defect to report)


def project_stats(store: Store, top: int = TOP_N) -> ProjectStats:
    """Counts by language, kind, resolution method and reason, plus the most used modules
    (reused until the store changes)."""
    return memoized(store, ("stats", top), lambda: _project_stats(store, top))


def _project_stats(store: Store, top: int) -> ProjectStats:
    totals = reads.totals(store)
    return ProjectStats(
        files=totals.files,
        declaration_files=reads.declaration_files(store),
        files_by_language=reads.files_by_language(store),
        symbols=totals.symbols,
        symbols_by_kind=reads.symbols_by_kind(store),
        imports=totals.imports,
        imports_by_kind=reads.imports_by_kind(store),
        imports_by_method=reads.imports_by_method(store),
        unresolved_by_reason=reads.unresolved_by_reason(store),
        exports=totals.exports,
        references=totals.references,
        files_with_syntax_errors=totals.files_with_syntax_errors,
        syntax_errors=reads.files_with_syntax_errors(store),
        skipped=totals.skipped,
        skipped_by_reason=reads.skipped_by_reason(store),
        top_packages=reads.top_packages(store, top),
        most_imported_files=reads.most_imported_files(store, top),
        failures=reads.failures(store),
    )
