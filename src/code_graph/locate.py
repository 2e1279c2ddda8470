"""Finding the project a command is about."""

from __future__ import annotations

from pathlib import Path

from code_graph.errors import ProjectNotFoundError, UsageError

STORE_DIR = ".code-graph"
ROOT_MARKERS = (STORE_DIR, ".git")


def locate_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding `.code-graph/` (or else `.git/`).

    Falls back to `start` itself when neither marker is found.

    Raises:
        ProjectNotFoundError: `start` does not exist.
    """
    if not start.exists():
        raise ProjectNotFoundError(str(start), "no such file or directory")
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for marker in ROOT_MARKERS:
        for folder in (here, *here.parents):
            if (folder / marker).is_dir():
                return folder
    return here


def index_root(path: Path, *, explicit: bool, separate: bool = False) -> Path:
    """The folder `code-graph index` writes the index of.

    Without an explicit path: the indexed project around `path` (else `path` itself), so
    indexing from a subfolder re-indexes the project instead of nesting a second index.
    An explicit path inside an indexed project needs `separate` (`--new`).

    Raises:
        ProjectNotFoundError: `path` does not exist.
        UsageError: an explicit path lies inside another indexed project.
    """
    if not path.exists():
        raise ProjectNotFoundError(str(path), "no such directory")
    here = path.resolve()
    if separate or (here / STORE_DIR).is_dir():
        return here
    enclosing = next((f for f in here.parents if (f / STORE_DIR).is_dir()), None)
    if enclosing is None:
        return here
    if not explicit:
        return enclosing
    raise UsageError(
        f"{path} is inside the indexed project {enclosing} (`code-graph index {enclosing}`"
        f" re-indexes it); add --new to make a separate index of {path}"
    )
