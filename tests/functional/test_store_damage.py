"""A damaged store, or something else in its place, is never read as the truth."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from code_graph.cli import _reading
from code_graph.errors import StoreDamagedError, StoreError
from code_graph.index import index_project
from code_graph.query.export import export_graph
from code_graph.render.json_format import export_document
from code_graph.store import Store, db_path, store_dir
from tests.conftest import TreeWriter

PAGE = 4096


def _project(write_tree: TreeWriter) -> Path:
    return write_tree(
        {
            f"src/m{i}.ts": f"import {{ f{(i + 1) % 30} }} from './m{(i + 1) % 30}';\n"
            f"export function f{i}(): number {{ return {i}; }}\n"
            f"export class C{i} {{ run(): number {{ return f{i}(); }} }}\n"
            for i in range(30)
        }
    )


def _export(root: Path) -> dict[str, object]:
    with Store.open_for_reading(root) as store:
        return export_document(export_graph(store))


def _damage(path: Path, seed: int) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    page = rng.randrange(1, len(data) // PAGE)
    for _ in range(rng.choice([1, 8, 64])):
        data[page * PAGE + rng.randrange(PAGE)] = rng.randrange(256)
    path.write_bytes(bytes(data))


def _export_as_the_cli_reads(root: Path) -> dict[str, object]:
    with _reading(root) as store:
        result: dict[str, object] = export_document(export_graph(store))
        return result


@pytest.mark.parametrize("seed", range(12))
def test_random_page_damage_is_reported_then_rebuilt_never_a_crash(
    write_tree: TreeWriter, seed: int
) -> None:
    root = _project(write_tree)
    index_project(root, workers=1)
    clean = _export(root)
    _damage(db_path(root), seed)
    try:
        _export_as_the_cli_reads(root)
        reader_saw_damage = False
    except StoreError as e:  # damaged, or not readable as a store at all
        assert "code-graph index" in str(e)
        reader_saw_damage = True
    run = index_project(root, workers=1)
    if reader_saw_damage:
        assert run.rebuilt_because is not None
    if run.rebuilt_because is not None:
        assert _export(root) == clean  # a rebuilt store answers like a clean index


def test_damage_a_reader_finds_makes_the_next_index_rebuild(write_tree: TreeWriter) -> None:
    root = _project(write_tree)
    index_project(root, workers=1)
    clean = _export(root)
    with sqlite3.connect(db_path(root)) as connection:  # text columns that are not UTF-8
        connection.execute("UPDATE refs SET name = CAST(x'ff00fe' AS TEXT)")
    with pytest.raises(StoreDamagedError, match="is damaged"):
        _export_as_the_cli_reads(root)
    run = index_project(root, workers=1)
    assert run.rebuilt_because is not None
    assert run.rebuilt_because.startswith("damaged")
    assert _export(root) == clean


def test_a_file_where_the_store_folder_belongs_is_a_clear_error(write_tree: TreeWriter) -> None:
    root = _project(write_tree)
    store_dir(root).write_text("not a folder")
    with pytest.raises(StoreError, match="is not a folder; move it away"):
        index_project(root, workers=1)


def test_a_folder_where_the_database_belongs_is_a_clear_error(write_tree: TreeWriter) -> None:
    root = _project(write_tree)
    db_path(root).mkdir(parents=True)
    with pytest.raises(StoreError, match="is a folder, not a code-graph store"):
        index_project(root, workers=1)
    with pytest.raises(StoreError, match="is a folder, not a code-graph store"):
        Store.open_for_reading(root)


def test_a_truncated_store_is_rebuilt_with_a_reason(write_tree: TreeWriter) -> None:
    root = _project(write_tree)
    index_project(root, workers=1)
    clean = _export(root)
    path = db_path(root)
    path.write_bytes(path.read_bytes()[: 5 * PAGE])
    run = index_project(root, workers=1)
    assert run.rebuilt_because is not None
    assert _export(root) == clean
