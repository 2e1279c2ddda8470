"""A syntax error costs at most the declaration it is in (extract/recovery.py, repair.py)."""

from __future__ import annotations

from code_graph.extract import extract_file
from code_graph.extract.grammar import parse_tree
from code_graph.extract.repair import call_signature_breaks, repaired
from code_graph.model import ExportStatus, FileFacts, Language, Span, SymbolKind, SyntaxIssue

# hono's src/types.ts in small: tree-sitter-typescript 0.23.2 reads the second call signature
# as `AppBase<E, M> < P ...` and the error swallowed everything after it
HANDLER = b"""\
export interface HandlerInterface<E, M> {
  // app.get(handler)
  <
    P extends string = string,
    R = any,
  >(
    handler: (c: P) => R
  ): AppBase<
    E,
    M
  >

  // app.get(path, handler)
  <
    P extends string,
    R = any,
  >(
    path: P,
    handler: (c: P) => R
  ): AppBase<
    E,
    M
  >
}
export interface AppBase<E, M> { e: E; m: M }   // lost: `find AppBase` finds nothing
export type Schema = { [path: string]: unknown }
"""


def top_level(facts: FileFacts) -> list[tuple[str, SymbolKind, Span, ExportStatus]]:
    return [(s.name, s.kind, s.span, s.export) for s in facts.symbols if s.parent is None]


def test_call_signatures_starting_with_type_parameters_on_a_new_line_lose_nothing() -> None:
    facts = extract_file("src/types.ts", HANDLER)
    assert top_level(facts) == [
        ("HandlerInterface", SymbolKind.INTERFACE, Span(1, 8, 24, 2), ExportStatus.NAMED),
        ("AppBase", SymbolKind.INTERFACE, Span(25, 8, 25, 46), ExportStatus.NAMED),
        ("Schema", SymbolKind.TYPE, Span(26, 8, 26, 49), ExportStatus.NAMED),
    ]
    assert [s.qualified_name for s in facts.symbols if s.parent] == ["AppBase.e", "AppBase.m"]
    assert [e.exported_name for e in facts.exports] == ["HandlerInterface", "AppBase", "Schema"]
    # valid TypeScript: nothing to report, and the type parameters are no references
    assert facts.syntax_errors == ()
    assert "P" not in {r.name for r in facts.references}


def test_the_repair_writes_semicolons_over_blanks_only() -> None:
    root = parse_tree(Language.TYPESCRIPT, HANDLER)
    breaks = call_signature_breaks(HANDLER, root)
    second = HANDLER.index(b"  <\n    P extends string,\n")
    assert breaks == [second + 1]  # the blank before the second signature's `<`
    fixed = repaired(HANDLER, breaks)
    assert len(fixed) == len(HANDLER)
    assert fixed.count(b"\n") == HANDLER.count(b"\n")
    assert [i for i, (a, b) in enumerate(zip(HANDLER, fixed, strict=True)) if a != b] == breaks


def test_a_line_starting_with_angle_brackets_that_continues_code_is_left_alone() -> None:
    for code in (
        b"const f = () =>\n  <T>(x: T) => x\n",  # after `=>`: the arrow's body
        b"type F =\n  <T>(x: T) => T\n",  # after `=`: a generic function type
        b"type C<T> = T extends\n  <U>(u: U) => void ? 1 : 0\n",  # after a keyword
        b"foo(a,\n  <T>(x: T) => x)\n",  # after `,`
        b"const less = a\n  < b\n",  # a comparison: no `>(`
        b"const s = `a\n  <T>(x)`\n",  # text in a template string
        b"/*\n  <T>(x)\n*/\n",  # a comment
    ):
        root = parse_tree(Language.TYPESCRIPT, code)
        assert call_signature_breaks(code, root) == [], code


def test_an_object_type_with_generic_call_signatures_is_parsed_whole() -> None:
    code = b"""\
type UseState = {
  <T>(initial: T): [T, (v: T) => void]
  <T = undefined>(): [T | undefined, (v: T) => void]
}
export const useState: UseState = (x) => [x, () => {}]
"""
    facts = extract_file("hooks.ts", code)
    assert facts.syntax_errors == ()
    assert [s.name for s in facts.symbols] == ["UseState", "useState"]


def test_a_declaration_after_a_broken_one_is_recovered_with_its_exact_span() -> None:
    code = b"""\
export class Store<T> extends {
  items: T[] = []
}

export enum Color { Red, Green }
"""
    facts = extract_file("store.ts", code)
    assert top_level(facts) == [
        # the class does not parse even on its own: read from its header
        ("Store", SymbolKind.CLASS, Span(1, 8, 3, 2), ExportStatus.NAMED),
        ("Color", SymbolKind.ENUM, Span(5, 8, 5, 33), ExportStatus.NAMED),
    ]
    assert [e.exported_name for e in facts.exports] == ["Store", "Color"]
    assert facts.syntax_errors == (
        SyntaxIssue(1, 1, "unexpected `export class Store<T> extends…` (to line 3)"),
    )
    assert (facts.syntax_error_count, facts.syntax_error_lines) == (1, 3)
    assert facts.recovered_declarations == 2


def test_a_declaration_an_error_cuts_short_spans_its_whole_statement() -> None:
    code = b"""\
export interface Fp {
  add: import("./types").Fn<Date, number>
  sub: import("./types").Fn<Date, number>
}
export type Next = 1
"""
    facts = extract_file("fp.d.ts", code)  # tree-sitter closes the interface after `add`
    assert [(s.qualified_name, s.span) for s in facts.symbols] == [
        ("Fp", Span(1, 8, 4, 2)),
        ("Fp.add", Span(2, 3, 2, 28)),
        ("Next", Span(5, 8, 5, 21)),
    ]


def test_javascript_declarations_after_an_unclosed_call_are_recovered() -> None:
    code = b"""\
function parse(text) {
  const parts = text.split(',')
  return parts.map((p) => p.trim()
}

class Parser {
  run() {
    return 1
  }
}

module.exports = { parse, Parser }
"""
    facts = extract_file("lib/parse.js", code)  # nothing at all was extracted before
    assert [(s.qualified_name, s.kind, s.span) for s in facts.symbols] == [
        ("parse", SymbolKind.FUNCTION, Span(1, 1, 4, 2)),
        ("Parser", SymbolKind.CLASS, Span(6, 1, 10, 2)),
        ("Parser.run", SymbolKind.METHOD, Span(7, 3, 9, 4)),
    ]
    assert [e.exported_name for e in facts.exports] == ["export=", "parse", "Parser"]
    assert facts.syntax_error_count == 1


def test_an_unclosed_brace_does_not_nest_the_next_declarations() -> None:
    code = b"""\
export function open(a) {
  if (a) {
    return a
}

export function kept() {
  return 1
}

export const answer = 42
"""
    facts = extract_file("open.js", code)
    assert [(s.qualified_name, s.span.line, s.span.end_line) for s in facts.symbols] == [
        ("open", 1, 4),
        ("kept", 6, 8),
        ("answer", 10, 10),
    ]
    # the MISSING `}` is reported once, where the piece it belongs to ends
    assert facts.syntax_errors == (SyntaxIssue(4, 2, "missing `}`"),)


def test_a_statement_keyword_in_a_template_string_does_not_start_a_piece() -> None:
    code = b"""\
function broken() {
  const code = `
export function fake() {}
`
  return (
}
export function real() {}
"""
    facts = extract_file("gen.js", code)
    assert [s.name for s in facts.symbols] == ["broken", "real"]


def test_columns_of_recovered_declarations_count_characters() -> None:
    code = "export class Größe<T> extends {\n}\nexport const π = 3.14\n".encode()
    facts = extract_file("u.ts", code)
    assert top_level(facts) == [
        ("Größe", SymbolKind.CLASS, Span(1, 8, 2, 2), ExportStatus.NAMED),
        ("π", SymbolKind.VARIABLE, Span(3, 14, 3, 22), ExportStatus.NAMED),
    ]


def test_code_after_an_unparsable_tangle_is_still_extracted() -> None:
    code = b"function ( { [ " * 6_000 + b"\nexport const after = 1\n"
    facts = extract_file("tangle.ts", code)
    assert [s.name for s in facts.symbols] == ["after"]
    assert facts.syntax_errors == (
        SyntaxIssue(1, 1, "24000 tokens in one unparsable region: no facts extracted"),
    )


def test_a_file_without_errors_reports_no_recovery() -> None:
    facts = extract_file("ok.ts", b"export const a = 1\n")
    assert (facts.syntax_error_count, facts.syntax_error_lines) == (0, 0)
    assert facts.recovered_declarations == 0
