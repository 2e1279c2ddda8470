"""Indexing in a child process: the answer, the progress and the errors come back."""

from __future__ import annotations

from pathlib import Path

import pytest

from code_graph.errors import CodeGraphError, StoreLockedError
from code_graph.index.isolated import index_in_child
from code_graph.store import Store, WriteLock
from tests.conftest import TreeWriter


def _tree(files: int) -> dict[str, str | bytes]:
    return {
        f"src/m{i}.ts": f"import {{ f{i + 1} }} from './m{i + 1}';\nexport function f{i}() {{}}\n"
        for i in range(files)
    }


def test_a_child_process_indexes_the_project_and_reports_progress(
    write_tree: TreeWriter,
) -> None:
    root = write_tree(_tree(80))
    seen: list[tuple[int, int]] = []
    run = index_in_child(root, lambda done, total: seen.append((done, total)))
    assert (run.discovered, run.parsed) == (80, 80)
    assert all(total == 80 for _, total in seen)
    with Store.open_for_reading(root) as store:
        assert len(store.files.by_path()) == 80


def test_a_held_lock_comes_back_as_the_lock_error(write_tree: TreeWriter) -> None:
    root = write_tree(_tree(2))
    with WriteLock(root), pytest.raises(StoreLockedError, match="another code-graph process"):
        index_in_child(root, lock_wait_seconds=0.2)


def test_the_child_s_error_comes_back_with_its_message(tmp_path: Path) -> None:
    with pytest.raises(CodeGraphError, match="no such directory"):
        index_in_child(tmp_path / "missing")
