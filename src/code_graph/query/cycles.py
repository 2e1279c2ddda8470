"""`circular`: import cycles, as strongly connected components of the file import graph.

Runtime cycles are the SCCs of the graph without type-only imports; type-only cycles are the
SCCs of the full graph that exist only because of type-only imports. Each is shown as one
readable cycle in import order, with every file of its component and the one import to cut
that leaves the fewest files on cycles (a type-only import first, then the least used).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from code_graph.graph import cycle_through, strongly_connected_components
from code_graph.query.memo import memoized
from code_graph.query.ports import Graph

MAX_CUT_CANDIDATES = 200  # imports tried as the cut of one component, least used first


@dataclass(frozen=True, slots=True)
class FileImport:
    """An import between two files on a cycle, weighted by the names it binds."""

    importer: str
    target: str
    line: int
    type_only: bool
    names: int


@dataclass(frozen=True, slots=True)
class Cycle:
    files: list[str]  # every file of the strongly connected component, sorted
    path: list[str]  # one cycle through it, in import order, first file repeated at the end
    runtime: bool
    break_edge: tuple[str, str, int]  # (importer, imported, line) of the import to cut
    break_edge_uses: int  # names it imports
    break_edge_type_only: bool
    left_on_cycles: int  # files of the component still on a cycle once it is cut (0: none)

    def why(self) -> str:
        """Why `break_edge` is the import to cut, in a few words."""
        effect = (
            "cutting it alone breaks every cycle among these files"
            if self.left_on_cycles == 0
            else f"the fewest files left on cycles: {self.left_on_cycles} of {len(self.files)}"
        )
        uses = f"{self.break_edge_uses} name{'s' if self.break_edge_uses != 1 else ''} imported"
        return f"{effect}; {uses}" + ("; type-only" if self.break_edge_type_only else "")


@dataclass(frozen=True, slots=True)
class CyclesResult:
    cycles: list[Cycle]
    unresolved_imports: int  # cycles through these imports cannot be seen


def find_cycles(graph: Graph, *, runtime_only: bool = False) -> CyclesResult:
    """Import cycles, runtime ones first, largest first (reused until the graph changes)."""
    return memoized(graph, ("cycles", runtime_only), lambda: _find_cycles(graph, runtime_only))


def _find_cycles(graph: Graph, runtime_only: bool) -> CyclesResult:
    # The whole graph as ids first (cheap); paths and name counts only for files on cycles.
    edges = graph.imports.file_edges()
    successors: dict[int, list[int]] = defaultdict(list)
    importer_counts: dict[int, int] = defaultdict(int)
    for importer, target in dict.fromkeys((edge.importer_id, edge.target_id) for edge in edges):
        successors[importer].append(target)
        importer_counts[target] += 1
    cyclic = {
        node
        for component in strongly_connected_components(sorted(successors), successors)
        for node in component
        if len(component) > 1 or node in successors[node]
    }
    paths = graph.files.paths_of(sorted(cyclic))
    inside = [edge for edge in edges if edge.importer_id in cyclic and edge.target_id in cyclic]
    names = graph.imports.name_counts([edge.import_id for edge in inside])
    imports = [
        FileImport(
            paths[edge.importer_id],
            paths[edge.target_id],
            edge.line,
            edge.type_only,
            names.get(edge.import_id, 0),
        )
        for edge in inside
    ]
    entering = {paths[node]: importer_counts[node] for node in cyclic}
    everything = _Graph(imports)
    runtime = _Graph([i for i in imports if not i.type_only])
    cycles = [
        _cycle(runtime, component, everything, entering, runtime=True)
        for component in runtime.cyclic_components()
    ]
    if not runtime_only:
        in_runtime = {frozenset(c.files) for c in cycles}
        cycles += [
            _cycle(everything, component, everything, entering, runtime=False)
            for component in everything.cyclic_components()
            if frozenset(component) not in in_runtime
        ]
    cycles.sort(key=lambda c: (not c.runtime, -len(c.files), c.path[0]))
    return CyclesResult(cycles, graph.imports.unresolved_count())


class _Graph:
    """The file import graph: successors in import order, and how much each edge is used."""

    def __init__(self, imports: list[FileImport]) -> None:
        ordered: dict[str, dict[str, None]] = defaultdict(dict)
        self.uses: dict[tuple[str, str], int] = defaultdict(int)
        self.lines: dict[tuple[str, str], int] = {}
        self.type_only: dict[tuple[str, str], bool] = {}  # every import of the edge is
        for record in imports:  # in importer, line order: successors keep import order
            edge = (record.importer, record.target)
            ordered[record.importer].setdefault(record.target)
            self.lines.setdefault(edge, record.line)
            self.uses[edge] += max(1, record.names)
            self.type_only[edge] = self.type_only.get(edge, True) and record.type_only
        self.successors = {node: list(targets) for node, targets in ordered.items()}
        self.importers: dict[str, set[str]] = defaultdict(set)
        for importer, targets in self.successors.items():
            for target in targets:
                self.importers[target].add(importer)

    def cyclic_components(self) -> list[list[str]]:
        components = strongly_connected_components(sorted(self.successors), self.successors)
        return [c for c in components if len(c) > 1 or c[0] in self.successors.get(c[0], ())]

    def edge_to_cut(self, members: set[str]) -> tuple[tuple[str, str], int]:
        """The import inside `members` whose removal leaves the fewest of them on cycles
        (ties: a type-only one, then the least used), and how many it leaves."""
        edges = [
            (a, b) for a in sorted(members) for b in self.successors.get(a, ()) if b in members
        ]
        candidates = sorted(edges, key=lambda e: (not self.type_only[e], self.uses[e], e))
        scored = [(self._left_without(e, members), e) for e in candidates[:MAX_CUT_CANDIDATES]]
        left, edge = min(scored, key=lambda item: item[0])  # the first of the fewest
        return edge, left

    def _left_without(self, cut: tuple[str, str], members: set[str]) -> int:
        inside = {
            node: [t for t in self.successors.get(node, ()) if t in members and (node, t) != cut]
            for node in members
        }
        components = strongly_connected_components(sorted(members), inside)
        return sum(len(c) for c in components if len(c) > 1 or c[0] in inside[c[0]])


def _cycle(
    graph: _Graph,
    component: list[str],
    everything: _Graph,
    importer_counts: dict[str, int],
    *,
    runtime: bool,
) -> Cycle:
    members = set(component)
    # Start where the rest of the code enters the cycle: it reads like the import chain.
    start = min(
        component,
        key=lambda f: (-(importer_counts[f] - len(everything.importers[f] & members)), f),
    )
    path = cycle_through(start, graph.successors, members)
    cut, left = graph.edge_to_cut(members)
    return Cycle(
        sorted(component),
        path,
        runtime,
        (*cut, graph.lines[cut]),
        graph.uses[cut],
        graph.type_only[cut],
        left,
    )
