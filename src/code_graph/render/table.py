"""The `table` rendering for people: rich tables and short summaries."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.table import Table

from code_graph.query.address import Lookup
from code_graph.query.calls import CallHierarchy, CallNode
from code_graph.query.context import Context
from code_graph.query.cycles import CyclesResult
from code_graph.query.files import FileSummary, FolderSummary
from code_graph.query.find import FindResult
from code_graph.query.impact import ImpactResult
from code_graph.query.implementations import ImplementationsResult
from code_graph.query.paging import EVERYTHING, Page
from code_graph.query.refs import RefsResult
from code_graph.query.source import SourceResult
from code_graph.query.stats import ProjectStats
from code_graph.query.unresolved import UnresolvedGroup, page_of_groups
from code_graph.records import SymbolRecord

if TYPE_CHECKING:  # the indexer is heavy: query commands never load it
    from code_graph.index import IndexRun

MAX_SKIPPED_SHOWN = 20
MAX_SYNTAX_ERRORS_SHOWN = 10


def _counts(title: str, counts: dict[str, int], label: str) -> Table:
    table = Table(
        title=title, title_justify="left", show_edge=False, pad_edge=False, min_width=len(title)
    )
    table.add_column(label)
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, f"{value:,}")
    return table


def _ranked(title: str, rows: list[tuple[str, int]], label: str, unit: str) -> Table:
    table = Table(
        title=title, title_justify="left", show_edge=False, pad_edge=False, min_width=len(title)
    )
    table.add_column(label)
    table.add_column(unit, justify="right")
    for name, count in rows:
        table.add_row(name, f"{count:,}")
    return table


def stats_view(stats: ProjectStats) -> RenderableType:
    headline = (
        f"[bold]{stats.files:,}[/] files ({stats.declaration_files:,} declaration), "
        f"[bold]{stats.symbols:,}[/] symbols, [bold]{stats.imports:,}[/] imports, "
        f"{stats.exports:,} exports, {stats.references:,} references"
    )
    parts: list[RenderableType] = [
        headline,
        _counts("Files by language", stats.files_by_language, "language"),
        _counts("Symbols by kind", stats.symbols_by_kind, "kind"),
        _counts("Imports by resolution", stats.imports_by_method, "method"),
    ]
    if stats.unresolved_by_reason:
        parts.append(_counts("Unresolved imports", stats.unresolved_by_reason, "reason"))
    if stats.top_packages:
        parts.append(_ranked("External packages", stats.top_packages, "package", "files"))
    if stats.most_imported_files:
        parts.append(_ranked("Most imported files", stats.most_imported_files, "file", "importers"))
    if stats.files_with_syntax_errors:
        parts.append(_syntax_errors(stats))
    if stats.skipped:
        parts.append(_counts("Skipped files", stats.skipped_by_reason, "reason"))
    if stats.failures:
        parts.append(_failures(stats))
    return Group(*parts)


def _failures(stats: ProjectStats) -> RenderableType:
    table = Table(
        title="[red]Failures of code-graph (please report them)[/]",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("file")
    table.add_column("step")
    table.add_column("lost", justify="right")
    table.add_column("first error")
    for failure in stats.failures[:MAX_SKIPPED_SHOWN]:
        table.add_row(failure.path, failure.stage, f"{failure.lost:,}", failure.detail)
    if len(stats.failures) > MAX_SKIPPED_SHOWN:
        more = len(stats.failures) - MAX_SKIPPED_SHOWN
        table.caption = f"… {more:,} more (code-graph stats --json lists them all)"
    return table


def _syntax_errors(stats: ProjectStats) -> RenderableType:
    """Files with syntax errors: what the errors cost, and where the first one is."""
    files = stats.syntax_errors
    unparsed = sum(f.unparsed_lines for f in files)
    recovered = sum(f.recovered for f in files)
    title = (
        f"[yellow]{stats.files_with_syntax_errors:,} files have syntax errors[/]: "
        f"{unparsed:,} lines no parse made sense of, {recovered:,} declarations recovered "
        "from statements with errors"
    )
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for column in ("file", "errors", "unparsed lines", "recovered", "first error"):
        table.add_column(column, justify="left" if column in ("file", "first error") else "right")
    for f in files[:MAX_SYNTAX_ERRORS_SHOWN]:
        table.add_row(
            f.path,
            f"{f.errors:,}",
            f"{f.unparsed_lines:,}",
            f"{f.recovered:,}",
            f"{f.line}:{f.column} {escape(f.message)}",
        )
    if len(files) > MAX_SYNTAX_ERRORS_SHOWN:
        table.add_row(f"… {len(files) - MAX_SYNTAX_ERRORS_SHOWN} more (see --json)", "", "", "", "")
    return table


def index_view(run: IndexRun, stats: ProjectStats) -> RenderableType:
    if run.parsed == 0 and run.removed == 0:
        action = f"up to date: nothing parsed ({run.unchanged:,} re-hashed, unchanged)"
    else:
        action = f"parsed {run.parsed:,} files, removed {run.removed:,}"
        if run.unchanged:
            action += f", {run.unchanged:,} re-hashed unchanged"
    parts: list[RenderableType] = [
        f"Indexed [bold]{run.root}[/] in {run.elapsed_seconds:.2f}s: {action}",
    ]
    if run.discovered == 0 and not run.skipped:
        return f"[yellow]no TypeScript or JavaScript files found under {escape(run.root)}[/]"
    if run.rebuilt_because:
        parts.append(f"[yellow]store rebuilt: {run.rebuilt_because}[/]")
    parts.append(stats_view(stats))
    if run.skipped:
        parts.append(_skipped_list(run))
    for warning in run.config_warnings:
        parts.append(f"[yellow]warning[/] {warning.file}: {warning.message}")
    return Group(*parts)


def _skipped_list(run: IndexRun) -> RenderableType:
    table = Table(title="Skipped", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("file")
    table.add_column("reason")
    table.add_column("detail")
    for skip in run.skipped[:MAX_SKIPPED_SHOWN]:
        table.add_row(skip.path, skip.reason.value, skip.detail)
    if len(run.skipped) > MAX_SKIPPED_SHOWN:
        table.add_row(f"… {len(run.skipped) - MAX_SKIPPED_SHOWN} more (see --json)", "", "")
    return table


PIPE_WIDTH = 200  # when piped, rich would wrap at 80 columns and cut paths


def print_view(view: RenderableType, console: Console | None = None) -> None:
    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=PIPE_WIDTH)
    console.print(view)


def _table(title: str | None, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        table.add_column(column)
    return table


def page_note(page: Page, shown: int, total: int) -> str | None:
    """What a page of a table left out and how to see it (None: the table shows it all)."""
    if shown == total:
        return None
    if shown == 0:
        return f"--offset {page.offset} is past the end: {total:,} in all (first page: --offset 0)"
    note = f"showing {page.offset + 1:,}–{page.offset + shown:,} of {total:,}"
    rest = page.following(shown, total)
    if rest:
        note += f"; {rest:,} more: --offset {page.next_offset(shown)} (or a larger --limit)"
    return note


def _with_note(view: RenderableType, note: str | None) -> RenderableType:
    return view if note is None else Group(view, f"[dim]{escape(note)}[/]")


def _problem(found: Lookup) -> RenderableType:
    if found.is_ambiguous:
        table = _table(
            f"{found.address} is ambiguous: pick one (file:Name or file:LINE)",
            "kind",
            "symbol",
            "where",
        )
        for symbol in found.matches:
            table.add_row(symbol.kind, symbol.qualified_name, symbol.location)
        return table
    text = f"[red]not found:[/] {escape(found.problem or found.address)}"
    if found.suggestions:
        text += f"\ndid you mean: {escape(', '.join(found.suggestions))}"
    if found.unparsed is not None:
        text += f"\n[yellow]note: {escape(found.unparsed.note())}[/]"
    return text


def _symbols_table(title: str, symbols: list[SymbolRecord]) -> Table:
    table = _table(title, "kind", "symbol", "where", "export", "signature")
    for s in symbols:
        table.add_row(s.kind, s.qualified_name, s.location, s.export, escape(s.signature))
    return table


def find_view(result: FindResult, page: Page = EVERYTHING) -> RenderableType:
    if result.total == 0:
        text = f"no symbol matches {escape(result.pattern)!r}"
        if result.unparsed is not None:
            text += f"\n[yellow]note: {escape(result.unparsed.note())}[/]"
        return text
    title = f"{result.total} symbols match {escape(result.pattern)!r}"
    table = _symbols_table(title, result.symbols)
    return _with_note(table, page_note(page, len(result.symbols), result.total))


def refs_view(result: RefsResult, page: Page = EVERYTHING) -> RenderableType:
    symbol = result.lookup.symbol
    if symbol is None:
        return _problem(result.lookup)
    table = _table(
        f"{result.total} references to {symbol.kind} {symbol.qualified_name} ({symbol.location})",
        "where",
        "kind",
        "in",
        "resolved by",
    )
    for ref in result.references:
        how = ref.method + (f" via {' > '.join(ref.via)}" if ref.via else "")
        if ref.related:
            how += f" (via {ref.related})"
        table.add_row(f"{ref.file}:{ref.line}", ref.kind, ref.enclosing or "<top-level>", how)
    parts: list[RenderableType] = [
        _with_note(table, page_note(page, len(result.references), result.total))
    ]
    parts += [f"[yellow]{n}[/]" for n in result.completeness.notes(symbol.name)]
    return Group(*parts)


def impact_view(
    result: ImpactResult, tree: bool = False, page: Page = EVERYTHING
) -> RenderableType:
    if result.lookup is not None and result.lookup.symbol is None:
        return _problem(result.lookup)
    title = f"Impact of {result.target}: {len(result.dependents)} dependents in {len(result.files)} files"
    if result.in_tests:
        title += f" ({result.in_tests} in test files)"
    shown = page.window(result.dependents)
    window = dataclasses.replace(result, dependents=shown)
    view = _impact_tree(window) if tree else _impact_table(window, title)
    parts: list[RenderableType] = [
        _with_note(view, page_note(page, len(shown), len(result.dependents)))
    ]
    files = _table("Files affected", "file", "depth", "dependency")
    listed = page.window(result.files)
    for file, depth, runtime in listed:
        files.add_row(file, str(depth), "runtime" if runtime else "type-only")
    parts.append(_with_note(files, page_note(page, len(listed), len(result.files))))
    if result.depth_limited:
        parts.append("[yellow]depth limit reached: more dependents lie beyond it[/]")
    if result.unresolved_imports:
        parts.append(
            f"[yellow]{result.unresolved_imports} imports in the project are unresolved; "
            "dependents through them are not shown[/]"
        )
    if result.lookup is not None and result.lookup.symbol is not None:
        parts += [f"[yellow]{n}[/]" for n in result.completeness.notes(result.lookup.symbol.name)]
    return Group(*parts)


def _impact_table(result: ImpactResult, title: str) -> Table:
    table = _table(title, "depth", "dependent", "where", "edge", "through", "dependency")
    names = result.names()
    for index, d in enumerate(result.dependents):
        if d.in_test and (index == 0 or not result.dependents[index - 1].in_test):
            table.add_section()
            table.add_row("[bold]tests[/]", "", "", "", "", "")
        name = d.file if d.symbol is None and result.lookup is None else names[d.node]
        table.add_row(
            str(d.depth),
            escape(name),
            f"{d.file}:{d.line}",
            d.kind + (f" (possible, via {d.through})" if d.through else ""),
            escape(names.get(d.parent, "") if d.parent is not None else ""),
            "runtime" if d.runtime else "type-only",
        )
    return table


def _impact_tree(result: ImpactResult) -> RenderableType:
    from rich.tree import Tree

    root = Tree(f"[bold]{escape(result.target)}[/]")
    nodes: dict[object, Tree] = {}
    for d in result.dependents:  # sorted by depth: parents come first
        label = d.symbol.qualified_name if d.symbol else d.file
        where = f"{d.file}:{d.line}"
        flag = "" if d.runtime else " [dim](type-only)[/]"
        flag += f" [dim](possible, via {escape(d.through)})[/]" if d.through else ""
        parent = nodes.get(d.parent, root)
        nodes[d.node] = parent.add(f"{escape(label)} [dim]{d.kind} {where}[/]{flag}")
    return root


def cycles_view(result: CyclesResult, page: Page = EVERYTHING) -> RenderableType:
    if not result.cycles:
        return "no import cycles"
    table = _table(
        f"{len(result.cycles)} import cycles",
        "kind",
        "files",
        "cycle (import order), then the other files",
        "cut this import",
    )
    shown = page.window(result.cycles)
    for c in shown:
        importer, imported, line = c.break_edge
        others = [f for f in c.files if f not in c.path]
        table.add_row(
            "runtime" if c.runtime else "type-only",
            str(len(c.files)),
            " → ".join(c.path) + (f"\nand {', '.join(others)}" if others else ""),
            f"{importer}:{line} → {imported}\n({escape(c.why())})",
        )
    return _with_note(table, page_note(page, len(shown), len(result.cycles)))


def context_view(context: Context) -> RenderableType:
    symbol = context.symbol
    if symbol is None:
        return _problem(context.lookup)
    parts: list[RenderableType] = [
        f"[bold]{symbol.kind} {escape(symbol.qualified_name)}[/] {symbol.location} ({symbol.export})"
    ]
    if "definition" in context.sections:
        parts.append(f"  {escape(symbol.signature)}")
    if context.parent:
        parts.append(
            f"parent: {context.parent.kind} {context.parent.qualified_name} ({context.parent.location})"
        )
    if context.children:
        parts.append(
            _with_note(_symbols_table("Members", context.children), _more_note(context, "children"))
        )
    for title, section in (
        ("Callers", "callers"),
        ("Readers", "readers"),
        ("Writers", "writers"),
        ("Callees", "callees"),
        ("Extends", "extends"),
        ("Extended by", "extended_by"),
        ("Implements", "implements"),
        ("Implemented by", "implemented_by"),
        ("Overrides / implements", "overrides"),
        ("Overridden / implemented by", "overridden_by"),
        ("Type users", "type_users"),
    ):
        items = getattr(context, section)
        if items:
            table = _table(title, "kind", "symbol", "defined at", "written at")
            for r in items:
                table.add_row(
                    r.symbol.kind, r.symbol.qualified_name, r.symbol.location, f"{r.file}:{r.line}"
                )
            parts.append(_with_note(table, _more_note(context, section)))
    if context.barrels:
        parts.append("Re-exported by: " + ", ".join(context.barrels))
    if "references" in context.sections:
        total = len(context.references) + context.left_out("references")
        parts.append(f"{total} references (see `code-graph refs`)")
    if context.symbol is not None:
        name = context.symbol.name
        parts += [f"[yellow]{n}[/]" for n in context.completeness.notes(name)]
    return Group(*parts)


def _more_note(context: Context, section: str) -> str | None:
    more = context.left_out(section)
    return f"… {more} more (raise --limit)" if more else None


def unresolved_view(groups: list[UnresolvedGroup], page: Page = EVERYTHING) -> RenderableType:
    if not groups:
        return "every import resolved"
    parts: list[RenderableType] = []
    shown = page_of_groups(groups, page)
    for group in shown:
        table = _table(
            f"{group.reason} ({group.count}): {escape(group.fix)}",
            "where",
            "specifier",
            "detail",
        )
        for record in group.imports:
            table.add_row(
                f"{record.file}:{record.line}",
                escape(record.specifier),
                escape(record.detail or ""),
            )
        parts.append(table)
    total = sum(group.count for group in groups)
    note = page_note(page, sum(len(group.imports) for group in shown), total)
    if note is not None:
        parts.append(f"[dim]{escape(note)}[/]")
    return Group(*parts)


def file_summary_view(summary: FileSummary) -> RenderableType:
    if not summary.found:
        text = f"[red]not found:[/] no indexed file {escape(summary.path)}"
        if summary.suggestions:
            text += f"\ndid you mean: {escape(', '.join(summary.suggestions))}"
        return text
    parts: list[RenderableType] = [
        f"[bold]{escape(summary.path)}[/] ({summary.language}"
        + (", declaration" if summary.is_declaration else "")
        + (f", {summary.syntax_errors} syntax errors" if summary.syntax_errors else "")
        + ")",
        _symbols_table("Symbols", summary.symbols),
    ]
    imports = _table("Imports", "line", "specifier", "resolves to", "how")
    for record in summary.imports:
        target = record.target or record.package or f"unresolved: {record.reason}"
        imports.add_row(
            str(record.line), escape(record.specifier), escape(target), record.method or ""
        )
    parts.append(imports)
    if summary.reexports:
        reexports = _table("Re-exports", "line", "name", "from", "how")
        for entry in summary.reexports:
            how = ("export *" if entry.star else "named") + (", type" if entry.type_only else "")
            reexports.add_row(str(entry.line), escape(entry.name), escape(entry.origin), how)
        parts.append(reexports)
    importers = sorted({i.file for i in summary.importers})
    parts.append(f"Imported by {len(importers)} files: " + ", ".join(importers))
    return Group(*parts)


def implementations_view(result: ImplementationsResult, page: Page = EVERYTHING) -> RenderableType:
    symbol = result.lookup.symbol
    if symbol is None:
        return _problem(result.lookup)
    table = _table(
        f"{result.total} implementations of {symbol.kind} {symbol.qualified_name} "
        f"({symbol.location})",
        "where",
        "kind",
        "symbol",
        "how",
    )
    for item in result.implementations:
        how = item.kind + (f" through {item.through.qualified_name}" if item.through else "")
        table.add_row(item.symbol.location, item.symbol.kind, item.symbol.qualified_name, how)
    return _with_note(table, page_note(page, len(result.implementations), result.total))


def source_view(result: SourceResult) -> RenderableType:
    if result.symbol is None:
        return _problem(result.lookup)
    from rich.text import Text

    from code_graph.render.compact import source_text

    head, _, body = source_text(result).partition("\n")
    return Group(Text(head, style="bold"), Text(body))


def calls_view(result: CallHierarchy) -> RenderableType:
    symbol = result.lookup.symbol
    if symbol is None:
        return _problem(result.lookup)
    from rich.tree import Tree

    from code_graph.render.compact import call_note

    root = Tree(
        f"[bold]{result.direction} of {symbol.kind} {escape(symbol.qualified_name)}[/]"
        f" {symbol.location} (depth {result.depth}: {result.shown} calls)"
    )

    def add(parent: Tree, nodes: list[CallNode]) -> None:
        for node in nodes:
            note = escape(call_note(node, result))
            branch = parent.add(f"{escape(node.name)} [dim]{node.file}:{node.line}{note}[/]")
            add(branch, node.children)

    add(root, result.roots)
    parts: list[RenderableType] = [root]
    if result.cut:
        parts.append(f"[dim]… {result.cut} more calls not shown: raise --max-nodes[/]")
    return Group(*parts)


def folder_summary_view(summary: FolderSummary) -> RenderableType:
    table = _table(
        f"{escape(summary.folder)}: {summary.total_files} files",
        "file",
        "exports",
        "imports from outside",
    )
    for entry in summary.files:
        table.add_row(
            escape(entry.path),
            escape(", ".join(s.name for s in entry.exports)),
            escape(", ".join(i.specifier for i in entry.outside_imports)),
        )
    rest = summary.total_files - len(summary.files)
    return _with_note(table, f"… {rest} more files (narrow to a subfolder)" if rest else None)
