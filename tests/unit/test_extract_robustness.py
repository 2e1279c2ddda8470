"""Extraction never raises and stays bounded: odd bytes, encodings, errors and deep nesting."""

import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from code_graph.extract import extract_file
from code_graph.extract.values import VALUE_USES
from code_graph.model import FileFacts, Language, Span, SymbolKind, SyntaxIssue


def test_empty_file_yields_empty_facts() -> None:
    assert extract_file("src/empty.ts", b"") == FileFacts(
        path="src/empty.ts", language=Language.TYPESCRIPT, is_declaration=False
    )


def test_facts_carry_path_language_and_declaration_flag() -> None:
    facts = extract_file("types/api.d.ts", b"declare const a: number;")
    assert (facts.path, facts.language, facts.is_declaration) == (
        "types/api.d.ts",
        Language.TYPESCRIPT,
        True,
    )


def test_a_path_with_another_extension_is_rejected() -> None:
    with pytest.raises(ValueError, match="not a JavaScript or TypeScript file"):
        extract_file("README.md", b"# title")


def test_byte_order_mark_does_not_shift_columns() -> None:
    [symbol] = extract_file("a.ts", b"\xef\xbb\xbffunction f() {}").symbols
    assert symbol.span == Span(1, 1, 1, 16)
    assert symbol.signature == "function f()"


def test_crlf_line_endings_give_the_same_positions_and_signatures() -> None:
    code = "function f(\n  a: number,\n) {\n  g();\n}\n"
    unix = extract_file("a.ts", code.encode())
    windows = extract_file("a.ts", code.replace("\n", "\r\n").encode())
    assert windows.symbols[0].signature == "function f(a: number)"
    assert [s.span.line for s in windows.symbols] == [s.span.line for s in unix.symbols]
    assert windows.references == unix.references


def test_columns_count_characters_not_bytes() -> None:
    code = "const café = 'é'; const b = «x»; run();".replace("«x»", "'ü'")
    facts = extract_file("a.ts", code.encode())
    assert [(s.name, s.span.column) for s in facts.symbols] == [("café", 7), ("b", 25)]
    assert facts.references[0].column == 34


def test_columns_on_ascii_lines_of_a_non_ascii_file_are_byte_columns() -> None:
    facts = extract_file("a.ts", "// ünïcödé\nfunction f() { g(); }".encode())
    assert (facts.references[0].line, facts.references[0].column) == (2, 16)


def test_jsx_in_a_js_file_is_parsed() -> None:
    facts = extract_file("src/App.js", b"export function App() { return <Layout />; }")
    assert facts.symbols[0].kind is SymbolKind.COMPONENT
    assert [r.name for r in facts.references if r.kind not in VALUE_USES] == ["Layout"]


def test_file_with_a_syntax_error_still_yields_its_other_symbols() -> None:
    code = b"function good() {}\nfunction broken() { const x = ; }\nclass Fine {}\n"
    facts = extract_file("a.ts", code)
    assert [s.name for s in facts.symbols] == ["good", "broken", "Fine"]
    assert facts.syntax_errors == (SyntaxIssue(2, 29, "unexpected `=`"),)
    assert facts.syntax_error_count == 1


def test_missing_token_is_reported_as_missing() -> None:
    facts = extract_file("a.ts", b"if (a { b }")
    assert facts.syntax_errors == (SyntaxIssue(1, 6, "missing `)`"),)
    assert facts.syntax_error_count == 1


def test_unexpected_text_is_quoted_in_the_message() -> None:
    assert extract_file("a.ts", b"let x = 1;\nconst = 5;").syntax_errors == (
        SyntaxIssue(2, 1, "unexpected `const =`"),
    )


def test_stored_syntax_errors_are_capped_at_20_but_all_are_counted() -> None:
    code = b"".join(b"function f%d( {}\n" % i for i in range(40))
    facts = extract_file("a.ts", code)
    assert len(facts.syntax_errors) == 20
    assert facts.syntax_error_count > 20


def test_nul_byte_does_not_crash_extraction() -> None:
    facts = extract_file("a.ts", b"const a = 1;\x00\nfunction f() {}")
    assert {s.name for s in facts.symbols} == {"a", "f"}
    assert facts.syntax_error_count >= 1


def test_ten_thousand_nested_brackets_do_not_hit_recursion_limits() -> None:
    depth = 10_000
    for code in (
        b"x = " + b"[" * depth + b"]" * depth + b";",
        b"f(" + b"(" * depth + b"g()" + b")" * depth + b");",
        b"type T = " + b"Array<" * depth + b"X" + b">" * depth + b";",
        b"{" * depth,
    ):
        facts = extract_file("deep.ts", code)
        assert isinstance(facts, FileFacts)


def test_a_huge_unparsable_region_is_one_issue_not_minutes_of_queries() -> None:
    facts = extract_file("tangle.ts", b"function ( { [ " * 50_000)  # took 134 s before the guard
    assert facts.symbols == ()
    assert facts.syntax_errors == (
        SyntaxIssue(1, 1, "200000 tokens in one unparsable region: no facts extracted"),
    )


@pytest.mark.parametrize(
    ("path", "code"),
    [
        (
            "min.js",
            b";".join(b"var a%d=function(b,c){return b+c*%d}" % (i, i) for i in range(20_000)),
        ),
        ("long.ts", b"\n".join(b"export const v%d = f(%d);" % (i, i) for i in range(100_000))),
        ("crlf.ts", b"\xef\xbb\xbf" + b"export function f() {}\r\n" * 20_000),
        ("nul.ts", b"const a = 1;\x00" * 10_000),
        ("app.js", b"export const App = () => " + b"<div>" * 2_000 + b"</div>" * 2_000 + b";"),
    ],
)
def test_pathological_files_are_extracted(path: str, code: bytes) -> None:
    facts = extract_file(path, code)
    assert facts.syntax_error_count >= len(facts.syntax_errors)


def test_deeply_nested_functions_are_qualified_without_recursion() -> None:
    depth = 2_000
    code = "".join(f"function f{i}() {{" for i in range(depth)) + "}" * depth
    facts = extract_file("deep.js", code.encode())
    assert len(facts.symbols) == depth
    assert facts.symbols[-1].qualified_name.count(".") == depth - 1


def test_invalid_utf8_does_not_crash_extraction() -> None:
    facts = extract_file("a.ts", b"const \xff\xfe = 1; function f\xc3() {}\nconst ok = 2;")
    assert "ok" in {s.name for s in facts.symbols}


def test_facts_are_picklable_plain_values() -> None:
    facts = extract_file("src/App.tsx", b"import a from 'a';\nexport const App = () => <a.B/>;")
    assert pickle.loads(pickle.dumps(facts)) == facts


JS_FRAGMENTS = [
    "import a from 'x';",
    "export * from 'y';",
    "export default class {",
    "function f(",
    "class C extends D<",
    "const { a, b: [c] } = require('z');",
    "<App x={1}>",
    "</div>",
    "module.exports = {",
    "exports.a = ",
    "interface I {",
    "namespace N.M {",
    "declare module 'q' {",
    "new ns.X<T>(",
    "}",
    ")",
    "`${",
    "import(`a`)",
    "\n",
    "\r\n",
    "\ufeff",
    "é",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(["a.ts", "a.tsx", "a.js", "a.jsx", "a.d.ts", "index.mjs", "b.cjs"]),
    data=st.one_of(
        st.binary(max_size=300),
        st.lists(st.sampled_from(JS_FRAGMENTS), max_size=30).map(
            lambda parts: " ".join(parts).encode()
        ),
    ),
)
def test_extraction_never_raises_on_arbitrary_bytes(path: str, data: bytes) -> None:
    facts = extract_file(path, data)
    assert facts.syntax_error_count >= len(facts.syntax_errors)
    assert len(facts.syntax_errors) <= 20
