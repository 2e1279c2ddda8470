"""Damage: telling a damaged database from a busy one, and leaving word for the next writer.

A reader cannot repair the store (it holds no lock); it leaves a `damaged` note, and the
next writer that opens the store consumes the note and rebuilds the store from the files.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from code_graph.errors import StoreDamagedError
from code_graph.store.layout import DAMAGED_NAME, store_dir

# What reading a damaged file raises: SQLite's errors, or text columns that are not UTF-8.
UNREADABLE = (sqlite3.DatabaseError, UnicodeDecodeError)


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


def take_damage_note(root: Path) -> str | None:
    """Why a reader found the store damaged, if one did; the note is consumed."""
    note = store_dir(root) / DAMAGED_NAME
    try:
        reason = note.read_text(encoding="utf-8", errors="replace").strip()
        note.unlink()
    except OSError:
        return None
    return f"damaged ({reason})"
