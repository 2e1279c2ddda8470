"""A page of a list: where it starts and how long it may be, and what it leaves out.

One value shared by every list answer (CLI `--limit/--offset`, MCP `limit`/`offset`), so
each says the same thing about what was cut and how to see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page:
    """Items `offset` to `offset + limit` of a list (`limit` None: to the end)."""

    offset: int = 0
    limit: int | None = None

    def window(self, items: Sequence[T]) -> list[T]:
        """This page's items of the whole list `items`."""
        end = None if self.limit is None else self.offset + self.limit
        return list(items[self.offset : end])

    def following(self, shown: int, total: int) -> int:
        """How many items come after the `shown` items of this page."""
        return max(0, total - self.offset - shown)

    def next_offset(self, shown: int) -> int:
        return self.offset + shown


EVERYTHING = Page()
