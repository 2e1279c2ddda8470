"""A file's facts as plain row tuples, built where the file was parsed.

Worker processes turn their FileFacts into FileRows before sending them back: plain tuples of
strings and numbers pickle several times faster than dataclasses or named tuples holding enum
members, and the writer only has to add its ids. The row types below name each column; a row
holds its table's columns in INSERT order (store.batch). Symbols are numbered from 0 within
the file; rows that point at a symbol (parent, export, enclosing symbol of a reference) carry
that local number.
"""

from __future__ import annotations

from typing import NamedTuple

from code_graph.model import (
    ExportKind,
    ExportStatus,
    FileFacts,
    ImportKind,
    Language,
    ReferenceKind,
    SymbolKind,
)

SymbolRow = tuple[str, str, str, int, int, int, int, str, str, str | None, str | None]
# name, qualified_name, kind, line, col, end_line, end_col, export_status, signature,
# type_name, callbacks (the parent is in FileRows.parents)
ImportRow = tuple[int, str, str, int, tuple[tuple[str, str | None, int, int, int], ...]]
# line, specifier, kind, type_only, names (name, alias, type_only, line, column)
ExportRow = tuple[str, str | None, str, int, int, int | None]
# exported_name, local_name, kind, line, type_only, symbol
ReferenceRow = tuple[int | None, str, str | None, str, int, int]
# enclosing symbol, name, qualifier, kind, line, col


# Each enum member's plain string value (`member.value` goes through a descriptor each time)
_VALUES: dict[str, str] = {
    member: member.value
    for kinds in (Language, SymbolKind, ExportStatus, ImportKind, ExportKind, ReferenceKind)
    for member in kinds
}


class FileRows(NamedTuple):
    """One file's rows, ready for the store once the writer assigns ids."""

    language: str
    is_declaration: int
    syntax_error_count: int
    syntax_error_lines: int
    recovered_declarations: int
    syntax_errors: tuple[tuple[int, int, str], ...]
    symbols: tuple[SymbolRow, ...]
    parents: tuple[int | None, ...]  # the local number of each symbol's parent
    imports: tuple[ImportRow, ...]
    exports: tuple[ExportRow, ...]
    references: tuple[ReferenceRow, ...]


def rows_of(facts: FileFacts) -> FileRows:
    """The rows of `facts`; enum members become their plain string values."""
    # symbol numbers by qualified name, for parent, local and enclosing names; None and ""
    # name no symbol
    numbers: dict[str | None, int] = {}
    for number, symbol in enumerate(facts.symbols):
        numbers.setdefault(symbol.qualified_name, number)
    numbers.pop("", None)
    symbol_of = numbers.get
    return FileRows(
        language=_VALUES[facts.language],
        is_declaration=int(facts.is_declaration),
        syntax_error_count=facts.syntax_error_count,
        syntax_error_lines=facts.syntax_error_lines,
        recovered_declarations=facts.recovered_declarations,
        syntax_errors=tuple([(e.line, e.column, e.message) for e in facts.syntax_errors]),
        symbols=tuple(
            [
                (
                    s.name,
                    s.qualified_name,
                    _VALUES[s.kind],
                    s.span.line,
                    s.span.column,
                    s.span.end_line,
                    s.span.end_column,
                    _VALUES[s.export],
                    s.signature,
                    s.type_name,
                    s.callbacks,
                )
                for s in facts.symbols
            ]
        ),
        parents=tuple([symbol_of(s.parent) for s in facts.symbols]),
        imports=tuple(
            [
                (
                    i.line,
                    i.specifier,
                    _VALUES[i.kind],
                    int(i.type_only),
                    tuple(
                        [
                            (
                                n.name,
                                n.alias,
                                int(n.type_only or i.type_only),
                                n.line or i.line,
                                n.column or 1,
                            )
                            for n in i.names
                        ]
                    ),
                )
                for i in facts.imports
            ]
        ),
        exports=tuple(
            [
                (
                    e.exported_name,
                    e.local_name,
                    _VALUES[e.kind],
                    e.line,
                    int(e.type_only),
                    symbol_of(e.local_name),
                )
                for e in facts.exports
            ]
        ),
        references=tuple(
            [
                (
                    symbol_of(r.enclosing),
                    r.name,
                    r.qualifier,
                    _VALUES[r.kind],
                    r.line,
                    r.column,
                )
                for r in facts.references
            ]
        ),
    )
