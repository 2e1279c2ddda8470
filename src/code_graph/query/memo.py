"""Reusing whole-graph answers (cycles, stats) until the store changes."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from code_graph.query.ports import Graph

T = TypeVar("T")
MAX_ENTRIES = 32
_answers: OrderedDict[tuple[Hashable, ...], object] = OrderedDict()


def memoized(graph: Graph, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """`compute()`, or its earlier result if nothing was committed to the graph since
    (keyed on its connection and state, see `Store.state_token`)."""
    full_key = (*graph.state_token(), *key)
    if full_key in _answers:
        _answers.move_to_end(full_key)
        return _answers[full_key]  # type: ignore[return-value]
    answer = compute()
    _answers[full_key] = answer
    while len(_answers) > MAX_ENTRIES:
        _answers.popitem(last=False)
    return answer
