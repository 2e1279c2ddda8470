"""`find`: definitions whose name matches a pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass

from code_graph.errors import UsageError
from code_graph.model import SymbolKind
from code_graph.query.ports import Graph
from code_graph.query.regex_safety import backtracking_risk
from code_graph.query.unparsed import Unparsed, unparsed_files
from code_graph.records import SymbolRecord

MAX_PATTERN_LENGTH = 200
SYMBOL_KINDS = tuple(kind.value for kind in SymbolKind)
_LITERAL = re.compile(r"[A-Za-z0-9_$]+")


@dataclass(frozen=True, slots=True)
class FindResult:
    pattern: str
    symbols: list[SymbolRecord]
    total: int  # before the limit
    unparsed: Unparsed | None = None  # when nothing matched: files that could hide a match


def symbol_kind(value: str | None) -> str | None:
    """None, or a kind of symbol.

    Raises:
        UsageError: not one of SYMBOL_KINDS (the message names them).
    """
    if value is not None and value not in SYMBOL_KINDS:
        raise UsageError(f"unknown symbol kind {value!r}; choose from {', '.join(SYMBOL_KINDS)}")
    return value


def compile_pattern(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    """A safe regex for symbol names.

    Raises:
        UsageError: the pattern is too long, invalid, or risks catastrophic backtracking.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UsageError(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        regex = re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error as e:
        raise UsageError(f"invalid pattern {pattern!r}: {e}") from e
    risk = backtracking_risk(pattern)
    if risk is not None:
        raise UsageError(f"pattern {pattern!r} {risk}")
    return regex


def find_symbols(
    graph: Graph,
    pattern: str,
    *,
    kind: str | None = None,
    file_prefix: str | None = None,
    ignore_case: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> FindResult:
    """Symbols whose name (or qualified name, if the pattern has a dot) matches `pattern`.

    Exact name matches come first, then the rest by path and line.
    """
    regex = compile_pattern(pattern, ignore_case)
    qualified = "." in pattern.replace("\\.", "")
    if _LITERAL.fullmatch(pattern):  # a plain name: let SQL narrow it down (LIKE ignores case)
        candidates = graph.symbols.containing(pattern, qualified, kind, file_prefix)
    else:  # match distinct names first (far fewer than symbols), then load their symbols
        names = graph.symbols.qualified_names() if qualified else graph.symbols.names()
        wanted = [name for name in names if regex.search(name)]
        candidates = graph.symbols.with_names(wanted, qualified, kind, file_prefix)
    matched = [s for s in candidates if regex.search(s.qualified_name if qualified else s.name)]
    matched.sort(key=lambda s: not regex.fullmatch(s.qualified_name if qualified else s.name))
    end = None if limit is None else offset + limit
    unparsed = None if matched else unparsed_files(graph)
    return FindResult(pattern, matched[offset:end], len(matched), unparsed)
