"""The graph store: the only package that speaks SQL (see docs/store.md).

`Store` is one open database (a context manager) with its reads and its writer; `WriteLock`
makes one process at a time the writer. The rest is internal: `connection` (transactions,
meta), `schema` (tables, migrations, meta keys), `reads/` (one module per family of
questions), `writes` and `batch` (the writer), `rows` (facts as worker processes send them),
`indexes` (bulk loads), `layout`, `lock` and `damage` (the files on disk).
"""

from code_graph.store.damage import damaged_error, is_damage, note_damage
from code_graph.store.layout import db_path, store_dir
from code_graph.store.lock import LOCK_WAIT_SECONDS, WriteLock
from code_graph.store.store import OpenReport, Store

__all__ = [
    "LOCK_WAIT_SECONDS",
    "OpenReport",
    "Store",
    "WriteLock",
    "damaged_error",
    "db_path",
    "is_damage",
    "note_damage",
    "store_dir",
]
