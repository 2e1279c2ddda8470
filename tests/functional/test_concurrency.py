"""Concurrent writers and readers: one writer at a time, readers see whole graphs only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from code_graph.index import index_project
from code_graph.query.export import export_graph
from code_graph.render.json_format import export_document
from code_graph.store import Store, WriteLock
from tests.conftest import TreeWriter

CLI = Path(sys.executable).with_name("code-graph")


def _tree(files: int, version: int) -> dict[str, str | bytes]:
    return {
        f"src/m{i}.ts": "\n".join(
            f"export function v{version}_{i}_{j}(): number {{ return {j}; }}" for j in range(20)
        )
        for i in range(files)
    }


def test_a_killed_indexer_s_parse_workers_neither_keep_the_lock_nor_outlive_it(
    write_tree: TreeWriter,
) -> None:
    root = write_tree(_tree(400, 1))
    process = subprocess.Popen(
        [str(CLI), "index", str(root), "--quiet", "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while not (root / ".code-graph" / "graph.db").exists() and process.poll() is None:
        time.sleep(0.01)
    time.sleep(0.3)  # the pool is parsing
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with WriteLock(root, wait_seconds=5.0):  # orphaned workers used to hold it for minutes
        pass
    assert index_project(root, workers=1).discovered == 400
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(root)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_mentioning(str(root)) == []  # the workers died with their indexer


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text in (entry / "cmdline").read_bytes().decode():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_two_indexers_at_once_leave_one_store_and_the_loser_waits_or_says_why(
    write_tree: TreeWriter,
) -> None:
    root = write_tree(_tree(200, 1))
    processes = [
        subprocess.Popen(
            [str(CLI), "index", str(root), "--quiet", "--workers", "1"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    codes = []
    for process in processes:
        _, stderr = process.communicate()
        assert process.returncode == 0 or "another code-graph process is writing" in stderr
        codes.append(process.returncode)
    assert 0 in codes
    with Store.open_for_reading(root) as store:
        assert len(store.files.by_path()) == 200


def test_a_reader_never_sees_a_half_written_graph(write_tree: TreeWriter) -> None:
    root = write_tree(_tree(100, 1))
    index_project(root, workers=1)
    seen: set[int] = set()
    stop = threading.Event()

    def read(store: Store) -> None:
        while not stop.is_set():
            with store.read_snapshot():
                graph = export_document(export_graph(store))
            seen.add(len({s["name"].split("_")[0] for s in graph["symbols"]}))

    with Store.open_for_reading(root) as store:
        reader = threading.Thread(target=read, args=(store,))
        reader.start()
        try:
            for version in range(2, 6):
                write_tree(_tree(100, version))
                index_project(root, workers=1)
        finally:
            stop.set()
            reader.join()
    assert seen == {1}  # every snapshot held the symbols of exactly one version
