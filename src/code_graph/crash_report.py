"""Where an unexpected exception's traceback goes, so the CLI can print one line instead."""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path


def crash_folder() -> Path:
    """`$XDG_CACHE_HOME/code-graph/errors` (default `~/.cache/...`), else the temp folder."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "code-graph" / "errors"


def write_crash_report(error: BaseException, argv: Sequence[str]) -> Path | None:
    """Write the command line and traceback of `error` to a new file; None if none could be
    written anywhere (the caller still prints its one line)."""
    try:
        cwd = os.getcwd()
    except OSError:  # the folder was removed under us
        cwd = "(unknown)"
    text = f"command: {' '.join(argv)}\ncwd: {cwd}\n\n" + "".join(traceback.format_exception(error))
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    for folder in (crash_folder(), Path(tempfile.gettempdir()) / "code-graph-errors"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(text, encoding="utf-8", errors="replace")
        except OSError:
            continue
        return path
    return None
