"""Linking members of callbacks' parameters through the callee's declared callback types."""

from __future__ import annotations

from code_graph.link.callbacks import CallbackReceiver, callback_receiver, parameter_type
from code_graph.link.exports import Binding, ExportIndex, ModuleInterface
from code_graph.link.references import (
    LinkMethod,
    LinkReference,
    LinkSymbol,
    ReferenceLinker,
    SymbolTable,
)

OBS, SUB, OPS, MAIN = "lib/observable.ts", "lib/subscriber.ts", "lib/operate.ts", "app/main.ts"
SYMBOLS = [
    LinkSymbol(1, OBS, "Observable", "Observable", "class", None, True),
    LinkSymbol(2, OBS, "subscribe", "Observable.subscribe", "method", 1, False),
    LinkSymbol(
        3, OBS, "constructor", "Observable.constructor", "method", 1, False, None, "Subscriber"
    ),
    LinkSymbol(10, SUB, "Subscriber", "Subscriber", "class", None, True),
    LinkSymbol(11, SUB, "next", "Subscriber.next", "method", 10, False),
    LinkSymbol(
        12, SUB, "destination", "Subscriber.destination", "property", 10, False, "Subscriber"
    ),
    LinkSymbol(20, SUB, "Subscription", "Subscription", "class", None, True),
    LinkSymbol(21, SUB, "unsubscribe", "Subscription.unsubscribe", "method", 20, False),
    LinkSymbol(
        30, OPS, "operate", "operate", "function", None, True, None, "Observable,Subscriber"
    ),
    LinkSymbol(31, OPS, "plain", "plain", "function", None, True),
    LinkSymbol(32, OPS, "count", "count", "function", None, True, None, ";Subscriber"),
    LinkSymbol(40, MAIN, "main", "main", "function", None, True),
    LinkSymbol(41, MAIN, "Widget", "Widget", "class", None, True),
    LinkSymbol(42, MAIN, "each", "Widget.each", "method", 41, False, None, "Subscriber"),
    LinkSymbol(43, MAIN, "Special", "Special", "class", None, True),
]
SUBSCRIBER = Binding(SUB, "Subscriber")
MODULES = {
    OBS: ModuleInterface(
        OBS,
        {"Observable": "Observable"},
        bindings={"Subscriber": SUBSCRIBER},  # its constructor's callback type is imported
        symbols={"Observable": 1},
    ),
    SUB: ModuleInterface(
        SUB,
        {"Subscriber": "Subscriber", "Subscription": "Subscription"},
        symbols={"Subscriber": 10, "Subscription": 20},
    ),
    OPS: ModuleInterface(
        OPS,
        {"operate": "operate", "plain": "plain", "count": "count"},
        bindings={"Observable": Binding(OBS, "Observable"), "Subscriber": SUBSCRIBER},
        symbols={"operate": 30, "plain": 31, "count": 32},
    ),
    MAIN: ModuleInterface(
        MAIN,
        bindings={
            "operate": Binding(OPS, "operate"),
            "plain": Binding(OPS, "plain"),
            "count": Binding(OPS, "count"),
            "ops": Binding(OPS, "*"),
            "Observable": Binding(OBS, "Observable"),
            "Subscriber": SUBSCRIBER,
        },
        symbols={"main": 40, "Widget": 41, "Special": 43},
    ),
}
EXTENDS = [  # Subscriber extends Subscription; Special extends Observable
    LinkReference(SUB, 10, "Subscription", None, "extends", 1, 1),
    LinkReference(MAIN, 43, "Observable", None, "extends", 1, 1),
]


def targets(qualifier: str, name: str, enclosing: int = 40) -> list[tuple[int, LinkMethod]]:
    linker = ReferenceLinker(SymbolTable(SYMBOLS, []), ExportIndex(MODULES))
    edges = linker.link([*EXTENDS, LinkReference(MAIN, enclosing, name, qualifier, "call", 9, 1)])
    return [(e.target_id, e.method) for e in edges if e.line == 9]


MEMBER = LinkMethod.MEMBER


def test_a_callback_parameter_is_typed_by_the_callee_through_its_imports() -> None:
    assert targets("&operate(0,0)", "subscribe") == [(2, MEMBER)]
    assert targets("&operate(0,1)", "next") == [(11, MEMBER)]


def test_members_are_looked_up_in_base_classes_and_through_declared_property_types() -> None:
    assert targets("&operate(0,1)", "unsubscribe") == [(21, MEMBER)]
    assert targets("&operate(0,1).destination", "next") == [(11, MEMBER)]


def test_new_uses_the_constructor_also_an_inherited_one() -> None:
    assert targets("&new Observable(0,0)", "next") == [(11, MEMBER)]
    assert targets("&new Special(0,0)", "next") == [(11, MEMBER)]


def test_member_callees_namespace_imports_and_this_methods() -> None:
    assert targets("&ops.operate(0,1)", "next") == [(11, MEMBER)]
    assert targets("&this.each(0,0)", "next", enclosing=42) == [(11, MEMBER)]


def test_positions_pick_the_right_argument_and_parameter() -> None:
    assert targets("&count(1,0)", "next") == [(11, MEMBER)]
    assert targets("&count(0,0)", "next") == []  # not a function-typed parameter


def test_nothing_is_linked_without_a_declared_callback_type() -> None:
    assert targets("&plain(0,0)", "next") == []
    assert targets("&operate(1,0)", "next") == []
    assert targets("&operate(0,2)", "next") == []
    assert targets("&operate(0,1)", "missing") == []
    assert targets("&unknown(0,0)", "next") == []
    assert targets("&operate", "next") == []


def test_callback_receivers_and_callbacks_are_parsed() -> None:
    assert callback_receiver("&ns.f(2,1).a.b") == CallbackReceiver(
        ["ns", "f"], False, 2, 1, ["a", "b"]
    )
    assert callback_receiver("&new C(0,0)") == CallbackReceiver(["C"], True, 0, 0, [])
    assert callback_receiver("^T") is None
    assert callback_receiver("&f(x,0)") is None
    assert parameter_type(";A,,ns.B", 1, 2) == "ns.B"
    assert parameter_type(";A,,ns.B", 1, 1) is None
    assert parameter_type(";A,,ns.B", 0, 0) is None
    assert parameter_type("A", 3, 0) is None
