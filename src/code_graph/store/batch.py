"""Giving a batch of files' rows their writer-assigned ids, then writing them in bulk.

Ids come from the single writer, not the database, so rows that point at each other (a
symbol at its parent, an export or reference at its symbol) go in with one `executemany` per
table. A file stored before keeps its id and its surviving symbols' ids (by qualified name,
kind and occurrence), so edges from other files into them stay valid across an edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from code_graph.model import SourceFile
from code_graph.store.connection import Connection
from code_graph.store.rows import FileRows, SymbolRow

SymbolKey = tuple[str, str, int]  # (qualified name, kind, occurrence)
FileInsert = tuple[int, str, str, int, int, int, str, int, int, int]
ErrorInsert = tuple[int, int, int, str]
SymbolInsert = tuple[
    int, int, str, str, str, int, int, int, int, str, str, str | None, str | None, int | None
]
ImportInsert = tuple[int, int, int, str, str, int]
NameInsert = tuple[int, int, str, str | None, int, int, int]
ExportInsert = tuple[int, str, str | None, str, int, int, int | None]
RefInsert = tuple[int, int | None, str, str | None, str, int, int]


def next_ids(db: Connection) -> dict[str, int]:
    """The next free id of each table whose ids the writer assigns."""
    return {
        table: (db.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0) + 1
        for table in ("files", "symbols", "imports")
    }


class RowBatch:
    """Rows of several files, ids assigned, ready for one bulk insert per table."""

    def __init__(self, next_id: dict[str, int]) -> None:
        self._next_id = next_id
        self.new_files = 0  # files not stored before
        self._files: list[FileInsert] = []
        self._errors: list[ErrorInsert] = []
        self._symbols: list[SymbolInsert] = []
        self._imports: list[ImportInsert] = []
        self._names: list[NameInsert] = []
        self._exports: list[ExportInsert] = []
        self._refs: list[RefInsert] = []

    def _take(self, table: str) -> int:
        value = self._next_id[table]
        self._next_id[table] = value + 1
        return value

    def add(
        self,
        source: SourceFile,
        content_hash: str,
        facts: FileRows,
        file_id: int | None,
        reusable: Mapping[SymbolKey, int],
    ) -> None:
        """Add one file's rows: `file_id` and `reusable` symbol ids when it was stored before."""
        if file_id is None:
            self.new_files += 1
            file_id = self._take("files")
        self._files.append(
            (
                file_id,
                source.path,
                facts.language,
                facts.is_declaration,
                source.size,
                source.mtime_ns,
                content_hash,
                facts.syntax_error_count,
                facts.syntax_error_lines,
                facts.recovered_declarations,
            )
        )
        self._errors.extend(
            (file_id, line, col, message) for line, col, message in facts.syntax_errors
        )
        ids = self._symbol_ids(facts.symbols, reusable)
        self._symbols.extend(
            (sid, file_id, *row, None if parent is None else ids[parent])
            for sid, row, parent in zip(ids, facts.symbols, facts.parents, strict=True)
        )
        for line, specifier, kind, type_only, names in facts.imports:
            import_id = self._take("imports")
            self._imports.append((import_id, file_id, line, specifier, kind, type_only))
            self._names.extend((import_id, file_id, *name) for name in names)
        self._exports.extend(
            (
                file_id,
                exported,
                local,
                kind,
                line,
                type_only,
                None if symbol is None else ids[symbol],
            )
            for exported, local, kind, line, type_only, symbol in facts.exports
        )
        self._refs.extend(
            (
                file_id,
                None if enclosing is None else ids[enclosing],
                name,
                qualifier,
                kind,
                line,
                col,
            )
            for enclosing, name, qualifier, kind, line, col in facts.references
        )

    def _symbol_ids(
        self, symbols: Sequence[SymbolRow], reusable: Mapping[SymbolKey, int]
    ) -> list[int]:
        """Store ids for a file's symbols: the old id of the same (qualified name, kind,
        occurrence) when the file was stored before, a new one otherwise."""
        ids: list[int] = []
        occurrences: dict[tuple[str, str], int] = {}
        for _name, qualified_name, kind, *_ in symbols:
            key = (qualified_name, kind)
            occurrence = occurrences.get(key, 0)
            occurrences[key] = occurrence + 1
            old = reusable.get((*key, occurrence)) if reusable else None
            ids.append(old if old is not None else self._take("symbols"))
        return ids

    def write(self, db: Connection) -> None:
        """Insert every row added, one `executemany` per table."""
        db.executemany(
            "INSERT INTO files (id, path, language, is_declaration, size, mtime_ns, content_hash, "
            "syntax_error_count, syntax_error_lines, recovered_declarations) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self._files,
        )
        db.executemany(
            "INSERT INTO syntax_errors (file_id, line, col, message) VALUES (?, ?, ?, ?)",
            self._errors,
        )
        db.executemany(
            "INSERT INTO symbols (id, file_id, name, qualified_name, kind, line, col, end_line, "
            "end_col, export_status, signature, type_name, callbacks, parent_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self._symbols,
        )
        db.executemany(
            "INSERT INTO imports (id, file_id, line, specifier, kind, type_only) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            self._imports,
        )
        db.executemany(
            "INSERT INTO import_names (import_id, file_id, name, alias, type_only, line, col) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            self._names,
        )
        db.executemany(
            "INSERT INTO exports (file_id, exported_name, local_name, kind, line, type_only, "
            "symbol_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            self._exports,
        )
        db.executemany(
            "INSERT INTO refs (file_id, enclosing_id, name, qualifier, kind, line, col) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            self._refs,
        )
