"""Local scopes: parameters and block variables hide imports and top-level names from value
references, and a local's declared type names its receiver (`x.m()` with `x: T` -> `^T`)."""

import time

from code_graph.extract import extract_file
from code_graph.extract.scopes import Ranges
from code_graph.extract.values import VALUE_USES
from code_graph.model import Reference, ReferenceKind

CALL, NEW, TYPE, JSX = ReferenceKind.CALL, ReferenceKind.NEW, ReferenceKind.TYPE, ReferenceKind.JSX
EXTENDS = ReferenceKind.EXTENDS


def references(code: str, path: str = "src/mod.ts") -> list[Reference]:
    """The references of the kinds these tests are about (value uses: test_extract_values)."""
    facts = extract_file(path, code.encode())
    return [ref for ref in facts.references if ref.kind not in VALUE_USES]


def calls(code: str, path: str = "src/mod.ts") -> list[tuple[str | None, str]]:
    """(qualifier, name) of the call, `new` and JSX references."""
    return [(r.qualifier, r.name) for r in references(code, path) if r.kind in (CALL, NEW, JSX)]


# ---------------------------------------------------------------- typed locals


def test_a_parameter_with_a_type_annotation_qualifies_its_calls_by_the_type() -> None:
    code = (
        "import { lookup } from './x';\nfunction f(service: UserService) {\n  service.lookup();\n}"
    )
    assert references(code) == [
        Reference("UserService", TYPE, 2, 21, None, "f"),
        Reference("lookup", CALL, 3, 11, "^UserService", "f"),
    ]


def test_the_members_after_a_typed_local_are_kept_after_its_type() -> None:
    assert calls("function f(repo: Repo) { repo.items.clear(); }") == [("^Repo.items", "clear")]


def test_annotations_name_the_type_through_namespaces_generics_and_optional_unions() -> None:
    code = """function f(a: ns.Conn, b: Box<Item>, c?: Conn | undefined, d: Conn | null, e: (Conn)) {
  a.m(); b.m(); c.m(); d.m(); e.m();
}"""
    assert calls(code) == [
        ("^ns.Conn", "m"),
        ("^Box", "m"),
        ("^Conn", "m"),
        ("^Conn", "m"),
        ("^Conn", "m"),
    ]


def test_unions_predefined_function_and_object_types_give_no_type() -> None:
    code = """function f(c: A | B, d: string, e: () => void, g: {}) {
  c.m(); d.m(); e.m(); g.m();
}"""
    assert calls(code) == [("?", "m")] * 4


def test_utility_types_keep_the_members_of_their_first_argument() -> None:
    code = """function f(a: Readonly<Conn>, b: Pick<Conn, "m">, c: Map<K, Conn>) {
  a.m(); b.m(); c.get();
}"""
    assert calls(code) == [("^Conn", "m"), ("^Conn", "m"), ("^Map", "get")]


def test_arrays_are_typed_as_arrays_and_their_elements_as_elements() -> None:
    code = """function f(a: Conn[], b: readonly Conn[], c: Array<Conn>) {
  a.m(); b[0].m(); for (const x of c) x.m(); a.forEach((y) => y.m());
}"""
    assert calls(code) == [
        ("^Conn[]", "m"),  # Array's own `m`: never linked to the project
        ("^Conn[].[]", "m"),
        ("^Conn[].[]", "m"),
        ("^Conn[]", "forEach"),
        ("&Conn[].forEach(0,0)", "m"),
    ]


def test_a_local_initialized_with_new_or_a_cast_has_that_type() -> None:
    code = """function f() {
  const a = new Cache<string>();
  let b = load() as Conn;
  const c = <Conn>load();
  var d = (new ns.Cache());
  const e: Conn = load();
  a.get(); b.open(); c.open(); d.get(); e.open();
}"""
    assert calls(code)[-5:] == [
        ("^Cache", "get"),
        ("^Conn", "open"),
        ("^Conn", "open"),
        ("^ns.Cache", "get"),
        ("^Conn", "open"),
    ]


def test_a_parameter_default_value_created_with_new_gives_its_type() -> None:
    assert calls("function f(a = new Cache()) { a.get(); }", "a.js") == [
        (None, "Cache"),
        ("^Cache", "get"),
    ]


def test_javascript_locals_are_typed_by_their_new_initializer() -> None:
    assert calls("function f() { const store = new Store(); store.add(1); }", "a.js") == [
        (None, "Store"),
        ("^Store", "add"),
    ]


def test_a_local_typed_by_a_type_parameter_in_scope_has_no_type() -> None:
    code = "function f<T>(item: T, list: Box<T>) { item.m(); list.m(); }"
    assert calls(code) == [("?", "m"), ("^Box", "m")]


def test_bare_calls_and_constructions_of_a_typed_local_are_dropped() -> None:
    assert calls("function f(make: Factory) { make(); new make(); make.run(); }") == [
        ("^Factory", "run")
    ]


# ---------------------------------------------------------------- untyped locals


def test_a_bare_use_of_an_untyped_local_is_not_a_reference() -> None:
    code = "import { helper } from './h';\nfunction f(helper) {\n  helper();\n}\nhelper();"
    assert references(code, "a.js") == [Reference("helper", CALL, 5, 1, None, None)]


def test_a_qualified_use_of_an_untyped_local_has_the_unknown_receiver() -> None:
    assert references("function f(db) {\n  db.query();\n}", "a.js") == [
        Reference("query", CALL, 2, 6, "?", "f")
    ]


def test_destructured_rest_and_defaulted_parameters_are_untyped_locals() -> None:
    code = "function f({ a, b: { c } }, [d], ...e) { a(); c(); d(); e.m(); }\n"
    code += "const g = ({ h } = {}, i = 1) => { h(); i(); };"
    assert calls(code, "a.js") == [("?", "m")]


def test_a_single_parameter_arrow_function_binds_its_parameter() -> None:
    assert calls("items.map(item => item.render());\nitem.render();", "a.js") == [
        ("items", "map"),
        ("&items.map(0,0)", "render"),  # typed by what `items.map` declares, if anything
        ("item", "render"),
    ]


def test_catch_parameters_and_for_in_of_variables_are_locals_of_their_statement() -> None:
    code = """function f() {
  try { run(); } catch (error) { error.log(); }
  for (const item of items) item.save();
  for (let key in map) key();
  error.log();
  item.save();
}"""
    assert calls(code) == [
        (None, "run"),
        ("?", "log"),
        ("^items.[]", "save"),  # an element of `items`
        ("error", "log"),
        ("item", "save"),
    ]


def test_a_function_expression_method_and_getter_bind_their_parameters() -> None:
    code = """const o = {
  m(a) { a(); },
  get g() { return 1; },
  set s(b) { b(); },
  f: function (c) { c(); },
};
class K { static { var d = 1; d(); } run(e) { e(); } }"""
    assert calls(code, "a.js") == []


# ---------------------------------------------------------------- where a local is visible


def test_a_block_scoped_local_hides_names_only_inside_its_block() -> None:
    code = """function f() {
  if (a) {
    const save = make();
    save();
  }
  save();
}"""
    assert references(code, "a.js") == [
        Reference("make", CALL, 3, 18, None, "f"),
        Reference("save", CALL, 6, 3, None, "f"),
    ]


def test_a_var_is_visible_in_its_whole_function_even_before_its_declaration() -> None:
    code = (
        "function f() {\n  save();\n  if (a) {\n    var save = make();\n  }\n  save();\n}\nsave();"
    )
    assert [(r.name, r.line) for r in references(code, "a.js")] == [("make", 4), ("save", 8)]


def test_a_var_in_a_for_loop_is_hoisted_to_the_function() -> None:
    code = "function f() {\n  for (var i = 0; ; ) {}\n  for (var k of ks) {}\n  i(); k();\n}"
    assert calls(code, "a.js") == []


def test_a_let_in_a_for_statement_is_visible_only_in_the_loop() -> None:
    code = "function f() {\n  for (let i = 0; ; ) i();\n  i();\n}"
    assert [(r.name, r.line) for r in references(code, "a.js")] == [("i", 3)]


def test_a_let_in_a_switch_case_is_a_local_of_the_switch() -> None:
    code = "function f(k) {\n  switch (k) {\n    case 1: let v = g(); v(); break;\n  }\n  v();\n}"
    assert [(r.name, r.line) for r in references(code, "a.js")] == [("g", 3), ("v", 5)]


def test_the_innermost_declaration_wins() -> None:
    code = """function f(conn: Conn) {
  conn.open();
  {
    const conn = new Pool();
    conn.open();
  }
  const g = (conn) => conn.open();
}"""
    assert calls(code) == [
        ("^Conn", "open"),
        (None, "Pool"),
        ("^Pool", "open"),
        ("?", "open"),
    ]


def test_top_level_and_namespace_variables_are_symbols_not_locals() -> None:
    code = "const cache = make();\ncache.get();\nnamespace N {\n  const inner = make();\n  inner.get();\n}"
    assert calls(code) == [(None, "make"), ("cache", "get"), (None, "make"), ("inner", "get")]


def test_a_var_in_a_top_level_block_is_not_a_local() -> None:
    assert calls("if (a) {\n  var cache = make();\n}\ncache.get();", "a.js") == [
        (None, "make"),
        ("cache", "get"),
    ]


def test_class_bodies_do_not_bind_bare_names() -> None:
    code = "class A {\n  save = 1;\n  run() {\n    save();\n  }\n}"
    assert references(code) == [Reference("save", CALL, 4, 5, None, "A.run")]


def test_nested_function_and_class_declarations_stay_references_to_their_symbols() -> None:
    code = (
        "function f() {\n  function helper() {}\n  class Local {}\n  helper();\n  new Local();\n}"
    )
    assert calls(code) == [(None, "helper"), (None, "Local")]


def test_a_required_module_inside_a_function_is_an_import_not_a_local() -> None:
    code = "function f() {\n  const fs = require('fs');\n  const { join } = require('path');\n"
    code += "  fs.readFileSync();\n  join();\n}"
    assert calls(code, "a.js") == [("fs", "readFileSync"), (None, "join")]


def test_a_this_parameter_keeps_the_this_qualifier() -> None:
    assert calls("function f(this: Window, a: A) { this.close(); }") == [("this", "close")]


def test_jsx_elements_named_by_a_local_are_hidden_or_requalified() -> None:
    code = """function Wrapper({ as: Tag, theme }: Props) {
  return <Tag><theme.Provider /><Layout /></Tag>;
}"""
    assert calls(code, "a.tsx") == [("^Props.theme", "Provider"), (None, "Layout")]


def test_a_class_extending_a_parameter_does_not_refer_to_an_outer_name() -> None:
    code = "function Mixin(Base) {\n  return class extends Base {};\n}\nclass A extends Base {}"
    assert [(r.kind, r.name, r.line) for r in references(code, "a.js")] == [(EXTENDS, "Base", 4)]


def test_type_references_are_not_hidden_by_value_locals() -> None:
    code = "function f(Conn: unknown) {\n  let c: Conn;\n  Conn();\n}"
    assert references(code) == [Reference("Conn", TYPE, 2, 10, None, "f")]


# ---------------------------------------------------------------- robustness


def test_extracting_a_file_with_many_nested_scopes_is_deterministic() -> None:
    body = "".join(
        f"function f{i}(p{i}) {{ {{ let a{i} = new A(); a{i}.m(); }} var v{i}; " for i in range(60)
    )
    code = body + "v0.m(); p0.m(); a0.m();" + "}" * 60
    first = extract_file("a.js", code.encode())
    for _ in range(5):
        assert extract_file("a.js", code.encode()) == first
    assert [(r.qualifier, r.name) for r in first.references if r.kind not in VALUE_USES][-3:] == [
        ("?", "m"),
        ("?", "m"),
        ("a0", "m"),
    ]


def test_scopes_ten_thousand_levels_deep_are_resolved_in_linear_time() -> None:
    depth = 10_000
    started = time.perf_counter()
    for code in (
        "function f() {" + "{ let a = new A(); a.m(); " * depth + "}" * depth + "}",
        "function f() {" + "{ var v = 1; v.m(); " * depth + "}" * depth + "}",
        "const f = " + "(x: T) => { x.m(); return " * depth + "1" + "}" * depth + ";",
        "function f() {" + "try {} catch (e) { e.m(); " * depth + "}" * depth + "}",
    ):
        facts = extract_file("deep.ts", code.encode())
        assert [r for r in facts.references if r.kind not in VALUE_USES][-1].qualifier in (
            "^A",
            "?",
            "^T",
        )
    assert time.perf_counter() - started < 20  # quadratic behaviour takes minutes


def test_ranges_find_the_innermost_range_around_an_offset() -> None:
    ranges = Ranges([(10, 20, "inner"), (0, 100, "outer"), (10, 15, "innermost"), (30, 40, "b")])
    found = {offset: ranges.find(offset) for offset in (0, 9, 10, 14, 15, 19, 20, 30, 40, 99, 100)}
    names = {offset: None if i < 0 else ranges.payloads[i] for offset, i in found.items()}
    assert names == {
        0: "outer",
        9: "outer",
        10: "innermost",
        14: "innermost",
        15: "inner",
        19: "inner",
        20: "outer",
        30: "b",
        40: "outer",
        99: "outer",
        100: None,
    }
