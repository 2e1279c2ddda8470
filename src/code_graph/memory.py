"""Handing freed memory back to the operating system in a long-running process.

A query or an update that builds a large structure (the import graph for cycles, a relink)
frees it when done, but glibc keeps the freed pages in the process, so the RSS of a server or
a watcher would settle at its largest step's high-water mark. `malloc_trim` returns them; it costs microseconds
when there is nothing to return and a few milliseconds after a large query.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        return None
    return trim


def release_free_memory() -> None:
    """Return the heap's free pages to the OS where the C library can (glibc); else no-op."""
    trim = _trim()
    if trim is not None:
        trim(0)
