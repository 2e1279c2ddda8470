"""The graph to draw at each level: files, packages or symbols, read from the store.

Each builder returns a `LevelGraph`: every node of the level (with the path it lives at,
for `--filter`) and one merged edge per (source, target). An edge is type-only when every
import or use that makes it is type-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from code_graph.query.address import Lookup
from code_graph.query.export import symbol_key
from code_graph.query.ports import Graph
from code_graph.records import SymbolRecord

TYPE_EDGE_KINDS = frozenset({"type", "implements"})  # as in impact: uses that vanish at runtime
ROOT_PACKAGE = "(root)"
EXTERNAL_GROUP = "external packages"
BUILTIN_GROUP = "node builtins"
WORKSPACE_GROUP = "workspace packages"


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """A node before focus and cycles are known."""

    id: str
    label: str
    group: str
    kind: str  # file, workspace, external, builtin, module, or a symbol kind
    path: str | None  # where it lives (None: outside the project)
    details: tuple[str, ...] = ()


@dataclass(slots=True)
class LevelGraph:
    """Nodes by id, merged edges ((source, target) → [all type-only, statements]) and, at the
    package level, the package node of each file."""

    nodes: dict[str, NodeInfo] = field(default_factory=dict)
    edges: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)

    def connect(self, source: str, target: str, type_only: bool) -> None:
        merged = self.edges.setdefault((source, target), [1, 0])
        merged[0] = merged[0] and int(type_only)
        merged[1] += 1


def file_graph(store: Graph) -> LevelGraph:
    """Every indexed file; an edge per importer → imported file. Details (each file's
    top-level symbols) are read later, for the files drawn only (`file_details`)."""
    graph = LevelGraph()
    paths = store.files.paths_by_id()
    for path in sorted(paths.values()):
        folder, _, name = path.rpartition("/")
        graph.nodes[path] = NodeInfo(path, name, folder or ".", "file", path)
    for edge in store.imports.file_edges():
        graph.connect(paths[edge.importer_id], paths[edge.target_id], edge.type_only)
    return graph


def file_details(store: Graph, paths: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The lines shown for each file node: its top-level symbols."""
    details: dict[str, list[str]] = {}
    for symbol in store.symbols.top_level_in(list(paths)):
        details.setdefault(symbol.file, []).append(
            f"{symbol.kind} {symbol.qualified_name} :{symbol.line}"
        )
    return {path: tuple(lines) for path, lines in details.items()}


def package_graph(store: Graph) -> LevelGraph:
    """Workspace packages and the external packages they import; an edge per import between
    two packages (imports inside one package are left out)."""
    graph = LevelGraph()
    directories = {p.directory: p.name for p in store.files.workspace_packages()}
    owner = graph.owners
    members: dict[str, int] = {}
    paths = store.files.paths_by_id()
    for path in sorted(paths.values()):
        owner[path] = package_of(path, directories)
        members[owner[path]] = members.get(owner[path], 0) + 1
    for directory, name in directories.items():
        if name in members:
            details = (f"folder {directory}", f"{members[name]} files")
            graph.nodes[name] = NodeInfo(
                name, name, WORKSPACE_GROUP, "workspace", directory, details
            )
    if ROOT_PACKAGE in members:
        graph.nodes[ROOT_PACKAGE] = NodeInfo(
            ROOT_PACKAGE,
            ROOT_PACKAGE,
            WORKSPACE_GROUP,
            "workspace",
            "",
            (f"{members[ROOT_PACKAGE]} files outside any workspace package",),
        )
    for edge in store.imports.file_edges():
        source, target = owner[paths[edge.importer_id]], owner[paths[edge.target_id]]
        if source != target:
            graph.connect(source, target, edge.type_only)
    for record in store.imports.of_packages():
        package, method = record.package or "", record.method or ""
        if package not in graph.nodes:
            group = BUILTIN_GROUP if method == "builtin" else EXTERNAL_GROUP
            graph.nodes[package] = NodeInfo(package, package, group, method, None)
        graph.connect(owner[record.file], package, record.type_only)
    return graph


def package_of(path: str, directories: dict[str, str]) -> str:
    """The workspace package whose folder holds `path` (the deepest one), else the root."""
    folder = path
    while "/" in folder:
        folder = folder.rpartition("/")[0]
        if folder in directories:
            return directories[folder]
    return ROOT_PACKAGE


def symbol_graph(store: Graph) -> LevelGraph:
    """Top-level symbols (a member's uses count for its class, interface or namespace) and each
    file's top-level code; an edge per use (call, new, extends, implements, type, JSX)."""
    graph = LevelGraph()
    symbols = store.symbols.all()
    top = _top_level_keys(symbols)
    for symbol in symbols:
        if symbol.parent_id is None and top[symbol.id] not in graph.nodes:
            graph.nodes[top[symbol.id]] = NodeInfo(
                top[symbol.id],
                symbol.name,
                symbol.file,
                symbol.kind,
                symbol.file,
                (f"{symbol.kind} {symbol.qualified_name} {symbol.file}:{symbol.line}",),
            )
    for use in store.edges.uses():
        source = top[use.source_id] if use.source_id is not None else _module_node(graph, use.file)
        target = top[use.target_id]
        if source != target:
            graph.connect(source, target, use.kind in TYPE_EDGE_KINDS)
    return graph


def symbol_node_ids(store: Graph, found: Lookup) -> set[str]:
    """The symbol-level node of the symbol `found` names: its top-level ancestor's key."""
    nodes = set()
    for match in found.matches:
        symbol = match
        while symbol.parent_id is not None:
            symbol = store.symbols.by_ids([symbol.parent_id])[symbol.parent_id]
        nodes.add(symbol_key(symbol.file, symbol.qualified_name, symbol.kind))
    return nodes


def file_node_ids(graph: LevelGraph, path: str) -> set[str]:
    """The symbol-level nodes of one file: its top-level symbols and top-level code."""
    return {node.id for node in graph.nodes.values() if node.path == path}


def _top_level_keys(symbols: Iterable[SymbolRecord]) -> dict[int, str]:
    """Each symbol's top-level ancestor, as that ancestor's stable key."""
    parents: dict[int, int | None] = {}
    keys: dict[int, str] = {}
    for symbol in symbols:
        parents[symbol.id] = symbol.parent_id
        keys[symbol.id] = symbol_key(symbol.file, symbol.qualified_name, symbol.kind)
    top: dict[int, str] = {}
    for symbol_id, parent in parents.items():
        ancestor = symbol_id
        while parent is not None:
            ancestor, parent = parent, parents.get(parent)
        top[symbol_id] = keys[ancestor]
    return top


def _module_node(graph: LevelGraph, path: str) -> str:
    node_id = f"{path}#(top level)"
    if node_id not in graph.nodes:
        name = path.rpartition("/")[2]
        details = (f"top-level code of {path}",)
        graph.nodes[node_id] = NodeInfo(
            node_id, f"{name} (top level)", path, "module", path, details
        )
    return node_id
