from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from code_graph.graph import cycle_through, reachable_by_depth, strongly_connected_components


def test_reachability_reports_the_shortest_depth_and_stops_at_the_limit() -> None:
    graph = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["e"]}
    assert reachable_by_depth(["a"], graph) == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 3}
    assert reachable_by_depth(["a"], graph, max_depth=1) == {"a": 0, "b": 1, "c": 1}


def test_components_group_exactly_the_mutually_reachable_nodes() -> None:
    graph = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": ["e"], "e": ["d"], "f": []}
    components = [sorted(c) for c in strongly_connected_components("abcdef", graph)]
    assert sorted(components) == [["a", "b", "c"], ["d", "e"], ["f"]]


def test_a_long_chain_does_not_hit_the_recursion_limit() -> None:
    graph = {i: [i + 1] for i in range(20_000)}
    graph[20_000] = [0]
    [component] = strongly_connected_components(range(20_001), graph)
    assert len(component) == 20_001


def test_the_cycle_follows_import_order_from_the_start() -> None:
    graph = {"a": ["x", "b"], "b": ["c"], "c": ["a"], "x": []}
    assert cycle_through("a", graph, {"a", "b", "c"}) == ["a", "b", "c", "a"]
    assert cycle_through("x", graph, {"x"}) == []


def _reaches(graph: dict[int, list[int]], a: int, b: int) -> bool:
    return b in reachable_by_depth([a], graph)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.integers(0, 12), st.lists(st.integers(0, 12), max_size=4), max_size=13))
def test_components_agree_with_pairwise_reachability(graph: dict[int, list[int]]) -> None:
    nodes = sorted(set(graph) | {n for targets in graph.values() for n in targets})
    component_of = {
        n: i for i, c in enumerate(strongly_connected_components(nodes, graph)) for n in c
    }
    for a in nodes:
        for b in nodes:
            same = _reaches(graph, a, b) and _reaches(graph, b, a)
            assert (component_of[a] == component_of[b]) == same
