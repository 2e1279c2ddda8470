"""Paths as people and agents write them, read as the index spells them.

A path may be relative to the current folder (the CLI) or to the root (MCP, and the CLI
when the first reading names nothing), name a file or a folder, or be a filter's prefix.
Pure string work over the indexed paths: no disk.
"""

from __future__ import annotations

import bisect
import difflib
import posixpath

from code_graph.errors import TargetNotFoundError
from code_graph.query.memo import memoized
from code_graph.query.ports import Graph

MAX_SUGGESTIONS = 5


def spellings(given: str, here: str = "") -> tuple[str, ...]:
    """The root-relative readings of `given`: relative to the folder `here` (root-relative,
    "" for the root) first, then to the root. A folder keeps its trailing slash; the root
    itself is ""."""
    readings = [_normal(posixpath.join(here, given), given)] if here else []
    readings.append(_normal(given, given))
    return tuple(dict.fromkeys(readings))


def _normal(path: str, given: str) -> str:
    folder = given.endswith(("/", "\\")) or given in ("", ".")
    normal = posixpath.normpath(path.replace("\\", "/"))
    if normal == ".":
        return ""
    return normal + "/" if folder else normal


def indexed_path(graph: Graph, given: str, here: str = "") -> str | None:
    """The indexed file `given` names, or the folder holding indexed files (as `dir/`, the
    root as ""); None: it names neither."""
    paths = _paths(graph)
    for reading in spellings(given, here):
        if not reading.endswith("/") and reading and graph.files.exists(reading):
            return reading
        folder = reading if reading.endswith("/") or not reading else reading + "/"
        if _any_under(paths, folder):
            return folder
    return None


def files_under(graph: Graph, folder: str) -> list[str]:
    """The indexed files under `folder` (`dir/`; "" is the whole root), sorted."""
    paths = _paths(graph)
    start = bisect.bisect_left(paths, folder)
    end = start
    while end < len(paths) and paths[end].startswith(folder):
        end += 1
    return paths[start:end]


def path_prefix(graph: Graph, given: str, here: str = "") -> str:
    """A filter's prefix as the index spells it: a folder (`src/utils` is `src/utils/`), a
    file, or the start of paths (`src/ut`).

    Raises:
        TargetNotFoundError: no indexed path starts with any reading of it (the closest
            folders are suggested).
    """
    found = indexed_path(graph, given, here)
    if found is not None:
        return found
    paths = _paths(graph)
    for reading in spellings(given, here):
        if _any_under(paths, reading):
            return reading
    shown = spellings(given, here)[0]
    folders = sorted({posixpath.dirname(p) + "/" for p in paths})
    close = difflib.get_close_matches(shown, folders, n=MAX_SUGGESTIONS)
    raise TargetNotFoundError(given, f"no indexed file under {shown!r}", tuple(close))


def address_in(graph: Graph, address: str, here: str = "") -> str:
    """`address` with its file part (`file.ts:Name`, `file.ts:LINE`) read as the index spells
    it; an address without one, or whose file is not indexed, comes back as it was."""
    file_part, sep, rest = address.strip().rpartition(":")
    if not (sep and file_part and ("/" in file_part or "." in file_part)):
        return address
    found = indexed_path(graph, file_part, here)
    if found is None or found.endswith("/") or not found:
        return address
    return f"{found}:{rest}"


def _paths(graph: Graph) -> list[str]:
    """Every indexed path, sorted (read once until the graph changes)."""
    return memoized(graph, ("paths",), graph.files.paths)


def _any_under(paths: list[str], prefix: str) -> bool:
    at = bisect.bisect_left(paths, prefix)
    return at < len(paths) and paths[at].startswith(prefix)
