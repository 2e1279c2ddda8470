"""`calls`: the call hierarchy of a function or method, callers or callees, as a tree.

A call is a linked `call`, `new` or `jsx` edge (never a name match). Callers of a symbol are
the symbols (or a file's top-level code) whose body calls it; callees are what its body
calls. Each level is read in one query; a symbol already on the path is marked recursive,
one already shown elsewhere is not expanded again, and a node cap says what it left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from code_graph.errors import UsageError
from code_graph.query.address import Lookup, lookup
from code_graph.query.ports import Graph
from code_graph.records import EdgeRecord, SymbolRecord

CALL_KINDS = frozenset({"call", "new", "jsx"})
DIRECTIONS = ("callers", "callees")
DEFAULT_DEPTH = 3
DEFAULT_MAX_NODES = 100


@dataclass(frozen=True, slots=True)
class CallNode:
    """One caller (or callee) and where the call is written (`file`:`line`)."""

    symbol: SymbolRecord | None  # None: the top-level code of `file`
    file: str
    line: int
    kind: str  # call, new or jsx
    children: list[CallNode] = field(default_factory=list)
    recursive: bool = False  # it is already on the path from the root: not expanded
    repeated: bool = False  # it was expanded elsewhere in the tree: not expanded again
    unexpanded: int = 0  # its own callers (callees) left out by the depth limit or node cap

    @property
    def name(self) -> str:
        return self.symbol.qualified_name if self.symbol is not None else "<top-level>"


@dataclass(frozen=True, slots=True)
class CallHierarchy:
    lookup: Lookup
    direction: str
    depth: int
    roots: list[CallNode] = field(default_factory=list)
    shown: int = 0  # nodes in the tree
    cut: int = 0  # calls left out by the node cap (their subtrees are not counted)


def call_hierarchy(
    graph: Graph,
    address: str,
    *,
    direction: str = "callers",
    depth: int = DEFAULT_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> CallHierarchy:
    """The callers or callees of the symbol at `address`, `depth` levels deep, at most
    `max_nodes` nodes (breadth first: the nearest are kept).

    Raises:
        UsageError: an unknown direction, or a depth or node cap below 1.
    """
    if direction not in DIRECTIONS:
        raise UsageError(f"unknown direction {direction!r}; choose from {', '.join(DIRECTIONS)}")
    if depth < 1 or max_nodes < 1:
        raise UsageError("depth and max_nodes must be at least 1")
    found = lookup(graph, address)
    symbol = found.symbol
    if symbol is None:
        return CallHierarchy(found, direction, depth)
    builder = _Builder(graph, direction, max_nodes)
    roots = builder.tree(symbol, depth)
    return CallHierarchy(found, direction, depth, roots, builder.shown, builder.cut)


class _Builder:
    def __init__(self, graph: Graph, direction: str, max_nodes: int) -> None:
        self.graph = graph
        self.callers = direction == "callers"
        self.max_nodes = max_nodes
        self.shown = 0
        self.cut = 0
        self.expanded: set[int] = set()

    def tree(self, root: SymbolRecord, depth: int) -> list[CallNode]:
        """Breadth first, a level at a time: each level's calls are read in one query."""
        self.expanded.add(root.id)
        top: list[CallNode] = []
        level: list[tuple[int, list[CallNode], tuple[int, ...]]] = [(root.id, top, (root.id,))]
        for remaining in range(depth, 0, -1):
            calls = self._calls([symbol_id for symbol_id, _, _ in level])
            hidden: dict[int, int] = {}
            if remaining == 1:  # the depth limit: count what each last node's calls would be
                ids = [o.id for found in calls.values() for _, o in found if o is not None]
                hidden = {i: len(found) for i, found in self._calls(ids).items()}
            following: list[tuple[int, list[CallNode], tuple[int, ...]]] = []
            for symbol_id, siblings, path in level:
                for edge, other in calls.get(symbol_id, ()):
                    if self.shown >= self.max_nodes:
                        self.cut += 1
                        continue
                    node = self._node(edge, other, path, hidden)
                    self.shown += 1
                    siblings.append(node)
                    if other is not None and not (node.recursive or node.repeated):
                        self.expanded.add(other.id)
                        following.append((other.id, node.children, (*path, other.id)))
            level = following
        return top

    def _node(
        self,
        edge: EdgeRecord,
        other: SymbolRecord | None,
        path: tuple[int, ...],
        hidden: dict[int, int],
    ) -> CallNode:
        recursive = other is not None and other.id in path
        repeated = other is not None and not recursive and other.id in self.expanded
        unexpanded = 0 if other is None or recursive or repeated else hidden.get(other.id, 0)
        return CallNode(other, edge.file, edge.line, edge.kind, [], recursive, repeated, unexpanded)

    def _calls(self, ids: list[int]) -> dict[int, list[tuple[EdgeRecord, SymbolRecord | None]]]:
        """The calls into (callers) or out of (callees) each of `ids`, by file and line."""
        if not ids:
            return {}
        if self.callers:
            edges = [e for e in self.graph.edges.uses_of(ids) if e.kind in CALL_KINDS]
            key = [(e.target_id, e, e.source_id) for e in edges]
        else:
            edges = [
                e for i in ids for e in self.graph.edges.from_symbol(i) if e.kind in CALL_KINDS
            ]
            key = [(e.source_id or 0, e, e.target_id) for e in edges]
        others = self.graph.symbols.by_ids(sorted({o for _, _, o in key if o is not None}))
        found: dict[int, list[tuple[EdgeRecord, SymbolRecord | None]]] = {}
        for owner, edge, other in sorted(key, key=lambda k: (k[1].file, k[1].line, k[1].column)):
            found.setdefault(owner, []).append((edge, None if other is None else others.get(other)))
        return found
