"""`refs`, `impact` and `context` say by how much they may be incomplete, and `context`
lists who reads and writes a value."""

from __future__ import annotations

import json

from click.testing import CliRunner

from code_graph.cli import main
from code_graph.index import index_project
from tests.conftest import TreeWriter

PROJECT = {
    "src/limits.ts": "export let LIMIT = 10;\nexport function run(): void {}\n",
    "src/use.ts": (
        "import { LIMIT, run } from './limits';\n"
        "export function check(n: number): boolean { run(); return n > LIMIT; }\n"
        "export function raise(): void { LIMIT = 20; }\n"
    ),
    "src/loose.ts": "export function other(): number { return LIMIT; }\n",  # not imported
    "src/broken.ts": "export function ok() {}\n%%% ((( garbage here\n]]] more )))\n",
}


def _json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_answers_count_unlinked_same_name_references_and_unparsed_files(
    write_tree: TreeWriter,
) -> None:
    root = write_tree(PROJECT)
    index_project(root, workers=1)
    project = ["-p", str(root)]
    for command in ("refs", "impact", "context"):
        document = _json(command, "src/limits.ts:LIMIT", *project)
        assert document["unlinked_same_name"] == 1, command
        assert document["unparsed_files"] == 1, command
        compact = CliRunner().invoke(
            main, [command, "src/limits.ts:LIMIT", *project, "--format", "compact"]
        )
        assert "could not be linked" in compact.stdout, command
        assert "syntax errors" in compact.stdout, command


def test_context_lists_readers_and_writers(write_tree: TreeWriter) -> None:
    root = write_tree(PROJECT)
    index_project(root, workers=1)
    document = _json("context", "src/limits.ts:LIMIT", "-p", str(root))
    readers = [r["symbol"]["qualified_name"] for r in document["readers"]]  # type: ignore[index, union-attr, attr-defined]
    writers = [r["symbol"]["qualified_name"] for r in document["writers"]]  # type: ignore[index, union-attr, attr-defined]
    assert readers == ["check"]
    assert writers == ["raise"]
