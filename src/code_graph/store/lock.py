"""The write lock: an advisory lock that makes one process at a time the store's writer.

Held for the whole of an index or update run. Readers never take it: WAL lets them read the
last committed state while a write is under way.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from typing import IO

from code_graph.errors import StoreLockedError
from code_graph.store.layout import LOCK_NAME, make_store_dir, store_dir

LOCK_WAIT_SECONDS = 10.0  # how long a writer waits for another one to finish, by default

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
    """`with WriteLock(root):` waits up to `wait_seconds` to become the store's writer.

    Raises (on entry):
        StoreLockedError: another process kept the lock for longer than the wait.
    """

    def __init__(self, root: Path, wait_seconds: float = LOCK_WAIT_SECONDS) -> None:
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
