"""Bad input is refused naming what is accepted, and paths are read as people type them:
relative to the current folder, absolute inside the project, folders (through CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from code_graph.cli import main
from code_graph.index import index_project
from tests.conftest import TreeWriter

PROJECT = {
    "src/utils/url.ts": "export function parseUrl(text: string): string {\n  return text;\n}\n",
    "src/utils/index.ts": "export * from './url';\n",
    "src/app.ts": (
        "// the app\n"
        "\n"
        "import { parseUrl } from './utils/url';\n"
        "\n"
        "export function main(): string {\n"
        "  const base = 'x';\n"
        "  return parseUrl(base);\n"
        "}\n"
    ),
    "src/__tests__/app.test.ts": "import { main } from '../app';\n\nmain();\n",
    "src/broken.ts": "import { gone } from './missing';\nexport const a = gone;\n",
}


@pytest.fixture
def project(write_tree: TreeWriter) -> Path:
    root = write_tree(PROJECT)
    index_project(root, workers=1)
    return root


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_an_unknown_symbol_kind_is_a_usage_error_naming_the_kinds(project: Path) -> None:
    result = invoke("find", "parse", "-p", str(project), "--kind", "klass")
    assert result.exit_code == 2
    assert "unknown symbol kind 'klass'; choose from function, class, interface" in result.output


@pytest.mark.parametrize("kinds", ["bogus", "call,bogus"])
def test_an_unknown_reference_kind_is_a_usage_error(project: Path, kinds: str) -> None:
    result = invoke("refs", "parseUrl", "-p", str(project), "--kind", kinds)
    assert result.exit_code == 2
    assert "unknown reference kind 'bogus'; choose from call, new" in result.output


def test_several_reference_kinds_are_all_kept(project: Path) -> None:
    document = json.loads(
        invoke("refs", "parseUrl", "-p", str(project), "--kind", "call,import", "--json").stdout
    )
    assert {r["kind"] for r in document["references"]} == {"call", "import"}


@pytest.mark.parametrize(
    "command",
    [["find", "parse", "--file"], ["refs", "parseUrl", "--file"], ["unresolved", "--file"]],
)
def test_a_prefix_matching_no_indexed_file_says_so(project: Path, command: list[str]) -> None:
    result = invoke(*command, "srcc/", "-p", str(project))
    assert result.exit_code == 1
    assert "no indexed file under 'srcc/'; did you mean: src/" in result.output


def test_export_filter_matching_no_file_says_so(project: Path) -> None:
    result = invoke("export", "-p", str(project), "--format", "mermaid", "--filter", "srcc/")
    assert result.exit_code == 1
    assert "no indexed file under 'srcc/'" in result.output


def test_paths_are_read_relative_to_the_current_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_root = invoke("file", "src/utils/url.ts", "-p", str(project), "--json").stdout
    monkeypatch.chdir(project / "src" / "utils")
    assert invoke("file", "url.ts", "--json").stdout == from_root
    assert invoke("file", str(project / "src/utils/url.ts"), "--json").stdout == from_root
    assert invoke("file", "src/utils/url.ts", "--json").stdout == from_root  # root-relative too
    refs = json.loads(invoke("refs", "url.ts:parseUrl", "--json").stdout)
    assert refs["lookup"]["status"] == "found" and refs["total"] >= 2
    here = json.loads(invoke("find", "", "--file", ".", "--json").stdout)
    assert {s["file"] for s in here["symbols"]} == {"src/utils/url.ts"}


def test_an_absolute_path_outside_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    result = invoke("file", str(tmp_path / "elsewhere.ts"), "-p", str(project))
    assert result.exit_code == 2
    assert "is outside the project" in result.output


def test_impact_of_a_folder_is_what_depends_on_its_files_from_outside(project: Path) -> None:
    document = json.loads(invoke("impact", "src/utils", "-p", str(project), "--json").stdout)
    assert document["target"] == "src/utils/"
    files = {d["file"] for d in document["dependents"]}
    assert files == {"src/app.ts", "src/__tests__/app.test.ts"}


def test_file_impact_reports_the_line_of_each_import(project: Path) -> None:
    text = invoke(
        "impact", "src/utils/url.ts", "-p", str(project), "--format", "compact"
    ).stdout.splitlines()
    assert text[0] == "impact of src/utils/url.ts: 3 dependents in 3 files (1 in test files)"
    assert text[1:] == [
        "d1 src/app.ts:3",
        "d1 src/utils/index.ts:1",
        "tests (1):",
        "d2 src/__tests__/app.test.ts:1 <- src/app.ts",
        "note: 1 unresolved imports in the project",
    ]


def test_symbol_impact_reports_the_use_and_the_path_and_splits_the_tests(project: Path) -> None:
    lines = invoke(
        "impact", "parseUrl", "-p", str(project), "--format", "compact"
    ).stdout.splitlines()
    assert lines[:4] == [
        "impact of parseUrl: 2 dependents in 2 files (1 in test files)",
        "d1 src/app.ts:7 main",  # the call, not the definition of main on line 5
        "tests (1):",
        "d2 src/__tests__/app.test.ts:3 <top-level> <- main",
    ]
    document = json.loads(invoke("impact", "parseUrl", "-p", str(project), "--json").stdout)
    first = document["dependents"][0]
    assert (first["line"], first["reached_from"], first["test"]) == (7, None, False)
    assert document["dependents"][1]["reached_from"] == "main"


def test_compact_lines_show_the_span_and_a_clean_signature(project: Path) -> None:
    text = invoke("find", "parseUrl", "-p", str(project), "--format", "compact").stdout
    assert text.strip() == (
        "function parseUrl src/utils/url.ts:1-3 export | function parseUrl(text: string): string"
    )


CYCLES = {  # one component of four files: a <-> b, and a -> c -> d -> a
    "a.ts": "import { b } from './b';\nimport { c } from './c';\nexport const a = () => b + c;\n",
    "b.ts": "import { a } from './a';\nexport const b = 1;\nexport const ab = a;\n",
    "c.ts": "import { d } from './d';\nexport const c = d;\n",
    "d.ts": "import { a } from './a';\nexport const d = 2;\nexport const da = a;\n",
    "t1.ts": "import type { T2 } from './t2';\nexport interface T1 { next: T2 }\n",
    "t2.ts": "import { T1 } from './t1';\nexport interface T2 { back: T1 }\n",
}


def test_circular_lists_every_file_of_a_cycle_and_the_import_to_cut(
    write_tree: TreeWriter,
) -> None:
    root = write_tree(CYCLES)
    index_project(root, workers=1)
    lines = invoke("circular", str(root), "--format", "compact").stdout.splitlines()
    assert lines[0] == "runtime (4 files): a.ts -> b.ts -> a.ts"
    assert lines[1] == "  all 4: a.ts, b.ts, c.ts, d.ts"
    assert lines[2].startswith("  cut: ")  # no single import breaks both: cut the longer loop
    assert "(the fewest files left on cycles: 2 of 4; 1 name imported)" in lines[2]
    cut = lines[2].removeprefix("  cut: ").split(" (")[0]
    assert cut in {"a.ts:2 -> c.ts", "c.ts:1 -> d.ts", "d.ts:1 -> a.ts"}
    assert lines[3] == "type-only (2 files): t1.ts -> t2.ts -> t1.ts"
    assert lines[4] == (  # the type-only import first, though both import one name
        "  cut: t1.ts:1 -> t2.ts (cutting it alone breaks every cycle among these files;"
        " 1 name imported; type-only)"
    )
    document = json.loads(invoke("circular", str(root), "--json").stdout)
    assert document["cycles"][0]["files"] == ["a.ts", "b.ts", "c.ts", "d.ts"]
    assert document["cycles"][0]["break_edge"]["left_on_cycles"] == 2


BARRELS = {
    "src/model.ts": "export class User {}\nexport type Id = string;\nexport default 1;\n",
    "src/more.ts": "export * from './model';\nexport const extra = 1;\n",
    "src/index.ts": (
        "export * from './more';\n"
        "export { User as Person } from './model';\n"
        "export * as models from './model';\n"
        "export { thing } from 'some-package';\n"
        "export const own = 1;\n"
    ),
}


def test_file_lists_re_exported_names_with_where_they_come_from(write_tree: TreeWriter) -> None:
    root = write_tree(BARRELS)
    index_project(root, workers=1)
    lines = invoke("file", "src/index.ts", "-p", str(root), "--format", "compact").stdout
    assert "exports: own" in lines
    assert (
        "re-exports (6):\n"
        "  1 * src/more.ts: extra\n"
        "  1 * src/model.ts: User, Id\n"  # through the second `export *`; never `default`
        "  2 src/model.ts: Person\n"
        "  3 src/model.ts: models\n"
        "  4 some-package: thing\n"
    ) in lines
    document = json.loads(invoke("file", "src/index.ts", "-p", str(root), "--json").stdout)
    assert {"name": "Person", "from": "src/model.ts", "line": 2, "star": False}.items() <= (
        document["reexports"][3].items()
    )
    table = invoke("file", "src/index.ts", "-p", str(root)).stdout
    assert "Re-exports" in table and "export *" in table


def test_a_relative_import_not_found_lists_the_paths_tried_and_the_closest_file(
    write_tree: TreeWriter,
) -> None:
    root = write_tree(
        {"src/text-utils.ts": "export const t = 1;\n", "src/use.ts": "import './text-utlis';\n"}
    )
    index_project(root, workers=1)
    text = invoke("unresolved", str(root), "--format", "compact").stdout
    assert (
        "  src/use.ts:1 ./text-utlis | tried src/text-utlis, with TypeScript's extensions and"
        " as a folder's index; did you mean src/text-utils.ts?"
    ) in text


def test_source_prints_a_symbols_numbered_lines_and_says_when_the_file_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "src")
    text = invoke("source", "app.ts:main", "--format", "compact").stdout
    assert text.splitlines() == [
        "function main src/app.ts:5-8 export",
        "5| export function main(): string {",
        "6|   const base = 'x';",
        "7|   return parseUrl(base);",
        "8| }",
    ]
    (project / "src/app.ts").write_text("\n" + (project / "src/app.ts").read_text())
    changed = invoke("source", "main", "--format", "compact").stdout
    assert "note: src/app.ts changed since it was indexed; lines may have moved" in changed
    assert invoke("source", "nothing_here").exit_code == 1


def test_calls_shows_the_call_hierarchy_both_ways(project: Path) -> None:
    callers = invoke("calls", "parseUrl", "-p", str(project), "--format", "compact").stdout
    assert callers.splitlines() == [
        "callers of function parseUrl src/utils/url.ts:1-3 export (depth 3): 2 calls",
        "main src/app.ts:7",
        "  <top-level> src/__tests__/app.test.ts:3",
    ]
    callees = invoke("calls", "main", "--callees", "-p", str(project), "--json").stdout
    document = json.loads(callees)
    assert [(c["symbol"]["name"], c["line"]) for c in document["calls"]] == [("parseUrl", 7)]
    shallow = invoke("calls", "parseUrl", "--depth", "1", "-p", str(project), "--format", "compact")
    assert "main src/app.ts:7 (+1 callers deeper: raise depth)" in shallow.stdout


def test_file_of_a_folder_is_an_outline_of_its_modules(project: Path) -> None:
    text = invoke("file", "src/utils", "-p", str(project), "--format", "compact").stdout
    assert text.splitlines() == [
        "src/utils/ (2 files)",
        "src/utils/index.ts",
        "src/utils/url.ts",
        "  exports: parseUrl(function)",
    ]
    document = json.loads(invoke("file", "src", "-p", str(project), "--json").stdout)
    app = next(f for f in document["files"] if f["path"] == "src/app.ts")
    assert app["outside_imports"] == []  # ./utils/url is inside src/
    broken = next(f for f in document["files"] if f["path"] == "src/broken.ts")
    assert [i["specifier"] for i in broken["outside_imports"]] == ["./missing"]
