"""Indexing small hand-made repositories on disk and reading the store back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from code_graph.errors import ProjectNotFoundError, StoreLockedError
from code_graph.index import index_project
from code_graph.model import SkippedFile, SkipReason
from code_graph.query.export import export_graph
from code_graph.query.stats import project_stats
from code_graph.render.json_format import export_document
from code_graph.store import Store, WriteLock
from code_graph.store.schema import MetaKey
from tests.conftest import TreeWriter
from tests.unit.test_index_content import NORMAL, minified

SHOP = {
    "package.json": '{"name": "shop", "private": true}',
    "tsconfig.json": '{"compilerOptions": {"strict": true}}',
    "src/entity.ts": "export abstract class Entity {\n  touch(): void {}\n}\n",
    "src/cart.ts": (
        "import { Entity } from './entity';\n"
        "import type { Price } from './types';\n"
        "export class Cart extends Entity {\n"
        "  total(): Price { this.touch(); return 0; }\n"
        "}\n"
    ),
    "src/types.ts": "export type Price = number;\n",
    "src/index.ts": "export * from './cart';\nexport { Entity as Base } from './entity';\n",
    "src/main.ts": (
        "import { Cart, Base } from './index';\n"
        "import { readFileSync } from 'node:fs';\n"
        "import React from 'react';\n"
        "import './missing';\n"
        "export function main(): void {\n  const cart = new Cart();\n  cart.total();\n}\n"
    ),
}


def _graph(root: Path) -> dict[str, object]:
    with Store.open_for_reading(root) as store:
        return export_document(export_graph(store))


def test_a_first_index_stores_files_symbols_and_resolved_imports(write_tree: TreeWriter) -> None:
    root = write_tree(SHOP)
    run = index_project(root, workers=1)
    assert (run.discovered, run.parsed, run.unchanged, run.removed) == (5, 5, 0, 0)
    graph = _graph(root)
    resolutions = {
        (i["file"], i["specifier"]): i["resolution"]
        for i in graph["imports"]  # type: ignore[index, union-attr]
    }
    assert resolutions[("src/cart.ts", "./entity")]["file"] == "src/entity.ts"
    assert resolutions[("src/main.ts", "node:fs")]["method"] == "builtin"
    assert resolutions[("src/main.ts", "react")]["package"] == "react"
    assert resolutions[("src/main.ts", "./missing")]["unresolved_reason"] == "not-found"


def test_references_are_linked_through_barrels_to_their_definitions(write_tree: TreeWriter) -> None:
    root = write_tree(SHOP)
    index_project(root, workers=1)
    with Store.open_for_reading(root) as store:
        rows = store.connection.execute(
            "SELECT f.path, e.line, e.kind, e.method, t.qualified_name FROM edges e "
            "JOIN files f ON f.id = e.file_id JOIN symbols t ON t.id = e.target_id "
            "ORDER BY f.path, e.line, e.kind"
        ).fetchall()
    assert ("src/main.ts", 6, "new", "re-export", "Cart") in rows
    assert ("src/main.ts", 1, "import", "re-export", "Cart") in rows
    assert ("src/main.ts", 1, "import", "re-export", "Entity") in rows
    assert ("src/cart.ts", 3, "extends", "import", "Entity") in rows
    assert ("src/cart.ts", 4, "call", "member", "Entity.touch") in rows
    assert ("src/cart.ts", 4, "type", "import", "Price") in rows


def test_a_second_index_of_an_unchanged_tree_parses_nothing(write_tree: TreeWriter) -> None:
    root = write_tree(SHOP)
    index_project(root, workers=1)
    before = _graph(root)
    run = index_project(root, workers=1)
    assert (run.parsed, run.removed, run.resolved_imports) == (0, 0, 0)
    assert _graph(root) == before


def test_a_touched_but_identical_file_is_hashed_not_parsed(write_tree: TreeWriter) -> None:
    root = write_tree(SHOP)
    index_project(root, workers=1)
    os.utime(root / "src/cart.ts", ns=(1, 1))
    run = index_project(root, workers=1)
    assert (run.parsed, run.unchanged) == (0, 1)


def test_edits_and_deletes_give_the_same_graph_as_a_fresh_index(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(SHOP)
    index_project(root, workers=1)
    (root / "src/entity.ts").unlink()
    (root / "src/types.ts").write_text("export type Price = bigint;\nexport type Id = string;\n")
    run = index_project(root, workers=1)
    assert (run.parsed, run.removed) == (1, 1)
    incremental = _graph(root)
    (root / ".code-graph" / "graph.db").unlink()
    index_project(root, workers=1)
    assert incremental == _graph(root)


def test_bad_files_are_skipped_with_reasons_and_the_rest_is_indexed(write_tree: TreeWriter) -> None:
    root = write_tree(
        {
            "ok.ts": "export const ok = 1;\n",
            "empty.ts": "",
            "binary.js": b"\x00\x01\x02 binary",
            "latin1.ts": "export const s = 'caf\xe9';\n".encode("latin-1"),
            "broken.ts": "export function f( {\n  return 1;\n",
            "code-graph.toml": "max_file_size = 200\n",
            "big.min.js": "var a=1;" * 100,
        }
    )
    run = index_project(root, workers=1)
    reasons = {skip.path: skip.reason for skip in run.skipped}
    assert reasons == {
        "binary.js": SkipReason.BINARY,
        "latin1.ts": SkipReason.NOT_UTF8,
        "big.min.js": SkipReason.TOO_LARGE,
    }
    with Store.open_for_reading(root) as store:
        stats = project_stats(store)
    assert stats.files == 3
    assert stats.files_with_syntax_errors == 1
    assert stats.skipped_by_reason == {"binary": 1, "not-utf8": 1, "too-large": 1}


def _declarations(size: int) -> str:
    """A generated API declaration file of about `size` bytes, documented like real ones."""
    doc = " * Fetches the resource. The request is retried on throttling errors.\n" * 6
    interfaces: list[str] = []
    total = 0
    while total < size:
        n = len(interfaces)
        interfaces.append(
            f"/**\n * Resource {n}.\n{doc} * @see https://example.com/api/resources/{n}\n */\n"
            f"export interface Resource{n} {{\n  id: string;\n"
            f"  get(options?: {{ fields?: string[] }}): Promise<Resource{n}>;\n}}\n"
        )
        total += len(interfaces[-1])
    return "".join(interfaces)


def test_big_declarations_are_indexed_and_minified_code_is_skipped_by_content(
    write_tree: TreeWriter,
) -> None:
    api = _declarations(2 * 1024 * 1024)
    data_line = "export const TABLE = [" + ", ".join(str(i) for i in range(9_000)) + "];\n"
    root = write_tree(
        {
            "types/api.d.ts": api,
            "vendor/lib.min.js": minified(2000),
            "src/table.ts": NORMAL + data_line,
        }
    )
    run = index_project(root, workers=1)
    assert run.skipped == (
        SkippedFile(
            "vendor/lib.min.js",
            SkipReason.MINIFIED,
            "100% of its 185,603 bytes are in 1 line of dense code"
            " (average 185,582 bytes, 1.1% blanks)",
        ),
    )
    last = api.count("export interface") - 1
    with Store.open_for_reading(root) as store:
        found = [s.file for s in store.symbols.named(f"Resource{last}")]
        table = [s.file for s in store.symbols.named("TABLE")]
        skipped = project_stats(store).skipped_by_reason
    assert len(api) > 2 * 1024 * 1024 and found == ["types/api.d.ts"]
    assert len(data_line) > 50_000 and table == ["src/table.ts"]
    assert skipped == {"minified": 1}


def test_a_parallel_index_matches_a_serial_one(write_tree: TreeWriter) -> None:
    files = {
        f"src/m{i}.ts": f"import {{ f{i + 1} }} from './m{i + 1}';\nexport function f{i}() {{ return f{i + 1}(); }}\n"
        for i in range(80)
    }
    root = write_tree(files | {"src/m80.ts": "export function f80() { return 0; }\n"})
    index_project(root, workers=2)
    parallel = _graph(root)
    (root / ".code-graph" / "graph.db").unlink()
    index_project(root, workers=1)
    assert _graph(root) == parallel


def test_a_missing_path_or_a_file_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectNotFoundError, match="no such directory"):
        index_project(tmp_path / "nope")
    (tmp_path / "a.ts").write_text("")
    with pytest.raises(ProjectNotFoundError, match="not a directory"):
        index_project(tmp_path / "a.ts")


def test_a_second_indexer_waits_then_fails_clearly_while_one_is_writing(
    write_tree: TreeWriter,
) -> None:
    root = write_tree(SHOP)
    with WriteLock(root), pytest.raises(StoreLockedError):
        index_project(root, workers=1, lock_wait_seconds=0.2)


def test_facts_from_another_extractor_version_are_re_extracted(write_tree: TreeWriter) -> None:
    root = write_tree(SHOP)
    index_project(root, workers=1)
    with Store.open_for_writing(root) as store, store.atomic():
        store.set_meta(MetaKey.EXTRACTOR_VERSION, "0-old")
    run = index_project(root, workers=1)
    assert run.parsed == 5
