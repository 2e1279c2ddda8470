"""Compare code-graph's `refs` answers with TypeScript's `findReferences`, line by line.

Two conventions (docs/refs-agreement.md) are measured side by side:

- CLAIMED: the kinds `refs` claimed before issue #14 (IN_SCOPE), import and export names
  counted on their statement's first line, where `refs` reported them;
- EVERY_USE: issue #14's target: every TypeScript reference of the symbol itself (scope
  `self`, any kind) but the conventions that stay out (`jsx-close`, `string`), each at the
  line of its own identifier.

Both count TypeScript's declarations as no reference; precision is our lines on which
TypeScript has any non-declaration entry (any kind, any scope) over our lines (a `re-export`
of ours on an `export * from` line is neutral); recall is TypeScript's in-scope lines we list
over TypeScript's in-scope lines; "recall vs every reference" counts every non-declaration
line, related scope included. Disagreements are listed for EVERY_USE, categorised by use
shape (refs_shapes.py).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refs_shapes import extra_shape, use_shape

from code_graph.query.refs import Reference, find_references, references_to
from code_graph.store import Store

IN_SCOPE = frozenset(
    {"import", "re-export", "call", "new", "type", "typeof", "extends", "implements", "jsx"}
)
EXPORT_STAR = re.compile(r"^\s*export\s+(?:type\s+)?\*\s+from\b")
TYPESCRIPT_FILE = re.compile(r"\.[cm]?tsx?$")
MEMBER_KINDS = frozenset({"method", "property"})

Line = tuple[str, int]


@dataclass(frozen=True)
class Convention:
    """Which TypeScript entries a `refs` answer must list, and where import names count."""

    name: str
    kinds: frozenset[str] | None  # the kinds in scope; None: every kind not excluded
    excluded: frozenset[str]
    at_statement: bool  # import/re-export/export names count on their statement's line
    related: bool = False  # entries TypeScript lists for a related member count too

    def in_scope(self, kind: str, scope: str) -> bool:
        if (scope != "self" and not self.related) or kind == "declaration" or kind in self.excluded:
            return False
        return self.kinds is None or kind in self.kinds


CLAIMED = Convention("claimed", IN_SCOPE, frozenset(), at_statement=True)
EVERY_USE = Convention("every use", None, frozenset({"jsx-close", "string"}), at_statement=False)
# Issue #15's target for members: every use, also those written against a member this one
# overrides or implements, or one that overrides or implements it (TypeScript's `related`).
HIERARCHY = Convention(
    "hierarchy", None, frozenset({"jsx-close", "string"}), at_statement=False, related=True
)
CONVENTIONS = (EVERY_USE, CLAIMED, HIERARCHY)


@dataclass
class Sources:
    """Source lines of one project, read on demand."""

    root: Path
    cache: dict[str, list[str]] = field(default_factory=dict)

    def line(self, file: str, line: int) -> str:
        if file not in self.cache:
            try:
                text = (self.root / file).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            self.cache[file] = text.splitlines()
        lines = self.cache[file]
        return lines[line - 1] if 0 < line <= len(lines) else ""


@dataclass
class Tally:
    """Micro-averaged counts over symbols."""

    symbols: int = 0
    complete: int = 0  # symbols with every in-scope line listed
    ours: int = 0
    ours_right: int = 0
    neutral: int = 0
    scope: int = 0
    scope_found: int = 0
    all: int = 0
    all_found: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def precision(self) -> float:
        return self.ours_right / self.ours if self.ours else 1.0

    def recall(self) -> float:
        return self.scope_found / self.scope if self.scope else 1.0

    def recall_all(self) -> float:
        return self.all_found / self.all if self.all else 1.0


@dataclass
class Measure:
    """One convention's tallies: line level, file level, and line level per symbol kind."""

    lines: Tally = field(default_factory=Tally)
    files: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)

    def add(self, kind: str, lines: Tally, files: Tally) -> None:
        self.lines.add(lines)
        self.files.add(files)
        self.by_kind.setdefault(kind, Tally()).add(lines)

    def merge(self, other: Measure) -> None:
        self.lines.add(other.lines)
        self.files.add(other.files)
        for kind, tally in other.by_kind.items():
            self.by_kind.setdefault(kind, Tally()).add(tally)


@dataclass
class Entry:
    """One TypeScript reference entry (a golden row)."""

    file: str
    line: int
    column: int
    kind: str
    scope: str
    statement: int | None
    syntax: str | None
    receiver: str | None

    @classmethod
    def of(cls, row: list[Any]) -> Entry:
        file, line, column, kind, scope, *rest = row
        extra = rest[0] if rest else {}
        return cls(
            file,
            line,
            column,
            kind,
            scope,
            extra.get("statement"),
            extra.get("syntax"),
            extra.get("receiver"),
        )


@dataclass
class Answer:
    """TypeScript's entries for one symbol under one convention, by (file, line)."""

    every: dict[Line, list[Entry]]  # non-declaration lines -> entries
    scope: dict[Line, list[Entry]]  # in-scope lines -> entries
    declarations: set[Line]
    statements: set[Line]  # statement lines of import/export names on a later line


def typescript_answer(entries: list[Entry], convention: Convention) -> Answer:
    answer = Answer(defaultdict(list), defaultdict(list), set(), set())
    for entry in entries:
        at = (entry.file, entry.line)
        if entry.statement is not None:
            answer.statements.add((entry.file, entry.statement))
            if convention.at_statement:
                at = (entry.file, entry.statement)
        if entry.kind == "declaration":
            answer.declarations.add(at)
            continue
        answer.every[at].append(entry)
        if convention.in_scope(entry.kind, entry.scope):
            answer.scope[at].append(entry)
    return answer


def our_references(store: Store, symbol: dict[str, Any]) -> list[Reference] | None:
    """code-graph's refs for a golden symbol (None: the address names no such symbol)."""
    address = f"{symbol['file']}:{symbol['qualified_name']}"
    result = find_references(store, address)
    if result.lookup.symbol is not None and result.lookup.symbol.kind == symbol["kind"]:
        return result.references
    for match in result.lookup.matches:  # ambiguous: a class and an interface merged, …
        if match.kind == symbol["kind"] and match.line == symbol["line"]:
            return references_to(store, match)
    return None


@dataclass
class SymbolResult:
    measures: dict[str, tuple[Tally, Tally]]  # convention name -> (lines, files)
    disagreements: list[dict[str, Any]]


def compare_symbol(
    symbol: dict[str, Any],
    ours: list[Reference],
    sources: Sources,
    edges_at: dict[Line, list[tuple[str, str]]],
) -> SymbolResult:
    """Tallies under every convention, and the EVERY_USE disagreements, for one symbol."""
    entries = [Entry.of(row) for row in symbol["references"]]
    measures = {}
    rows: list[dict[str, Any]] = []
    for convention in CONVENTIONS:
        answer = typescript_answer(entries, convention)
        our_lines = _our_lines(ours, entries, convention)
        lines, files, counted = _tally(answer, our_lines, sources)
        measures[convention.name] = (lines, files)
        if convention is (HIERARCHY if symbol["kind"] in MEMBER_KINDS else EVERY_USE):
            rows = _disagreements(symbol, answer, our_lines, counted, sources, edges_at)
    return SymbolResult(measures, rows)


def _our_lines(
    ours: list[Reference], entries: list[Entry], convention: Convention
) -> dict[Line, list[Reference]]:
    statement_of = {
        (e.file, e.line): (e.file, e.statement) for e in entries if e.statement is not None
    }
    lines: dict[Line, list[Reference]] = defaultdict(list)
    for reference in ours:
        at = (reference.file, reference.line)
        if convention.at_statement and reference.kind in ("import", "re-export"):
            at = statement_of.get(at, at)
        lines[at].append(reference)
    return lines


def _tally(
    answer: Answer, our_lines: dict[Line, list[Reference]], sources: Sources
) -> tuple[Tally, Tally, set[Line]]:
    every = set(answer.every)
    scope = set(answer.scope)
    neutral = {
        at
        for at, refs in our_lines.items()
        if at not in every
        and all(r.kind == "re-export" for r in refs)
        and EXPORT_STAR.match(sources.line(*at))
    }
    counted = set(our_lines) - neutral
    lines = Tally(
        symbols=1,
        complete=int(scope <= counted),
        ours=len(counted),
        ours_right=len(counted & every),
        neutral=len(neutral),
        scope=len(scope),
        scope_found=len(scope & counted),
        all=len(every),
        all_found=len(every & counted),
    )
    our_files = {f for f, _ in counted}
    every_files = {f for f, _ in every}
    scope_files = {f for f, _ in scope}
    files = Tally(
        symbols=1,
        complete=int(scope_files <= our_files),
        ours=len(our_files),
        ours_right=len(our_files & every_files),
        scope=len(scope_files),
        scope_found=len(scope_files & our_files),
        all=len(every_files),
        all_found=len(every_files & our_files),
    )
    return lines, files, counted


def _disagreements(
    symbol: dict[str, Any],
    answer: Answer,
    our_lines: dict[Line, list[Reference]],
    counted: set[Line],
    sources: Sources,
    edges_at: dict[Line, list[tuple[str, str]]],
) -> list[dict[str, Any]]:
    rows = []
    for at in sorted(set(answer.scope) - counted):
        entry = min(answer.scope[at], key=lambda e: e.column)
        text = sources.line(*at)
        later = entry.statement is not None
        shape = use_shape(entry.kind, entry.syntax, later) + _detail(entry, text, symbol["name"])
        if later and (entry.file, entry.statement) in counted:
            shape += " (we list the statement's line)"
        others = [
            key
            for key, name in edges_at.get(at, [])
            if name == symbol["name"] and key != symbol["key"]
        ]
        cause = None
        if symbol["name"] == "constructor":
            cause = "constructor: the site is attributed to the class"
        elif others:
            cause = f"linked to another symbol ({others[0]})"
        elif entry.receiver is not None:
            cause = f"receiver: {entry.receiver}"
        row = _row(symbol, at, sources, "miss", entry.kind, f"miss: {shape}")
        row.update(column=entry.column, syntax=entry.syntax, cause=cause)
        rows.append(row)
    for at in sorted(counted - set(answer.every)):
        reference = our_lines[at][0]
        text = sources.line(*at)
        if at in answer.declarations:
            category = f"extra: {reference.kind} on a declaration line"
        elif reference.kind in ("import", "re-export") and at in answer.statements:
            category = f"extra: {reference.kind} on its statement's line (TypeScript: at the name)"
        else:
            shape = extra_shape(reference.kind, reference.method, text, reference.column)
            category = f"extra: {shape}"
        row = _row(symbol, at, sources, "extra", reference.kind, category)
        row.update(column=reference.column, method=reference.method)
        rows.append(row)
    for at in sorted(set(answer.every) - set(answer.scope) - counted):
        entry = min(answer.every[at], key=lambda e: e.column)
        related = " (related)" if entry.scope != "self" else ""
        shape = use_shape(entry.kind, entry.syntax, entry.statement is not None)
        row = _row(symbol, at, sources, "out-of-scope", entry.kind, f"convention: {shape}{related}")
        row.update(column=entry.column, syntax=entry.syntax)
        rows.append(row)
    return rows


def _detail(entry: Entry, text: str, name: str) -> str:
    """What sets a miss apart within its shape: explicit type arguments on a call
    (`f<T>(x)`), a JSDoc type in a TypeScript file (where the compiler ignores it)."""
    after = text[entry.column - 1 + len(name) :].lstrip()
    if entry.kind in ("call", "new") and after.startswith("<"):
        return " with type arguments"
    if entry.kind == "jsdoc" and TYPESCRIPT_FILE.search(entry.file):
        return " in a .ts file"
    return ""


def _row(
    symbol: dict[str, Any], at: Line, sources: Sources, direction: str, kind: str, category: str
) -> dict[str, Any]:
    return {
        "symbol": symbol["key"],
        "symbol_kind": symbol["kind"],
        "file": at[0],
        "line": at[1],
        "text": sources.line(*at).strip(),
        "direction": direction,
        "kind": kind,
        "category": category,
    }


@dataclass
class Outcome:
    name: str
    symbols: int
    skipped: dict[str, int]
    measures: dict[str, Measure]
    disagreements: list[dict[str, Any]]
    about: dict[str, Any] = field(default_factory=dict)  # repository, files, timings, …

    @classmethod
    def empty(cls, name: str) -> Outcome:
        return cls(name, 0, {}, {c.name: Measure() for c in CONVENTIONS}, [])

    def merge(self, other: Outcome) -> None:
        self.symbols += other.symbols
        for name, measure in other.measures.items():
            self.measures[name].merge(measure)
        self.disagreements.extend(other.disagreements)


def compare_project(
    name: str, root: Path, document: dict[str, Any], export: dict[str, Any]
) -> Outcome:
    """Compare every symbol of a TypeScript answer document with our refs over `root`."""
    names = {s["id"]: s["name"] for s in export["symbols"]}
    edges_at: dict[Line, list[tuple[str, str]]] = defaultdict(list)
    for edge in export.get("symbol_edges", []):
        if edge["to"] in names:
            edges_at[(edge["file"], edge["line"])].append((edge["to"], names[edge["to"]]))
    sources = Sources(root)
    outcome = Outcome.empty(name)
    skipped: Counter[str] = Counter()
    with Store.open_for_reading(root) as store:
        for symbol in document["symbols"]:
            if "references" not in symbol:
                skipped[f"TypeScript: {symbol.get('problem')}"] += 1
                continue
            ours = our_references(store, symbol)
            if ours is None:
                skipped["code-graph: address not found"] += 1
                continue
            result = compare_symbol(symbol, ours, sources, edges_at)
            for convention, (lines, files) in result.measures.items():
                outcome.measures[convention].add(symbol["kind"], lines, files)
            outcome.disagreements.extend(result.disagreements)
            outcome.symbols += 1
    outcome.skipped = dict(skipped)
    return outcome
