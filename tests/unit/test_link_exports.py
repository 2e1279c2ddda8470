from __future__ import annotations

from code_graph.link.exports import Binding, Definition, ExportIndex, ModuleInterface, Reexport


def _index(*modules: ModuleInterface) -> ExportIndex:
    return ExportIndex({module.file: module for module in modules})


BUTTON = ModuleInterface(
    "ui/button.ts", {"Button": "Button", "default": "Button"}, symbols={"Button": 7}
)


def test_a_direct_export_is_found_in_its_own_file() -> None:
    assert _index(BUTTON).find("ui/button.ts", "Button") == Definition("ui/button.ts", 7)


def test_export_star_is_followed_and_records_the_barrel() -> None:
    barrel = ModuleInterface("ui/index.ts", reexports=(Reexport(None, "*", "ui/button.ts"),))
    index = _index(BUTTON, barrel)
    assert index.find("ui/index.ts", "Button") == Definition(
        "ui/button.ts", 7, via=("ui/index.ts",)
    )


def test_export_star_never_forwards_the_default_export() -> None:
    barrel = ModuleInterface("ui/index.ts", reexports=(Reexport(None, "*", "ui/button.ts"),))
    assert _index(BUTTON, barrel).find("ui/index.ts", "default") is None


def test_renamed_and_default_reexports_chain_through_two_barrels() -> None:
    inner = ModuleInterface(
        "ui/inner.ts", reexports=(Reexport("PrimaryButton", "default", "ui/button.ts"),)
    )
    outer = ModuleInterface(
        "ui/index.ts", reexports=(Reexport("Btn", "PrimaryButton", "ui/inner.ts"),)
    )
    found = _index(BUTTON, inner, outer).find("ui/index.ts", "Btn")
    assert found == Definition("ui/button.ts", 7, via=("ui/index.ts", "ui/inner.ts"))


def test_export_star_as_namespace_names_the_module() -> None:
    barrel = ModuleInterface("ui/index.ts", reexports=(Reexport("buttons", "*", "ui/button.ts"),))
    found = _index(BUTTON, barrel).find("ui/index.ts", "buttons")
    assert found == Definition("ui/button.ts", None, via=("ui/index.ts",), is_namespace=True)


def test_exporting_an_imported_binding_follows_the_import() -> None:
    barrel = ModuleInterface(
        "ui/index.ts",
        own_exports={"Button": "Button"},
        bindings={"Button": Binding("ui/button.ts", "Button")},
    )
    found = _index(BUTTON, barrel).find("ui/index.ts", "Button")
    assert found == Definition("ui/button.ts", 7, via=("ui/index.ts",))


def test_a_default_import_of_an_export_equals_module_finds_the_assigned_symbol() -> None:
    legacy = ModuleInterface("legacy.cjs", {"export=": "api"}, symbols={"api": 3})
    assert _index(legacy).find("legacy.cjs", "default") == Definition("legacy.cjs", 3)


def test_cyclic_barrels_end_without_a_definition() -> None:
    a = ModuleInterface("a.ts", reexports=(Reexport(None, "*", "b.ts"),))
    b = ModuleInterface("b.ts", reexports=(Reexport(None, "*", "a.ts"),))
    assert _index(a, b).find("a.ts", "Missing") is None


def test_cyclic_barrels_still_find_a_name_defined_beside_the_cycle() -> None:
    a = ModuleInterface(
        "a.ts", reexports=(Reexport(None, "*", "b.ts"), Reexport(None, "*", "ui/button.ts"))
    )
    b = ModuleInterface("b.ts", reexports=(Reexport(None, "*", "a.ts"),))
    found = _index(a, b, BUTTON).find("b.ts", "Button")
    assert found is not None and (found.file, found.symbol_id) == ("ui/button.ts", 7)


def test_a_namespace_import_binding_resolves_to_its_module() -> None:
    assert _index(BUTTON).resolve_binding(Binding("ui/button.ts", "*")) == Definition(
        "ui/button.ts", None, is_namespace=True
    )


def test_an_external_binding_resolves_to_nothing() -> None:
    assert _index(BUTTON).resolve_binding(Binding(None, "useState")) is None
