"""`Store`: one open graph database, with its reads and its writer.

    with Store.open_for_reading(root) as store:       # a query
        store.symbols.named("Cart")
    with WriteLock(root), Store.open_for_writing(root) as store, store.atomic():
        store.write.replace_files(batch)              # an index or update run

Opening for writing creates, migrates or rebuilds the database; opening for reading only
accepts a store of this schema version. Each read family is an attribute implementing the
port its consumer owns (`files`, `symbols`, `edges`, `imports`, `counts` for the queries,
`link` for the linker, `resolution` and `changes` for the indexer); `write` is the writer.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from code_graph.errors import StoreError, StoreMissingError
from code_graph.store.connection import DEFAULT_CACHE_KIB, Connection
from code_graph.store.damage import UNREADABLE, take_damage_note
from code_graph.store.layout import db_path, make_store_dir, refuse_folder, remove_database
from code_graph.store.reads.changes import SqliteChanges
from code_graph.store.reads.counts import SqliteCounts
from code_graph.store.reads.edges import SqliteEdges
from code_graph.store.reads.files import SqliteFiles
from code_graph.store.reads.imports import SqliteImports
from code_graph.store.reads.linking import SqliteLinkFacts
from code_graph.store.reads.resolution import SqliteResolutionQueue
from code_graph.store.reads.symbols import SqliteSymbols
from code_graph.store.schema import APPLICATION_NAME, MIGRATIONS, SCHEMA_VERSION, MetaKey
from code_graph.store.writes import Writes

_SERIALS = itertools.count()  # never reused in a process, unlike id() of a Store


@dataclass(frozen=True, slots=True)
class OpenReport:
    """How opening for writing went: whether the store was created or rebuilt, and why."""

    created: bool = False
    rebuilt_because: str | None = None


class Store:
    """A connection to one project's graph database; close it by leaving its `with`."""

    def __init__(self, db: Connection, opened: OpenReport | None = None) -> None:
        self.connection = db
        self.path = db.path
        self.opened = opened or OpenReport()
        self._serial = next(_SERIALS)
        self.files = SqliteFiles(db)
        self.symbols = SqliteSymbols(db)
        self.edges = SqliteEdges(db)
        self.imports = SqliteImports(db)
        self.counts = SqliteCounts(db)
        self.link = SqliteLinkFacts(db)
        self.resolution = SqliteResolutionQueue(db)
        self.changes = SqliteChanges(db)
        self.write = Writes(db)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open_for_reading(cls, root: Path, *, cache_kib: int = DEFAULT_CACHE_KIB) -> Store:
        """Open an existing store for reading (`cache_kib`: SQLite page cache size).

        Raises:
            StoreMissingError: the project has no index.
            StoreError: the file is not a code-graph store of this version.
        """
        path = db_path(root)
        if not path.is_file():
            refuse_folder(path)
            raise StoreMissingError(str(root))
        try:
            db = Connection(str(path), cache_kib)
        except UNREADABLE as e:
            raise StoreError(f"{path}: unreadable ({e}); run `code-graph index {root}`") from e
        problem = _schema_problem(db)
        if problem is not None:
            db.close()
            raise StoreError(f"{path}: {problem}; run `code-graph index {root}` to rebuild it")
        return cls(db)

    @classmethod
    def open_for_writing(cls, root: Path, *, rebuild_because: str | None = None) -> Store:
        """Open (creating, migrating or rebuilding) the store; `opened` says which. The
        caller holds the write lock.

        The store is rebuilt empty when it is not a readable code-graph store of a known
        schema, when a reader left word that it is damaged, or when `rebuild_because` is given.

        Raises:
            StoreError: the store's folder or file is in the way (not a folder, not a file).
        """
        path = db_path(root)
        make_store_dir(path.parent)
        refuse_folder(path)
        created = not path.exists()
        db: Connection | None = None
        problem = rebuild_because or take_damage_note(root)
        try:
            db = Connection(str(path))
            problem = problem or _migrate(db)
        except UNREADABLE as e:
            problem = f"not a readable database ({e})"
        if db is not None and problem is None:
            return cls(db, OpenReport(created=created))
        if db is not None:
            db.close()
        remove_database(path)
        fresh = Connection(str(path))
        _migrate(fresh)
        return cls(fresh, OpenReport(created=created, rebuilt_because=problem))

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- transactions and state ------------------------------------------------------------

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One write transaction (a savepoint when nested): all of it commits or none."""
        with self.connection.atomic():
            yield

    @contextlib.contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """A read transaction: every query inside sees one committed state of the graph."""
        with self.connection.read_snapshot():
            yield

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
        return (self._serial, *self.connection.state())

    def get_meta(self, name: MetaKey) -> str | None:
        return self.connection.get_meta(name)

    def set_meta(self, name: MetaKey, value: str) -> None:
        """Set a meta value (inside `atomic()`)."""
        self.connection.set_meta(name, value)

    def file_set_version(self) -> str:
        """Changes whenever a file is added or removed (not when one is only edited)."""
        return self.get_meta(MetaKey.FILE_SET) or "0"


def _schema_problem(db: Connection) -> str | None:
    """Why `db` is not a store this code-graph can read, if it is not."""
    try:
        meta = db.meta()
    except UNREADABLE as e:
        return f"not a code-graph store ({e})"
    if meta.get(MetaKey.APPLICATION) != APPLICATION_NAME:
        return "not a code-graph store"
    version = meta.get(MetaKey.SCHEMA_VERSION)
    if version != str(SCHEMA_VERSION):
        return f"schema version {version} (this code-graph uses {SCHEMA_VERSION})"
    return None


def _migrate(db: Connection) -> str | None:
    """Bring the schema to SCHEMA_VERSION. Returns why the file must be rebuilt, if so."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = 0
    if tables:
        if "meta" not in tables:
            return "not a code-graph store (no meta table)"
        meta = db.meta()
        if meta.get(MetaKey.APPLICATION) != APPLICATION_NAME:
            return "not a code-graph store"
        try:
            version = int(meta.get(MetaKey.SCHEMA_VERSION, "x"))
        except ValueError:
            return "unreadable schema version"
        if version > SCHEMA_VERSION:
            return f"made by a newer code-graph (schema {version} > {SCHEMA_VERSION})"
    if version == SCHEMA_VERSION:
        return None
    with db.atomic():
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                db.execute(statement)
        db.set_meta(MetaKey.APPLICATION, APPLICATION_NAME)
        db.set_meta(MetaKey.SCHEMA_VERSION, str(SCHEMA_VERSION))
    return None
