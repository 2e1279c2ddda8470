"""JSDoc types in JavaScript link across files, and their imports are edges of the file
graph (type-only), so `refs`, `circular` and `impact` see them."""

from __future__ import annotations

from code_graph.index import index_project
from code_graph.query.cycles import find_cycles
from code_graph.query.impact import impact
from code_graph.query.refs import find_references
from code_graph.store import Store
from tests.conftest import TreeWriter

PROJECT = {
    "jsconfig.json": '{"compilerOptions": {"checkJs": true, "module": "esnext"}}',
    "src/types.js": (
        "/**\n * @typedef {Object} Shape\n * @property {number} area\n */\n"
        "/** @typedef {'a' | 'b'} Kind */\n"
        "import { draw } from './use.js';\n"
        "export class Box {}\n"
        "export const drawn = draw;\n"
    ),
    "src/use.js": (
        "/** @import { Kind } from './types.js' */\n"
        "/**\n"
        " * @param {import('./types.js').Shape} shape\n"
        " * @param {Kind} kind\n"
        " * @returns {import('./types.js').Box}\n"
        " */\n"
        "export function draw(shape, kind) { return null; }\n"
    ),
}


def test_jsdoc_types_are_references_across_files(write_tree: TreeWriter) -> None:
    root = write_tree(PROJECT)
    index_project(root, workers=1)
    with Store.open_for_reading(root) as store:
        shape = find_references(store, "src/types.js:Shape")
        kind = find_references(store, "src/types.js:Kind")
        box = find_references(store, "src/types.js:Box")
        cycles = find_cycles(store)
        runtime = find_cycles(store, runtime_only=True)
        dependents = impact(store, "src/types.js:Shape")
    assert [(r.file, r.line, r.kind, r.enclosing) for r in shape.references] == [
        ("src/use.js", 3, "type", "draw")
    ]
    assert [(r.file, r.line, r.kind) for r in kind.references] == [
        ("src/use.js", 1, "import"),
        ("src/use.js", 4, "type"),
    ]
    assert [(r.file, r.line) for r in box.references] == [("src/use.js", 5)]
    assert [c.files for c in cycles.cycles] == [["src/types.js", "src/use.js"]]
    assert not cycles.cycles[0].runtime
    assert runtime.cycles == []
    assert [(d.file, d.runtime) for d in dependents.dependents][:1] == [("src/use.js", False)]
