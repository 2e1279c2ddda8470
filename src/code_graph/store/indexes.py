"""Bulk loads: dropping the secondary indexes while rows go in, and building them again.

Filling empty tables is faster without their indexes: each index is then built once, by a
sort, instead of updated row by row. Everything here runs inside the writer's transaction.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator, Sequence

from code_graph.memory import release_free_memory
from code_graph.store.connection import Connection


def drop_indexes(db: Connection, tables: Iterable[str] | None = None) -> list[str]:
    """Drop the secondary indexes of every table (or of `tables`); returns the statements
    that build them again."""
    db.require_transaction("drop_indexes")
    wanted = None if tables is None else set(tables)
    indexes = [
        (str(name), str(sql))
        for name, table, sql in db.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
        if wanted is None or table in wanted
    ]
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    return [sql for _, sql in indexes]


def create_indexes(db: Connection, statements: Iterable[str]) -> None:
    db.require_transaction("create_indexes")
    for sql in statements:
        db.execute(sql)


@contextlib.contextmanager
def bulk_load(db: Connection, tables: Iterable[str] | None = None) -> Iterator[None]:
    """Fill empty tables (all, or `tables`) with their indexes dropped, then build them."""
    statements = drop_indexes(db, tables)
    yield
    create_indexes(db, statements)


@contextlib.contextmanager
def creating_indexes(db: Connection, statements: Sequence[str]) -> Iterator[None]:
    """Build dropped indexes in a background thread while the caller's block runs; the block
    must not use the store meanwhile. SQLite builds them without holding the GIL, so pure
    Python work in the block costs almost no extra time. When the block ends, waits for the
    build and raises its error, if any."""
    if not statements:
        yield
        return
    db.require_transaction("creating_indexes")
    failures: list[BaseException] = []

    def build() -> None:
        try:
            create_indexes(db, statements)
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
