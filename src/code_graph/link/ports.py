"""What linking reads, as ports the store implements: the values it reads and the questions
it asks. Files are named by their store id end to end: a reference's file id is the id its
edge is written with.

A full link reads everything at once (`LinkFacts.symbols`, `references`, `import_names`,
`own_exports`) and answers the `SymbolSource` questions from memory (`SymbolTable`); an
incremental one asks the store the same questions one file or symbol at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, Protocol

from code_graph.records import FileId, SymbolId


class LinkSymbol(NamedTuple):
    """A symbol as linking sees it."""

    id: SymbolId
    file: FileId
    name: str
    qualified_name: str
    kind: str
    parent_id: SymbolId | None
    exported: bool
    type_name: str | None = None  # model.Symbol.type_name
    callbacks: str | None = None  # model.Symbol.callbacks


class LinkReference(NamedTuple):
    """A reference to link: `enclosing_id` None is the top-level code of `file`."""

    file: FileId
    enclosing_id: SymbolId | None
    name: str
    qualifier: str | None
    kind: str
    line: int
    column: int


class ImportName(NamedTuple):
    """A name an import or re-export of `file` binds; `target`: the file it resolved to;
    `line` and `column`: where the name is written."""

    file: FileId
    kind: str  # the import's kind (model.ImportKind)
    name: str
    alias: str | None
    target: FileId | None
    line: int
    column: int


class OwnExport(NamedTuple):
    """A name `file` exports from its own scope (`local` None: an anonymous value)."""

    file: FileId
    exported: str
    local: str | None


class SymbolSource(Protocol):
    """The symbol lookups linking needs; SymbolTable holds them all, the store answers them
    one at a time."""

    def symbol(self, symbol_id: SymbolId) -> LinkSymbol | None: ...
    def scope(self, file: FileId) -> Mapping[str, SymbolId]:
        """Qualified name -> id of every symbol in `file` (the lowest id per name)."""
        ...

    def members(self, symbol_id: SymbolId) -> Mapping[str, SymbolId]:
        """Name -> id of the direct children of a symbol (the lowest id per name)."""
        ...

    def globals_named(self, name: str) -> Sequence[SymbolId]:
        """Top-level symbols of script files (no import, no export) and `declare global`
        members called `name`."""
        ...

    def base_of(self, class_id: SymbolId) -> SymbolId | None:
        """A class's base as already linked outside this run (None: unknown)."""
        ...

    def same_named(self, symbol_id: SymbolId) -> Sequence[SymbolId]:
        """Every symbol of the same file with the same qualified name (merged declarations),
        in source order."""
        ...


class ModuleFacts(Protocol):
    """What module interfaces are built from: import bindings and own exports, of every
    file (`file` None, by file) or of one."""

    def import_names(self, file: FileId | None = None) -> Iterable[ImportName]: ...
    def own_exports(self, file: FileId | None = None) -> Iterable[OwnExport]: ...


class LinkFacts(SymbolSource, ModuleFacts, Protocol):
    """Everything a link run reads."""

    def symbols(self) -> Iterable[LinkSymbol]:
        """Every symbol, by file and position."""
        ...

    def script_files(self) -> list[FileId]:
        """Files with no import or export at all: their top-level names are global."""
        ...

    def references(
        self, *, extends: bool | None = None, file: FileId | None = None
    ) -> Iterable[LinkReference]:
        """The references to link, by file: `extends` clauses only (True), all but those
        (False) or all (None); of every file or of `file`. References on an unknown
        receiver (`?.m`), which never link, are left out."""
        ...
