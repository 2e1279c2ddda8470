"""Pure graph algorithms over adjacency data: reverse reachability by depth, SCCs, cycles."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def reachable_by_depth(
    start: Iterable[Node], neighbours: Mapping[Node, Sequence[Node]], max_depth: int | None = None
) -> dict[Node, int]:
    """Breadth-first distances from `start` (depth 0) following `neighbours`, up to `max_depth`."""
    depth: dict[Node, int] = {}
    queue: deque[Node] = deque()
    for node in start:
        if node not in depth:
            depth[node] = 0
            queue.append(node)
    while queue:
        node = queue.popleft()
        if max_depth is not None and depth[node] >= max_depth:
            continue
        for neighbour in neighbours.get(node, ()):
            if neighbour not in depth:
                depth[neighbour] = depth[node] + 1
                queue.append(neighbour)
    return depth


def strongly_connected_components(
    nodes: Iterable[Node], successors: Mapping[Node, Sequence[Node]]
) -> list[list[Node]]:
    """Tarjan's algorithm, iterative (no recursion limit). Components in discovery order."""
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    components: list[list[Node]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[Node, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = successors.get(node, ())
            if child < len(children):
                work.append((node, child + 1))
                nxt = children[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def cycle_through(
    start: Node, successors: Mapping[Node, Sequence[Node]], members: set[Node]
) -> list[Node]:
    """The shortest cycle from `start` back to itself inside `members`, following edges in order.

    Returns the path with `start` at both ends, or [] if `start` is on no cycle.
    """
    previous: dict[Node, Node] = {}
    queue: deque[Node] = deque([start])
    seen = {start}
    while queue:
        node = queue.popleft()
        for nxt in successors.get(node, ()):
            if nxt not in members:
                continue
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if nxt not in seen:
                seen.add(nxt)
                previous[nxt] = node
                queue.append(nxt)
    return []
