"""Reusing whole-graph answers (cycles, stats) until the store changes."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from code_graph.store.sqlite import Store

T = TypeVar("T")
MAX_ENTRIES = 32
_answers: OrderedDict[tuple[Hashable, ...], object] = OrderedDict()


def memoized(store: Store, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """`compute()`, or its earlier result if nothing was committed to the store since
    (keyed on the store's connection and state, see `Store.state_token`)."""
    full_key = (*store.state_token(), *key)
    if full_key in _answers:
        _answers.move_to_end(full_key)
        return _answers[full_key]  # type: ignore[return-value]
    answer = compute()
    _answers[full_key] = answer
    while len(_answers) > MAX_ENTRIES:
        _answers.popitem(last=False)
    return answer
