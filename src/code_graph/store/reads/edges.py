"""Edges: the linked uses of symbols, and the references they were linked from."""

from __future__ import annotations

from collections.abc import Sequence

from code_graph.records import EdgeRecord, StoredReference, SymbolId
from code_graph.store.connection import Parameters, UsesConnection
from code_graph.store.sql import chunked

_EDGE = (
    "SELECT e.source_id, e.target_id, f.path, e.kind, e.method, e.line, e.col, e.via "
    "FROM edges e JOIN files f ON f.id = e.file_id "
)
USES = "e.kind NOT IN ('import', 're-export')"  # edges of uses: import sites left out


class SqliteEdges(UsesConnection):
    """`query.ports.EdgeReads` over SQLite."""

    def _edges(self, where: str = "", parameters: Parameters = ()) -> list[EdgeRecord]:
        rows = self._db.execute(f"{_EDGE}{where} ORDER BY f.path, e.line, e.col", parameters)
        return [
            EdgeRecord(
                source, target, path, kind, method, line, col, tuple(via.split("\n")) if via else ()
            )
            for source, target, path, kind, method, line, col, via in rows
        ]

    def all(self) -> list[EdgeRecord]:
        """Every edge, by file and position."""
        return self._edges()

    def to(self, target_ids: Sequence[SymbolId]) -> list[EdgeRecord]:
        """The edges into `target_ids`, import sites included."""
        return self._into(target_ids, "")

    def uses_of(self, target_ids: Sequence[SymbolId]) -> list[EdgeRecord]:
        """The uses of `target_ids`: their edges, import sites left out."""
        return self._into(target_ids, f" AND {USES}")

    def _into(self, target_ids: Sequence[SymbolId], condition: str) -> list[EdgeRecord]:
        where = f"WHERE e.target_id IN ({{marks}}){condition}"
        return chunked(
            target_ids, lambda chunk, marks: self._edges(where.format(marks=marks), chunk)
        )

    def from_symbol(self, source_id: SymbolId) -> list[EdgeRecord]:
        return self._edges("WHERE e.source_id = ?", (source_id,))

    def from_symbols(self, source_ids: Sequence[SymbolId]) -> list[EdgeRecord]:
        """The edges out of any of `source_ids`."""
        return chunked(
            source_ids,
            lambda chunk, marks: self._edges(f"WHERE e.source_id IN ({marks})", chunk),
        )

    def heritage(
        self, type_ids: Sequence[SymbolId], *, up: bool
    ) -> list[tuple[SymbolId, SymbolId, str]]:
        """(derived, base, clause) of the heritage edges from (`up`) or into `type_ids`; a
        variable declared with a type (`const fs: FsUtils = {...}`) implements it."""
        column = "e.source_id" if up else "e.target_id"
        sql = (
            "SELECT e.source_id, e.target_id, e.kind FROM edges e WHERE {column} IN ({marks}) "
            "AND e.source_id IS NOT NULL AND e.kind IN ('extends', 'implements') "
            "UNION ALL "
            "SELECT e.source_id, e.target_id, 'implements' FROM edges e "
            "JOIN symbols s ON s.id = e.source_id JOIN symbols t ON t.id = e.target_id "
            "WHERE {column} IN ({marks}) AND e.kind = 'type' AND s.kind = 'variable' "
            "AND t.kind IN ('interface', 'class') AND s.type_name IS NOT NULL "
            "AND (s.type_name = t.name OR s.type_name LIKE ('%.' || t.name))"
        )

        def rows(chunk: Sequence[SymbolId], marks: str) -> list[tuple[SymbolId, SymbolId, str]]:
            query = sql.format(column=column, marks=marks)
            found = self._db.execute(query, (*chunk, *chunk))
            return sorted({(int(s), int(t), str(k)) for s, t, k in found})

        return chunked(type_ids, rows)

    def uses(self) -> list[EdgeRecord]:
        """Every use, import sites left out, by file and position."""
        return self._edges(f"WHERE {USES}")

    def references(self) -> list[StoredReference]:
        """Every reference as extracted, linked or not, by file and position."""
        rows = self._db.execute(
            "SELECT f.path, r.line, r.col, r.kind, r.name, r.qualifier, r.enclosing_id "
            "FROM refs r JOIN files f ON f.id = r.file_id ORDER BY f.path, r.line, r.col"
        )
        return list(map(StoredReference._make, rows))

    def unlinked_reference_count(self, name: str) -> int:
        """References spelled `name` that no edge explains (possible misses for `refs`)."""
        row = self._db.execute(
            "SELECT COUNT(*) FROM refs r WHERE r.name = ? AND NOT EXISTS (SELECT 1 FROM edges e "
            "WHERE e.file_id = r.file_id AND e.line = r.line AND e.col = r.col)",
            (name,),
        ).fetchone()
        return int(row[0])
