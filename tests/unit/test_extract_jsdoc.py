"""JSDoc in JavaScript: type references at each name, `import()` types and `@import` as
type-only imports, `@typedef`/`@callback` as exported types."""

from __future__ import annotations

from code_graph.extract import extract_file
from code_graph.model import ExportKind, ImportedName, ImportKind, ImportRecord, ReferenceKind

TYPE = ReferenceKind.TYPE


def types(code: str, path: str = "src/mod.js") -> list[tuple[int, int, str, str | None]]:
    """(line, column, qualified name, enclosing) of the JSDoc type references."""
    facts = extract_file(path, code.encode())
    return [
        (r.line, r.column, f"{r.qualifier}.{r.name}" if r.qualifier else r.name, r.enclosing)
        for r in facts.references
        if r.kind is TYPE
    ]


def test_tag_types_are_references_at_each_name_belonging_to_the_documented_function() -> None:
    code = (
        "/**\n"
        " * @param {Config} config\n"
        " * @param {{ size: Size, each: (item: Item) => Result }} options\n"
        " * @returns {Promise<Answer | null>}\n"
        " * @this {Owner}\n"
        " */\n"
        "export function run(config, options) {}\n"
    )
    assert types(code) == [
        (2, 12, "Config", "run"),
        (3, 20, "Size", "run"),
        (3, 39, "Item", "run"),
        (3, 48, "Result", "run"),
        (4, 22, "Answer", "run"),
        (5, 11, "Owner", "run"),
    ]


def test_primitives_keys_strings_and_template_names_are_not_references() -> None:
    code = (
        "/**\n * @template T, U\n * @param {string | number | 'Config' | T} a\n"
        " * @param {{ Config: U }} b\n * @returns {void}\n */\nfunction f(a, b) {}\n"
    )
    assert types(code) == []


def test_a_dotted_type_is_a_use_of_each_link() -> None:
    assert types("/** @type {ns.Inner.Leaf} */\nconst x = 1;\n") == [
        (1, 12, "ns", "x"),
        (1, 15, "ns.Inner", "x"),
        (1, 21, "ns.Inner.Leaf", "x"),
    ]


def test_import_types_are_type_only_namespace_imports_under_an_unspellable_name() -> None:
    code = (
        "/** @type {import('./shapes').Shape} */\nconst a = 1;\n"
        '/** @type {import("./shapes").ns.Kind} */\nconst b = 2;\n'
    )
    facts = extract_file("src/mod.js", code.encode())
    assert facts.imports == (
        ImportRecord(
            "./shapes", ImportKind.STATIC, 1, True, (ImportedName("*", "import()#0", True),)
        ),
    )
    assert types(code) == [(1, 31, "import()#0.Shape", "a"), (3, 34, "import()#0.ns.Kind", "b")]


def test_import_tags_are_type_only_imports() -> None:
    code = (
        "/** @import { A, B as C } from './x' */\n"
        "/** @import * as ns from './y' */\n"
        "/** @import D from './z' */\n"
    )
    facts = extract_file("src/mod.js", code.encode())
    assert facts.imports == (
        ImportRecord(
            "./x",
            ImportKind.STATIC,
            1,
            True,
            (ImportedName("A", None, True), ImportedName("B", "C", True)),
        ),
        ImportRecord("./y", ImportKind.STATIC, 2, True, (ImportedName("*", "ns", True),)),
        ImportRecord("./z", ImportKind.STATIC, 3, True, (ImportedName("default", "D", True),)),
    )


def test_typedefs_and_callbacks_declare_exported_types_owning_their_references() -> None:
    code = (
        "/**\n * @typedef {Object} Point\n * @property {Vector} dir\n */\n"
        "/** @callback Visit\n * @param {Node} node\n */\n"
    )
    facts = extract_file("src/mod.js", code.encode())
    assert [(s.name, s.kind.value, s.export.value, s.span.line) for s in facts.symbols] == [
        ("Point", "type", "named", 2),
        ("Visit", "type", "named", 5),
    ]
    assert [(e.exported_name, e.kind, e.type_only) for e in facts.exports] == [
        ("Point", ExportKind.NAMED, True),
        ("Visit", ExportKind.NAMED, True),
    ]
    assert types(code) == [(3, 15, "Vector", "Point"), (6, 12, "Node", "Visit")]


def test_columns_count_characters_in_comments() -> None:
    assert types("/** é @type {Thing} */\nconst x = 1;\n") == [(1, 14, "Thing", "x")]


def test_typescript_files_keep_tag_types_and_links_but_not_imports_or_typedefs() -> None:
    code = (
        "/**\n * @param {Thing} x see {@link Other.member} and {@linkcode Third | text}\n"
        " * @see Fourth\n * @typedef {Object} Fake\n * @type {import('./x').Y}\n */\n"
        "export function f(x: Thing) {}\n"
    )
    facts = extract_file("src/mod.ts", code.encode())
    assert [(r.line, r.name, r.qualifier) for r in facts.references if r.kind is TYPE] == [
        (2, "Thing", None),
        (2, "Other", None),
        (2, "member", "Other"),
        (2, "Third", None),
        (3, "Fourth", None),
        (7, "Thing", None),
    ]
    assert facts.imports == () and [s.name for s in facts.symbols] == ["f"]


def test_plain_block_comments_are_not_jsdoc() -> None:
    assert types("/* @type {Thing} */\nconst x = 1;\n/**/\n") == []
