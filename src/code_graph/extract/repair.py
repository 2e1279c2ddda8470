"""A byte-for-byte repair for one known tree-sitter-typescript bug (0.23.2, upstream issue
tree-sitter/tree-sitter-typescript#335): call signatures that follow another member on a new
line and start with type parameters.

    interface Get {
      <K extends Keys>(key: K): Value<K>
      <K extends Other>(key: K): Other[K]      <- read as `Value<K> < K ...`: an error
    }

TypeScript never reads type arguments across a line break, so the `<` starts a new member;
the grammar's automatic-semicolon scanner takes it for the `<` operator instead, and the
error can swallow the rest of the file. The repair writes `;` over the blank just before
such a `<`: offsets, lines and columns stay those of the file, and nothing a fact is read
from changes. It is tried only on trees with errors and kept only when it removes some
(see recovery.py).
"""

from __future__ import annotations

import re

from code_graph.extract.grammar import Node
from code_graph.extract.tokens import tokens_at

# a `<` that is the first character of an indented line
_LINE_START_ANGLE = re.compile(rb"^[ \t]+<", re.MULTILINE)
# what the bracket scan stops at: brackets, quotes, comments
_SCAN_STOPS = re.compile(rb"[<>'\"`]|//|/\*")
_SCAN_LIMIT = 4_096  # bytes from `<` within which its type parameters must close
_BLANKS = b" \t\r\n"
_MEMBER_ENDS = frozenset(b")]}'\"`")
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
# keywords that need an operand after them: a `<` on the next line continues them
_OPERAND_KEYWORDS = frozenset(
    {
        b"as",
        b"asserts",
        b"await",
        b"case",
        b"delete",
        b"do",
        b"else",
        b"extends",
        b"in",
        b"infer",
        b"instanceof",
        b"is",
        b"keyof",
        b"new",
        b"of",
        b"readonly",
        b"return",
        b"satisfies",
        b"throw",
        b"typeof",
        b"unique",
        b"yield",
    }
)
_SEMICOLON = ord(";")
_COMMENT_ROUNDS = 8  # comments looked past between a member and the `<` after it


def call_signature_breaks(source: bytes, root: Node) -> list[int]:
    """The offsets of the blanks to overwrite with `;`: each is just before a `<` token that
    starts a line, opens type parameters followed by `(`, and follows the end of a member (a
    name, `)`, `]`, `}`, `>` or a quote, comments skipped)."""
    angles = [
        match.end() - 1
        for match in _LINE_START_ANGLE.finditer(source)
        if _opens_signature(source, match.end() - 1)
    ]
    if not angles:
        return []
    tokens = tokens_at([root], angles)
    angles = [angle for angle in angles if _is_token(tokens.get(angle), "<")]
    after_member = _after_members(source, root, angles)
    return [angle - 1 for angle in angles if angle in after_member]


def repaired(source: bytes, breaks: list[int]) -> bytes:
    """`source` with `;` written over each blank in `breaks`."""
    data = bytearray(source)
    for offset in breaks:
        data[offset] = _SEMICOLON
    return bytes(data)


def _is_token(token: Node | None, kind: str) -> bool:
    return token is not None and token.type == kind


def _after_members(source: bytes, root: Node, angles: list[int]) -> set[int]:
    """Those of `angles` that the end of a type member comes before (past blanks and up to
    _COMMENT_ROUNDS comments): all looked up together, one comment further each round."""
    found: set[int] = set()
    pending = {angle: _last_nonblank(source, angle - 1) for angle in angles}
    for _ in range(_COMMENT_ROUNDS):
        tokens = tokens_at([root], sorted({at for at in pending.values() if at >= 0}))
        behind: dict[int, int] = {}
        for angle, at in pending.items():
            token = tokens.get(at)
            if token is not None and token.type == "comment":
                behind[angle] = _last_nonblank(source, token.start_byte - 1)
            elif at >= 0 and _ends_member(source, at):
                found.add(angle)
        if not behind:
            break
        pending = behind
    return found


def _last_nonblank(source: bytes, at: int) -> int:
    """The offset of the last byte at or before `at` that is not a blank (-1: none)."""
    while at >= 0 and source[at] in _BLANKS:
        at -= 1
    return at


def _ends_member(source: bytes, at: int) -> bool:
    """Whether the byte at `at` (not in a comment) ends a type member."""
    last = source[at]
    if last == ord(">"):
        return at == 0 or source[at - 1] != ord("=")  # `=>` still needs its body
    if last in _MEMBER_ENDS or last >= 0x80:  # 0x80 and up: a non-ASCII identifier
        return True
    if last not in _WORD:
        return False
    start = at
    while start > 0 and source[start - 1] in _WORD:
        start -= 1
    return source[start : at + 1] not in _OPERAND_KEYWORDS


def _opens_signature(source: bytes, angle: int) -> bool:
    """Whether the `<` at `angle` closes (brackets balanced, `=>` and quoted text skipped)
    and is followed by `(`."""
    depth = 0
    end = min(len(source), angle + _SCAN_LIMIT)
    at = angle
    while at < end:
        stop = _SCAN_STOPS.search(source, at, end)
        if stop is None:
            return False
        at = stop.start()
        token = stop.group()
        if token == b"<":
            depth += 1
        elif token == b">":
            if source[at - 1] != ord("="):
                depth -= 1
                if depth == 0:
                    after = at + 1
                    while after < len(source) and source[after] in _BLANKS:
                        after += 1
                    return after < len(source) and source[after] == ord("(")
        elif token == b"//":
            at = _past(source, b"\n", at + 2, end)
            continue
        elif token == b"/*":
            at = _past(source, b"*/", at + 2, end)
            continue
        else:  # a quote: skip to its closing one
            at = _past(source, token, at + 1, end)
            continue
        at += 1
    return False


def _past(source: bytes, closing: bytes, start: int, end: int) -> int:
    """The offset just after the next `closing` in `source[start:end]`, else `end`."""
    found = source.find(closing, start, end)
    return end if found < 0 else found + len(closing)
