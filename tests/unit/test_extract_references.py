"""References: calls, `new`, heritage clauses, type references and JSX, with their enclosing
symbol."""

from code_graph.extract import extract_file
from code_graph.extract.values import VALUE_USES
from code_graph.model import Reference, ReferenceKind

CALL, NEW, TYPE, JSX = ReferenceKind.CALL, ReferenceKind.NEW, ReferenceKind.TYPE, ReferenceKind.JSX
EXTENDS, IMPLEMENTS = ReferenceKind.EXTENDS, ReferenceKind.IMPLEMENTS


def references(code: str, path: str = "src/mod.ts") -> list[Reference]:
    """The references of the kinds these tests are about (value uses: test_extract_values)."""
    facts = extract_file(path, code.encode())
    return [ref for ref in facts.references if ref.kind not in VALUE_USES]


def summary(code: str, path: str = "src/mod.ts") -> list[tuple[str | None, str, ReferenceKind]]:
    return [(r.qualifier, r.name, r.kind) for r in references(code, path)]


def test_plain_call_has_no_qualifier_and_its_position_and_enclosing_symbol() -> None:
    assert references("function main() {\n  run();\n}") == [
        Reference("run", CALL, 2, 3, None, "main")
    ]


def test_top_level_call_has_no_enclosing_symbol() -> None:
    assert references("setup();") == [Reference("setup", CALL, 1, 1, None, None)]


def test_method_call_is_qualified_by_its_receiver_chain() -> None:
    assert summary("obj.m();\na.b.c();\nthis.save();\nsuper.init();\na?.b.c();") == [
        ("obj", "m", CALL),
        ("a.b", "c", CALL),
        ("this", "save", CALL),
        ("super", "init", CALL),
        ("a.b", "c", CALL),
    ]


def test_a_call_result_and_an_element_are_named_receivers() -> None:
    assert summary("foo().bar();\nitems[0].run();") == [
        (None, "foo", CALL),
        ("foo.()", "bar", CALL),  # what foo is declared to return
        ("items.[]", "run", CALL),  # an element of items
    ]


def test_method_call_position_is_the_method_name() -> None:
    [reference] = references("  api.client.fetch(url);")
    assert (reference.line, reference.column) == (1, 14)


def test_require_and_dynamic_import_are_not_calls() -> None:
    assert summary("const a = require('a');\nimport('b');\nrequire(x);", "a.js") == []


def test_new_expressions_are_references_with_qualifier() -> None:
    assert summary("new Map();\nnew ns.Widget();") == [(None, "Map", NEW), ("ns", "Widget", NEW)]


def test_class_extends_and_implements_clauses() -> None:
    code = "class A extends ns.Base<Item> implements Runnable, io.Closeable<T> {}"
    assert summary(code) == [
        ("ns", "Base", EXTENDS),
        (None, "Item", TYPE),
        (None, "Runnable", IMPLEMENTS),
        ("io", "Closeable", IMPLEMENTS),
        (None, "T", TYPE),
    ]


def test_interface_extends_clause() -> None:
    assert summary("interface A extends B<C>, ns.D {}") == [
        (None, "B", EXTENDS),
        (None, "C", TYPE),
        ("ns", "D", EXTENDS),
    ]


def test_javascript_class_extends_plain_and_member_expressions() -> None:
    assert summary("class A extends B {}\nclass C extends lib.D {}", "a.js") == [
        (None, "B", EXTENDS),
        ("lib", "D", EXTENDS),
    ]


def test_type_annotations_generics_satisfies_and_as_are_type_references() -> None:
    code = "let a: Foo<Bar> = x as Baz satisfies ns.Qux;\nfunction f(p: string): Promise<void> {}"
    assert summary(code) == [
        (None, "Foo", TYPE),
        (None, "Bar", TYPE),
        (None, "Baz", TYPE),
        ("ns", "Qux", TYPE),
        (None, "Promise", TYPE),
    ]


def test_declared_names_and_type_parameters_are_not_references() -> None:
    code = """interface Box<T> { value: T }
type Pair<K, V> = [K, V, Other];
function id<U>(u: U): U { return u; }
class Holder<H> { held: H; }
type Keys<O> = { [P in keyof O]: O[P] };
type Inner<X> = X extends Array<infer E> ? E : Missing;"""
    assert summary(code) == [
        (None, "Other", TYPE),
        (None, "Array", TYPE),
        (None, "Missing", TYPE),
    ]


def test_type_parameter_name_outside_its_generic_is_a_reference() -> None:
    code = "function id<T>(t: T): T { return t; }\nlet t: T;"
    assert [(r.name, r.line) for r in references(code)] == [("T", 2)]


def test_jsx_components_are_references_but_intrinsic_elements_are_not() -> None:
    code = "const App = () => (\n  <div>\n    <Header />\n    <ui.Card.Body>x</ui.Card.Body>\n  </div>\n);"
    assert references(code, "src/App.jsx") == [
        Reference("Header", JSX, 3, 6, None, "App"),
        Reference("Body", JSX, 4, 14, "ui.Card", "App"),
    ]


def test_references_are_attributed_to_the_innermost_symbol() -> None:
    code = """class Service {
  start() {
    function helper() { log(); }
    helper();
  }
  field = create();
}
export const handler = () => Service.run();"""
    assert [(r.name, r.enclosing) for r in references(code)] == [
        ("log", "Service.start.helper"),
        ("helper", "Service.start"),
        ("create", "Service.field"),
        ("run", "handler"),
    ]


def test_references_after_a_symbol_ends_belong_to_its_parent() -> None:
    code = "namespace N {\n  function f() {}\n  g();\n}\nh();"
    assert [(r.name, r.enclosing) for r in references(code)] == [("g", "N"), ("h", None)]


def test_callbacks_inside_a_function_belong_to_that_function() -> None:
    code = "describe('x', () => {\n  it('y', function () { check(); });\n});"
    assert [(r.name, r.enclosing) for r in references(code)] == [
        ("describe", None),
        ("it", None),
        ("check", None),
    ]


# ---------------------------------------------------------------- receivers that are not names


def test_call_on_a_new_expression_is_qualified_by_the_instance_type() -> None:
    assert references("new Repo().find();\nnew ns.Repo<T>(1).save();") == [
        Reference("Repo", NEW, 1, 5, None, None),
        Reference("find", CALL, 1, 12, "^Repo", None),
        Reference("Repo", NEW, 2, 8, "ns", None),
        Reference("T", TYPE, 2, 13, None, None),
        Reference("save", CALL, 2, 19, "^ns.Repo", None),
    ]


def test_member_of_a_new_expression_keeps_the_path_after_the_instance_type() -> None:
    assert summary("new Repo().items.clear();") == [
        (None, "Repo", NEW),
        ("^Repo.items", "clear", CALL),
    ]


def test_call_on_an_as_or_satisfies_cast_or_angle_bracket_assertion_is_qualified_by_the_type() -> (
    None
):
    code = "(x as Conn).open();\n(x as Conn<T>).open();\n(<ns.Conn>x).open();\n(x satisfies Conn).open();"
    assert summary(code) == [
        (None, "Conn", TYPE),
        ("^Conn", "open", CALL),
        (None, "Conn", TYPE),
        (None, "T", TYPE),
        ("^Conn", "open", CALL),
        ("ns", "Conn", TYPE),
        ("^ns.Conn", "open", CALL),
        (None, "Conn", TYPE),
        ("^Conn", "open", CALL),
    ]


def test_cast_to_a_type_that_is_not_a_plain_reference_is_an_unknown_receiver() -> None:
    assert summary("(x as any).open();\n(x as Conn[]).open();\n(x as A | B).open();") == [
        ("?", "open", CALL),
        (None, "Conn", TYPE),
        ("?", "open", CALL),
        (None, "A", TYPE),
        (None, "B", TYPE),
        ("?", "open", CALL),
    ]


def test_literals_and_other_expressions_are_unknown_receivers() -> None:
    code = """async function f() {
  a.b().filter();
  "s".trim();
  list[0].run();
  (await load()).close();
  (a || b).m();
}"""
    assert summary(code) == [
        ("a", "b", CALL),
        ("a.b.()", "filter", CALL),  # a call's (or an awaited call's) declared return type
        ("?", "trim", CALL),
        ("list.[]", "run", CALL),
        (None, "load", CALL),
        ("load.()", "close", CALL),
        ("?", "m", CALL),
    ]


def test_member_chains_this_and_super_keep_their_qualifiers() -> None:
    assert summary("a.b.m();\nthis.a.m();\nsuper.m();\nthis.#c.m();") == [
        ("a.b", "m", CALL),
        ("this.a", "m", CALL),
        ("super", "m", CALL),
        ("this.#c", "m", CALL),
    ]


def test_non_null_assertions_and_parentheses_around_a_name_are_looked_through() -> None:
    assert summary("x!.m();\nthis.a!.b.m();\n(x).m();") == [
        ("x", "m", CALL),
        ("this.a.b", "m", CALL),
        ("x", "m", CALL),
    ]


def test_new_of_a_member_of_a_computed_receiver_is_an_unknown_receiver() -> None:
    assert summary("new (f()).Widget();\nnew (await import('x')).Widget();") == [
        (None, "f", CALL),
        ("f.()", "Widget", NEW),
        ("?", "Widget", NEW),
    ]


def test_a_long_name_chain_is_named_up_to_64_members_and_unknown_beyond() -> None:
    chain = ".".join(["segment"] * 40)  # longer than 200 characters
    deeper = ".".join(["seg"] * 70)
    assert summary(f"{chain}.m();\n{deeper}.m();") == [(chain, "m", CALL), ("?", "m", CALL)]


# ---------------------------------------------------------------- typeof and infer constraints


def test_typeof_in_a_type_is_a_type_reference_to_the_value() -> None:
    code = "type R = ReturnType<typeof unit>;\ntype K = keyof typeof ns.CODES;\nlet f: typeof g<string>;"
    assert references(code) == [
        Reference("ReturnType", TYPE, 1, 10, None, "R"),
        Reference("unit", TYPE, 1, 28, None, "R"),
        Reference("ns", TYPE, 2, 23, None, "K"),
        Reference("CODES", TYPE, 2, 26, "ns", "K"),
        Reference("g", TYPE, 3, 15, None, "f"),
    ]


def test_typeof_an_import_type_is_not_a_reference() -> None:
    assert summary("let m: typeof import('./m');") == []


def test_typeof_a_local_follows_the_local_rules() -> None:
    code = "function f(a: string, repo: Repo) {\n  let b: typeof a;\n  let c: typeof repo.items;\n}"
    assert summary(code) == [
        (None, "Repo", TYPE),
        ("^Repo", "items", TYPE),
    ]


def test_the_constraint_of_an_infer_type_is_a_type_reference() -> None:
    code = "type First<T> = T extends [infer H extends Shape, ...unknown[]] ? H : never;"
    assert summary(code) == [(None, "Shape", TYPE)]
