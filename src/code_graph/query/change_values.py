"""The values `changes` works on: the changed files with both sides' facts, what the base
side of the graph looked like where the diff changes it, and a changed symbol."""

from __future__ import annotations

from dataclasses import dataclass, field

from code_graph.model import FileFacts
from code_graph.query.diff_symbols import LineRange, SymbolChange
from code_graph.records import SymbolRecord


@dataclass(frozen=True, slots=True)
class ChangedFile:
    """One file of the diff: `status` added, modified, deleted or renamed; `path` now (as it
    was, when deleted), `old_path` at the base; the facts of each side (None: absent, or not
    a source)."""

    status: str
    path: str
    old_path: str | None
    old_lines: tuple[LineRange, ...] = ()
    new_lines: tuple[LineRange, ...] = ()
    old: FileFacts | None = None
    new: FileFacts | None = None


@dataclass(frozen=True, slots=True)
class BaseImport:
    """An import of a changed file as it was at the base, resolved there (`target` named as
    the file is named now, when it was renamed)."""

    importer: str
    target: str
    type_only: bool


@dataclass(frozen=True, slots=True)
class ChangeInput:
    base: str
    base_commit: str
    staged: bool
    files: tuple[ChangedFile, ...]
    base_imports: tuple[BaseImport, ...] = ()
    # Imports unresolved now that resolved at the base: import id -> the file it reached.
    resolved_at_base: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChangedSymbol:
    file: str
    change: SymbolChange
    record: SymbolRecord | None  # in the index (None when removed)

    @property
    def address(self) -> str:
        return f"{self.file}:{self.change.symbol.qualified_name}"
