"""Counts: how much of each kind the graph holds, for the project overview."""

from __future__ import annotations

from code_graph.records import FailureRecord, Totals
from code_graph.store.connection import UsesConnection


class SqliteCounts(UsesConnection):
    """`query.ports.CountReads` over SQLite."""

    def _count(self, sql: str) -> int:
        return int(self._db.execute(sql).fetchone()[0])

    def _grouped(self, key: str, table: str, where: str = "") -> dict[str, int]:
        """Row counts of `table` by `key`, the largest group first."""
        rows = self._db.execute(
            f"SELECT {key}, COUNT(*) FROM {table} {where}GROUP BY {key} ORDER BY COUNT(*) DESC"
        )
        return {str(group): int(count) for group, count in rows}

    def totals(self) -> Totals:
        count = self._count
        return Totals(
            files=count("SELECT COUNT(*) FROM files"),
            symbols=count("SELECT COUNT(*) FROM symbols"),
            imports=count("SELECT COUNT(*) FROM imports"),
            import_names=count("SELECT COUNT(*) FROM import_names"),
            exports=count("SELECT COUNT(*) FROM exports"),
            references=count("SELECT COUNT(*) FROM refs"),
            files_with_syntax_errors=count(
                "SELECT COUNT(*) FROM files WHERE syntax_error_count > 0"
            ),
            skipped=count("SELECT COUNT(*) FROM skipped"),
        )

    def declaration_files(self) -> int:
        return self._count("SELECT COUNT(*) FROM files WHERE is_declaration = 1")

    def files_by_language(self) -> dict[str, int]:
        return self._grouped("language", "files")

    def symbols_by_kind(self) -> dict[str, int]:
        return self._grouped("kind", "symbols")

    def imports_by_kind(self) -> dict[str, int]:
        return self._grouped("kind", "imports")

    def imports_by_method(self) -> dict[str, int]:
        """Imports by resolution method (`pending`: not resolved yet)."""
        return self._grouped("COALESCE(method, 'pending')", "imports")

    def unresolved_by_reason(self) -> dict[str, int]:
        return self._grouped("reason", "imports", "WHERE reason IS NOT NULL ")

    def skipped_by_reason(self) -> dict[str, int]:
        return self._grouped("reason", "skipped")

    def top_packages(self, limit: int) -> list[tuple[str, int]]:
        """External packages by number of importing files, most used first."""
        where = "FROM imports WHERE package IS NOT NULL AND method = 'external'"
        return self._ranked("package", "file_id", where, limit)

    def most_imported_files(self, limit: int) -> list[tuple[str, int]]:
        """Files by number of distinct importing files, most imported first."""
        joined = "FROM imports i JOIN files f ON f.id = i.target_file_id"
        return self._ranked("f.path", "i.file_id", joined, limit)

    def _ranked(self, name: str, importer: str, rows: str, limit: int) -> list[tuple[str, int]]:
        """The `limit` values of `name` with the most distinct `importer`s among `rows`."""
        sql = (
            f"SELECT {name}, COUNT(DISTINCT {importer}) AS importers {rows} "
            f"GROUP BY {name} ORDER BY importers DESC, {name} LIMIT ?"
        )
        return [(str(value), int(count)) for value, count in self._db.execute(sql, (limit,))]

    def failures(self) -> list[FailureRecord]:
        """Every file where extraction, resolution or linking raised, by path and stage."""
        rows = self._db.execute(
            "SELECT path, 'extract', 1, detail FROM skipped WHERE reason = 'extract-failed' "
            "UNION ALL "
            "SELECT f.path, 'resolve', COUNT(*), MIN(i.detail) FROM imports i "
            "JOIN files f ON f.id = i.file_id WHERE i.reason = 'internal-error' GROUP BY f.path "
            "UNION ALL "
            "SELECT f.path, 'link', COUNT(*), MIN(l.detail) FROM link_failures l "
            "JOIN files f ON f.id = l.file_id GROUP BY f.path"
        )
        order = {"extract": 0, "resolve": 1, "link": 2}
        found = [FailureRecord(str(p), str(s), int(c), str(d)) for p, s, c, d in rows]
        return sorted(found, key=lambda row: (row.path, order[row.stage]))
