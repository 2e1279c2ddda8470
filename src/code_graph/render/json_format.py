"""The `json` rendering: stable field names for scripts (documented in docs/json.md)."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from code_graph.query.address import Lookup
from code_graph.query.calls import CallHierarchy, CallNode
from code_graph.query.context import SECTIONS, Context, Related
from code_graph.query.cycles import CyclesResult
from code_graph.query.export import GraphExport
from code_graph.query.files import FileSummary, FolderSummary
from code_graph.query.find import FindResult
from code_graph.query.impact import ImpactResult
from code_graph.query.implementations import ImplementationsResult
from code_graph.query.paging import EVERYTHING, Page
from code_graph.query.refs import Reference, RefsResult
from code_graph.query.source import SourceResult
from code_graph.query.stats import ProjectStats
from code_graph.query.unparsed import Unparsed
from code_graph.query.unresolved import UnresolvedGroup, page_of_groups
from code_graph.records import StoredImport, SymbolRecord

if TYPE_CHECKING:  # the indexer is heavy: query commands never load it
    from code_graph.index import IndexRun


EXPORT_FORMAT_VERSION = 1


def to_json(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False)


def page_document(page: Page, shown: int, total: int) -> dict[str, Any]:
    """Where a page sits in its list, and the offset of the next page (None: last page)."""
    following = page.next_offset(shown)
    return {
        "offset": page.offset,
        "returned": shown,
        "total": total,
        "next_offset": following if following < total else None,
    }


def paged(document: dict[str, Any], page: Page, shown: int, total: int) -> dict[str, Any]:
    """`document` with its `page` entry."""
    return {**document, "page": page_document(page, shown, total)}


def stats_document(stats: ProjectStats) -> dict[str, Any]:
    document = dataclasses.asdict(stats)
    document["top_packages"] = [{"package": n, "importing_files": c} for n, c in stats.top_packages]
    document["most_imported_files"] = [
        {"file": path, "importing_files": count} for path, count in stats.most_imported_files
    ]
    document["syntax_errors"] = [file._asdict() for file in stats.syntax_errors]
    document["failures"] = [failure._asdict() for failure in stats.failures]
    return document


def index_document(run: IndexRun, stats: ProjectStats) -> dict[str, Any]:
    return {
        "root": run.root,
        "store": run.store_path,
        "elapsed_seconds": round(run.elapsed_seconds, 3),
        "discovered_files": run.discovered,
        "parsed_files": run.parsed,
        "unchanged_files": run.unchanged,
        "removed_files": run.removed,
        "resolved_imports": run.resolved_imports,
        "rebuilt_because": run.rebuilt_because,
        "skipped": [
            {"path": skip.path, "reason": skip.reason.value, "detail": skip.detail}
            for skip in run.skipped
        ],
        "config_warnings": [
            {"file": warning.file, "message": warning.message} for warning in run.config_warnings
        ],
        "stats": stats_document(stats),
    }


def symbol_document(symbol: SymbolRecord) -> dict[str, Any]:
    return {
        "name": symbol.name,
        "qualified_name": symbol.qualified_name,
        "kind": symbol.kind,
        "file": symbol.file,
        "line": symbol.line,
        "column": symbol.column,
        "end_line": symbol.end_line,
        "exported": symbol.export,
        "signature": symbol.signature,
    }


def lookup_document(found: Lookup) -> dict[str, Any]:
    """How an address resolved: `found`, `ambiguous` (with candidates) or `not_found`."""
    if found.symbol is not None:
        return {"status": "found", "symbol": symbol_document(found.symbol)}
    if found.is_ambiguous:
        return {
            "status": "ambiguous",
            "candidates": [symbol_document(s) for s in found.matches],
        }
    return {
        "status": "not_found",
        "problem": found.problem,
        "suggestions": list(found.suggestions),
        "unparsed": unparsed_document(found.unparsed),
    }


def unparsed_document(unparsed: Unparsed | None) -> dict[str, Any] | None:
    """Files whose syntax errors could hide what was not found (None: no such file)."""
    if unparsed is None:
        return None
    return {
        "files_with_unparsed_lines": unparsed.total,
        "files": [
            {"path": f.path, "line": f.line, "unparsed_lines": f.unparsed_lines}
            for f in unparsed.files
        ],
    }


def find_document(result: FindResult) -> dict[str, Any]:
    document = {
        "pattern": result.pattern,
        "total": result.total,
        "symbols": [symbol_document(s) for s in result.symbols],
    }
    if result.total == 0:
        document["unparsed"] = unparsed_document(result.unparsed)
    return document


def reference_document(ref: Reference) -> dict[str, Any]:
    return {
        "file": ref.file,
        "line": ref.line,
        "column": ref.column,
        "kind": ref.kind,
        "enclosing": ref.enclosing,
        "resolved_by": ref.method,
        "via": list(ref.via),
        "related": ref.related,  # the related member it is written against (None: this one)
    }


def refs_document(result: RefsResult) -> dict[str, Any]:
    return {
        "lookup": lookup_document(result.lookup),
        "total": result.total,
        "references": [reference_document(r) for r in result.references],
        "unlinked_same_name": result.completeness.unlinked_same_name,
        "unparsed_files": result.completeness.unparsed_files,
    }


def impact_document(result: ImpactResult) -> dict[str, Any]:
    names = result.names()
    return {
        "target": result.target,
        "lookup": lookup_document(result.lookup) if result.lookup else None,
        "dependents": [
            {
                "depth": d.depth,
                "file": d.file,
                "line": d.line,
                "symbol": symbol_document(d.symbol) if d.symbol else None,
                "runtime": d.runtime,
                "edge": d.kind,
                "reached_from": names.get(d.parent) if d.parent is not None else None,
                "through": d.through,  # reached by dispatch through this member: possible
                "test": d.in_test,
            }
            for d in result.dependents
        ],
        "files": [{"file": f, "depth": depth, "runtime": rt} for f, depth, rt in result.files],
        "in_test_files": result.in_tests,
        "depth_limited": result.depth_limited,
        "unresolved_imports": result.unresolved_imports,
        "unlinked_same_name": result.completeness.unlinked_same_name,
        "unparsed_files": result.completeness.unparsed_files,
    }


def impact_page_document(result: ImpactResult, page: Page) -> dict[str, Any]:
    """The dependents of this page (and their files); `page` counts them all."""
    shown = page.window(result.dependents)
    files = {dependent.file for dependent in shown}
    window = dataclasses.replace(
        result, dependents=shown, files=[entry for entry in result.files if entry[0] in files]
    )
    return paged(impact_document(window), page, len(shown), len(result.dependents))


def cycles_document(result: CyclesResult, page: Page = EVERYTHING) -> dict[str, Any]:
    shown = page.window(result.cycles)
    return {
        "total": len(result.cycles),
        "page": page_document(page, len(shown), len(result.cycles)),
        "cycles": [
            {
                "runtime": c.runtime,
                "files": c.files,
                "path": c.path,
                "break_edge": {
                    "from": c.break_edge[0],
                    "to": c.break_edge[1],
                    "line": c.break_edge[2],
                    "uses": c.break_edge_uses,
                    "type_only": c.break_edge_type_only,
                    "left_on_cycles": c.left_on_cycles,
                    "why": c.why(),
                },
            }
            for c in shown
        ],
        "unresolved_imports": result.unresolved_imports,
    }


def _related(items: list[Related]) -> list[dict[str, Any]]:
    return [
        {"symbol": symbol_document(r.symbol), "kind": r.kind, "file": r.file, "line": r.line}
        for r in items
    ]


def context_document(context: Context) -> dict[str, Any]:
    """Every section of `context`, or only those it was narrowed to (`only_sections`)."""
    if context.symbol is None:
        return {"lookup": lookup_document(context.lookup)}
    document = _context_sections(context)
    if context.sections == SECTIONS:
        return document
    kept = {"lookup", "omitted", *context.sections} | (
        {"parent"} if "definition" in context.sections else set()
    )
    return {key: value for key, value in document.items() if key in kept}


def _context_sections(context: Context) -> dict[str, Any]:
    assert context.symbol is not None
    return {
        "lookup": lookup_document(context.lookup),
        "definition": symbol_document(context.symbol),
        "parent": symbol_document(context.parent) if context.parent else None,
        "children": [symbol_document(s) for s in context.children],
        "references": [reference_document(r) for r in context.references],
        "callers": _related(context.callers),
        "readers": _related(context.readers),
        "writers": _related(context.writers),
        "callees": _related(context.callees),
        "extends": _related(context.extends),
        "extended_by": _related(context.extended_by),
        "implements": _related(context.implements),
        "implemented_by": _related(context.implemented_by),
        "overrides": _related(context.overrides),
        "overridden_by": _related(context.overridden_by),
        "type_users": _related(context.type_users),
        "barrels": context.barrels,
        "omitted": dict(context.omitted),
        "unlinked_same_name": context.completeness.unlinked_same_name,
        "unparsed_files": context.completeness.unparsed_files,
    }


def calls_document(result: CallHierarchy) -> dict[str, Any]:
    def node(call: CallNode) -> dict[str, Any]:
        return {
            "symbol": symbol_document(call.symbol) if call.symbol else None,
            "file": call.file,
            "line": call.line,
            "kind": call.kind,
            "recursive": call.recursive,
            "repeated": call.repeated,
            "unexpanded": call.unexpanded,
            "children": [node(child) for child in call.children],
        }

    return {
        "lookup": lookup_document(result.lookup),
        "direction": result.direction,
        "depth": result.depth,
        "calls": [node(root) for root in result.roots],
        "shown": result.shown,
        "cut": result.cut,
    }


def source_document(result: SourceResult) -> dict[str, Any]:
    document: dict[str, Any] = {"lookup": lookup_document(result.lookup)}
    if result.symbol is None:
        return document
    return {
        **document,
        "definition": symbol_document(result.symbol),
        "first_line": result.first_line,
        "last_line": result.first_line + len(result.lines) - 1 if result.lines else None,
        "text": "\n".join(result.lines),
        "lines_cut": result.cut,
        "stale": result.stale,
        "unreadable": result.unreadable,
    }


def import_document(record: StoredImport) -> dict[str, Any]:
    return {**_import_fields(record), "resolution": _resolution(record)}


def _import_fields(record: StoredImport) -> dict[str, Any]:
    return {
        "file": record.file,
        "line": record.line,
        "specifier": record.specifier,
        "kind": record.kind,
        "type_only": record.type_only,
    }


def _resolution(record: StoredImport) -> dict[str, Any]:
    return {
        "method": record.method,
        "file": record.target,
        "package": record.package,
        "unresolved_reason": record.reason,
        "detail": record.detail or None,
    }


def file_summary_document(summary: FileSummary) -> dict[str, Any]:
    if not summary.found:
        return {"path": summary.path, "found": False, "suggestions": list(summary.suggestions)}
    return {
        "path": summary.path,
        "found": True,
        "language": summary.language,
        "is_declaration": summary.is_declaration,
        "syntax_errors": summary.syntax_errors,
        "symbols": [symbol_document(s) for s in summary.symbols],
        "imports": [import_document(i) for i in summary.imports],
        "exports": [
            {
                "exported_name": export.exported_name,
                "local_name": export.local_name,
                "kind": export.kind,
                "line": export.line,
            }
            for export in summary.exports
        ],
        "reexports": [
            {
                "name": entry.name,
                "from": entry.origin,
                "line": entry.line,
                "star": entry.star,
                "type_only": entry.type_only,
            }
            for entry in summary.reexports
        ],
        "importers": [import_document(i) for i in summary.importers],
    }


def folder_summary_document(summary: FolderSummary) -> dict[str, Any]:
    return {
        "folder": summary.folder,
        "total_files": summary.total_files,
        "files": [
            {
                "path": entry.path,
                "exports": [symbol_document(s) for s in entry.exports],
                "outside_imports": [import_document(i) for i in entry.outside_imports],
            }
            for entry in summary.files
        ],
    }


def unresolved_document(groups: list[UnresolvedGroup], page: Page = EVERYTHING) -> dict[str, Any]:
    """The groups with this page's imports; `count` is each whole group, `total` all of them."""
    total = sum(g.count for g in groups)
    shown = page_of_groups(groups, page)
    return {
        "total": total,
        "page": page_document(page, sum(len(g.imports) for g in shown), total),
        "groups": [
            {
                "reason": g.reason,
                "fix": g.fix,
                "count": g.count,
                "imports": [import_document(i) for i in g.imports],
            }
            for g in shown
        ],
    }


def export_document(graph: GraphExport) -> dict[str, Any]:
    """The whole graph as one document with stable field names (docs/export.md)."""
    keys, names = graph.keys, graph.qualified_names
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "files": [
            {
                "path": f.path,
                "language": f.language,
                "is_declaration": f.is_declaration,
                "parse_errors": f.syntax_errors,
            }
            for f in graph.files
        ],
        "symbols": [
            {
                "id": keys[s.id],
                "name": s.name,
                "qualified_name": s.qualified_name,
                "kind": s.kind,
                "file": s.file,
                "line": s.line,
                "column": s.column,
                "end_line": s.end_line,
                "end_column": s.end_column,
                "exported": s.export,
                "parent": names.get(s.parent_id) if s.parent_id is not None else None,
                "signature": s.signature,
            }
            for s in graph.symbols
        ],
        "imports": [
            {
                **_import_fields(i),
                "names": [
                    {"name": n.name, "alias": n.alias, "type_only": n.type_only}
                    for n in graph.import_names.get(i.id, [])
                ],
                "resolution": _resolution(i),
            }
            for i in graph.imports
        ],
        "exports": [
            {
                "file": e.file,
                "exported_name": e.exported_name,
                "local_name": e.local_name,
                "kind": e.kind,
                "line": e.line,
                "type_only": e.type_only,
                "symbol": keys.get(e.symbol_id) if e.symbol_id is not None else None,
            }
            for e in graph.exports
        ],
        "references": [
            {
                "file": r.file,
                "line": r.line,
                "column": r.column,
                "kind": r.kind,
                "name": r.name,
                "qualifier": r.qualifier,
                "enclosing": names.get(r.enclosing_id) if r.enclosing_id is not None else None,
            }
            for r in graph.references
        ],
        "edges": [
            {
                "from": edge.source,
                "to": edge.target,
                "to_kind": edge.target_kind,
                "kind": "imports",
                "import_kind": edge.import_kind,
                "type_only": edge.type_only,
                "count": edge.count,
            }
            for edge in graph.file_edges
        ],
        "symbol_edges": [
            {
                "from": keys.get(e.source_id) if e.source_id is not None else None,
                "to": keys.get(e.target_id),
                "kind": e.kind,
                "resolved_by": e.method,
                "file": e.file,
                "line": e.line,
                "column": e.column,
                "via": list(e.via),
            }
            for e in graph.symbol_edges
        ],
    }


def implementations_document(result: ImplementationsResult) -> dict[str, Any]:
    return {
        "lookup": lookup_document(result.lookup),
        "total": result.total,
        "implementations": [
            {
                "symbol": symbol_document(item.symbol),
                "kind": item.kind,
                "through": item.through.qualified_name if item.through else None,
            }
            for item in result.implementations
        ],
    }
