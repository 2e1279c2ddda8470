"""The linking step: import bindings and references become symbol edges.

`link_project` relinks everything with every symbol in memory (a full index);
`link_files` relinks a few files, loading only the symbols and modules it touches from the
store (an incremental update). Both run the same pure linker, so they agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple, TypeVar

from code_graph.link.exports import Binding, ExportIndex, ModuleInterface, Reexport
from code_graph.link.references import (
    Edge,
    LinkMethod,
    ReferenceLinker,
    ReferenceRow,
    SymbolRow,
    SymbolSource,
    SymbolTable,
    describe,
)
from code_graph.model import NAMESPACE_NAME, ImportKind, LinkFailure
from code_graph.store import reads
from code_graph.store.sqlite import EdgeRow, Store

T = TypeVar("T")
ImportNameRow = tuple[
    str, str, str, str | None, str | None, int, int
]  # path, kind, name, alias, target, line, column (of the name as written)


class _ImportSite(NamedTuple):
    file: str
    kind: str  # "import" or "re-export"
    site: Binding | Reexport
    line: int
    column: int


class _ModuleBuilder:
    """Collects a file's import names and own exports into a ModuleInterface."""

    def __init__(self) -> None:
        self.bindings: dict[str, dict[str, Binding]] = defaultdict(dict)
        self.reexports: dict[str, list[Reexport]] = defaultdict(list)
        self.own: dict[str, dict[str, str | None]] = defaultdict(dict)
        self.sites: list[_ImportSite] = []

    def add_import_names(self, rows: Iterable[ImportNameRow]) -> None:
        for path, kind, name, alias, target, line, column in rows:
            if kind == ImportKind.REEXPORT:
                reexport = _reexport(name, alias, target)
                self.reexports[path].append(reexport)
                self.sites.append(_ImportSite(path, "re-export", reexport, line, column))
            else:
                binding = Binding(target, name)
                self.bindings[path][alias if alias is not None else name] = binding
                self.sites.append(_ImportSite(path, "import", binding, line, column))

    def add_own_exports(self, path: str, rows: Iterable[tuple[str, str | None]]) -> None:
        for exported, local in rows:
            self.own[path].setdefault(exported, local)

    def module(self, path: str, symbols: Mapping[str, int]) -> ModuleInterface:
        return ModuleInterface(
            path,
            self.own.get(path, {}),
            tuple(self.reexports.get(path, ())),
            self.bindings.get(path, {}),
            symbols,
        )


def link_project(store: Store) -> int:
    """Recompute every symbol edge from the store's facts; returns how many were written."""
    table = SymbolTable(
        (SymbolRow(*row) for row in reads.link_symbols(store)), reads.script_files(store)
    )
    builder = _ModuleBuilder()
    builder.add_import_names(reads.link_import_names(store))
    own_rows: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for path, exported, local in reads.link_own_exports(store):
        own_rows[path].append((exported, local))
    for path, rows in own_rows.items():
        builder.add_own_exports(path, rows)
    files = set(table.by_file) | set(builder.bindings) | set(builder.reexports) | set(own_rows)
    modules = {path: builder.module(path, table.scope(path)) for path in files}
    exports = ExportIndex(modules)
    linker = ReferenceLinker(table, exports)
    file_ids = store.file_ids()
    store.clear_edges()
    written = 0
    with store.bulk_load(["edges"]):
        # Extends clauses first (everywhere), so `this.m()` and `super.m()` can follow bases;
        # then the rest in batches: the edges never all sit in memory.
        for extends in (True, False):
            references = reads.link_references(store, extends=extends)
            for batch in _batches(map(ReferenceRow._make, references), LINK_BATCH):
                written += _insert(store, _edge_rows(linker.link(batch), file_ids))
                linker.forget_names()
        for sites in _batches(builder.sites, LINK_BATCH):
            edges = _import_edges(exports, table, sites, linker.failures)
            written += _insert(store, _edge_rows(edges, file_ids))
    store.insert_link_failures(linker.failures)
    return written


LINK_BATCH = 20_000


def _insert(store: Store, rows: list[EdgeRow]) -> int:
    store.insert_edges(rows)
    return len(rows)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def link_files(store: Store, files: Iterable[str]) -> int:
    """Relink the references and import sites written in `files`; returns the edge count."""
    paths = sorted(set(files))
    modules = _StoreModules(store)
    symbols = _StoreSymbols(store)
    exports = ExportIndex(modules)
    store.delete_edges_of(paths)
    references = [ReferenceRow(*row) for path in paths for row in reads.references_of(store, path)]
    linker = ReferenceLinker(symbols, exports)
    edges = linker.link(references)
    sites = [site for path in paths for site in modules.sites(path)]
    edges.extend(_import_edges(exports, symbols, sites, linker.failures))
    store.insert_link_failures(linker.failures)
    return _insert(store, _edge_rows(edges, store.file_ids(paths)))


class _StoreModules:
    """Module interfaces loaded from the store on first use."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._modules: dict[str, tuple[ModuleInterface, list[_ImportSite]] | None] = {}

    def get(self, path: str, /) -> ModuleInterface | None:
        loaded = self._load(path)
        return loaded[0] if loaded is not None else None

    def sites(self, path: str) -> list[_ImportSite]:
        loaded = self._load(path)
        return loaded[1] if loaded is not None else []

    def _load(self, path: str) -> tuple[ModuleInterface, list[_ImportSite]] | None:
        if path not in self._modules:
            scope = dict(reversed(reads.scope_of(self._store, path)))  # lowest id wins
            builder = _ModuleBuilder()
            builder.add_import_names(reads.import_names_of(self._store, path))
            builder.add_own_exports(path, reads.own_exports_of(self._store, path))
            known = scope or builder.sites or builder.own
            self._modules[path] = (builder.module(path, scope), builder.sites) if known else None
        return self._modules[path]


class _StoreSymbols:
    """Symbol lookups answered from the store, cached for one linking run."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._symbols: dict[int, SymbolRow | None] = {}
        self._scopes: dict[str, dict[str, int]] = {}
        self._members: dict[int, dict[str, int]] = {}
        self._same: dict[int, list[int]] = {}
        self._globals: dict[str, list[int]] = {}

    def symbol(self, symbol_id: int) -> SymbolRow | None:
        if symbol_id not in self._symbols:
            row = reads.link_symbol(self._store, symbol_id)
            self._symbols[symbol_id] = SymbolRow(*row) if row is not None else None
        return self._symbols[symbol_id]

    def scope(self, file: str) -> Mapping[str, int]:
        if file not in self._scopes:
            self._scopes[file] = dict(reversed(reads.scope_of(self._store, file)))
        return self._scopes[file]

    def members(self, symbol_id: int) -> Mapping[str, int]:
        if symbol_id not in self._members:
            self._members[symbol_id] = dict(reversed(reads.members_of(self._store, symbol_id)))
        return self._members[symbol_id]

    def globals_named(self, name: str) -> Sequence[int]:
        if name not in self._globals:
            self._globals[name] = reads.global_symbols_named(self._store, name)
        return self._globals[name]

    def base_of(self, class_id: int) -> int | None:
        return reads.linked_base(self._store, class_id)

    def same_named(self, symbol_id: int) -> Sequence[int]:
        if symbol_id not in self._same:
            self._same[symbol_id] = reads.same_named(self._store, symbol_id)
        return self._same[symbol_id]


def _reexport(name: str, alias: str | None, target: str | None) -> Reexport:
    if name == NAMESPACE_NAME and alias is None:  # export * from
        return Reexport(None, NAMESPACE_NAME, target)
    return Reexport(alias if alias is not None else name, name, target)


def _import_edges(
    exports: ExportIndex,
    symbols: SymbolSource,
    sites: Iterable[_ImportSite],
    failures: list[LinkFailure],
) -> list[Edge]:
    """An edge from each import or re-export specifier to the symbol it brings in (to each
    declaration of a merged name such as `interface X` + `const X`: the import brings both).
    A specifier whose lookup raises is recorded in `failures` and left unlinked."""
    edges: list[Edge] = []
    for item in sites:
        site = item.site
        if isinstance(site, Reexport) and site.exported is None:
            continue  # `export *` names nothing by itself
        binding = Binding(site.target, site.imported) if isinstance(site, Reexport) else site
        try:
            definition = exports.resolve_binding(binding)
        except Exception as e:  # a defect of ours must cost one import name, not the index
            failures.append(LinkFailure(item.file, item.line, binding.imported, describe(e)))
            continue
        if definition is None or definition.symbol_id is None:
            continue
        method = LinkMethod.REEXPORT if definition.via else LinkMethod.IMPORT
        edges.extend(
            Edge(
                None,
                target,
                item.kind,
                method,
                item.file,
                item.line,
                item.column,
                definition.via,
            )
            for target in symbols.same_named(definition.symbol_id) or (definition.symbol_id,)
        )
    return edges


def _edge_rows(edges: Iterable[Edge], file_ids: Mapping[str, int]) -> list[EdgeRow]:
    return [
        EdgeRow(
            e.source_id,
            e.target_id,
            file_ids[e.file],
            e.kind,
            e.method,
            e.line,
            e.column,
            "\n".join(e.via) or None,
        )
        for e in edges
    ]
