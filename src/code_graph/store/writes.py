"""Every write to the graph: files with their facts, import resolutions, symbol edges, and
the project layout the resolver saw. Each method runs inside the caller's `Store.atomic()`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from code_graph.model import Resolution, SkippedFile, SourceFile, WorkspacePackage
from code_graph.records import FileId
from code_graph.store.batch import RowBatch, SymbolKey, next_ids
from code_graph.store.connection import UsesConnection
from code_graph.store.indexes import bulk_load, create_indexes, creating_indexes, drop_indexes
from code_graph.store.reads.files import file_ids
from code_graph.store.rows import FileRows
from code_graph.store.schema import MetaKey

# Every table holding rows of one file, by `file_id`.
FILE_TABLES = (
    "syntax_errors",
    "symbols",
    "imports",
    "import_names",
    "exports",
    "refs",
    "edges",
    "link_failures",
)


class EdgeRow(NamedTuple):
    """A symbol edge to store: `source_id` None is the top-level code of the file."""

    source_id: int | None
    target_id: int
    file_id: FileId
    kind: str
    method: str
    line: int
    column: int
    via: str | None  # the barrels passed through, one path per line


class LinkFailureRow(NamedTuple):
    """A reference or import name of `file_id` whose linking raised."""

    file_id: FileId
    line: int
    name: str
    detail: str


class Writes(UsesConnection):
    """The store's writer: the only code that changes the graph's tables."""

    # -- bulk loads (see store.indexes) ----------------------------------------------------

    def drop_indexes(self, tables: Iterable[str] | None = None) -> list[str]:
        """Drop the secondary indexes (of `tables`); returns the statements that rebuild them."""
        return drop_indexes(self._db, tables)

    def create_indexes(self, statements: Iterable[str]) -> None:
        create_indexes(self._db, statements)

    @contextlib.contextmanager
    def creating_indexes(self, statements: Sequence[str]) -> Iterator[None]:
        """Build dropped indexes in the background while the block runs without the store."""
        with creating_indexes(self._db, statements):
            yield

    @contextlib.contextmanager
    def bulk_load(self, tables: Iterable[str] | None = None) -> Iterator[None]:
        """Fill empty tables with their indexes dropped, then build them."""
        with bulk_load(self._db, tables):
            yield

    # -- files and their facts -------------------------------------------------------------

    def replace_files(self, batch: Iterable[tuple[SourceFile, str, FileRows]]) -> None:
        """Insert or replace files (with their content hash) and all their facts."""
        self._db.require_transaction("replace_files")
        rows = RowBatch(next_ids(self._db))
        for source, content_hash, facts in batch:
            existing = self._db.execute(
                "SELECT id FROM files WHERE path = ?", (source.path,)
            ).fetchone()
            reusable: dict[SymbolKey, int] = {}
            if existing is not None:
                reusable = self._symbol_ids(existing[0])
                self._delete_rows([existing[0]])
                self._db.execute("DELETE FROM files WHERE id = ?", (existing[0],))
            rows.add(source, content_hash, facts, existing[0] if existing else None, reusable)
        if rows.new_files:
            self._file_set_changed()
        rows.write(self._db)

    def delete_files(self, paths: Iterable[str]) -> None:
        """Remove files and every row they own; imports that pointed at them lose their target."""
        self._db.require_transaction("delete_files")
        ids = [
            int(row[0])
            for path in paths
            for row in self._db.execute("SELECT id FROM files WHERE path = ?", (path,))
        ]
        self._delete_rows(ids)
        if ids:
            self._file_set_changed()
        for file_id in ids:
            self._db.execute("DELETE FROM files WHERE id = ?", (file_id,))
            self._db.execute(
                "UPDATE imports SET target_file_id = NULL, method = NULL WHERE target_file_id = ?",
                (file_id,),
            )

    def update_stat(self, path: str, size: int, mtime_ns: int) -> None:
        """Record a new stat for a file whose content did not change."""
        self._db.require_transaction("update_stat")
        self._db.execute(
            "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path)
        )

    def replace_skipped(self, skipped: Iterable[SkippedFile]) -> None:
        """The files the last run could not index, and why."""
        self._db.require_transaction("replace_skipped")
        self._db.execute("DELETE FROM skipped")
        self._db.executemany(
            "INSERT INTO skipped (path, reason, detail) VALUES (?, ?, ?)",
            [(skip.path, skip.reason.value, skip.detail) for skip in skipped],
        )

    def _symbol_ids(self, file_id: int) -> dict[SymbolKey, int]:
        """Ids of a file's symbols by (qualified name, kind, occurrence)."""
        ids: dict[SymbolKey, int] = {}
        rows = self._db.execute(
            "SELECT id, qualified_name, kind FROM symbols WHERE file_id = ? ORDER BY id", (file_id,)
        )
        for symbol_id, qualified_name, kind in rows:
            occurrence = 0
            while (qualified_name, kind, occurrence) in ids:
                occurrence += 1
            ids[(qualified_name, kind, occurrence)] = symbol_id
        return ids

    def _delete_rows(self, ids: Sequence[int]) -> None:
        for table in FILE_TABLES:
            self._db.executemany(f"DELETE FROM {table} WHERE file_id = ?", [(i,) for i in ids])

    def _file_set_changed(self) -> None:
        version = self._db.get_meta(MetaKey.FILE_SET) or "0"
        self._db.set_meta(MetaKey.FILE_SET, str(int(version) + 1))

    # -- resolutions -----------------------------------------------------------------------

    def set_resolutions(self, outcomes: Sequence[tuple[int, Resolution]]) -> None:
        """Record the outcome of resolving each import (by import id)."""
        self._db.require_transaction("set_resolutions")
        ids = file_ids(self._db, [outcome.file for _, outcome in outcomes if outcome.file])
        self._db.executemany(
            "UPDATE imports SET method = ?, target_file_id = ?, package = ?, reason = ?, detail = ? "
            "WHERE id = ?",
            [
                (
                    outcome.method.value,
                    ids.get(outcome.file) if outcome.file else None,
                    outcome.package,
                    outcome.reason.value if outcome.reason else None,
                    outcome.detail,
                    import_id,
                )
                for import_id, outcome in outcomes
            ],
        )

    def replace_layout(
        self, configs: Iterable[str], workspaces: Iterable[WorkspacePackage]
    ) -> None:
        """The resolver configs and the workspace packages the resolution saw."""
        self._db.require_transaction("replace_layout")
        self._db.execute("DELETE FROM config_files")
        self._db.executemany(
            "INSERT INTO config_files (position, path) VALUES (?, ?)", enumerate(configs)
        )
        self._db.execute("DELETE FROM workspace_packages")
        self._db.executemany(
            "INSERT INTO workspace_packages (name, directory, root) VALUES (?, ?, ?)",
            [(p.name, p.directory, p.root) for p in workspaces],
        )

    # -- symbol edges ----------------------------------------------------------------------

    def clear_edges(self) -> None:
        """Drop every symbol edge and link failure, before a full link."""
        self._db.require_transaction("clear_edges")
        self._db.execute("DELETE FROM edges")
        self._db.execute("DELETE FROM link_failures")

    def delete_edges_of(self, ids: Sequence[FileId]) -> None:
        """Drop the edges and link failures written in the files `ids` (before relinking)."""
        self._db.require_transaction("delete_edges_of")
        for table in ("edges", "link_failures"):
            self._db.executemany(f"DELETE FROM {table} WHERE file_id = ?", [(i,) for i in ids])

    def insert_edges(self, edges: Iterable[EdgeRow]) -> None:
        """Add symbol edges (after `clear_edges` or `delete_edges_of` their files)."""
        self._db.require_transaction("insert_edges")
        self._db.executemany(
            "INSERT INTO edges (source_id, target_id, file_id, kind, method, line, col, via) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            edges,
        )

    def insert_link_failures(self, failures: Iterable[LinkFailureRow]) -> None:
        """Record the references and import names whose linking raised."""
        self._db.require_transaction("insert_link_failures")
        self._db.executemany(
            "INSERT INTO link_failures (file_id, line, name, detail) VALUES (?, ?, ?, ?)",
            failures,
        )
