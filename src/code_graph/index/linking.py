"""The linking step: import bindings and references become symbol edges.

`link_project` relinks everything with every symbol in memory (a full index);
`link_files` relinks a few files, asking the store only about the symbols and modules it
touches (an incremental update). Both run the same pure linker on the same reads
(`Store.link`, a `LinkFacts`), so they agree. Files are named by id throughout; paths appear
only where an edge's `via` is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import TypeVar

from code_graph.link.exports import ExportIndex
from code_graph.link.modules import CachedSymbols, ModuleBuilder, StoredModules, import_edges
from code_graph.link.references import Edge, LinkFailure, ReferenceLinker, SymbolTable
from code_graph.records import FileId
from code_graph.store import Store
from code_graph.store.writes import EdgeRow, LinkFailureRow

T = TypeVar("T")
LINK_BATCH = 20_000


def link_project(store: Store) -> int:
    """Recompute every symbol edge from the store's facts; returns how many were written."""
    facts = store.link
    table = SymbolTable(facts.symbols(), facts.script_files())
    builder = ModuleBuilder()
    builder.add_import_names(facts.import_names())
    builder.add_own_exports(facts.own_exports())
    files = set(table.by_file) | builder.files()
    exports = ExportIndex({file: builder.module(file, table.scope(file)) for file in files})
    linker = ReferenceLinker(table, exports)
    paths = store.files.paths_by_id()
    store.write.clear_edges()
    written = 0
    with store.write.bulk_load(["edges"]):
        # Extends clauses first (everywhere), so `this.m()` and `super.m()` can follow bases;
        # then the rest in batches: the edges never all sit in memory.
        for extends in (True, False):
            for batch in _batches(facts.references(extends=extends), LINK_BATCH):
                written += _insert(store, linker.link(batch), paths)
                linker.forget_names()
        for sites in _batches(builder.sites, LINK_BATCH):
            written += _insert(store, import_edges(exports, table, sites, linker.failures), paths)
    _record(store, linker.failures)
    return written


def link_files(store: Store, files: Iterable[FileId]) -> int:
    """Relink the references and import sites written in `files`; returns the edge count."""
    ids = sorted(set(files))
    symbols = CachedSymbols(store.link)
    modules = StoredModules(store.link, symbols)
    exports = ExportIndex(modules)
    store.write.delete_edges_of(ids)
    references = [ref for file in ids for ref in store.link.references(file=file)]
    linker = ReferenceLinker(symbols, exports)
    edges = linker.link(references)
    sites = [site for file in ids for site in modules.sites(file)]
    edges.extend(import_edges(exports, symbols, sites, linker.failures))
    _record(store, linker.failures)
    via = sorted({file for edge in edges for file in edge.via})
    return _insert(store, edges, store.files.paths_of(via))


def _insert(store: Store, edges: list[Edge], paths: Mapping[FileId, str]) -> int:
    """Write `edges`; `paths` names the files their `via` passes through."""
    store.write.insert_edges(
        EdgeRow(
            e.source_id,
            e.target_id,
            e.file,
            e.kind,
            e.method,
            e.line,
            e.column,
            "\n".join([paths[file] for file in e.via]) or None,
        )
        for e in edges
    )
    return len(edges)


def _record(store: Store, failures: list[LinkFailure]) -> None:
    store.write.insert_link_failures(LinkFailureRow(*failure) for failure in failures)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):  # islice: no Python step per item
        yield batch
