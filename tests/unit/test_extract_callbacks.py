"""What functions record about the callbacks passed to them (Symbol.callbacks), and how a
callback's unannotated parameters are named as receivers (`&callee(argument,parameter)`)."""

from __future__ import annotations

from code_graph.extract import extract_file
from code_graph.extract.values import VALUE_USES


def callbacks(code: str, path: str = "src/mod.ts") -> dict[str, str | None]:
    symbols = extract_file(path, code.encode()).symbols
    return {symbol.qualified_name: symbol.callbacks for symbol in symbols}


def receivers(code: str, path: str = "src/mod.ts") -> list[tuple[str | None, str]]:
    """(receiver, name) of the qualified calls (member reads are test_extract_values')."""
    references = extract_file(path, code.encode()).references
    return [
        (r.qualifier, r.name)
        for r in references
        if r.qualifier is not None and r.kind not in VALUE_USES
    ]


# ---------------------------------------------------------------- what callees record


def test_a_function_records_its_callback_parameter_types_without_generics() -> None:
    code = (
        "export function operate<T, R>(\n"
        "  init: (liftedSource: Observable<T>, subscriber: Subscriber<R>) => (() => void) | void\n"
        "): OperatorFunction<T, R> { return null!; }\n"
    )
    assert callbacks(code) == {"operate": "Observable,Subscriber"}


def test_optional_union_with_undefined_and_parenthesized_callbacks_are_function_types() -> None:
    code = (
        "function a(cb?: (x: A) => void) {}\n"
        "function b(cb: ((x: B) => void) | undefined | null) {}\n"
        "function c(cb: ((x: C) => void)) {}\n"
        "function d(cb: ((x: D) => void) | ((y: E) => void)) {}\n"
    )
    assert callbacks(code) == {"a": "A", "b": "B", "c": "C", "d": None}


def test_positions_skip_this_parameters_and_keep_unknown_types_empty() -> None:
    code = (
        "function f(this: Window, n: number, cb: (this: Ctx, a: string, b: ns.B, c: T[]) => void,"
        " last: (z: Z) => void) {}\n"
    )
    assert callbacks(code) == {"f": ";,ns.B;Z"}


def test_type_parameters_and_non_reference_types_record_nothing() -> None:
    code = (
        "function f<T>(cb: (value: T, index: number) => void, n: number) {}\n"
        "function g(items: Item[], label: string) {}\n"
        "function h(...rest: Array<(x: X) => void>) {}\n"
    )
    assert callbacks(code) == {"f": None, "g": None, "h": None}


def test_methods_constructors_signatures_and_function_variables_record_callbacks() -> None:
    code = (
        "export class Observable<T> {\n"
        "  constructor(subscribe?: (this: Observable<T>, subscriber: Subscriber<T>) => void) {}\n"
        "  each(cb: (item: Item) => void): void {}\n"
        "}\n"
        "interface Source { on(listener: (event: Event) => void): void }\n"
        "declare function later(cb: (timer: Timer) => void): void;\n"
        "export const run = (job: (ctx: Context) => void) => job;\n"
        "export const api = { visit(cb: (node: Node) => void) {} };\n"
    )
    found = callbacks(code)
    assert found["Observable.constructor"] == "Subscriber"
    assert found["Observable.each"] == "Item"
    assert found["Source.on"] == "Event"
    assert found["later"] == "Timer"
    assert found["run"] == "Context"
    assert found["api.visit"] == "Node"


def test_an_overloaded_function_keeps_the_signatures_callbacks_when_its_body_has_none() -> None:
    code = (
        "export function tap(cb: (value: Value) => void): void;\n"
        "export function tap(cb: any): void {}\n"
        "export function map(cb: (value: Value) => void): void;\n"
        "export function map(cb: (value: Other) => void): void {}\n"
    )
    assert callbacks(code) == {"tap": "Value", "map": "Other"}


# ---------------------------------------------------------------- how callers name receivers


def test_unannotated_callback_parameters_are_named_by_their_call_site() -> None:
    code = (
        "export function op() {\n"
        "  return operate((source, subscriber) => {\n"
        "    source.subscribe(create(subscriber, (v) => subscriber.next(v)));\n"
        "  });\n"
        "}\n"
    )
    assert receivers(code) == [
        ("&operate(0,0)", "subscribe"),
        ("&operate(0,1)", "next"),  # the outer callback's parameter, inside a nested one
    ]


def test_new_member_callees_this_parameters_and_member_chains_are_named() -> None:
    code = (
        "new Observable((subscriber) => { subscriber.next(1); });\n"
        "ns.f(1, /* cb */ function (this: Ctx, a) { a.inner.go(); });\n"
        "class K { m() { this.each(x => x.run()); } each(cb: (x: X) => void) {} }\n"
    )
    assert receivers(code) == [
        ("&new Observable(0,0)", "next"),
        ("ns", "f"),
        ("&ns.f(1,0).inner", "go"),
        ("this", "each"),
        ("&this.each(0,0)", "run"),
    ]


def test_annotated_destructured_defaulted_and_shadowed_parameters_keep_todays_names() -> None:
    code = (
        "f((a: A, { b }, c = new C()) => { a.x(); b.y(); c.z(); });\n"
        "f((s) => { { const s = make(); s.w(); } s.v(); });\n"
    )
    assert receivers(code) == [
        ("^A", "x"),
        ("?", "y"),
        ("^C", "z"),
        ("^make.()", "w"),  # the block's own `s`: what `make` returns
        ("&f(0,0)", "v"),
    ]


def test_callbacks_of_local_callees_spread_arguments_and_computed_callees_are_unknown() -> None:
    code = (
        "function g(run) { run((s) => s.a()); }\n"
        "f(...xs, (s) => s.b());\n"
        "make()((s) => s.c());\n"
        "f(s => s.d(), 1);\n"
        "f(1, c ? (s) => s.e() : function (s) { s.f(); });\n"
    )
    assert receivers(code, "src/mod.js") == [
        ("?", "a"),
        ("?", "b"),
        ("?", "c"),
        ("&f(0,0)", "d"),
        ("&f(1,0)", "e"),  # either branch of a conditional argument
        ("&f(1,0)", "f"),
    ]
