"""Refusing regular expressions whose matching time can explode (catastrophic backtracking).

Python's `re` backtracks and cannot be interrupted, so a pattern such as `((\\w+))+!` or
`(\\w|\\w)+!` can hang on a 30-character name. The pattern's syntax tree is checked instead
of its text (a textual check misses extra parentheses and alternations): a repeat that can
run more than once may not contain another variable repeat or an alternation, and only a few
unbounded repeats may appear at all (each one multiplies the worst case by a name's length).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import Any

# The parser behind `re.compile` (no type stubs): its tree is what the matcher runs.
_parser: Any = importlib.import_module("re._parser")
_UNBOUNDED: int = importlib.import_module("re._constants").MAXREPEAT
_BACKTRACKING_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT"})  # possessive ones never do
MAX_UNBOUNDED_REPEATS = 3


def backtracking_risk(pattern: str) -> str | None:
    """Why matching `pattern` could take exponential or high-polynomial time; None if it cannot.

    `pattern` must already compile (`re.error` is the caller's to report).
    """
    unbounded = 0
    pending: list[tuple[Iterable[tuple[Any, Any]], bool]] = [(_parser.parse(pattern), False)]
    while pending:
        items, repeated = pending.pop()
        for opcode, value in items:
            name = str(opcode)
            if name == "BRANCH" and repeated:
                return "repeats a group of alternatives (catastrophic backtracking)"
            inner = repeated
            if name in _BACKTRACKING_REPEATS:
                low, high, _ = value
                if repeated and low != high:
                    return "nests quantifiers (catastrophic backtracking)"
                unbounded += high == _UNBOUNDED
                inner = repeated or high > 1
            pending.extend((child, inner) for child in _children(name, value))
    if unbounded > MAX_UNBOUNDED_REPEATS:
        return f"has more than {MAX_UNBOUNDED_REPEATS} unbounded repeats (`*`, `+`, `{{n,}}`)"
    return None


def _children(name: str, value: Any) -> Iterator[Iterable[tuple[Any, Any]]]:
    """The sub-patterns of one node of the syntax tree."""
    if name in _BACKTRACKING_REPEATS or name == "POSSESSIVE_REPEAT":
        yield value[2]
    elif name == "SUBPATTERN":
        yield value[3]
    elif name == "BRANCH":
        yield from value[1]
    elif name in ("ASSERT", "ASSERT_NOT"):
        yield value[1]
    elif name == "ATOMIC_GROUP":
        yield value
    elif name == "GROUPREF_EXISTS":
        yield from (branch for branch in value[1:] if branch is not None)
