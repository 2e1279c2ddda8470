"""Syntax errors the parser recovered from: ERROR and MISSING nodes as SyntaxIssues."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from code_graph.extract.grammar import Node, Point
from code_graph.extract.recovery import Tangle
from code_graph.extract.source import Source
from code_graph.model import SyntaxIssue

MAX_STORED_ISSUES = 20
_SNIPPET_LIMIT = 30  # characters of unexpected text quoted in a message


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """The first MAX_STORED_ISSUES issues in source order, how many there are in all, and
    how many lines the unparsed regions (ERROR nodes) cover."""

    issues: list[SyntaxIssue]
    count: int
    lines: int


def diagnose(errors: list[Node], tangles: list[Tangle], source: Source) -> Diagnosis:
    """Issues for the outermost `errors` (ERROR and MISSING nodes, in source order) and for
    `tangles`, regions too large to extract facts from."""
    found = [_Found(node.start_byte, node.start_point, node.end_point, node) for node in errors]
    found += [_Found(t.start_byte, t.start_point, t.end_point, t.tokens) for t in tangles]
    found.sort(key=attrgetter("start_byte"))
    issues = []
    for item in found[:MAX_STORED_ISSUES]:
        row, byte_column = item.start_point
        column = source.column(item.start_byte, byte_column)
        issues.append(SyntaxIssue(row + 1, column, _message(item.what, source)))
    return Diagnosis(issues, len(found), _lines(found))


@dataclass(frozen=True, slots=True)
class _Found:
    """An error node, or a tangle (the number of its tokens), and where it is."""

    start_byte: int
    start_point: Point
    end_point: Point
    what: Node | int


def _lines(found: list[_Found]) -> int:
    """The lines that the unparsed regions among `found` (in source order) touch: ERROR
    nodes and tangles, not MISSING tokens."""
    lines, counted = 0, -1  # the last row counted
    for item in found:
        if not isinstance(item.what, int) and not item.what.is_error:
            continue
        first = max(item.start_point[0], counted + 1)
        last = _last_row(item.start_point, item.end_point)
        if last >= first:
            lines += last - first + 1
            counted = last
    return lines


def _last_row(start: Point, end: Point) -> int:
    """The last row a region touches (not the one it ends at the start of)."""
    return end[0] if end[1] or end[0] == start[0] else end[0] - 1


def _message(node: Node | int, source: Source) -> str:
    if isinstance(node, int):
        return f"{node} tokens in one unparsable region: no facts extracted"
    if node.is_missing:
        return f"missing {node.type}" if node.is_named else f"missing `{node.type}`"
    end = min(node.end_byte, node.start_byte + 4 * _SNIPPET_LIMIT)
    text = source.data[node.start_byte : end].decode("utf-8", "replace")
    first_line = text.strip().split("\n", 1)[0].strip()
    if not first_line:
        return "unexpected end of input"
    if len(first_line) > _SNIPPET_LIMIT:
        first_line = first_line[: _SNIPPET_LIMIT - 1] + "…"
    last = _last_row(node.start_point, node.end_point)
    where = f" (to line {last + 1})" if last > node.start_point[0] else ""
    return f"unexpected `{first_line}`{where}"
