"""The project overview: what the graph holds, read from the store without re-indexing."""

from __future__ import annotations

from dataclasses import dataclass

from code_graph.query.memo import memoized
from code_graph.query.ports import Graph
from code_graph.records import FailureRecord, SyntaxErrorFile

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
    failures: list[FailureRecord]  # files where a step of ours raised (a defect to report)


def project_stats(graph: Graph, top: int = TOP_N) -> ProjectStats:
    """Counts by language, kind, resolution method and reason, plus the most used modules
    (reused until the graph changes)."""
    return memoized(graph, ("stats", top), lambda: _project_stats(graph, top))


def _project_stats(graph: Graph, top: int) -> ProjectStats:
    counts = graph.counts
    totals = counts.totals()
    return ProjectStats(
        files=totals.files,
        declaration_files=counts.declaration_files(),
        files_by_language=counts.files_by_language(),
        symbols=totals.symbols,
        symbols_by_kind=counts.symbols_by_kind(),
        imports=totals.imports,
        imports_by_kind=counts.imports_by_kind(),
        imports_by_method=counts.imports_by_method(),
        unresolved_by_reason=counts.unresolved_by_reason(),
        exports=totals.exports,
        references=totals.references,
        files_with_syntax_errors=totals.files_with_syntax_errors,
        syntax_errors=graph.files.with_syntax_errors(),
        skipped=totals.skipped,
        skipped_by_reason=counts.skipped_by_reason(),
        top_packages=counts.top_packages(top),
        most_imported_files=counts.most_imported_files(top),
        failures=counts.failures(),
    )
