"""Where a project's store lives on disk: `<root>/.code-graph/` with `graph.db` (WAL),
`write.lock`, a `.gitignore` that hides the folder from git, and a `damaged` note left by a
reader that found the database damaged."""

from __future__ import annotations

import contextlib
from pathlib import Path

from code_graph.errors import StoreError

STORE_DIR = ".code-graph"
DB_NAME = "graph.db"
LOCK_NAME = "write.lock"
DAMAGED_NAME = "damaged"


def store_dir(root: Path) -> Path:
    return root / STORE_DIR


def db_path(root: Path) -> Path:
    return store_dir(root) / DB_NAME


def make_store_dir(folder: Path) -> None:
    """Create the store's folder (with its .gitignore).

    Raises:
        StoreError: something that is not a folder is in its place.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StoreError(
            f"{folder} is not a folder; move it away so code-graph can keep its index there"
        ) from None
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text(
            "# created by code-graph: the index is a local cache\n*\n", encoding="utf-8"
        )


def refuse_folder(path: Path) -> None:
    """Raises StoreError when a folder stands where the database file belongs."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a code-graph store; move it away")


def remove_database(path: Path) -> None:
    """Delete the database file with its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
