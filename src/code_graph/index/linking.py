"""The linking step of an index run: import bindings and references become symbol edges."""

from __future__ import annotations

from collections import defaultdict

from code_graph.link.exports import Binding, ExportIndex, ModuleInterface, Reexport
from code_graph.link.references import (
    Edge,
    LinkMethod,
    ReferenceLinker,
    ReferenceRow,
    SymbolRow,
    SymbolTable,
)
from code_graph.model import NAMESPACE_NAME, ImportKind
from code_graph.store import reads
from code_graph.store.sqlite import EdgeRow, Store


def link_project(store: Store) -> int:
    """Recompute every symbol edge from the store's facts; returns how many were written."""
    symbols = [SymbolRow(*row) for row in reads.link_symbols(store)]
    table = SymbolTable(symbols, reads.script_files(store))
    bindings: dict[str, dict[str, Binding]] = defaultdict(dict)
    reexports: dict[str, list[Reexport]] = defaultdict(list)
    import_sites: list[tuple[str, str, Binding | Reexport, int]] = []
    for path, kind, name, alias, target, line in reads.link_import_names(store):
        if kind == ImportKind.REEXPORT:
            reexport = _reexport(name, alias, target)
            reexports[path].append(reexport)
            import_sites.append((path, "re-export", reexport, line))
        else:
            binding = Binding(target, name)
            bindings[path][alias if alias is not None else name] = binding
            import_sites.append((path, "import", binding, line))
    own: dict[str, dict[str, str | None]] = defaultdict(dict)
    for path, exported, local in reads.link_own_exports(store):
        own[path].setdefault(exported, local)
    files = set(table.by_file) | set(bindings) | set(reexports) | set(own)
    modules = {
        path: ModuleInterface(
            path,
            own.get(path, {}),
            tuple(reexports.get(path, ())),
            bindings.get(path, {}),
            table.by_file.get(path, {}),
        )
        for path in files
    }
    exports = ExportIndex(modules)
    linker = ReferenceLinker(table, exports, bindings)
    edges = linker.link(ReferenceRow(*row) for row in reads.link_references(store))
    edges.extend(_import_edges(exports, import_sites))
    store.replace_edges(
        EdgeRow(e.source_id, e.target_id, e.file, e.kind, e.method.value, e.line, e.column, e.via)
        for e in edges
    )
    return len(edges)


def _reexport(name: str, alias: str | None, target: str | None) -> Reexport:
    if name == NAMESPACE_NAME and alias is None:  # export * from
        return Reexport(None, NAMESPACE_NAME, target)
    return Reexport(alias if alias is not None else name, name, target)


def _import_edges(
    exports: ExportIndex, sites: list[tuple[str, str, Binding | Reexport, int]]
) -> list[Edge]:
    """An edge from each import or re-export specifier to the symbol it brings in."""
    edges = []
    for path, kind, site, line in sites:
        if isinstance(site, Reexport):
            if site.exported is None:
                continue  # `export *` names nothing by itself
            definition = exports.resolve_binding(Binding(site.target, site.imported))
        else:
            definition = exports.resolve_binding(site)
        if definition is None or definition.symbol_id is None:
            continue
        method = LinkMethod.REEXPORT if definition.via else LinkMethod.IMPORT
        edges.append(Edge(None, definition.symbol_id, kind, method, path, line, 1, definition.via))
    return edges
