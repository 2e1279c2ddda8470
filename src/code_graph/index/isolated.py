"""A full index run in a process of its own, for long-running callers (the MCP server).

Indexing a project from scratch allocates hundreds of megabytes in the indexing process
(every symbol at once while linking). Python keeps much of that heap after the run, so a
server that indexed in-process would carry it for its whole life; a child process hands all
of it back to the system when it exits. Progress and the outcome come back to the caller.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import queue
from pathlib import Path
from typing import Any

from code_graph.errors import CodeGraphError, StoreLockedError
from code_graph.index.indexer import IndexRun, ProgressCallback, index_project
from code_graph.index.pool import die_with_parent
from code_graph.store import LOCK_WAIT_SECONDS

POLL_SECONDS = 0.1


class IndexProcessError(CodeGraphError):
    """The indexing process failed or ended without an answer."""


def index_in_child(
    root: Path,
    progress: ProgressCallback | None = None,
    *,
    lock_wait_seconds: float = LOCK_WAIT_SECONDS,
) -> IndexRun:
    """`index_project(root)` in a fresh process; its errors are raised here.

    Raises:
        StoreLockedError: another process holds the write lock for longer than the wait.
        CodeGraphError: the index failed (the child's message), or the child died.
    """
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads, small
    counts = context.Array("q", 2)
    results = context.Queue()
    child = context.Process(
        target=_run_child,
        args=(root, counts, results, lock_wait_seconds, os.getpid()),
    )  # not a daemon: it starts parse workers of its own
    child.start()
    atexit.register(child.terminate)  # the caller exits first: do not wait for the index
    try:
        while True:
            if progress is not None and counts[1]:
                progress(counts[0], counts[1])
            try:
                kind, value = results.get(timeout=POLL_SECONDS)
                break
            except queue.Empty:  # still running
                if not child.is_alive() and results.empty():
                    raise IndexProcessError(
                        f"the indexing process ended unexpectedly (exit code {child.exitcode})"
                    ) from None
    finally:
        child.join(timeout=5)
        atexit.unregister(child.terminate)
    return _outcome(kind, value)


def _outcome(kind: str, value: Any) -> IndexRun:
    if kind == "run":
        run: IndexRun = value
        return run
    if kind == "locked":
        raise StoreLockedError(str(value))
    raise IndexProcessError(str(value))


def _run_child(
    root: Path, counts: Any, results: Any, lock_wait_seconds: float, parent: int
) -> None:
    die_with_parent(parent)

    def report(done: int, total: int) -> None:
        counts[0], counts[1] = done, total

    try:
        results.put(
            ("run", index_project(root, progress=report, lock_wait_seconds=lock_wait_seconds))
        )
    except StoreLockedError as e:
        results.put(("locked", e.store_path))
    except CodeGraphError as e:
        results.put(("error", str(e)))
    except Exception as e:  # reported to the caller, who decides what it means
        results.put(("error", f"indexing failed ({type(e).__name__}: {e})"))
    results.close()
    results.join_thread()  # the answer is in the pipe before the child exits
