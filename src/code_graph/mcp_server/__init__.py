"""The MCP server: the graph's questions as read-only tools for AI agents (stdio).

`run_server` imports the SDK only when called, so the pure helpers of this package
(parameter checks, answer budgets, answers) load without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from code_graph.mcp_server.projects import KeepFresh


def run_server(
    root: Path,
    allowed_roots: Sequence[Path],
    *,
    keep_fresh: KeepFresh | None = None,
    structured: bool | None = None,
) -> None:
    """Serve `root` over MCP stdio (see `code_graph.mcp_server.server.run_server`)."""
    from code_graph.mcp_server.server import run_server as serve

    serve(root, allowed_roots, keep_fresh=keep_fresh, structured=structured)


__all__ = ["run_server"]
