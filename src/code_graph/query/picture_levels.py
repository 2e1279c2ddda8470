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
from code_graph.resolve import DiskFileSystem, ModuleResolver
from code_graph.store import reads
from code_graph.store.sqlite import Store

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


def file_graph(store: Store) -> LevelGraph:
    """Every indexed file; an edge per importer → imported file. Details (each file's
    top-level symbols) are read later, for the files drawn only (`file_details`)."""
    graph = LevelGraph()
    for path in reads.file_paths(store):
        folder, _, name = path.rpartition("/")
        graph.nodes[path] = NodeInfo(path, name, folder or ".", "file", path)
    for importer, target, type_only in reads.file_import_pairs(store):
        graph.connect(importer, target, bool(type_only))
    return graph


def file_details(store: Store, paths: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The lines shown for each file node: its top-level symbols."""
    details: dict[str, list[str]] = {}
    for symbol in reads.top_level_symbols_of(store, list(paths)):
        details.setdefault(symbol.file, []).append(
            f"{symbol.kind} {symbol.qualified_name} :{symbol.line}"
        )
    return {path: tuple(lines) for path, lines in details.items()}


def package_graph(store: Store) -> LevelGraph:
    """Workspace packages and the external packages they import; an edge per import between
    two packages (imports inside one package are left out)."""
    graph = LevelGraph()
    directories = workspace_directories(store)
    owner = graph.owners
    members: dict[str, int] = {}
    for path in reads.file_paths(store):
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
    for importer, imported, type_only in reads.file_import_pairs(store):
        source, target = owner[importer], owner[imported]
        if source != target:
            graph.connect(source, target, bool(type_only))
    for importer, package, method, type_only in reads.package_imports(store):
        if package not in graph.nodes:
            group = BUILTIN_GROUP if method == "builtin" else EXTERNAL_GROUP
            graph.nodes[package] = NodeInfo(package, package, group, method, None)
        graph.connect(owner[importer], package, type_only)
    return graph


def workspace_directories(store: Store) -> dict[str, str]:
    """Workspace package name by its root-relative folder, as the resolver discovers them."""
    resolver = ModuleResolver(
        DiskFileSystem(reads.project_root(store)),
        reads.file_paths(store),
        reads.config_files(store),
    )
    packages = sorted(resolver.workspace_packages.values(), key=lambda p: p.directory)
    return {package.directory: package.name for package in packages}


def package_of(path: str, directories: dict[str, str]) -> str:
    """The workspace package whose folder holds `path` (the deepest one), else the root."""
    folder = path
    while "/" in folder:
        folder = folder.rpartition("/")[0]
        if folder in directories:
            return directories[folder]
    return ROOT_PACKAGE


def symbol_graph(store: Store) -> LevelGraph:
    """Top-level symbols (a member's uses count for its class, interface or namespace) and each
    file's top-level code; an edge per use (call, new, extends, implements, type, JSX)."""
    graph = LevelGraph()
    symbols = reads.picture_symbols(store)
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
    for source_id, target_id, path, kind in reads.symbol_links(store):
        source = top[source_id] if source_id is not None else _module_node(graph, path)
        target = top[target_id]
        if source != target:
            graph.connect(source, target, kind in TYPE_EDGE_KINDS)
    return graph


def symbol_node_ids(store: Store, found: Lookup) -> set[str]:
    """The symbol-level node of the symbol `found` names: its top-level ancestor's key."""
    nodes = set()
    for match in found.matches:
        symbol = match
        while symbol.parent_id is not None:
            symbol = reads.symbols_by_ids(store, [symbol.parent_id])[symbol.parent_id]
        nodes.add(symbol_key(symbol.file, symbol.qualified_name, symbol.kind))
    return nodes


def file_node_ids(graph: LevelGraph, path: str) -> set[str]:
    """The symbol-level nodes of one file: its top-level symbols and top-level code."""
    return {node.id for node in graph.nodes.values() if node.path == path}


def _top_level_keys(symbols: Iterable[reads.PictureSymbol]) -> dict[int, str]:
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
