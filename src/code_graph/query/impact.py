"""`impact`: the transitive blast radius of changing a symbol or a file.

A symbol's dependents are the symbols (or files' top-level code) with an edge to it or to
one of its members, then their dependents, breadth-first. A file's dependents are the files
importing it, transitively. Each dependent is marked runtime or type-only: type-only when
every path to it passes through a type-level edge (type references, `implements`,
`import type`).

Dispatch is followed: a use of a member that a class member overrides or implements (`I.m`
for `C.m`) may run `C.m`, so its user is a *possible* dependent, marked with that member
(`through`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from code_graph.errors import UsageError
from code_graph.query.address import Lookup, lookup
from code_graph.query.completeness import Completeness, completeness
from code_graph.query.hierarchy import MEMBER_KINDS, Hierarchy, bases_of
from code_graph.query.paths import files_under, indexed_path
from code_graph.query.ports import Graph
from code_graph.query.testfiles import is_test_file
from code_graph.records import SymbolRecord

TYPE_EDGE_KINDS = frozenset({"type", "implements"})
POSITION = attrgetter("file", "line", "column")  # an edge's place, the order uses are taken in
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
    line: int  # where in `file` the edge that reached it is written (the use, the import)
    in_test: bool  # `file` is a test (query.testfiles): listed after the sources
    # Set when it is reached only through a use of a member its parent overrides or
    # implements (`QueryRunner.query`): a possible dependent, by dispatch.
    through: str | None = None

    def name(self, file_mode: bool) -> str:
        if self.symbol is not None:
            return self.symbol.qualified_name
        return self.file if file_mode else "<top-level>"


@dataclass(frozen=True, slots=True)
class ImpactResult:
    target: str
    lookup: Lookup | None  # None in file mode
    dependents: list[Dependent]
    files: list[tuple[str, int, bool]]  # (file, nearest depth, runtime) summary
    depth_limited: bool  # True when --depth cut the search before it ended
    unresolved_imports: int  # imports the graph could not follow: dependents may be missing
    completeness: Completeness = field(default_factory=Completeness)  # of a symbol's dependents

    def names(self) -> dict[Node, str]:
        """How each dependent is named (`Dependent.name`), by node."""
        return {d.node: d.name(self.lookup is None) for d in self.dependents}

    @property
    def in_tests(self) -> int:
        return sum(1 for dependent in self.dependents if dependent.in_test)


def impact(graph: Graph, target: str, *, max_depth: int | None = None) -> ImpactResult:
    """Dependents of the symbol, file or folder named by `target` (root-relative paths; a
    bare name that is both a symbol and a folder is the symbol).

    Raises:
        UsageError: max_depth is below 1.
    """
    if max_depth is not None and max_depth < 1:
        raise UsageError("depth must be at least 1")
    path = indexed_path(graph, target)
    found = lookup(graph, target) if path is None or _bare_folder(target, path) else None
    if found is not None and (found.matches or path is None):
        symbol = found.symbol
        if symbol is None:
            return ImpactResult(target, found, [], [], False, 0)
        return _symbol_impact(graph, found, symbol, max_depth)
    assert path is not None
    files = files_under(graph, path) if path.endswith("/") or not path else [path]
    return _file_impact(graph, path, files, max_depth)


def _bare_folder(target: str, path: str) -> bool:
    return path.endswith("/") and "/" not in target.rstrip("/")


def _symbol_impact(
    graph: Graph, found: Lookup, symbol: SymbolRecord, max_depth: int | None
) -> ImpactResult:
    start: Node = ("symbol", symbol.id)
    excluded: set[int | str] = set(members(graph, [symbol.id])[symbol.id])
    reached, limited = breadth_first([start], symbol_incoming(graph), max_depth, excluded)
    dependents = symbol_dependents(graph, reached)
    return ImpactResult(
        found.address,
        found,
        dependents,
        _file_summary(dependents),
        limited,
        graph.imports.unresolved_count(),
        completeness(graph, symbol),
    )


def symbol_dependents(graph: Graph, reached: Reached) -> list[Dependent]:
    """What a symbol search reached, by depth, file and line."""
    ids = [int(node[1]) for node in reached if node[0] == "symbol"]
    records = graph.symbols.by_ids(ids)
    dependents = [
        Dependent(
            depth,
            records[int(n[1])].file if n[0] == "symbol" else str(n[1]),
            records.get(int(n[1])) if n[0] == "symbol" else None,
            runtime,
            kind,
            parent,
            n,
            line,
            is_test_file(records[int(n[1])].file if n[0] == "symbol" else str(n[1])),
            through,
        )
        for n, (depth, runtime, kind, parent, line, through) in reached.items()
    ]
    dependents.sort(key=lambda d: (d.in_test, d.depth, d.file, d.line))
    return dependents


def _file_impact(graph: Graph, path: str, files: list[str], max_depth: int | None) -> ImpactResult:
    """The files importing any of `files` (a file, or a folder's files), transitively; the
    folder's own files are not its dependents."""

    def incoming(nodes: list[Node]) -> dict[Node, list[Edge]]:
        found_edges: dict[Node, list[Edge]] = {node: [] for node in nodes}
        for importer in graph.imports.importers_of(sorted({str(n[1]) for n in nodes})):
            if importer.target is not None and importer.file != importer.target:
                found_edges[("file", importer.target)].append(
                    (
                        ("file", importer.file),
                        importer.kind,
                        not importer.type_only,
                        importer.line,
                        None,
                    )
                )
        return found_edges

    starts: list[Node] = [("file", file) for file in files]
    reached, limited = breadth_first(starts, incoming, max_depth, set(files))
    dependents = [
        Dependent(depth, str(n[1]), None, runtime, kind, parent, n, line, is_test_file(str(n[1])))
        for n, (depth, runtime, kind, parent, line, _through) in reached.items()
    ]
    dependents.sort(key=lambda d: (d.in_test, d.depth, d.file))
    return ImpactResult(
        path,
        None,
        dependents,
        _file_summary(dependents),
        limited,
        graph.imports.unresolved_count(),
    )


# (dependent, edge kind, runtime edge, its line in the dependent, the base member it uses
# when it is reached by dispatch)
Edge = tuple[Node, str, bool, int, str | None]
Incoming = Callable[[list[Node]], dict[Node, list[Edge]]]
# depth, runtime, edge kind, parent, line, through (the base member, by dispatch only)
Reached = dict[Node, tuple[int, bool, str, Node | None, int, str | None]]


def symbol_incoming(graph: Graph, files: dict[Node, str] | None = None) -> Incoming:
    """The dependents of symbol nodes: every use of the symbol or of one of its members, and
    by dispatch every use of a member one of those overrides or implements (`files`, when
    given, learns the file of each dependent seen)."""
    hierarchy = Hierarchy(graph)

    # The graph stays in the store: each breadth-first level asks for its nodes' members,
    # the members those override or implement, and the edges into them in a few queries.
    def incoming(nodes: list[Node]) -> dict[Node, list[Edge]]:
        ids = [int(node[1]) for node in nodes if node[0] == "symbol"]
        # what a use of each target reaches: (node, through), through set for dispatch
        reaches: dict[int, list[tuple[int, str | None]]] = {}
        family = members(graph, ids)
        records = graph.symbols.by_ids(sorted({m for found in family.values() for m in found}))
        for symbol_id, found in family.items():
            for member in found:
                reaches.setdefault(member, []).append((symbol_id, None))
                record = records.get(member)
                if record is None or record.kind not in MEMBER_KINDS:
                    continue
                for relation in bases_of(hierarchy, record):
                    base = relation.base
                    reaches.setdefault(base.id, []).append((symbol_id, base.qualified_name))
        found_edges: dict[Node, list[Edge]] = {("symbol", symbol_id): [] for symbol_id in ids}
        uses = graph.edges.uses_of(sorted(reaches))
        uses.sort(key=POSITION)  # once per level
        for e in uses:
            if e.kind == "export":  # `export { X }` is the module's interface, not a dependent
                continue
            source: Node = ("symbol", e.source_id) if e.source_id is not None else ("file", e.file)
            if files is not None:
                files[source] = e.file
            runtime = e.kind not in TYPE_EDGE_KINDS
            for symbol_id, through in reaches[e.target_id]:
                found_edges[("symbol", symbol_id)].append(
                    (source, e.kind, runtime, e.line, through)
                )
        return found_edges

    return incoming


def members(graph: Graph, symbol_ids: list[int]) -> dict[int, list[int]]:
    """Each symbol with all its descendants (a class with its members, and theirs)."""
    children: dict[int, list[int]] = {}
    level = list(symbol_ids)
    while level:
        fresh = [sid for sid in dict.fromkeys(level) if sid not in children]
        for sid in fresh:
            children[sid] = []
        for parent, child in graph.symbols.child_links(fresh):
            children[parent].append(child)
        level = [child for sid in fresh for child in children[sid]]
    found: dict[int, list[int]] = {}
    for symbol_id in symbol_ids:
        out, stack = [], [symbol_id]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(children.get(current, ()))
        found[symbol_id] = out
    return found


def breadth_first(
    starts: list[Node], incoming: Incoming, max_depth: int | None, exclude: set[int | str]
) -> tuple[Reached, bool]:
    """BFS over dependents of `starts` (depth 0); a node is runtime if some all-runtime path
    reaches it, and possible (reached by dispatch only) until an edge of its own reaches it.

    The queue is taken a generation at a time, so `incoming` answers a whole level at once;
    nodes are still visited in first-in, first-out order."""
    reached: Reached = {}
    state: dict[Node, tuple[int, bool]] = dict.fromkeys(starts, (0, True))
    queue: list[Node] = list(state)
    limited = False
    while queue:
        generation, queue = queue, []
        edges = incoming(list(dict.fromkeys(generation)))
        for node in generation:
            depth, runtime = state[node]
            for dependent, kind, edge_runtime, line, through in edges.get(node, ()):
                if dependent[1] in exclude:
                    continue
                is_runtime = runtime and edge_runtime
                if max_depth is not None and depth + 1 > max_depth:
                    limited = True
                    continue
                known = state.get(dependent)
                if known is None:
                    state[dependent] = (depth + 1, is_runtime)
                    reached[dependent] = (depth + 1, is_runtime, kind, node, line, through)
                    queue.append(dependent)
                    continue
                previous = reached[dependent]
                if through is None and previous[5] is not None:  # a use of its own: certain
                    reached[dependent] = (*previous[:5], None)
                if is_runtime and not known[1]:  # a later runtime path upgrades the node
                    state[dependent] = (known[0], True)
                    previous = reached[dependent]
                    reached[dependent] = (previous[0], True, *previous[2:])
                    queue.append(dependent)
    return reached, limited


def _file_summary(dependents: list[Dependent]) -> list[tuple[str, int, bool]]:
    files: dict[str, tuple[int, bool]] = {}
    for item in dependents:
        depth, runtime = files.get(item.file, (item.depth, item.runtime))
        files[item.file] = (min(depth, item.depth), runtime or item.runtime)
    return sorted(((f, d, r) for f, (d, r) in files.items()), key=lambda x: (x[1], x[0]))
