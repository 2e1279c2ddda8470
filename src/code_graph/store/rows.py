"""A file's facts as plain row tuples, built where the file was parsed.

Worker processes turn their FileFacts into FileRows before sending them back: plain tuples of
strings and numbers pickle several times faster than dataclasses holding enum members, and
the writer only has to add its ids. Symbols are numbered from 0 within the file; rows that
point at a symbol (parent, export, enclosing symbol of a reference) carry that local number.
"""

from __future__ import annotations

from typing import NamedTuple

from code_graph.model import FileFacts

SymbolRow = tuple[str, str, str, int, int, int, int, str, int | None, str, str | None, str | None]
# name, qualified_name, kind, line, col, end_line, end_col, export_status, parent, signature,
# type_name, callbacks
ImportRow = tuple[int, str, str, int, tuple[tuple[str, str | None, int], ...]]
# line, specifier, kind, type_only, names (name, alias, type_only)
ExportRow = tuple[str, str | None, str, int, int, int | None]
# exported_name, local_name, kind, line, type_only, symbol
ReferenceRow = tuple[int | None, str, str | None, str, int, int]
# enclosing symbol, name, qualifier, kind, line, col


class FileRows(NamedTuple):
    """One file's rows, ready for the store once the writer assigns ids."""

    language: str
    is_declaration: int
    syntax_error_count: int
    syntax_errors: tuple[tuple[int, int, str], ...]
    symbols: tuple[SymbolRow, ...]
    imports: tuple[ImportRow, ...]
    exports: tuple[ExportRow, ...]
    references: tuple[ReferenceRow, ...]


def rows_of(facts: FileFacts) -> FileRows:
    """The rows of `facts`; enum members become their plain string values."""
    local: dict[str, int] = {}
    for number, symbol in enumerate(facts.symbols):
        local.setdefault(symbol.qualified_name, number)
    return FileRows(
        language=facts.language.value,
        is_declaration=int(facts.is_declaration),
        syntax_error_count=facts.syntax_error_count,
        syntax_errors=tuple((e.line, e.column, e.message) for e in facts.syntax_errors),
        symbols=tuple(
            (
                s.name,
                s.qualified_name,
                s.kind.value,
                s.span.line,
                s.span.column,
                s.span.end_line,
                s.span.end_column,
                s.export.value,
                local.get(s.parent) if s.parent else None,
                s.signature,
                s.type_name,
                s.callbacks,
            )
            for s in facts.symbols
        ),
        imports=tuple(
            (
                i.line,
                i.specifier,
                i.kind.value,
                int(i.type_only),
                tuple((n.name, n.alias, int(n.type_only or i.type_only)) for n in i.names),
            )
            for i in facts.imports
        ),
        exports=tuple(
            (
                e.exported_name,
                e.local_name,
                e.kind.value,
                e.line,
                int(e.type_only),
                local.get(e.local_name) if e.local_name else None,
            )
            for e in facts.exports
        ),
        references=tuple(
            (
                local.get(r.enclosing) if r.enclosing else None,
                r.name,
                r.qualifier,
                r.kind.value,
                r.line,
                r.column,
            )
            for r in facts.references
        ),
    )
