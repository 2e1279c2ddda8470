"""Files: what is indexed, their exports, and the project layout the resolver saw."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from code_graph.model import WorkspacePackage
from code_graph.records import FileId, FileRecord, StoredExport, SyntaxErrorFile
from code_graph.store.connection import Connection, Parameters, UsesConnection
from code_graph.store.sql import chunked, like_escape

_FILE = (
    "SELECT id, path, language, is_declaration, syntax_error_count, size, mtime_ns, "
    "content_hash FROM files "
)
_EXPORT = (
    "SELECT f.path, e.exported_name, e.local_name, e.kind, e.line, e.type_only, e.symbol_id "
    "FROM exports e JOIN files f ON f.id = e.file_id "
)


def file_ids(db: Connection, paths: Iterable[str] | None = None) -> dict[str, FileId]:
    """Path -> file id, of every stored file or of those among `paths`."""
    if paths is None:
        return {str(path): int(id_) for path, id_ in db.execute("SELECT path, id FROM files")}
    sql = "SELECT path, id FROM files WHERE path IN ({marks})"
    rows = chunked(
        sorted(set(paths)), lambda chunk, marks: db.execute(sql.format(marks=marks), chunk)
    )
    return {str(path): int(id_) for path, id_ in rows}


class SqliteFiles(UsesConnection):
    """`query.ports.FileReads` over SQLite."""

    def _records(self, where: str = "", parameters: Parameters = ()) -> list[FileRecord]:
        rows = self._db.execute(f"{_FILE}{where} ORDER BY path", parameters)
        return [
            FileRecord(id_, path, language, bool(declaration), errors, size, mtime, digest)
            for id_, path, language, declaration, errors, size, mtime, digest in rows
        ]

    def by_path(self, paths: Iterable[str] | None = None) -> dict[str, FileRecord]:
        """Every indexed file, or those at or under `paths` (files or folders), by path."""
        if paths is None:
            return {record.path: record for record in self._records()}
        found = {
            record.path: record
            for path in paths
            for record in self._records(
                "WHERE path = ? OR path LIKE ? ESCAPE '!'", (path, like_escape(path) + "/%")
            )
        }
        return dict(sorted(found.items()))

    def record(self, path: str) -> FileRecord | None:
        found = self._records("WHERE path = ?", (path,))
        return found[0] if found else None

    def exists(self, path: str) -> bool:
        return (
            self._db.execute("SELECT 1 FROM files WHERE path = ?", (path,)).fetchone() is not None
        )

    def paths(self) -> list[str]:
        """Every indexed path, sorted."""
        return [str(path) for (path,) in self._db.execute("SELECT path FROM files ORDER BY path")]

    def ids(self, paths: Iterable[str] | None = None) -> dict[str, FileId]:
        """Path -> file id, of every stored file or of those among `paths`."""
        return file_ids(self._db, paths)

    def paths_of(self, ids: Sequence[FileId]) -> dict[FileId, str]:
        """File id -> path of the files `ids`."""
        sql = "SELECT id, path FROM files WHERE id IN ({marks})"
        rows = chunked(ids, lambda chunk, marks: self._db.execute(sql.format(marks=marks), chunk))
        return {int(id_): str(path) for id_, path in rows}

    def paths_by_id(self) -> dict[FileId, str]:
        """File id -> path of every indexed file."""
        return {int(id_): str(path) for id_, path in self._db.execute("SELECT id, path FROM files")}

    def _exports(self, where: str, parameters: Parameters, order: str) -> list[StoredExport]:
        rows = self._db.execute(f"{_EXPORT}{where} ORDER BY {order}", parameters)
        return [
            StoredExport(path, exported, local, kind, line, bool(type_only), symbol)
            for path, exported, local, kind, line, type_only, symbol in rows
        ]

    def exports(self) -> list[StoredExport]:
        """Every file's own exports, by file and line."""
        return self._exports("", (), "f.path, e.line, e.exported_name")

    def exports_of(self, path: str) -> list[StoredExport]:
        """A file's own exports, by line."""
        return self._exports("WHERE f.path = ?", (path,), "e.line")

    def with_syntax_errors(
        self, limit: int | None = None, *, unparsed_only: bool = False, path: str | None = None
    ) -> list[SyntaxErrorFile]:
        """Files with syntax errors, most unparsed lines first (then by path); only those with
        unparsed lines when `unparsed_only`, only `path` when given."""
        where = "f.syntax_error_lines > 0" if unparsed_only else "f.syntax_error_count > 0"
        parameters: Parameters = ()
        if path is not None:
            where, parameters = where + " AND f.path = ?", (path,)
        rows = self._db.execute(
            "SELECT f.path, f.syntax_error_count, f.syntax_error_lines, f.recovered_declarations, "
            "e.line, e.col, e.message FROM files f JOIN syntax_errors e ON e.file_id = f.id "
            f"WHERE {where} ORDER BY f.syntax_error_lines DESC, f.path, e.line, e.col",
            parameters,
        )
        found: list[SyntaxErrorFile] = []
        for row in map(SyntaxErrorFile._make, rows):
            if found and found[-1].path == row.path:
                continue  # the file's first error only
            if limit is not None and len(found) == limit:
                break
            found.append(row)
        return found

    def unparsed_count(self) -> int:
        """How many files have lines no parse made sense of."""
        row = self._db.execute("SELECT COUNT(*) FROM files WHERE syntax_error_lines > 0")
        return int(row.fetchone()[0])

    def workspace_packages(self) -> list[WorkspacePackage]:
        """The workspace packages the last full resolution found, by folder."""
        rows = self._db.execute(
            "SELECT name, directory, root FROM workspace_packages ORDER BY directory"
        )
        return [WorkspacePackage(str(name), str(folder), str(root)) for name, folder, root in rows]

    def config_files(self) -> list[str]:
        """The resolver configs (tsconfig, package.json, ...) the last index found."""
        rows = self._db.execute("SELECT path FROM config_files ORDER BY position")
        return [str(path) for (path,) in rows]
