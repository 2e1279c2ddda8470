"""What an incremental update reads to decide what to redo: files' interfaces before and
after, the symbols that disappeared, and the files whose links those changes can reach."""

from __future__ import annotations

from collections.abc import Sequence

from code_graph.records import (
    FileId,
    FileInterface,
    InterfaceExport,
    InterfaceImport,
    InterfaceSymbol,
    SymbolId,
)
from code_graph.store.connection import UsesConnection
from code_graph.store.sql import SqlValue, chunked


class SqliteChanges(UsesConnection):
    """What `index.update` compares before and after a change."""

    def interface_of(self, path: str) -> FileInterface:
        """What other files can see of a file (empty when it is not stored)."""
        symbols = self._db.execute(
            "SELECT s.qualified_name, s.kind, s.export_status, COALESCE(s.type_name, ''), "
            "COALESCE(s.callbacks, '') FROM symbols s JOIN files f ON f.id = s.file_id "
            "WHERE f.path = ? ORDER BY s.line, s.col, s.id",
            (path,),
        )
        exports = self._db.execute(
            "SELECT e.exported_name, COALESCE(e.local_name, ''), e.kind FROM exports e "
            "JOIN files f ON f.id = e.file_id WHERE f.path = ?",
            (path,),
        )
        imports = self._db.execute(
            "SELECT i.specifier, i.kind, n.name, COALESCE(n.alias, '') FROM imports i "
            "JOIN files f ON f.id = i.file_id JOIN import_names n ON n.import_id = i.id "
            "WHERE f.path = ?",
            (path,),
        )
        return FileInterface(
            tuple(map(InterfaceSymbol._make, symbols)),
            tuple(sorted(map(InterfaceExport._make, exports))),
            tuple(sorted(map(InterfaceImport._make, imports))),
        )

    def symbol_ids_of(self, paths: Sequence[str]) -> set[SymbolId]:
        """The ids of every symbol of `paths`."""
        return self._ids(
            "SELECT s.id FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path IN ({marks})",
            paths,
        )

    def files_linking_to(self, symbol_ids: Sequence[SymbolId]) -> set[FileId]:
        """Files with an edge to one of `symbol_ids`."""
        return self._ids(
            "SELECT DISTINCT file_id FROM edges WHERE target_id IN ({marks})", symbol_ids
        )

    def files_mentioning(self, names: Sequence[str], member_names: Sequence[str]) -> set[FileId]:
        """Files that spell one of `names` in a reference (as its name or the first segment of
        its qualifier) or in an import binding, or one of `member_names` anywhere in a
        qualifier. Only these can link differently when what those names mean changes."""
        found: set[FileId] = set()
        spelled = sorted(set(names) | set(member_names))
        if spelled:
            found |= self._ids("SELECT DISTINCT file_id FROM refs WHERE name IN ({marks})", spelled)
        if names:
            for query in (
                "SELECT DISTINCT file_id FROM refs WHERE qualifier IN ({marks})",
                "SELECT DISTINCT file_id FROM import_names WHERE name IN ({marks})",
                "SELECT DISTINCT file_id FROM import_names WHERE alias IN ({marks})",
            ):
                found |= self._ids(query, names)
            for name in names:  # `name.member`: the name as the first segment of a qualifier
                rows = self._db.execute(
                    "SELECT DISTINCT file_id FROM refs WHERE qualifier >= ? AND qualifier < ?",
                    (name + ".", name + "/"),
                )
                found.update(int(file) for (file,) in rows)
        if member_names:  # `holder.member.name`: a later segment (one scan for all of them)
            wanted = set(member_names)
            rows = self._db.execute(
                "SELECT DISTINCT file_id, qualifier FROM refs WHERE qualifier LIKE '%.%'"
            )
            found.update(
                int(file)
                for file, qualifier in rows
                if wanted.intersection(qualifier.split(".")[1:])
            )
        return found

    def _ids(self, sql: str, values: Sequence[SqlValue]) -> set[int]:
        """Run `sql` (with one `{marks}` placeholder list) over `values` in chunks; collect
        the ids of its first column."""
        rows = chunked(
            values, lambda chunk, marks: self._db.execute(sql.format(marks=marks), chunk)
        )
        return {int(row[0]) for row in rows}
