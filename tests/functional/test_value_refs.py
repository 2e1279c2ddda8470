"""Value uses link like calls do: through imports, barrels and `require`, shadowed by locals
and parameters, to the value among merged declarations."""

from __future__ import annotations

from pathlib import Path

import pytest

from code_graph.index import index_project
from code_graph.query.refs import find_references
from code_graph.store import Store
from tests.conftest import TreeWriter

PROJECT = {
    "tsconfig.json": '{"compilerOptions": {"strict": true, "allowJs": true}}',
    "src/limits.ts": (
        "export const LIMIT = 10;\n"
        "export let count = 0;\n"
        "export function handler(): void {}\n"
        "export interface Options { size: number }\n"
        "export const Options = { size: LIMIT };\n"
        "const hidden = 1;\n"
        "export { hidden };\n"
        "export enum Level { Low, High = Low + 2 }\n"
    ),
    "src/index.ts": "export * from './limits';\n",
    "src/use.ts": (
        "import { LIMIT, handler, count, Options, Level } from './index';\n"
        "export function check(n: number): boolean {\n"
        "  app.use(handler);\n"
        "  return n > LIMIT;\n"
        "}\n"
        "export function shadowed(LIMIT: number): number {\n"
        "  return LIMIT;\n"
        "}\n"
        "export const defaults = { ...Options, limit: LIMIT, handler };\n"
        "export function bump(): void {\n"
        "  count++;\n"
        "}\n"
        "export const level = (high: boolean) => (high ? Level.High : Level.Low);\n"
    ),
    "src/legacy.js": (
        "const { LIMIT } = require('./limits');\n"
        "const limits = require('./limits');\n"
        "module.exports = function over(n) {\n"
        "  return n > LIMIT || n > limits.LIMIT;\n"
        "};\n"
    ),
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("values")
    for relative, text in PROJECT.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    index_project(folder, workers=1)
    return folder


def _refs(root: Path, address: str) -> list[tuple[str, int, str, str | None]]:
    with Store.open_for_reading(root) as store:
        result = find_references(store, address)
    return [(r.file, r.line, r.kind, r.enclosing) for r in result.references]


def test_reads_link_through_imports_and_barrels_and_parameters_shadow(root: Path) -> None:
    refs = _refs(root, "src/limits.ts:LIMIT")
    assert ("src/use.ts", 4, "read", "check") in refs
    assert ("src/use.ts", 9, "read", "defaults.limit") in refs  # the innermost symbol
    assert ("src/limits.ts", 5, "read", "Options.size") in refs
    assert not [ref for ref in refs if ref[0] == "src/use.ts" and ref[1] in (6, 7)]


def test_a_function_passed_as_a_value_is_read(root: Path) -> None:
    refs = _refs(root, "src/limits.ts:handler")
    assert ("src/use.ts", 3, "read", "check") in refs
    assert ("src/use.ts", 9, "read", "defaults.handler") in refs


def test_a_write_to_an_imported_let(root: Path) -> None:
    assert ("src/use.ts", 11, "write", "bump") in _refs(root, "src/limits.ts:count")


def test_a_spread_reads_the_value_of_a_merged_name(root: Path) -> None:
    with Store.open_for_reading(root) as store:
        value = find_references(store, "src/limits.ts:5")
        interface = find_references(store, "src/limits.ts:4")
    assert ("src/use.ts", 9, "read") in {(r.file, r.line, r.kind) for r in value.references}
    assert ("src/use.ts", 9) not in {(r.file, r.line) for r in interface.references}


def test_an_enum_member_read_links_to_the_member_through_a_barrel(root: Path) -> None:
    assert _refs(root, "Level.High") == [("src/use.ts", 13, "read", "level")]
    assert _refs(root, "Level.Low") == [
        ("src/limits.ts", 8, "read", "Level.High"),  # inside the enum, a member reads another
        ("src/use.ts", 13, "read", "level"),
    ]
    assert ("src/use.ts", 13, "read", "level") in _refs(root, "src/limits.ts:Level")


def test_a_local_export_is_a_reference(root: Path) -> None:
    assert ("src/limits.ts", 7, "export", None) in _refs(root, "src/limits.ts:hidden")


def test_reads_in_javascript_link_through_require(root: Path) -> None:
    refs = _refs(root, "src/limits.ts:LIMIT")
    assert ("src/legacy.js", 4) in {(file, line) for file, line, _, _ in refs}


def test_reading_through_a_barrel_is_still_an_answer_after_an_update(
    write_tree: TreeWriter,
) -> None:
    from code_graph.index.update import update_paths

    folder = write_tree(PROJECT)
    index_project(folder, workers=1)
    (folder / "src/use.ts").write_text(PROJECT["src/use.ts"] + "export const again = LIMIT;\n")
    update_paths(folder, ["src/use.ts"])
    assert ("src/use.ts", 14, "read", "again") in _refs(folder, "src/limits.ts:LIMIT")


def test_import_and_re_export_references_sit_on_each_name(write_tree: TreeWriter) -> None:
    from code_graph.index.update import update_paths

    folder = write_tree(
        {
            "x.ts": "export const a = 1;\nexport const b = 2;\n",
            "use.ts": 'import {\n  a,\n  b as c,\n} from "./x";\nexport {\n  a as d,\n} from "./x";\n',
            "old.js": "const {\n  a,\n  b: e,\n} = require('./x');\n",
        }
    )
    index_project(folder, workers=1)

    def places(address: str) -> list[tuple[str, int, int, str]]:
        store = Store.open_for_reading(folder)
        try:
            found = find_references(store, address)
        finally:
            store.close()
        return [(r.file, r.line, r.column, r.kind) for r in found.references]

    assert places("x.ts:a") == [
        ("old.js", 2, 3, "import"),
        ("use.ts", 2, 3, "import"),
        ("use.ts", 6, 3, "re-export"),
    ]
    assert places("x.ts:b") == [("old.js", 3, 3, "import"), ("use.ts", 3, 3, "import")]
    (folder / "use.ts").write_text('import {\n\n  b,\n} from "./x";\n')
    update_paths(folder, ["use.ts"])
    assert places("x.ts:b") == [("old.js", 3, 3, "import"), ("use.ts", 3, 3, "import")]
