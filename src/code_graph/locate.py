"""Finding the project a command is about."""

from __future__ import annotations

from pathlib import Path

from code_graph.errors import ProjectNotFoundError

ROOT_MARKERS = (".code-graph", ".git")


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
