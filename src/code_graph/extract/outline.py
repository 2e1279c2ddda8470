"""A declaration read from its first tokens, for a statement that does not parse even on its
own (recovery.py): `export interface Handler<E> {` is the exported interface `Handler`,
spanning the statement, whatever follows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from code_graph.extract.grammar import Place, Point
from code_graph.model import ExportStatus, SymbolKind

_HEADER = re.compile(
    rb"""(?:@[\w$.]+(?:\([^)\n]*\))?\s+)*                      # decorators
    (?P<export>export\s+(?P<default>default\s+)?)?
    (?:declare\s+)?(?P<start>(?:abstract\s+)?(?:async\s+)?)
    (?P<keyword>function\s*\*?|class|interface|type|const\s+enum|enum|namespace|module
        |const|let|var)
    \s+(?P<name>[A-Za-z_$\x80-\xff][\w$\x80-\xff]*)
    """,
    re.VERBOSE,
)
_HEADER_LIMIT = 1_000  # bytes of a statement searched for its header
_KINDS = {
    b"function": SymbolKind.FUNCTION,
    b"class": SymbolKind.CLASS,
    b"interface": SymbolKind.INTERFACE,
    b"type": SymbolKind.TYPE,
    b"enum": SymbolKind.ENUM,
    b"namespace": SymbolKind.NAMESPACE,
    b"module": SymbolKind.NAMESPACE,
    b"const": SymbolKind.VARIABLE,
    b"let": SymbolKind.VARIABLE,
    b"var": SymbolKind.VARIABLE,
}
_VALUE_KINDS = frozenset({SymbolKind.TYPE, SymbolKind.VARIABLE})  # their header ends at `=`


@dataclass(frozen=True, slots=True)
class Outline:
    """A declaration known only by its header: where its statement starts, where the
    declaration itself starts (past `export` and `declare`), where its name and its header
    (up to its body or value) end, and where the statement ends."""

    name: str
    kind: SymbolKind
    export: ExportStatus
    statement: int
    start: Place
    name_end: int
    header_end: int
    end: Place


def read_outline(source: bytes, statement: Place, end: Place) -> Outline | None:
    """The declaration a statement from `statement` to `end` begins with, if its header
    (decorators, `export`, modifiers, keyword, name) can be read."""
    offset = statement[0]
    found = _HEADER.match(source, offset, min(end[0], offset + _HEADER_LIMIT))
    if found is None:
        return None
    keyword = found.group("keyword").split()[-1].rstrip(b"*")
    kind = _KINDS[keyword]
    if found.group("default"):
        export = ExportStatus.DEFAULT
    elif found.group("export"):
        export = ExportStatus.NAMED
    else:
        export = ExportStatus.NONE
    start = found.start("start")
    lines = source.count(b"\n", offset, start)  # decorators may come on lines of their own
    if lines:
        column = start - (source.rfind(b"\n", offset, start) + 1)
        point = Point(statement[1][0] + lines, column)
    else:
        point = Point(statement[1][0], statement[1][1] + start - offset)
    name_end = found.end("name")
    stops = b"=" if kind in _VALUE_KINDS else b"{"
    header_end = source.find(stops, name_end, end[0])
    return Outline(
        name=found.group("name").decode("utf-8", "replace"),
        kind=kind,
        export=export,
        statement=offset,
        start=(start, point),
        name_end=name_end,
        header_end=end[0] if header_end < 0 else header_end,
        end=end,
    )
