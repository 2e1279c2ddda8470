"""The three renderings of `changes`: a table for people, JSON for scripts (documented in
docs/changes.md), and compact Markdown that fits a pull-request comment (and an agent).

The dependents come as one page (counted whole); `shown` cuts that page shorter (the MCP
answer budget). Everything else is shown whole.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table

from code_graph.query.changes import ChangedSymbol, ChangeImpact
from code_graph.query.impact import Dependent

JSON_VERSION = 1


def _dependent_name(dependent: Dependent) -> str:
    """The symbol, `new C` for the instances of class C, or the file's top-level code."""
    if dependent.symbol is None:
        return "<top-level>"
    instances = "new " if dependent.node[0] == "new" else ""
    return instances + dependent.symbol.qualified_name


def _where(dependent: Dependent) -> str:
    return f"{dependent.file}:{dependent.symbol.line if dependent.symbol else 1}"


def _symbol_line(item: ChangedSymbol) -> str:
    symbol = item.change.symbol
    return f"{symbol.kind} {symbol.qualified_name} {item.file}:{symbol.span.line}"


def _counts(result: ChangeImpact) -> str:
    dependents = result.dependents
    return (
        f"{_count(len(result.files), 'file')} changed,"
        f" {_count(len(result.symbols), 'symbol')} changed,"
        f" {_count(dependents.total, 'dependent')} in {_count(dependents.files, 'file')}"
        f" ({dependents.runtime} runtime, {dependents.total - dependents.runtime} type-only),"
        f" {_count(len(result.tests), 'test')} affected"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _depths(result: ChangeImpact) -> str:
    return ", ".join(f"d{depth}: {count}" for depth, count in result.dependents.by_depth)


def _notes(result: ChangeImpact) -> list[str]:
    notes = []
    if result.depth_limited:
        notes.append("depth limit reached: more dependents lie beyond it")
    if result.unresolved_imports:
        notes.append(
            f"{result.unresolved_imports} imports in the project are unresolved;"
            " dependents through them are not seen"
        )
    if result.unparsed_files:
        notes.append(f"{result.unparsed_files} files have lines no parse made sense of")
    return notes


def _graph_lines(result: ChangeImpact) -> list[str]:
    lines = []
    for cycle in result.cycles:
        kind = "runtime" if cycle.runtime else "type-only"
        verb = "new" if cycle.appeared else "removed"
        lines.append(f"{verb} {kind} import cycle: {' -> '.join(cycle.path)}")
    for export in result.broken_exports:
        renamed = f" (renamed to {export.renamed_to})" if export.renamed_to else ""
        users = ", ".join(f"{file}:{line}" for file, line in export.importers)
        lines.append(
            f"removed export {export.file}:{export.name}{renamed} still imported by {users}"
        )
    for broken in result.broken_imports:
        was = f"resolved to {broken.was} before" if broken.was else "new import"
        lines.append(
            f"import no longer resolves: {broken.file}:{broken.line} '{broken.specifier}'"
            f" ({was}; {broken.reason or 'unresolved'})"
        )
    return lines


def changes_text(result: ChangeImpact, shown: int | None = None) -> str:
    """Markdown short enough for a pull-request comment: one line per item."""
    side = "staged changes" if result.staged else "working tree"
    lines = [f"**code-graph changes**: {side} against {result.base} — {_counts(result)}"]
    if result.files:
        lines += ["", "Changed files:"]
        for file in result.files:
            moved = f" (from {file.old_path})" if file.status == "renamed" else ""
            lines.append(f"- {file.status} `{file.path}`{moved}")
    if result.symbols:
        lines += ["", "Changed symbols:"]
        lines += [f"- {item.change.detail} `{_symbol_line(item)}`" for item in result.symbols]
    if result.tests:
        lines += ["", "Affected tests:"]
        for test in result.tests:
            kind = "" if test.runtime else " (type-only)"
            lines.append(f"- `{test.file}`{kind}: {' '.join(test.path)}")
    graph = _graph_lines(result)
    if graph:
        lines += ["", "Graph changes:"] + [f"- {line}" for line in graph]
    page, offset = result.dependents.page[:shown], result.dependents.offset
    if page:
        lines += ["", f"Dependents by depth ({_depths(result)}):"]
        for d in page:
            kind = "" if d.runtime else " type-only"
            possible = f" possible (via {d.through})" if d.through else ""
            lines.append(f"- d{d.depth} `{_where(d)}` {_dependent_name(d)}{kind}{possible}")
        rest = result.dependents.total - offset - len(page)
        if rest > 0:
            lines.append(f"- … {rest} more (offset={offset + len(page)})")
    notes = _notes(result)
    if notes:
        lines += [""] + [f"note: {note}" for note in notes]
    return "\n".join(lines)


def changes_document(result: ChangeImpact, shown: int | None = None) -> dict[str, Any]:
    page, offset = result.dependents.page[:shown], result.dependents.offset
    following = offset + len(page)
    return {
        "version": JSON_VERSION,
        "base": result.base,
        "base_commit": result.base_commit,
        "staged": result.staged,
        "files": [
            {"status": f.status, "path": f.path, "old_path": f.old_path} for f in result.files
        ],
        "symbols": [
            {
                "file": item.file,
                "name": item.change.symbol.qualified_name,
                "kind": item.change.symbol.kind.value,
                "line": item.change.symbol.span.line,
                "end_line": item.change.symbol.span.end_line,
                "change": item.change.change.value,
                "signature_changed": item.change.signature_changed,
                "signature": item.change.symbol.signature,
                "old_signature": item.change.old.signature if item.change.old else None,
            }
            for item in result.symbols
        ],
        "top_level_changed": list(result.top_level_changed),
        "dependents": [
            {
                "depth": d.depth,
                "file": d.file,
                "name": d.symbol.qualified_name if d.symbol else None,
                "line": d.symbol.line if d.symbol else None,
                "instances": d.node[0] == "new",
                "runtime": d.runtime,
                "edge": d.kind,
                "through": d.through,  # reached by dispatch through this member: possible
            }
            for d in page
        ],
        "dependents_summary": {
            "total": result.dependents.total,
            "runtime": result.dependents.runtime,
            "files": result.dependents.files,
            "by_depth": [{"depth": d, "count": c} for d, c in result.dependents.by_depth],
        },
        "dependents_page": {
            "offset": offset,
            "returned": len(page),
            "total": result.dependents.total,
            "next_offset": following if following < result.dependents.total else None,
        },
        "tests": [
            {"file": t.file, "runtime": t.runtime, "depth": t.depth, "path": list(t.path)}
            for t in result.tests
        ],
        "graph": {
            "cycles": [
                {
                    "files": list(c.files),
                    "path": list(c.path),
                    "runtime": c.runtime,
                    "appeared": c.appeared,
                }
                for c in result.cycles
            ],
            "broken_exports": [
                {
                    "file": e.file,
                    "name": e.name,
                    "renamed_to": e.renamed_to,
                    "importers": [{"file": f, "line": line} for f, line in e.importers],
                }
                for e in result.broken_exports
            ],
            "broken_imports": [
                {
                    "file": b.file,
                    "line": b.line,
                    "specifier": b.specifier,
                    "was": b.was,
                    "reason": b.reason,
                }
                for b in result.broken_imports
            ],
        },
        "depth_limited": result.depth_limited,
        "unresolved_imports": result.unresolved_imports,
        "unparsed_files": result.unparsed_files,
    }


def changes_view(result: ChangeImpact, shown: int | None = None) -> RenderableType:
    side = "staged changes" if result.staged else "working tree"
    parts: list[RenderableType] = [
        f"[bold]Changes[/] of the {side} against {escape(result.base)}: {escape(_counts(result))}"
    ]
    if result.files:
        files = _table("Changed files", "status", "file", "from")
        for file in result.files:
            moved = file.old_path if file.status == "renamed" else ""
            files.add_row(file.status, escape(file.path), escape(moved or ""))
        parts.append(files)
    symbols = _table("Changed symbols", "change", "symbol", "where")
    for item in result.symbols:
        symbol = item.change.symbol
        symbols.add_row(
            item.change.detail,
            f"{symbol.kind} {escape(symbol.qualified_name)}",
            escape(f"{item.file}:{symbol.span.line}"),
        )
    parts.append(symbols)
    if result.tests:
        tests = _table("Affected tests", "test", "depth", "dependency", "reached by")
        for test in result.tests:
            tests.add_row(
                escape(test.file),
                str(test.depth),
                "runtime" if test.runtime else "type-only",
                escape(" ".join(test.path)),
            )
        parts.append(tests)
    graph = _graph_lines(result)
    if graph:
        parts.append("[bold]Graph changes[/]")
        parts += [f"[yellow]{escape(line)}[/]" for line in graph]
    page, offset = result.dependents.page[:shown], result.dependents.offset
    if page:
        dependents = _table(
            f"Dependents ({_depths(result)})", "depth", "dependent", "where", "via", "dependency"
        )
        for d in page:
            dependents.add_row(
                str(d.depth),
                escape(_dependent_name(d)),
                escape(_where(d)),
                d.kind,
                "runtime" if d.runtime else "type-only",
            )
        parts.append(dependents)
        rest = result.dependents.total - offset - len(page)
        if rest > 0:
            parts.append(f"… {rest} more dependents (--offset {offset + len(page)})")
    parts += [f"[yellow]{escape(note)}[/]" for note in _notes(result)]
    return Group(*parts)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        table.add_column(column)
    return table
