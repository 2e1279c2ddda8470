"""File-system access for the resolver: a small protocol, a cached disk adapter, a fake.

All paths are root-relative POSIX strings; '' is the project root. Nothing outside the
root is ever visible: paths that climb above it, and symlinks whose target lies outside
it, behave as if they did not exist.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from code_graph.resolve.paths import basename, dirname, normalize


class FileSystem(Protocol):
    """Read-only view of a project tree."""

    def is_file(self, path: str) -> bool: ...

    def is_dir(self, path: str) -> bool: ...

    def read_text(self, path: str) -> str | None:
        """The file's text, or None if it is missing or unreadable."""
        ...

    def list_dir(self, path: str) -> Sequence[str]:
        """Entry names of a directory; [] if it is missing."""
        ...

    def real_path(self, path: str) -> str | None:
        """The path with every symlink resolved (root-relative), or None if it is missing."""
        ...


class _Listing:
    __slots__ = ("dirs", "files", "names")

    def __init__(self, files: frozenset[str], dirs: frozenset[str], names: tuple[str, ...]):
        self.files = files
        self.dirs = dirs
        self.names = names


_EMPTY = _Listing(frozenset(), frozenset(), ())


class DiskFileSystem:
    """The real file system under `root`, with every stat and listing cached.

    The cache is never invalidated: build a new instance to see changes.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self._root = os.path.realpath(os.fspath(root))
        self._listings: dict[str, _Listing] = {}
        self._real: dict[str, str | None] = {}
        self._texts: dict[str, str | None] = {}

    @property
    def root(self) -> str:
        return self._root

    def _absolute(self, path: str) -> str:
        return os.path.join(self._root, path) if path else self._root

    def _inside(self, absolute: str) -> bool:
        return absolute == self._root or absolute.startswith(self._root + os.sep)

    def _listing(self, path: str) -> _Listing:
        cached = self._listings.get(path)
        if cached is not None:
            return cached
        listing = _EMPTY
        # A directory is visible only if its parent lists it (so escapes are rejected once).
        if not path or basename(path) in self._listing(dirname(path)).dirs:
            listing = self._scan(path)
        self._listings[path] = listing
        return listing

    def _scan(self, path: str) -> _Listing:
        files: set[str] = set()
        dirs: set[str] = set()
        names: list[str] = []
        try:
            with os.scandir(self._absolute(path)) as entries:
                for entry in entries:
                    try:
                        if entry.is_symlink():
                            target = os.path.realpath(entry.path)
                            if not self._inside(target):
                                continue
                        if entry.is_dir():
                            dirs.add(entry.name)
                        elif entry.is_file():
                            files.add(entry.name)
                        else:
                            continue
                    except OSError:
                        continue
                    names.append(entry.name)
        except OSError:
            return _EMPTY
        return _Listing(frozenset(files), frozenset(dirs), tuple(sorted(names)))

    def is_file(self, path: str) -> bool:
        clean = normalize(path)
        if not clean:
            return False
        return basename(clean) in self._listing(dirname(clean)).files

    def is_dir(self, path: str) -> bool:
        clean = normalize(path)
        if clean is None:
            return False
        if not clean:
            return True
        return basename(clean) in self._listing(dirname(clean)).dirs

    def list_dir(self, path: str) -> Sequence[str]:
        clean = normalize(path)
        if clean is None or not self.is_dir(clean):
            return []
        return list(self._listing(clean).names)

    def read_text(self, path: str) -> str | None:
        clean = normalize(path)
        if clean is None:
            return None
        if clean in self._texts:
            return self._texts[clean]
        text: str | None = None
        if self.is_file(clean):
            try:
                text = Path(self._absolute(clean)).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = None
        self._texts[clean] = text
        return text

    def real_path(self, path: str) -> str | None:
        clean = normalize(path)
        if clean is None:
            return None
        if clean in self._real:
            return self._real[clean]
        result: str | None = None
        if not clean:
            result = ""
        elif self.is_file(clean) or self.is_dir(clean):
            target = os.path.realpath(self._absolute(clean))
            if self._inside(target):
                result = os.path.relpath(target, self._root).replace(os.sep, "/")
                if result == ".":
                    result = ""
        self._real[clean] = result
        return result


class MemoryFileSystem:
    """A dict-backed tree for tests: `files` maps paths to contents; `links` maps a
    symlink's path to the path it points to (both root-relative)."""

    def __init__(self, files: Mapping[str, str], links: Mapping[str, str] | None = None) -> None:
        self._files = {p: t for p, t in files.items() if normalize(p)}
        self._links = dict(links or {})
        self._dirs: dict[str, set[str]] = {"": set()}
        for path in self._files:
            self._add(path)
        for link in self._links:
            self._add(link)

    def _add(self, path: str) -> None:
        child = path
        parent = dirname(child)
        while True:
            self._dirs.setdefault(parent, set()).add(basename(child))
            if not parent:
                break
            child, parent = parent, dirname(parent)
            self._dirs.setdefault(child, set())

    def real_path(self, path: str) -> str | None:
        clean = normalize(path)
        if clean is None:
            return None
        for _ in range(40):
            for link, target in self._links.items():
                if clean == link or clean.startswith(link + "/"):
                    resolved = normalize(target + clean[len(link) :])
                    if resolved is None:
                        return None
                    clean = resolved
                    break
            else:
                break
        if clean in self._files or clean in self._dirs:
            return clean
        return None

    def is_file(self, path: str) -> bool:
        real = self.real_path(path)
        return real is not None and real in self._files

    def is_dir(self, path: str) -> bool:
        real = self.real_path(path)
        return real is not None and real in self._dirs

    def read_text(self, path: str) -> str | None:
        real = self.real_path(path)
        return self._files.get(real) if real is not None else None

    def list_dir(self, path: str) -> Sequence[str]:
        real = self.real_path(path)
        if real is None or real not in self._dirs:
            return []
        return sorted(self._dirs[real])
