"""How much an answer about a symbol may be missing: the honest note of refs, impact, context."""

from __future__ import annotations

from dataclasses import dataclass

from code_graph.query.ports import Graph
from code_graph.records import SymbolRecord


@dataclass(frozen=True, slots=True)
class Completeness:
    """`unlinked_same_name`: references spelled like the symbol that no edge explains (an
    unknown receiver type, an unresolved import); `unparsed_files`: files whose syntax errors
    left lines no parse made sense of (a use written there is not seen)."""

    unlinked_same_name: int = 0
    unparsed_files: int = 0

    def notes(self, name: str) -> list[str]:
        """One sentence per way the answer may be incomplete (none: complete)."""
        notes = []
        if self.unlinked_same_name:
            notes.append(
                f"{self.unlinked_same_name} references named {name} could not be linked"
                " (unknown receiver type or unresolved import)"
            )
        if self.unparsed_files:
            files = (
                "1 file has" if self.unparsed_files == 1 else f"{self.unparsed_files} files have"
            )
            notes.append(f"{files} lines no parse made sense of (syntax errors)")
        return notes


def completeness(graph: Graph, symbol: SymbolRecord) -> Completeness:
    return Completeness(
        graph.edges.unlinked_reference_count(symbol.name), graph.files.unparsed_count()
    )
