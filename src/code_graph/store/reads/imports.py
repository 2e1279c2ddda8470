"""Imports: statements with their resolution, their bound names, and the file graph."""

from __future__ import annotations

from collections.abc import Sequence

from code_graph.records import ImportEdge, StoredImport, StoredImportName
from code_graph.store.connection import Parameters, UsesConnection
from code_graph.store.sql import chunked, like_prefix

_IMPORT = (
    "SELECT i.id, f.path, i.line, i.specifier, i.kind, i.type_only, i.method, t.path, "
    "i.package, i.reason, i.detail "
)
_BY_IMPORTER = (
    "FROM imports i JOIN files f ON f.id = i.file_id LEFT JOIN files t ON t.id = i.target_file_id "
)
_BY_TARGET = (  # when the WHERE names targets: their paths are indexed
    "FROM files t JOIN imports i ON i.target_file_id = t.id JOIN files f ON f.id = i.file_id "
)
_UNRESOLVED = "WHERE i.reason IS NOT NULL"
_UNDER = " AND f.path LIKE ? ESCAPE '!'"


class SqliteImports(UsesConnection):
    """`query.ports.ImportReads` over SQLite."""

    def _imports(
        self, where: str = "", parameters: Parameters = (), joins: str = _BY_IMPORTER
    ) -> list[StoredImport]:
        rows = self._db.execute(
            f"{_IMPORT}{joins}{where} ORDER BY f.path, i.line, i.id", parameters
        )
        return [
            StoredImport(id_, path, line, spec, kind, bool(t), method, target, package, why, detail)
            for id_, path, line, spec, kind, t, method, target, package, why, detail in rows
        ]

    def all(self) -> list[StoredImport]:
        """Every import, by importer and line."""
        return self._imports()

    def of_file(self, path: str) -> list[StoredImport]:
        return self._imports("WHERE f.path = ?", (path,))

    def importers_of(self, paths: Sequence[str]) -> list[StoredImport]:
        """The imports that resolved to any of `paths`, by importer and line."""
        return chunked(
            paths,
            lambda chunk, marks: self._imports(f"WHERE t.path IN ({marks})", chunk, _BY_TARGET),
        )

    def unresolved(self, file_prefix: str | None = None) -> list[StoredImport]:
        """Imports with an unresolved reason, of every file or of those under `file_prefix`."""
        if file_prefix:
            return self._imports(_UNRESOLVED + _UNDER, (like_prefix(file_prefix),))
        return self._imports(_UNRESOLVED)

    def unresolved_count(self, file_prefix: str | None = None) -> int:
        sql = f"SELECT COUNT(*) FROM imports i JOIN files f ON f.id = i.file_id {_UNRESOLVED}"
        if file_prefix:
            return int(self._db.execute(sql + _UNDER, (like_prefix(file_prefix),)).fetchone()[0])
        return int(self._db.execute(sql).fetchone()[0])

    def of_packages(self) -> list[StoredImport]:
        """Every import of an external or builtin package, by importer and line."""
        return self._imports("WHERE i.package IS NOT NULL AND i.method IN ('external', 'builtin')")

    def names(self) -> dict[int, list[StoredImportName]]:
        """The names each import binds, by import id (absent: none)."""
        names: dict[int, list[StoredImportName]] = {}
        rows = self._db.execute(
            "SELECT import_id, name, alias, type_only FROM import_names ORDER BY import_id"
        )
        for import_id, name, alias, type_only in rows:
            names.setdefault(import_id, []).append(
                StoredImportName(import_id, name, alias, bool(type_only))
            )
        return names

    def names_of(self, import_ids: Sequence[int]) -> dict[int, list[StoredImportName]]:
        """The names each of `import_ids` binds, in source order (absent: none)."""
        sql = (
            "SELECT import_id, name, alias, type_only FROM import_names "
            "WHERE import_id IN ({marks}) ORDER BY import_id, rowid"
        )
        rows = chunked(
            import_ids, lambda chunk, marks: self._db.execute(sql.format(marks=marks), chunk)
        )
        names: dict[int, list[StoredImportName]] = {}
        for import_id, name, alias, type_only in rows:
            names.setdefault(import_id, []).append(
                StoredImportName(import_id, name, alias, bool(type_only))
            )
        return names

    def name_counts(self, import_ids: Sequence[int]) -> dict[int, int]:
        """How many names each of `import_ids` binds (absent: none)."""
        sql = (
            "SELECT import_id, COUNT(*) FROM import_names WHERE import_id IN ({marks}) "
            "GROUP BY import_id"
        )
        rows = chunked(
            import_ids, lambda chunk, marks: self._db.execute(sql.format(marks=marks), chunk)
        )
        return {int(import_id): int(count) for import_id, count in rows}

    def file_edges(self) -> list[ImportEdge]:
        """Every import that resolved to an indexed file, by importer and line: the whole
        file graph, cheaply (ids, no paths)."""
        rows = self._db.execute(
            "SELECT file_id, target_file_id, line, type_only, id FROM imports "
            "WHERE target_file_id IS NOT NULL ORDER BY file_id, line, id"
        )
        return [
            ImportEdge(importer, target, line, bool(type_only), import_id)
            for importer, target, line, type_only, import_id in rows
        ]
