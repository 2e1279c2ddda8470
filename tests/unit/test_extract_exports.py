"""Export records: ESM export statements, `export =`, and CommonJS assignments."""

from code_graph.extract import extract_file
from code_graph.model import EXPORT_EQUALS_NAME, ExportKind, ExportRecord

NAMED, DEFAULT, COMMONJS = ExportKind.NAMED, ExportKind.DEFAULT, ExportKind.COMMONJS


def exports(code: str, path: str = "src/mod.ts") -> list[ExportRecord]:
    return list(extract_file(path, code.encode()).exports)


def test_exported_variable_declaration_exports_each_name() -> None:
    assert exports("export const a = 1, b = 2;") == [
        ExportRecord("a", "a", NAMED, 1),
        ExportRecord("b", "b", NAMED, 1),
    ]


def test_exported_destructuring_exports_each_bound_name() -> None:
    assert [r.exported_name for r in exports("export const { a, b: c } = o;")] == ["a", "c"]


def test_exported_declarations_of_every_kind() -> None:
    code = """export function f() {}
export class C {}
export abstract class D {}
export interface I {}
export type T = string;
export enum E { A }
export namespace N.M {}
export declare function g(): void;
"""
    assert exports(code) == [
        ExportRecord("f", "f", NAMED, 1),
        ExportRecord("C", "C", NAMED, 2),
        ExportRecord("D", "D", NAMED, 3),
        ExportRecord("I", "I", NAMED, 4, type_only=True),
        ExportRecord("T", "T", NAMED, 5, type_only=True),
        ExportRecord("E", "E", NAMED, 6),
        ExportRecord("N", "N", NAMED, 7),
        ExportRecord("g", "g", NAMED, 8),
    ]


def test_default_export_of_a_named_declaration_points_at_it() -> None:
    assert exports("export default class App {}") == [ExportRecord("default", "App", DEFAULT, 1)]


def test_default_export_of_an_anonymous_declaration_points_at_the_file_named_symbol() -> None:
    assert exports("export default function () {}", "src/format-date.ts") == [
        ExportRecord("default", "format_date", DEFAULT, 1)
    ]


def test_default_export_of_an_identifier_points_at_it() -> None:
    assert exports("const x = 1;\nexport default x;") == [ExportRecord("default", "x", DEFAULT, 2)]


def test_default_export_of_another_expression_has_no_local_name() -> None:
    assert exports("export default { a: 1 };") == [ExportRecord("default", None, DEFAULT, 1)]


def test_export_clause_records_local_and_exported_names() -> None:
    assert exports("export { a, b as c, d as default };") == [
        ExportRecord("a", "a", NAMED, 1),
        ExportRecord("c", "b", NAMED, 1),
        ExportRecord("default", "d", DEFAULT, 1),
    ]


def test_type_export_clause_and_inline_type_are_type_only() -> None:
    assert exports("export type { T };\nexport { type U, V };") == [
        ExportRecord("T", "T", NAMED, 1, type_only=True),
        ExportRecord("U", "U", NAMED, 2, type_only=True),
        ExportRecord("V", "V", NAMED, 2),
    ]


def test_reexports_are_not_export_records() -> None:
    assert exports("export * from 'a';\nexport { b } from 'b';") == []


def test_export_equals_records_the_identifier() -> None:
    assert exports("export = Foo;") == [
        ExportRecord(EXPORT_EQUALS_NAME, "Foo", ExportKind.EXPORT_EQUALS, 1)
    ]


def test_module_exports_identifier_is_a_commonjs_export_equals() -> None:
    assert exports("module.exports = Foo;", "a.js") == [
        ExportRecord(EXPORT_EQUALS_NAME, "Foo", COMMONJS, 1)
    ]


def test_module_exports_object_literal_also_exports_each_key() -> None:
    code = "module.exports = { a, b: c, d: 1, e() {} };"
    assert exports(code, "a.js") == [
        ExportRecord(EXPORT_EQUALS_NAME, None, COMMONJS, 1),
        ExportRecord("a", "a", COMMONJS, 1),
        ExportRecord("b", "c", COMMONJS, 1),
        ExportRecord("d", None, COMMONJS, 1),
        ExportRecord("e", None, COMMONJS, 1),
    ]


def test_exports_property_assignments_are_named_commonjs_exports() -> None:
    code = "exports.a = a;\nmodule.exports.b = 1;\nexports.a = other;"
    assert exports(code, "a.js") == [
        ExportRecord("a", "a", COMMONJS, 1),
        ExportRecord("b", None, COMMONJS, 2),
    ]


def test_other_member_assignments_are_not_exports() -> None:
    assert exports("obj.exports = 1;\nmodule.other = 2;\nexport_.a = 3;", "a.js") == []


def test_exports_inside_namespaces_and_ambient_modules_are_not_file_exports() -> None:
    code = "namespace N { export const a = 1; }\ndeclare module 'm' { export function f(): void; }"
    assert exports(code) == []


def test_overloads_are_exported_once() -> None:
    code = "export function f(a: string): void;\nexport function f(a: any) {}"
    assert exports(code) == [ExportRecord("f", "f", NAMED, 1)]


def test_exported_functions_and_classes_assigned_to_exports_point_at_their_symbols() -> None:
    code = "exports.toCents = function () {};\nmodule.exports.Money = class {};\n"
    code += "if (a) {\n  exports.later = () => 1;\n}"
    assert exports(code, "a.js") == [
        ExportRecord("toCents", "toCents", COMMONJS, 1),
        ExportRecord("Money", "Money", COMMONJS, 2),
        ExportRecord("later", None, COMMONJS, 4),
    ]
