"""The query files compile for every dialect and each fixture exercises every capture."""

from pathlib import Path

import pytest

from code_graph.extract.grammar import error_nodes, grammar, parse_tree
from code_graph.extract.recovery import parse_file
from code_graph.model import Language

FIXTURES = Path(__file__).parent.parent / "fixtures" / "extract"

ESM_ONLY = {
    "import",
    "reexport",
    "export",
    "definition.default",
    "exported.declaration",
    "value.export",
}
EXPRESSIONS = {
    "reference.super_call",
    "reference.call",
    "reference.member_call",
    "reference.new",
    "reference.member_new",
    "require",
    "dynamic_import",
    "commonjs.module_exports",
    "commonjs.exports_property",
    "commonjs.top_level",
    "local.call",
    "value.write",
    "value.written",
    "value.member_write",
}
# Bindings only function bodies and statements declare (and constructor implementations,
# the only place for parameter properties).
BODIES = {
    "local.function",
    "local.catch",
    "local.for_in",
    "definition.constructor",
}

# (fixture, dialect, captures the dialect's rules forbid in such a file)
CASES = [
    ("sample.ts", Language.TYPESCRIPT, set()),
    ("sample.tsx", Language.TSX, set()),
    ("sample.js", Language.JAVASCRIPT, set()),
    ("sample.jsx", Language.JSX, set()),
    ("sample.mjs", Language.JAVASCRIPT, set()),
    # CommonJS modules cannot contain `import`/`export` statements.
    ("sample.cjs", Language.JAVASCRIPT, ESM_ONLY),
    # Declaration files contain no statements, expressions or function bodies.
    ("sample.d.ts", Language.TYPESCRIPT, EXPRESSIONS | BODIES),
]


def capture_names(dialect: Language) -> set[str]:
    compiled = grammar(dialect)
    return {
        query.capture_name(index)
        for query in (compiled.main, compiled.toplevel)
        for index in range(query.capture_count)
        if not query.capture_name(index).startswith("_")  # predicate-only captures
    }


@pytest.mark.parametrize(("fixture", "dialect", "forbidden"), CASES)
def test_fixture_exercises_every_capture_of_its_queries(
    fixture: str, dialect: Language, forbidden: set[str]
) -> None:
    captured = set(parse_file(dialect, (FIXTURES / fixture).read_bytes()).captures)
    assert capture_names(dialect) - forbidden - captured == set()


@pytest.mark.parametrize(("fixture", "dialect", "forbidden"), CASES)
def test_no_node_is_captured_twice_under_one_name(
    fixture: str, dialect: Language, forbidden: set[str]
) -> None:
    captures = parse_file(dialect, (FIXTURES / fixture).read_bytes()).captures
    for name, nodes in captures.items():
        starts = [(node.start_byte, node.end_byte, node.type) for node in nodes]
        assert len(starts) == len(set(starts)), name


@pytest.mark.parametrize("dialect", list(Language))
def test_grammar_and_queries_are_built_once_per_process(dialect: Language) -> None:
    assert grammar(dialect) is grammar(dialect)


def test_typescript_queries_know_type_references_and_javascript_ones_do_not() -> None:
    assert "reference.type" in capture_names(Language.TYPESCRIPT)
    assert "reference.type" not in capture_names(Language.JAVASCRIPT)
    assert "reference.type_query" not in capture_names(Language.JAVASCRIPT)
    assert "definition.constructor" not in capture_names(Language.JAVASCRIPT)
    assert "reference.jsx" in capture_names(Language.TSX)
    assert "reference.jsx" not in capture_names(Language.TYPESCRIPT)


def test_error_query_captures_errors_and_missing_tokens() -> None:
    root = parse_tree(Language.TYPESCRIPT, b"if (a { b }\nlet = ;")
    assert set(error_nodes(Language.TYPESCRIPT, root)) == {"syntax.error", "syntax.missing"}
