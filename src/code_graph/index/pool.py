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
from concurrent.futures.process import BrokenProcessPool

from code_graph.index.jobs import ParseJob, ParseOutcome, run_job
from code_graph.model import SkippedFile, SkipReason, SourceFile

# Below this many jobs a pool costs more to start than it saves.
MIN_JOBS_FOR_POOL = 64


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_jobs(jobs: Sequence[ParseJob], workers: int) -> Iterator[ParseOutcome]:
    """Yield one outcome per job, in the jobs' order.

    A worker that dies (a crash in the parser, the kernel's OOM killer) breaks the pool: the
    first job without an outcome is then parsed alone in a process of its own (skipped as
    `extract-failed` if that one dies too) and a new pool takes the rest, so every crash
    costs at most its own file.
    """
    if workers <= 1 or len(jobs) < MIN_JOBS_FOR_POOL:
        yield from map(run_job, jobs)
        return
    start = 0
    while start < len(jobs):
        done = start
        try:
            for outcome in _pooled(jobs[start:], workers):
                yield outcome
                done += 1
            return
        except BrokenProcessPool:
            yield _alone(jobs[done])
            start = done + 1


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


def _pooled(jobs: Sequence[ParseJob], workers: int) -> Iterator[ParseOutcome]:
    chunk = max(1, min(64, len(jobs) // (workers * 8)))
    with _pool(workers) as pool:
        yield from pool.map(run_job, jobs, chunksize=chunk)


def _alone(job: ParseJob) -> ParseOutcome:
    """Parse one job in a process of its own; its death skips the file instead of the run."""
    with _pool(1) as pool:
        try:
            return pool.submit(run_job, job).result()
        except BrokenProcessPool:
            detail = "the parser process died while parsing it (a crash or out of memory)"
            skipped = SkippedFile(job.path, SkipReason.EXTRACT_FAILED, detail)
            return ParseOutcome(SourceFile(job.path, 0, 0), skipped=skipped)


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
