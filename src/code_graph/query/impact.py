"""`impact`: the transitive blast radius of changing a symbol or a file.

A symbol's dependents are the symbols (or files' top-level code) with an edge to it or to
one of its members, then their dependents, breadth-first. A file's dependents are the files
importing it, transitively. Each dependent is marked runtime or type-only: type-only when
every path to it passes through a type-level edge (type references, `implements`,
`import type`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from code_graph.errors import UsageError
from code_graph.query.address import Lookup, lookup
from code_graph.store import reads
from code_graph.store.reads import SymbolRecord
from code_graph.store.sqlite import Store

TYPE_EDGE_KINDS = frozenset({"type", "implements"})
Node = tuple[str, int | str]  # ("symbol", id) or ("file", path)


@dataclass(frozen=True, slots=True)
class Dependent:
    depth: int
    file: str
    symbol: SymbolRecord | None  # None: the file's top-level code (or the file, in file mode)
    runtime: bool
    kind: str  # the edge that reached it: call, new, type, import, ...
    parent: Node | None  # the node it depends on (for tree rendering)
    node: Node


@dataclass(frozen=True, slots=True)
class ImpactResult:
    target: str
    lookup: Lookup | None  # None in file mode
    dependents: list[Dependent]
    files: list[tuple[str, int, bool]]  # (file, nearest depth, runtime) summary
    depth_limited: bool  # True when --depth cut the search before it ended
    unresolved_imports: int  # imports the graph could not follow: dependents may be missing


def impact(store: Store, target: str, *, max_depth: int | None = None) -> ImpactResult:
    """Dependents of the symbol or file named by `target`.

    Raises:
        UsageError: max_depth is below 1.
    """
    if max_depth is not None and max_depth < 1:
        raise UsageError("depth must be at least 1")
    path = target.removeprefix("./")
    if reads.file_exists(store, path):
        return _file_impact(store, path, max_depth)
    found = lookup(store, target)
    symbol = found.symbol
    if symbol is None:
        return ImpactResult(target, found, [], [], False, 0)
    return _symbol_impact(store, found, symbol, max_depth)


def _symbol_impact(
    store: Store, found: Lookup, symbol: SymbolRecord, max_depth: int | None
) -> ImpactResult:
    # The graph stays in the store: each step asks for one node's members and dependents.
    def members(symbol_id: int) -> list[int]:
        out, stack = [], [symbol_id]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reads.child_ids(store, current))
        return out

    def incoming(node: Node) -> list[tuple[Node, str, bool]]:
        if node[0] == "file":
            return []
        found_edges = []
        for source, file, kind in reads.dependents_of(store, members(int(node[1]))):
            dependent: Node = ("symbol", source) if source is not None else ("file", file)
            found_edges.append((dependent, kind, kind not in TYPE_EDGE_KINDS))
        return found_edges

    start: Node = ("symbol", symbol.id)
    excluded: set[int | str] = set(members(symbol.id))
    reached, limited = _breadth_first(start, incoming, max_depth, excluded)
    ids = [int(node[1]) for node in reached if node[0] == "symbol"]
    records = reads.symbols_by_ids(store, ids)
    dependents = [
        Dependent(
            depth,
            records[int(n[1])].file if n[0] == "symbol" else str(n[1]),
            records.get(int(n[1])) if n[0] == "symbol" else None,
            runtime,
            kind,
            parent,
            n,
        )
        for n, (depth, runtime, kind, parent) in reached.items()
    ]
    dependents.sort(key=lambda d: (d.depth, d.file, d.symbol.line if d.symbol else 0))
    return ImpactResult(
        found.address,
        found,
        dependents,
        _file_summary(dependents),
        limited,
        reads.unresolved_import_count(store),
    )


def _file_impact(store: Store, path: str, max_depth: int | None) -> ImpactResult:
    def incoming(node: Node) -> list[tuple[Node, str, bool]]:
        return [
            (("file", importer.file), importer.kind, not importer.type_only)
            for importer in reads.importers_of(store, str(node[1]))
            if importer.file != node[1]
        ]

    reached, limited = _breadth_first(("file", path), incoming, max_depth, {path})
    dependents = [
        Dependent(depth, str(n[1]), None, runtime, kind, parent, n)
        for n, (depth, runtime, kind, parent) in reached.items()
    ]
    dependents.sort(key=lambda d: (d.depth, d.file))
    return ImpactResult(
        path,
        None,
        dependents,
        _file_summary(dependents),
        limited,
        reads.unresolved_import_count(store),
    )


Incoming = Callable[[Node], list[tuple[Node, str, bool]]]


def _breadth_first(
    start: Node, incoming: Incoming, max_depth: int | None, exclude: set[int | str]
) -> tuple[dict[Node, tuple[int, bool, str, Node | None]], bool]:
    """BFS over dependents; a node is runtime if some all-runtime path reaches it."""
    reached: dict[Node, tuple[int, bool, str, Node | None]] = {}
    state: dict[Node, tuple[int, bool]] = {start: (0, True)}
    queue: deque[Node] = deque([start])
    limited = False
    while queue:
        node = queue.popleft()
        depth, runtime = state[node]
        for dependent, kind, edge_runtime in incoming(node):
            if dependent[1] in exclude:
                continue
            is_runtime = runtime and edge_runtime
            if max_depth is not None and depth + 1 > max_depth:
                limited = True
                continue
            known = state.get(dependent)
            if known is None:
                state[dependent] = (depth + 1, is_runtime)
                reached[dependent] = (depth + 1, is_runtime, kind, node)
                queue.append(dependent)
            elif is_runtime and not known[1]:  # a runtime path found later upgrades the node
                state[dependent] = (known[0], True)
                previous = reached[dependent]
                reached[dependent] = (previous[0], True, previous[2], previous[3])
                queue.append(dependent)
    return reached, limited


def _file_summary(dependents: list[Dependent]) -> list[tuple[str, int, bool]]:
    files: dict[str, tuple[int, bool]] = {}
    for item in dependents:
        depth, runtime = files.get(item.file, (item.depth, item.runtime))
        files[item.file] = (min(depth, item.depth), runtime or item.runtime)
    return sorted(((f, d, r) for f, (d, r) in files.items()), key=lambda x: (x[1], x[0]))
