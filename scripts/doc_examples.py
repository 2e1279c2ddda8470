"""Write docs/examples.md: one real example of every command and every MCP tool.

Run: `python scripts/doc_examples.py` (rewrites the file); `--check` exits 1 when the file
differs from a fresh run (tests/functional/test_doc_examples.py does the same), so the
examples cannot drift from what the code answers. Everything runs in-process on a copy of
examples/acme-shop: the CLI through click's runner from the project's root, the tools
through the MCP SDK's in-memory client.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
from click.testing import CliRunner
from mcp.client import Client

from code_graph.cli import main
from code_graph.index import index_project
from code_graph.mcp_server.server import build_server

REPOSITORY = Path(__file__).resolve().parents[1]
EXAMPLE = REPOSITORY / "examples" / "acme-shop"
TARGET = REPOSITORY / "docs" / "examples.md"
GENERATED = "packages/core/src/generated/catalog-feed.ts"
MAX_LINES = 14  # an example longer than this shows its first lines and says how many more

COMMANDS: list[list[str]] = [
    ["stats", "--format", "compact"],
    ["find", "Cart", "--limit", "3", "--format", "compact"],
    ["refs", "PriceTag", "--kind", "jsx", "--limit", "3", "--format", "compact"],
    ["implementations", "Identifiable", "--format", "compact"],
    ["impact", "roundToCents", "--format", "compact"],
    ["impact", "packages/core/src/pricing/coupons.ts", "--limit", "4", "--format", "compact"],
    ["calls", "roundToCents", "--format", "compact"],
    ["context", "Cart", "--sections", "callers,extends", "--format", "compact"],
    ["source", "roundToCents", "--format", "compact"],
    ["circular", "--format", "compact"],
    ["file", "packages/ui/src/PriceTag.tsx", "--format", "compact"],
    ["file", "packages/core/src/pricing", "--format", "compact"],
    ["unresolved", "--format", "compact"],
    ["export", "--format", "mermaid", "--focus", "packages/core/src/cart.ts", "--max-nodes", "4"],
]
TOOLS: list[tuple[str, dict[str, Any]]] = [
    ("find_symbol", {"pattern": "Cart", "limit": 3}),
    ("find_references", {"symbol": "PriceTag", "kind": "jsx", "limit": 3}),
    ("find_implementations", {"symbol": "Entity.describe"}),
    ("get_impact", {"target": "roundToCents"}),
    ("get_call_hierarchy", {"symbol": "PricingEngine.quote", "direction": "callees", "depth": 1}),
    ("detect_circular", {"runtime_only": True}),
    ("get_context", {"symbol": "Cart", "sections": ["callers", "extends"]}),
    ("get_symbol_source", {"symbol": "roundToCents", "context_lines": 1}),
    ("get_stats", {}),
    ("get_file_summary", {"path": "packages/ui/src/PriceTag.tsx"}),
    ("list_unresolved", {"path_prefix": "packages/legacy/"}),
    ("export_graph", {"focus": "packages/core/src/cart.ts", "max_nodes": 4}),
    ("find_symbol", {"pattern": "Cart", "kind": "klass"}),
]


@contextlib.contextmanager
def indexed_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "acme-shop"
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".code-graph"))
        generated = root / GENERATED
        if not generated.exists():  # git may drop the deliberately ignored file on checkout
            generated.parent.mkdir(parents=True, exist_ok=True)
            generated.write_text("export const feed = [];\n")
        index_project(root, workers=1)
        yield root


def shown(text: str) -> str:
    lines = text.rstrip("\n").splitlines()
    if len(lines) <= MAX_LINES:
        return "\n".join(lines)
    return "\n".join([*lines[:MAX_LINES], f"[… {len(lines) - MAX_LINES} more lines]"])


def command_examples(root: Path) -> list[str]:
    blocks = []
    here = Path.cwd()
    os.chdir(root)
    try:
        for arguments in COMMANDS:
            result = CliRunner().invoke(main, arguments)
            output = result.stdout.replace(str(root), "examples/acme-shop")
            blocks.append(f"````text\n$ code-graph {' '.join(arguments)}\n{shown(output)}\n````")
    finally:
        os.chdir(here)
    return blocks


def tool_examples(root: Path) -> list[str]:
    async def ask() -> list[str]:
        blocks = []
        async with Client(build_server(root)) as client:
            for tool, arguments in TOOLS:
                result = await client.call_tool(tool, arguments)
                text = str(getattr(result.content[0], "text", ""))
                call = ", ".join(f"{name}={value!r}" for name, value in arguments.items())
                error = " → isError" if result.is_error else ""
                blocks.append(f"````text\n{tool}({call}){error}\n{shown(text)}\n````")
        return blocks

    return anyio.run(ask)


def render() -> str:
    with indexed_copy() as root:
        commands, tools = command_examples(root), tool_examples(root)
    return (
        "\n\n".join(
            [
                "# Examples\n\nEvery command and every MCP tool on `examples/acme-shop`, as they"
                " answer today: this file is written by `python scripts/doc_examples.py` and a test"
                " fails when it differs from a fresh run. Commands run from the project's root;"
                " long answers show their first lines.",
                "## Commands",
                *commands,
                "## MCP tools",
                *tools,
            ]
        )
        + "\n"
    )


def main_script() -> None:
    fresh = render()
    if "--check" in sys.argv:
        sys.exit(0 if TARGET.read_text(encoding="utf-8") == fresh else 1)
    TARGET.write_text(fresh, encoding="utf-8")


if __name__ == "__main__":
    main_script()
