"""Which declarations a diff touched: one file's symbols before and after, and its hunks.

A declaration is touched when a changed line falls in its own lines: its span without the
spans of its members (a method's body edit touches the method, not its class). Old and new
declarations pair by qualified name and kind, in source order; one with no partner was
added or removed. A touched pair is a signature change when the one-line signature or the
export status differs, else a body-only change. A removed member changes its parent's
signature (its users may break), an added one does not. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from code_graph.model import Symbol

LineRange = tuple[int, int]  # first and last line, inclusive


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"


@dataclass(frozen=True, slots=True)
class SymbolChange:
    """A touched declaration: `symbol` as it is now (as it was, when removed)."""

    change: Change
    symbol: Symbol
    signature_changed: bool  # modified: the signature (or export) differs; False: body only
    old: Symbol | None = None  # the declaration at the base, when modified

    @property
    def detail(self) -> str:
        """added, removed, signature or body."""
        if self.change is not Change.MODIFIED:
            return self.change.value
        return "signature" if self.signature_changed else "body"


@dataclass(frozen=True, slots=True)
class FileSymbolChanges:
    symbols: tuple[SymbolChange, ...]
    top_level_changed: bool  # a changed line lies outside every declaration (imports, calls)


def diff_symbols(
    old: Sequence[Symbol],
    new: Sequence[Symbol],
    old_lines: Sequence[LineRange],
    new_lines: Sequence[LineRange],
) -> FileSymbolChanges:
    """The declarations of one file a change touched, in the new file's order."""
    pairs, added, removed = _pair(old, new)
    touched_old, loose_old = _touched(old, old_lines)
    touched_new, loose_new = _touched(new, new_lines)
    changes: dict[int, SymbolChange] = {}  # by position in `new` (removed ones: after them)
    added_names = {symbol.qualified_name for symbol in added}
    for symbol in added:
        if symbol.parent not in added_names:  # a new class's members come with it
            changes[_index(new, symbol)] = SymbolChange(Change.ADDED, symbol, True)
    broken_parents: set[str] = set()
    removed_names = {symbol.qualified_name for symbol in removed}
    for position, symbol in enumerate(removed):
        if symbol.parent not in removed_names:
            changes[len(new) + position] = SymbolChange(Change.REMOVED, symbol, True)
            if symbol.parent is not None:
                broken_parents.add(symbol.parent)
    for before, after in pairs:
        parent_broken = after.qualified_name in broken_parents
        if not (parent_broken or id(before) in touched_old or id(after) in touched_new):
            continue
        signature = (
            parent_broken or before.signature != after.signature or before.export != after.export
        )
        changes[_index(new, after)] = SymbolChange(Change.MODIFIED, after, signature, before)
    ordered = tuple(changes[key] for key in sorted(changes))
    return FileSymbolChanges(ordered, loose_old or loose_new)


def without_comments(ranges: Sequence[LineRange], text: str) -> tuple[LineRange, ...]:
    """`ranges` without the lines of `text` that hold only comments or blanks (`//` lines,
    `/* … */` blocks that start a line and end one): editing a comment changes no code."""
    quiet = _comment_lines(text.split("\n"))
    kept: list[LineRange] = []
    for first, last in ranges:
        start = None
        for line in range(first, last + 1):
            if line in quiet:
                if start is not None:
                    kept.append((start, line - 1))
                    start = None
            elif start is None:
                start = line
        if start is not None:
            kept.append((start, last))
    return tuple(kept)


def _comment_lines(lines: Sequence[str]) -> set[int]:
    """1-based numbers of the lines that are blank or only comment."""
    quiet: set[int] = set()
    in_block = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if in_block:
            end = stripped.find("*/")
            if end < 0 or not stripped[end + 2 :].strip():
                quiet.add(number)
            in_block = end < 0
        elif not stripped or stripped.startswith("//"):
            quiet.add(number)
        elif stripped.startswith("/*"):
            end = stripped.find("*/", 2)
            if end < 0 or not stripped[end + 2 :].strip():
                quiet.add(number)
            in_block = end < 0
    return quiet


def _index(symbols: Sequence[Symbol], symbol: Symbol) -> int:
    return next(i for i, candidate in enumerate(symbols) if candidate is symbol)


def _pair(
    old: Sequence[Symbol], new: Sequence[Symbol]
) -> tuple[list[tuple[Symbol, Symbol]], list[Symbol], list[Symbol]]:
    """(old, new) pairs with the same qualified name and kind, the n-th with the n-th; the
    new ones left over (added) and the old ones left over (removed)."""
    waiting: dict[tuple[str, str], list[Symbol]] = {}
    for symbol in old:
        waiting.setdefault((symbol.qualified_name, symbol.kind), []).append(symbol)
    pairs: list[tuple[Symbol, Symbol]] = []
    added: list[Symbol] = []
    for symbol in new:
        candidates = waiting.get((symbol.qualified_name, symbol.kind))
        if candidates:
            pairs.append((candidates.pop(0), symbol))
        else:
            added.append(symbol)
    paired = {id(before) for before, _ in pairs}
    return pairs, added, [symbol for symbol in old if id(symbol) not in paired]


def _touched(symbols: Sequence[Symbol], ranges: Sequence[LineRange]) -> tuple[set[int], bool]:
    """The ids of the symbols owning a changed line, and whether a changed line lies outside
    every symbol."""
    if not ranges:
        return set(), False
    children: dict[str | None, list[Symbol]] = {}
    for symbol in symbols:
        children.setdefault(symbol.parent, []).append(symbol)
    touched: set[int] = set()
    for symbol in symbols:
        own = _without(
            (symbol.span.line, symbol.span.end_line),
            [(c.span.line, c.span.end_line) for c in children.get(symbol.qualified_name, ())],
        )
        if _overlaps(own, ranges):
            touched.add(id(symbol))
    top = [(s.span.line, s.span.end_line) for s in children.get(None, ())]
    loose = any(_without(r, top) for r in ranges)
    return touched, loose


def _without(span: LineRange, holes: Iterable[LineRange]) -> list[LineRange]:
    """The lines of `span` outside every hole."""
    first, last = span
    pieces: list[LineRange] = []
    at = first
    for hole_first, hole_last in sorted(holes):
        start, end = max(hole_first, at), min(hole_last, last)
        if start > end:
            continue
        if at < start:
            pieces.append((at, start - 1))
        at = max(at, end + 1)
    if at <= last:
        pieces.append((at, last))
    return pieces


def _overlaps(pieces: Sequence[LineRange], ranges: Sequence[LineRange]) -> bool:
    return any(a <= d and c <= b for a, b in pieces for c, d in ranges)
