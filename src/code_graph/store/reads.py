"""Read queries over the store. Query modules call these; none of them writes SQL."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from sys import intern
from typing import NamedTuple

from code_graph.model import UNKNOWN_RECEIVER
from code_graph.store.sqlite import Store, in_chunks, like_escape


@dataclass(frozen=True, slots=True)
class Totals:
    files: int
    symbols: int
    imports: int
    import_names: int
    exports: int
    references: int
    files_with_syntax_errors: int
    skipped: int


def totals(store: Store) -> Totals:
    db = store.connection

    def count(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0])

    return Totals(
        files=count("SELECT COUNT(*) FROM files"),
        symbols=count("SELECT COUNT(*) FROM symbols"),
        imports=count("SELECT COUNT(*) FROM imports"),
        import_names=count("SELECT COUNT(*) FROM import_names"),
        exports=count("SELECT COUNT(*) FROM exports"),
        references=count("SELECT COUNT(*) FROM refs"),
        files_with_syntax_errors=count("SELECT COUNT(*) FROM files WHERE syntax_error_count > 0"),
        skipped=count("SELECT COUNT(*) FROM skipped"),
    )


def _grouped(store: Store, sql: str) -> dict[str, int]:
    return {str(key): int(value) for key, value in store.connection.execute(sql)}


def files_by_language(store: Store) -> dict[str, int]:
    return _grouped(
        store, "SELECT language, COUNT(*) FROM files GROUP BY language ORDER BY COUNT(*) DESC"
    )


def declaration_files(store: Store) -> int:
    return int(
        store.connection.execute("SELECT COUNT(*) FROM files WHERE is_declaration = 1").fetchone()[
            0
        ]
    )


def symbols_by_kind(store: Store) -> dict[str, int]:
    return _grouped(
        store, "SELECT kind, COUNT(*) FROM symbols GROUP BY kind ORDER BY COUNT(*) DESC"
    )


def imports_by_kind(store: Store) -> dict[str, int]:
    return _grouped(
        store, "SELECT kind, COUNT(*) FROM imports GROUP BY kind ORDER BY COUNT(*) DESC"
    )


def imports_by_method(store: Store) -> dict[str, int]:
    return _grouped(
        store,
        "SELECT COALESCE(method, 'pending'), COUNT(*) FROM imports "
        "GROUP BY COALESCE(method, 'pending') ORDER BY COUNT(*) DESC",
    )


def unresolved_by_reason(store: Store) -> dict[str, int]:
    return _grouped(
        store,
        "SELECT reason, COUNT(*) FROM imports WHERE reason IS NOT NULL "
        "GROUP BY reason ORDER BY COUNT(*) DESC",
    )


def skipped_by_reason(store: Store) -> dict[str, int]:
    return _grouped(
        store, "SELECT reason, COUNT(*) FROM skipped GROUP BY reason ORDER BY COUNT(*) DESC"
    )


class FailureRow(NamedTuple):
    """A file where a step of ours failed: `lost` items lost at that step, the first
    error's description."""

    path: str
    stage: str  # extract (the file is skipped), resolve (its imports), link (its references)
    lost: int
    detail: str


def failures(store: Store) -> list[FailureRow]:
    """Every file where extraction, resolution or linking raised, by path and stage."""
    rows = store.connection.execute(
        "SELECT path, 'extract', 1, detail FROM skipped WHERE reason = 'extract-failed' "
        "UNION ALL "
        "SELECT f.path, 'resolve', COUNT(*), MIN(i.detail) FROM imports i "
        "JOIN files f ON f.id = i.file_id WHERE i.reason = 'internal-error' GROUP BY f.path "
        "UNION ALL "
        "SELECT f.path, 'link', COUNT(*), MIN(l.detail) FROM link_failures l "
        "JOIN files f ON f.id = l.file_id GROUP BY f.path"
    )
    order = {"extract": 0, "resolve": 1, "link": 2}
    found = [FailureRow(str(p), str(s), int(c), str(d)) for p, s, c, d in rows]
    return sorted(found, key=lambda row: (row.path, order[row.stage]))


def top_packages(store: Store, limit: int) -> list[tuple[str, int]]:
    """External packages by number of importing files, most used first."""
    rows = store.connection.execute(
        "SELECT package, COUNT(DISTINCT file_id) AS users FROM imports "
        "WHERE package IS NOT NULL AND method = 'external' "
        "GROUP BY package ORDER BY users DESC, package LIMIT ?",
        (limit,),
    )
    return [(str(name), int(users)) for name, users in rows]


def most_imported_files(store: Store, limit: int) -> list[tuple[str, int]]:
    """Files by number of distinct importing files, most imported first."""
    rows = store.connection.execute(
        "SELECT f.path, COUNT(DISTINCT i.file_id) AS importers FROM imports i "
        "JOIN files f ON f.id = i.target_file_id "
        "GROUP BY f.path ORDER BY importers DESC, f.path LIMIT ?",
        (limit,),
    )
    return [(str(path), int(count)) for path, count in rows]


@dataclass(frozen=True, slots=True)
class SyntaxErrorFile:
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


def files_with_syntax_errors(
    store: Store,
    limit: int | None = None,
    *,
    unparsed_only: bool = False,
    path: str | None = None,
) -> list[SyntaxErrorFile]:
    """Files with syntax errors, most unparsed lines first (then by path); only those with
    unparsed lines when `unparsed_only`, only `path` when given."""
    where = "f.syntax_error_lines > 0" if unparsed_only else "f.syntax_error_count > 0"
    parameters: tuple[str, ...] = ()
    if path is not None:
        where += " AND f.path = ?"
        parameters = (path,)
    rows = store.connection.execute(
        "SELECT f.path, f.syntax_error_count, f.syntax_error_lines, f.recovered_declarations, "
        "e.line, e.col, e.message FROM files f JOIN syntax_errors e ON e.file_id = f.id "
        f"WHERE {where} ORDER BY f.syntax_error_lines DESC, f.path, e.line, e.col",
        parameters,
    )
    found: list[SyntaxErrorFile] = []
    for path, errors, lines, recovered, line, column, message in rows:
        if found and found[-1].path == path:
            continue
        if limit is not None and len(found) == limit:
            break
        found.append(
            SyntaxErrorFile(
                str(path),
                int(errors),
                int(lines),
                int(recovered),
                int(line),
                int(column),
                str(message),
            )
        )
    return found


def files_with_unparsed_lines(store: Store) -> int:
    row = store.connection.execute(
        "SELECT COUNT(*) FROM files WHERE syntax_error_lines > 0"
    ).fetchone()
    return int(row[0])


def meta(store: Store, name: str) -> str | None:
    return store.get_meta(name)


# -- whole-graph export ------------------------------------------------------------------


def export_files(store: Store) -> Iterator[tuple[str, str, bool, int]]:
    """(path, language, is_declaration, syntax_error_count) by path."""
    rows = store.connection.execute(
        "SELECT path, language, is_declaration, syntax_error_count FROM files ORDER BY path"
    )
    for path, language, is_declaration, errors in rows:
        yield str(path), str(language), bool(is_declaration), int(errors)


def export_symbols(store: Store) -> Iterator[tuple[object, ...]]:
    """(id, name, qualified_name, kind, path, line, col, end_line, end_col, export, parent_qn, signature)."""
    yield from store.connection.execute(
        "SELECT s.id, s.name, s.qualified_name, s.kind, f.path, s.line, s.col, s.end_line, "
        "s.end_col, s.export_status, p.qualified_name, s.signature "
        "FROM symbols s JOIN files f ON f.id = s.file_id "
        "LEFT JOIN symbols p ON p.id = s.parent_id ORDER BY f.path, s.line, s.col, s.id"
    )


def export_imports(store: Store) -> Iterator[tuple[object, ...]]:
    """(id, path, line, specifier, kind, type_only, method, target_path, package, reason, detail)."""
    yield from store.connection.execute(
        "SELECT i.id, f.path, i.line, i.specifier, i.kind, i.type_only, i.method, t.path, "
        "i.package, i.reason, i.detail FROM imports i JOIN files f ON f.id = i.file_id "
        "LEFT JOIN files t ON t.id = i.target_file_id ORDER BY f.path, i.line, i.id"
    )


def export_import_names(store: Store) -> dict[int, list[tuple[str, str | None, bool]]]:
    names: dict[int, list[tuple[str, str | None, bool]]] = {}
    rows = store.connection.execute(
        "SELECT import_id, name, alias, type_only FROM import_names ORDER BY import_id"
    )
    for import_id, name, alias, type_only in rows:
        names.setdefault(int(import_id), []).append((str(name), alias, bool(type_only)))
    return names


def export_exports(store: Store) -> Iterator[tuple[object, ...]]:
    """(path, exported_name, local_name, kind, line, type_only, symbol_id)."""
    yield from store.connection.execute(
        "SELECT f.path, e.exported_name, e.local_name, e.kind, e.line, e.type_only, e.symbol_id "
        "FROM exports e JOIN files f ON f.id = e.file_id ORDER BY f.path, e.line, e.exported_name"
    )


def export_references(store: Store) -> Iterator[tuple[object, ...]]:
    """(path, line, col, kind, name, qualifier, enclosing_qualified_name)."""
    yield from store.connection.execute(
        "SELECT f.path, r.line, r.col, r.kind, r.name, r.qualifier, s.qualified_name "
        "FROM refs r JOIN files f ON f.id = r.file_id LEFT JOIN symbols s ON s.id = r.enclosing_id "
        "ORDER BY f.path, r.line, r.col"
    )


# -- linking -----------------------------------------------------------------------------


LinkSymbol = tuple[int, str, str, str, str, int | None, bool, str | None, str | None]
_LINK_SYMBOL = (
    "SELECT s.id, f.path, s.name, s.qualified_name, s.kind, s.parent_id, s.export_status, "
    "s.type_name, s.callbacks FROM symbols s JOIN files f ON f.id = s.file_id "
)


def link_symbols(store: Store) -> Iterator[LinkSymbol]:
    """(id, path, name, qualified_name, kind, parent_id, exported, type_name, callbacks) of
    every symbol."""
    rows = store.connection.execute(_LINK_SYMBOL + "ORDER BY s.file_id, s.line, s.col, s.id")
    # A full link holds every symbol: share one string object per path and kind (interned).
    for sid, path, name, qualified, kind, parent, export, type_name, callbacks in rows:
        qualified = name if qualified == name else qualified
        yield (
            sid,
            intern(path),
            name,
            qualified,
            intern(kind),
            parent,
            export != "none",
            type_name,
            callbacks,
        )


def link_import_names(
    store: Store,
) -> Iterator[tuple[str, str, str, str | None, str | None, int, int]]:
    """(path, import kind, name, alias, target path, line, column) for every imported name,
    at the name as written."""
    rows = store.connection.execute(
        "SELECT f.path, i.kind, n.name, n.alias, t.path, n.line, n.col FROM import_names n "
        "JOIN imports i ON i.id = n.import_id JOIN files f ON f.id = i.file_id "
        "LEFT JOIN files t ON t.id = i.target_file_id ORDER BY i.id"
    )
    for path, kind, name, alias, target, line, col in rows:
        target = intern(target) if target else None
        yield intern(path), intern(kind), name, alias, target, line, col


def link_own_exports(store: Store) -> Iterator[tuple[str, str, str | None]]:
    """(path, exported_name, local_name) for every export from a file's own scope."""
    yield from store.connection.execute(
        "SELECT f.path, e.exported_name, e.local_name FROM exports e "
        "JOIN files f ON f.id = e.file_id ORDER BY e.file_id, e.line"
    )


def link_references(
    store: Store, *, extends: bool
) -> Iterator[tuple[str, int | None, str, str | None, str, int, int]]:
    """(path, enclosing_id, name, qualifier, kind, line, col) of every `extends` reference,
    or of every other one, by file; without those on an unknown receiver (`?.m`), which
    never link."""
    condition = "r.kind = 'extends'" if extends else "r.kind <> 'extends'"
    condition += " AND (r.qualifier IS NULL OR (r.qualifier <> ? AND r.qualifier NOT LIKE ?))"
    yield from store.connection.execute(
        "SELECT f.path, r.enclosing_id, r.name, r.qualifier, r.kind, r.line, r.col "
        f"FROM refs r JOIN files f ON f.id = r.file_id WHERE {condition} ORDER BY r.file_id",
        (UNKNOWN_RECEIVER, UNKNOWN_RECEIVER + ".%"),
    )


def script_files(store: Store) -> list[str]:
    """Files with no import or export at all: their top-level names are global."""
    rows = store.connection.execute(
        "SELECT f.path FROM files f WHERE NOT EXISTS (SELECT 1 FROM imports i WHERE i.file_id = f.id) "
        "AND NOT EXISTS (SELECT 1 FROM exports e WHERE e.file_id = f.id)"
    )
    return [str(path) for (path,) in rows]


# -- queries -------------------------------------------------------------------------------

_SYMBOL_COLUMNS = (
    "s.id, s.name, s.qualified_name, s.kind, f.path, s.line, s.col, s.end_line, s.end_col, "
    "s.export_status, s.signature, s.parent_id"
)
_SYMBOL_FROM = " FROM symbols s JOIN files f ON f.id = s.file_id "


@dataclass(frozen=True, slots=True)
class SymbolRecord:
    id: int
    name: str
    qualified_name: str
    kind: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    export: str
    signature: str
    parent_id: int | None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"


def _symbols(store: Store, where: str, parameters: tuple[object, ...]) -> list[SymbolRecord]:
    sql = f"SELECT {_SYMBOL_COLUMNS}{_SYMBOL_FROM}{where} ORDER BY f.path, s.line, s.col"
    return [SymbolRecord(*row) for row in store.connection.execute(sql, parameters)]


def symbols_by_ids(store: Store, ids: list[int]) -> dict[int, SymbolRecord]:
    found: dict[int, SymbolRecord] = {}
    for chunk, marks in in_chunks(ids):
        found.update((s.id, s) for s in _symbols(store, f"WHERE s.id IN ({marks})", tuple(chunk)))
    return found


def symbols_named(store: Store, name: str) -> list[SymbolRecord]:
    return _symbols(store, "WHERE s.name = ?", (name,))


def symbols_qualified(store: Store, qualified_name: str) -> list[SymbolRecord]:
    return _symbols(store, "WHERE s.qualified_name = ?", (qualified_name,))


def symbols_in_file(store: Store, path: str) -> list[SymbolRecord]:
    return _symbols(store, "WHERE f.path = ?", (path,))


def symbols_containing(
    store: Store, text: str, qualified: bool, kind: str | None, file_prefix: str | None
) -> list[SymbolRecord]:
    """Symbols whose name (or qualified name) contains `text`, ignoring ASCII case."""
    column = "s.qualified_name" if qualified else "s.name"
    where, parameters = f"WHERE {column} LIKE ? ESCAPE '!'", ["%" + like_escape(text) + "%"]
    if kind is not None:
        where += " AND s.kind = ?"
        parameters.append(kind)
    if file_prefix:
        where += " AND f.path LIKE ? ESCAPE '!'"
        parameters.append(_like_prefix(file_prefix))
    return _symbols(store, where, tuple(parameters))


def symbols_with_names(
    store: Store, names: list[str], qualified: bool, kind: str | None, file_prefix: str | None
) -> list[SymbolRecord]:
    """Symbols whose name (or qualified name) is one of `names`, optionally filtered."""
    column = "s.qualified_name" if qualified else "s.name"
    extra, extra_parameters = "", []
    if kind is not None:
        extra += " AND s.kind = ?"
        extra_parameters.append(kind)
    if file_prefix:
        extra += " AND f.path LIKE ? ESCAPE '!'"
        extra_parameters.append(_like_prefix(file_prefix))
    found: list[SymbolRecord] = []
    for chunk, marks in in_chunks(names):
        found += _symbols(store, f"WHERE {column} IN ({marks}){extra}", (*chunk, *extra_parameters))
    found.sort(key=lambda s: (s.file, s.line, s.column))
    return found


def children_of(store: Store, symbol_id: int) -> list[SymbolRecord]:
    return _symbols(store, "WHERE s.parent_id = ?", (symbol_id,))


def symbol_names(store: Store) -> list[str]:
    return [str(name) for (name,) in store.connection.execute("SELECT DISTINCT name FROM symbols")]


def qualified_names(store: Store) -> list[str]:
    rows = store.connection.execute("SELECT DISTINCT qualified_name FROM symbols")
    return [str(name) for (name,) in rows]


def file_exists(store: Store, path: str) -> bool:
    row = store.connection.execute("SELECT 1 FROM files WHERE path = ?", (path,)).fetchone()
    return row is not None


def file_paths(store: Store) -> list[str]:
    return [
        str(path) for (path,) in store.connection.execute("SELECT path FROM files ORDER BY path")
    ]


@dataclass(frozen=True, slots=True)
class EdgeRecord:
    source_id: int | None
    target_id: int
    file: str
    kind: str
    method: str
    line: int
    column: int
    via: tuple[str, ...]


def _edges(store: Store, where: str, parameters: tuple[object, ...]) -> list[EdgeRecord]:
    rows = store.connection.execute(
        "SELECT e.source_id, e.target_id, f.path, e.kind, e.method, e.line, e.col, e.via "
        f"FROM edges e JOIN files f ON f.id = e.file_id {where} ORDER BY f.path, e.line, e.col",
        parameters,
    )
    return [
        EdgeRecord(
            source, target, path, kind, method, line, col, tuple(via.split("\n")) if via else ()
        )
        for source, target, path, kind, method, line, col, via in rows
    ]


def edges_to(store: Store, target_ids: list[int]) -> list[EdgeRecord]:
    found: list[EdgeRecord] = []
    for chunk, marks in in_chunks(target_ids):
        found.extend(_edges(store, f"WHERE e.target_id IN ({marks})", tuple(chunk)))
    return found


def edges_from(store: Store, source_id: int) -> list[EdgeRecord]:
    return _edges(store, "WHERE e.source_id = ?", (source_id,))


def child_links(store: Store, parent_ids: Sequence[int]) -> list[tuple[int, int]]:
    """(parent id, child id) of the direct children of `parent_ids`."""
    found: list[tuple[int, int]] = []
    for chunk, marks in in_chunks(parent_ids):
        sql = f"SELECT parent_id, id FROM symbols WHERE parent_id IN ({marks})"
        found += store.connection.execute(sql, chunk).fetchall()
    return found


def edges_into(
    store: Store, target_ids: Sequence[int]
) -> list[tuple[int, int | None, str, str, int, int]]:
    """(target id, source id or None, file, kind, line, col) of the edges into `target_ids`,
    import sites left out."""
    found: list[tuple[int, int | None, str, str, int, int]] = []
    for chunk, marks in in_chunks(target_ids):
        found += store.connection.execute(
            "SELECT e.target_id, e.source_id, f.path, e.kind, e.line, e.col FROM edges e "
            "JOIN files f ON f.id = e.file_id "
            f"WHERE e.target_id IN ({marks}) AND e.kind NOT IN ('import', 're-export')",
            chunk,
        ).fetchall()
    return found


def unlinked_reference_count(store: Store, name: str) -> int:
    """References spelled `name` that no edge explains (possible misses for `refs`)."""
    row = store.connection.execute(
        "SELECT COUNT(*) FROM refs r WHERE r.name = ? AND NOT EXISTS ("
        "SELECT 1 FROM edges e WHERE e.file_id = r.file_id AND e.line = r.line AND e.col = r.col)",
        (name,),
    ).fetchone()
    return int(row[0])


@dataclass(frozen=True, slots=True)
class FileImport:
    importer: str
    target: str
    line: int
    kind: str
    type_only: bool
    names: int


def file_import_pairs(store: Store) -> list[tuple[str, str, int]]:
    """(importer, imported file, type-only 0/1) of every import that resolved to an indexed
    file, in no particular order."""
    rows: list[tuple[str, str, int]] = store.connection.execute(
        "SELECT f.path, t.path, i.type_only FROM imports i JOIN files f ON f.id = i.file_id "
        "JOIN files t ON t.id = i.target_file_id"
    ).fetchall()
    return rows


def internal_import_edges(store: Store) -> list[tuple[int, int, int, int, int]]:
    """(importer id, target id, line, type-only 0/1, import id) of every import that resolved
    to an indexed file, in importer then line order: the whole file graph, cheaply (no paths)."""
    rows: list[tuple[int, int, int, int, int]] = store.connection.execute(
        "SELECT file_id, target_file_id, line, type_only, id FROM imports "
        "WHERE target_file_id IS NOT NULL ORDER BY file_id, line, id"
    ).fetchall()
    return rows


def paths_of_files(store: Store, file_ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk, marks in in_chunks(file_ids):
        sql = f"SELECT id, path FROM files WHERE id IN ({marks})"
        found.update(store.connection.execute(sql, chunk))
    return found


def name_counts(store: Store, import_ids: Sequence[int]) -> dict[int, int]:
    """How many names each of `import_ids` binds (absent: none)."""
    found: dict[int, int] = {}
    for chunk, marks in in_chunks(import_ids):
        sql = (
            f"SELECT import_id, COUNT(*) FROM import_names WHERE import_id IN ({marks}) "
            "GROUP BY import_id"
        )
        found.update(store.connection.execute(sql, chunk))
    return found


def unresolved_import_count(store: Store, file_prefix: str | None = None) -> int:
    sql = (
        "SELECT COUNT(*) FROM imports i JOIN files f ON f.id = i.file_id WHERE i.reason IS NOT NULL"
    )
    parameters: tuple[object, ...] = ()
    if file_prefix:
        sql += " AND f.path LIKE ? ESCAPE '!'"
        parameters = (_like_prefix(file_prefix),)
    return int(store.connection.execute(sql, parameters).fetchone()[0])


def _like_prefix(prefix: str) -> str:
    return like_escape(prefix) + "%"


def export_symbol_edges(store: Store) -> list[EdgeRecord]:
    return _edges(store, "", ())


@dataclass(frozen=True, slots=True)
class ImportRecordRow:
    file: str
    line: int
    specifier: str
    kind: str
    type_only: bool
    method: str | None
    target: str | None
    package: str | None
    reason: str | None
    detail: str | None


_FROM_IMPORTERS = (
    "FROM imports i JOIN files f ON f.id = i.file_id LEFT JOIN files t ON t.id = i.target_file_id "
)
_FROM_TARGETS = (  # when the WHERE names targets: their paths are indexed
    "FROM files t JOIN imports i ON i.target_file_id = t.id JOIN files f ON f.id = i.file_id "
)


def _import_rows(
    store: Store, where: str, parameters: Sequence[object], joins: str = _FROM_IMPORTERS
) -> list[ImportRecordRow]:
    rows = store.connection.execute(
        "SELECT f.path, i.line, i.specifier, i.kind, i.type_only, i.method, t.path, i.package, "
        f"i.reason, i.detail {joins}{where} ORDER BY f.path, i.line, i.id",
        parameters,
    )
    return [
        ImportRecordRow(path, line, spec, kind, bool(t), method, target, package, reason, detail)
        for path, line, spec, kind, t, method, target, package, reason, detail in rows
    ]


def imports_of(store: Store, path: str) -> list[ImportRecordRow]:
    return _import_rows(store, "WHERE f.path = ?", (path,))


def importers_of(store: Store, path: str) -> list[ImportRecordRow]:
    return _import_rows(store, "WHERE t.path = ?", (path,))


def importers_of_files(store: Store, paths: Sequence[str]) -> list[ImportRecordRow]:
    """The imports that resolved to any of `paths`, by importer and line."""
    found: list[ImportRecordRow] = []
    for chunk, marks in in_chunks(paths):
        found += _import_rows(store, f"WHERE t.path IN ({marks})", chunk, _FROM_TARGETS)
    return found


def unresolved_imports(store: Store, file_prefix: str | None = None) -> list[ImportRecordRow]:
    if file_prefix:
        return _import_rows(
            store,
            "WHERE i.reason IS NOT NULL AND f.path LIKE ? ESCAPE '!'",
            (_like_prefix(file_prefix),),
        )
    return _import_rows(store, "WHERE i.reason IS NOT NULL", ())


def exports_of(store: Store, path: str) -> list[tuple[str, str | None, str, int]]:
    """(exported_name, local_name, kind, line) of a file's own exports."""
    rows = store.connection.execute(
        "SELECT e.exported_name, e.local_name, e.kind, e.line FROM exports e "
        "JOIN files f ON f.id = e.file_id WHERE f.path = ? ORDER BY e.line",
        (path,),
    )
    return [(str(a), b, str(c), int(d)) for a, b, c, d in rows]


def file_info(store: Store, path: str) -> tuple[str, bool, int] | None:
    """(language, is_declaration, syntax_error_count) of an indexed file."""
    row = store.connection.execute(
        "SELECT language, is_declaration, syntax_error_count FROM files WHERE path = ?", (path,)
    ).fetchone()
    return None if row is None else (str(row[0]), bool(row[1]), int(row[2]))


# -- incremental linking: lazy lookups -------------------------------------------------------


def link_symbol(store: Store, symbol_id: int) -> LinkSymbol | None:
    row = store.connection.execute(_LINK_SYMBOL + "WHERE s.id = ?", (symbol_id,)).fetchone()
    if row is None:
        return None
    sid, path, name, qualified, kind, parent, export, type_name, callbacks = row
    return sid, path, name, qualified, kind, parent, export != "none", type_name, callbacks


def same_named(store: Store, symbol_id: int) -> list[int]:
    """Ids of the symbols sharing a file and a qualified name with `symbol_id`, in source order."""
    rows = store.connection.execute(
        "SELECT o.id FROM symbols s JOIN symbols o ON o.file_id = s.file_id "
        "AND o.qualified_name = s.qualified_name WHERE s.id = ? ORDER BY o.line, o.col, o.id",
        (symbol_id,),
    )
    return [int(sid) for (sid,) in rows]


def scope_of(store: Store, path: str) -> list[tuple[str, int]]:
    """(qualified_name, id) of every symbol of a file, in source order."""
    rows = store.connection.execute(
        "SELECT s.qualified_name, s.id FROM symbols s JOIN files f ON f.id = s.file_id "
        "WHERE f.path = ? ORDER BY s.line, s.col, s.id",
        (path,),
    )
    return [(str(name), int(sid)) for name, sid in rows]


def members_of(store: Store, symbol_id: int) -> list[tuple[str, int]]:
    rows = store.connection.execute(
        "SELECT name, id FROM symbols WHERE parent_id = ? ORDER BY line, col, id", (symbol_id,)
    )
    return [(str(name), int(sid)) for name, sid in rows]


def global_symbols_named(store: Store, name: str) -> list[int]:
    """Top-level symbols of script files (no import, no export) and `declare global` members."""
    rows = store.connection.execute(
        "SELECT s.id FROM symbols s WHERE s.name = ? AND (s.qualified_name LIKE 'global.%' OR "
        "(s.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM imports i WHERE i.file_id = s.file_id) "
        "AND NOT EXISTS (SELECT 1 FROM exports e WHERE e.file_id = s.file_id))) "
        "ORDER BY s.file_id, s.line, s.col, s.id",
        (name,),
    )
    return [int(sid) for (sid,) in rows]


def linked_base(store: Store, class_id: int) -> int | None:
    row = store.connection.execute(
        "SELECT target_id FROM edges WHERE source_id = ? AND kind = 'extends' ORDER BY line, col",
        (class_id,),
    ).fetchone()
    return None if row is None else int(row[0])


def import_names_of(
    store: Store, path: str
) -> list[tuple[str, str, str, str | None, str | None, int, int]]:
    """Like link_import_names, for one file."""
    rows = store.connection.execute(
        "SELECT f.path, i.kind, n.name, n.alias, t.path, n.line, n.col FROM import_names n "
        "JOIN imports i ON i.id = n.import_id JOIN files f ON f.id = i.file_id "
        "LEFT JOIN files t ON t.id = i.target_file_id WHERE f.path = ? ORDER BY i.id",
        (path,),
    )
    return list(rows)


def own_exports_of(store: Store, path: str) -> list[tuple[str, str | None]]:
    rows = store.connection.execute(
        "SELECT e.exported_name, e.local_name FROM exports e JOIN files f ON f.id = e.file_id "
        "WHERE f.path = ? ORDER BY e.line",
        (path,),
    )
    return [(str(exported), local) for exported, local in rows]


def references_of(
    store: Store, path: str
) -> list[tuple[str, int | None, str, str | None, str, int, int]]:
    rows = store.connection.execute(
        "SELECT f.path, r.enclosing_id, r.name, r.qualifier, r.kind, r.line, r.col "
        "FROM refs r JOIN files f ON f.id = r.file_id WHERE f.path = ?",
        (path,),
    )
    return list(rows)


def _paths_query(store: Store, sql: str, paths: list[str]) -> set[str]:
    """Run `sql` (with one `{marks}` placeholder list) over `paths` in chunks; collect paths."""
    found: set[str] = set()
    for chunk, marks in in_chunks(paths):
        found.update(
            str(row[0]) for row in store.connection.execute(sql.format(marks=marks), chunk)
        )
    return found


def import_outcomes(store: Store, import_ids: list[int]) -> dict[int, tuple[object, ...]]:
    """(method, target file id, package, reason) of each import."""
    found: dict[int, tuple[object, ...]] = {}
    for chunk, marks in in_chunks(import_ids):
        rows = store.connection.execute(
            "SELECT id, method, target_file_id, package, reason FROM imports "
            f"WHERE id IN ({marks})",
            chunk,
        )
        found.update((int(row[0]), tuple(row[1:])) for row in rows)
    return found


def interface_of(store: Store, path: str) -> tuple[tuple[tuple[object, ...], ...], ...]:
    """What other files can see of a file: its symbols, exports and re-exports.

    Two equal interfaces mean an edit changed only bodies: no other file's links can differ.
    """
    db = store.connection
    symbols = db.execute(  # in source order: which of two same-named symbols wins depends on it
        "SELECT s.qualified_name, s.kind, s.export_status, COALESCE(s.type_name, ''), "
        "COALESCE(s.callbacks, '') "
        "FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path = ? "
        "ORDER BY s.line, s.col, s.id",
        (path,),
    ).fetchall()
    exports = sorted(
        db.execute(
            "SELECT e.exported_name, COALESCE(e.local_name, ''), e.kind FROM exports e "
            "JOIN files f ON f.id = e.file_id WHERE f.path = ?",
            (path,),
        ).fetchall()
    )
    imports = sorted(
        db.execute(
            "SELECT i.specifier, i.kind, n.name, COALESCE(n.alias, '') FROM imports i "
            "JOIN files f ON f.id = i.file_id JOIN import_names n ON n.import_id = i.id "
            "WHERE f.path = ?",
            (path,),
        ).fetchall()
    )
    return (tuple(map(tuple, symbols)), tuple(map(tuple, exports)), tuple(map(tuple, imports)))


def symbol_ids_of(store: Store, paths: list[str]) -> set[int]:
    found: set[int] = set()
    for chunk, marks in in_chunks(paths):
        rows = store.connection.execute(
            f"SELECT s.id FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path IN ({marks})",
            chunk,
        )
        found.update(int(sid) for (sid,) in rows)
    return found


def files_linking_to(store: Store, symbol_ids: list[int]) -> set[str]:
    """Files with an edge to one of `symbol_ids`."""
    found: set[str] = set()
    for chunk, marks in in_chunks(symbol_ids):
        rows = store.connection.execute(
            "SELECT DISTINCT f.path FROM edges e JOIN files f ON f.id = e.file_id "
            f"WHERE e.target_id IN ({marks})",
            chunk,
        )
        found.update(str(path) for (path,) in rows)
    return found


def files_mentioning(store: Store, names: list[str], member_names: list[str]) -> set[str]:
    """Files that spell one of `names` in a reference (as its name or the first segment of its
    qualifier) or in an import specifier, or one of `member_names` anywhere in a qualifier.
    Only these can link differently when what those names mean changes."""
    found: set[str] = set()
    spelled = sorted(set(names) | set(member_names))
    if spelled:
        found |= _paths_query(
            store,
            "SELECT DISTINCT f.path FROM refs r JOIN files f ON f.id = r.file_id "
            "WHERE r.name IN ({marks})",
            spelled,
        )
    if names:
        for query in (
            "SELECT DISTINCT f.path FROM refs r JOIN files f ON f.id = r.file_id "
            "WHERE r.qualifier IN ({marks})",
            "SELECT DISTINCT f.path FROM import_names n JOIN files f ON f.id = n.file_id "
            "WHERE n.name IN ({marks})",
            "SELECT DISTINCT f.path FROM import_names n JOIN files f ON f.id = n.file_id "
            "WHERE n.alias IN ({marks})",
        ):
            found |= _paths_query(store, query, names)
        for name in names:  # `name.member`: the name as the first segment of a qualifier
            rows = store.connection.execute(
                "SELECT DISTINCT f.path FROM refs r JOIN files f ON f.id = r.file_id "
                "WHERE r.qualifier >= ? AND r.qualifier < ?",
                (name + ".", name + "/"),
            )
            found.update(str(path) for (path,) in rows)
    if member_names:  # `holder.member.name`: a later segment (one scan for all of them)
        wanted = set(member_names)
        rows = store.connection.execute(
            "SELECT DISTINCT f.path, r.qualifier FROM refs r JOIN files f ON f.id = r.file_id "
            "WHERE r.qualifier LIKE '%.%'"
        )
        found.update(
            str(path) for path, qualifier in rows if wanted.intersection(qualifier.split(".")[1:])
        )
    return found


# -- pictures of the graph -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PictureSymbol:
    id: int
    file: str
    name: str
    qualified_name: str
    kind: str
    line: int
    parent_id: int | None


def picture_symbols(store: Store) -> list[PictureSymbol]:
    """Every symbol with its parent, by file and position."""
    rows = store.connection.execute(
        "SELECT s.id, f.path, s.name, s.qualified_name, s.kind, s.line, s.parent_id "
        "FROM symbols s JOIN files f ON f.id = s.file_id ORDER BY f.path, s.line, s.col, s.id"
    )
    return [PictureSymbol(*row) for row in rows]


def top_level_symbols_of(store: Store, paths: Sequence[str]) -> list[PictureSymbol]:
    """The top-level symbols of `paths`, by file and position."""
    found: list[PictureSymbol] = []
    for chunk, marks in in_chunks(sorted(paths)):
        rows = store.connection.execute(
            "SELECT s.id, f.path, s.name, s.qualified_name, s.kind, s.line, s.parent_id "
            "FROM symbols s JOIN files f ON f.id = s.file_id "
            f"WHERE s.parent_id IS NULL AND f.path IN ({marks}) "
            "ORDER BY f.path, s.line, s.col, s.id",
            chunk,
        )
        found += [PictureSymbol(*row) for row in rows]
    return found


def symbol_links(store: Store) -> list[tuple[int | None, int, str, str]]:
    """(source id or None for top-level code, target id, file, kind) of every linked use,
    import sites left out."""
    rows = store.connection.execute(
        "SELECT e.source_id, e.target_id, f.path, e.kind FROM edges e "
        "JOIN files f ON f.id = e.file_id WHERE e.kind NOT IN ('import', 're-export') "
        "ORDER BY f.path, e.line, e.col"
    )
    return [(source, int(target), str(path), str(kind)) for source, target, path, kind in rows]


def package_imports(store: Store) -> list[tuple[str, str, str, bool]]:
    """(importer, package, method, type_only) of every import of an external or builtin package."""
    rows = store.connection.execute(
        "SELECT f.path, i.package, i.method, i.type_only FROM imports i "
        "JOIN files f ON f.id = i.file_id WHERE i.package IS NOT NULL "
        "AND i.method IN ('external', 'builtin') ORDER BY f.path, i.line, i.id"
    )
    return [(str(path), str(package), str(method), bool(t)) for path, package, method, t in rows]


def config_files(store: Store) -> list[str]:
    """Root-relative resolver configs (tsconfig, package.json, ...) the last index found."""
    return [c for c in (store.get_meta("config_files") or "").split("\n") if c]


def project_root(store: Store) -> Path:
    """The folder of the project this store indexes."""
    return Path(store.path).parent.parent
