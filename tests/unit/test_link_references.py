from __future__ import annotations

from code_graph.link.exports import Binding, ExportIndex, ModuleInterface, Reexport
from code_graph.link.references import (
    LinkMethod,
    LinkReference,
    LinkSymbol,
    ReferenceLinker,
    SymbolTable,
)

SYMBOLS = [
    LinkSymbol(1, "core/entity.ts", "Entity", "Entity", "class", None, True),
    LinkSymbol(2, "core/entity.ts", "touch", "Entity.touch", "method", 1, False),
    LinkSymbol(3, "core/cart.ts", "Cart", "Cart", "class", None, True),
    LinkSymbol(4, "core/cart.ts", "add", "Cart.add", "method", 3, False),
    LinkSymbol(5, "core/cart.ts", "total", "Cart.total", "method", 3, False),
    LinkSymbol(6, "core/cart.ts", "helper", "helper", "function", None, False),
    LinkSymbol(7, "core/cart.ts", "inner", "Cart.add.inner", "function", 4, False),
    LinkSymbol(8, "globals.d.ts", "__APP_VERSION__", "__APP_VERSION__", "variable", None, False),
    LinkSymbol(9, "app/main.ts", "main", "main", "function", None, True),
    LinkSymbol(10, "core/cart.ts", "create", "Cart.create", "method", 3, False),
]
MODULES = {
    "core/entity.ts": ModuleInterface(
        "core/entity.ts", {"Entity": "Entity"}, symbols={"Entity": 1}
    ),
    "core/cart.ts": ModuleInterface(
        "core/cart.ts",
        {"Cart": "Cart"},
        bindings={"Entity": Binding("core/entity.ts", "Entity")},
        symbols={"Cart": 3, "helper": 6},
    ),
    "core/index.ts": ModuleInterface(
        "core/index.ts", reexports=(Reexport(None, "*", "core/cart.ts"),)
    ),
    "app/main.ts": ModuleInterface(
        "app/main.ts",
        bindings={
            "Cart": Binding("core/index.ts", "Cart"),
            "core": Binding("core/index.ts", "*"),
            "React": Binding(None, "default"),
        },
        symbols={"main": 9},
    ),
}


def _link(*refs: LinkReference) -> list[tuple[int | None, int, str, LinkMethod]]:
    linker = ReferenceLinker(SymbolTable(SYMBOLS, ["globals.d.ts"]), ExportIndex(MODULES))
    return [(e.source_id, e.target_id, e.kind, e.method) for e in linker.link(refs)]


def _ref(
    file: str, enclosing: int | None, name: str, qualifier: str | None = None, kind: str = "call"
) -> LinkReference:
    return LinkReference(file, enclosing, name, qualifier, kind, 1, 1)


def test_a_same_file_call_links_by_local_scope() -> None:
    assert _link(_ref("core/cart.ts", 4, "helper")) == [(4, 6, "call", LinkMethod.LOCAL)]


def test_a_nested_function_shadows_nothing_outside_its_scope() -> None:
    assert _link(_ref("core/cart.ts", 4, "inner")) == [(4, 7, "call", LinkMethod.LOCAL)]
    assert _link(_ref("core/cart.ts", 6, "inner")) == []


def test_an_import_through_a_barrel_is_marked_as_a_reexport_chain() -> None:
    assert _link(_ref("app/main.ts", 9, "Cart", kind="new")) == [(9, 3, "new", LinkMethod.REEXPORT)]


def test_this_calls_resolve_to_the_enclosing_class_and_then_its_base() -> None:
    edges = _link(
        _ref("core/cart.ts", 3, "Entity", kind="extends"),
        _ref("core/cart.ts", 4, "total", "this"),
        _ref("core/cart.ts", 4, "touch", "this"),
    )
    assert edges == [
        (3, 1, "extends", LinkMethod.IMPORT),
        (4, 5, "call", LinkMethod.MEMBER),
        (4, 2, "call", LinkMethod.MEMBER),
    ]


def test_static_calls_and_namespace_members_resolve_through_the_holder() -> None:
    edges = _link(
        _ref("app/main.ts", 9, "create", "Cart"), _ref("app/main.ts", 9, "Cart", "core", "new")
    )
    assert edges == [(9, 10, "call", LinkMethod.MEMBER), (9, 3, "new", LinkMethod.MEMBER)]


def test_globals_from_script_files_are_found_and_unknown_names_are_left_alone() -> None:
    edges = _link(
        _ref("app/main.ts", 9, "__APP_VERSION__", kind="type"),
        _ref("app/main.ts", 9, "log", "console"),
        _ref("app/main.ts", 9, "useState", "React"),
    )
    assert edges == [(9, 8, "type", LinkMethod.GLOBAL)]


def test_an_unimported_name_is_never_linked_by_name_alone() -> None:
    assert _link(_ref("other/x.ts", None, "main")) == []  # TypeScript: not `a.ts#main`
