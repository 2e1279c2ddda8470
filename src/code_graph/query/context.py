"""`context`: everything about one symbol in a single view."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from code_graph.errors import UsageError
from code_graph.query.address import Lookup, lookup
from code_graph.query.completeness import Completeness, completeness
from code_graph.query.hierarchy import Hierarchy, bases_of, overriders_of
from code_graph.query.ports import Graph
from code_graph.query.refs import Reference, references_to
from code_graph.records import SymbolRecord

CALL_KINDS = frozenset({"call", "new", "jsx"})
SECTIONS = (
    "definition",
    "children",
    "references",
    "callers",
    "readers",
    "writers",
    "callees",
    "extends",
    "extended_by",
    "implements",
    "implemented_by",
    "overrides",
    "overridden_by",
    "type_users",
    "barrels",
)
_LISTS = tuple(section for section in SECTIONS if section != "definition")


@dataclass(frozen=True, slots=True)
class Related:
    symbol: SymbolRecord
    kind: str
    line: int  # where the relationship is written
    file: str


@dataclass(frozen=True, slots=True)
class Context:
    lookup: Lookup
    symbol: SymbolRecord | None = None
    parent: SymbolRecord | None = None
    children: list[SymbolRecord] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    callers: list[Related] = field(default_factory=list)
    readers: list[Related] = field(default_factory=list)  # symbols that read its value
    writers: list[Related] = field(default_factory=list)  # symbols that assign it
    callees: list[Related] = field(default_factory=list)
    extends: list[Related] = field(default_factory=list)
    extended_by: list[Related] = field(default_factory=list)
    implements: list[Related] = field(default_factory=list)
    implemented_by: list[Related] = field(default_factory=list)
    # for a class or interface member: the members it overrides or implements, transitively
    # (kind `overrides` or `implements`, at the base member), and those overriding or
    # implementing it (at the overriding member)
    overrides: list[Related] = field(default_factory=list)
    overridden_by: list[Related] = field(default_factory=list)
    type_users: list[Related] = field(default_factory=list)
    barrels: list[str] = field(default_factory=list)
    completeness: Completeness = field(default_factory=Completeness)
    sections: tuple[str, ...] = SECTIONS  # the sections this view holds (the others are empty)
    omitted: tuple[tuple[str, int], ...] = ()  # (section, items cut by `limit_sections`)

    def left_out(self, section: str) -> int:
        return dict(self.omitted).get(section, 0)


def context_sections(values: Iterable[str] | None) -> tuple[str, ...]:
    """The sections asked for (each value one or several comma-separated), in their canonical
    order; none asked: all of them.

    Raises:
        UsageError: a section that is not one of SECTIONS (the message names them).
    """
    chosen = {part.strip() for value in values or () for part in value.split(",") if part.strip()}
    unknown = sorted(chosen - set(SECTIONS))
    if unknown:
        raise UsageError(
            f"unknown section {', '.join(map(repr, unknown))}; choose from {', '.join(SECTIONS)}"
        )
    return tuple(section for section in SECTIONS if section in chosen) if chosen else SECTIONS


def only_sections(context: Context, sections: tuple[str, ...]) -> Context:
    """`context` with the lists of the sections not in `sections` emptied (the parent goes
    with "definition")."""
    if context.symbol is None:
        return context
    emptied: dict[str, Any] = {name: [] for name in _LISTS if name not in sections}
    if "definition" not in sections:
        emptied["parent"] = None
    return dataclasses.replace(context, **emptied, sections=sections)


def symbol_context(graph: Graph, address: str) -> Context:
    found = lookup(graph, address)
    symbol = found.symbol
    if symbol is None:
        return Context(found)
    incoming = graph.edges.to([symbol.id])
    outgoing = graph.edges.from_symbol(symbol.id)
    ids = sorted(
        {e.source_id for e in incoming if e.source_id is not None} | {e.target_id for e in outgoing}
    )
    if symbol.parent_id is not None:
        ids.append(symbol.parent_id)
    records = graph.symbols.by_ids(ids)

    def sources(kinds: frozenset[str]) -> list[Related]:
        return [
            Related(records[e.source_id], e.kind, e.line, e.file)
            for e in incoming
            if e.kind in kinds and e.source_id is not None and e.source_id in records
        ]

    def targets(kinds: frozenset[str]) -> list[Related]:
        return [
            Related(records[e.target_id], e.kind, e.line, e.file)
            for e in outgoing
            if e.kind in kinds and e.target_id in records
        ]

    barrels = sorted({file for e in incoming for file in e.via})
    hierarchy = Hierarchy(graph)
    overrides = [
        Related(r.base, r.kind, r.base.line, r.base.file) for r in bases_of(hierarchy, symbol)
    ]
    overridden_by = [
        Related(r.member, r.kind, r.member.line, r.member.file)
        for r in overriders_of(hierarchy, symbol)
    ]
    return Context(
        found,
        symbol,
        records.get(symbol.parent_id) if symbol.parent_id is not None else None,
        graph.symbols.children_of(symbol.id),
        references_to(graph, symbol),
        _unique(sources(CALL_KINDS)),
        _unique(sources(frozenset({"read", "export"}))),
        _unique(sources(frozenset({"write"}))),
        _unique(targets(CALL_KINDS)),
        targets(frozenset({"extends"})),
        sources(frozenset({"extends"})),
        targets(frozenset({"implements"})),
        sources(frozenset({"implements"})),
        overrides,
        overridden_by,
        _unique(sources(frozenset({"type"}))),
        barrels,
        completeness(graph, symbol),
    )


def _unique(related: list[Related]) -> list[Related]:
    """One entry per related symbol (the first place the relationship is written)."""
    seen: set[int] = set()
    kept = []
    for item in related:
        if item.symbol.id not in seen:
            seen.add(item.symbol.id)
            kept.append(item)
    return kept


def limit_sections(context: Context, limit: int) -> Context:
    """`context` with each list section cut to its first `limit` items; `omitted` says how
    many each lost."""
    if context.symbol is None:
        return context
    cut: dict[str, Any] = {}
    omitted: list[tuple[str, int]] = []
    for name in _LISTS:
        items = getattr(context, name)
        if len(items) > limit:
            cut[name] = items[:limit]
            omitted.append((name, len(items) - limit))
    return dataclasses.replace(context, **cut, omitted=tuple(omitted))
