"""`changes`: what a diff touches, at symbol level, and what it does to the graph.

Given the changed files (each with its facts before and after, extracted by the caller) and
the current graph, which already holds the new side:
- the changed symbols: declarations a changed line falls in (see `diff_symbols`);
- their dependents, transitively, through the same edges and search as `impact`; a removed
  symbol's dependents are the files that still import it;
- the affected tests: test files among the dependents (or changed themselves), each with
  the chain of uses that reaches it;
- the graph changes: import cycles that appear or disappear, exports removed (or renamed)
  while something still imports them, imports that resolved before and no longer do.
The base side of the graph is only what the caller resolved for the changed files. Pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from code_graph.graph import cycle_through, strongly_connected_components
from code_graph.model import NAMESPACE_NAME, FileFacts, ImportKind, Symbol
from code_graph.query.diff_symbols import Change, LineRange, SymbolChange, diff_symbols
from code_graph.query.impact import (
    Dependent,
    Edge,
    Incoming,
    Node,
    Reached,
    breadth_first,
    members,
    symbol_incoming,
)
from code_graph.query.ports import Graph
from code_graph.records import EdgeRecord, StoredImport, StoredImportName, SymbolRecord

TEST_FOLDERS = frozenset({"__tests__", "__test__", "test", "tests", "spec"})
TEST_MARKERS = (".test.", ".spec.")


@dataclass(frozen=True, slots=True)
class ChangedFile:
    """One file of the diff: `status` added, modified, deleted or renamed; `path` now (as it
    was, when deleted), `old_path` at the base; the facts of each side (None: absent, or not
    a source)."""

    status: str
    path: str
    old_path: str | None
    old_lines: tuple[LineRange, ...] = ()
    new_lines: tuple[LineRange, ...] = ()
    old: FileFacts | None = None
    new: FileFacts | None = None


@dataclass(frozen=True, slots=True)
class BaseImport:
    """An import of a changed file as it was at the base, resolved there (`target` named as
    the file is named now, when it was renamed)."""

    importer: str
    target: str
    type_only: bool


@dataclass(frozen=True, slots=True)
class ChangeInput:
    base: str
    base_commit: str
    staged: bool
    files: tuple[ChangedFile, ...]
    base_imports: tuple[BaseImport, ...] = ()
    # Imports unresolved now that resolved at the base: import id -> the file it reached.
    resolved_at_base: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChangedSymbol:
    file: str
    change: SymbolChange
    record: SymbolRecord | None  # in the index (None when removed)

    @property
    def address(self) -> str:
        return f"{self.file}:{self.change.symbol.qualified_name}"


@dataclass(frozen=True, slots=True)
class AffectedTest:
    """A test file that reaches a changed symbol: `path` from the changed symbol to the test,
    each step `file:name` with the barrels it passes (`via a/index.ts`)."""

    file: str
    runtime: bool
    depth: int
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CycleChange:
    files: tuple[str, ...]  # sorted
    path: tuple[str, ...]  # one cycle through them in import order, first file repeated
    runtime: bool
    appeared: bool  # False: the change removed it


@dataclass(frozen=True, slots=True)
class BrokenExport:
    """An export the change removed while `importers` (file, line) still import it."""

    file: str
    name: str
    renamed_to: str | None
    importers: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class BrokenImport:
    """An import that does not resolve now: `was` the file it reached at the base (None: an
    import the change added)."""

    file: str
    line: int
    specifier: str
    was: str | None
    reason: str | None


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


def is_test_file(path: str) -> bool:
    """Named like a test (`x.test.ts`, `x.spec.js`) or inside a test folder."""
    *folders, name = path.split("/")
    return any(marker in name for marker in TEST_MARKERS) or any(
        folder in TEST_FOLDERS for folder in folders
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
    broken_exports = _removed_exports(graph, change.files, symbols)
    starts: list[Node] = [("symbol", item.record.id) for item in symbols if item.record is not None]
    files: dict[Node, str] = {
        ("symbol", item.record.id): item.file for item in symbols if item.record is not None
    }
    initializers = _initializers(graph, symbols)
    reached, limited = breadth_first(
        starts,
        _incoming(graph, files, initializers),
        max_depth,
        {int(node[1]) for node in starts},
    )
    broken_imports = _broken_imports(graph, change)
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
            reached[node] = (1, True, "import", None)
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
        tuple(_cycle_changes(graph, change)),
        tuple(broken_exports),
        tuple(broken_imports),
        limited,
        graph.imports.unresolved_count(),
        graph.files.unparsed_count(),
    )


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
    """`impact`'s dependents, plus what runs a member without naming it:
    - instantiation: a constructor's (or initializer's) change reaches its class's instances,
      `("new", class id)`: the `new C` sites, and the instances of subclasses (`extends C`);
    - dispatch: a class member reaches the same-named member of the interfaces and classes
      its class implements or extends (a call through `Router.add` may run `RegExpRouter.add`).
    """
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
            for e in sorted(graph.edges.uses_of(sorted(classes)), key=_position):
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
            for record in self._graph.symbols.by_ids(ids).values()
            if record.parent_id is not None
            and record.kind in ("method", "property")
            and record.name != "constructor"
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


def _position(edge: EdgeRecord) -> tuple[str, int, int]:
    return edge.file, edge.line, edge.column


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
            )
            for node in page
            for depth, runtime, kind, parent in [reached[node]]
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


def _removed_exports(
    graph: Graph, files: Sequence[ChangedFile], symbols: Sequence[ChangedSymbol]
) -> list[BrokenExport]:
    """Names a changed file exported at the base and no longer does, with the imports that
    still ask for them (directly, or through barrels' `export *`)."""
    broken: list[BrokenExport] = []
    names = None
    for file in files:
        if file.old is None or file.new is None:
            continue  # a deleted file's importers are broken imports, not broken exports
        gone = sorted(_exported_names(file.old) - _exported_names(file.new))
        if not gone:
            continue
        if names is None:
            names = graph.imports.names()
        renames = _renames(file.path, symbols, gone)
        for name in gone:
            still = _still_importing(graph, file.path, name, names)
            if still:
                broken.append(BrokenExport(file.path, name, renames.get(name), tuple(still)))
    return broken


def _exported_names(facts: FileFacts) -> set[str]:
    names = {export.exported_name for export in facts.exports}
    for record in facts.imports:
        if record.kind is ImportKind.REEXPORT:
            names |= {n.local for n in record.names if n.name != NAMESPACE_NAME or n.alias}
    return names


def _renames(path: str, symbols: Sequence[ChangedSymbol], gone: list[str]) -> dict[str, str]:
    """A removed exported symbol renamed: the file's only added symbol of the same kind whose
    signature is the old one with the new name."""
    here = [item.change for item in symbols if item.file == path]
    added = [c.symbol for c in here if c.change is Change.ADDED and c.symbol.parent is None]
    renames: dict[str, str] = {}
    for removed in (c.symbol for c in here if c.change is Change.REMOVED):
        if removed.name not in gone:
            continue
        fits = [
            s
            for s in added
            if s.kind == removed.kind
            and s.signature == removed.signature.replace(removed.name, s.name)
        ]
        if len(fits) == 1:
            renames[removed.name] = fits[0].name
    return renames


def _still_importing(
    graph: Graph, path: str, name: str, names: dict[int, list[StoredImportName]]
) -> list[tuple[str, int]]:
    """(file, line) of the imports binding `name` from `path`, or from a barrel that passes
    it on with `export *`."""
    found: list[tuple[str, int]] = []
    frontier, seen = [path], {path}
    while frontier:
        barrels: list[str] = []
        for record in graph.imports.importers_of(frontier):
            bound = names.get(record.id, [])
            if any(binding.name == name for binding in bound):
                found.append((record.file, record.line))
            elif (
                record.kind == ImportKind.REEXPORT
                and any(b.name == NAMESPACE_NAME and b.alias is None for b in bound)
                and record.file not in seen
            ):
                seen.add(record.file)
                barrels.append(record.file)
        frontier = barrels
    return sorted(set(found))


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
    while (parent := reached.get(steps[-1], (0, True, "", None))[3]) is not None:
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
            kind = reached[step][2]
            via = _via(graph, steps[index - 1], step)
            label = f"{kind}{' via ' + ', '.join(via) if via else ''} -> {label}"
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


def _cycle_changes(graph: Graph, change: ChangeInput) -> list[CycleChange]:
    """Cycles of the import graph now that were not there at the base, and the reverse; the
    base graph is today's with the changed files' own imports as they were."""
    if not _imports_moved(graph, change):
        return []  # the same file edges as at the base: the same cycles
    paths = graph.files.paths_by_id()
    now = [
        (paths[edge.importer_id], paths[edge.target_id], edge.type_only)
        for edge in graph.imports.file_edges()
    ]
    changed = {file.path for file in change.files}
    added = {file.path for file in change.files if file.status == "added"}
    base = [edge for edge in now if edge[0] not in changed and edge[1] not in added]
    base += [(i.importer, i.target, i.type_only) for i in change.base_imports]
    before, after = _cycles(base), _cycles(now)
    found = [
        CycleChange(files, path, runtime, True)
        for (files, runtime), path in after.items()
        if (files, runtime) not in before
    ]
    found += [
        CycleChange(files, path, runtime, False)
        for (files, runtime), path in before.items()
        if (files, runtime) not in after
    ]
    return found


def _imports_moved(graph: Graph, change: ChangeInput) -> bool:
    """Whether a changed file imports other files now than at the base."""
    before: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    for record in change.base_imports:
        before[record.importer].add((record.target, record.type_only))
    for file in change.files:
        now = {
            (record.target, record.type_only)
            for record in graph.imports.of_file(file.path)
            if record.target is not None and record.target != file.path
        }
        if now != before.get(file.path, set()) - {(file.path, False), (file.path, True)}:
            return True
    return False


def _cycles(
    edges: Iterable[tuple[str, str, bool]],
) -> dict[tuple[tuple[str, ...], bool], tuple[str, ...]]:
    """Each cycle (its files, runtime or type-only only) with one path through it."""
    everything: dict[str, list[str]] = defaultdict(list)
    runtime: dict[str, list[str]] = defaultdict(list)
    for importer, target, type_only in sorted(set(edges)):
        if target not in everything[importer]:
            everything[importer].append(target)
        if not type_only and target not in runtime[importer]:
            runtime[importer].append(target)
    found: dict[tuple[tuple[str, ...], bool], tuple[str, ...]] = {}
    for successors, is_runtime in ((runtime, True), (everything, False)):
        for component in strongly_connected_components(sorted(successors), successors):
            if len(component) == 1 and component[0] not in successors.get(component[0], ()):
                continue
            files = tuple(sorted(component))
            if not is_runtime and (files, True) in found:
                continue
            path = cycle_through(files[0], successors, set(files))
            found[(files, is_runtime)] = tuple(path)
    return found


def _broken_imports(graph: Graph, change: ChangeInput) -> list[BrokenImport]:
    """Unresolved imports that resolved at the base, and unresolved ones the change added."""
    broken: dict[tuple[str, int, str], BrokenImport] = {}
    for record in graph.imports.unresolved():
        was = change.resolved_at_base.get(record.id)
        if was is not None:
            broken[(record.file, record.line, record.specifier)] = _broken(record, was)
    for file in change.files:
        if file.new is None:
            continue
        before = {(r.specifier, r.kind.value) for r in file.old.imports} if file.old else set()
        for record in graph.imports.of_file(file.path):
            key = (record.file, record.line, record.specifier)
            if (
                record.target is None
                and record.package is None
                and (record.specifier, record.kind) not in before
                and key not in broken
            ):
                broken[key] = _broken(record, None)
    return sorted(broken.values(), key=lambda b: (b.file, b.line))


def _broken(record: StoredImport, was: str | None) -> BrokenImport:
    return BrokenImport(record.file, record.line, record.specifier, was, record.reason)
