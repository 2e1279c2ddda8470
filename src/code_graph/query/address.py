"""Symbol addressing: `Name`, `Class.method`, `path/to/file.ts:Name`, `path/to/file.ts:LINE`.

An address names exactly one symbol, several (ambiguous: the caller shows the candidates),
or none (the caller shows the closest names).
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

from code_graph.query.ports import Graph
from code_graph.query.unparsed import Unparsed, unparsed_files
from code_graph.records import SymbolRecord

MAX_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class Lookup:
    """The outcome of resolving an address: `matches` has 0, 1 or several symbols. When it
    has none, `unparsed` names the files whose syntax errors could hide the symbol."""

    address: str
    matches: tuple[SymbolRecord, ...]
    suggestions: tuple[str, ...] = ()
    problem: str | None = None  # e.g. "no such file", set when nothing matched
    unparsed: Unparsed | None = None

    @property
    def symbol(self) -> SymbolRecord | None:
        return self.matches[0] if len(self.matches) == 1 else None

    @property
    def is_ambiguous(self) -> bool:
        return len(self.matches) > 1


def lookup(graph: Graph, address: str) -> Lookup:
    """Resolve `address` to the symbols it names."""
    address = address.strip()
    file_part, sep, rest = address.rpartition(":")
    if sep and file_part and ("/" in file_part or "." in file_part):
        return _in_file(graph, address, file_part.removeprefix("./"), rest)
    by_qualified = graph.symbols.qualified(address)
    if by_qualified:
        return Lookup(address, _prefer_definitions(by_qualified))
    if "." not in address:
        by_name = graph.symbols.named(address)
        if by_name:
            return Lookup(address, _prefer_definitions(by_name))
    return Lookup(address, (), suggest(graph, address), unparsed=unparsed_files(graph))


def _in_file(graph: Graph, address: str, path: str, rest: str) -> Lookup:
    if not graph.files.exists(path):
        close = difflib.get_close_matches(path, graph.files.paths(), n=MAX_SUGGESTIONS)
        return Lookup(address, (), tuple(close), problem=f"no indexed file {path}")
    symbols = graph.symbols.in_file(path)
    if rest.isdigit():
        line = int(rest)
        enclosing = [s for s in symbols if s.line <= line <= s.end_line]
        if not enclosing:
            problem = f"no symbol spans {path}:{line}"
            return Lookup(address, (), problem=problem, unparsed=unparsed_files(graph, path))
        innermost = min(enclosing, key=lambda s: (s.end_line - s.line, -s.column))
        return Lookup(address, (innermost,))
    matches = [s for s in symbols if rest in (s.qualified_name, s.name)]
    exact = [s for s in matches if s.qualified_name == rest]
    if exact or matches:
        return Lookup(address, _prefer_definitions(exact or matches))
    names = sorted({s.qualified_name for s in symbols})
    return Lookup(
        address,
        (),
        tuple(_closest(rest, names)),
        problem=f"no symbol {rest} in {path}",
        unparsed=unparsed_files(graph, path),
    )


def _prefer_definitions(symbols: list[SymbolRecord]) -> tuple[SymbolRecord, ...]:
    """Overloads and merged declarations in one file count as one symbol: keep the first."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for symbol in symbols:
        key = (symbol.file, symbol.qualified_name, symbol.kind)
        if key not in seen:
            seen.add(key)
            kept.append(symbol)
    return tuple(kept)


def suggest(graph: Graph, name: str) -> tuple[str, ...]:
    """The indexed names closest to `name` (case- and accent-insensitive fuzzy match)."""
    candidates = graph.symbols.qualified_names() if "." in name else graph.symbols.names()
    return tuple(_closest(name, candidates))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _closest(name: str, candidates: list[str]) -> list[str]:
    folded: dict[str, str] = {}
    for candidate in candidates:
        folded.setdefault(_fold(candidate), candidate)
    key = _fold(name)
    prefix = sorted(c for f, c in folded.items() if f.startswith(key) and f != key)
    close = difflib.get_close_matches(key, list(folded), n=MAX_SUGGESTIONS, cutoff=0.6)
    ordered = [folded[c] for c in close] + prefix
    return list(dict.fromkeys(ordered))[:MAX_SUGGESTIONS]
