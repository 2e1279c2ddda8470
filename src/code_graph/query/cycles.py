"""`circular`: import cycles, as strongly connected components of the file import graph.

Runtime cycles are the SCCs of the graph without type-only imports; type-only cycles are the
SCCs of the full graph that exist only because of type-only imports. Each is shown as one
readable cycle in import order, with the least used edge whose removal breaks that cycle.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

from code_graph.graph import cycle_through, strongly_connected_components
from code_graph.query.memo import memoized
from code_graph.query.ports import Graph


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
    break_edge: tuple[str, str, int]  # (importer, imported, line) of the least used edge
    break_edge_uses: int


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
        for record in imports:  # in importer, line order: successors keep import order
            edge = (record.importer, record.target)
            ordered[record.importer].setdefault(record.target)
            self.lines.setdefault(edge, record.line)
            self.uses[edge] += max(1, record.names)
        self.successors = {node: list(targets) for node, targets in ordered.items()}
        self.importers: dict[str, set[str]] = defaultdict(set)
        for importer, targets in self.successors.items():
            for target in targets:
                self.importers[target].add(importer)

    def cyclic_components(self) -> list[list[str]]:
        components = strongly_connected_components(sorted(self.successors), self.successors)
        return [c for c in components if len(c) > 1 or c[0] in self.successors.get(c[0], ())]


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
    weakest = min(itertools.pairwise(path), key=lambda pair: (graph.uses[pair], pair))
    return Cycle(
        sorted(component), path, runtime, (*weakest, graph.lines[weakest]), graph.uses[weakest]
    )
