"""Import records: static imports, re-exports, import-equals, require() and import()."""

import pytest

from code_graph.extract import extract_file
from code_graph.model import EXPORT_EQUALS_NAME, ImportedName, ImportKind, ImportRecord

STATIC, REEXPORT = ImportKind.STATIC, ImportKind.REEXPORT


def imports(code: str, path: str = "src/mod.ts") -> list[ImportRecord]:
    return list(extract_file(path, code.encode()).imports)


def only(code: str, path: str = "src/mod.ts") -> ImportRecord:
    [record] = imports(code, path)
    return record


def test_default_import_binds_default_to_the_local_name() -> None:
    assert only("import d from 'x';") == ImportRecord(
        "x", STATIC, 1, names=(ImportedName("default", "d"),)
    )


def test_namespace_import_binds_star_to_the_local_name() -> None:
    assert only("import * as ns from 'x';").names == (ImportedName("*", "ns"),)


def test_named_imports_record_an_alias_only_when_renamed() -> None:
    assert only("import { a, b as c, d as d } from 'x';").names == (
        ImportedName("a"),
        ImportedName("b", "c"),
        ImportedName("d"),
    )


def test_default_and_named_imports_together() -> None:
    assert only("import d, { a } from 'x';").names == (
        ImportedName("default", "d"),
        ImportedName("a"),
    )


def test_side_effect_import_has_no_names() -> None:
    assert only('import "./polyfill";') == ImportRecord("./polyfill", STATIC, 1)


def test_import_type_is_type_only_and_inline_type_marks_one_name() -> None:
    assert only("import type { A } from 'x';").type_only is True
    record = only("import { type A, B } from 'x';")
    assert record.type_only is False
    assert record.names == (ImportedName("A", None, type_only=True), ImportedName("B"))


def test_string_named_import_is_unquoted() -> None:
    assert only("import { 'a-b' as ab } from 'x';").names == (ImportedName("a-b", "ab"),)


def test_star_reexport_has_a_star_name_without_alias() -> None:
    assert only("export * from './all';") == ImportRecord(
        "./all", REEXPORT, 1, names=(ImportedName("*"),)
    )


def test_namespace_reexport_records_the_namespace_name() -> None:
    assert only("export * as ns from './all';").names == (ImportedName("*", "ns"),)


def test_renamed_reexport_records_source_name_and_alias() -> None:
    assert only("export { a as b, default as X, default } from './m';").names == (
        ImportedName("a", "b"),
        ImportedName("default", "X"),
        ImportedName("default"),
    )


def test_type_reexport_is_type_only() -> None:
    record = only("export type { T } from './types';")
    assert (record.kind, record.type_only, record.names) == (REEXPORT, True, (ImportedName("T"),))


def test_import_equals_require_binds_export_equals() -> None:
    assert only("import fs = require('fs');") == ImportRecord(
        "fs", ImportKind.IMPORT_EQUALS, 1, names=(ImportedName(EXPORT_EQUALS_NAME, "fs"),)
    )
    assert only("import type T = require('t');").type_only is True


def test_export_import_alias_is_not_an_import() -> None:
    assert imports("export import A = B.C;") == []


def test_require_assigned_to_a_name_binds_export_equals() -> None:
    assert only("const x = require('x');", "a.js") == ImportRecord(
        "x", ImportKind.REQUIRE, 1, names=(ImportedName(EXPORT_EQUALS_NAME, "x"),)
    )


def test_destructured_require_binds_each_property() -> None:
    assert only("const { a, b: c, d = 1 } = require('x');", "a.js").names == (
        ImportedName("a"),
        ImportedName("b", "c"),
        ImportedName("d"),
    )


def test_require_of_one_property_binds_that_property() -> None:
    assert only("const c = require('x').b;", "a.js").names == (ImportedName("b", "c"),)


def test_bare_require_anywhere_has_no_names_and_its_own_line() -> None:
    code = "function load() {\n  if (x) {\n    require('./side');\n  }\n}"
    assert only(code, "a.js") == ImportRecord("./side", ImportKind.REQUIRE, 3)


def test_multiline_require_declaration_is_recorded_at_the_statement_line() -> None:
    assert only("const {\n  a,\n} = require(\n  'x'\n);", "a.js").line == 1


def test_require_with_a_computed_argument_is_ignored() -> None:
    assert imports("require(name); require('a' + b); require(`x${y}`);", "a.js") == []


def test_dynamic_import_of_a_literal_or_plain_template_is_recorded() -> None:
    code = "load(import('./a'));\nimport(`./b`);\nimport(`./${c}`);\nimport(name);"
    assert imports(code) == [
        ImportRecord("./a", ImportKind.DYNAMIC, 1),
        ImportRecord("./b", ImportKind.DYNAMIC, 2),
    ]


@pytest.mark.parametrize("path", ["src/mod.ts", "src/mod.tsx", "src/mod.js", "src/mod.mjs"])
def test_comments_around_an_import_call_specifier_keep_the_import(path: str) -> None:
    code = (
        'import(/* webpackChunkName: "mid" */ "./mid.js");\n'
        'import(// a line comment\n  "./line");\n'
        'import(\n  /* webpackChunkName: "x" */\n  /* webpackMode: "lazy" */\n  "./several"\n);\n'
        'import("./after" /* after */);\n'
        "import(/* a */ `./template` /* b */, /* c */);\n"
    )
    assert [(r.specifier, r.kind, r.line) for r in imports(code, path)] == [
        ("./mid.js", ImportKind.DYNAMIC, 1),
        ("./line", ImportKind.DYNAMIC, 2),
        ("./several", ImportKind.DYNAMIC, 4),
        ("./after", ImportKind.DYNAMIC, 9),
        ("./template", ImportKind.DYNAMIC, 10),
    ]


@pytest.mark.parametrize("path", ["src/mod.ts", "src/mod.js", "src/mod.cjs"])
def test_comments_around_a_require_specifier_keep_the_import(path: str) -> None:
    code = (
        'const mod = require(/* webpackIgnore: true */ "./mod");\n'
        'require(// why\n  "./line" /* after */,);\n'
        "const { a } = require(/* one */ /* two */ `./template`);\n"
    )
    assert imports(code, path) == [
        ImportRecord(
            "./mod", ImportKind.REQUIRE, 1, names=(ImportedName(EXPORT_EQUALS_NAME, "mod"),)
        ),
        ImportRecord("./line", ImportKind.REQUIRE, 2),
        ImportRecord("./template", ImportKind.REQUIRE, 4, names=(ImportedName("a"),)),
    ]


@pytest.mark.parametrize("path", ["src/mod.ts", "src/mod.js"])
def test_an_import_call_with_options_is_recorded(path: str) -> None:
    code = 'import("./data.json", { with: { type: "json" } });\nimport("./x", /* o */ options);'
    assert [r.specifier for r in imports(code, path)] == ["./data.json", "./x"]


def test_require_with_a_second_argument_is_not_an_import() -> None:
    # TypeScript's program takes `require` calls with exactly one literal argument
    assert imports("require('./a', 1); require(/* only a comment */);", "a.js") == []


def test_imports_are_listed_in_source_order() -> None:
    code = "const a = require('a');\nimport b from 'b';\nexport * from 'c';\nimport('d');"
    assert [(r.specifier, r.line) for r in imports(code)] == [
        ("a", 1),
        ("b", 2),
        ("c", 3),
        ("d", 4),
    ]


def test_specifier_is_kept_exactly_as_written() -> None:
    assert only("import x from '../lib/index.js?raw';").specifier == "../lib/index.js?raw"


def test_export_type_star_is_a_type_only_re_export() -> None:
    facts = extract_file(
        "src/a.ts", b'export type * from "./a";\nexport type * as ns from "./b";\n'
    )
    assert [(i.specifier, i.type_only) for i in facts.imports] == [("./a", True), ("./b", True)]
