"""Callbacks' unannotated parameters typed by the function they are passed to, end to end:
indexing links `subscriber.next()` to `Subscriber.next`, and incremental updates relink the
callers when what the callee declares changes (always equal to a fresh index)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from code_graph.index import index_project
from code_graph.index.update import update_paths
from code_graph.query.export import export_graph
from code_graph.query.refs import find_references
from code_graph.render.json_format import export_document
from code_graph.store import Store
from tests.conftest import TreeWriter

OPERATE = (
    "import { Observable } from './observable';\n"
    "import type { Subscriber } from './subscriber';\n"
    "export function operate<T, R>(\n"
    "  init: (source: Observable<T>, subscriber: Subscriber<R>) => void,\n"
    "): void {}\n"
)
TREE = {
    "src/subscriber.ts": (
        "export class Subscription {\n  unsubscribe(): void {}\n}\n"
        "export class Subscriber<T> extends Subscription {\n  next(value: T): void {}\n}\n"
        "export class Other {\n  next(): void {}\n}\n"
    ),
    "src/observable.ts": (
        "import { Subscriber } from './subscriber';\n"
        "export class Observable<T> {\n"
        "  constructor(subscribe?: (this: Observable<T>, subscriber: Subscriber<T>) => void) {}\n"
        "  subscribe(): void {}\n"
        "}\n"
    ),
    "src/operate.ts": OPERATE,
    "src/use.ts": (
        "import { Observable } from './observable';\n"
        "import * as ops from './operate';\n"
        "export function map() {\n"
        "  return ops.operate((source, subscriber) => {\n"
        "    source.subscribe();\n"
        "    [1].forEach((v) => subscriber.next(v));\n"
        "  });\n"
        "}\n"
        "export const of = () => new Observable((subscriber) => {\n"
        "  subscriber.next(1);\n"
        "  subscriber.unsubscribe();\n"
        "});\n"
        "export function shadowed() {\n"
        "  ops.operate((source, subscriber) => { const subscriber2 = subscriber;\n"
        "    { const subscriber = make(); subscriber.next(); }\n"
        "  });\n"
        "}\n"
    ),
}


def _lines(root: Path, address: str) -> list[tuple[str, int, str]]:
    with Store.open_for_reading(root) as store:
        result = find_references(store, address)
    return [(r.file, r.line, r.method) for r in result.references if r.kind == "call"]


def _graph(root: Path) -> dict[str, Any]:
    with Store.open_for_reading(root) as store:
        return export_document(export_graph(store))


def _fresh_graph(root: Path, scratch: Path) -> dict[str, Any]:
    shutil.copytree(root, scratch, ignore=shutil.ignore_patterns(".code-graph"))
    index_project(scratch, workers=1)
    return _graph(scratch)


def test_members_of_callback_parameters_link_to_the_declared_types(write_tree: TreeWriter) -> None:
    root = write_tree(TREE)
    index_project(root, workers=1)
    assert _lines(root, "src/subscriber.ts:Subscriber.next") == [
        ("src/use.ts", 6, "member"),  # nested callback, outer parameter
        ("src/use.ts", 10, "member"),  # `new Observable(cb)`, `this:` parameter skipped
    ]  # not line 15: the block's own `subscriber`
    assert _lines(root, "src/subscriber.ts:Subscription.unsubscribe") == [
        ("src/use.ts", 11, "member")
    ]
    assert _lines(root, "src/observable.ts:Observable.subscribe") == [("src/use.ts", 5, "member")]


def test_changing_what_a_callee_declares_relinks_its_callers(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(TREE)
    index_project(root, workers=1)
    (root / "src/operate.ts").write_text(OPERATE.replace("subscriber: Subscriber<R>", "n: number"))
    update_paths(root, ["src/operate.ts"])
    assert _lines(root, "src/subscriber.ts:Subscriber.next") == [("src/use.ts", 10, "member")]
    assert _graph(root) == _fresh_graph(root, tmp_path / "fresh")


def test_changing_what_a_callees_callback_type_names_relinks_its_callers(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(TREE)
    index_project(root, workers=1)
    (root / "src/operate.ts").write_text(
        OPERATE.replace("import type { Subscriber }", "import { Other as Subscriber }")
    )
    update_paths(root, ["src/operate.ts"])
    assert _lines(root, "src/subscriber.ts:Other.next") == [("src/use.ts", 6, "member")]
    assert _graph(root) == _fresh_graph(root, tmp_path / "fresh")


def test_changing_a_constructors_callback_types_relinks_new_expressions(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    root = write_tree(TREE)
    index_project(root, workers=1)
    observable = TREE["src/observable.ts"].replace("subscriber: Subscriber<T>", "other: Other")
    (root / "src/observable.ts").write_text(
        observable.replace("import { Subscriber }", "import { Other }")
    )
    update_paths(root, ["src/observable.ts"])
    assert ("src/use.ts", 10, "member") in _lines(root, "src/subscriber.ts:Other.next")
    assert _graph(root) == _fresh_graph(root, tmp_path / "fresh")
