"""The resolution queue: which imports to (re)resolve, and what they resolved to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from code_graph.model import ImportKind
from code_graph.records import FileId, ImportToResolve
from code_graph.store.connection import Parameters, UsesConnection
from code_graph.store.sql import chunked, like_escape

_TO_RESOLVE = (
    "SELECT i.id, f.path, i.specifier, i.kind FROM imports i JOIN files f ON f.id = i.file_id "
)


class ImportOutcome(NamedTuple):
    """What an import resolved to, as stored (to tell whether a re-resolution moved it)."""

    method: str | None
    target_id: FileId | None
    package: str | None
    reason: str | None


class SqliteResolutionQueue(UsesConnection):
    """The imports an index or update run resolves, and their stored outcomes."""

    def _imports(self, where: str = "", parameters: Parameters = ()) -> list[ImportToResolve]:
        rows = self._db.execute(f"{_TO_RESOLVE}{where} ORDER BY i.id", parameters)
        return [ImportToResolve(i, path, spec, ImportKind(kind)) for i, path, spec, kind in rows]

    def every_import(self) -> list[ImportToResolve]:
        """Every import, to resolve against the current file set and configs."""
        return self._imports()

    def imports_of(self, paths: Sequence[str]) -> list[ImportToResolve]:
        """The imports written in `paths` (re-extracted files)."""
        return chunked(
            paths, lambda chunk, marks: self._imports(f"WHERE f.path IN ({marks})", chunk)
        )

    def imports_to_recheck(self) -> list[ImportToResolve]:
        """Imports a new file may change: unresolved ones, and those resolved other than by a
        relative path or to a package (aliases, workspaces, baseUrl, `#imports`)."""
        return self._imports(
            "WHERE i.method IS NULL OR i.reason IS NOT NULL OR "
            "(i.method <> 'relative' AND i.method <> 'external' AND i.method <> 'builtin')"
        )

    def imports_ending_with(self, segments: Iterable[str]) -> list[ImportToResolve]:
        """Imports whose specifier's last path segment is one of `segments` (any extension)."""
        found: list[ImportToResolve] = []
        for segment in sorted(set(segments)):
            escaped = like_escape(segment)
            found += self._imports(
                "WHERE i.specifier = ? OR i.specifier LIKE ? ESCAPE '!' "
                "OR i.specifier LIKE ? ESCAPE '!'",
                (segment, f"%/{escaped}", f"%/{escaped}.%"),
            )
        return found

    def outcomes(self, import_ids: Sequence[int]) -> dict[int, ImportOutcome]:
        """What each import resolved to, by import id."""
        sql = (
            "SELECT id, method, target_file_id, package, reason FROM imports WHERE id IN ({marks})"
        )
        rows = chunked(
            import_ids, lambda chunk, marks: self._db.execute(sql.format(marks=marks), chunk)
        )
        return {int(id_): ImportOutcome(*outcome) for id_, *outcome in rows}
