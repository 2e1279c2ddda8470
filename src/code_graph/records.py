"""The indexed graph as the store gives it back: one typed value per stored entity.

The store builds these, the query ports (`code_graph.query.ports`) return them and the
renderers show them. Ids are the store's row ids: stable while a file's symbols survive an
edit, but not across rebuilds (the export's symbol keys are). Paths are root-relative.
"""

from __future__ import annotations

from typing import NamedTuple

from code_graph.model import ImportKind

FileId = int
SymbolId = int


class FileRecord(NamedTuple):
    """An indexed file, with the stat facts freshness checks compare."""

    id: FileId
    path: str
    language: str
    is_declaration: bool
    syntax_errors: int  # how many places tree-sitter had to recover from
    size: int
    mtime_ns: int
    content_hash: str


class SymbolRecord(NamedTuple):
    """A definition: `parent_id` is the enclosing symbol's id (None at top level)."""

    id: SymbolId
    name: str
    qualified_name: str
    kind: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    export: str  # none, named or default
    signature: str
    parent_id: SymbolId | None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"


class EdgeRecord(NamedTuple):
    """A linked use: `source_id` (None: the top-level code of `file`) uses `target_id`."""

    source_id: SymbolId | None
    target_id: SymbolId
    file: str
    kind: str  # call, new, extends, implements, type, jsx, import, re-export
    method: str  # how it was linked: local, import, re-export, member, global, name-match
    line: int
    column: int
    via: tuple[str, ...]  # the barrels passed through, in order


class StoredImport(NamedTuple):
    """An import-like statement of `file` with its resolution (`target`: an indexed file)."""

    id: int
    file: str
    line: int
    specifier: str
    kind: str
    type_only: bool
    method: str | None  # None: not resolved yet
    target: str | None
    package: str | None
    reason: str | None  # why it is unresolved
    detail: str | None


class StoredImportName(NamedTuple):
    """One binding of an import: `name` in the source module, `alias` the local name."""

    import_id: int
    name: str
    alias: str | None
    type_only: bool


class ImportEdge(NamedTuple):
    """An import that resolved to an indexed file, by ids: the file graph without paths."""

    importer_id: FileId
    target_id: FileId
    line: int
    type_only: bool
    import_id: int


class StoredExport(NamedTuple):
    """A name `file` exports from its own scope (`symbol_id`: the local symbol, if any)."""

    file: str
    exported_name: str
    local_name: str | None
    kind: str
    line: int
    type_only: bool
    symbol_id: SymbolId | None


class StoredReference(NamedTuple):
    """A use of a name as extracted (`qualifier.name`), linked or not."""

    file: str
    line: int
    column: int
    kind: str
    name: str
    qualifier: str | None
    enclosing_id: SymbolId | None


class SyntaxErrorFile(NamedTuple):
    """A file with syntax errors: how many regions the parser could not make sense of, the
    lines they cover (unparsed), the top-level declarations still found in the statements
    with errors, and where the first error is."""

    path: str
    errors: int
    unparsed_lines: int
    recovered: int
    line: int
    column: int
    message: str


class Totals(NamedTuple):
    """How many rows of each kind the graph holds."""

    files: int
    symbols: int
    imports: int
    import_names: int
    exports: int
    references: int
    files_with_syntax_errors: int
    skipped: int


class FailureRecord(NamedTuple):
    """A file where a step of ours failed: `lost` items lost at that step, the first
    error's description."""

    path: str
    stage: str  # extract (the file is skipped), resolve (its imports), link (its references)
    lost: int
    detail: str


class ImportToResolve(NamedTuple):
    """An import waiting for (re)resolution: what the resolver needs to know about it."""

    id: int
    importer: str
    specifier: str
    kind: ImportKind  # the resolver's mode (`require` or `import` conditions) depends on it


class InterfaceSymbol(NamedTuple):
    qualified_name: str
    kind: str
    export: str
    type_name: str  # "" when none
    callbacks: str  # "" when none


class InterfaceExport(NamedTuple):
    exported_name: str
    local_name: str  # "" when none
    kind: str


class InterfaceImport(NamedTuple):
    specifier: str
    kind: str
    name: str
    alias: str  # "" when none


class FileInterface(NamedTuple):
    """What other files can see of a file: its symbols (in source order: which of two
    same-named symbols wins depends on it), its exports and its import bindings (sorted).
    Two equal interfaces mean an edit changed only bodies: no other file's links can differ."""

    symbols: tuple[InterfaceSymbol, ...] = ()
    exports: tuple[InterfaceExport, ...] = ()
    imports: tuple[InterfaceImport, ...] = ()
