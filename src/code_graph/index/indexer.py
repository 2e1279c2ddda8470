"""The index use case: bring a project's store up to date with its files on disk.

A first run parses everything; later runs reconcile: stat every file, hash only those whose
size or mtime changed, parse only those whose content changed, and drop removed files.
Everything a run writes commits in one transaction, so readers see the old graph or the
new one, never a mix, and a killed run leaves the previous graph intact.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from code_graph.config import load_config
from code_graph.errors import ProjectNotFoundError
from code_graph.extract.version import EXTRACTOR_VERSION
from code_graph.index.jobs import ParseJob
from code_graph.index.linking import link_project
from code_graph.index.outcomes import Outcomes
from code_graph.index.pool import default_workers, run_jobs
from code_graph.model import ProjectFiles, Resolution, SkippedFile
from code_graph.records import FileRecord, ImportToResolve
from code_graph.resolve import ConfigWarning, DiskFileSystem, ModuleResolver
from code_graph.store import LOCK_WAIT_SECONDS, Store, WriteLock, is_damage
from code_graph.store.schema import MetaKey
from code_graph.walk import walk_project

WRITE_BATCH = 256
ProgressCallback = Callable[[int, int], None]  # (files done, files to parse)


@dataclass(frozen=True, slots=True)
class IndexRun:
    """What one index run did (the graph's contents are reported by the stats query)."""

    root: str
    store_path: str
    discovered: int
    parsed: int
    unchanged: int
    removed: int
    resolved_imports: int
    skipped: tuple[SkippedFile, ...]
    config_warnings: tuple[ConfigWarning, ...]
    elapsed_seconds: float
    rebuilt_because: str | None = None


def project_root(path: Path) -> Path:
    """Validate a user-given project path.

    Raises:
        ProjectNotFoundError: it does not exist or is not a directory.
    """
    if not path.exists():
        raise ProjectNotFoundError(str(path), "no such directory")
    if not path.is_dir():
        raise ProjectNotFoundError(str(path), "not a directory (give the project's root folder)")
    return path.resolve()


def index_project(
    path: Path,
    *,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    lock_wait_seconds: float = LOCK_WAIT_SECONDS,
) -> IndexRun:
    """Index (or reconcile) the project at `path` into `<path>/.code-graph/`.

    Raises:
        ProjectNotFoundError: `path` is not a directory.
        ConfigError: `code-graph.toml` is invalid.
        StoreLockedError: another process holds the write lock for longer than the wait.
    """
    started = time.perf_counter()
    root = project_root(path)
    with WriteLock(root, lock_wait_seconds):
        return reconcile_locked(root, workers=workers, progress=progress, started=started)


def reconcile_locked(
    root: Path,
    *,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    started: float | None = None,
) -> IndexRun:
    """The body of `index_project`, for a caller that already holds the write lock."""
    started = time.perf_counter() if started is None else started
    config = load_config(root)
    workers = workers or default_workers()
    project = walk_project(root, config)
    damage: Exception | None = None
    with Store.open_for_writing(root) as store:
        try:
            run = _reconcile(store, project, workers, config.max_file_size, progress)
        except Exception as e:
            if not is_damage(e):
                raise
            damage = e
    if damage is not None:  # a damaged store is never the truth: start again from an empty one
        with Store.open_for_writing(root, rebuild_because=f"damaged ({damage})") as store:
            run = _reconcile(store, project, workers, config.max_file_size, progress)
    return IndexRun(
        root=str(root),
        store_path=store.path,
        discovered=len(project.sources),
        parsed=run.parsed,
        unchanged=run.unchanged,
        removed=run.removed,
        resolved_imports=run.resolved,
        skipped=run.skipped,
        config_warnings=run.warnings,
        elapsed_seconds=time.perf_counter() - started,
        rebuilt_because=store.opened.rebuilt_because,
    )


@dataclass(frozen=True, slots=True)
class _Reconciled:
    parsed: int
    unchanged: int
    removed: int
    resolved: int
    skipped: tuple[SkippedFile, ...]
    warnings: tuple[ConfigWarning, ...]


def _reconcile(
    store: Store,
    project: ProjectFiles,
    workers: int,
    max_size: int,
    progress: ProgressCallback | None,
) -> _Reconciled:
    stored = store.files.by_path()
    current_facts = store.get_meta(MetaKey.EXTRACTOR_VERSION) == EXTRACTOR_VERSION
    jobs = _jobs_for_changed(project, stored if current_facts else {}, max_size)
    removed = sorted(set(stored) - {source.path for source in project.sources})
    outcomes = Outcomes(store)
    outcomes.skipped.extend(project.skipped)
    with store.atomic():
        store.write.delete_files(removed)
        # A fresh store is bulk-loaded: its indexes are built once, while imports resolve.
        dropped = [] if stored else store.write.drop_indexes()
        for done, outcome in enumerate(run_jobs(jobs, workers), start=1):
            outcomes.add(outcome)
            if len(outcomes.batch) >= WRITE_BATCH:
                store.write.replace_files(outcomes.take_batch())
            if progress is not None:
                progress(done, len(jobs))
        store.write.replace_files(outcomes.take_batch())
        newly_skipped = [skip.path for skip in outcomes.skipped if skip.path in stored]
        store.write.delete_files(newly_skipped)
        store.write.replace_skipped(outcomes.skipped)
        fingerprint = _configs_fingerprint(project)
        changed = outcomes.parsed or removed or newly_skipped
        stale = changed or not current_facts or store.get_meta(MetaKey.CONFIGS) != fingerprint
        store.set_meta(MetaKey.CONFIGS, fingerprint)
        store.set_meta(MetaKey.EXTRACTOR_VERSION, EXTRACTOR_VERSION)
        if stale:
            resolved, warnings = _resolve_imports(store, Path(project.root), project, dropped)
            link_project(store)
        else:
            store.write.create_indexes(dropped)
            resolved, warnings = 0, _config_warnings(Path(project.root), project.configs)
    removed_count = len(removed) + len(newly_skipped)
    return _Reconciled(
        len(outcomes.parsed),
        outcomes.unchanged,
        removed_count,
        resolved,
        tuple(outcomes.skipped),
        warnings,
    )


def _jobs_for_changed(
    project: ProjectFiles, stored: dict[str, FileRecord], max_size: int
) -> list[ParseJob]:
    """A job for every new file and every file whose size or mtime differs from the store's."""
    jobs = []
    for source in project.sources:
        known = stored.get(source.path)
        if known is not None and (known.size, known.mtime_ns) == (source.size, source.mtime_ns):
            continue
        known_hash = known.content_hash if known else None
        jobs.append(ParseJob(project.root, source.path, known_hash, max_size))
    return jobs


def _resolve_imports(
    store: Store, root: Path, project: ProjectFiles, dropped_indexes: Sequence[str]
) -> tuple[int, tuple[ConfigWarning, ...]]:
    """Resolve every import in the store against the current file set and configs, while
    the store builds the indexes a bulk load dropped (resolving does not touch the store);
    record the configs and workspace packages this resolution saw."""
    _RESOLVERS.pop(str(root), None)  # the configs or files changed: its key is stale
    resolver = _new_resolver(store, root, project.configs)
    imports = store.resolution.every_import()
    with store.write.creating_indexes(dropped_indexes):
        outcomes = resolve_each(resolver, imports)
    store.write.set_resolutions(outcomes)
    store.write.replace_layout(project.configs, resolver.workspace_packages.values())
    return len(outcomes), tuple(resolver.warnings())


def resolve_each(
    resolver: ModuleResolver, imports: Iterable[ImportToResolve]
) -> list[tuple[int, Resolution]]:
    """Each import's resolution by id, in the mode its kind gives it (`require('#x')` and
    `import '#x'` may pick different files through `exports`/`imports` conditions)."""
    return [(i.id, resolver.resolve(i.specifier, i.importer, kind=i.kind)) for i in imports]


_RESOLVERS: dict[str, tuple[tuple[str, str], ModuleResolver]] = {}


def resolver_for(store: Store, root: Path) -> ModuleResolver:
    """A resolver over the stored file set and the configs the last full run found.

    A long-running process (watcher, MCP server) reuses the previous resolver while the
    configs and the set of files are the same: edits to sources never change resolution.
    """
    key = (store.get_meta(MetaKey.CONFIGS) or "", store.file_set_version())
    cached = _RESOLVERS.get(str(root))
    if cached is not None and cached[0] == key:
        return cached[1]
    resolver = _new_resolver(store, root, store.files.config_files())
    _RESOLVERS[str(root)] = (key, resolver)
    return resolver


def _new_resolver(store: Store, root: Path, configs: Sequence[str]) -> ModuleResolver:
    """A resolver over the stored file set (it re-reads the disk, `node_modules` included).

    A full reconcile does not keep its resolver: its caches would stay in memory through the
    link that follows, the largest step of a full run."""
    return ModuleResolver(DiskFileSystem(root), sorted(store.files.by_path()), configs)


def _config_warnings(root: Path, configs: Sequence[str]) -> tuple[ConfigWarning, ...]:
    """The configs' problems for a run that resolved nothing: they still hold, and a broken
    tsconfig.json should not go quiet on the second run."""
    resolver = ModuleResolver(DiskFileSystem(root), (), configs)
    for config in configs:
        folder, _, name = config.rpartition("/")
        if name == "jsconfig.json" or (name.startswith("tsconfig") and name.endswith(".json")):
            resolver.governing_config(f"{folder}/index.ts" if folder else "index.ts")
    return tuple(resolver.warnings())


def _configs_fingerprint(project: ProjectFiles) -> str:
    digest = hashlib.blake2b(digest_size=16)
    root = Path(project.root)
    for config in project.configs:
        digest.update(config.encode())
        digest.update(_read_bytes(root / config))
    return digest.hexdigest()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"\0unreadable"
