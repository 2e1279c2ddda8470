"""Value uses: reads, writes and exports of names, located at the identifier; declarations,
locals and the names other references already cover are not value uses."""

from __future__ import annotations

import pytest

from code_graph.extract import extract_file
from code_graph.extract.values import VALUE_USES
from code_graph.model import ReferenceKind

READ, WRITE, EXPORT = ReferenceKind.READ, ReferenceKind.WRITE, ReferenceKind.EXPORT
TYPE, CALL = ReferenceKind.TYPE, ReferenceKind.CALL


def uses(code: str, path: str = "src/mod.ts") -> list[tuple[int, int, ReferenceKind, str]]:
    """(line, column, kind, name) of the value uses of bare names in `code`."""
    facts = extract_file(path, code.encode())
    return [
        (r.line, r.column, r.kind, r.name)
        for r in facts.references
        if r.kind in VALUE_USES and r.qualifier is None
    ]


def members(code: str, path: str = "src/mod.ts") -> list[tuple[ReferenceKind, str]]:
    """(kind, qualifier.name) of the member uses `a.b` in `code`."""
    facts = extract_file(path, code.encode())
    return [
        (r.kind, f"{r.qualifier}.{r.name}")
        for r in facts.references
        if r.qualifier is not None and r.kind in (READ, WRITE, TYPE)
    ]


def names(code: str, path: str = "src/mod.ts") -> list[tuple[ReferenceKind, str]]:
    return [(kind, name) for _, _, kind, name in uses(code, path)]


BOTH = pytest.mark.parametrize("path", ["src/mod.ts", "src/mod.js"])


@BOTH
def test_functions_passed_or_stored_as_values_are_read(path: str) -> None:
    code = (
        "app.use(handler);\nitems.map(toUser);\nthis.onError = errorHandler;\n"
        "const o = { handler, onClick: handle };\n"
    )
    assert names(code, path) == [
        (READ, "app"),
        (READ, "handler"),
        (READ, "items"),
        (READ, "toUser"),
        (READ, "errorHandler"),
        (READ, "handler"),
        (READ, "handle"),
    ]


def test_a_jsx_attribute_value_is_read_and_element_names_are_not_value_uses() -> None:
    code = "export const A = () => <Button onClick={save}>{label}</Button>;\n"
    assert names(code, "src/a.tsx") == [(READ, "save"), (READ, "label")]
    assert names("const B = () => <div>{x}</div>;\n", "src/b.jsx") == [(READ, "x")]


@BOTH
def test_constants_read_in_expressions_are_located_at_their_identifier(path: str) -> None:
    code = (
        "function f(n) {\n"
        "  if (n > LIMIT) return cache;\n"
        "  const s = `${PREFIX}/x`;\n"
        "  const all = [...DEFAULTS];\n"
        "  x ??= fallback;\n"
        "  delete obj[KEY];\n"
        "  return { [KEY]: s, all };\n"
        "}\n"
    )
    assert uses(code, path) == [
        (2, 11, READ, "LIMIT"),
        (2, 25, READ, "cache"),
        (3, 16, READ, "PREFIX"),
        (4, 19, READ, "DEFAULTS"),
        (5, 3, WRITE, "x"),
        (5, 9, READ, "fallback"),
        (6, 10, READ, "obj"),
        (6, 14, READ, "KEY"),
        (7, 13, READ, "KEY"),
    ]


@BOTH
def test_the_head_of_a_member_chain_is_read(path: str) -> None:
    code = "const a = Color.Red;\nconst b = ns.value;\nconst c = config.options.x;\nrun(Store.instance);\n"
    assert names(code, path) == [
        (READ, "Color"),
        (READ, "ns"),
        (READ, "config"),
        (READ, "Store"),
    ]


@BOTH
def test_members_read_or_written_on_a_nameable_receiver(path: str) -> None:
    code = (
        "const a = Color.Red;\nconst c = config.options.x;\nStore.instance.run();\n"
        "class K { m() { this.count = 1; this.count++; return this.count; } }\n"
        "f().x;\nitems[0].y;\nfunction g(p) { return p.z; }\n"
    )
    assert members(code, path) == [
        (READ, "Color.Red"),
        (READ, "config.options"),
        (READ, "config.options.x"),
        (READ, "Store.instance"),
        (WRITE, "this.count"),
        (WRITE, "this.count"),
        (READ, "this.count"),
        (READ, "f.().x"),  # a member of what f is declared to return
        (READ, "items.[].y"),  # of an element of items
    ]


def test_a_member_of_a_typed_local_is_named_by_its_type() -> None:
    code = "function f(repo: Repo) {\n  return repo.items;\n}\n"
    assert members(code) == [(READ, "^Repo.items")]


def test_typeof_of_a_member_chain_in_a_type_is_a_type_use_of_each_link() -> None:
    assert members("type T = typeof a.b.c;\n") == [(TYPE, "a.b"), (TYPE, "a.b.c")]


@BOTH
def test_typeof_instanceof_and_decorators(path: str) -> None:
    code = "const t = typeof X;\nconst i = v instanceof Y;\n"
    assert names(code, path) == [(READ, "X"), (READ, "v"), (READ, "Y")]


def test_typescript_only_expressions_read_their_operand() -> None:
    code = (
        "const a = X satisfies T;\nconst b = Y as T;\nconst c = Z!;\nconst d = <T>W;\n"
        "type K = keyof typeof V;\n"
    )
    refs = uses(code)
    assert [(kind, name) for _, _, kind, name in refs] == [
        (READ, "X"),
        (READ, "Y"),
        (READ, "Z"),
        (READ, "W"),
    ]
    facts = extract_file("src/mod.ts", code.encode())
    assert [(r.kind, r.name) for r in facts.references if r.name == "V"] == [(TYPE, "V")]


def test_a_decorator_without_a_call_is_a_call() -> None:
    code = "@Injectable\nexport class S {\n  @Input value = 1;\n  @ns.Watch() w = 2;\n}\n"
    facts = extract_file("src/mod.ts", code.encode())
    assert [(r.kind, r.qualifier, r.name) for r in facts.references] == [
        (CALL, None, "Injectable"),
        (CALL, None, "Input"),
        (READ, None, "ns"),
        (CALL, "ns", "Watch"),
    ]


def test_exports_of_local_names() -> None:
    code = "const a = 1, b = 2;\nexport { a, b as c };\nexport default a;\n"
    assert uses(code) == [(2, 10, EXPORT, "a"), (2, 13, EXPORT, "b"), (3, 16, EXPORT, "a")]
    assert uses("const x = 1;\nexport = x;\n") == [(2, 10, EXPORT, "x")]
    assert names("export { a } from './a';\nexport * as ns from './b';\n") == []


@BOTH
def test_writes_to_module_level_names(path: str) -> None:
    code = "let n = 0, m = 0;\nn = 1;\nn++;\n--m;\nn += m;\n[n, m] = pair;\n({ n, k: m } = obj);\n"
    assert names(code, path) == [
        (WRITE, "n"),
        (WRITE, "n"),
        (WRITE, "m"),
        (WRITE, "n"),
        (READ, "m"),
        (WRITE, "n"),
        (WRITE, "m"),
        (READ, "pair"),
        (WRITE, "n"),
        (WRITE, "m"),
        (READ, "obj"),
    ]


@BOTH
def test_a_destructuring_target_reads_what_it_does_not_assign(path: str) -> None:
    code = "[a.b, c = DEFAULT, ...rest] = list;\n({ [KEY]: d } = obj);\nfor (e of items) {}\n"
    assert names(code, path) == [
        (READ, "a"),
        (WRITE, "c"),
        (READ, "DEFAULT"),
        (WRITE, "rest"),
        (READ, "list"),
        (READ, "KEY"),
        (WRITE, "d"),
        (READ, "obj"),
        (WRITE, "e"),
        (READ, "items"),
    ]


@BOTH
def test_declarations_are_not_uses_but_their_default_values_are(path: str) -> None:
    code = (
        "const top = 1;\nlet [p, q] = pair;\nconst { r, s: t = FALLBACK, [KEY]: u } = obj;\n"
        "function f(a = DEFAULT, { b = OTHER } = {}) { return a + b; }\n"
        "class C { m(x = LIMIT) { return x; } }\n"
        "const g = function named() { return named; };\n"
        "try { run(); } catch (err) { report(err); }\n"
        "for (const v of values) { use(v); }\n"
    )
    assert names(code, path) == [
        (READ, "pair"),
        (READ, "FALLBACK"),
        (READ, "KEY"),
        (READ, "obj"),
        (READ, "DEFAULT"),
        (READ, "OTHER"),
        (READ, "LIMIT"),
        (READ, "values"),
    ]


def test_signatures_declare_their_parameters() -> None:
    code = (
        "declare function f(a: T, { b }: U): void;\n"
        "interface I { m(c: T): void; (d: T): void; new (e: T): I; [key: string]: T }\n"
        "type F = (g: T) => void;\n"
        "function isX(v: unknown): v is X { return true; }\n"
        "function check(w: unknown): asserts w {}\n"
        "enum E { A }\nnamespace N.M {}\nimport Alias = Other.Thing;\n"
    )
    assert names(code) == [(READ, "Other")]


@BOTH
def test_names_of_locals_are_never_value_uses(path: str) -> None:
    code = (
        "function f(p) {\n  const local = p;\n  let other = local;\n  other = p;\n"
        "  return [local, other, p, outer];\n}\n"
    )
    assert names(code, path) == [(READ, "outer")]


def test_import_statements_are_not_value_uses() -> None:
    code = "import def, { a, b as c } from './x';\nimport * as ns from './y';\nimport type { T } from './z';\n"
    assert names(code) == []


@BOTH
def test_the_runtimes_globals_are_not_uses_unless_the_file_declares_or_imports_them(
    path: str,
) -> None:
    code = "const n = Number;\nconst pi = Math.PI;\nwindow.title = 'x';\nrun(process.env);\n"
    assert names(code, path) == []
    assert members(code, path) == []
    own = "import { process } from './env';\nconst Math = { PI: 3 };\nrun(process.env, Math.PI);\n"
    assert names(own, path) == [(READ, "process"), (READ, "Math")]
    assert members(own, path) == [(READ, "process.env"), (READ, "Math.PI")]


def test_the_head_of_a_member_jsx_element_is_read() -> None:
    code = "export const A = () => <Ctx.Provider value={v}><div /></Ctx.Provider>;\n"
    assert names(code, "src/a.tsx") == [(READ, "Ctx"), (READ, "v")]
    # the closing tag is not a use; the attribute is a use of a prop of Ctx.Provider
    assert members(code, "src/a.tsx") == [(READ, "Ctx.Provider.<>.value")]


def test_the_namespace_of_a_qualified_type_is_not_a_value_use() -> None:
    assert names("let x: ns.Inner.T;\nlet y: Array<ns.U>;\n") == []
