"""The whole graph as one JSON-ready document with stable field names (see docs/export.md)."""

from __future__ import annotations

from typing import Any

from code_graph.store import reads
from code_graph.store.sqlite import Store

EXPORT_FORMAT_VERSION = 1


def symbol_key(path: str, qualified_name: str, kind: str) -> str:
    """A symbol's stable identity: the same across re-indexing, unlike row ids."""
    return f"{path}#{qualified_name}@{kind}"


def export_graph(store: Store) -> dict[str, Any]:
    """Files, symbols, imports (with resolution), exports, references and file edges."""
    symbols, ids_by_row = _symbols(store)
    imports = _imports(store)
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "files": [
            {"path": path, "language": language, "is_declaration": is_decl, "parse_errors": errors}
            for path, language, is_decl, errors in reads.export_files(store)
        ],
        "symbols": symbols,
        "imports": imports,
        "exports": [
            {
                "file": path,
                "exported_name": exported,
                "local_name": local,
                "kind": kind,
                "line": line,
                "type_only": bool(type_only),
                "symbol": ids_by_row.get(symbol_row) if symbol_row is not None else None,
            }
            for path, exported, local, kind, line, type_only, symbol_row in reads.export_exports(
                store
            )
        ],
        "references": [
            {
                "file": path,
                "line": line,
                "column": col,
                "kind": kind,
                "name": name,
                "qualifier": qualifier,
                "enclosing": enclosing,
            }
            for path, line, col, kind, name, qualifier, enclosing in reads.export_references(store)
        ],
        "edges": _file_edges(imports),
        "symbol_edges": [
            {
                "from": ids_by_row.get(edge.source_id) if edge.source_id is not None else None,
                "to": ids_by_row.get(edge.target_id),
                "kind": edge.kind,
                "resolved_by": edge.method,
                "file": edge.file,
                "line": edge.line,
                "column": edge.column,
                "via": list(edge.via),
            }
            for edge in sorted(
                reads.export_symbol_edges(store),
                key=lambda e: (
                    e.file,
                    e.line,
                    e.column,
                    e.kind,
                    ids_by_row.get(e.target_id, ""),
                    ids_by_row.get(e.source_id, "") if e.source_id is not None else "",
                    e.method,
                    e.via,
                ),
            )
        ],
    }


def _symbols(store: Store) -> tuple[list[dict[str, Any]], dict[object, str]]:
    symbols: list[dict[str, Any]] = []
    ids_by_row: dict[object, str] = {}
    seen: dict[str, int] = {}
    for row in reads.export_symbols(store):
        row_id, name, qualified, kind, path, line, col, end_line, end_col, export, parent, sig = row
        key = symbol_key(str(path), str(qualified), str(kind))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # overloads and merged declarations share a name: number the extras
            key = f"{key}~{seen[key]}"
        ids_by_row[row_id] = key
        symbols.append(
            {
                "id": key,
                "name": name,
                "qualified_name": qualified,
                "kind": kind,
                "file": path,
                "line": line,
                "column": col,
                "end_line": end_line,
                "end_column": end_col,
                "exported": export,
                "parent": parent,
                "signature": sig,
            }
        )
    return symbols, ids_by_row


def _imports(store: Store) -> list[dict[str, Any]]:
    names = reads.export_import_names(store)
    return [
        {
            "file": path,
            "line": line,
            "specifier": specifier,
            "kind": kind,
            "type_only": bool(type_only),
            "names": [
                {"name": name, "alias": alias, "type_only": name_type_only}
                for name, alias, name_type_only in names.get(int(str(import_id)), [])
            ],
            "resolution": {
                "method": method,
                "file": target,
                "package": package,
                "unresolved_reason": reason,
                "detail": detail or None,
            },
        }
        for import_id, path, line, specifier, kind, type_only, method, target, package, reason, detail in reads.export_imports(
            store
        )
    ]


def _file_edges(imports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One edge per (importer, target, kind): file `imports` file, or file `imports` package."""
    edges: dict[tuple[str, str, str, bool], int] = {}
    for record in imports:
        resolution = record["resolution"]
        if resolution["file"] is not None:
            target, target_kind = resolution["file"], "file"
        elif resolution["package"] is not None:
            target, target_kind = resolution["package"], "package"
        else:
            continue
        key = (record["file"], f"{target_kind}:{target}", record["kind"], record["type_only"])
        edges[key] = edges.get(key, 0) + 1
    return [
        {
            "from": source,
            "to": target.split(":", 1)[1],
            "to_kind": target.split(":", 1)[0],
            "kind": "imports",
            "import_kind": kind,
            "type_only": type_only,
            "count": count,
        }
        for (source, target, kind, type_only), count in sorted(edges.items())
    ]
