"""Benchmark: tokens an agent reads per MCP answer, compact text against JSON.

Run: `python bench/mcp_tokens.py [PATH]` (default: a temporary copy of examples/acme-shop).
Each row is one real answer of the MCP tools, built as the server builds it (same page),
but without the answer budget so both renderings hold the same items; a `*` marks answers
the server would cut to its budget (~8,000 tokens per part). Tokens are estimated as
characters / 4 (no tokenizer dependency): rough for any one answer, fair for comparing two
renderings of it. "JSON" is the structured content as it travels (compact separators);
"pretty" is the CLI's `--json` output (indent 2). It also prints the size of the tool
definitions an agent loads once (`tools/list`), and the median and largest answer as served.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import anyio

from code_graph.index import index_project
from code_graph.mcp_server import answers
from code_graph.mcp_server.budget import Budget, json_size
from code_graph.mcp_server.server import build_server
from code_graph.query.find import find_symbols
from code_graph.query.refs import references_to
from code_graph.query.stats import project_stats
from code_graph.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "acme-shop"
CHARS_PER_TOKEN = 4
CANDIDATE_KINDS = ("class", "function", "component", "interface")


def tokens(characters: int) -> int:
    return round(characters / CHARS_PER_TOKEN)


def busiest_symbol(store: Store) -> str:
    """The top-level definition with the most references (a realistic thing to ask about)."""
    best, most = "", -1
    for kind in CANDIDATE_KINDS:
        for symbol in find_symbols(store, "", kind=kind, limit=200).symbols:
            count = len(references_to(store, symbol))
            if count > most:
                best, most = f"{symbol.file}:{symbol.qualified_name}", count
    return best


def calls(store: Store) -> list[tuple[str, Callable[[], answers.Query]]]:
    symbol = busiest_symbol(store)
    stats = project_stats(store)
    file = stats.most_imported_files[0][0] if stats.most_imported_files else ""
    name = symbol.rpartition(":")[2]
    short = Path(file).name
    folder = f"{Path(file).parent.as_posix()}/"
    return [
        (f"find_symbol {name!r}", lambda: answers.find_symbol(name, None, None, 50, 0)),
        ("find_symbol kind=class", lambda: answers.find_symbol("", "class", None, 50, 0)),
        (f"find_references {name}", lambda: answers.find_references(symbol, None, 100, 0)),
        (f"get_impact {name}", lambda: answers.get_impact(symbol, None, 100, 0)),
        (f"get_impact {short}", lambda: answers.get_impact(file, None, 100, 0)),
        (f"get_context {name}", lambda: answers.get_context(symbol, None)),
        (f"get_call_hierarchy {name}", lambda: answers.get_call_hierarchy(symbol, None, 3, 100)),
        (f"get_file_summary {Path(file).parent}/", lambda: answers.get_file_summary(folder)),
        ("detect_circular", lambda: answers.detect_circular(False)),
        ("get_stats", answers.get_stats),
        (f"get_file_summary {short}", lambda: answers.get_file_summary(file)),
        ("list_unresolved", lambda: answers.list_unresolved(None, 100)),
    ]


def tool_definitions_size(root: Path) -> tuple[int, int]:
    """Characters of the `tools/list` answer as it travels, and how many tools it lists."""

    async def listed() -> list[dict[str, object]]:
        tools = await build_server(root).list_tools()
        return [tool.model_dump(mode="json", by_alias=True, exclude_none=True) for tool in tools]

    definitions = anyio.run(listed)
    return json_size({"tools": definitions}), len(definitions)


def measure(root: Path) -> None:
    unbounded, served = Budget(max_chars=sys.maxsize), Budget(structured=False)
    rows = []
    served_sizes = []
    with Store.open_for_reading(root) as store:
        for label, prepare in calls(store):
            answer = prepare()(store, unbounded)
            served_sizes.append(len(prepare()(store, served).text))
            pretty = len(json.dumps(answer.document, indent=2, ensure_ascii=False))
            cut = "*" if not served.fits(answer) else ""
            rows.append((label + cut, len(answer.text), json_size(answer.document), pretty))
    print(f"{'answer':<58} {'compact':>8} {'JSON':>8} {'pretty':>8} {'saving':>7}")
    for label, text, compact_json, pretty in rows:
        saving = 1 - text / compact_json if compact_json else 0.0
        print(
            f"{label[:58]:<58} {tokens(text):>8,} {tokens(compact_json):>8,}"
            f" {tokens(pretty):>8,} {saving:>7.0%}"
        )
    text_total = sum(row[1] for row in rows)
    json_total = sum(row[2] for row in rows)
    pretty_total = sum(row[3] for row in rows)
    print(
        f"{'total (tokens ≈ characters / 4)':<58} {tokens(text_total):>8,}"
        f" {tokens(json_total):>8,} {tokens(pretty_total):>8,} {1 - text_total / json_total:>7.0%}"
    )
    print(f"compact vs pretty JSON: {1 - text_total / pretty_total:.0%} fewer tokens")
    size, count = tool_definitions_size(root)
    print(f"tool definitions: {count} tools, {size:,} characters (≈ {tokens(size):,} tokens)")
    print(
        f"answers as served (text): median {statistics.median(served_sizes):,.0f} characters,"
        f" largest {max(served_sizes):,}"
    )


def main() -> None:
    if len(sys.argv) > 1:
        root = Path(sys.argv[1]).resolve()
        index_project(root)
        measure(root)
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "acme-shop"
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".code-graph"))
        index_project(root)
        measure(root)


if __name__ == "__main__":
    main()
