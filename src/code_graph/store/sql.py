"""Small helpers for writing portable SQL: chunked `IN (...)` lists and LIKE escaping."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
SqlValue = str | int | float | bytes | None
IN_CHUNK = 500  # values per `IN (...)` list: well under every database's parameter limit


def in_chunks(values: Sequence[T]) -> Iterator[tuple[tuple[T, ...], str]]:
    """`values` in chunks, each with its `?, ?, ...` placeholder list for an `IN (...)`."""
    for start in range(0, len(values), IN_CHUNK):
        chunk = tuple(values[start : start + IN_CHUNK])
        yield chunk, ", ".join("?" for _ in chunk)


def like_escape(text: str) -> str:
    """`text` as a literal inside a LIKE pattern written with `ESCAPE '!'`."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def like_prefix(prefix: str) -> str:
    """A LIKE pattern (with `ESCAPE '!'`) matching every text that starts with `prefix`."""
    return like_escape(prefix) + "%"


def chunked(values: Sequence[T], query: Callable[[tuple[T, ...], str], Iterable[R]]) -> list[R]:
    """`query(chunk, marks)` for each chunk of `values` (see `in_chunks`), results joined."""
    found: list[R] = []
    for chunk, marks in in_chunks(values):
        found.extend(query(chunk, marks))
    return found
