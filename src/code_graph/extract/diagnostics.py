"""Syntax errors the parser recovered from: ERROR and MISSING nodes as SyntaxIssues."""

from __future__ import annotations

from code_graph.extract.grammar import Captures, Node
from code_graph.extract.source import Source
from code_graph.model import SyntaxIssue

MAX_STORED_ISSUES = 20
_SNIPPET_LIMIT = 30  # characters of unexpected text quoted in a message


def collect_issues(errors: Captures, source: Source) -> tuple[list[SyntaxIssue], int]:
    """The first MAX_STORED_ISSUES issues in source order, and how many there are in all."""
    nodes = [*errors.get("syntax.error", ()), *errors.get("syntax.missing", ())]
    nodes.sort(key=lambda node: node.start_byte)
    issues = []
    for node in nodes[:MAX_STORED_ISSUES]:
        line, column = source.start(node)
        issues.append(SyntaxIssue(line, column, _message(node, source)))
    return issues, len(nodes)


def tangle_issue(tangle: Node, source: Source) -> SyntaxIssue:
    """The one issue of a file whose unparsable region was too large to extract facts from."""
    line, column = source.start(tangle)
    message = f"{tangle.child_count} tokens in one unparsable region: no facts extracted"
    return SyntaxIssue(line, column, message)


def _message(node: Node, source: Source) -> str:
    if node.is_missing:
        return f"missing {node.type}" if node.is_named else f"missing `{node.type}`"
    end = min(node.end_byte, node.start_byte + 4 * _SNIPPET_LIMIT)
    text = source.data[node.start_byte : end].decode("utf-8", "replace")
    first_line = text.strip().split("\n", 1)[0].strip()
    if not first_line:
        return "unexpected end of input"
    if len(first_line) > _SNIPPET_LIMIT:
        first_line = first_line[: _SNIPPET_LIMIT - 1] + "…"
    return f"unexpected `{first_line}`"
