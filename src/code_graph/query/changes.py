"""`changes`: what a diff touches, at symbol level, and what it does to the graph.

Given the changed files (each with its facts before and after, extracted by the caller) and
the current graph, which already holds the new side:
- the changed symbols: declarations a changed line falls in (`diff_symbols`);
- their dependents, transitively, through `impact`'s edges and search plus instantiation
  and dispatch (`change_reach`); the files whose imports the change broke are dependents of
  what is gone;
- the affected tests: test files among the dependents (or changed themselves) that load a
  changed file, each with the chain of uses that reaches it;
- the graph changes (`change_graph`).
Pure: the base side of the graph is only what the caller resolved for the changed files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from code_graph.model import Symbol
from code_graph.query.change_graph import (
    BrokenExport,
    BrokenImport,
    CycleChange,
    cycle_changes,
    removed_exports,
)
from code_graph.query.change_graph import broken_imports as find_broken_imports
from code_graph.query.change_reach import reach_incoming
from code_graph.query.change_values import BaseImport, ChangedFile, ChangedSymbol, ChangeInput
from code_graph.query.diff_symbols import Change, diff_symbols
from code_graph.query.impact import Dependent, Node, Reached, breadth_first, members
from code_graph.query.ports import Graph
from code_graph.query.testfiles import is_test_file
from code_graph.records import SymbolRecord

__all__ = [
    "AffectedTest",
    "BaseImport",
    "BrokenExport",
    "BrokenImport",
    "ChangeImpact",
    "ChangeInput",
    "ChangedFile",
    "ChangedSymbol",
    "CycleChange",
    "Dependents",
    "change_impact",
]


@dataclass(frozen=True, slots=True)
class AffectedTest:
    """A test file that reaches a changed symbol: `path` from the changed symbol to the test,
    each step `file:name` with the barrels it passes (`via a/index.ts`)."""

    file: str
    runtime: bool
    depth: int
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Dependents:
    """Every dependent counted (`by_depth`: (depth, how many)), one page of them listed, by
    depth, file and position."""

    total: int
    runtime: int
    files: int
    by_depth: tuple[tuple[int, int], ...]
    offset: int
    page: tuple[Dependent, ...]


@dataclass(frozen=True, slots=True)
class ChangeImpact:
    base: str
    base_commit: str
    staged: bool
    files: tuple[ChangedFile, ...]
    symbols: tuple[ChangedSymbol, ...]
    top_level_changed: tuple[str, ...]  # files with a changed line outside every declaration
    dependents: Dependents
    tests: tuple[AffectedTest, ...]
    cycles: tuple[CycleChange, ...]
    broken_exports: tuple[BrokenExport, ...]
    broken_imports: tuple[BrokenImport, ...]
    depth_limited: bool
    unresolved_imports: int  # dependents through these cannot be seen
    unparsed_files: int  # files whose unparsed lines may hide uses

    @property
    def affected(self) -> bool:
        """Anything to report: a changed symbol, a dependent, a test or a graph change."""
        return bool(
            self.symbols
            or self.dependents.total
            or self.tests
            or self.cycles
            or self.broken_exports
            or self.broken_imports
        )


def change_impact(
    graph: Graph,
    change: ChangeInput,
    *,
    max_depth: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> ChangeImpact:
    """The symbols `change` touched, what depends on them (the page `offset`, `limit` of
    them listed), the tests reaching them and what it did to the import graph."""
    symbols, loose = _changed_symbols(graph, change.files)
    broken_exports = removed_exports(graph, change.files, symbols)
    starts: list[Node] = [("symbol", item.record.id) for item in symbols if item.record is not None]
    files: dict[Node, str] = {
        ("symbol", item.record.id): item.file for item in symbols if item.record is not None
    }
    reached, limited = breadth_first(
        starts,
        reach_incoming(graph, files, symbols),
        max_depth,
        {int(node[1]) for node in starts},
    )
    broken_imports = find_broken_imports(graph, change)
    # Files whose imports the change broke: their uses of what is gone are unlinked now.
    broken: dict[Node, str] = {}
    for export in broken_exports:
        for file, line in export.importers:
            broken.setdefault(("file", file), f"{file}:{line} imports {export.file}:{export.name}")
    for record in broken_imports:
        if record.was is not None:
            text = f"{record.file}:{record.line} imports {record.was}, which is gone"
            broken.setdefault(("file", record.file), text)
    for node in broken:
        if node not in reached:
            reached[node] = (1, True, "import", None, 0, None)
            files[node] = str(node[1])
    order = sorted(reached, key=lambda n: (reached[n][0], files[n], n[0] == "symbol", n[1]))
    tests = _affected_tests(graph, change.files, order, files, reached, symbols, broken)
    return ChangeImpact(
        change.base,
        change.base_commit,
        change.staged,
        change.files,
        tuple(symbols),
        tuple(loose),
        _dependents(graph, order, files, reached, limit, offset),
        tuple(tests),
        tuple(cycle_changes(graph, change)),
        tuple(broken_exports),
        tuple(broken_imports),
        limited,
        graph.imports.unresolved_count(),
        graph.files.unparsed_count(),
    )


def _dependents(
    graph: Graph,
    order: list[Node],
    files: dict[Node, str],
    reached: Reached,
    limit: int | None,
    offset: int,
) -> Dependents:
    """The counts of every dependent, and the records of the page only."""
    page = order[offset:] if limit is None else order[offset : offset + limit]
    records = graph.symbols.by_ids([int(node[1]) for node in page if node[0] != "file"])
    depths: dict[int, int] = defaultdict(int)
    for node in order:
        depths[reached[node][0]] += 1
    return Dependents(
        len(order),
        sum(1 for node in order if reached[node][1]),
        len({files[node] for node in order}),
        tuple(sorted(depths.items())),
        offset,
        tuple(
            Dependent(
                depth,
                files[node],
                records.get(int(node[1])) if node[0] != "file" else None,
                runtime,
                kind,
                parent,
                node,
                line,
                is_test_file(files[node]),
                through,
            )
            for node in page
            for depth, runtime, kind, parent, line, through in [reached[node]]
        ),
    )


def _changed_symbols(
    graph: Graph, files: Sequence[ChangedFile]
) -> tuple[list[ChangedSymbol], list[str]]:
    found: list[ChangedSymbol] = []
    loose: list[str] = []
    for file in files:
        if file.old is None and file.new is None:
            continue
        old = file.old.symbols if file.old else ()
        new = file.new.symbols if file.new else ()
        diff = diff_symbols(old, new, file.old_lines, file.new_lines)
        if diff.top_level_changed:
            loose.append(file.path)
        records = _index_records(graph, file.path, new) if file.new else {}
        for item in diff.symbols:
            record = None if item.change is Change.REMOVED else records.get(id(item.symbol))
            found.append(ChangedSymbol(file.path, item, record))
    return found, loose


def _index_records(graph: Graph, path: str, symbols: Sequence[Symbol]) -> dict[int, SymbolRecord]:
    """The index's record of each extracted symbol (by `id`), paired by qualified name and
    kind in source order (the index may hold a newer version than a staged one)."""
    waiting: dict[tuple[str, str], list[SymbolRecord]] = defaultdict(list)
    for record in graph.symbols.in_file(path):
        waiting[(record.qualified_name, record.kind)].append(record)
    paired: dict[int, SymbolRecord] = {}
    for symbol in symbols:
        candidates = waiting.get((symbol.qualified_name, symbol.kind.value))
        if candidates:
            paired[id(symbol)] = candidates.pop(0)
    return paired


def _affected_tests(
    graph: Graph,
    changed: Sequence[ChangedFile],
    order: list[Node],
    files: dict[Node, str],
    reached: Reached,
    symbols: Sequence[ChangedSymbol],
    broken: dict[Node, str],
) -> list[AffectedTest]:
    """The tests among the dependents (`broken`: the files whose imports the change broke,
    with why), the nearest reach of each, and the changed tests."""
    tests: dict[str, AffectedTest] = {}
    for file in changed:
        if file.new is not None and is_test_file(file.path):
            tests[file.path] = AffectedTest(file.path, True, 0, (f"{file.path} (changed)",))
    starts: dict[Node, ChangedSymbol] = {
        ("symbol", s.record.id): s for s in symbols if s.record is not None
    }
    verdicts: dict[str, bool] = {}
    loading: set[str] | None = None  # the files importing a changed file, transitively
    for node in order:  # by depth: the nearest reach of each test file is kept
        path = files[node]
        if path not in verdicts:
            verdicts[path] = is_test_file(path)
            if verdicts[path]:
                # A test that cannot load a changed file cannot run it, whatever dispatch
                # through an interface suggests.
                if loading is None:
                    seeds = {f.path for f in changed if f.new is not None}
                    loading = _importers(graph, seeds | {str(node[1]) for node in broken})
                verdicts[path] = path in loading
        if not verdicts[path]:
            continue
        depth, runtime = reached[node][0], reached[node][1]
        known = tests.get(path)
        if known is not None and (known.runtime or not runtime):
            continue
        chain = (broken[node],) if node in broken else tuple(_chain(graph, node, reached, starts))
        tests[path] = AffectedTest(path, runtime, depth, chain)
    return sorted(tests.values(), key=lambda t: (not t.runtime, t.depth, t.file))


def _importers(graph: Graph, paths: set[str]) -> set[str]:
    """`paths` and every file importing one of them, directly or not (the file graph)."""
    by_id = graph.files.paths_by_id()
    importers: dict[str, list[str]] = defaultdict(list)
    for edge in graph.imports.file_edges():
        importers[by_id[edge.target_id]].append(by_id[edge.importer_id])
    reached, frontier = set(paths), list(paths)
    while frontier:
        frontier = list(
            dict.fromkeys(i for p in frontier for i in importers.get(p, ()) if i not in reached)
        )
        reached.update(frontier)
    return reached


def _chain(
    graph: Graph,
    node: Node,
    reached: Reached,
    starts: dict[Node, ChangedSymbol],
) -> list[str]:
    """The steps from a changed symbol to `node`, each with the barrels its use goes through."""
    steps: list[Node] = [node]
    while (parent := reached.get(steps[-1], (0, True, "", None, 0, None))[3]) is not None:
        steps.append(parent)
    steps.reverse()
    records = graph.symbols.by_ids([int(n[1]) for n in steps if n[0] != "file"])
    labels: list[str] = []
    for index, step in enumerate(steps):
        if step in starts:
            label = starts[step].address
        elif step[0] != "file":
            record = records[int(step[1])]
            instances = "new " if step[0] == "new" else ""
            label = f"{instances}{record.file}:{record.qualified_name}"
        else:
            label = f"{step[1]}:<top-level>"
        if index:
            _, _, kind, _, _, through = reached[step]
            via = _via(graph, steps[index - 1], step)
            how = f"{kind} through {through}" if through else kind
            label = f"{how}{' via ' + ', '.join(via) if via else ''} -> {label}"
        labels.append(label)
    return labels


def _via(graph: Graph, target: Node, source: Node) -> tuple[str, ...]:
    """The barrels the first use by `source` of `target` (or its members) passes through."""
    if target[0] == "file":
        return ()
    family = [int(target[1])]
    if target[0] == "symbol":
        family = members(graph, family)[family[0]]
    for edge in graph.edges.uses_of(family):
        if (source[0] != "file" and edge.source_id == source[1]) or (
            source[0] == "file" and edge.source_id is None and edge.file == source[1]
        ):
            return edge.via
    return ()
