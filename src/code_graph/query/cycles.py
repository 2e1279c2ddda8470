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
from code_graph.store import reads
from code_graph.store.reads import FileImport
from code_graph.store.sqlite import Store


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


def find_cycles(store: Store, *, runtime_only: bool = False) -> CyclesResult:
    imports = reads.internal_file_imports(store)
    runtime_edges = [i for i in imports if not i.type_only]
    cycles = _cycles(runtime_edges, runtime=True)
    if not runtime_only:
        in_runtime = {frozenset(c.files) for c in cycles}
        cycles += [
            c for c in _cycles(imports, runtime=False) if frozenset(c.files) not in in_runtime
        ]
    cycles.sort(key=lambda c: (not c.runtime, -len(c.files), c.path[0]))
    return CyclesResult(cycles, reads.unresolved_import_count(store))


def _cycles(imports: list[FileImport], *, runtime: bool) -> list[Cycle]:
    successors: dict[str, list[str]] = defaultdict(list)
    uses: dict[tuple[str, str], int] = defaultdict(int)
    lines: dict[tuple[str, str], int] = {}
    for record in imports:  # already in importer, line order: successors keep import order
        edge = (record.importer, record.target)
        if record.target not in successors[record.importer]:
            successors[record.importer].append(record.target)
            lines[edge] = record.line
        uses[edge] += max(1, record.names)
    nodes = sorted(successors)
    outside_importers: dict[str, set[str]] = defaultdict(set)
    for importer, targets in successors.items():
        for target in targets:
            outside_importers[target].add(importer)
    cycles = []
    for component in strongly_connected_components(nodes, successors):
        members = set(component)
        if len(component) == 1 and component[0] not in successors[component[0]]:
            continue
        # Start where the rest of the code enters the cycle: it reads like the import chain.
        start = min(component, key=lambda f: (-len(outside_importers[f] - members), f))
        path = cycle_through(start, successors, members)
        pairs = list(itertools.pairwise(path))
        weakest = min(pairs, key=lambda pair: (uses[pair], pair))
        cycles.append(
            Cycle(sorted(component), path, runtime, (*weakest, lines[weakest]), uses[weakest])
        )
    return cycles
