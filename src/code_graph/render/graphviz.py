"""Rendering DOT to SVG or PNG through Graphviz's `dot` program, when it is installed."""

from __future__ import annotations

import shutil
import subprocess

from code_graph.errors import CodeGraphError

GRAPHVIZ_FORMATS = ("svg", "png")
TIMEOUT_SECONDS = 300


class GraphvizMissingError(CodeGraphError):
    """Graphviz's `dot` program is not on PATH."""

    def __init__(self) -> None:
        super().__init__(
            "Graphviz is not installed (no `dot` on PATH), so svg and png cannot be drawn: install "
            "it (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; others: "
            "https://graphviz.org/download/), or export --format dot, mermaid or html instead"
        )


class GraphvizFailedError(CodeGraphError):
    """`dot` ran but could not draw the graph."""


def render_graphviz(dot_source: str, output_format: str) -> bytes:
    """The image `dot -T<output_format>` draws from `dot_source`.

    Raises:
        GraphvizMissingError: `dot` is not installed.
        GraphvizFailedError: `dot` failed or timed out.
    """
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissingError
    try:
        done = subprocess.run(
            [program, f"-T{output_format}"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise GraphvizFailedError(f"Graphviz `dot` failed: {e}") from e
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip()
        raise GraphvizFailedError(f"Graphviz `dot` failed: {problem}")
    return done.stdout
