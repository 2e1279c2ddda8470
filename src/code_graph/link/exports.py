"""Following an exported name through barrels to the symbol that really defines it.

Pure: works on ModuleInterface values (what each file exports, re-exports and imports),
built by the caller from the store. Handles `export *`, `export * as ns`,
`export { a as b } from`, `export { default as X } from`, `export { a }` of an imported
binding, `export =` / `module.exports =`, and cycles between barrels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from code_graph.model import DEFAULT_NAME, EXPORT_EQUALS_NAME, NAMESPACE_NAME
from code_graph.records import FileId


class Binding(NamedTuple):
    """A name bound in a file by an import: `imported` from `target` (None: not internal)."""

    target: FileId | None
    imported: str


class Reexport(NamedTuple):
    """`export { imported as exported } from target`; `exported` None means `export *`."""

    exported: str | None
    imported: str
    target: FileId | None


@dataclass(frozen=True, slots=True)
class ModuleInterface:
    file: FileId
    own_exports: Mapping[str, str | None] = field(default_factory=dict)  # exported -> local
    reexports: tuple[Reexport, ...] = ()
    bindings: Mapping[str, Binding] = field(default_factory=dict)  # local name -> import
    symbols: Mapping[str, int] = field(default_factory=dict)  # qualified name -> symbol id


class Definition(NamedTuple):
    """Where an exported name ends up.

    `symbol_id` is None when the name is a whole module (`export * as ns`), or when the
    defining file exports an expression that has no symbol. `via` lists the files passed
    through before `file`, in order (empty for a direct export).
    """

    file: FileId
    symbol_id: int | None
    via: tuple[FileId, ...] = ()
    is_namespace: bool = False


class ModuleSource(Protocol):
    """Where module interfaces come from: a dict for a full link, a store adapter otherwise."""

    def get(self, file: FileId, /) -> ModuleInterface | None: ...


class ExportIndex:
    """Answers "what does `file` export as `name`?" with memoised, cycle-safe chasing."""

    def __init__(self, modules: ModuleSource) -> None:
        self._modules = modules
        self._memo: dict[tuple[FileId, str], Definition | None] = {}
        self._names: dict[FileId, frozenset[str] | None] = {}

    def module(self, file: FileId) -> ModuleInterface | None:
        return self._modules.get(file)

    def find(self, file: FileId, name: str) -> Definition | None:
        """The definition behind `name` exported by `file`, or None if it exports no such name."""
        return self._find(file, name, frozenset())

    def resolve_binding(self, binding: Binding) -> Definition | None:
        """The definition an import binding refers to (a module for namespace imports)."""
        if binding.target is None:
            return None
        if binding.imported == NAMESPACE_NAME:
            return Definition(binding.target, None, is_namespace=True)
        return self.find(binding.target, binding.imported)

    def _find(
        self, file: FileId, name: str, visiting: frozenset[tuple[FileId, str]]
    ) -> Definition | None:
        key = (file, name)
        if key in self._memo:
            return self._memo[key]
        if key in visiting:
            return None  # a cycle of barrels: the name is not defined along this path
        found = self._search(file, name, visiting | {key})
        self._memo[key] = found
        return found

    def _search(
        self, file: FileId, name: str, visiting: frozenset[tuple[FileId, str]]
    ) -> Definition | None:
        module = self._modules.get(file)
        if module is None:
            return None
        if name in module.own_exports:
            whole = name == EXPORT_EQUALS_NAME
            return self._own(module, module.own_exports[name], visiting, whole=whole)
        for reexport in module.reexports:
            if reexport.exported == name:
                return self._through(module, reexport.target, reexport.imported, visiting)
        if name == DEFAULT_NAME and EXPORT_EQUALS_NAME in module.own_exports:
            local = module.own_exports[EXPORT_EQUALS_NAME]
            return self._own(module, local, visiting, whole=True)
        if name != DEFAULT_NAME:
            for reexport in module.reexports:
                if reexport.exported is None and reexport.target is not None:
                    names = self._exported_names(reexport.target)
                    if names is not None and name not in names:
                        continue  # a barrel's `export *` fan-out: skip modules without it
                    found = self._through(module, reexport.target, name, visiting)
                    if found is not None:
                        return found
        return None

    def _exported_names(self, file: FileId) -> frozenset[str] | None:
        """Every name `file` may export, or None when unknown (a cycle of `export *`)."""
        if file not in self._names:
            self._names[file] = None  # while in progress: a cycle back here learns nothing
            self._names[file] = self._collect_names(self._modules.get(file))
        return self._names[file]

    def _collect_names(self, module: ModuleInterface | None) -> frozenset[str] | None:
        if module is None:
            return frozenset()
        names = set(module.own_exports)
        if EXPORT_EQUALS_NAME in module.own_exports:
            names.add(DEFAULT_NAME)
        for reexport in module.reexports:
            if reexport.exported is not None:
                names.add(reexport.exported)
            elif reexport.target is not None:
                starred = self._exported_names(reexport.target)
                if starred is None:
                    return None
                names |= starred - {DEFAULT_NAME}
        return frozenset(names)

    def _own(
        self,
        module: ModuleInterface,
        local: str | None,
        visiting: frozenset[tuple[FileId, str]],
        *,
        whole: bool = False,
    ) -> Definition | None:
        """What a name exported from the module's own scope is; an anonymous `module.exports =
        {...}` (`whole`) is the module object, whose members are its CommonJS exports."""
        if local is not None and local in module.symbols:
            return Definition(module.file, module.symbols[local])
        binding = module.bindings.get(local) if local is not None else None
        if binding is not None:  # `import { a } from './x'; export { a }`
            return self._through(module, binding.target, binding.imported, visiting)
        return Definition(module.file, None, is_namespace=whole)

    def _through(
        self,
        module: ModuleInterface,
        target: FileId | None,
        imported: str,
        visiting: frozenset[tuple[FileId, str]],
    ) -> Definition | None:
        if target is None:
            return None
        if imported == NAMESPACE_NAME:
            return Definition(target, None, via=(module.file,), is_namespace=True)
        found = self._find(target, imported, visiting)
        if found is None:
            return None
        return Definition(
            found.file, found.symbol_id, (module.file, *found.via), found.is_namespace
        )
