"""One SQLite connection with the store's transaction rules and its meta values.

Writes happen inside `atomic()`: the outermost block is one `BEGIN IMMEDIATE` transaction,
a nested block a savepoint (it can fail alone without undoing its caller's work). Writers
call `require_transaction()` first, so a write outside any transaction is a loud bug, not a
silent autocommit. Readers may wrap several queries in `read_snapshot()` to see one
committed state while a writer commits (WAL).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from code_graph.store.damage import UNREADABLE
from code_graph.store.schema import MetaKey
from code_graph.store.sql import SqlValue

DEFAULT_CACHE_KIB = 16000
BUSY_TIMEOUT_SECONDS = 30.0

Parameters = Sequence[SqlValue]


class TransactionRequiredError(RuntimeError):
    """A write was attempted outside `Connection.atomic()` (a bug in the caller)."""


class Connection:
    """A connection to one graph database; the only object that runs its SQL."""

    def __init__(self, path: str, cache_kib: int = DEFAULT_CACHE_KIB) -> None:
        """Raises: what SQLite raises for a file that is not a readable database."""
        self.path = path
        self._db = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_SECONDS
        )
        self._depth = 0  # atomic() blocks open: 0 none, 1 the transaction, more: savepoints
        try:
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA temp_store = MEMORY")
            self._db.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        except UNREADABLE:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def execute(self, sql: str, parameters: Parameters = ()) -> sqlite3.Cursor:
        return self._db.execute(sql, parameters)

    def executemany(self, sql: str, rows: Iterable[Parameters]) -> None:
        self._db.executemany(sql, rows)

    # -- transactions ----------------------------------------------------------------------

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """Everything inside commits together or not at all; nested blocks are savepoints."""
        savepoint = f"atomic_{self._depth}" if self._depth else None
        self._db.execute(f"SAVEPOINT {savepoint}" if savepoint else "BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if savepoint:
                self._db.execute(f"ROLLBACK TO {savepoint}")
                self._db.execute(f"RELEASE {savepoint}")
            else:
                self._db.execute("ROLLBACK")
            raise
        self._depth -= 1
        self._db.execute(f"RELEASE {savepoint}" if savepoint else "COMMIT")

    def require_transaction(self, what: str) -> None:
        """Raises TransactionRequiredError unless an `atomic()` block is open."""
        if not self._depth:
            raise TransactionRequiredError(f"{what} must run inside Store.atomic()")

    @contextlib.contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """A read transaction: every query inside sees one committed state of the graph."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def state(self) -> tuple[int, int]:
        """(data_version, total_changes): SQLite's count of other connections' commits and
        of this connection's own changes. Both are per connection."""
        version = int(self._db.execute("PRAGMA data_version").fetchone()[0])
        return version, self._db.total_changes

    # -- meta ------------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        """Every meta value by name."""
        return {
            str(name): str(value) for name, value in self.execute("SELECT name, value FROM meta")
        }

    def get_meta(self, name: MetaKey) -> str | None:
        row = self.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, name: MetaKey, value: str) -> None:
        """Set a meta value (inside a transaction)."""
        self.require_transaction("set_meta")
        self.execute("DELETE FROM meta WHERE name = ?", (name,))
        self.execute("INSERT INTO meta (name, value) VALUES (?, ?)", (name, value))


class UsesConnection:
    """Base of the store's read families and its writer: all their SQL runs on `_db`."""

    def __init__(self, db: Connection) -> None:
        self._db = db
