"""The pure logic of the real-repository sweep (bench/sweep_plan.py, bench/sweep_report.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

_BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, _BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


plan = _load("sweep_plan")
report = _load("sweep_report")


def _symbol(file: str, qualified: str, parent: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "file": file,
        "name": qualified.rsplit(".", 1)[-1],
        "qualified_name": qualified,
        "parent": parent,
        "exported": "named",
        "kind": "function",
        "line": 3,
        **extra,
    }


GRAPH = {
    "symbols": [
        _symbol("a.ts", "load"),
        _symbol("a.ts", "load"),  # an overload: `a.ts:load` names two declarations
        _symbol("b.ts", "Cart", kind="class"),
        _symbol("b.ts", "Cart.add", parent="Cart", kind="method"),
        _symbol("c.ts", "hidden", exported="none"),
    ],
    "files": [
        {"path": p, "parse_errors": int(p == "bad.ts"), "is_declaration": p.endswith(".d.ts")}
        for p in ("a.ts", "b.ts", "c.ts", "bad.ts", "types.d.ts")
    ],
}


def test_sampled_addresses_name_one_declaration_each_and_repeat_for_a_seed() -> None:
    targets = plan.sample_targets(GRAPH, "s", symbols=5, files=3)
    assert targets.symbols == ("b.ts:Cart", "b.ts:Cart.add", "b.ts:3")
    assert targets.kinds == ("class", "method")
    assert targets.files[:2] == ("bad.ts", "types.d.ts")  # syntax errors, declarations first
    assert plan.sample_targets(GRAPH, "s", symbols=5, files=3) == targets


def test_a_graph_without_symbols_or_files_gives_no_targets() -> None:
    assert plan.sample_targets({}, "s", 4, 3) == plan.Targets((), (), (), ())


def test_the_plan_runs_every_query_command_that_help_lists() -> None:
    help_text = "Usage: ...\n\nCommands:\n  circular  Import...\n  index  Index...\n  lint  New\n"
    targets = plan.Targets(("a.ts:f",), ("f",), ("function",), ("a.ts",))
    queries = plan.whole_graph_queries(False) + plan.target_queries(targets, False)
    assert plan.uncovered_commands(help_text, queries) == ["lint"]
    formats = {q.args[q.args.index("--format") + 1] for q in queries if "--format" in q.args}
    assert formats >= {"table", "json", "compact", "dot", "mermaid", "html"}


TRACEBACK = """Traceback (most recent call last):
  File "x.py", line 1, in <module>
    f()
  [Previous line repeated 996 more times]
RecursionError: maximum recursion depth exceeded
"""


@pytest.mark.parametrize(
    ("exit_code", "stderr", "output", "status", "error"),
    [
        (0, "", '{"a": 1}', "ok", None),
        (1, "not found: f", "", "miss", "not found: f"),
        (1, TRACEBACK, "", "traceback", "RecursionError: maximum recursion depth exceeded"),
        (2, "\nerror: the index is damaged\nmore\n", "", "failed", "error: the index is damaged"),
        (0, "", "{not json", "bad-output", "not JSON: Expecting property name enclosed in dou"),
        (-9, "", "", "failed", "exit code -9"),
    ],
)
def test_an_answer_is_judged_by_exit_code_stderr_and_output(
    exit_code: int, stderr: str, output: str, status: str, error: str | None
) -> None:
    query = plan.Query(("refs", "f", "--json"), expect_found=True)
    outcome = plan.judge(query, exit_code, False, stderr, output)
    assert outcome.status == status
    assert outcome.error == error or (error is not None and outcome.error.startswith(error))


def test_not_found_is_fine_where_nothing_was_expected_and_a_missing_file_is_bad_output() -> None:
    assert plan.judge(plan.Query(("find", "Zz")), 1, False, "", "").status == "ok"
    picture = plan.Query(("export", "--format", "dot"), output_file="x.dot")
    assert plan.judge(picture, 0, False, "", None).status == "bad-output"
    assert plan.judge(picture, 0, True, "", None).status == "timeout"


def test_the_report_replaces_only_its_section() -> None:
    document = f"intro\n{report.BEGIN}\nold table\n{report.END}\noutro\n"
    assert report.replace_section(document, "new\n") == (
        f"intro\n{report.BEGIN}\nnew\n{report.END}\noutro\n"
    )
    with pytest.raises(ValueError, match="no"):
        report.replace_section("no markers", "new\n")
