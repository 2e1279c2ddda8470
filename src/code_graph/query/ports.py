"""What the queries read, as ports: one protocol per family of questions.

The queries own these; `code_graph.store.Store` implements them (its attributes `files`,
`symbols`, `edges`, `imports` and `counts`), and a server database could implement them
too. Queries never speak SQL, touch the filesystem or resolve imports: everything they
answer from was stored at index time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from code_graph.model import WorkspacePackage
from code_graph.records import (
    EdgeRecord,
    FailureRecord,
    FileId,
    FileRecord,
    ImportEdge,
    StoredExport,
    StoredImport,
    StoredImportName,
    StoredReference,
    SymbolId,
    SymbolRecord,
    SyntaxErrorFile,
    Totals,
)


class FileReads(Protocol):
    """Indexed files, their own exports, and the project layout the index saw."""

    def by_path(self, paths: Iterable[str] | None = None) -> dict[str, FileRecord]:
        """Every indexed file (or those at or under `paths`), by path, sorted."""
        ...

    def record(self, path: str) -> FileRecord | None: ...
    def exists(self, path: str) -> bool: ...
    def paths(self) -> list[str]:
        """Every indexed path, sorted."""
        ...

    def paths_of(self, ids: Sequence[FileId]) -> dict[FileId, str]: ...
    def paths_by_id(self) -> dict[FileId, str]: ...
    def exports(self) -> list[StoredExport]:
        """Every file's own exports, by file and line."""
        ...

    def exports_of(self, path: str) -> list[StoredExport]: ...
    def workspace_packages(self) -> list[WorkspacePackage]:
        """The monorepo's workspace packages as the index found them, by folder."""
        ...

    def with_syntax_errors(
        self, limit: int | None = None, *, unparsed_only: bool = False, path: str | None = None
    ) -> list[SyntaxErrorFile]:
        """Files with syntax errors (each with its first error), most unparsed lines first;
        only those with unparsed lines when `unparsed_only`, only `path` when given."""
        ...

    def unparsed_count(self) -> int:
        """How many files have lines no parse made sense of."""
        ...


class SymbolReads(Protocol):
    """Definitions; every list is by file and position unless said otherwise."""

    def all(self) -> list[SymbolRecord]: ...
    def by_ids(self, ids: Sequence[SymbolId]) -> dict[SymbolId, SymbolRecord]: ...
    def members_among(self, ids: Sequence[SymbolId]) -> list[SymbolRecord]:
        """The symbols of `ids` that have a parent (members, nested declarations)."""
        ...

    def named(self, name: str) -> list[SymbolRecord]: ...
    def qualified(self, qualified_name: str) -> list[SymbolRecord]: ...
    def in_file(self, path: str) -> list[SymbolRecord]: ...
    def top_level_in(self, paths: Sequence[str]) -> list[SymbolRecord]: ...
    def children_of(self, symbol_id: SymbolId) -> list[SymbolRecord]: ...
    def containing(
        self, text: str, qualified: bool, kind: str | None, file_prefix: str | None
    ) -> list[SymbolRecord]:
        """Symbols whose name (or qualified name) contains `text`, ignoring ASCII case."""
        ...

    def with_names(
        self, names: Sequence[str], qualified: bool, kind: str | None, file_prefix: str | None
    ) -> list[SymbolRecord]: ...
    def names(self) -> list[str]:
        """Every distinct name (in no particular order)."""
        ...

    def qualified_names(self) -> list[str]: ...
    def child_links(self, parent_ids: Sequence[SymbolId]) -> list[tuple[SymbolId, SymbolId]]:
        """(parent id, child id) of the direct children of `parent_ids`."""
        ...


class EdgeReads(Protocol):
    """Linked uses of symbols (by file and position) and the references behind them."""

    def all(self) -> list[EdgeRecord]: ...
    def to(self, target_ids: Sequence[SymbolId]) -> list[EdgeRecord]:
        """The edges into `target_ids`, import sites included."""
        ...

    def uses_of(self, target_ids: Sequence[SymbolId]) -> list[EdgeRecord]:
        """The edges into `target_ids` but import sites."""
        ...

    def from_symbol(self, source_id: SymbolId) -> list[EdgeRecord]: ...
    def from_symbols(self, source_ids: Sequence[SymbolId]) -> list[EdgeRecord]:
        """The edges out of any of `source_ids`."""

    def heritage(
        self, type_ids: Sequence[SymbolId], *, up: bool
    ) -> list[tuple[SymbolId, SymbolId, str]]:
        """(derived, base, clause) of the `extends` and `implements` edges written by
        `type_ids` (`up`) or naming them (not `up`)."""
        ...

    def uses(self) -> list[EdgeRecord]:
        """Every edge but import sites."""
        ...

    def references(self) -> list[StoredReference]:
        """Every reference as extracted, linked or not."""
        ...

    def unlinked_reference_count(self, name: str) -> int:
        """References spelled `name` that no edge explains."""
        ...


class ImportReads(Protocol):
    """Import statements with their resolution (by importer and line), and the file graph."""

    def all(self) -> list[StoredImport]: ...
    def of_file(self, path: str) -> list[StoredImport]: ...
    def importers_of(self, paths: Sequence[str]) -> list[StoredImport]:
        """The imports that resolved to any of `paths`."""
        ...

    def unresolved(self, file_prefix: str | None = None) -> list[StoredImport]: ...
    def unresolved_count(self, file_prefix: str | None = None) -> int: ...
    def of_packages(self) -> list[StoredImport]:
        """Every import of an external or builtin package."""
        ...

    def names(self) -> dict[int, list[StoredImportName]]:
        """The names each import binds, by import id (absent: none)."""
        ...

    def names_of(self, import_ids: Sequence[int]) -> dict[int, list[StoredImportName]]:
        """The names each of `import_ids` binds, in source order (absent: none)."""
        ...

    def name_counts(self, import_ids: Sequence[int]) -> dict[int, int]: ...
    def file_edges(self) -> list[ImportEdge]:
        """Every import that resolved to an indexed file, by importer id and line."""
        ...


class CountReads(Protocol):
    """How much of each kind the graph holds (dicts: the largest group first)."""

    def totals(self) -> Totals: ...
    def declaration_files(self) -> int: ...
    def files_by_language(self) -> dict[str, int]: ...
    def symbols_by_kind(self) -> dict[str, int]: ...
    def imports_by_kind(self) -> dict[str, int]: ...
    def imports_by_method(self) -> dict[str, int]: ...
    def unresolved_by_reason(self) -> dict[str, int]: ...
    def skipped_by_reason(self) -> dict[str, int]: ...
    def top_packages(self, limit: int) -> list[tuple[str, int]]: ...
    def most_imported_files(self, limit: int) -> list[tuple[str, int]]: ...
    def failures(self) -> list[FailureRecord]: ...


class Graph(Protocol):
    """Every family, and a token that changes whenever the graph does (for memoizing)."""

    @property
    def files(self) -> FileReads: ...
    @property
    def symbols(self) -> SymbolReads: ...
    @property
    def edges(self) -> EdgeReads: ...
    @property
    def imports(self) -> ImportReads: ...
    @property
    def counts(self) -> CountReads: ...
    def state_token(self) -> tuple[int, int, int]:
        """Equal tokens: nothing was committed in between, earlier answers still hold."""
        ...
