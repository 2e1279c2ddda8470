"""References: calls, `new`, heritage clauses, type references and JSX, with their enclosing
symbol."""

from code_graph.extract import extract_file
from code_graph.model import Reference, ReferenceKind

CALL, NEW, TYPE, JSX = ReferenceKind.CALL, ReferenceKind.NEW, ReferenceKind.TYPE, ReferenceKind.JSX
EXTENDS, IMPLEMENTS = ReferenceKind.EXTENDS, ReferenceKind.IMPLEMENTS


def references(code: str, path: str = "src/mod.ts") -> list[Reference]:
    return list(extract_file(path, code.encode()).references)


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


def test_call_on_a_computed_receiver_has_no_qualifier() -> None:
    assert summary("foo().bar();\nitems[0].run();") == [
        (None, "foo", CALL),
        (None, "bar", CALL),
        (None, "run", CALL),
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
