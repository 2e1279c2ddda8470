"""What a diff does to the import graph: cycles that appear or disappear, exports removed
(or renamed) while something still imports them, imports that no longer resolve.

The base side is the current graph with the changed files' imports as they were (resolved
at the base by the caller). Pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from code_graph.graph import cycle_through, strongly_connected_components
from code_graph.model import NAMESPACE_NAME, FileFacts, ImportKind
from code_graph.query.change_values import ChangedFile, ChangedSymbol, ChangeInput
from code_graph.query.diff_symbols import Change
from code_graph.query.ports import Graph
from code_graph.records import StoredImport, StoredImportName


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


def removed_exports(
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


def cycle_changes(graph: Graph, change: ChangeInput) -> list[CycleChange]:
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


def broken_imports(graph: Graph, change: ChangeInput) -> list[BrokenImport]:
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
