"""What linking reads (`code_graph.link.ports.LinkFacts`): every file's facts at once for a
full link, one file's or symbol's for an incremental one, with the same statements."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from sys import intern

from code_graph.link.ports import ImportName, LinkReference, LinkSymbol, OwnExport
from code_graph.model import UNKNOWN_RECEIVER
from code_graph.records import FileId, SymbolId
from code_graph.store.connection import Parameters, UsesConnection

_SYMBOL = (
    "SELECT id, file_id, name, qualified_name, kind, parent_id, export_status, type_name, "
    "callbacks FROM symbols "
)
_IMPORT_NAME = (
    "SELECT i.file_id, i.kind, n.name, n.alias, i.target_file_id, n.line, n.col "
    "FROM import_names n "
    "JOIN imports i ON i.id = n.import_id "
)
_OWN_EXPORT = "SELECT file_id, exported_name, local_name FROM exports "
_REFERENCE = (
    "SELECT file_id, enclosing_id, name, qualifier, kind, line, col FROM refs "
    "WHERE (qualifier IS NULL OR (qualifier <> ? AND qualifier NOT LIKE ?)) "
)
_KNOWN_RECEIVERS = (UNKNOWN_RECEIVER, UNKNOWN_RECEIVER + ".%")


class SqliteLinkFacts(UsesConnection):
    """`link.ports.LinkFacts` over SQLite (each method as documented there)."""

    # -- every file at once, or one file --------------------------------------------------

    def symbols(self) -> Iterator[LinkSymbol]:
        rows = self._db.execute(_SYMBOL + "ORDER BY file_id, line, col, id")
        # A full link holds every symbol: share one object per file id, kind and plain name.
        files: dict[FileId, FileId] = {}
        for sid, file, name, qualified, kind, parent, export, type_name, callbacks in rows:
            yield LinkSymbol(
                sid,
                files.setdefault(file, file),
                name,
                name if qualified == name else qualified,
                intern(kind),
                parent,
                export != "none",
                type_name,
                callbacks,
            )

    def script_files(self) -> list[FileId]:
        rows = self._db.execute(
            "SELECT f.id FROM files f "
            "WHERE NOT EXISTS (SELECT 1 FROM imports i WHERE i.file_id = f.id) "
            "AND NOT EXISTS (SELECT 1 FROM exports e WHERE e.file_id = f.id)"
        )
        return [int(file) for (file,) in rows]

    def import_names(self, file: FileId | None = None) -> Iterator[ImportName]:
        where, parameters = _of_file("i.file_id", file)
        files: dict[FileId, FileId] = {}  # one object per file id, as above
        for row in self._db.execute(f"{_IMPORT_NAME}{where}ORDER BY i.id", parameters):
            source, kind, name, alias, target, line, column = row
            yield ImportName(
                files.setdefault(source, source),
                intern(kind),
                name,
                alias,
                None if target is None else files.setdefault(target, target),
                line,
                column,
            )

    def own_exports(self, file: FileId | None = None) -> Iterator[OwnExport]:
        where, parameters = _of_file("file_id", file)
        rows = self._db.execute(f"{_OWN_EXPORT}{where}ORDER BY file_id, line", parameters)
        return map(OwnExport._make, rows)

    def references(
        self, *, extends: bool | None = None, file: FileId | None = None
    ) -> Iterator[LinkReference]:
        condition = {None: "", True: "AND kind = 'extends' ", False: "AND kind <> 'extends' "}
        sql = _REFERENCE + condition[extends]
        parameters: Parameters = _KNOWN_RECEIVERS
        if file is not None:
            sql, parameters = sql + "AND file_id = ? ", (*parameters, file)
        return map(LinkReference._make, self._db.execute(sql + "ORDER BY file_id", parameters))

    # -- one question at a time (SymbolSource) ---------------------------------------------

    def symbol(self, symbol_id: SymbolId) -> LinkSymbol | None:
        row = self._db.execute(_SYMBOL + "WHERE id = ?", (symbol_id,)).fetchone()
        if row is None:
            return None
        sid, file, name, qualified, kind, parent, export, type_name, callbacks = row
        return LinkSymbol(
            sid, file, name, qualified, kind, parent, export != "none", type_name, callbacks
        )

    def scope(self, file: FileId) -> Mapping[str, SymbolId]:
        rows = self._db.execute(
            "SELECT qualified_name, id FROM symbols WHERE file_id = ? ORDER BY line, col, id",
            (file,),
        )
        return _first_per_name(rows)

    def members(self, symbol_id: SymbolId) -> Mapping[str, SymbolId]:
        rows = self._db.execute(
            "SELECT name, id FROM symbols WHERE parent_id = ? ORDER BY line, col, id", (symbol_id,)
        )
        return _first_per_name(rows)

    def globals_named(self, name: str) -> Sequence[SymbolId]:
        return self._ids(
            "SELECT s.id FROM symbols s WHERE s.name = ? AND (s.qualified_name LIKE 'global.%' OR "
            "(s.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM imports i WHERE i.file_id = "
            "s.file_id) AND NOT EXISTS (SELECT 1 FROM exports e WHERE e.file_id = s.file_id))) "
            "ORDER BY s.file_id, s.line, s.col, s.id",
            (name,),
        )

    def base_of(self, class_id: SymbolId) -> SymbolId | None:
        row = self._db.execute(
            "SELECT target_id FROM edges WHERE source_id = ? AND kind = 'extends' "
            "ORDER BY line, col",
            (class_id,),
        ).fetchone()
        return None if row is None else int(row[0])

    def same_named(self, symbol_id: SymbolId) -> Sequence[SymbolId]:
        return self._ids(
            "SELECT o.id FROM symbols s JOIN symbols o ON o.file_id = s.file_id "
            "AND o.qualified_name = s.qualified_name WHERE s.id = ? ORDER BY o.line, o.col, o.id",
            (symbol_id,),
        )

    def _ids(self, sql: str, parameters: Parameters) -> list[SymbolId]:
        return [int(sid) for (sid,) in self._db.execute(sql, parameters)]


def _of_file(column: str, file: FileId | None) -> tuple[str, Parameters]:
    """The WHERE clause (and its parameter) that keeps the rows of one file, if given."""
    return ("", ()) if file is None else (f"WHERE {column} = ? ", (file,))


def _first_per_name(rows: Iterator[tuple[str, int]]) -> dict[str, SymbolId]:
    """Name -> id, the first row of each name winning."""
    found: dict[str, SymbolId] = {}
    for name, sid in rows:
        found.setdefault(name, sid)
    return found
