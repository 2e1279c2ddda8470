"""The `changes` use case: bring the index up to date with a git diff, then say what it touches.

The diff comes from git (`code_graph.gitdiff`); the index is updated for the changed files
only (a first run indexes everything). Both sides of each changed source are extracted:
the old one from git's objects, the new one from the working tree (or git's index with
`--staged`). The base side of the graph is never indexed: only the changed files' old
imports are resolved, by the same resolver over a view of the tree as it was at the base
(deleted files back, added ones gone). The answer itself is `query.changes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from code_graph.config import load_config
from code_graph.extract import extract_file, language_for
from code_graph.gitdiff import Diff, FileChange, FileStatus, LineRange, read_blobs, read_diff
from code_graph.index.indexer import index_project
from code_graph.index.update import update_paths
from code_graph.model import FileFacts, ImportKind, ImportRecord, Language
from code_graph.query.changes import BaseImport, ChangedFile, ChangeImpact, ChangeInput
from code_graph.query.changes import change_impact as impact_of_change
from code_graph.query.diff_symbols import without_comments
from code_graph.records import StoredImport
from code_graph.resolve import DiskFileSystem, FileSystem, ModuleResolver
from code_graph.resolve.paths import basename, dirname, normalize
from code_graph.store import Store
from code_graph.store.layout import db_path
from code_graph.walk import is_source_path, walk_project

TYPESCRIPT = (Language.TYPESCRIPT, Language.TSX)


def change_impact(
    root: Path,
    *,
    base: str | None = None,
    staged: bool = False,
    max_depth: int | None = None,
    limit: int | None = None,
    offset: int = 0,
    reconcile: bool = True,
) -> ChangeImpact:
    """What the change of `root`'s working tree (or staged files) against `base` touches
    (the dependents `offset`, `limit` listed, all counted). The index is brought up to date
    first: the diff's files and every file whose size or mtime differs from the index's, or,
    without `reconcile` (a watcher keeps the rest fresh), the diff's files only.

    Raises:
        GitError: no git, not a repository, or an unknown base.
        StoreLockedError: another writer holds the index for too long.
    """
    diff = read_diff(root, base, staged=staged)
    freshen(root, diff, everything=reconcile)
    files = changed_files(root, diff)
    with Store.open_for_reading(root) as store:
        change = base_side(store, root, diff, files)
        return impact_of_change(store, change, max_depth=max_depth, limit=limit, offset=offset)


def freshen(root: Path, diff: Diff, *, everything: bool = True) -> None:
    """Re-index the diff's files and, with `everything`, the files that changed on disk
    since the last index (a branch switch, an edit the diff does not show); the whole tree
    when there is no index yet. Only what changed is re-parsed and relinked."""
    if not db_path(root).exists():
        index_project(root)
        return
    paths = {change.path for change in diff.files}
    paths |= {change.old_path for change in diff.files if change.old_path}
    if everything:
        paths |= _stale(root)
    if paths:
        update_paths(root, sorted(paths))


def _stale(root: Path) -> set[str]:
    """Sources whose size or mtime differs from the index's, new ones and removed ones."""
    project = walk_project(root, load_config(root))
    with Store.open_for_reading(root) as store:
        stored = store.files.by_path()
    found = set(stored) - {source.path for source in project.sources}
    for source in project.sources:
        known = stored.get(source.path)
        if known is None or (known.size, known.mtime_ns) != (source.size, source.mtime_ns):
            found.add(source.path)
    return found


def changed_files(root: Path, diff: Diff) -> list[ChangedFile]:
    """The diff's files with the facts of both sides of each source."""
    sources = [c for c in diff.files if is_source_path(c.path) or _old_source(c)]
    old_names = [f"{diff.base_commit}:{diff.prefix}{c.old_path}" for c in sources if c.old_path]
    old_blobs = iter(read_blobs(root, old_names))
    new_present = [c for c in sources if c.status is not FileStatus.DELETED]
    if diff.staged:
        new_blobs = iter(read_blobs(root, [f":{diff.prefix}{c.path}" for c in new_present]))
    else:
        new_blobs = iter([_read(root / c.path) for c in new_present])
    files = []
    for change in sources:
        old_content = next(old_blobs) if change.old_path else None
        new_content = None if change.status is FileStatus.DELETED else next(new_blobs)
        files.append(
            ChangedFile(
                change.status.value,
                change.path,
                change.old_path,
                _code_lines(change.old_path, change.old_lines, old_content),
                _code_lines(change.path, change.new_lines, new_content),
                _extract(change.old_path, old_content) if change.old_path else None,
                _extract(change.path, new_content),
            )
        )
    return files


def _code_lines(
    path: str | None, ranges: tuple[LineRange, ...], content: bytes | None
) -> tuple[LineRange, ...]:
    """The changed lines but comments, in TypeScript (in JavaScript, JSDoc comments are
    types)."""
    if path is None or content is None or language_for(path) not in TYPESCRIPT:
        return ranges
    return without_comments(ranges, content.decode("utf-8", errors="replace"))


def base_side(store: Store, root: Path, diff: Diff, files: Sequence[ChangedFile]) -> ChangeInput:
    """The change with what the graph looked like at the base where it differs: the changed
    files' old imports resolved, and the unresolved imports that used to resolve."""
    renamed = {f.old_path: f.path for f in files if f.status == "renamed" and f.old_path}
    gone = {f.old_path for f in files if f.old_path and f.status in ("deleted", "renamed")}
    new = {f.path for f in files if f.status in ("added", "renamed")}
    resolver = _base_resolver(store, root, gone, new)
    base_imports = [
        BaseImport(file.path, renamed.get(target, target), record.type_only)
        for file in files
        if file.old is not None and file.old_path is not None
        for record in file.old.imports
        if (target := _resolve(resolver, record, file.old_path)) is not None
    ]
    resolved_at_base: dict[int, str] = {}
    for record, importer in _unresolved_candidates(store, files, gone):
        target = resolver.resolve(record.specifier, importer, kind=_kind(record)).file
        if target is not None:
            resolved_at_base[record.id] = target
    return ChangeInput(
        diff.base,
        diff.base_commit,
        diff.staged,
        tuple(files),
        tuple(base_imports),
        resolved_at_base,
    )


def _unresolved_candidates(
    store: Store, files: Sequence[ChangedFile], gone: set[str]
) -> Iterable[tuple[StoredImport, str]]:
    """Unresolved imports that may have resolved at the base, with the importer's path then:
    those a changed file already had, and those elsewhere whose last segment names a file
    that is gone."""
    by_path = {file.path: file for file in files}
    stems = _stems(gone)
    for record in store.imports.unresolved():
        file = by_path.get(record.file)
        if file is not None:
            old = {(r.specifier, r.kind.value) for r in file.old.imports} if file.old else set()
            if file.old_path is not None and (record.specifier, record.kind) in old:
                yield record, file.old_path
        elif _stem(record.specifier.rsplit("/", 1)[-1]) in stems:
            yield record, record.file


def _stems(paths: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        folder, _, name = path.rpartition("/")
        found.add(_stem(name))
        if _stem(name) == "index":
            found.add(folder.rpartition("/")[2])
    return found - {""}


def _stem(name: str) -> str:
    return name.split(".", 1)[0]


def _base_resolver(store: Store, root: Path, gone: set[str], new: set[str]) -> ModuleResolver:
    sources = (set(store.files.paths()) - new) | {p for p in gone if is_source_path(p)}
    view = BaseView(DiskFileSystem(root), present=gone, absent=new - gone)
    return ModuleResolver(view, sorted(sources), store.files.config_files())


def _resolve(resolver: ModuleResolver, record: ImportRecord, importer: str) -> str | None:
    return resolver.resolve(record.specifier, importer, kind=record.kind).file


def _kind(record: StoredImport) -> ImportKind:
    return ImportKind(record.kind)


def _old_source(change: FileChange) -> bool:
    return change.old_path is not None and is_source_path(change.old_path)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _extract(path: str, content: bytes | None) -> FileFacts | None:
    if content is None or not is_source_path(path):
        return None
    return extract_file(path, content)


class BaseView:
    """The tree as the resolver would have seen it at the base: `present` files (deleted or
    renamed away since) exist again, `absent` ones (added since) do not."""

    def __init__(self, disk: FileSystem, *, present: set[str], absent: set[str]) -> None:
        self._disk = disk
        self._present = present
        self._absent = absent
        self._dirs: dict[str, set[str]] = {}
        for path in present:
            child, parent = path, dirname(path)
            while True:
                self._dirs.setdefault(parent, set()).add(basename(child))
                if not parent:
                    break
                child, parent = parent, dirname(parent)

    def is_file(self, path: str) -> bool:
        clean = normalize(path)
        if clean in self._present:
            return True
        return clean not in self._absent and self._disk.is_file(path)

    def is_dir(self, path: str) -> bool:
        clean = normalize(path)
        return clean in self._dirs or self._disk.is_dir(path)

    def read_text(self, path: str) -> str | None:
        return None if normalize(path) in self._absent else self._disk.read_text(path)

    def list_dir(self, path: str) -> Sequence[str]:
        clean = normalize(path) or ""
        names = set(self._disk.list_dir(path)) | self._dirs.get(clean, set())
        prefix = f"{clean}/" if clean else ""
        return sorted(n for n in names if f"{prefix}{n}" not in self._absent)

    def real_path(self, path: str) -> str | None:
        clean = normalize(path)
        if clean in self._present:
            return clean
        return None if clean in self._absent else self._disk.real_path(path)
