"""Members through the type hierarchy: which member overrides or implements which (through
`implements`, `extends`, interfaces extending interfaces, merged declarations, across files,
workspace packages and barrels), and `refs` of a member through it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from code_graph.index import index_project
from code_graph.query.hierarchy import Hierarchy, bases_of, heirs_of, overriders_of
from code_graph.query.refs import find_references
from code_graph.store import Store
from tests.conftest import TreeWriter, write_files

TREE = {
    "package.json": '{"name": "db", "private": true, "workspaces": ["packages/*"]}',
    "tsconfig.json": '{"compilerOptions": {"strict": true, "module": "esnext", '
    '"moduleResolution": "bundler"}}',
    "packages/core/package.json": '{"name": "@db/core", "types": "src/index.ts"}',
    "packages/core/src/index.ts": "export * from './runner';\nexport * from './base';\n",
    "packages/core/src/runner.ts": (
        "export interface QueryRunner {\n"
        "  query(sql: string): Promise<unknown>;\n"
        "  release(): void;\n"
        "}\n"
        "export interface QueryRunner {\n"
        "  readonly connected: boolean;\n"
        "}\n"
        "export interface ReplicaRunner extends QueryRunner {\n"
        "  query(sql: string): Promise<unknown>;\n"
        "}\n"
    ),
    "packages/core/src/base.ts": (
        "import type { QueryRunner } from './runner';\n"
        "export abstract class BaseQueryRunner implements QueryRunner {\n"
        "  readonly connected = false;\n"
        "  abstract query(sql: string): Promise<unknown>;\n"
        "  release(): void {}\n"
        "  static create(): void {}\n"
        "}\n"
    ),
    "packages/pg/package.json": '{"name": "@db/pg", "types": "src/index.ts"}',
    "packages/pg/src/index.ts": "export { PostgresQueryRunner } from './postgres';\n",
    "packages/pg/src/postgres.ts": (
        "import { BaseQueryRunner } from '@db/core';\n"
        "export class PostgresQueryRunner extends BaseQueryRunner {\n"
        "  query(sql: string): Promise<unknown> { return Promise.resolve(sql); }\n"
        "  release(): void { super.release(); }\n"
        "  static create(): void {}\n"
        "}\n"
    ),
    "packages/pg/src/mysql.ts": (
        "import type { QueryRunner } from '@db/core';\n"
        "export class MysqlQueryRunner implements QueryRunner {\n"
        "  readonly connected = true;\n"
        "  query(sql: string): Promise<unknown> { return Promise.resolve(sql); }\n"
        "  release(): void {}\n"
        "}\n"
    ),
    "packages/pg/src/memory.ts": (
        "import type { QueryRunner } from '@db/core';\n"
        "export const memory: QueryRunner = {\n"
        "  connected: true,\n"
        "  query(sql: string): Promise<unknown> { return Promise.resolve(sql); },\n"
        "  release(): void {},\n"
        "};\n"
        "memory.release();\n"
    ),
    "packages/pg/src/use.ts": (
        "import type { QueryRunner, ReplicaRunner } from '@db/core';\n"
        "import { PostgresQueryRunner } from './index';\n"
        "export function run(runner: QueryRunner): void {\n"
        "  runner.query('select 1');\n"
        "  if (runner.connected) runner.release();\n"
        "}\n"
        "export function replica(runner: ReplicaRunner): void {\n"
        "  runner.query('select 2');\n"
        "}\n"
        "export function direct(pg: PostgresQueryRunner): void {\n"
        "  pg.query('select 3');\n"
        "  PostgresQueryRunner.create();\n"
        "}\n"
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    root = write_files(tmp_path_factory.mktemp("hierarchy"), TREE)
    index_project(root, workers=1)
    with Store.open_for_reading(root) as opened:
        yield opened


def _member(store: Store, address: str) -> object:
    found = find_references(store, address).lookup.symbol
    assert found is not None, address
    return found


def _lines(store: Store, address: str, *, exact: bool = False) -> list[tuple[str, str | None]]:
    result = find_references(store, address, exact=exact)
    return [(f"{r.file.rsplit('/', 1)[-1]}:{r.line}", r.related) for r in result.references]


def test_an_implementation_overrides_the_abstract_member_and_implements_the_interface_one(
    store: Store,
) -> None:
    hierarchy = Hierarchy(store)
    query = find_references(store, "PostgresQueryRunner.query").lookup.symbol
    assert query is not None
    bases = [(r.base.qualified_name, r.kind, r.direct) for r in bases_of(hierarchy, query)]
    assert bases == [
        ("BaseQueryRunner.query", "implements", True),
        ("QueryRunner.query", "implements", False),
    ]


def test_an_interface_member_is_implemented_across_packages_and_barrels(store: Store) -> None:
    hierarchy = Hierarchy(store)
    query = find_references(store, "packages/core/src/runner.ts:QueryRunner.query").lookup.symbol
    assert query is not None
    overriders = {(r.member.qualified_name, r.direct) for r in overriders_of(hierarchy, query)}
    assert overriders == {
        ("BaseQueryRunner.query", True),
        ("MysqlQueryRunner.query", True),
        ("ReplicaRunner.query", True),
        ("PostgresQueryRunner.query", False),
        ("memory.query", True),  # an object literal declared as a QueryRunner
    }


def test_a_merged_interface_declaration_contributes_its_members(store: Store) -> None:
    hierarchy = Hierarchy(store)
    connected = find_references(store, "MysqlQueryRunner.connected").lookup.symbol
    assert connected is not None
    assert [r.base.qualified_name for r in bases_of(hierarchy, connected)] == [
        "QueryRunner.connected"
    ]


def test_heirs_of_an_interface_are_transitive_and_say_how(store: Store) -> None:
    hierarchy = Hierarchy(store)
    runner = find_references(store, "packages/core/src/runner.ts:1").lookup.symbol
    assert runner is not None and runner.qualified_name == "QueryRunner"
    heirs = {(h.symbol.qualified_name, h.kind, h.direct) for h in heirs_of(hierarchy, runner)}
    assert heirs == {
        ("ReplicaRunner", "extends", True),
        ("BaseQueryRunner", "implements", True),
        ("MysqlQueryRunner", "implements", True),
        ("PostgresQueryRunner", "implements", False),
        ("memory", "implements", True),
    }


def test_refs_of_an_implementation_include_calls_through_the_interface(store: Store) -> None:
    assert _lines(store, "PostgresQueryRunner.query") == [
        ("use.ts:4", "QueryRunner.query"),
        ("use.ts:8", "ReplicaRunner.query"),
        ("use.ts:11", None),
    ]


def test_refs_exact_keeps_only_the_member_itself(store: Store) -> None:
    assert _lines(store, "PostgresQueryRunner.query", exact=True) == [("use.ts:11", None)]


def test_a_sibling_implementation_shares_the_interface_calls_but_not_direct_ones(
    store: Store,
) -> None:
    lines = _lines(store, "MysqlQueryRunner.query")
    assert ("use.ts:4", "QueryRunner.query") in lines
    assert ("use.ts:8", "ReplicaRunner.query") in lines
    assert ("use.ts:11", "PostgresQueryRunner.query") in lines  # TypeScript lists it too
    assert _lines(store, "MysqlQueryRunner.release") == [
        ("memory.ts:7", "memory.release"),
        ("postgres.ts:4", "BaseQueryRunner.release"),
        ("use.ts:5", "QueryRunner.release"),
    ]


def test_static_members_are_never_related(store: Store) -> None:
    # TypeScript relates members through the instance types only
    assert _lines(store, "BaseQueryRunner.create") == []
    assert _lines(store, "PostgresQueryRunner.create") == [("use.ts:12", None)]


def test_a_top_level_symbol_has_no_related_references(store: Store, tmp_path: Path) -> None:
    lines = _lines(store, "run")
    assert all(related is None for _, related in lines)


def test_a_class_that_loses_implements_loses_its_related_references(
    write_tree: TreeWriter,
) -> None:
    from code_graph.index.update import update_paths

    root = write_tree(
        {
            "a.ts": "export interface I {\n  m(): void;\n}\n",
            "b.ts": "import type { I } from './a';\nexport class C implements I {\n  m(): void {}\n}\n",
            "c.ts": "import type { I } from './a';\nexport function f(i: I) {\n  i.m();\n}\n",
        }
    )
    index_project(root, workers=1)
    with Store.open_for_reading(root) as opened:
        assert _lines(opened, "C.m") == [("c.ts:3", "I.m")]
    (root / "b.ts").write_text("export class C {\n  m(): void {}\n}\n")
    update_paths(root, ["b.ts"])
    with Store.open_for_reading(root) as opened:
        assert _lines(opened, "C.m") == []


def test_implementations_are_what_go_to_implementation_lists(store: Store) -> None:
    from code_graph.query.implementations import find_implementations

    def names(address: str) -> set[tuple[str, str, str | None]]:
        result = find_implementations(store, address)
        return {
            (i.symbol.qualified_name, i.kind, i.through.qualified_name if i.through else None)
            for i in result.implementations
        }

    runner = "packages/core/src/runner.ts:QueryRunner"
    assert names(runner) == {
        ("ReplicaRunner", "extends", None),
        ("BaseQueryRunner", "implements", None),
        ("MysqlQueryRunner", "implements", None),
        ("PostgresQueryRunner", "implements", "BaseQueryRunner"),
        ("memory", "implements", None),
    }
    # abstract and interface members have no body: not implementations
    assert names(f"{runner}.query") == {
        ("MysqlQueryRunner.query", "implements", None),
        ("PostgresQueryRunner.query", "implements", "BaseQueryRunner"),
        ("memory.query", "implements", None),
    }
    assert names(f"{runner}.connected") == {
        ("BaseQueryRunner.connected", "implements", None),
        ("MysqlQueryRunner.connected", "implements", None),
        ("memory.connected", "implements", None),
    }
