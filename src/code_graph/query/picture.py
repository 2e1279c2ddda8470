"""Pictures of the graph: what to draw for a level, a focus, a path filter or the cycles.

`build_picture` reads the store once for the chosen level (see `picture_levels`), then keeps
the focus's neighbourhood (dependencies and dependents up to `depth`), the files under a
prefix, or the nodes on a cycle, and caps the size, saying what was cut. Renderers
(`render.dot`, `render.mermaid`, `render.html`) draw a `Picture` and never touch the store.
Nodes are ordered by group then id and edges by source then target, so output is stable.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from code_graph.errors import TargetNotFoundError, UsageError
from code_graph.graph import reachable_by_depth, strongly_connected_components
from code_graph.query import picture_levels as levels
from code_graph.query.address import Lookup, lookup
from code_graph.query.memo import memoized
from code_graph.query.picture_levels import LevelGraph
from code_graph.query.ports import Graph

LEVELS = ("file", "package", "symbol")
DEFAULT_DEPTH = 1
_FAR = 1 << 30  # the distance of a node when there is no focus


@dataclass(frozen=True, slots=True)
class PictureOptions:
    """What to draw. `focus` is a symbol address or a root-relative file path."""

    level: str = "file"
    focus: str | None = None
    depth: int = DEFAULT_DEPTH
    cycles: bool = False
    prefix: str | None = None
    max_nodes: int | None = None
    max_edges: int | None = None


@dataclass(frozen=True, slots=True)
class PictureNode:
    id: str  # stable: a path, a package name, or a symbol key `path#Name@kind`
    label: str
    group: str  # folder (file level), package kind (package level), file (symbol level)
    kind: str
    focus: bool = False
    cycle: bool = False  # on an import (or use) cycle of the whole level's graph
    details: tuple[str, ...] = ()  # lines shown when the node is selected (HTML view)


@dataclass(frozen=True, slots=True)
class PictureEdge:
    source: str
    target: str
    type_only: bool  # every import or use making this edge is type-only
    cycle: bool  # both ends are on the same cycle
    count: int  # statements (or uses) merged into this edge


@dataclass(frozen=True, slots=True)
class Picture:
    level: str
    title: str
    nodes: tuple[PictureNode, ...]
    edges: tuple[PictureEdge, ...]
    omitted_nodes: int = 0
    omitted_edges: int = 0

    @property
    def cut_note(self) -> str | None:
        """What the size cap left out, or None when nothing was cut."""
        if not (self.omitted_nodes or self.omitted_edges):
            return None
        return (
            f"cut to {len(self.nodes)} nodes and {len(self.edges)} edges: "
            f"{self.omitted_nodes} more nodes and {self.omitted_edges} more edges not shown"
        )


def level_graph(store: Graph, level: str) -> LevelGraph:
    """The whole graph of a level, for one or more `build_picture` calls on the same store.

    Raises:
        UsageError: an unknown level.
    """
    _check(PictureOptions(level))
    return {"file": levels.file_graph, "package": levels.package_graph}.get(
        level, levels.symbol_graph
    )(store)


def build_picture(
    store: Graph, options: PictureOptions, graph: LevelGraph | None = None
) -> Picture:
    """The picture `options` ask for (from `graph`, the level's `level_graph`, if given).

    Raises:
        UsageError: an unknown level, or a depth or size cap below 1.
        TargetNotFoundError: `focus` names no indexed file or symbol, or several symbols.
    """
    _check(options)
    if graph is None:
        graph = level_graph(store, options.level)
    full = graph
    on_cycle = memoized(store, ("picture-cycles", options.level), lambda: _cycle_components(full))
    distance = dict.fromkeys(graph.nodes, _FAR)
    focus: set[str] = set()
    if options.focus is not None:
        focus = _focus_nodes(store, graph, options.level, options.focus)
        distance = _neighbourhood(graph, focus, options.depth)
    kept = [
        node
        for node in sorted(distance)
        if node in focus
        or (
            _under(graph.nodes[node].path, options.prefix)
            and (not options.cycles or node in on_cycle)
        )
    ]
    picture = _capped(graph, kept, focus, on_cycle, distance, options)
    if options.level != "file":
        return picture
    details = levels.file_details(store, [node.id for node in picture.nodes])
    nodes = tuple(replace(node, details=details.get(node.id, ())) for node in picture.nodes)
    return replace(picture, nodes=nodes)


def _check(options: PictureOptions) -> None:
    if options.level not in LEVELS:
        raise UsageError(f"unknown level {options.level!r}; choose from {', '.join(LEVELS)}")
    for name, value in (
        ("depth", options.depth),
        ("max nodes", options.max_nodes),
        ("max edges", options.max_edges),
    ):
        if value is not None and value < 1:
            raise UsageError(f"{name} must be at least 1, got {value}")


def _under(path: str | None, prefix: str | None) -> bool:
    if not prefix:
        return True
    # a package's folder counts as under `packages/core/` when it is `packages/core`
    return path is not None and (path + "/").startswith(prefix.removeprefix("./"))


def _focus_nodes(store: Graph, graph: LevelGraph, level: str, focus: str) -> set[str]:
    """The nodes standing for the focus file or symbol at this level."""
    path = focus.strip().removeprefix("./")
    if not store.files.exists(path):
        found = lookup(store, focus)
        if found.symbol is None:
            raise _not_found(focus, found)
        if level == "symbol":
            return levels.symbol_node_ids(store, found)
        path = found.symbol.file
    if level == "file":
        return {path}
    if level == "package":
        return {graph.owners[path]}
    return levels.file_node_ids(graph, path)


def _not_found(focus: str, found: Lookup) -> TargetNotFoundError:
    if found.matches:
        candidates = tuple(f"{m.file}:{m.qualified_name}" for m in found.matches)
        problem = f"{focus!r} names {len(found.matches)} symbols"
        return TargetNotFoundError(focus, problem, candidates, ambiguous=True)
    return TargetNotFoundError(
        focus,
        found.problem or f"no indexed file or symbol {focus!r}",
        found.suggestions,
        note=None if found.unparsed is None else found.unparsed.note(),
    )


def _neighbourhood(graph: LevelGraph, focus: set[str], depth: int) -> dict[str, int]:
    """Distance of every node within `depth` steps of the focus, along or against edges."""
    successors: dict[str, list[str]] = defaultdict(list)
    predecessors: dict[str, list[str]] = defaultdict(list)
    for source, target in sorted(graph.edges):
        successors[source].append(target)
        predecessors[target].append(source)
    start = sorted(focus)
    dependencies = reachable_by_depth(start, successors, depth)
    dependents = reachable_by_depth(start, predecessors, depth)
    return {
        node: min(dependencies.get(node, _FAR), dependents.get(node, _FAR))
        for node in dependencies.keys() | dependents.keys()
    }


def _cycle_components(graph: LevelGraph) -> dict[str, int]:
    """The strongly connected component of each node that lies on a cycle."""
    successors: dict[str, list[str]] = defaultdict(list)
    for source, target in sorted(graph.edges):
        successors[source].append(target)
    components = strongly_connected_components(sorted(graph.nodes), successors)
    return {
        node: number
        for number, component in enumerate(components)
        if len(component) > 1 or (component[0], component[0]) in graph.edges
        for node in component
    }


def _capped(
    graph: LevelGraph,
    kept: list[str],
    focus: set[str],
    on_cycle: dict[str, int],
    distance: dict[str, int],
    options: PictureOptions,
) -> Picture:
    """The picture of `kept`, cut to the caps: focus, nearest, cyclic and most connected nodes
    first, then cycle edges and the most used edges."""
    wanted = len(kept)
    if options.max_nodes is not None and len(kept) > options.max_nodes:
        degree: dict[str, int] = defaultdict(int)
        for source, target in graph.edges:
            degree[source] += 1
            degree[target] += 1
        ranked = sorted(
            kept, key=lambda n: (n not in focus, distance[n], n not in on_cycle, -degree[n], n)
        )
        kept = ranked[: options.max_nodes]
    chosen = set(kept)
    edges = [
        PictureEdge(
            source,
            target,
            bool(type_only),
            source in on_cycle and on_cycle[source] == on_cycle.get(target),
            count,
        )
        for (source, target), (type_only, count) in graph.edges.items()
        if source in chosen and target in chosen
    ]
    wanted_edges = len(edges)
    if options.max_edges is not None and len(edges) > options.max_edges:
        edges.sort(key=lambda e: (not e.cycle, -e.count, e.source, e.target))
        edges = edges[: options.max_edges]
    nodes = [
        PictureNode(
            info.id,
            info.label,
            info.group,
            info.kind,
            info.id in focus,
            info.id in on_cycle,
            info.details,
        )
        for info in (graph.nodes[node] for node in kept)
    ]
    return Picture(
        options.level,
        picture_title(options),
        tuple(sorted(nodes, key=lambda n: (n.group, n.id))),
        tuple(sorted(edges, key=lambda e: (e.source, e.target))),
        wanted - len(nodes),
        wanted_edges - len(edges),
    )


def picture_title(options: PictureOptions) -> str:
    """A one-line caption: the level and every narrowing asked for."""
    parts = [
        {"file": "file imports", "package": "package imports", "symbol": "symbol uses"}[
            options.level
        ]
    ]
    if options.focus is not None:
        parts.append(f"around {options.focus} (depth {options.depth})")
    if options.prefix:
        parts.append(f"under {options.prefix}")
    if options.cycles:
        parts.append("cycles only")
    return ", ".join(parts)
