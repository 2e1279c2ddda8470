"""The store's connection rules, and the project layout it keeps so queries need no disk."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from code_graph.index import index_project
from code_graph.index.update import update_paths
from code_graph.query.picture import PictureOptions, build_picture
from code_graph.store import Store, db_path
from code_graph.store.connection import TransactionRequiredError
from code_graph.store.schema import MetaKey
from tests.conftest import TreeWriter

WORKSPACES: dict[str, str | bytes] = {
    "package.json": '{"name": "mono", "private": true, "workspaces": ["packages/*"]}',
    "packages/a/package.json": '{"name": "@m/a", "main": "src/index.ts"}',
    "packages/a/src/index.ts": "export const a = 1;\n",
    "packages/b/package.json": '{"name": "@m/b"}',
    "packages/b/src/index.ts": "import { a } from '@m/a';\nexport const b = a;\n",
}
MANIFESTS = ["package.json", "packages/a/package.json", "packages/b/package.json"]


def test_a_nested_atomic_block_is_a_savepoint_that_fails_alone(tmp_path: Path) -> None:
    with Store.open_for_writing(tmp_path) as store, store.atomic():
        store.set_meta(MetaKey.FILE_SET, "1")
        with pytest.raises(RuntimeError), store.atomic():
            store.set_meta(MetaKey.FILE_SET, "2")
            raise RuntimeError("the inner block fails")
        assert store.file_set_version() == "1"
    with Store.open_for_reading(tmp_path) as store:
        assert store.file_set_version() == "1"  # the outer block committed


def test_a_write_outside_a_transaction_is_refused(tmp_path: Path) -> None:
    with Store.open_for_writing(tmp_path) as store:
        with pytest.raises(TransactionRequiredError, match=r"replace_skipped .* Store\.atomic"):
            store.write.replace_skipped([])
        with pytest.raises(TransactionRequiredError):
            store.set_meta(MetaKey.FILE_SET, "1")


def test_leaving_the_with_closes_the_connection(tmp_path: Path) -> None:
    with Store.open_for_writing(tmp_path) as store:
        pass
    with pytest.raises(sqlite3.ProgrammingError):
        store.connection.execute("SELECT 1")


def test_the_package_picture_comes_from_the_index_not_the_disk(write_tree: TreeWriter) -> None:
    root = write_tree(WORKSPACES)
    index_project(root, workers=1)
    for manifest in MANIFESTS:  # what a resolver built at query time would need
        (root / manifest).unlink()
    with Store.open_for_reading(root) as store:
        picture = build_picture(store, PictureOptions(level="package"))
    assert {node.id for node in picture.nodes if node.kind == "workspace"} == {"@m/a", "@m/b"}
    assert ("@m/b", "@m/a") in {(edge.source, edge.target) for edge in picture.edges}


def test_a_store_from_before_the_layout_tables_resolves_again(write_tree: TreeWriter) -> None:
    root = write_tree(WORKSPACES)
    index_project(root, workers=1)
    db = sqlite3.connect(db_path(root))  # as schema 6 left it: no layout tables
    db.execute("DROP TABLE config_files")
    db.execute("DROP TABLE workspace_packages")
    db.execute("UPDATE meta SET value = '6' WHERE name = 'schema_version'")
    db.commit()
    db.close()
    (root / "packages/b/src/index.ts").write_text(
        "import { a } from '@m/a';\nexport const c = a;\n"
    )

    run = update_paths(root, ["packages/b/src/index.ts"])

    assert run.full is not None  # an update cannot resolve without the configs: it reconciles
    with Store.open_for_reading(root) as store:
        assert [(p.name, p.directory) for p in store.files.workspace_packages()] == [
            ("@m/a", "packages/a"),
            ("@m/b", "packages/b"),
        ]
        assert store.files.config_files() == MANIFESTS
        [binding] = store.imports.of_file("packages/b/src/index.ts")
        assert (binding.method, binding.target) == ("workspace", "packages/a/src/index.ts")
