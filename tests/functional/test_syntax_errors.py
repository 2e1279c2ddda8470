"""Files with syntax errors are listed with what the errors cost (`index --json`, `stats`,
MCP `get_stats`), and a name that is not found points at the files that could hide it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from code_graph.cli import main
from code_graph.mcp_server.answers import get_stats
from code_graph.mcp_server.budget import Budget
from code_graph.store import Store
from tests.conftest import TreeWriter
from tests.unit.test_extract_recovery import HANDLER

BROKEN_CLASS = """\
export class Store<T> extends {
  items: T[] = []
}

export enum Color { Red, Green }
"""
UNCLOSED_CALL = """\
function parse(text) {
  const parts = text.split(',')
  return parts.map((p) => p.trim()
}

module.exports = { parse }
"""
STORE_ROW = {
    "path": "src/store.ts",
    "errors": 1,
    "unparsed_lines": 3,
    "recovered": 2,
    "line": 1,
    "column": 1,
    "message": "unexpected `export class Store<T> extends…` (to line 3)",
}
PARSE_ROW = {
    "path": "lib/parse.js",
    "errors": 1,
    "unparsed_lines": 1,
    "recovered": 1,
    "line": 3,
    "column": 3,
    "message": "unexpected `return parts.map((p) => p.tri…`",
}
NOTE = (
    "2 files have lines no parse made sense of (syntax errors) that could hold it: "
    "src/store.ts:1 (3 lines), lib/parse.js:3 (1 line)"
)


@pytest.fixture
def project(write_tree: TreeWriter) -> Path:
    root = write_tree(
        {
            "src/types.ts": HANDLER,  # valid TypeScript that tree-sitter misparses: not listed
            "src/store.ts": BROKEN_CLASS,
            "lib/parse.js": UNCLOSED_CALL,
            "src/app.ts": "import type { AppBase } from './types'\nexport let app: AppBase<1, 2>\n",
        }
    )
    result = CliRunner().invoke(main, ["index", str(root), "--quiet"])
    assert result.exit_code == 0, result.output
    return root


def cli(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result.output


def cli_json(*args: str, code: int = 0) -> Any:
    return json.loads(cli(*args, "--json", code=code))


def test_index_and_stats_list_the_files_with_syntax_errors(project: Path) -> None:
    for stats in (cli_json("index", str(project))["stats"], cli_json("stats", str(project))):
        assert stats["files_with_syntax_errors"] == 2
        assert stats["syntax_errors"] == [STORE_ROW, PARSE_ROW]  # most unparsed lines first


def test_the_stats_table_and_compact_text_show_what_the_errors_cost(project: Path) -> None:
    table = cli("stats", str(project))
    assert "2 files have syntax errors: 4 lines no parse made sense of, 3 declarations" in table
    assert "src/store.ts" in table
    assert "lib/parse.js" in table
    compact = cli("stats", str(project), "--format", "compact").splitlines()
    assert compact[-3:] == [
        "syntax errors in 2 files:",
        "  src/store.ts:1:1 errors=1 unparsed-lines=3 recovered=2 | " + STORE_ROW["message"],
        "  lib/parse.js:3:3 errors=1 unparsed-lines=1 recovered=1 | " + PARSE_ROW["message"],
    ]


def test_mcp_get_stats_lists_them_too(project: Path) -> None:
    with Store.open_for_reading(project) as store:
        answer = get_stats()(store, Budget())
    assert "  src/store.ts:1:1 errors=1 unparsed-lines=3 recovered=2 | " in answer.text
    assert answer.document["syntax_errors"] == [STORE_ROW, PARSE_ROW]


def test_declarations_a_syntax_error_used_to_hide_are_found(project: Path) -> None:
    found = cli_json("find", "^(AppBase|Schema|Color|parse)$", "-p", str(project))
    assert sorted(s["name"] for s in found["symbols"]) == ["AppBase", "Color", "Schema", "parse"]
    refs = cli_json("refs", "AppBase", "-p", str(project))
    assert sorted((r["file"], r["line"]) for r in refs["references"]) == [
        ("src/app.ts", 1),
        ("src/app.ts", 2),
        ("src/types.ts", 8),  # the return types of both call signatures
        ("src/types.ts", 20),
    ]


def test_a_name_not_found_points_at_the_files_that_could_hide_it(project: Path) -> None:
    assert NOTE in cli("refs", "Missing", "-p", str(project), "--format", "compact", code=1)
    assert NOTE in " ".join(cli("context", "Missing", "-p", str(project), code=1).split())
    found = cli_json("find", "^Missing$", "-p", str(project), code=1)
    assert found["unparsed"] == {
        "files_with_unparsed_lines": 2,
        "files": [
            {"path": "src/store.ts", "line": 1, "unparsed_lines": 3},
            {"path": "lib/parse.js", "line": 3, "unparsed_lines": 1},
        ],
    }
    # in one file, only that file counts
    lookup = cli_json("refs", "src/store.ts:Missing", "-p", str(project), code=1)["lookup"]
    assert [f["path"] for f in lookup["unparsed"]["files"]] == ["src/store.ts"]
    lookup = cli_json("refs", "src/app.ts:Missing", "-p", str(project), code=1)["lookup"]
    assert lookup["unparsed"] is None


def test_without_unparsed_lines_a_not_found_answer_has_no_note(write_tree: TreeWriter) -> None:
    root = write_tree({"a.ts": "export const a = 1\n"})
    assert cli("index", str(root), "--quiet") == ""
    assert "note:" not in cli("refs", "Missing", "-p", str(root), "--format", "compact", code=1)
