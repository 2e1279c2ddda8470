"""Incremental updates give exactly the graph a fresh index of the same tree gives."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from code_graph.index import index_project
from code_graph.index.update import update_paths
from code_graph.query.export import export_graph
from code_graph.query.hierarchy import Hierarchy, bases_of, heirs_of, related_members
from code_graph.records import SymbolRecord
from code_graph.render.json_format import export_document
from code_graph.store import Store
from tests.conftest import TreeWriter

BASE = {
    "package.json": '{"name": "shop", "private": true}',
    "tsconfig.json": '{"compilerOptions": {"strict": true, "baseUrl": ".", "paths": {"@lib/*": ["src/lib/*"]}}}',
    "src/lib/entity.ts": "export abstract class Entity {\n  touch(): void {}\n}\n",
    "src/cart.ts": (
        "import { Entity } from '@lib/entity';\n"
        "export class Cart extends Entity {\n  total(): number { this.touch(); return 0; }\n}\n"
    ),
    "src/index.ts": "export * from './cart';\nexport { Entity as Base } from './lib/entity';\n",
    "src/main.ts": (
        "import { Cart, Base, helper } from './index';\nimport { later } from './later';\n"
        "export function main(): void {\n  new Cart().total();\n  helper();\n  later();\n"
        "  track('main');\n}\n"
    ),
}

# Variants each file may take (None deletes it); picked at random by the property test.
VARIANTS: dict[str, list[str | None]] = {
    "src/lib/entity.ts": [
        BASE["src/lib/entity.ts"],
        "export abstract class Entity {\n  touch(): void {}\n  save(): void {}\n}\nexport function helper() {}\n",
        "export abstract class Entity {\n  static create(): void {}\n  touch(): void {}\n}\n",
        None,
    ],
    "src/cart.ts": [
        BASE["src/cart.ts"],
        "import { Entity } from './lib/entity';\nexport class Cart extends Entity {\n  total(): number { this.save(); return 1; }\n}\nexport function helper() {}\n",
        None,
    ],
    "src/index.ts": [
        BASE["src/index.ts"],
        "export * from './cart';\nexport * from './lib/entity';\n",
        "export { Cart } from './cart';\n",
    ],
    "src/later.ts": [
        None,
        "export function later() { return 1; }\n",
        "export const later = () => 2;\n",
    ],
    "src/lib/index.ts": [None, "export * from './entity';\n"],
    "src/later/index.ts": [None, "export function later() {}\n"],
    "src/globals.d.ts": [None, "declare function track(event: string): void;\n"],
    "src/special.ts": [
        None,
        "import { Cart } from './cart';\nexport class SpecialCart extends Cart {\n  run(): void { this.save(); }\n}\n",
    ],
    "src/app.ts": [
        None,
        "import { Cart } from './cart';\nexport function app() { Cart.create(); }\n",
    ],
    "src/ops.ts": [
        None,
        "import { Cart } from './cart';\nexport function withCart(cb: (cart: Cart) => void) {}\n",
        "import { Entity as Cart } from './lib/entity';\n"
        "export function withCart(cb: (cart: Cart) => void) {}\n",
        "export function withCart(cb: (n: number) => void) {}\n",
    ],
    "src/user.ts": [
        None,
        "import { withCart } from './ops';\nwithCart((cart) => { cart.total(); cart.touch(); });\n",
    ],
    # value uses: reads and writes of names that other variants define, move or delete
    "src/values.ts": [
        None,
        "import { later } from './later';\nimport * as all from './index';\n"
        "export let current = later;\nexport const kinds = [all.Cart, later];\n"
        "export function reset(): void { current = later; }\nexport { current as now };\n",
        "import { helper, Cart } from './index';\nexport const pick = { helper, Cart };\n",
    ],
    # the type hierarchy: an interface member renamed, a class gaining or losing `implements`,
    # a base class changing
    "src/shape.ts": [
        None,
        "export interface Shape {\n  area(): number;\n}\n",
        "export interface Shape {\n  size(): number;\n}\nexport interface Solid extends Shape {\n"
        "  area(): number;\n}\n",
    ],
    "src/square.ts": [
        None,
        "import { Shape } from './shape';\nexport class Square implements Shape {\n"
        "  area(): number { return 1; }\n  touch(): void {}\n}\n",
        "export class Square {\n  area(): number { return 1; }\n}\n",
        "import { Cart } from './cart';\nexport class Square extends Cart {\n"
        "  area(): number { return 1; }\n  touch(): void {}\n}\n",
        "import { Entity } from './lib/entity';\nimport type { Solid } from './shape';\n"
        "export class Square extends Entity implements Solid {\n  area(): number { return 2; }\n"
        "  size(): number { return 2; }\n}\n",
    ],
    # receivers typed by a function's declared return type, which an edit changes
    "src/factory.ts": [
        None,
        "import { Cart } from './cart';\nexport function make(): Cart {\n  return new Cart();\n}\n",
        "import { Entity as Cart } from './lib/entity';\nexport function make(): Cart {\n"
        "  throw new Error();\n}\n",
        "export function make(): number {\n  return 1;\n}\n",
    ],
    "src/made.ts": [
        None,
        "import { make } from './factory';\nexport async function use() {\n  make().total();\n"
        "  const cart = make();\n  cart.touch();\n}\n",
    ],
    # JSX attributes are uses of the component's props type, which an edit renames or moves
    "src/props.ts": [
        None,
        "export interface CardProps {\n  title: string;\n}\n",
        "export interface CardProps {\n  name: string;\n}\n",
    ],
    "src/card.tsx": [
        None,
        "import type { CardProps } from './props';\nexport function Card(props: CardProps) {\n"
        "  return <b>{props.title}</b>;\n}\n",
        "export function Card(props: { title: string }) {\n  return <b>{props.title}</b>;\n}\n",
    ],
    "src/page.tsx": [
        None,
        "import { Card } from './card';\nexport const Page = () => <Card title='y' name='z' />;\n",
    ],
    "src/measure.ts": [
        None,
        "import { Shape } from './shape';\nexport function measure(s: Shape): number {\n"
        "  return s.area();\n}\n",
    ],
}


def _graph(root: Path) -> dict[str, Any]:
    with Store.open_for_reading(root) as store:
        return {**export_document(export_graph(store)), "hierarchy": _hierarchy(store)}


def _hierarchy(store: Store) -> list[tuple[str, list[str], list[str]]]:
    """Each member's related members and each type's heirs, as the queries see them."""
    hierarchy = Hierarchy(store)

    def key(symbol: SymbolRecord) -> str:
        return f"{symbol.file}#{symbol.qualified_name}@{symbol.kind}:{symbol.line}"

    found = []
    for symbol in store.symbols.all():
        related = sorted(key(s) for s in related_members(hierarchy, symbol))
        bases = sorted(f"{r.kind} {key(r.base)}" for r in bases_of(hierarchy, symbol))
        heirs = sorted(f"{h.kind} {key(h.symbol)}" for h in heirs_of(hierarchy, symbol))
        found.append((key(symbol), related, bases + heirs))
    return found


def _fresh_graph(root: Path, scratch: Path) -> dict[str, Any]:
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(root, scratch, ignore=shutil.ignore_patterns(".code-graph"))
    index_project(scratch, workers=1)
    return _graph(scratch)


def _write(root: Path, path: str, content: str | None) -> None:
    target = root / path
    if content is None:
        target.unlink(missing_ok=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)


def test_an_edit_that_adds_an_export_links_its_importers(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(BASE)
    index_project(root, workers=1)
    _write(root, "src/lib/entity.ts", VARIANTS["src/lib/entity.ts"][1])
    run = update_paths(root, ["src/lib/entity.ts"])
    assert run.changed == ("src/lib/entity.ts",) and run.full is None
    graph = _graph(root)
    helper_calls = [
        e
        for e in graph["symbol_edges"]
        if e["kind"] == "call" and e["to"].endswith("#helper@function")
    ]
    assert [
        (e["file"], e["resolved_by"]) for e in helper_calls
    ] == []  # not re-exported by index.ts
    assert graph == _fresh_graph(root, tmp_path / "fresh")


def test_a_new_file_resolves_a_previously_unresolved_import(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(BASE)
    index_project(root, workers=1)
    _write(root, "src/later.ts", "export function later() {}\n")
    update_paths(root, ["src/later.ts"])
    graph = _graph(root)
    [later] = [i for i in graph["imports"] if i["specifier"] == "./later"]
    assert later["resolution"]["file"] == "src/later.ts"
    assert any(
        e["to"] == "src/later.ts#later@function" and e["kind"] == "call"
        for e in graph["symbol_edges"]
    )
    assert graph == _fresh_graph(root, tmp_path / "fresh")


def test_deleting_a_file_leaves_its_importers_unresolved_with_a_reason(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(BASE)
    index_project(root, workers=1)
    _write(root, "src/cart.ts", None)
    run = update_paths(root, ["src/cart.ts"])
    assert run.removed == ("src/cart.ts",)
    graph = _graph(root)
    [reexport] = [i for i in graph["imports"] if i["specifier"] == "./cart"]
    assert reexport["resolution"]["unresolved_reason"] == "not-found"
    assert graph == _fresh_graph(root, tmp_path / "fresh")


def test_a_removed_folder_drops_every_file_under_it(write_tree: TreeWriter, tmp_path: Path) -> None:
    root = write_tree(BASE)
    index_project(root, workers=1)
    shutil.rmtree(root / "src" / "lib")
    update_paths(root, ["src/lib"])
    assert _graph(root) == _fresh_graph(root, tmp_path / "fresh")


def test_a_config_change_re_resolves_through_a_full_reconcile(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(BASE)
    index_project(root, workers=1)
    _write(root, "tsconfig.json", '{"compilerOptions": {"strict": true}}')
    run = update_paths(root, ["tsconfig.json"])
    assert run.full is not None
    [alias] = [i for i in _graph(root)["imports"] if i["specifier"] == "@lib/entity"]
    assert alias["resolution"]["file"] is None
    assert _graph(root) == _fresh_graph(root, tmp_path / "fresh")


def test_a_touched_file_with_the_same_content_changes_nothing(write_tree: TreeWriter) -> None:
    root = write_tree(BASE)
    index_project(root, workers=1)
    before = _graph(root)
    (root / "src/cart.ts").write_text(BASE["src/cart.ts"])
    run = update_paths(root, ["src/cart.ts"])
    assert run.is_noop and run.unchanged == 1
    assert _graph(root) == before


edits = st.lists(
    st.lists(
        st.sampled_from(sorted(VARIANTS)).flatmap(
            lambda path: st.tuples(st.just(path), st.sampled_from(VARIANTS[path]))
        ),
        min_size=1,
        max_size=3,
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batches=edits)
def test_any_sequence_of_edits_equals_a_fresh_index(
    batches: list[list[tuple[str, str | None]]], tmp_path: Path
) -> None:
    root = tmp_path / "live"
    if root.exists():
        shutil.rmtree(root)
    for path, content in BASE.items():
        _write(root, path, content)
    index_project(root, workers=1)
    for batch in batches:
        for path, content in batch:
            _write(root, path, content)
        update_paths(root, [path for path, _ in batch])
        assert _graph(root) == _fresh_graph(root, tmp_path / "fresh")


def test_a_new_file_takes_over_a_relative_import_from_a_folder_index(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(BASE | {"src/later/index.ts": "export function later() {}\n"})
    index_project(root, workers=1)
    _write(root, "src/later.ts", "export function later() { return 1; }\n")
    update_paths(root, ["src/later.ts"])
    [later] = [i for i in _graph(root)["imports"] if i["specifier"] == "./later"]
    assert later["resolution"]["file"] == "src/later.ts"
    assert _graph(root) == _fresh_graph(root, tmp_path / "fresh")


def test_removing_an_inherited_static_method_unlinks_callers_that_never_import_its_file(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    entity_with_create = VARIANTS["src/lib/entity.ts"][2]
    assert entity_with_create is not None
    root = write_tree(
        BASE
        | {"src/lib/entity.ts": entity_with_create, "src/app.ts": VARIANTS["src/app.ts"][1] or ""}
    )
    index_project(root, workers=1)
    assert any(
        e["to"] == "src/lib/entity.ts#Entity.create@method" for e in _graph(root)["symbol_edges"]
    )
    _write(root, "src/lib/entity.ts", BASE["src/lib/entity.ts"])
    update_paths(root, ["src/lib/entity.ts"])
    assert _graph(root) == _fresh_graph(root, tmp_path / "fresh")


def test_a_method_added_to_a_base_class_links_calls_in_grandchild_classes(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(BASE | {"src/special.ts": VARIANTS["src/special.ts"][1] or ""})
    index_project(root, workers=1)
    _write(root, "src/lib/entity.ts", VARIANTS["src/lib/entity.ts"][1])
    update_paths(root, ["src/lib/entity.ts"])
    graph = _graph(root)
    assert any(
        e["file"] == "src/special.ts" and e["to"] == "src/lib/entity.ts#Entity.save@method"
        for e in graph["symbol_edges"]
    )
    assert graph == _fresh_graph(root, tmp_path / "fresh")


def test_renaming_a_class_unlinks_importers_that_reach_it_under_a_barrel_alias(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(BASE)
    index_project(root, workers=1)
    _write(root, "src/lib/entity.ts", "export abstract class Entity2 {\n  touch(): void {}\n}\n")
    update_paths(root, ["src/lib/entity.ts"])
    assert _graph(root) == _fresh_graph(root, tmp_path / "fresh")
