"""Discovery: the source and configuration files of a project, honouring ignore rules.

Every `.gitignore` in the tree applies to its own folder and below (a deeper file's
patterns, including `!negations`, override a shallower one's). `node_modules`, `.git` and
the store's own folder are always skipped. Symlinked directories are never followed;
symlinked files are indexed only when their target lies inside the root.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from code_graph.config import ProjectConfig
from code_graph.model import SOURCE_LANGUAGES, ProjectFiles, SkippedFile, SkipReason, SourceFile

ALWAYS_SKIPPED_DIRS = frozenset({"node_modules", ".git", ".code-graph"})
CONFIG_NAMES = frozenset({"jsconfig.json", "package.json", "pnpm-workspace.yaml", "lerna.json"})


def is_source_path(path: str) -> bool:
    """True for a file name with a JS/TS source extension."""
    return os.path.splitext(path)[1] in SOURCE_LANGUAGES


def is_config_path(path: str) -> bool:
    """True for a file the module resolver reads (tsconfig*.json, package.json, ...)."""
    name = path.rsplit("/", 1)[-1]
    return name in CONFIG_NAMES or (name.startswith("tsconfig") and name.endswith(".json"))


@dataclass(frozen=True, slots=True)
class _IgnoreFile:
    base: str  # folder the .gitignore lives in, root-relative ('' for the root)
    spec: pathspec.GitIgnoreSpec

    def verdict(self, rel_path: str, is_dir: bool) -> bool | None:
        """True ignored, False re-included, None no pattern speaks about the path."""
        local = rel_path[len(self.base) + 1 :] if self.base else rel_path
        result = self.spec.check_file(local + "/" if is_dir else local)
        return None if result.include is None else bool(result.include)


class IgnoreRules:
    """The ignore decision for one path: user excludes, nested .gitignores, user includes."""

    def __init__(self, config: ProjectConfig) -> None:
        self._exclude = pathspec.GitIgnoreSpec.from_lines(config.exclude)
        self._include = (
            pathspec.GitIgnoreSpec.from_lines(config.include) if config.include else None
        )

    def is_ignored(self, rel_path: str, is_dir: bool, gitignores: tuple[_IgnoreFile, ...]) -> bool:
        name = rel_path.rsplit("/", 1)[-1]
        if is_dir and name in ALWAYS_SKIPPED_DIRS:
            return True
        if self._exclude.match_file(rel_path + "/" if is_dir else rel_path):
            return True
        for ignore_file in reversed(gitignores):
            verdict = ignore_file.verdict(rel_path, is_dir)
            if verdict is not None:
                return verdict
        return False

    def is_included(self, rel_path: str) -> bool:
        return self._include is None or self._include.match_file(rel_path)


def walk_project(root: Path, config: ProjectConfig) -> ProjectFiles:
    """Find the project's source files and resolver configs under `root` (absolute)."""
    rules = IgnoreRules(config)
    real_root = root.resolve()
    sources: list[SourceFile] = []
    configs: list[str] = []
    skipped: list[SkippedFile] = []
    for rel_path, entry in _entries(real_root, rules, skipped):
        if is_config_path(rel_path):
            configs.append(rel_path)
            continue
        if not is_source_path(rel_path) or not rules.is_included(rel_path):
            continue
        found = _source_file(real_root, rel_path, entry, config.max_file_size)
        if isinstance(found, SourceFile):
            sources.append(found)
        else:
            skipped.append(found)
    sources.sort(key=lambda source: source.path)
    configs.sort()
    skipped.sort(key=lambda skip: skip.path)
    return ProjectFiles(str(real_root), tuple(sources), tuple(configs), tuple(skipped))


def _entries(
    root: Path,
    rules: IgnoreRules,
    skipped: list[SkippedFile],
    start: str = "",
    inherited: tuple[_IgnoreFile, ...] = (),
) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Yield (root-relative path, entry) for every file under `start` no ignore rule excludes."""
    pending: list[tuple[str, tuple[_IgnoreFile, ...]]] = [(start, inherited)]
    while pending:
        folder, inherited = pending.pop()
        try:
            with os.scandir(root / folder if folder else root) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as e:
            skipped.append(SkippedFile(folder or ".", SkipReason.UNREADABLE, _os_reason(e)))
            continue
        gitignores = inherited + _gitignore_in(root, folder, entries)
        for entry in entries:
            rel_path = f"{folder}/{entry.name}" if folder else entry.name
            is_dir = _is_dir(entry)
            if rules.is_ignored(rel_path, is_dir, gitignores):
                continue
            if not _is_utf8(rel_path):  # the store, JSON and MCP answers hold UTF-8 text only
                skipped.append(SkippedFile(_printable(rel_path), SkipReason.BAD_NAME, "not UTF-8"))
            elif is_dir and entry.is_symlink():
                skipped.append(SkippedFile(rel_path, SkipReason.SYMLINK_DIR, "not followed"))
            elif is_dir:
                pending.append((rel_path, gitignores))
            else:
                yield rel_path, entry


def _gitignore_in(
    root: Path, folder: str, entries: list[os.DirEntry[str]]
) -> tuple[_IgnoreFile, ...]:
    if not any(entry.name == ".gitignore" for entry in entries):
        return ()
    return _read_gitignore(root, folder)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def _source_file(
    root: Path, rel_path: str, entry: os.DirEntry[str], max_size: int
) -> SourceFile | SkippedFile:
    try:
        if entry.is_symlink() and not _inside(root, _real_path(entry.path)):
            return SkippedFile(
                rel_path, SkipReason.OUTSIDE_ROOT, "symlink target is outside the root"
            )
        stat = entry.stat(follow_symlinks=True)
    except OSError as e:
        return SkippedFile(rel_path, SkipReason.UNREADABLE, _os_reason(e))
    if stat.st_size > max_size:
        return SkippedFile(rel_path, SkipReason.TOO_LARGE, f"{stat.st_size} bytes > {max_size}")
    return SourceFile(rel_path, stat.st_size, stat.st_mtime_ns)


def _real_path(path: str | Path) -> Path:
    """Where a symlink leads; a loop stays as is (`Path.resolve` raises RuntimeError on one),
    so the stat that follows reports it as unreadable."""
    return Path(os.path.realpath(path))


def _inside(root: Path, target: Path) -> bool:
    return target == root or root in target.parents


def _is_utf8(name: str) -> bool:
    """False for a name the OS gave with undecodable bytes (as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(name: str) -> str:
    """The name with each undecodable byte shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _os_reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


class PathFilter:
    """The walker's decision for single paths, for the watcher and incremental updates."""

    def __init__(self, root: Path, config: ProjectConfig) -> None:
        self._root = root.resolve()
        self._config = config
        self._rules = IgnoreRules(config)
        self._gitignores: dict[str, tuple[_IgnoreFile, ...]] = {}

    def _gitignores_for(self, folder: str) -> tuple[_IgnoreFile, ...]:
        """The .gitignore files that apply inside `folder` (root-relative)."""
        if folder not in self._gitignores:
            parent = folder.rpartition("/")[0] if "/" in folder else ""
            inherited = self._gitignores_for(parent) if folder else ()
            own = _read_gitignore(self._root, folder)
            self._gitignores[folder] = inherited + own
        return self._gitignores[folder]

    def _folder_visible(self, folder: str) -> bool:
        """Every folder from the root down to `folder` is walked (not ignored, not a link)."""
        parts = folder.split("/") if folder else []
        for depth in range(1, len(parts) + 1):
            current = "/".join(parts[:depth])
            parent = "/".join(parts[: depth - 1])
            if (self._root / current).is_symlink():
                return False
            if self._rules.is_ignored(current, True, self._gitignores_for(parent)):
                return False
        return True

    def is_indexable(self, rel_path: str) -> bool:
        """True when a full walk would list `rel_path` as a source file."""
        folder = rel_path.rpartition("/")[0]
        if not _is_utf8(rel_path) or not is_source_path(rel_path):
            return False
        if not self._folder_visible(folder):
            return False
        if self._rules.is_ignored(rel_path, False, self._gitignores_for(folder)):
            return False
        if not self._rules.is_included(rel_path):
            return False
        absolute = self._root / rel_path
        return not absolute.is_symlink() or _inside(self._root, _real_path(absolute))

    def sources_under(self, folder: str) -> set[str]:
        """Source files a full walk would list under `folder`."""
        if not self._folder_visible(folder):
            return set()
        found: set[str] = set()
        skipped: list[SkippedFile] = []
        for rel_path, _entry in _entries(
            self._root, self._rules, skipped, folder, self._gitignores_for(folder)
        ):
            if is_source_path(rel_path) and self.is_indexable(rel_path):
                found.add(rel_path)
        return found


def _read_gitignore(root: Path, folder: str) -> tuple[_IgnoreFile, ...]:
    path = root / folder / ".gitignore" if folder else root / ".gitignore"
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ()
    return (_IgnoreFile(folder, pathspec.GitIgnoreSpec.from_lines(lines)),)
