"""Symbols: definitions by id, name, file, position or pattern."""

from __future__ import annotations

from collections.abc import Sequence

from code_graph.records import SymbolId, SymbolRecord
from code_graph.store.connection import Parameters, UsesConnection
from code_graph.store.sql import SqlValue, chunked, like_escape, like_prefix

_SYMBOL = (
    "SELECT s.id, s.name, s.qualified_name, s.kind, f.path, s.line, s.col, s.end_line, "
    "s.end_col, s.export_status, s.signature, s.parent_id "
    "FROM symbols s JOIN files f ON f.id = s.file_id "
)


class SqliteSymbols(UsesConnection):
    """`query.ports.SymbolReads` over SQLite."""

    def _symbols(self, where: str = "", parameters: Parameters = ()) -> list[SymbolRecord]:
        sql = f"{_SYMBOL}{where} ORDER BY f.path, s.line, s.col, s.id"
        return list(map(SymbolRecord._make, self._db.execute(sql, parameters)))

    def all(self) -> list[SymbolRecord]:
        """Every symbol, by file and position."""
        return self._symbols()

    def by_ids(self, ids: Sequence[SymbolId]) -> dict[SymbolId, SymbolRecord]:
        """The symbols of `ids` that exist, by id."""
        found = chunked(ids, lambda chunk, marks: self._symbols(f"WHERE s.id IN ({marks})", chunk))
        return {symbol.id: symbol for symbol in found}

    def members_among(self, ids: Sequence[SymbolId]) -> list[SymbolRecord]:
        """The symbols of `ids` that have a parent (members, nested declarations)."""
        where = "WHERE s.id IN ({marks}) AND s.parent_id IS NOT NULL"
        return chunked(ids, lambda chunk, marks: self._symbols(where.format(marks=marks), chunk))

    def named(self, name: str) -> list[SymbolRecord]:
        return self._symbols("WHERE s.name = ?", (name,))

    def qualified(self, qualified_name: str) -> list[SymbolRecord]:
        return self._symbols("WHERE s.qualified_name = ?", (qualified_name,))

    def in_file(self, path: str) -> list[SymbolRecord]:
        return self._symbols("WHERE f.path = ?", (path,))

    def top_level_in(self, paths: Sequence[str]) -> list[SymbolRecord]:
        """The top-level symbols of `paths`, by file and position."""
        where = "WHERE s.parent_id IS NULL AND f.path IN ({marks})"
        return chunked(
            sorted(paths), lambda chunk, marks: self._symbols(where.format(marks=marks), chunk)
        )

    def children_of(self, symbol_id: SymbolId) -> list[SymbolRecord]:
        return self._symbols("WHERE s.parent_id = ?", (symbol_id,))

    def containing(
        self, text: str, qualified: bool, kind: str | None, file_prefix: str | None
    ) -> list[SymbolRecord]:
        """Symbols whose name (or qualified name) contains `text`, ignoring ASCII case."""
        column = "s.qualified_name" if qualified else "s.name"
        extra, parameters = _filters(kind, file_prefix)
        where = f"WHERE {column} LIKE ? ESCAPE '!'{extra}"
        return self._symbols(where, ("%" + like_escape(text) + "%", *parameters))

    def with_names(
        self, names: Sequence[str], qualified: bool, kind: str | None, file_prefix: str | None
    ) -> list[SymbolRecord]:
        """Symbols whose name (or qualified name) is one of `names`, by file and position."""
        column = "s.qualified_name" if qualified else "s.name"
        extra, parameters = _filters(kind, file_prefix)
        where = f"WHERE {column} IN ({{marks}}){extra}"
        found = chunked(
            names,
            lambda chunk, marks: self._symbols(where.format(marks=marks), (*chunk, *parameters)),
        )
        found.sort(key=lambda s: (s.file, s.line, s.column))
        return found

    def names(self) -> list[str]:
        """Every distinct symbol name."""
        return [str(name) for (name,) in self._db.execute("SELECT DISTINCT name FROM symbols")]

    def qualified_names(self) -> list[str]:
        rows = self._db.execute("SELECT DISTINCT qualified_name FROM symbols")
        return [str(name) for (name,) in rows]

    def child_links(self, parent_ids: Sequence[SymbolId]) -> list[tuple[SymbolId, SymbolId]]:
        """(parent id, child id) of the direct children of `parent_ids`."""
        sql = "SELECT parent_id, id FROM symbols WHERE parent_id IN ({marks})"
        rows = chunked(
            parent_ids, lambda chunk, marks: self._db.execute(sql.format(marks=marks), chunk)
        )
        return [(int(parent), int(child)) for parent, child in rows]


def _filters(kind: str | None, file_prefix: str | None) -> tuple[str, list[SqlValue]]:
    """The ` AND ...` conditions and parameters for an optional kind and path prefix."""
    where = ""
    parameters: list[SqlValue] = []
    if kind is not None:
        where += " AND s.kind = ?"
        parameters.append(kind)
    if file_prefix:
        where += " AND f.path LIKE ? ESCAPE '!'"
        parameters.append(like_prefix(file_prefix))
    return where, parameters
