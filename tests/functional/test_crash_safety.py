"""A killed indexer leaves the store consistent: the old graph or the new one, never a mix."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from code_graph.index import index_project
from code_graph.query.export import export_graph
from code_graph.render.json_format import export_document
from code_graph.store import Store, db_path
from tests.conftest import TreeWriter

CLI = Path(sys.executable).with_name("code-graph")


def _tree(files: int, version: int) -> dict[str, str | bytes]:
    tree: dict[str, str | bytes] = {}
    for i in range(files):
        body = "\n".join(
            f"export function f{i}_{j}(x: number): number {{ return x + {j * version}; }}"
            for j in range(30)
        )
        tree[f"src/m{i}.ts"] = (
            f"import {{ f{(i + 1) % files}_0 }} from './m{(i + 1) % files}';\n{body}\n"
        )
    return tree


def _graph(root: Path) -> dict[str, Any]:
    with Store.open_for_reading(root) as store:
        return export_document(export_graph(store))


@pytest.mark.slow
def test_killing_the_indexer_at_random_points_leaves_the_old_graph_or_the_new_one(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(_tree(150, 1))
    index_project(root, workers=1)
    old = _graph(root)
    write_tree(_tree(150, 2))  # every file changes: the next run rewrites the whole graph
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns(".code-graph"))
    index_project(clean, workers=1)
    new = _graph(clean)
    rng = random.Random(20261124)
    for _ in range(5):
        process = subprocess.Popen(
            [str(CLI), "index", str(root), "--quiet", "--workers", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, 0.8))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        connection = sqlite3.connect(db_path(root))
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.close()
        graph = _graph(root)
        assert graph in (old, new)
        if graph == new:
            break
    index_project(root, workers=1)
    assert _graph(root) == new
