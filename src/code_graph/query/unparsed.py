"""Where a name that was not found could still be: files whose syntax errors left lines that
no parse made sense of (a declaration there has no symbol)."""

from __future__ import annotations

from dataclasses import dataclass

from code_graph.query.ports import Graph
from code_graph.records import SyntaxErrorFile

MAX_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Unparsed:
    """How many files have unparsed lines, and the first few (most unparsed lines first)."""

    total: int
    files: tuple[SyntaxErrorFile, ...]

    def note(self) -> str:
        """One line for people: `2 files have lines no parse made sense of (syntax errors)
        that could hold it: src/a.ts:12 (40 lines), src/b.ts:3 (1 line)`."""
        shown = ", ".join(
            f"{f.path}:{f.line} ({f.unparsed_lines} line{'s' if f.unparsed_lines != 1 else ''})"
            for f in self.files
        )
        more = self.total - len(self.files)
        files = "1 file has" if self.total == 1 else f"{self.total} files have"
        return (
            f"{files} lines no parse made sense of (syntax errors) that could hold it: {shown}"
            + (f", and {more} more" if more > 0 else "")
        )


def unparsed_files(graph: Graph, path: str | None = None) -> Unparsed | None:
    """The files with unparsed lines (only `path`, when given); None when there are none."""
    files = graph.files.with_syntax_errors(MAX_SHOWN, unparsed_only=True, path=path)
    if not files:
        return None
    total = len(files) if len(files) < MAX_SHOWN else graph.files.unparsed_count()
    return Unparsed(total, tuple(files))
