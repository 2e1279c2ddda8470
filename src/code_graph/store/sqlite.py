"""The SQLite store: opening, locking, migrating, and the one place that writes facts.

Layout: `<root>/.code-graph/graph.db` (WAL, synchronous=NORMAL) and `write.lock`, an
advisory lock held by the single writer for the whole of an index or update run.
Readers never take the lock: WAL lets them read the last committed state while a write
is under way.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple, TypeVar

from code_graph.errors import StoreDamagedError, StoreError, StoreLockedError, StoreMissingError
from code_graph.memory import release_free_memory
from code_graph.model import ImportKind, LinkFailure, Resolution, SkippedFile, SourceFile
from code_graph.store.rows import FileRows, SymbolRow
from code_graph.store.schema import APPLICATION_NAME, MIGRATIONS, SCHEMA_VERSION

T = TypeVar("T")
STORE_DIR = ".code-graph"
DB_NAME = "graph.db"
LOCK_NAME = "write.lock"
DAMAGED_NAME = (
    "damaged"  # left by a reader that found the database damaged: the next writer rebuilds
)


# What reading a damaged file raises: SQLite's errors, or text columns that are not UTF-8.
_UNREADABLE = (sqlite3.DatabaseError, UnicodeDecodeError)

IN_CHUNK = 500  # values per `IN (...)` list: well under every database's parameter limit


def in_chunks(values: Sequence[T]) -> Iterator[tuple[tuple[T, ...], str]]:
    """`values` in chunks, each with its `?, ?, ...` placeholder list for an `IN (...)`."""
    for start in range(0, len(values), IN_CHUNK):
        chunk = tuple(values[start : start + IN_CHUNK])
        yield chunk, ", ".join("?" for _ in chunk)


def like_escape(text: str) -> str:
    """`text` as a literal inside a LIKE pattern written with `ESCAPE '!'`."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


@dataclass(frozen=True, slots=True)
class StoredFile:
    """What the store remembers about a file for freshness checks."""

    id: int
    size: int
    mtime_ns: int
    content_hash: str


@dataclass(frozen=True, slots=True)
class ImportToResolve:
    id: int
    importer: str
    specifier: str
    kind: ImportKind  # the resolver's mode (`require` or `import` conditions) depends on it


class EdgeRow(NamedTuple):
    """A symbol edge to store: `source_id` None is the top-level code of the file."""

    source_id: int | None
    target_id: int
    file_id: int
    kind: str
    method: str
    line: int
    column: int
    via: str | None  # the barrels passed through, one path per line


@dataclass(frozen=True, slots=True)
class OpenReport:
    """How opening went: whether the store was created or rebuilt, and why."""

    created: bool = False
    rebuilt_because: str | None = None


def store_dir(root: Path) -> Path:
    return root / STORE_DIR


def db_path(root: Path) -> Path:
    return store_dir(root) / DB_NAME


_CONNECTION_SERIALS = itertools.count()  # never reused in a process, unlike id() of a Store


class Store:
    """A connection to one project's graph database."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self._db = connection
        self.path = path
        self._serial = next(_CONNECTION_SERIALS)

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for the read modules of this package only."""
        return self._db

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open_for_reading(cls, root: Path, *, cache_kib: int = 16000) -> Store:
        """Open an existing store for reading (`cache_kib`: SQLite page cache size).

        Raises:
            StoreMissingError: the project has no index.
            StoreError: the file is not a code-graph store of this version.
        """
        path = db_path(root)
        if not path.is_file():
            _refuse_folder(path)
            raise StoreMissingError(str(root))
        try:
            connection = _connect(str(path), cache_kib)
        except _UNREADABLE as e:
            raise StoreError(f"{path}: unreadable ({e}); run `code-graph index {root}`") from e
        store = cls(connection, str(path))
        problem = store._schema_problem()
        if problem is not None:
            connection.close()
            raise StoreError(f"{path}: {problem}; run `code-graph index {root}` to rebuild it")
        return store

    @classmethod
    def open_for_writing(
        cls, root: Path, *, rebuild_because: str | None = None
    ) -> tuple[Store, OpenReport]:
        """Open (creating, migrating or rebuilding) the store. Caller must hold the lock.

        The store is rebuilt empty when it is not a readable code-graph store of a known
        schema, when a reader left word that it is damaged, or when `rebuild_because` is given.

        Raises:
            StoreError: the store's folder or file is in the way (not a folder, not a file).
        """
        folder = store_dir(root)
        make_store_dir(folder)
        _write_store_gitignore(folder)
        path = db_path(root)
        _refuse_folder(path)
        created = not path.exists()
        store: Store | None = None
        problem = rebuild_because or _take_damage_note(folder)
        try:
            store = cls(_connect(str(path)), str(path))
            problem = problem or store._migrate()
        except _UNREADABLE as e:
            problem = f"not a readable database ({e})"
        if store is not None and problem is None:
            return store, OpenReport(created=created)
        if store is not None:
            store.close()
        _remove_database(path)
        fresh = cls(_connect(str(path)), str(path))
        fresh._migrate()
        return fresh, OpenReport(created=created, rebuilt_because=problem)

    def close(self) -> None:
        self._db.close()

    def _schema_problem(self) -> str | None:
        try:
            rows = dict(self._db.execute("SELECT name, value FROM meta").fetchall())
        except _UNREADABLE as e:
            return f"not a code-graph store ({e})"
        if rows.get("application") != APPLICATION_NAME:
            return "not a code-graph store"
        if rows.get("schema_version") != str(SCHEMA_VERSION):
            return f"schema version {rows.get('schema_version')} (this code-graph uses {SCHEMA_VERSION})"
        return None

    def _migrate(self) -> str | None:
        """Bring the schema to SCHEMA_VERSION. Returns why the file must be rebuilt, if so."""
        tables = {
            row[0]
            for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables:
            version = 0
        else:
            if "meta" not in tables:
                return "not a code-graph store (no meta table)"
            meta = dict(self._db.execute("SELECT name, value FROM meta").fetchall())
            if meta.get("application") != APPLICATION_NAME:
                return "not a code-graph store"
            try:
                version = int(meta.get("schema_version", "x"))
            except ValueError:
                return "unreadable schema version"
            if version > SCHEMA_VERSION:
                return f"made by a newer code-graph (schema {version} > {SCHEMA_VERSION})"
        if version == SCHEMA_VERSION:
            return None
        with self.atomic():
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    self._db.execute(statement)
            self._set_meta_unlocked("application", APPLICATION_NAME)
            self._set_meta_unlocked("schema_version", str(SCHEMA_VERSION))
        return None

    # -- transactions ----------------------------------------------------------------------

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One write transaction: everything inside commits together or not at all."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextlib.contextmanager
    def bulk_load(self, tables: Iterable[str] | None = None) -> Iterator[None]:
        """Fill empty tables (all, or `tables`) faster, inside the caller's transaction: their
        secondary indexes are dropped while rows go in and each is built once at the end."""
        statements = self.drop_indexes(tables)
        yield
        self.create_indexes(statements)

    def drop_indexes(self, tables: Iterable[str] | None = None) -> list[str]:
        """Drop the secondary indexes of every table (or of `tables`), inside the caller's
        transaction, before a bulk load; returns the statements that build them again."""
        wanted = None if tables is None else set(tables)
        indexes = [
            (name, sql)
            for name, table, sql in self._db.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master "
                "WHERE type = 'index' AND sql IS NOT NULL"
            )
            if wanted is None or table in wanted
        ]
        for name, _ in indexes:
            self._db.execute(f"DROP INDEX {name}")
        return [sql for _, sql in indexes]

    def create_indexes(self, statements: Iterable[str]) -> None:
        for sql in statements:
            self._db.execute(sql)

    @contextlib.contextmanager
    def creating_indexes(self, statements: Sequence[str]) -> Iterator[None]:
        """Build dropped indexes in a background thread while the caller's block runs; the
        block must not use this store meanwhile. SQLite builds them without holding the GIL,
        so pure Python work in the block costs almost no extra time. When the block ends,
        waits for the build and raises its error, if any."""
        if not statements:
            yield
            return
        failures: list[BaseException] = []

        def build() -> None:
            try:
                self.create_indexes(statements)
            except BaseException as e:  # re-raised in the caller's thread below
                failures.append(e)

        thread = threading.Thread(target=build, name="code-graph-indexes", daemon=True)
        thread.start()
        try:
            yield
        finally:
            thread.join()
            release_free_memory()  # the build's sort buffers, freed in its thread's own arena
        if failures:
            raise failures[0]

    def state_token(self) -> tuple[int, int, int]:
        """Equal tokens mean the same database in the same state: answers computed under one
        are still current.

        SQLite keeps the state part itself, so no writer has to cooperate (another process,
        an older code-graph): `data_version` changes when any other connection commits, and
        `total_changes` counts this connection's own writes, which data_version ignores.
        Both are per connection (a fresh one starts at the same values), so the token starts
        with this connection's serial: a value stored in meta on every write would be shared
        by all connections, but goes stale as soon as one writer does not update it.
        """
        version = int(self._db.execute("PRAGMA data_version").fetchone()[0])
        return self._serial, version, self._db.total_changes

    @contextlib.contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """A read transaction: every query inside sees one committed state of the graph,
        even while a writer commits (WAL)."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    # -- meta ------------------------------------------------------------------------------

    def get_meta(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, name: str, value: str) -> None:
        """Set a meta value (inside the caller's transaction)."""
        self._set_meta_unlocked(name, value)

    def _set_meta_unlocked(self, name: str, value: str) -> None:
        self._db.execute("DELETE FROM meta WHERE name = ?", (name,))
        self._db.execute("INSERT INTO meta (name, value) VALUES (?, ?)", (name, value))

    # -- freshness -------------------------------------------------------------------------

    def stored_files(self, paths: Iterable[str] | None = None) -> dict[str, StoredFile]:
        """Every stored file, or only those at or under `paths` (files or folders)."""
        select = "SELECT path, id, size, mtime_ns, content_hash FROM files"
        if paths is None:
            rows = self._db.execute(select).fetchall()
        else:
            rows = [
                row
                for path in paths
                for row in self._db.execute(
                    f"{select} WHERE path = ? OR path LIKE ? ESCAPE '!'",
                    (path, like_escape(path) + "/%"),
                )
            ]
        return {
            path: StoredFile(id_, size, mtime, digest) for path, id_, size, mtime, digest in rows
        }

    def file_set_version(self) -> str:
        """Changes whenever a file is added or removed (not when one is only edited)."""
        return self.get_meta("file_set") or "0"

    def _file_set_changed(self) -> None:
        self._set_meta_unlocked("file_set", str(int(self.file_set_version()) + 1))

    def update_stat(self, path: str, size: int, mtime_ns: int) -> None:
        """Record a new stat for a file whose content did not change."""
        self._db.execute(
            "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path)
        )

    # -- writing facts ---------------------------------------------------------------------

    def delete_files(self, paths: Iterable[str]) -> None:
        """Remove files and every row they own; imports that pointed at them lose their target."""
        ids = [
            row[0]
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

    def replace_files(self, batch: Iterable[tuple[SourceFile, str, FileRows]]) -> None:
        """Insert or replace files with their facts (inside the caller's transaction)."""
        rows = _RowBuilder(self._next_ids())
        for source, content_hash, facts in batch:
            existing = self._db.execute(
                "SELECT id FROM files WHERE path = ?", (source.path,)
            ).fetchone()
            reusable: dict[tuple[str, str, int], int] = {}
            if existing is not None:
                reusable = self._symbol_ids(existing[0])
                self._delete_rows([existing[0]])
                self._db.execute("DELETE FROM files WHERE id = ?", (existing[0],))
            rows.add(source, content_hash, facts, existing[0] if existing else None, reusable)
        if rows.new_files:
            self._file_set_changed()
        rows.write(self._db)

    def _symbol_ids(self, file_id: int) -> dict[tuple[str, str, int], int]:
        """Ids of a file's symbols by (qualified name, kind, occurrence), to keep them stable:
        edges from other files into symbols that survive an edit stay valid."""
        ids: dict[tuple[str, str, int], int] = {}
        rows = self._db.execute(
            "SELECT id, qualified_name, kind FROM symbols WHERE file_id = ? ORDER BY id", (file_id,)
        )
        for symbol_id, qualified_name, kind in rows:
            occurrence = 0
            while (qualified_name, kind, occurrence) in ids:
                occurrence += 1
            ids[(qualified_name, kind, occurrence)] = symbol_id
        return ids

    def _delete_rows(self, file_ids: list[int]) -> None:
        tables = (
            "syntax_errors",
            "symbols",
            "imports",
            "import_names",
            "exports",
            "refs",
            "edges",
            "link_failures",
        )
        for table in tables:
            self._db.executemany(f"DELETE FROM {table} WHERE file_id = ?", [(i,) for i in file_ids])

    def _next_ids(self) -> dict[str, int]:
        next_ids = {}
        for table in ("files", "symbols", "imports"):
            row = self._db.execute(f"SELECT MAX(id) FROM {table}").fetchone()
            next_ids[table] = (row[0] or 0) + 1
        return next_ids

    def replace_skipped(self, skipped: Iterable[SkippedFile]) -> None:
        self._db.execute("DELETE FROM skipped")
        self._db.executemany(
            "INSERT INTO skipped (path, reason, detail) VALUES (?, ?, ?)",
            [(skip.path, skip.reason.value, skip.detail) for skip in skipped],
        )

    def clear_edges(self) -> None:
        """Drop every symbol edge and link failure (inside the caller's transaction), before
        a full link."""
        self._db.execute("DELETE FROM edges")
        self._db.execute("DELETE FROM link_failures")

    def delete_edges_of(self, paths: Iterable[str]) -> None:
        """Drop the edges and link failures written in `paths` (before relinking them)."""
        for table in ("edges", "link_failures"):
            self._db.executemany(
                f"DELETE FROM {table} WHERE file_id IN (SELECT id FROM files WHERE path = ?)",
                [(path,) for path in paths],
            )

    def insert_link_failures(self, failures: Iterable[LinkFailure]) -> None:
        """Record references whose linking raised (their files must be stored)."""
        self._db.executemany(
            "INSERT INTO link_failures (file_id, line, name, detail) "
            "SELECT id, ?, ?, ? FROM files WHERE path = ?",
            [(f.line, f.name, f.error, f.file) for f in failures],
        )

    def file_ids(self, paths: Iterable[str] | None = None) -> dict[str, int]:
        """Path -> file id, of every stored file or of those among `paths`."""
        if paths is None:
            return dict(self._db.execute("SELECT path, id FROM files"))
        ids: dict[str, int] = {}
        for chunk, marks in in_chunks(sorted(set(paths))):
            ids.update(
                self._db.execute(f"SELECT path, id FROM files WHERE path IN ({marks})", chunk)
            )
        return ids

    def insert_edges(self, edges: Iterable[EdgeRow]) -> None:
        self._db.executemany(
            "INSERT INTO edges (source_id, target_id, file_id, kind, method, line, col, via) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            edges,
        )

    # -- resolution ------------------------------------------------------------------------

    def imports_to_resolve(
        self, where: str = "", parameters: tuple[object, ...] = ()
    ) -> list[ImportToResolve]:
        """Imports to (re)resolve: all of them, or those matching one of the WHERE_* filters."""
        rows = self._db.execute(
            "SELECT i.id, f.path, i.specifier, i.kind "
            f"FROM imports i JOIN files f ON f.id = i.file_id {where} ORDER BY i.id",
            parameters,
        )
        return [ImportToResolve(i, path, spec, ImportKind(kind)) for i, path, spec, kind in rows]

    def imports_of_files(self, paths: list[str]) -> list[ImportToResolve]:
        found: list[ImportToResolve] = []
        for chunk, marks in in_chunks(paths):
            found += self.imports_to_resolve(f"WHERE f.path IN ({marks})", chunk)
        return found

    def imports_to_recheck(self) -> list[ImportToResolve]:
        """Imports a new file may change: unresolved ones, and those resolved other than by a
        relative path or to a package (aliases, workspaces, baseUrl, `#imports`)."""
        return self.imports_to_resolve(
            "WHERE i.method IS NULL OR i.reason IS NOT NULL OR "
            "(i.method <> 'relative' AND i.method <> 'external' AND i.method <> 'builtin')"
        )

    def imports_ending_with(self, segments: Iterable[str]) -> list[ImportToResolve]:
        """Imports whose specifier's last path segment is one of `segments` (with any extension)."""
        found: list[ImportToResolve] = []
        for segment in sorted(set(segments)):
            escaped = like_escape(segment)
            found += self.imports_to_resolve(
                "WHERE i.specifier = ? OR i.specifier LIKE ? ESCAPE '!' "
                "OR i.specifier LIKE ? ESCAPE '!'",
                (segment, f"%/{escaped}", f"%/{escaped}.%"),
            )
        return found

    def set_resolutions(self, outcomes: Iterable[tuple[int, Resolution]]) -> None:
        file_ids = self.file_ids(outcome.file for _, outcome in outcomes if outcome.file)
        self._db.executemany(
            "UPDATE imports SET method = ?, target_file_id = ?, package = ?, reason = ?, detail = ? "
            "WHERE id = ?",
            [
                (
                    outcome.method.value,
                    file_ids.get(outcome.file) if outcome.file else None,
                    outcome.package,
                    outcome.reason.value if outcome.reason else None,
                    outcome.detail,
                    import_id,
                )
                for import_id, outcome in outcomes
            ],
        )


class _RowBuilder:
    """Gives FileRows their writer-assigned ids, then writes them in bulk."""

    def __init__(self, next_ids: dict[str, int]) -> None:
        self.next_ids = next_ids
        self.files: list[tuple[object, ...]] = []
        self.new_files = 0  # files not stored before
        self.errors: list[tuple[object, ...]] = []
        self.symbols: list[tuple[object, ...]] = []
        self.imports: list[tuple[object, ...]] = []
        self.names: list[tuple[object, ...]] = []
        self.exports: list[tuple[object, ...]] = []
        self.refs: list[tuple[object, ...]] = []

    def _take(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def add(
        self,
        source: SourceFile,
        content_hash: str,
        facts: FileRows,
        file_id: int | None,
        reusable: dict[tuple[str, str, int], int] | None = None,
    ) -> None:
        if file_id is None:
            self.new_files += 1
        fid = file_id if file_id is not None else self._take("files")
        self.files.append(
            (
                fid,
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
        self.errors.extend((fid, *error) for error in facts.syntax_errors)
        ids = self._symbol_ids(facts.symbols, reusable or {})
        self.symbols.extend(
            (sid, fid, *row[:8], None if row[8] is None else ids[row[8]], *row[9:])
            for sid, row in zip(ids, facts.symbols, strict=True)
        )
        for line, specifier, kind, type_only, names in facts.imports:
            iid = self._take("imports")
            self.imports.append((iid, fid, line, specifier, kind, type_only))
            self.names.extend((iid, fid, *name) for name in names)
        self.exports.extend(
            (fid, *row[:5], None if row[5] is None else ids[row[5]]) for row in facts.exports
        )
        self.refs.extend(
            (fid, None if row[0] is None else ids[row[0]], *row[1:]) for row in facts.references
        )

    def _symbol_ids(
        self, symbols: Iterable[SymbolRow], reusable: dict[tuple[str, str, int], int]
    ) -> list[int]:
        """Store ids for a file's symbols: the old id of the same (qualified name, kind,
        occurrence) when the file was stored before, a new one otherwise."""
        ids: list[int] = []
        occurrences: dict[tuple[str, str], int] = {}
        for row in symbols:
            key = (row[1], row[2])
            occurrence = occurrences.get(key, 0)
            occurrences[key] = occurrence + 1
            old = reusable.get((*key, occurrence)) if reusable else None
            ids.append(old if old is not None else self._take("symbols"))
        return ids

    def write(self, db: sqlite3.Connection) -> None:
        db.executemany(
            "INSERT INTO files (id, path, language, is_declaration, size, mtime_ns, content_hash, "
            "syntax_error_count, syntax_error_lines, recovered_declarations) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.files,
        )
        db.executemany(
            "INSERT INTO syntax_errors (file_id, line, col, message) VALUES (?, ?, ?, ?)",
            self.errors,
        )
        db.executemany(
            "INSERT INTO symbols (id, file_id, name, qualified_name, kind, line, col, end_line, "
            "end_col, export_status, parent_id, signature, type_name, callbacks) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.symbols,
        )
        db.executemany(
            "INSERT INTO imports (id, file_id, line, specifier, kind, type_only) VALUES (?, ?, ?, ?, ?, ?)",
            self.imports,
        )
        db.executemany(
            "INSERT INTO import_names (import_id, file_id, name, alias, type_only, line, col) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            self.names,
        )
        db.executemany(
            "INSERT INTO exports (file_id, exported_name, local_name, kind, line, type_only, symbol_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            self.exports,
        )
        db.executemany(
            "INSERT INTO refs (file_id, enclosing_id, name, qualifier, kind, line, col) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            self.refs,
        )


_held_lock_fds: set[int] = set()


def _drop_inherited_locks() -> None:
    """In a forked child (a parse worker), close the write locks' inherited descriptors: a
    flock belongs to the open file, so a worker outliving its killed parent would otherwise
    keep the store locked."""
    for fd in _held_lock_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    _held_lock_fds.clear()


os.register_at_fork(after_in_child=_drop_inherited_locks)


class WriteLock:
    """The advisory lock that makes one process at a time the store's writer."""

    def __init__(self, root: Path, wait_seconds: float = 10.0) -> None:
        self._path = store_dir(root) / LOCK_NAME
        self._wait = wait_seconds
        self._handle: IO[str] | None = None

    def __enter__(self) -> WriteLock:
        make_store_dir(self._path.parent)
        handle = self._path.open("a+", encoding="utf-8")
        deadline = time.monotonic() + self._wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.close()
                    raise StoreLockedError(str(self._path.parent)) from None
                time.sleep(0.05)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle
        _held_lock_fds.add(handle.fileno())
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            _held_lock_fds.discard(self._handle.fileno())
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def _connect(path: str, cache_kib: int = 16000) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA temp_store = MEMORY")
        connection.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
    except _UNREADABLE:
        connection.close()
        raise
    return connection


def is_damage(error: BaseException) -> bool:
    """True when `error` says the database file is damaged (not busy, locked or missing)."""
    if isinstance(error, UnicodeDecodeError):  # a text column whose bytes were overwritten
        return True
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorname", None) or ""
    message = str(error)
    return (
        code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in message
        or "Could not decode" in message
    )


def note_damage(root: Path, error: BaseException) -> None:
    """Leave word that the store is damaged, so the next writer rebuilds it (best effort: a
    reader may not be allowed to write there)."""
    with contextlib.suppress(OSError):
        (store_dir(root) / DAMAGED_NAME).write_text(f"{error}\n", encoding="utf-8")


def damaged_error(root: Path, error: BaseException) -> StoreDamagedError:
    """The error a reader raises for damage it found, after leaving word of it."""
    note_damage(root, error)
    return StoreDamagedError(str(root), str(error))


def make_store_dir(folder: Path) -> None:
    """Create the store's folder.

    Raises:
        StoreError: something that is not a folder is in its place.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StoreError(
            f"{folder} is not a folder; move it away so code-graph can keep its index there"
        ) from None


def _refuse_folder(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a code-graph store; move it away")


def _take_damage_note(folder: Path) -> str | None:
    """Why a reader found the store damaged, if one did; the note is consumed."""
    note = folder / DAMAGED_NAME
    try:
        reason = note.read_text(encoding="utf-8", errors="replace").strip()
        note.unlink()
    except OSError:
        return None
    return f"damaged ({reason})"


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def _write_store_gitignore(folder: Path) -> None:
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text(
            "# created by code-graph: the index is a local cache\n*\n", encoding="utf-8"
        )
