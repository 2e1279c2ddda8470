"""The dependents search of `changes`: `impact`'s, plus what runs a member without naming it.

- instantiation: a constructor's (or a changed property initializer's) change reaches its
  class's instances, the node `("new", class id)`: the `new C` sites, and the instances of
  subclasses (`extends C`);
- dispatch: a class member reaches the same-named member of the interfaces and classes its
  class implements or extends (a call through `Router.add` may run `RegExpRouter.add`).
Pure: everything is read through the query ports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from code_graph.query.change_values import ChangedSymbol
from code_graph.query.impact import POSITION, Edge, Incoming, Node, symbol_incoming
from code_graph.query.ports import Graph
from code_graph.records import SymbolRecord


def reach_incoming(
    graph: Graph, files: dict[Node, str], symbols: Sequence[ChangedSymbol]
) -> Incoming:
    """The search's `incoming` (`files` learns each dependent's file)."""
    return _incoming(graph, files, _initializers(graph, symbols))


def _initializers(graph: Graph, symbols: Sequence[ChangedSymbol]) -> dict[int, int]:
    """What runs when a class is instantiated, by id, with its class's id: every constructor,
    and the changed properties of classes (their initializers)."""
    found = {
        record.id: record.parent_id
        for record in graph.symbols.named("constructor")
        if record.kind == "method" and record.parent_id is not None
    }
    for item in symbols:
        record = item.record
        if record is not None and record.kind == "property" and record.parent_id is not None:
            found[record.id] = record.parent_id
    return found


def _incoming(graph: Graph, files: dict[Node, str], initializers: dict[int, int]) -> Incoming:
    """`impact`'s dependents, instances and dispatch (see the module's docstring)."""
    uses = symbol_incoming(graph, files)
    overridden = _Overridden(graph)

    def incoming(nodes: list[Node]) -> dict[Node, list[Edge]]:
        symbols = [node for node in nodes if node[0] == "symbol"]
        found = uses(symbols)
        for member_id, supers in overridden.of([int(node[1]) for node in symbols]).items():
            for member in supers:
                target: Node = ("symbol", member.id)
                files.setdefault(target, member.file)
                found[("symbol", member_id)].append((target, "dispatch", True))
        classes: dict[int, Node] = {}
        for node in nodes:
            if node[0] == "symbol" and int(node[1]) in initializers:
                instances: Node = ("new", initializers[int(node[1])])
                files.setdefault(instances, files.get(node, ""))
                found[node].append((instances, "new", True))
            elif node[0] == "new":
                classes[int(node[1])] = node
                found[node] = []
        if classes:
            for e in sorted(graph.edges.uses_of(sorted(classes)), key=POSITION):
                source: Node
                if e.kind == "new":
                    source = (
                        ("symbol", e.source_id) if e.source_id is not None else ("file", e.file)
                    )
                elif e.kind == "extends" and e.source_id is not None:
                    source = ("new", e.source_id)
                else:
                    continue
                files[source] = e.file
                found[classes[e.target_id]].append((source, e.kind, True))
        return found

    return incoming


class _Overridden:
    """The members a class member overrides or implements: the same-named members of the
    types its class extends or implements (and theirs), a few queries per level."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._supertypes: dict[int, list[int]] = {}  # class -> the types it extends or implements
        self._members: dict[int, dict[str, list[SymbolRecord]]] = {}  # type -> members by name

    def of(self, ids: list[int]) -> dict[int, list[SymbolRecord]]:
        members = [
            record
            for record in self._graph.symbols.members_among(ids)
            if record.kind in ("method", "property") and record.name != "constructor"
        ]
        if not members:
            return {}
        chains = self._chains({record.parent_id for record in members if record.parent_id})
        self._load_members({t for chain in chains.values() for t in chain})
        found: dict[int, list[SymbolRecord]] = {}
        for record in members:
            supers = [
                member
                for supertype in chains.get(record.parent_id or 0, ())
                for member in self._members[supertype].get(record.name, ())
            ]
            if supers:
                found[record.id] = supers
        return found

    def _chains(self, classes: set[int]) -> dict[int, list[int]]:
        """Every supertype of each class, transitively."""
        wanted = set(classes)
        while missing := sorted(c for c in wanted if c not in self._supertypes):
            for class_id in missing:
                self._supertypes[class_id] = []
            for edge in self._graph.edges.from_symbols(missing):
                if edge.kind in ("extends", "implements") and edge.source_id is not None:
                    self._supertypes[edge.source_id].append(edge.target_id)
            wanted = {t for c in missing for t in self._supertypes[c]}
        chains: dict[int, list[int]] = {}
        for class_id in classes:
            seen: list[int] = []
            stack = list(self._supertypes[class_id])
            while stack:
                supertype = stack.pop()
                if supertype not in seen and supertype != class_id:
                    seen.append(supertype)
                    stack.extend(self._supertypes.get(supertype, ()))
            if seen:
                chains[class_id] = seen
        return chains

    def _load_members(self, types: set[int]) -> None:
        missing = sorted(t for t in types if t not in self._members)
        if not missing:
            return
        links = self._graph.symbols.child_links(missing)
        records = self._graph.symbols.by_ids([child for _, child in links])
        for type_id in missing:
            self._members[type_id] = defaultdict(list)
        for parent, child in links:
            record = records[child]
            self._members[parent][record.name].append(record)
