"""The incremental update: apply a batch of changed paths to the store in one transaction.

Only what the change can affect is recomputed:
- changed and new files are re-extracted, deleted ones dropped;
- imports are re-resolved where the outcome can differ: those of changed files, those that
  pointed at deleted files, and, when files appear, unresolved and alias/workspace imports
  plus relative ones whose last segment names a new file;
- edges are relinked only for files whose links can differ: the changed files, files whose
  imports moved, files linking to a symbol that disappeared, and files that spell a name
  whose meaning changed (see `_write_and_relink`).
A change to a resolver config (tsconfig, package.json, ...), or a batch too large to be worth
tracking, falls back to the reconcile of a full index run, which gives the same result.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from code_graph.config import CONFIG_FILE_NAME, ProjectConfig, load_config
from code_graph.errors import CodeGraphError
from code_graph.extract import warm_up
from code_graph.extract.version import EXTRACTOR_VERSION
from code_graph.index.indexer import (
    IndexRun,
    index_project,
    reconcile_locked,
    resolve_each,
    resolver_for,
)
from code_graph.index.jobs import ParseJob, run_job
from code_graph.index.linking import link_files
from code_graph.index.outcomes import Outcomes, Parsed
from code_graph.model import ARRAY_SUFFIX, CALLBACK_ARGUMENTS, CALLBACK_PARAMETERS
from code_graph.records import FileInterface, FileRecord, ImportToResolve
from code_graph.store import LOCK_WAIT_SECONDS, Store, WriteLock
from code_graph.store.schema import MetaKey
from code_graph.walk import PathFilter, is_config_path, is_source_path

T = TypeVar("T")
MAX_INCREMENTAL_FILES = 200  # beyond this a full reconcile is as fast and simpler


@dataclass(frozen=True, slots=True)
class UpdateRun:
    """What one batch did."""

    changed: tuple[str, ...] = ()  # re-extracted (edited or new)
    removed: tuple[str, ...] = ()
    unchanged: int = 0  # touched but identical content
    relinked_files: int = 0
    full: IndexRun | None = None  # set when the batch fell back to a full reconcile
    elapsed_seconds: float = 0.0
    skipped: tuple[str, ...] = field(default=())

    @property
    def is_noop(self) -> bool:
        return self.full is None and not self.changed and not self.removed


def update_paths(
    root: Path, paths: Iterable[str], *, lock_wait_seconds: float = LOCK_WAIT_SECONDS
) -> UpdateRun:
    """Bring the store up to date with the given root-relative paths (files or folders).

    Raises:
        StoreLockedError: another writer holds the lock for longer than the wait.
    """
    started = time.perf_counter()
    config = load_config(root)
    changed = {p.strip("/") for p in paths if p.strip("/")}
    if any(is_config_path(p) or p == CONFIG_FILE_NAME for p in changed):
        return _full(root, started, lock_wait_seconds)
    with WriteLock(root, lock_wait_seconds):
        run: UpdateRun | None = None
        with Store.open_for_writing(root) as store:
            # Facts from another extractor, configs never resolved (a migrated store), or a
            # batch as large as a branch switch: reconcile.
            current = store.get_meta(MetaKey.EXTRACTOR_VERSION) == EXTRACTOR_VERSION
            if current and store.get_meta(MetaKey.CONFIGS) is not None:
                stored = store.files.by_path(changed)  # only what the batch names
                present, gone = _classify(root, config, changed, stored)
                if len(present) + len(gone) <= MAX_INCREMENTAL_FILES:
                    with store.atomic():
                        run = _apply(store, root, config, present, gone, stored)
        if run is None:
            return _full_locked(root, started)
    return dataclasses.replace(run, elapsed_seconds=time.perf_counter() - started)


def _full(root: Path, started: float, lock_wait_seconds: float) -> UpdateRun:
    run = index_project(root, lock_wait_seconds=lock_wait_seconds)
    return UpdateRun(full=run, elapsed_seconds=time.perf_counter() - started)


def _full_locked(root: Path, started: float) -> UpdateRun:
    """A full reconcile while this process already holds the write lock."""
    run = reconcile_locked(root)
    return UpdateRun(full=run, elapsed_seconds=time.perf_counter() - started)


def _classify(
    root: Path, config: ProjectConfig, changed: set[str], stored: dict[str, FileRecord]
) -> tuple[set[str], set[str]]:
    """Split the batch into indexable files present on disk and stored files now gone."""
    path_filter = PathFilter(root, config)
    present: set[str] = set()
    gone: set[str] = set()
    for path in changed:
        absolute = root / path
        if absolute.is_dir() and not absolute.is_symlink():
            present |= path_filter.sources_under(path)
            gone |= {p for p in stored if p.startswith(path + "/")} - present
        elif is_source_path(path) and absolute.is_file() and path_filter.is_indexable(path):
            present.add(path)
        else:
            gone |= {p for p in stored if p == path or p.startswith(path + "/")}
    return present, gone


def _apply(
    store: Store,
    root: Path,
    config: ProjectConfig,
    present: set[str],
    gone: set[str],
    stored: dict[str, FileRecord],
) -> UpdateRun:
    outcomes = Outcomes(store)
    for path in sorted(present):
        known = stored.get(path)
        known_hash = known.content_hash if known is not None else None
        outcomes.add(run_job(ParseJob(str(root), path, known_hash, config.max_file_size)))
    skipped = [skip.path for skip in outcomes.skipped]
    gone |= {path for path in skipped if path in stored}
    changed = outcomes.parsed
    relinked = (
        _write_and_relink(store, root, outcomes.take_batch(), changed, gone, stored)
        if changed or gone
        else 0
    )
    return UpdateRun(
        tuple(changed), tuple(sorted(gone)), outcomes.unchanged, relinked, skipped=tuple(skipped)
    )


def _write_and_relink(
    store: Store,
    root: Path,
    batch: list[Parsed],
    changed: list[str],
    gone: set[str],
    stored: dict[str, FileRecord],
) -> int:
    """Replace and delete files, re-resolve, relink; returns how many files were relinked.

    A file's links can change only if it links to a symbol that disappeared, if its own
    imports now resolve elsewhere, or if it spells a name whose meaning changed: a name the
    changed files define, export or re-export differently than before.
    """
    added = [path for path in changed if path not in stored]
    existing = [path for path in changed if path in stored] + sorted(gone)
    before = {path: store.changes.interface_of(path) for path in existing}
    old_ids = store.changes.symbol_ids_of(existing)
    store.write.delete_files(sorted(gone))
    store.write.replace_files(batch)
    after = {path: store.changes.interface_of(path) for path in changed}
    removed_ids = old_ids - store.changes.symbol_ids_of(changed)
    moved = _reresolve(store, root, changed, added, gone)
    pairs = [(before.get(path), after.get(path)) for path in sorted(set(before) | set(after))]
    pairs += [(None, store.changes.interface_of(path)) for path in sorted(moved - set(changed))]
    names, members = _changed_names(pairs)
    relink = set(store.files.ids(set(changed) | moved).values())
    relink |= store.changes.files_linking_to(sorted(removed_ids))
    relink |= store.changes.files_mentioning(sorted(names), sorted(members))
    link_files(store, relink)
    return len(relink)


def _changed_names(
    pairs: list[tuple[FileInterface | None, FileInterface | None]],
) -> tuple[set[str], set[str]]:
    """(top-level or exported names, member names) that mean something else after the change.

    A function is spelled by its callers' callbacks' receivers (`&f(0,1)`): when what it says
    about its callbacks changes, or a type name those callbacks use changes meaning in its
    file, its own name does (for a constructor, its class's: `new C(cb)` spells C). So does a
    property's, variable's or function's when its declared (or returned) type's name changes
    meaning (`this.repo.find()`, `f().m()` spell it).
    """
    names: set[str] = set()
    members: set[str] = set()
    for old, new in pairs:
        if old == new:
            continue
        old, new = old or FileInterface(), new or FileInterface()
        here: set[str] = set()  # this file's top-level names that changed
        for symbol in _difference(old.symbols, new.symbols, ordered=True):
            _add_symbol(symbol.qualified_name, here, members)
        for export in _difference(old.exports, new.exports):
            here |= {export.exported_name, export.local_name} - {""}
        for binding in _difference(old.imports, new.imports):
            here |= {binding.name, binding.alias} - {"", "*"}
        for symbol in (*old.symbols, *new.symbols):
            if symbol.callbacks and here & _callback_type_heads(symbol.callbacks):
                _add_symbol(symbol.qualified_name, names, members)
            # `this.repo.find()`, `f().m()`: the declared or returned type changed meaning
            if symbol.type_name and _type_head(symbol.type_name) in here:
                _add_symbol(symbol.qualified_name, names, members)
        names |= here
    return names, members


def _add_symbol(qualified_name: str, names: set[str], members: set[str]) -> None:
    """The name a symbol is spelled by: top-level (`f`) or a member (`C.m`); a constructor
    also by its class's name."""
    segments = qualified_name.removeprefix("global.").split(".")
    (names if len(segments) == 1 else members).add(segments[-1])
    if segments[-1] == "constructor" and len(segments) > 1:
        (names if len(segments) == 2 else members).add(segments[-2])


def _callback_type_heads(callbacks: str) -> set[str]:
    """The first segments of the type names a Symbol.callbacks value mentions."""
    return {
        name.split(".", 1)[0]
        for entry in callbacks.split(CALLBACK_ARGUMENTS)
        for name in entry.split(CALLBACK_PARAMETERS)
        if name
    }


def _difference(old: tuple[T, ...], new: tuple[T, ...], *, ordered: bool = False) -> list[T]:
    """Entries in one interface part and not the other; with `ordered`, all of them when only
    their order changed (which of two same-named symbols wins depends on it)."""
    if ordered and old != new and sorted(map(repr, old)) == sorted(map(repr, new)):
        return list(old)
    return sorted(set(old) ^ set(new), key=repr)


def _reresolve(
    store: Store,
    root: Path,
    changed: list[str],
    added: list[str],
    gone: set[str],
) -> set[str]:
    """Re-resolve the imports the batch can affect; returns the files whose imports moved."""
    queue = store.resolution
    candidates: dict[int, ImportToResolve] = {i.id: i for i in queue.imports_of(changed)}
    if added or gone:
        candidates.update((i.id, i) for i in queue.imports_to_recheck())
        candidates.update((i.id, i) for i in queue.imports_ending_with(_segments(added)))
    if not candidates:
        return set()
    resolver = resolver_for(store, root)
    outcomes = resolve_each(resolver, candidates.values())
    before = queue.outcomes(list(candidates))
    store.write.set_resolutions(outcomes)
    after = queue.outcomes(list(candidates))
    return {candidates[i].importer for i in candidates if before.get(i) != after.get(i)}


def _segments(added: list[str]) -> set[str]:
    """Last specifier segments that may now resolve to one of the added files."""
    segments: set[str] = set()
    for path in added:
        folder, _, name = path.rpartition("/")
        stem = name.split(".", 1)[0]
        segments.add(stem)
        if stem == "index":
            segments |= {folder.rpartition("/")[2] or ".", ".", ".."}
    return segments - {""}


def prepare_updates(root: Path) -> None:
    """Pay the one-time costs of an update up front (parsers, queries, the module resolver),
    so the first edit a watcher sees is as fast as the rest."""
    warm_up()
    try:
        with Store.open_for_reading(root) as store:
            resolver_for(store, root)
    except CodeGraphError:
        return  # no index yet: the first update will reconcile anyway


def _type_head(type_name: str) -> str:
    """The first name of a Symbol.type_name (`ns` of `ns.T`, `T` of `T[]`)."""
    return type_name.removesuffix(ARRAY_SUFFIX).split(".", 1)[0]
