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
from code_graph.index.jobs import ParseJob, ParseOutcome
from code_graph.index.linking import link_project
from code_graph.index.pool import default_workers, run_jobs
from code_graph.model import ProjectFiles, Resolution, SkippedFile, SourceFile
from code_graph.resolve import ConfigWarning, DiskFileSystem, ModuleResolver
from code_graph.store.rows import FileRows
from code_graph.store.sqlite import ImportToResolve, Store, StoredFile, WriteLock, is_damage
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
    lock_wait_seconds: float = 10.0,
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
    store, report = Store.open_for_writing(root)
    try:
        project = walk_project(root, config)
        run = _reconcile(store, project, workers, config.max_file_size, progress)
    except Exception as e:
        if not is_damage(e):
            raise
        store.close()  # a damaged store is never the truth: start again from an empty one
        store, report = Store.open_for_writing(root, rebuild_because=f"damaged ({e})")
        run = _reconcile(store, project, workers, config.max_file_size, progress)
    finally:
        store.close()
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
        rebuilt_because=report.rebuilt_because,
    )


@dataclass(frozen=True, slots=True)
class _Reconciled:
    parsed: int
    unchanged: int
    removed: int
    resolved: int
    skipped: tuple[SkippedFile, ...]
    warnings: tuple[ConfigWarning, ...]


class _Writer:
    """Collects parse outcomes and writes them to the store in batches."""

    def __init__(self, store: Store, skipped: Iterable[SkippedFile]) -> None:
        self._store = store
        self._batch: list[tuple[SourceFile, str, FileRows]] = []
        self.skipped = list(skipped)
        self.parsed = 0
        self.unchanged = 0

    def add(self, outcome: ParseOutcome) -> None:
        if outcome.skipped is not None:
            self.skipped.append(outcome.skipped)
        elif outcome.rows is None:
            self._store.update_stat(
                outcome.source.path, outcome.source.size, outcome.source.mtime_ns
            )
            self.unchanged += 1
        else:
            self._batch.append((outcome.source, outcome.content_hash, outcome.rows))
            self.parsed += 1
            if len(self._batch) >= WRITE_BATCH:
                self.flush()

    def flush(self) -> None:
        self._store.replace_files(self._batch)
        self._batch.clear()


def _reconcile(
    store: Store,
    project: ProjectFiles,
    workers: int,
    max_size: int,
    progress: ProgressCallback | None,
) -> _Reconciled:
    stored = store.stored_files()
    current_facts = store.get_meta("extractor_version") == EXTRACTOR_VERSION
    jobs = _jobs_for_changed(project, stored if current_facts else {}, max_size)
    removed = sorted(set(stored) - {source.path for source in project.sources})
    writer = _Writer(store, project.skipped)
    with store.atomic():
        store.delete_files(removed)
        # A fresh store is bulk-loaded: its indexes are built once, while imports resolve.
        dropped = [] if stored else store.drop_indexes()
        for done, outcome in enumerate(run_jobs(jobs, workers), start=1):
            writer.add(outcome)
            if progress is not None:
                progress(done, len(jobs))
        writer.flush()
        newly_skipped = [skip.path for skip in writer.skipped if skip.path in stored]
        store.delete_files(newly_skipped)
        store.replace_skipped(writer.skipped)
        fingerprint = _configs_fingerprint(project)
        changed = writer.parsed or removed or newly_skipped
        stale = changed or not current_facts or store.get_meta("configs") != fingerprint
        store.set_meta("configs", fingerprint)
        store.set_meta("config_files", "\n".join(project.configs))
        store.set_meta("extractor_version", EXTRACTOR_VERSION)
        if stale:
            resolved, warnings = _resolve_imports(store, Path(project.root), dropped)
            link_project(store)
        else:
            store.create_indexes(dropped)
            resolved, warnings = 0, ()
    removed_count = len(removed) + len(newly_skipped)
    return _Reconciled(
        writer.parsed, writer.unchanged, removed_count, resolved, tuple(writer.skipped), warnings
    )


def _jobs_for_changed(
    project: ProjectFiles, stored: dict[str, StoredFile], max_size: int
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
    store: Store, root: Path, dropped_indexes: Sequence[str] = ()
) -> tuple[int, tuple[ConfigWarning, ...]]:
    """Resolve every import in the store against the current file set and configs, while
    the store builds the indexes a bulk load dropped (resolving does not touch the store)."""
    resolver = resolver_for(store, root, fresh=True)
    imports = store.imports_to_resolve()
    with store.creating_indexes(dropped_indexes):
        outcomes = resolve_each(resolver, imports)
    store.set_resolutions(outcomes)
    return len(outcomes), tuple(resolver.warnings())


def resolve_each(
    resolver: ModuleResolver, imports: Iterable[ImportToResolve]
) -> list[tuple[int, Resolution]]:
    """Each import's resolution by id, in the mode its kind gives it (`require('#x')` and
    `import '#x'` may pick different files through `exports`/`imports` conditions)."""
    return [(i.id, resolver.resolve(i.specifier, i.importer, kind=i.kind)) for i in imports]


_RESOLVERS: dict[str, tuple[tuple[str, str], ModuleResolver]] = {}


def resolver_for(store: Store, root: Path, *, fresh: bool = False) -> ModuleResolver:
    """A resolver over the stored file set and the configs the last full run found.

    A long-running process (watcher, MCP server) reuses the previous resolver while the
    configs and the set of files are the same: edits to sources never change resolution.
    A full reconcile asks for a `fresh` one (it re-reads the disk, `node_modules` included)
    and does not keep it: its caches would stay in memory through the link that follows,
    the largest step of a full run; the next update builds its own.
    """
    key = (store.get_meta("configs") or "", store.file_set_version())
    cached = _RESOLVERS.pop(str(root), None) if fresh else _RESOLVERS.get(str(root))
    if not fresh and cached is not None and cached[0] == key:
        return cached[1]
    configs = [c for c in (store.get_meta("config_files") or "").split("\n") if c]
    resolver = ModuleResolver(DiskFileSystem(root), sorted(store.stored_files()), configs)
    if not fresh:
        _RESOLVERS[str(root)] = (key, resolver)
    return resolver


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
