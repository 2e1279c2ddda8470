"""Whole-file expectations over the per-dialect fixtures in tests/fixtures/extract/."""

from pathlib import Path

from code_graph.extract import extract_file
from code_graph.extract.values import VALUE_USES
from code_graph.model import (
    EXPORT_EQUALS_NAME,
    ExportKind,
    FileFacts,
    ImportedName,
    ImportKind,
    ImportRecord,
    Language,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "extract"


def load(fixture: str, path: str) -> FileFacts:
    return extract_file(path, (FIXTURES / fixture).read_bytes())


def table(facts: FileFacts) -> list[tuple[str, str, str]]:
    return [(s.qualified_name, s.kind.name, s.export.name) for s in facts.symbols]


def test_typescript_fixture_symbol_table() -> None:
    assert table(load("sample.ts", "src/shapes/index.ts")) == [
        ("lazy", "VARIABLE", "NONE"),
        ("PI", "VARIABLE", "NAMED"),
        ("TAU", "VARIABLE", "NAMED"),
        ("counter", "VARIABLE", "NAMED"),
        ("left", "VARIABLE", "NONE"),
        ("renamed", "VARIABLE", "NONE"),
        ("add", "FUNCTION", "NAMED"),
        ("add.helper", "FUNCTION", "NONE"),
        ("shapes", "FUNCTION", "DEFAULT"),
        ("Shape", "CLASS", "NAMED"),
        ("Shape.size", "PROPERTY", "NONE"),
        ("Shape.constructor", "METHOD", "NONE"),
        ("Shape.name", "PROPERTY", "NONE"),
        ("Shape.area", "METHOD", "NONE"),
        ("Shape.draw", "METHOD", "NONE"),
        ("Shape.resize", "METHOD", "NONE"),
        ("Circle", "CLASS", "NONE"),
        ("Circle.draw", "METHOD", "NONE"),
        ("paint", "FUNCTION", "NAMED"),
        ("Anonymous", "CLASS", "NONE"),
        ("Anonymous.method", "METHOD", "NONE"),
        ("Anonymous.field", "PROPERTY", "NONE"),
        ("Anonymous.overload", "METHOD", "NONE"),
        ("Drawable", "INTERFACE", "NAMED"),
        ("Drawable.draw", "METHOD", "NONE"),
        ("Drawable.label", "PROPERTY", "NONE"),
        ("Id", "TYPE", "NAMED"),
        ("Mapped", "TYPE", "NONE"),
        ("Unwrap", "TYPE", "NONE"),
        ("Color", "ENUM", "NAMED"),
        ("Color.Red", "PROPERTY", "NONE"),
        ("Color.Green", "PROPERTY", "NONE"),
        ("Geometry", "NAMESPACE", "NAMED"),
        ("Geometry.Shapes", "NAMESPACE", "NAMED"),
        ("Geometry.Shapes.ORIGIN", "VARIABLE", "NAMED"),
        ("Geometry.Shapes.ORIGIN.x", "PROPERTY", "NONE"),
        ("Geometry.Shapes.ORIGIN.y", "PROPERTY", "NONE"),
        ("Geometry.Shapes.area", "FUNCTION", "NAMED"),
        ("ambient", "NAMESPACE", "NONE"),
        ("ambient.version", "VARIABLE", "NAMED"),
        ("__DEV__", "VARIABLE", "NAMED"),
        ("declared", "FUNCTION", "NAMED"),
        ("created", "VARIABLE", "NONE"),
        ("widget", "VARIABLE", "NONE"),
        ("value", "VARIABLE", "NONE"),
    ]


def test_typescript_fixture_imports() -> None:
    facts = load("sample.ts", "src/shapes/index.ts")
    assert facts.imports == (
        ImportRecord("fs", ImportKind.STATIC, 2, names=(ImportedName("default", "fs"),)),
        ImportRecord("path", ImportKind.STATIC, 3, names=(ImportedName("*", "path"),)),
        ImportRecord(
            "./lib",
            ImportKind.STATIC,
            4,
            names=(ImportedName("a"), ImportedName("b", "c"), ImportedName("T", "U", True)),
        ),
        ImportRecord("./config", ImportKind.STATIC, 5, True, (ImportedName("Config"),)),
        ImportRecord("./side-effect", ImportKind.STATIC, 6),
        ImportRecord(
            "legacy",
            ImportKind.IMPORT_EQUALS,
            7,
            names=(ImportedName(EXPORT_EQUALS_NAME, "legacy"),),
        ),
        ImportRecord("./all", ImportKind.REEXPORT, 8, names=(ImportedName("*"),)),
        ImportRecord("./helpers", ImportKind.REEXPORT, 9, names=(ImportedName("*", "helpers"),)),
        ImportRecord(
            "./reexported",
            ImportKind.REEXPORT,
            10,
            names=(ImportedName("x", "y"), ImportedName("default", "Z")),
        ),
        ImportRecord(
            "./shapes", ImportKind.REEXPORT, 11, True, (ImportedName("Shape", "ShapeType"),)
        ),
        ImportRecord("./lazy", ImportKind.DYNAMIC, 13),
        ImportRecord(
            "./cjs", ImportKind.REQUIRE, 14, names=(ImportedName(EXPORT_EQUALS_NAME, "cjs"),)
        ),
    )


def test_declaration_fixture_symbol_table() -> None:
    facts = load("sample.d.ts", "types/client.d.ts")
    assert facts.is_declaration is True
    assert table(facts) == [
        ("VERSION", "VARIABLE", "NAMED"),
        ("VERSIONS", "VARIABLE", "NAMED"),
        ("mutable", "VARIABLE", "NONE"),
        ("create", "FUNCTION", "NAMED"),
        ("Client", "CLASS", "NAMED"),
        ("Client.options", "PROPERTY", "NONE"),
        ("Client.constructor", "METHOD", "NONE"),
        ("Client.connect", "METHOD", "NONE"),
        ("Client.request", "METHOD", "NONE"),
        ("Client.connected", "METHOD", "NONE"),
        ("Session", "CLASS", "NAMED"),
        ("Session.id", "PROPERTY", "NONE"),
        ("Session.close", "METHOD", "NONE"),
        ("Disposable", "INTERFACE", "NAMED"),
        ("Disposable.dispose", "METHOD", "NONE"),
        ("Disposable.disposed", "PROPERTY", "NONE"),
        ("Handler", "TYPE", "NAMED"),
        ("Unpacked", "TYPE", "NAMED"),
        ("ReadonlyAll", "TYPE", "NAMED"),
        ("Level", "ENUM", "NAMED"),
        ("Level.Debug", "PROPERTY", "NONE"),
        ("Level.Info", "PROPERTY", "NONE"),
        ("Client", "NAMESPACE", "NAMED"),
        ("Client.Events", "INTERFACE", "NAMED"),
        ("Client.Events.close", "PROPERTY", "NONE"),
        ("Client.defaults", "VARIABLE", "NAMED"),
        ("client-plugin", "NAMESPACE", "NONE"),
        ("client-plugin.register", "FUNCTION", "NAMED"),
        ("client-plugin.Registry", "INTERFACE", "NAMED"),
        ("Window", "INTERFACE", "NAMED"),
        ("Window.client", "PROPERTY", "NONE"),
        ("__CLIENT__", "VARIABLE", "NAMED"),
        ("client", "CLASS", "DEFAULT"),
        ("client.close", "METHOD", "NONE"),
        ("client.size", "PROPERTY", "NONE"),
        ("Keyed", "INTERFACE", "NONE"),
        ("Keyed.[KEY]", "PROPERTY", "NONE"),
        ("Keyed.unpack", "METHOD", "NONE"),
        ("Keyed.sized", "PROPERTY", "NONE"),
    ]


def test_tsx_fixture_references() -> None:
    facts = load("sample.tsx", "src/pages/Home.tsx")
    assert facts.language is Language.TSX
    assert [
        (r.line, r.kind.name, r.qualifier, r.name, r.enclosing)
        for r in facts.references
        if r.kind not in VALUE_USES
    ] == [
        (10, "EXTENDS", "ui", "BaseProps", "CardProps"),
        (12, "TYPE", "React", "ReactNode", "CardProps.render"),
        (22, "TYPE", None, "CardProps", "Card"),
        (22, "TYPE", "JSX", "Element", "Card"),
        (24, "JSX", "ui", "Panel", "Card"),
        (25, "JSX", None, "Header", "Card"),
        (30, "CALL", None, "memo", "Header"),
        (31, "CALL", None, "formatTitle", "Header"),
        (34, "CALL", None, "forwardRef", "Input"),
        (34, "TYPE", None, "HTMLInputElement", "Input"),
        (34, "TYPE", None, "Props", "Input"),
        (38, "EXTENDS", "React", "Component", "Page"),
        (38, "TYPE", None, "PageProps", "Page"),
        (38, "IMPLEMENTS", None, "Themed", "Page"),
        (39, "TYPE", None, "Theme", "Page.theme"),
        (40, "TYPE", None, "PageProps", "Page.constructor"),
        (40, "TYPE", "ui", "Store", "Page.store"),
        (41, "CALL", "super", "constructor", "Page.constructor"),  # the base's constructor
        (42, "CALL", "^ui.Store", "subscribe", "Page.constructor"),
        (45, "CALL", "^this.rows.[]", "render", "Page.render"),  # `for (const row of this.rows)`
        (47, "CALL", "this.store", "load", "Page.render"),
        (49, "CALL", None, "report", "Page.render"),
        (51, "JSX", None, "Layout", "Page.render"),
        (51, "CALL", "this.rows", "map", "Page.render"),
        (51, "JSX", None, "Row", "Page.render"),
        (51, "CALL", "this", "renderBody", "Page.render"),
        (60, "TYPE", None, "Size", "Panel.size"),
        (66, "NEW", None, "Map", "Widgets.registry"),
        (66, "TYPE", None, "Widget", "Widgets.registry"),
        (67, "NEW", "ui", "Theme", "Widgets.theme"),
        (76, "TYPE", None, "Analytics", "Window.analytics"),
        (81, "TYPE", None, "Variant", "Variants"),
        (83, "JSX", None, "Card", "Home"),
        (99, "TYPE", None, "counter", None),
    ]


def test_tsx_fixture_components() -> None:
    facts = load("sample.tsx", "src/pages/Home.tsx")
    components = [s.qualified_name for s in facts.symbols if s.kind.name == "COMPONENT"]
    assert components == ["Card", "Header", "Input", "Page", "Home"]


def test_jsx_fixture_exports() -> None:
    facts = load("sample.jsx", "src/components/App.jsx")
    assert [(e.exported_name, e.local_name, e.kind) for e in facts.exports] == [
        ("Toolbar", "Toolbar", ExportKind.NAMED),
        ("Counter", "Counter", ExportKind.NAMED),
        ("Boundary", "ErrorBoundary", ExportKind.NAMED),
        ("default", "App", ExportKind.DEFAULT),
        (EXPORT_EQUALS_NAME, "Counter", ExportKind.COMMONJS),
        ("Themed", "Themed", ExportKind.COMMONJS),
        ("store", "store", ExportKind.COMMONJS),
    ]


def test_commonjs_fixture_imports() -> None:
    facts = load("sample.cjs", "lib/cache.cjs")
    assert [(i.specifier, i.kind, i.line, i.names) for i in facts.imports] == [
        ("fs", ImportKind.REQUIRE, 5, (ImportedName(EXPORT_EQUALS_NAME, "fs"),)),
        (
            "path",
            ImportKind.REQUIRE,
            6,
            (ImportedName("join"), ImportedName("dirname", "parentOf")),
        ),
        ("./config", ImportKind.REQUIRE, 7, (ImportedName("settings", "config"),)),
        ("./register", ImportKind.REQUIRE, 8, ()),
        ("./core.js", ImportKind.DYNAMIC, 12, ()),
        ("./math", ImportKind.REQUIRE, 35, (ImportedName("round"),)),
    ]


def test_module_fixture_symbols() -> None:
    facts = load("sample.mjs", "scripts/loader.mjs")
    assert [(s.qualified_name, s.kind.name) for s in facts.symbols] == [
        ("require", "VARIABLE"),
        ("plugin", "VARIABLE"),
        ("load", "FUNCTION"),
        ("Loader", "CLASS"),
        ("Loader.cache", "PROPERTY"),
        ("Loader.get", "METHOD"),
        ("Loaders", "CLASS"),
        ("Loaders.registry", "PROPERTY"),
        ("Loaders.register", "METHOD"),
        ("Preview", "COMPONENT"),
        ("instance", "VARIABLE"),
        ("origin", "VARIABLE"),
        ("loader", "FUNCTION"),
        ("Derived", "CLASS"),
        ("Derived.constructor", "METHOD"),
    ]


def test_javascript_fixture_object_literal_and_class_members() -> None:
    facts = load("sample.js", "src/app.js")
    members = [(s.qualified_name, s.kind.name) for s in facts.symbols if s.parent is not None]
    assert members == [
        ("Store.#items", "PROPERTY"),
        ("Store.count", "PROPERTY"),
        ("Store.add", "METHOD"),
        ("Mixed.state", "PROPERTY"),
        ("Mixed.update", "METHOD"),
        ("api.get", "METHOD"),
        ("api.timeout", "PROPERTY"),
        ("api.post", "METHOD"),
        ("api.retries", "PROPERTY"),
        ("app.#secret", "PROPERTY"),
        ("Derived.constructor", "METHOD"),
    ]


def test_typescript_fixture_references_of_locals_and_receivers() -> None:
    facts = load("sample.ts", "src/shapes/index.ts")
    paint = [
        (r.line, r.kind.name, r.qualifier, r.name)
        for r in facts.references
        if r.kind not in VALUE_USES
    ]
    assert [entry for entry in paint if 43 <= entry[0] <= 60] == [
        (43, "CALL", "^Context", "arc"),
        (47, "TYPE", None, "Shape"),
        (47, "TYPE", None, "Canvas"),
        (48, "NEW", None, "Scene"),
        (49, "CALL", "^Shape[].[]", "draw"),
        (50, "CALL", "^Shape[]", "forEach"),
        (50, "CALL", "&Shape[].forEach(0,0)", "resize"),
        (51, "CALL", "^Shape[]", "map"),
        (53, "CALL", "^Canvas", "flush"),
        (54, "CALL", "^Scene", "render"),
        (56, "CALL", None, "report"),
        (58, "TYPE", None, "ReturnType"),
        (58, "TYPE", None, "add"),
        (58, "CALL", None, "add"),
        (59, "TYPE", None, "Layer"),
        (59, "CALL", "^Layer", "compose"),
        (60, "NEW", None, "Circle"),
        (60, "CALL", "^Circle", "draw"),
    ]
    assert (76, "TYPE", None, "Shape") in paint  # `infer V extends Shape<number>`


def test_typescript_fixture_declared_types() -> None:
    facts = load("sample.ts", "src/shapes/index.ts")
    typed = {s.qualified_name: s.type_name for s in facts.symbols if s.type_name is not None}
    assert typed == {
        "Geometry.Shapes.ORIGIN": "Point",
        "created": "Circle",
        "widget": "ns.Factory",
        "value": "Base",
    }


def test_tsx_fixture_parameter_property_and_declared_types() -> None:
    facts = load("sample.tsx", "src/pages/Home.tsx")
    typed = {s.qualified_name: s.type_name for s in facts.symbols if s.type_name is not None}
    assert typed == {
        "Page.theme": "Theme",
        "Page.store": "ui.Store",
        "Panel.size": "Size",
        "Widgets.registry": "Map",
        "Card": "CardProps",  # a function component's declared props type
        "CardProps.render": "React.ReactNode",
        "Widgets.theme": "ui.Theme",
        "Window.analytics": "Analytics",
    }


def test_commonjs_fixture_exported_definitions() -> None:
    facts = load("sample.cjs", "lib/cache.cjs")
    assert [(s.qualified_name, s.kind.name, s.export.name) for s in facts.symbols][-5:-2] == [
        ("toCents", "FUNCTION", "NAMED"),
        ("Money", "CLASS", "NAMED"),
        ("Money.format", "METHOD", "NONE"),
    ]
    assert [(e.exported_name, e.local_name) for e in facts.exports][:2] == [
        ("toCents", "toCents"),
        ("Money", "Money"),
    ]
    to_cents = [
        (r.qualifier, r.name)
        for r in facts.references
        if r.kind not in VALUE_USES
        if r.enclosing == "toCents"
    ]
    assert to_cents == [(None, "round"), ("?", "map"), ("fs", "failed")]


def test_jsx_fixture_locals_used_as_components() -> None:
    facts = load("sample.jsx", "src/components/App.jsx")
    toolbar = [
        (r.kind.name, r.qualifier, r.name)
        for r in facts.references
        if r.kind not in VALUE_USES
        if r.enclosing == "Toolbar"
    ]
    assert toolbar == [
        ("CALL", "?", "map"),
        ("JSX", "Toolbar", "Item"),
        ("CALL", "?", "map"),
        ("JSX", "?", "Badge"),
    ]
