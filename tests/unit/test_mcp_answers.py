"""MCP answers without a store: parameter checks come first, and the pure renderings."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from code_graph.errors import UsageError
from code_graph.mcp_server import answers
from code_graph.mcp_server.answers import impact_page
from code_graph.query.impact import Dependent, ImpactResult
from code_graph.query.paging import Page
from code_graph.query.stats import ProjectStats
from code_graph.records import FailureRecord, SyntaxErrorFile
from code_graph.render.compact import MAX_SYNTAX_ERROR_FILES, stats_text


@pytest.mark.parametrize(
    "prepare",
    [
        lambda: answers.find_symbol("x", None, None, 0, 0),
        lambda: answers.find_symbol("(a+)+", None, None, 10, 0),
        lambda: answers.find_references("Cart", "calls", 10, 0),
        lambda: answers.get_impact("src/../../x.ts", None, 10, 0),
        lambda: answers.get_context("Cart", ["everything"]),
        lambda: answers.get_file_summary("/etc/passwd"),
        lambda: answers.list_unresolved(None, 501),
    ],
)
def test_bad_parameters_are_refused_before_any_query_runs(
    prepare: Callable[[], answers.Query],
) -> None:
    with pytest.raises(UsageError):  # raised while preparing: no store is needed to refuse
        prepare()


def test_stats_text_gives_one_line_per_breakdown() -> None:
    stats = ProjectStats(
        files=3,
        declaration_files=1,
        files_by_language={"typescript": 2, "tsx": 1},
        symbols=10,
        symbols_by_kind={"function": 6, "class": 4},
        imports=5,
        imports_by_kind={"static": 5},
        imports_by_method={"relative": 4, "unresolved": 1},
        unresolved_by_reason={"not-found": 1},
        exports=4,
        references=12,
        files_with_syntax_errors=0,
        syntax_errors=[],
        skipped=0,
        skipped_by_reason={},
        top_packages=[("react", 2)],
        most_imported_files=[("src/a.ts", 2)],
        failures=[FailureRecord("src/b.ts", "link", 2, "RecursionError: too deep")],
    )
    assert stats_text(stats).splitlines() == [
        "3 files (typescript 2, tsx 1; 1 declaration), 10 symbols, 5 imports, 4 exports,"
        " 12 references",
        "symbols: function 6, class 4",
        "imports: static 5 | resolved: relative 4, unresolved 1",
        "unresolved: not-found 1",
        "packages: react 2",
        "most imported: src/a.ts 2",
        "failure src/b.ts at link (2 lost): RecursionError: too deep",
    ]


def test_stats_text_lists_the_files_with_syntax_errors_and_what_they_cost() -> None:
    broken = [
        SyntaxErrorFile(f"src/f{n}.ts", 2, 10 - n, 1, 3, 5, "unexpected `<`")
        for n in range(MAX_SYNTAX_ERROR_FILES + 2)
    ]
    stats = ProjectStats(
        files=20,
        declaration_files=0,
        files_by_language={"typescript": 20},
        symbols=10,
        symbols_by_kind={"function": 10},
        imports=0,
        imports_by_kind={},
        imports_by_method={},
        unresolved_by_reason={},
        exports=0,
        references=0,
        files_with_syntax_errors=len(broken),
        syntax_errors=broken,
        skipped=0,
        skipped_by_reason={},
        top_packages=[],
        most_imported_files=[],
        failures=[],
    )
    lines = stats_text(stats).splitlines()
    start = lines.index(f"syntax errors in {len(broken)} files:")
    assert lines[start + 1] == (
        "  src/f0.ts:3:5 errors=2 unparsed-lines=10 recovered=1 | unexpected `<`"
    )
    assert lines[start + MAX_SYNTAX_ERROR_FILES + 1] == "  … 2 more"


def _file_impact(count: int) -> ImpactResult:
    dependents = [
        Dependent(
            1,
            f"src/f{n}.ts",
            None,
            True,
            "static",
            ("file", "src/x.ts"),
            ("file", f"src/f{n}.ts"),
            n + 2,
            False,
        )
        for n in range(count)
    ]
    files = [(d.file, 1, True) for d in dependents]
    return ImpactResult("src/x.ts", None, dependents, files, False, 0)


def test_animpact_page_keeps_the_whole_count_and_continues_exactly() -> None:
    result = _file_impact(10)
    answer = impact_page(result, Page(4, 3))
    assert answer.text.splitlines() == [
        "impact of src/x.ts: 10 dependents in 10 files",
        "d1 src/f4.ts:6",  # the line of its import
        "d1 src/f5.ts:7",
        "d1 src/f6.ts:8",
        "… 3 more (offset=7)",
    ]
    assert [entry["file"] for entry in answer.document["files"]] == [
        "src/f4.ts",
        "src/f5.ts",
        "src/f6.ts",
    ]
    assert answer.document["page"]["next_offset"] == 7


def test_animpact_page_past_the_end_says_where_the_list_starts() -> None:
    answer = impact_page(_file_impact(2), Page(5, 3))
    assert answer.text.splitlines()[1] == (
        "offset 5 is past the end: 2 in all (first page: offset=0)"
    )
