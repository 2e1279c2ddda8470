"""The type hierarchy: which classes extend or implement which, and which members override or
implement which, read from the stored `extends` and `implements` edges.

The member relation is not stored apart: it follows from the heritage edges and the members
of each class (a member `C.m` overrides or implements the member `m` of every class or
interface `C` inherits from, transitively), both of which an incremental update keeps exact,
so it can never disagree with them. Declarations merged in one file (`interface I` twice, a
class and an interface of one name) are one type here, as they are to TypeScript.

TypeScript's references of a member include those of every member related to it (its
`findReferences`): the members it overrides or implements, transitively (its *bases*), and
every member that overrides or implements one of those (so also the sibling implementations
of an interface member). `related_members` gives that set. Static members are never related
(TypeScript relates the members of instance types only).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from code_graph.query.ports import Graph
from code_graph.records import SymbolId, SymbolRecord

TYPE_KINDS = frozenset({"class", "interface", "component"})
# Whose members may implement: types, and variables declared with one (`const fs: FsUtils =
# { pathExists() {…} }`: its object literal's members implement FsUtils's).
OWNER_KINDS = TYPE_KINDS | {"variable"}
MEMBER_KINDS = frozenset({"method", "property"})
HERITAGE_KINDS = ("extends", "implements")
_MODIFIERS = re.compile(r"\b(static|abstract)\b")


@dataclass(frozen=True, slots=True)
class MemberRelation:
    """`member` overrides or implements `base` (`kind`: "implements" when `base` is an interface
    member or abstract, else "overrides"); `direct` when no class or interface lies between,
    else `through` is the type next to the farther end on the way (for `overriders_of`, the
    type the overriding member's class names in its heritage clause)."""

    member: SymbolRecord
    base: SymbolRecord
    kind: str
    direct: bool
    through: SymbolRecord | None = None


@dataclass(frozen=True, slots=True)
class Heir:
    """A class or interface that extends or implements the asked one (`direct`: itself, not
    through another)."""

    symbol: SymbolRecord
    kind: str  # extends or implements: the first clause on the way
    direct: bool
    through: SymbolRecord | None = None  # the type it names in its clause, when not direct


class Step(NamedTuple):
    """A type reached by a walk: `distance` clauses from the start, through `previous` (the
    start or a type reached before) by the clause `kind`."""

    type_id: SymbolId
    distance: int
    previous: SymbolId
    kind: str


class Hierarchy:
    """Heritage read from the graph on demand and remembered for one query."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._records: dict[SymbolId, SymbolRecord] = {}
        self._groups: dict[SymbolId, tuple[SymbolId, ...]] = {}
        self._up: dict[SymbolId, list[tuple[SymbolId, str]]] = {}
        self._down: dict[SymbolId, list[tuple[SymbolId, str]]] = {}
        self._walks: dict[tuple[SymbolId, bool], list[Step]] = {}
        self._members: dict[SymbolId, dict[str, list[SymbolRecord]]] = {}  # by declaration

    def prefetch_ancestry(self, type_ids: Sequence[SymbolId]) -> None:
        """Read, in a few queries a level, what `ancestors` and `members_named` ask one type at
        a time for these types and everything they inherit from (a search asks it for
        thousands of members at once)."""
        level = [t for t in dict.fromkeys(type_ids) if (t, True) not in self._walks]
        seen: set[SymbolId] = set()
        while level:
            self._load_groups(level)
            heads = sorted({self.group(t)[0] for t in level} - seen)
            seen.update(heads)
            self._load_heritage(heads, self._up, up=True)
            level = sorted({base for head in heads for base, _ in self._up[head]} - seen)
        self._load_members(
            [d for t in seen for step in self.ancestors(t) for d in self.group(step.type_id)]
        )

    def _load_groups(self, type_ids: Sequence[SymbolId]) -> None:
        """The records of `type_ids` and the declarations merged with each (`group`)."""
        missing = [t for t in dict.fromkeys(type_ids) if t not in self._groups]
        if not missing:
            return
        unknown = [t for t in missing if t not in self._records]
        self._records.update(self._graph.symbols.by_ids(unknown))
        merged: dict[SymbolId, list[SymbolId]] = {}
        for symbol_id, other in self._graph.symbols.declared_with(missing):
            if other.kind in TYPE_KINDS:
                self._records[other.id] = other
                merged.setdefault(symbol_id, []).append(other.id)
        for type_id in missing:
            if type_id in self._groups:
                continue
            group = tuple(merged.get(type_id, ())) or (type_id,)
            for member in group:
                self._groups[member] = group
            self._groups[type_id] = group

    def _load_members(self, declarations: Sequence[SymbolId]) -> None:
        missing = [d for d in dict.fromkeys(declarations) if d not in self._members]
        for declaration in missing:
            self._members[declaration] = {}
        if missing:  # every member of a type at once: a search asks for many of its names
            for child in self._graph.symbols.children_among(missing):
                if child.kind in MEMBER_KINDS and child.parent_id is not None:
                    self._members[child.parent_id].setdefault(child.name, []).append(child)
                    self._records[child.id] = child

    def record(self, symbol_id: SymbolId) -> SymbolRecord | None:
        if symbol_id not in self._records:
            self._records.update(self._graph.symbols.by_ids([symbol_id]))
        return self._records.get(symbol_id)

    def group(self, type_id: SymbolId) -> tuple[SymbolId, ...]:
        """The declarations merged with a class or interface (itself included), in order."""
        self._load_groups([type_id])
        return self._groups[type_id]

    def bases(self, type_id: SymbolId) -> list[tuple[SymbolId, str]]:
        """The classes and interfaces a type (any of its declarations) names in its
        extends and implements clauses, with the clause."""
        return self._heritage(type_id, self._up, up=True)

    def heirs(self, type_id: SymbolId) -> list[tuple[SymbolId, str]]:
        """The classes and interfaces that name a type in their heritage clauses."""
        return self._heritage(type_id, self._down, up=False)

    def _heritage(
        self, type_id: SymbolId, cache: dict[SymbolId, list[tuple[SymbolId, str]]], *, up: bool
    ) -> list[tuple[SymbolId, str]]:
        head = self.group(type_id)[0]
        self._load_heritage([head], cache, up=up)
        return cache[head]

    def _load_heritage(
        self,
        heads: Sequence[SymbolId],
        cache: dict[SymbolId, list[tuple[SymbolId, str]]],
        *,
        up: bool,
    ) -> None:
        """The heritage of the types `heads` (first declarations of their groups) into
        `cache`: the other types their clauses name (`up`) or that name them, in one query."""
        missing = [head for head in dict.fromkeys(heads) if head not in cache]
        if not missing:
            return
        declarations = [d for head in missing for d in self.group(head)]
        pairs = sorted(self._graph.edges.heritage(declarations, up=up))
        self._load_groups(sorted({base if up else derived for derived, base, _ in pairs}))
        found: dict[SymbolId, dict[SymbolId, str]] = {head: {} for head in missing}
        for derived, base, kind in pairs:
            own, other = (derived, base) if up else (base, derived)
            head = self.group(own)[0]
            if head in found and other not in self.group(head):
                found[head].setdefault(self.group(other)[0], kind)
        for head, others in found.items():
            cache[head] = list(others.items())

    def ancestors(self, type_id: SymbolId) -> list[Step]:
        """Every class and interface a type inherits from, breadth-first."""
        key = (type_id, True)
        if key not in self._walks:  # asked once for each member of the type
            self._walks[key] = self._walk(type_id, self.bases)
        return self._walks[key]

    def descendants(self, type_id: SymbolId) -> list[Step]:
        """Every class and interface inheriting from a type, breadth-first."""
        key = (type_id, False)
        if key not in self._walks:
            self._walks[key] = self._walk(type_id, self.heirs)
        return self._walks[key]

    def _walk(
        self, type_id: SymbolId, step: Callable[[SymbolId], list[tuple[SymbolId, str]]]
    ) -> list[Step]:
        start = self.group(type_id)[0]
        seen = {start}
        order: list[Step] = []
        level, distance = [start], 1
        while level:
            following = []
            for current in level:
                for other, kind in step(current):
                    if other not in seen:
                        seen.add(other)
                        order.append(Step(other, distance, current, kind))
                        following.append(other)
            level, distance = following, distance + 1
        return order

    def members_named(self, type_id: SymbolId, name: str) -> list[SymbolRecord]:
        """The members called `name` of a type's declarations (overloads included)."""
        group = self.group(type_id)
        self._load_members(group)
        return [member for d in group for member in self._members[d].get(name, ())]


def owner_type(hierarchy: Hierarchy, member: SymbolRecord) -> SymbolRecord | None:
    """The class or interface an instance member belongs to (None: not a class or interface
    instance member, or a constructor)."""
    if member.kind not in MEMBER_KINDS or member.parent_id is None:
        return None
    if member.name == "constructor" or is_static(member):
        return None
    parent = hierarchy.record(member.parent_id)
    return parent if parent is not None and parent.kind in OWNER_KINDS else None


def bases_of(hierarchy: Hierarchy, member: SymbolRecord) -> list[MemberRelation]:
    """The members `member` overrides or implements, nearest first."""
    owner = owner_type(hierarchy, member)
    if owner is None:
        return []
    relations = []
    for step in hierarchy.ancestors(owner.id):
        for base in _counterparts(hierarchy, step.type_id, member):
            relations.append(
                MemberRelation(member, base, _relation(hierarchy, base), step.distance == 1)
            )
    return relations


def overriders_of(hierarchy: Hierarchy, member: SymbolRecord) -> list[MemberRelation]:
    """The members that override or implement `member`, nearest first."""
    owner = owner_type(hierarchy, member)
    if owner is None:
        return []
    relations = []
    for step in hierarchy.descendants(owner.id):
        through = None if step.distance == 1 else hierarchy.record(step.previous)
        for derived in _counterparts(hierarchy, step.type_id, member):
            kind = _relation(hierarchy, member)
            relations.append(MemberRelation(derived, member, kind, step.distance == 1, through))
    return relations


def related_members(hierarchy: Hierarchy, member: SymbolRecord) -> list[SymbolRecord]:
    """The members whose references TypeScript lists with `member`'s: its bases, transitively,
    and every member overriding or implementing one of them (or it), `member` first."""
    owner = owner_type(hierarchy, member)
    if owner is None:
        return [member]
    found: dict[SymbolId, SymbolRecord] = {member.id: member}
    owners = [owner.id]
    for step in hierarchy.ancestors(owner.id):
        bases = _counterparts(hierarchy, step.type_id, member)
        if bases:
            owners.append(step.type_id)
            found.update((base.id, base) for base in bases)
    for start in owners:
        for step in hierarchy.descendants(start):
            found.update((s.id, s) for s in _counterparts(hierarchy, step.type_id, member))
    return list(found.values())


def constructed_classes(hierarchy: Hierarchy, constructor: SymbolRecord) -> list[SymbolRecord]:
    """The classes whose `new C()` runs `constructor`: its class, and the subclasses that
    inherit it (they declare no constructor of their own), transitively."""
    if constructor.name != "constructor" or constructor.parent_id is None:
        return []
    owner = hierarchy.record(constructor.parent_id)
    if owner is None or owner.kind != "class":
        return []
    found, level = [owner], [owner.id]
    seen = {owner.id}
    while level:
        following = []
        for class_id in level:
            for heir, clause in hierarchy.heirs(class_id):
                record = hierarchy.record(heir)
                if clause != "extends" or heir in seen or record is None:
                    continue
                seen.add(heir)
                if record.kind == "class" and not hierarchy.members_named(heir, "constructor"):
                    found.append(record)
                    following.append(heir)
        level = following
    return found


def heirs_of(hierarchy: Hierarchy, symbol: SymbolRecord) -> list[Heir]:
    """The classes and interfaces extending or implementing a class or interface, transitively,
    nearest first."""
    if symbol.kind not in OWNER_KINDS:
        return []
    heirs: list[Heir] = []
    first_kind: dict[SymbolId, str] = {}  # the clause of the first step down from the start
    for step in hierarchy.descendants(symbol.id):
        kind = first_kind[step.type_id] = first_kind.get(step.previous, step.kind)
        record = hierarchy.record(step.type_id)
        if record is None:
            continue
        direct = step.distance == 1
        heirs.append(
            Heir(record, kind, direct, None if direct else hierarchy.record(step.previous))
        )
    return heirs


def _counterparts(
    hierarchy: Hierarchy, type_id: SymbolId, member: SymbolRecord
) -> list[SymbolRecord]:
    """`type_id`'s instance members of `member`'s name."""
    return [s for s in hierarchy.members_named(type_id, member.name) if not is_static(s)]


def _relation(hierarchy: Hierarchy, base: SymbolRecord) -> str:
    owner = owner_type(hierarchy, base)
    if (owner is not None and owner.kind == "interface") or "abstract" in _modifiers(base):
        return "implements"
    return "overrides"


def is_static(member: SymbolRecord) -> bool:
    return "static" in _modifiers(member)


def is_abstract(member: SymbolRecord) -> bool:
    return "abstract" in _modifiers(member)


def _modifiers(member: SymbolRecord) -> set[str]:
    """The modifiers written before a member's name in its signature."""
    head = member.signature.split(member.name, 1)[0] if member.name else ""
    return set(_MODIFIERS.findall(head))
