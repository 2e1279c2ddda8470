"""Module interfaces from stored facts, and the edges of import and re-export sites.

`ModuleBuilder` turns import names and own exports into `ModuleInterface`s (every file's at
once for a full link); `StoredModules` and `CachedSymbols` answer an incremental link from
the store, asking each question once per run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from code_graph.errors import describe
from code_graph.link.exports import Binding, ExportIndex, ModuleInterface, Reexport
from code_graph.link.ports import ImportName, LinkFacts, LinkSymbol, OwnExport, SymbolSource
from code_graph.link.references import Edge, LinkFailure, LinkMethod
from code_graph.model import NAMESPACE_NAME, ImportKind
from code_graph.records import FileId, SymbolId


class ImportSite(NamedTuple):
    """Where an import or re-export names something: its edge starts there."""

    file: FileId
    kind: str  # "import" or "re-export"
    site: Binding | Reexport
    line: int
    column: int  # of the name as written


class ModuleBuilder:
    """Collects files' import names and own exports into ModuleInterfaces."""

    def __init__(self) -> None:
        self.bindings: dict[FileId, dict[str, Binding]] = defaultdict(dict)
        self.reexports: dict[FileId, list[Reexport]] = defaultdict(list)
        self.own: dict[FileId, dict[str, str | None]] = defaultdict(dict)
        self.sites: list[ImportSite] = []

    def add_import_names(self, names: Iterable[ImportName]) -> None:
        for file, kind, name, alias, target, line, column in names:
            if kind == ImportKind.REEXPORT:
                reexport = _reexport(name, alias, target)
                self.reexports[file].append(reexport)
                self.sites.append(ImportSite(file, "re-export", reexport, line, column))
            else:
                binding = Binding(target, name)
                self.bindings[file][alias if alias is not None else name] = binding
                self.sites.append(ImportSite(file, "import", binding, line, column))

    def add_own_exports(self, exports: Iterable[OwnExport]) -> None:
        for file, exported, local in exports:
            self.own[file].setdefault(exported, local)

    def files(self) -> set[FileId]:
        """Every file with an import name or an own export."""
        return set(self.bindings) | set(self.reexports) | set(self.own)

    def module(self, file: FileId, symbols: Mapping[str, SymbolId]) -> ModuleInterface:
        return ModuleInterface(
            file,
            self.own.get(file, {}),
            tuple(self.reexports.get(file, ())),
            self.bindings.get(file, {}),
            symbols,
        )


def _reexport(name: str, alias: str | None, target: FileId | None) -> Reexport:
    if name == NAMESPACE_NAME and alias is None:  # export * from
        return Reexport(None, NAMESPACE_NAME, target)
    return Reexport(alias if alias is not None else name, name, target)


def import_edges(
    exports: ExportIndex,
    symbols: SymbolSource,
    sites: Iterable[ImportSite],
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
            Edge(None, target, item.kind, method, item.file, item.line, item.column, definition.via)
            for target in symbols.same_named(definition.symbol_id) or (definition.symbol_id,)
        )
    return edges


class StoredModules:
    """Module interfaces built from the store on first use (a ModuleSource)."""

    def __init__(self, facts: LinkFacts, symbols: SymbolSource) -> None:
        self._facts = facts
        self._symbols = symbols
        self._modules: dict[FileId, tuple[ModuleInterface, list[ImportSite]] | None] = {}

    def get(self, file: FileId, /) -> ModuleInterface | None:
        loaded = self._load(file)
        return loaded[0] if loaded is not None else None

    def sites(self, file: FileId) -> list[ImportSite]:
        loaded = self._load(file)
        return loaded[1] if loaded is not None else []

    def _load(self, file: FileId) -> tuple[ModuleInterface, list[ImportSite]] | None:
        if file not in self._modules:
            scope = self._symbols.scope(file)
            builder = ModuleBuilder()
            builder.add_import_names(self._facts.import_names(file))
            builder.add_own_exports(self._facts.own_exports(file))
            known = scope or builder.sites or builder.own
            self._modules[file] = (builder.module(file, scope), builder.sites) if known else None
        return self._modules[file]


class CachedSymbols:
    """A SymbolSource that asks another (the store) each question once."""

    def __init__(self, source: SymbolSource) -> None:
        self._source = source
        self._symbols: dict[SymbolId, LinkSymbol | None] = {}
        self._scopes: dict[FileId, Mapping[str, SymbolId]] = {}
        self._members: dict[SymbolId, Mapping[str, SymbolId]] = {}
        self._same: dict[SymbolId, Sequence[SymbolId]] = {}
        self._globals: dict[str, Sequence[SymbolId]] = {}

    def symbol(self, symbol_id: SymbolId) -> LinkSymbol | None:
        if symbol_id not in self._symbols:
            self._symbols[symbol_id] = self._source.symbol(symbol_id)
        return self._symbols[symbol_id]

    def scope(self, file: FileId) -> Mapping[str, SymbolId]:
        if file not in self._scopes:
            self._scopes[file] = self._source.scope(file)
        return self._scopes[file]

    def members(self, symbol_id: SymbolId) -> Mapping[str, SymbolId]:
        if symbol_id not in self._members:
            self._members[symbol_id] = self._source.members(symbol_id)
        return self._members[symbol_id]

    def globals_named(self, name: str) -> Sequence[SymbolId]:
        if name not in self._globals:
            self._globals[name] = self._source.globals_named(name)
        return self._globals[name]

    def base_of(self, class_id: SymbolId) -> SymbolId | None:
        return self._source.base_of(class_id)

    def same_named(self, symbol_id: SymbolId) -> Sequence[SymbolId]:
        if symbol_id not in self._same:
            self._same[symbol_id] = self._source.same_named(symbol_id)
        return self._same[symbol_id]
