"""`source`: the text of one symbol, by any address the other queries take.

Pure: the file's current text comes from a reader the caller gives (the CLI and the MCP
server read the indexed file under the project root), with whether it still has the content
the index saw; lines are the index's, so a changed file is said to be changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from code_graph.query.address import Lookup, lookup
from code_graph.query.ports import Graph
from code_graph.records import FileRecord, SymbolRecord

DEFAULT_MAX_LINES = 200


@dataclass(frozen=True, slots=True)
class FileText:
    """A file's text as read now; `fresh`: it is the content the index saw."""

    text: str
    fresh: bool


Reader = Callable[[FileRecord], FileText | None]  # None: the file cannot be read


@dataclass(frozen=True, slots=True)
class SourceResult:
    lookup: Lookup
    first_line: int = 0  # of `lines` (context included)
    lines: tuple[str, ...] = ()
    cut: int = 0  # lines of the symbol left out by the line cap
    stale: bool = False  # the file changed since it was indexed: lines may have moved
    unreadable: bool = False

    @property
    def symbol(self) -> SymbolRecord | None:
        return self.lookup.symbol


def symbol_source(
    graph: Graph,
    address: str,
    read: Reader,
    *,
    context_lines: int = 0,
    max_lines: int = DEFAULT_MAX_LINES,
) -> SourceResult:
    """The lines of the symbol at `address` (with `context_lines` around it), at most
    `max_lines` of them from its first line; ambiguous or unknown: the lookup alone."""
    found = lookup(graph, address)
    symbol = found.symbol
    if symbol is None:
        return SourceResult(found)
    record = graph.files.record(symbol.file)
    current = None if record is None else read(record)
    if current is None:
        return SourceResult(found, unreadable=True)
    text = current.text.splitlines()
    first = max(1, symbol.line - context_lines)
    last = min(len(text), symbol.end_line + context_lines)
    shown_last = min(last, first + max_lines - 1)
    return SourceResult(
        found,
        first,
        tuple(text[first - 1 : shown_last]),
        max(0, last - shown_last),
        not current.fresh,
    )
