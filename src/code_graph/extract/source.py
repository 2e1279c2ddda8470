"""The bytes being extracted, with 1-based positions and one-line text helpers.

Columns are 1-based and count characters (code points), not bytes: for an ASCII file they
are tree-sitter's byte columns plus one; otherwise the UTF-8 continuation bytes before the
position on its line are subtracted. A position with no continuation byte between its line's
start and itself by the file's first and last ones costs nothing more; near the start of a
line they are counted directly; further in, by bisecting a list of their offsets on the line
(built on first use), so a long non-ASCII line costs no more than a short one.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from code_graph.extract.grammar import Node
from code_graph.model import Span
from code_graph.text import shorten

SIGNATURE_LIMIT = 200
_CONTINUATION_BYTE = re.compile(rb"[\x80-\xbf]")
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))
_CONTINUATION_MARKS = bytes(int(byte in _CONTINUATION_BYTES) for byte in range(256))  # 1 or 0
_COUNTED_COLUMNS = 256  # byte columns up to which continuation bytes are counted directly
_SIGNATURE_SCAN = 4 * SIGNATURE_LIMIT  # bytes read for a header before collapsing it
_TRAILING = " \t{=;,"


# A comment (dropped) or a string (kept whole, so a `//` inside it is no comment).
_COMMENT_OR_STRING = re.compile(
    r"//[^\n]*|/\*.*?(?:\*/|\Z)|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|`(?:[^`\\]|\\.)*`",
    re.DOTALL,
)
_SPACE_AFTER_OPEN = re.compile(r"([(<\[]) ")
_SPACE_BEFORE_CLOSE = re.compile(r" ([)>\],])")
_TRAILING_COMMA = re.compile(r",([)>\]])")


def one_line(text: str) -> str:
    """Source text as one line: comments dropped, whitespace runs collapsed to one space, no
    space inside brackets nor trailing comma (`f( a, )` is `f(a)`). Not cut: see `signature`."""
    uncommented = _COMMENT_OR_STRING.sub(
        lambda m: " " if m.group().startswith("/") else m.group(), text
    )
    line = " ".join(uncommented.split())
    tidy = _SPACE_BEFORE_CLOSE.sub(r"\1", _SPACE_AFTER_OPEN.sub(r"\1", line))
    return _TRAILING_COMMA.sub(r"\1", tidy)


def signature(text: str) -> str:
    """A definition's one-line signature, at most SIGNATURE_LIMIT characters (cut at a token
    boundary, one ellipsis)."""
    return shorten(one_line(text), SIGNATURE_LIMIT)


class Source:
    """One file's bytes (without BOM) and how to turn byte offsets into lines and columns."""

    __slots__ = ("_continuations", "_first_continuation", "_last_continuation", "data", "is_ascii")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.is_ascii = data.isascii()
        # continuation byte offsets by line start, for lines with columns far into them
        self._continuations: dict[int, list[int]] = {}
        # every continuation byte is in data[first:last + 1] (none: an empty range)
        self._first_continuation, self._last_continuation = len(data), -1
        if not self.is_ascii:
            marks = data.translate(_CONTINUATION_MARKS)
            self._last_continuation = marks.rfind(1)
            if self._last_continuation >= 0:
                self._first_continuation = marks.find(1)

    def text(self, node: Node) -> str:
        """The source text of a node."""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def column(self, offset: int, byte_column: int) -> int:
        """The 1-based character column of byte `offset`, which is `byte_column` into its line."""
        line_start = offset - byte_column
        if line_start > self._last_continuation or offset <= self._first_continuation:
            return byte_column + 1  # no continuation byte on the line before `offset`
        if byte_column <= _COUNTED_COLUMNS:
            before = self.data[line_start:offset]
            return len(before.translate(None, _CONTINUATION_BYTES)) + 1
        continuations = self._continuations.get(line_start)
        if continuations is None:
            continuations = self._continuations[line_start] = self._line_continuations(line_start)
        return byte_column + 1 - bisect_left(continuations, offset)

    def _line_continuations(self, line_start: int) -> list[int]:
        """The offsets of the continuation bytes on the line starting at `line_start`."""
        data = self.data
        line_end = data.find(b"\n", line_start)
        if line_end < 0:
            line_end = len(data)
        return [m.start() for m in _CONTINUATION_BYTE.finditer(data, line_start, line_end)]

    def start(self, node: Node) -> tuple[int, int]:
        """The 1-based line and column where a node starts."""
        row, byte_column = node.start_point
        return row + 1, self.column(node.start_byte, byte_column)

    def span(self, node: Node) -> Span:
        """The node's extent; the end column is the position just after its last character."""
        row, byte_column = node.start_point
        end_row, end_byte_column = node.end_point
        if self.is_ascii:
            return Span(row + 1, byte_column + 1, end_row + 1, end_byte_column + 1)
        return Span(
            row + 1,
            self.column(node.start_byte, byte_column),
            end_row + 1,
            self.column(node.end_byte, end_byte_column),
        )

    def header(self, start: int, end: int) -> str:
        """Bytes `start:end` as one line without a trailing `{`, `=`, `;` or `,` (a signature's
        text; `signature` cuts it)."""
        end = min(end, start + _SIGNATURE_SCAN)
        text = self.data[start:end].decode("utf-8", "replace")
        return one_line(text).rstrip(_TRAILING)
