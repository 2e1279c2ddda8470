"""The `compact` rendering for agents: one line per item, no repeated keys, capped length."""

from __future__ import annotations

from typing import TYPE_CHECKING

from code_graph.query.address import Lookup
from code_graph.query.calls import CallHierarchy, CallNode
from code_graph.query.context import Context, Related
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
from code_graph.records import StoredImport, SymbolRecord
from code_graph.text import shorten

if TYPE_CHECKING:  # the watcher pulls in the indexer: not for every CLI query
    from code_graph.watch import WatchEvent

MAX_SIGNATURE = 120
MAX_SYNTAX_ERROR_FILES = 10  # files with syntax errors listed in the overview


def symbol_line(symbol: SymbolRecord, *, signature: bool = True) -> str:
    exported = {"named": " export", "default": " export-default"}.get(symbol.export, "")
    span = f"{symbol.line}-{symbol.end_line}" if symbol.end_line > symbol.line else symbol.line
    line = f"{symbol.kind} {symbol.qualified_name} {symbol.file}:{span}{exported}"
    if signature and symbol.signature:
        line += f" | {shorten(symbol.signature, MAX_SIGNATURE)}"
    return line


def lookup_problem(found: Lookup) -> str:
    """Why an address named no single symbol, with candidates or suggestions."""
    if found.is_ambiguous:
        lines = [f"ambiguous: {found.address} names {len(found.matches)} symbols; use file:Name"]
        lines += [symbol_line(s, signature=False) for s in found.matches]
        return "\n".join(lines)
    text = f"not found: {found.problem or found.address}"
    if found.suggestions:
        text += f"\ndid you mean: {', '.join(found.suggestions)}"
    if found.unparsed is not None:
        text += f"\nnote: {found.unparsed.note()}"
    return text


def _more(shown: int, offset: int, total: int) -> list[str]:
    rest = total - offset - shown
    return [f"… {rest} more (offset={offset + shown})"] if rest > 0 else []


def find_text(result: FindResult, offset: int = 0) -> str:
    if result.total == 0:
        text = f"no symbol matches {result.pattern!r}"
        return text if result.unparsed is None else f"{text}\nnote: {result.unparsed.note()}"
    lines = [symbol_line(s) for s in result.symbols]
    return "\n".join([*lines, *_more(len(lines), offset, result.total)])


def refs_text(result: RefsResult, offset: int = 0) -> str:
    if result.lookup.symbol is None:
        return lookup_problem(result.lookup)
    head = f"{result.total} refs to {symbol_line(result.lookup.symbol, signature=False)}"
    lines = [head]
    for ref in result.references:
        where = f" in {ref.enclosing}" if ref.enclosing else ""
        how = "" if ref.method in ("import", "local", "member") else f" ({ref.method})"
        against = f" via {ref.related}" if ref.related else ""
        lines.append(f"{ref.file}:{ref.line} {ref.kind}{where}{how}{against}")
    lines += _more(len(result.references), offset, result.total)
    lines += [f"note: {n}" for n in result.completeness.notes(result.lookup.symbol.name)]
    return "\n".join(lines)


def impact_text(result: ImpactResult, page: Page = EVERYTHING) -> str:
    """The header counts every dependent; the lines are this page's."""
    if result.lookup is not None and result.lookup.symbol is None:
        return lookup_problem(result.lookup)
    shown = page.window(result.dependents)
    tests = f" ({result.in_tests} in test files)" if result.in_tests else ""
    lines = [
        f"impact of {result.target}: {len(result.dependents)} dependents in"
        f" {len(result.files)} files{tests}"
    ]
    names = result.names()
    for index, item in enumerate(shown):
        if item.in_test and (index == 0 or not shown[index - 1].in_test):
            lines.append(f"tests ({result.in_tests}):")
        name = "" if item.symbol is None and result.lookup is None else f" {names[item.node]}"
        via = f" <- {names[item.parent]}" if item.parent in names else ""
        kind = "" if item.runtime else " type-only"
        if item.through:
            kind += f" possible (via {item.through})"
        lines.append(f"d{item.depth} {item.file}:{item.line}{name}{via}{kind}")
    lines += _more(len(shown), page.offset, len(result.dependents))
    if result.depth_limited:
        lines.append("note: depth limit reached; more dependents lie beyond it")
    if result.unresolved_imports:
        lines.append(f"note: {result.unresolved_imports} unresolved imports in the project")
    if result.lookup is not None and result.lookup.symbol is not None:
        lines += [f"note: {n}" for n in result.completeness.notes(result.lookup.symbol.name)]
    return "\n".join(lines)


def cycles_text(result: CyclesResult, page: Page = EVERYTHING) -> str:
    if not result.cycles:
        return "no import cycles"
    lines = []
    shown = page.window(result.cycles)
    for cycle in shown:
        kind = "runtime" if cycle.runtime else "type-only"
        importer, imported, line = cycle.break_edge
        lines.append(f"{kind} ({len(cycle.files)} files): {' -> '.join(cycle.path)}")
        if len(cycle.files) > len(cycle.path) - 1:
            lines.append(f"  all {len(cycle.files)}: {', '.join(cycle.files)}")
        lines.append(f"  cut: {importer}:{line} -> {imported} ({cycle.why()})")
    lines += _more(len(shown), page.offset, len(result.cycles))
    return "\n".join(lines)


def _related_lines(title: str, items: list[Related], omitted: int = 0) -> list[str]:
    if not items:
        return []
    more = [f"  … {omitted} more {title} (raise limit)"] if omitted else []
    return [
        f"{title}:",
        *(f"  {symbol_line(r.symbol, signature=False)} @{r.file}:{r.line}" for r in items),
        *more,
    ]


def context_text(context: Context) -> str:
    symbol = context.symbol
    if symbol is None:
        return lookup_problem(context.lookup)
    lines = [symbol_line(symbol)]
    if context.parent:
        lines.append(f"parent: {symbol_line(context.parent, signature=False)}")
    if context.children:
        more = context.left_out("children")
        lines.append(
            "children: "
            + ", ".join(f"{c.name}({c.kind})" for c in context.children)
            + (f", … {more} more (raise limit)" if more else "")
        )
    for title, section in (
        ("callers", "callers"),
        ("readers", "readers"),
        ("writers", "writers"),
        ("callees", "callees"),
        ("extends", "extends"),
        ("extended by", "extended_by"),
        ("implements", "implements"),
        ("implemented by", "implemented_by"),
        ("overrides/implements", "overrides"),
        ("overridden/implemented by", "overridden_by"),
        ("type users", "type_users"),
    ):
        lines += _related_lines(title, getattr(context, section), context.left_out(section))
    if context.barrels:
        lines.append("re-exported by: " + ", ".join(context.barrels))
    refs_by_file: dict[str, list[int]] = {}
    for ref in context.references:
        refs_by_file.setdefault(ref.file, []).append(ref.line)
    if refs_by_file:
        total = len(context.references) + context.left_out("references")
        lines.append(f"references ({total}):")
        lines += [f"  {f}: {','.join(map(str, sorted(set(ls))))}" for f, ls in refs_by_file.items()]
        if context.left_out("references"):
            lines.append(
                f"  … {context.left_out('references')} more (find_references pages them all)"
            )
    lines += [f"note: {n}" for n in context.completeness.notes(symbol.name)]
    return "\n".join(lines)


def _resolution(record: StoredImport) -> str:
    if record.target:
        return record.target
    if record.package:
        return f"pkg:{record.package}" if record.method != "builtin" else f"node:{record.package}"
    return f"UNRESOLVED {record.reason}" + (f" ({record.detail})" if record.detail else "")


def file_summary_text(summary: FileSummary) -> str:
    if not summary.found:
        text = f"not found: no indexed file {summary.path}"
        if summary.suggestions:
            text += f"\ndid you mean: {', '.join(summary.suggestions)}"
        return text
    head = f"{summary.path} {summary.language}" + (" declaration" if summary.is_declaration else "")
    if summary.syntax_errors:
        head += f" syntax-errors={summary.syntax_errors}"
    lines = [head, f"symbols ({len(summary.symbols)}):"]
    lines += [
        f"  {s.line} {s.kind} {s.qualified_name}" + (" export" if s.export != "none" else "")
        for s in summary.symbols
    ]
    lines.append(f"imports ({len(summary.imports)}):")
    lines += [
        f"  {i.line} {i.specifier} -> {_resolution(i)}" + (" type" if i.type_only else "")
        for i in summary.imports
    ]
    lines.append(
        "exports: "
        + (("none of its own" if summary.reexports else "none") if not summary.exports else "")
        + ", ".join(
            e.exported_name
            if e.local_name in (None, e.exported_name)
            else f"{e.local_name} as {e.exported_name}"
            for e in summary.exports
        )
    )
    if summary.reexports:
        lines.append(f"re-exports ({len(summary.reexports)}):")
        for (line, origin, star), names in _by_statement(summary).items():
            lines.append(f"  {line} {'* ' if star else ''}{origin}: {', '.join(names)}")
    importers = sorted({i.file for i in summary.importers})
    lines.append(f"imported by ({len(importers)}): " + ", ".join(importers))
    return "\n".join(lines)


def _by_statement(summary: FileSummary) -> dict[tuple[int, str, bool], list[str]]:
    """Re-exported names by the statement (line), origin and `export *` that bring them."""
    grouped: dict[tuple[int, str, bool], list[str]] = {}
    for entry in summary.reexports:
        name = entry.name + (" type" if entry.type_only else "")
        grouped.setdefault((entry.line, entry.origin, entry.star), []).append(name)
    return grouped


def unresolved_page_text(groups: list[UnresolvedGroup], page: Page) -> str:
    """A page of the imports of all `groups` (in order), each group with its whole count."""
    shown = page_of_groups(groups, page)
    text = unresolved_text(shown, limit_per_group=None)
    total = sum(group.count for group in groups)
    more = _more(sum(len(group.imports) for group in shown), page.offset, total)
    return "\n".join([text, *more]) if groups else text


def unresolved_text(groups: list[UnresolvedGroup], limit_per_group: int | None = 20) -> str:
    if not groups:
        return "every import resolved"
    lines = []
    for group in groups:
        lines.append(f"{group.reason} ({group.count}): fix: {group.fix}")
        for record in group.imports[:limit_per_group]:
            detail = f" | {record.detail}" if record.detail else ""
            lines.append(f"  {record.file}:{record.line} {record.specifier}{detail}")
        if limit_per_group is not None and len(group.imports) > limit_per_group:
            lines.append(f"  … {len(group.imports) - limit_per_group} more")
    return "\n".join(lines)


def watch_event_line(event: WatchEvent) -> str:
    """One line per applied batch, for `code-graph watch`."""
    run = event.run
    if event.ready:
        return "watching for changes"
    if run is None:
        return f"watch: {event.message}"
    if run.full is not None:
        full = run.full
        return (
            f"reconciled: {full.parsed} parsed, {full.removed} removed in "
            f"{run.elapsed_seconds * 1000:.0f} ms ({full.discovered:,} files)"
        )
    parts = [f"{len(run.changed)} updated", f"{len(run.removed)} removed"]
    if run.skipped:
        parts.append(f"{len(run.skipped)} skipped")
    return (
        f"{', '.join(parts)} ({event.paths} events) in {run.elapsed_seconds * 1000:.0f} ms; "
        f"{run.relinked_files} files relinked"
    )


def stats_text(stats: ProjectStats) -> str:
    """The project overview in a few lines (one per breakdown, one per file with syntax
    errors, the first MAX_SYNTAX_ERROR_FILES of them)."""
    languages = _counts(stats.files_by_language)
    lines = [
        f"{stats.files} files ({languages}; {stats.declaration_files} declaration),"
        f" {stats.symbols} symbols, {stats.imports} imports, {stats.exports} exports,"
        f" {stats.references} references",
        f"symbols: {_counts(stats.symbols_by_kind)}",
        f"imports: {_counts(stats.imports_by_kind)} | resolved: {_counts(stats.imports_by_method)}",
    ]
    if stats.unresolved_by_reason:
        lines.append(f"unresolved: {_counts(stats.unresolved_by_reason)}")
    if stats.top_packages:
        lines.append(f"packages: {_counts(dict(stats.top_packages))}")
    if stats.most_imported_files:
        lines.append(f"most imported: {_counts(dict(stats.most_imported_files))}")
    if stats.files_with_syntax_errors:
        lines.append(f"syntax errors in {stats.files_with_syntax_errors} files:")
        for f in stats.syntax_errors[:MAX_SYNTAX_ERROR_FILES]:
            lines.append(
                f"  {f.path}:{f.line}:{f.column} errors={f.errors} unparsed-lines="
                f"{f.unparsed_lines} recovered={f.recovered} | {f.message}"
            )
        rest = len(stats.syntax_errors) - MAX_SYNTAX_ERROR_FILES
        if rest > 0:
            lines.append(f"  … {rest} more")
    if stats.skipped:
        lines.append(f"skipped {stats.skipped}: {_counts(stats.skipped_by_reason)}")
    for failure in stats.failures:
        lines.append(
            f"failure {failure.path} at {failure.stage} ({failure.lost} lost): {failure.detail}"
        )
    return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items())


def implementations_text(result: ImplementationsResult, offset: int = 0) -> str:
    if result.lookup.symbol is None:
        return lookup_problem(result.lookup)
    symbol = result.lookup.symbol
    lines = [f"{result.total} implementations of {symbol_line(symbol, signature=False)}"]
    for item in result.implementations:
        through = f" through {item.through.qualified_name}" if item.through else ""
        lines.append(f"{symbol_line(item.symbol, signature=False)} {item.kind}{through}")
    lines += _more(len(result.implementations), offset, result.total)
    return "\n".join(lines)


def source_text(result: SourceResult) -> str:
    """The symbol's line, then its numbered source lines, and what was cut or may be off."""
    symbol = result.symbol
    if symbol is None:
        return lookup_problem(result.lookup)
    lines = [symbol_line(symbol, signature=False)]
    if result.unreadable:
        return "\n".join([*lines, f"note: {symbol.file} cannot be read now"])
    width = len(str(result.first_line + len(result.lines)))
    lines += [
        f"{number:>{width}}| {text}"
        for number, text in enumerate(result.lines, start=result.first_line)
    ]
    if result.cut:
        following = result.first_line + len(result.lines)
        lines.append(
            f"… {result.cut} more lines (from line {following}; raise max_lines, --max-lines)"
        )
    if result.stale:
        lines.append(f"note: {symbol.file} changed since it was indexed; lines may have moved")
    return "\n".join(lines)


def calls_text(result: CallHierarchy) -> str:
    """The tree of calls, two spaces a level: who calls (or what is called), where."""
    symbol = result.lookup.symbol
    if symbol is None:
        return lookup_problem(result.lookup)
    lines = [
        f"{result.direction} of {symbol_line(symbol, signature=False)}"
        f" (depth {result.depth}): {result.shown} calls"
    ]
    if not result.roots:
        lines.append(f"no {result.direction} (linked calls, new and JSX)")

    def walk(nodes: list[CallNode], indent: str) -> None:
        for node in nodes:
            lines.append(f"{indent}{node.name} {node.file}:{node.line}{call_note(node, result)}")
            walk(node.children, indent + "  ")

    walk(result.roots, "")
    if result.cut:
        lines.append(f"… {result.cut} more calls not shown (raise max_nodes, --max-nodes)")
    return "\n".join(lines)


def call_note(node: CallNode, result: CallHierarchy) -> str:
    """What a call node does not show: recursion, a repeat, the calls past the depth."""
    kind = "" if node.kind == "call" else f" {node.kind}"
    if node.recursive:
        return f"{kind} (recursive)"
    if node.repeated:
        return f"{kind} (see above)"
    if node.unexpanded:
        return f"{kind} (+{node.unexpanded} {result.direction} deeper: raise depth)"
    return kind


def folder_summary_text(summary: FolderSummary) -> str:
    """A module outline: per file, its exports and its imports from outside the folder."""
    lines = [f"{summary.folder} ({summary.total_files} files)"]
    for entry in summary.files:
        lines.append(entry.path)
        if entry.exports:
            lines.append("  exports: " + ", ".join(f"{s.name}({s.kind})" for s in entry.exports))
        if entry.outside_imports:
            lines.append(
                "  imports: "
                + ", ".join(f"{i.specifier} -> {_resolution(i)}" for i in entry.outside_imports)
            )
    rest = summary.total_files - len(summary.files)
    if rest:
        lines.append(f"… {rest} more files (narrow to a subfolder)")
    return "\n".join(lines)
