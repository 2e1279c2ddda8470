"""Where a full index spends its time (main process), without editing the engine.

    python bench/profile_index.py ROOT OUT.json

Run 1 (fresh store): the indexer's phases timed by wrapping the functions it calls — walk,
waiting for parse results from the worker pool, SQLite writes of parsed facts, import
resolution, linking, the final commit. Run 2 (fresh store): cProfile of the main process;
the heaviest functions by own time and the cumulative time of the phase functions.
"""

from __future__ import annotations

import contextlib
import cProfile
import json
import pstats
import resource
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from code_graph.index import indexer
from code_graph.index.indexer import index_project
from code_graph.store import Store
from code_graph.store.reads.files import SqliteFiles
from code_graph.store.writes import Writes

PHASES: dict[str, float] = {}


def _add(phase: str, seconds: float) -> None:
    PHASES[phase] = PHASES.get(phase, 0.0) + seconds


def _timed(phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _add(phase, time.perf_counter() - started)

    return wrapper


def _timed_jobs(function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        iterator = function(*args, **kwargs)
        while True:
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                _add("parse: waiting for workers", time.perf_counter() - started)
                return
            _add("parse: waiting for workers", time.perf_counter() - started)
            yield item

    return wrapper


def _instrument() -> None:
    indexer.walk_project = _timed("walk (discover files)", indexer.walk_project)  # type: ignore[assignment]
    indexer.run_jobs = _timed_jobs(indexer.run_jobs)  # type: ignore[assignment]
    indexer._resolve_imports = _timed("resolve imports", indexer._resolve_imports)  # type: ignore[attr-defined]
    indexer.link_project = _timed("link references", indexer.link_project)  # type: ignore[assignment]
    Writes.replace_files = _timed("sqlite: write parsed facts", Writes.replace_files)  # type: ignore[method-assign]
    SqliteFiles.by_path = _timed("sqlite: read stored files", SqliteFiles.by_path)  # type: ignore[method-assign]
    original_atomic = Store.atomic

    @contextlib.contextmanager
    def atomic(self: Store) -> Iterator[None]:
        with original_atomic(self):
            yield
            started = time.perf_counter()
        _add("sqlite: commit", time.perf_counter() - started)

    Store.atomic = atomic  # type: ignore[method-assign,assignment]


def main() -> int:
    root, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    shutil.rmtree(root / ".code-graph", ignore_errors=True)
    _instrument()
    started = time.perf_counter()
    run = index_project(root)
    total = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = {
        "main_process_cpu_s": round(own.ru_utime + own.ru_stime, 3),
        "parse_workers_cpu_s": round(workers.ru_utime + workers.ru_stime, 3),
    }
    accounted = sum(PHASES.values())
    phases = {k: round(v, 3) for k, v in sorted(PHASES.items(), key=lambda kv: -kv[1])}
    phases["other (open store, config, hashing, bookkeeping)"] = round(total - accounted, 3)

    shutil.rmtree(root / ".code-graph", ignore_errors=True)
    profiler = cProfile.Profile()
    profiler.enable()
    index_project(root)
    profiler.disable()
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]
    by_own = sorted(entries.items(), key=lambda kv: -kv[1][2])[:20]
    top_own = [
        {
            "function": f"{Path(file).name}:{line}:{name}",
            "own_s": round(value[2], 3),
            "cumulative_s": round(value[3], 3),
            "calls": value[1],
        }
        for (file, line, name), value in by_own
    ]
    cumulative_of = {}
    wanted = {"walk_project", "run_jobs", "replace_files", "_resolve_imports", "link_project"}
    for (file, _line, name), value in entries.items():
        if name in wanted and "code_graph" in file:
            cumulative_of[name] = round(max(value[3], cumulative_of.get(name, 0.0)), 3)
    result = {
        "files": run.discovered,
        "parsed": run.parsed,
        "wall_s": round(total, 3),
        "phases_s": phases,
        "cpu_s": cpu,
        "cprofile_top_own_time": top_own,
        "cprofile_cumulative_s": cumulative_of,
        "note": "phases and CPU (getrusage: main process incl. imports, and the parse workers)"
        " from run 1 without profiler; cProfile from run 2 inflates main-process Python time,"
        " not the workers' parsing",
    }
    out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
