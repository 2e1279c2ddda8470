"""Run parse jobs in parallel worker processes (tree-sitter holds the GIL: threads don't help)."""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from code_graph.index.jobs import ParseJob, ParseOutcome, run_job

# Below this many jobs a pool costs more to start than it saves.
MIN_JOBS_FOR_POOL = 64


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_jobs(jobs: Sequence[ParseJob], workers: int) -> Iterator[ParseOutcome]:
    """Yield one outcome per job, in completion order."""
    if workers <= 1 or len(jobs) < MIN_JOBS_FOR_POOL:
        yield from map(run_job, jobs)
        return
    chunk = max(1, min(64, len(jobs) // (workers * 8)))
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        yield from pool.map(run_job, jobs, chunksize=chunk)


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Make this child process end when its parent (pid `parent`) is killed. A parse worker
    would otherwise wait on its job queue forever (its sibling keeps the queue's pipe open),
    an orphan holding memory."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the indexer died before the line above took effect
        os._exit(1)
