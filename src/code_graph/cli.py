"""The `code-graph` command line: thin commands over the use cases.

Heavy modules are imported inside each command so `code-graph --help` starts fast.
Exit codes: 0 success, 1 nothing found, 2 usage error or failure with a message,
3 an internal error (one line on stderr; the traceback goes to a file it names).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from code_graph.cli_options import Place, format_options, paging_options, project_option
from code_graph.errors import CodeGraphError, describe
from code_graph.query.paging import Page

DEFAULT_STEP_MS = 20  # as code_graph.watch.DEFAULT_STEP_MS (not imported: keeps --help fast)


INTERNAL_ERROR_EXIT = 3


class _Group(click.Group):
    """Maps CodeGraphError to a one-line message and its exit code, and any other exception
    to one line naming the file that holds its traceback (CODE_GRAPH_DEBUG=1 re-raises)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CodeGraphError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(e.exit_code)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as e:
            if os.environ.get("CODE_GRAPH_DEBUG"):
                raise
            from code_graph.crash_report import write_crash_report

            report = write_crash_report(e, sys.argv)
            where = f"details in {report}" if report else "no details could be written"
            click.echo(
                f"internal error: {describe(e)} ({where}; please report it)",
                err=True,
            )
            sys.exit(INTERNAL_ERROR_EXIT)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="code-graph")
def main() -> None:
    """Index a TypeScript/JavaScript codebase into a symbol-and-import graph and query it."""


@main.command()
@project_option(positional=True)
@click.option(
    "--new",
    "separate",
    is_flag=True,
    help="Index PATH on its own even when it lies inside an indexed project.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--workers", type=click.IntRange(min=1), help="Parser processes (default: cores).")
def index(project: Path, separate: bool, as_json: bool, quiet: bool, workers: int | None) -> None:
    """Index the project into its .code-graph/, re-parsing only what changed.

    With no PATH: the indexed project around the current folder (else the current folder)."""
    from code_graph.index import index_project
    from code_graph.locate import index_root
    from code_graph.query.stats import project_stats
    from code_graph.store import Store

    project = index_root(project, explicit=project != Path(), separate=separate)
    show_progress = not quiet and not as_json and sys.stderr.isatty()
    if show_progress:
        from code_graph.render.progress import ParseProgress

        with ParseProgress() as progress:
            run = index_project(project, workers=workers, progress=progress.update)
    else:
        run = index_project(project, workers=workers)
    empty = run.discovered == 0 and not run.skipped
    if empty and (quiet or as_json):
        click.echo(f"no TypeScript or JavaScript files found under {run.root}", err=True)
    if not quiet:
        with Store.open_for_reading(Path(run.root)) as store:
            stats = project_stats(store)
        if as_json:
            from code_graph.render.json_format import index_document, to_json

            click.echo(to_json(index_document(run, stats)))
        else:
            from code_graph.render.table import index_view, print_view

            print_view(index_view(run, stats))
    sys.exit(1 if empty else 0)


@main.command()
@project_option(positional=True)
@format_options()
def stats(project: Path, output_format: str) -> None:
    """Overview of the indexed project: files, symbols, imports, packages, syntax errors."""
    from code_graph.query.stats import project_stats
    from code_graph.render import compact, json_format, table

    with _reading(project) as store:
        result = project_stats(store)
    _emit(result, output_format, table.stats_view, json_format.stats_document, compact.stats_text)


EXPORT_FORMATS = ("json", "dot", "mermaid", "html", "svg", "png")


@main.command()
@project_option(positional=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(EXPORT_FORMATS),
    default="json",
    show_default=True,
    help="json: the whole graph; dot, mermaid, html: a picture; svg, png: drawn by Graphviz.",
)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write to FILE, not stdout.")
@click.option(
    "--level",
    type=click.Choice(["file", "package", "symbol"]),
    default="file",
    show_default=True,
    help="Picture nodes: files, workspace and external packages, or top-level symbols.",
)
@click.option(
    "--focus", help="Only this symbol's or file's neighbourhood (dependencies and dependents)."
)
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Steps around --focus.",
)
@click.option("--cycles", is_flag=True, help="Only nodes on import cycles.")
@click.option("--filter", "prefix", metavar="PATH_PREFIX", help="Only nodes under this path.")
@click.option(
    "--max-nodes", type=click.IntRange(min=1), help="Keep at most N nodes (nearest first)."
)
def export(
    project: Path,
    output_format: str,
    output: Path | None,
    level: str,
    focus: str | None,
    depth: int,
    cycles: bool,
    prefix: str | None,
    max_nodes: int | None,
) -> None:
    """Export the whole graph as JSON, or draw it (DOT, Mermaid, interactive HTML, SVG, PNG)."""
    if output_format == "png" and output is None and sys.stdout.isatty():
        raise click.UsageError("a PNG is binary: write it with -o FILE (or pipe it to a file)")
    narrowed = [
        name
        for name, given in (
            ("--focus", focus is not None),
            ("--filter", prefix is not None),
            ("--cycles", cycles),
            ("--level", level != "file"),
            ("--max-nodes", max_nodes is not None),
        )
        if given
    ]
    if output_format == "json" and narrowed:
        raise click.UsageError(
            f"{', '.join(narrowed)}: only for pictures; --format json is always the whole graph"
            " (choose dot, mermaid, html, svg or png to draw a part of it)"
        )
    if output_format == "json":
        from code_graph.query.export import export_graph
        from code_graph.render.json_format import export_document, to_json

        with _reading(project) as store:
            _write(to_json(export_document(export_graph(store))) + "\n", output)
        return
    from code_graph.query.picture import PictureOptions, build_picture
    from code_graph.render.pictures import draw

    with _reading(project) as store:
        place = _place(project)
        chosen_focus = None if focus is None else place.target(store, focus)
        options = PictureOptions(
            level, chosen_focus, depth, cycles, place.prefix(store, prefix), max_nodes
        )
        picture = build_picture(store, options)
    _write(draw(picture, output_format), output)


def _write(content: str | bytes, output: Path | None) -> None:
    """`content` to the file `output`, or to stdout."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is not None:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _emit(result: Any, output_format: str, table: Any, document: Any, compact: Any) -> None:
    """Print `result` in the chosen format."""
    if output_format == "json":
        from code_graph.render.json_format import to_json

        click.echo(to_json(document(result)))
    elif output_format == "compact":
        click.echo(compact(result))
    else:
        from code_graph.render.table import print_view

        print_view(table(result))


def _place(project: Path) -> Place:
    """The project's root around `project` and the current folder inside it."""
    from code_graph.locate import locate_root

    return Place(locate_root(project))


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[Any]:
    """The store of the project around `path`, closed afterwards; damage found while reading
    becomes a StoreDamagedError (and the next index run rebuilds the store)."""
    from code_graph.locate import locate_root
    from code_graph.store import Store, damaged_error, is_damage

    root = locate_root(path)
    with Store.open_for_reading(root) as store:
        try:
            yield store
        except Exception as e:
            if is_damage(e):
                raise damaged_error(root, e) from e
            raise


@main.command()
@click.argument("pattern")
@project_option()
@click.option("--kind", help="Only this kind (function, class, interface, type, enum, ...).")
@click.option("--file", "file_prefix", help="Only files under this path prefix.")
@click.option("-i", "ignore_case", is_flag=True, help="Case-insensitive.")
@paging_options(limit=100)
@format_options()
def find(
    pattern: str,
    project: Path,
    kind: str | None,
    file_prefix: str | None,
    ignore_case: bool,
    page: Page,
    output_format: str,
) -> None:
    """Definitions whose name matches PATTERN (a regular expression)."""
    from code_graph.query.find import find_symbols, symbol_kind
    from code_graph.render import compact, json_format, table

    symbol_kind(kind)  # checked before the store is opened
    with _reading(project) as store:
        result = find_symbols(
            store,
            pattern,
            kind=kind,
            file_prefix=_place(project).prefix(store, file_prefix),
            ignore_case=ignore_case,
            limit=page.limit,
            offset=page.offset,
        )
    _emit(
        result,
        output_format,
        lambda r: table.find_view(r, page),
        lambda r: json_format.paged(json_format.find_document(r), page, len(r.symbols), r.total),
        lambda r: compact.find_text(r, page.offset),
    )
    sys.exit(0 if result.total else 1)


@main.command()
@click.argument("symbol")
@project_option()
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Only these reference kinds, repeated or comma-separated: call, new, extends, "
    "implements, type, jsx, read, write, export, import, re-export.",
)
@click.option("--file", "file_prefix", help="Only references in files under this prefix.")
@click.option(
    "--exact",
    is_flag=True,
    help="Only references to this very member, not those through the members it overrides "
    "or implements or that override or implement it.",
)
@paging_options(limit=100)
@format_options()
def refs(
    symbol: str,
    project: Path,
    kinds: tuple[str, ...],
    file_prefix: str | None,
    exact: bool,
    page: Page,
    output_format: str,
) -> None:
    """Every place that refers to SYMBOL (Name, Class.method, file.ts:Name, file.ts:LINE)."""
    from code_graph.query.refs import find_references, reference_kinds
    from code_graph.render import compact, json_format, table

    chosen = reference_kinds(kinds) or None  # checked before the store is opened
    with _reading(project) as store:
        place = _place(project)
        result = find_references(
            store,
            place.address(store, symbol),
            kinds=chosen,
            file_prefix=place.prefix(store, file_prefix),
            limit=page.limit,
            offset=page.offset,
            exact=exact,
        )
    _emit(
        result,
        output_format,
        lambda r: table.refs_view(r, page),
        lambda r: json_format.paged(json_format.refs_document(r), page, len(r.references), r.total),
        lambda r: compact.refs_text(r, page.offset),
    )
    sys.exit(0 if result.lookup.symbol is not None else 1)


@main.command()
@click.argument("symbol")
@project_option()
@paging_options(limit=100)
@format_options()
def implementations(symbol: str, project: Path, page: Page, output_format: str) -> None:
    """What implements or extends SYMBOL (an interface or class), or overrides or implements
    it (a member), transitively."""
    from code_graph.query.implementations import find_implementations
    from code_graph.render import compact, json_format, table

    with _reading(project) as store:
        address = _place(project).address(store, symbol)
        result = find_implementations(store, address, limit=page.limit, offset=page.offset)
    shown, total = len(result.implementations), result.total
    _emit(
        result,
        output_format,
        lambda r: table.implementations_view(r, page),
        lambda r: json_format.paged(json_format.implementations_document(r), page, shown, total),
        lambda r: compact.implementations_text(r, page.offset),
    )
    sys.exit(0 if result.lookup.symbol is not None and result.total else 1)


@main.command()
@click.argument("target")
@project_option()
@click.option("--depth", type=click.IntRange(min=1), help="Stop after N levels of dependents.")
@click.option("--tree", is_flag=True, help="Show dependents as a tree (table format).")
@paging_options(limit=100)
@format_options()
def impact(
    target: str, project: Path, depth: int | None, tree: bool, page: Page, output_format: str
) -> None:
    """What depends on TARGET (a symbol or a file), transitively, by depth."""
    from code_graph.query.impact import impact as impact_query
    from code_graph.render import compact, json_format, table

    with _reading(project) as store:
        result = impact_query(store, _place(project).target(store, target), max_depth=depth)
    _emit(
        result,
        output_format,
        lambda r: table.impact_view(r, tree, page),
        lambda r: json_format.impact_page_document(r, page),
        lambda r: compact.impact_text(r, page),
    )
    sys.exit(1 if result.lookup is not None and result.lookup.symbol is None else 0)


@main.command()
@project_option()
@click.option("--base", metavar="REF", help="Compare with this commit or branch (default HEAD).")
@click.option("--staged", is_flag=True, help="Only the staged changes, not the working tree.")
@click.option("--depth", type=click.IntRange(min=1), help="Stop after N levels of dependents.")
@paging_options(limit=50)
@format_options()
def changes(
    project: Path,
    base: str | None,
    staged: bool,
    depth: int | None,
    page: Page,
    output_format: str,
) -> None:
    """What a git diff touches: changed symbols, their dependents, tests, graph changes."""
    from code_graph.index.change_impact import change_impact
    from code_graph.locate import locate_root
    from code_graph.render import changes as rendering

    result = change_impact(
        locate_root(project),
        base=base,
        staged=staged,
        max_depth=depth,
        limit=page.limit,
        offset=page.offset,
    )
    _emit(
        result,
        output_format,
        rendering.changes_view,
        rendering.changes_document,
        rendering.changes_text,
    )
    sys.exit(0 if result.affected else 1)


@main.command()
@project_option(positional=True)
@click.option("--runtime-only", is_flag=True, help="Ignore cycles made only of type-only imports.")
@paging_options(limit=100)
@format_options()
def circular(project: Path, runtime_only: bool, page: Page, output_format: str) -> None:
    """Import cycles (strongly connected components of the file import graph)."""
    from code_graph.query.cycles import find_cycles
    from code_graph.render import compact, json_format, table

    with _reading(project) as store:
        result = find_cycles(store, runtime_only=runtime_only)
    _emit(
        result,
        output_format,
        lambda r: table.cycles_view(r, page),
        lambda r: json_format.cycles_document(r, page),
        lambda r: compact.cycles_text(r, page),
    )


@main.command()
@click.argument("symbol")
@project_option()
@click.option(
    "--sections",
    "sections",
    multiple=True,
    help="Only these sections, repeated or comma-separated (default all): "
    "definition, children, references, callers, callees, extends, extended_by, implements, "
    "implemented_by, type_users, barrels.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Show at most N items of each section.",
)
@format_options()
def context(
    symbol: str, project: Path, sections: tuple[str, ...], limit: int, output_format: str
) -> None:
    """Everything about SYMBOL: definition, members, callers, callees, hierarchy, type users."""
    from code_graph.query.context import (
        context_sections,
        limit_sections,
        only_sections,
        symbol_context,
    )
    from code_graph.render import compact, json_format, table

    chosen = context_sections(sections)  # checked before the store is opened
    with _reading(project) as store:
        address = _place(project).address(store, symbol)
        result = limit_sections(only_sections(symbol_context(store, address), chosen), limit)
    _emit(
        result,
        output_format,
        table.context_view,
        json_format.context_document,
        compact.context_text,
    )
    sys.exit(0 if result.symbol is not None else 1)


@main.command()
@click.argument("symbol")
@project_option()
@click.option("--callees", is_flag=True, help="What SYMBOL calls (default: who calls it).")
@click.option("--depth", type=click.IntRange(min=1), default=3, show_default=True)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Show at most N calls (the nearest first).",
)
@format_options()
def calls(
    symbol: str, project: Path, callees: bool, depth: int, max_nodes: int, output_format: str
) -> None:
    """The call hierarchy of SYMBOL: its callers (or --callees) as a tree, with file:line."""
    from code_graph.query.calls import call_hierarchy
    from code_graph.render import compact, json_format, table

    with _reading(project) as store:
        result = call_hierarchy(
            store,
            _place(project).address(store, symbol),
            direction="callees" if callees else "callers",
            depth=depth,
            max_nodes=max_nodes,
        )
    _emit(result, output_format, table.calls_view, json_format.calls_document, compact.calls_text)
    sys.exit(0 if result.lookup.symbol is not None else 1)


@main.command()
@click.argument("symbol")
@project_option()
@click.option(
    "--context",
    "context_lines",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Lines shown before and after the symbol.",
)
@click.option(
    "--max-lines",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Show at most N lines.",
)
@format_options()
def source(
    symbol: str, project: Path, context_lines: int, max_lines: int, output_format: str
) -> None:
    """The source text of SYMBOL (Name, Class.method, file.ts:Name, file.ts:LINE), numbered."""
    from code_graph.index.source_text import indexed_text_reader
    from code_graph.query.source import symbol_source
    from code_graph.render import compact, json_format, table

    with _reading(project) as store:
        place = _place(project)
        result = symbol_source(
            store,
            place.address(store, symbol),
            indexed_text_reader(place.root),
            context_lines=context_lines,
            max_lines=max_lines,
        )
    _emit(
        result, output_format, table.source_view, json_format.source_document, compact.source_text
    )
    sys.exit(0 if result.symbol is not None and not result.unreadable else 1)


@main.command()
@project_option(positional=True)
@click.option("--file", "file_prefix", help="Only imports in files under this prefix.")
@paging_options(limit=100)
@format_options()
def unresolved(project: Path, file_prefix: str | None, page: Page, output_format: str) -> None:
    """Imports that did not resolve, grouped by reason, with the fix to try."""
    from code_graph.query.unresolved import unresolved_groups
    from code_graph.render import compact, json_format, table

    with _reading(project) as store:
        groups = unresolved_groups(store, _place(project).prefix(store, file_prefix))
    _emit(
        groups,
        output_format,
        lambda g: table.unresolved_view(g, page),
        lambda g: json_format.unresolved_document(g, page),
        lambda g: compact.unresolved_page_text(g, page),
    )


@main.command(name="file")
@click.argument("file_path")
@project_option()
@format_options()
def file_command(file_path: str, project: Path, output_format: str) -> None:
    """One file: its symbols, imports with their resolution, exports and importers (a folder:
    its files' exports and their imports from outside it)."""
    from code_graph.query.files import file_summary, folder_summary
    from code_graph.render import compact, json_format, table

    with _reading(project) as store:
        path = _place(project).path(store, file_path)
        if path.endswith("/") or not path:
            outline = folder_summary(store, path)
            _emit(
                outline,
                output_format,
                table.folder_summary_view,
                json_format.folder_summary_document,
                compact.folder_summary_text,
            )
            sys.exit(0)
        summary = file_summary(store, path)
    _emit(
        summary,
        output_format,
        table.file_summary_view,
        json_format.file_summary_document,
        compact.file_summary_text,
    )
    sys.exit(0 if summary.found else 1)


@main.command()
@project_option(positional=True)
@click.option(
    "--allow-root",
    "allowed_roots",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Another indexed project a call may name with `project` (repeatable).",
)
@click.option(
    "--structured/--text-only",
    default=None,
    help="Send each answer's JSON document as structured content next to the text"
    " (default: text only, unless CODE_GRAPH_MCP_STRUCTURED=1).",
)
def mcp(project: Path, allowed_roots: tuple[Path, ...], structured: bool | None) -> None:
    """Serve the graph of PATH to AI agents over MCP (stdio), kept fresh by a file watcher."""
    import threading

    from code_graph.index import project_root
    from code_graph.locate import index_root
    from code_graph.mcp_server import run_server
    from code_graph.render.compact import watch_event_line
    from code_graph.watch import ProjectWatcher, WatchEvent

    def keep_fresh(root: Path, stop: threading.Event) -> None:
        def log(event: WatchEvent) -> None:
            click.echo(f"code-graph[{root.name}]: {watch_event_line(event)}", err=True)

        ProjectWatcher(root, log).run(stop)

    run_server(
        project_root(index_root(project, explicit=False)),  # inside a project: that one
        [project_root(p) for p in allowed_roots],
        keep_fresh=keep_fresh,
        structured=structured,
    )


@main.command()
@project_option(positional=True)
@click.option(
    "--step-ms",
    type=click.IntRange(min=1),
    default=DEFAULT_STEP_MS,
    show_default=True,
    help="A batch closes after this long without a new change.",
)
def watch(project: Path, step_ms: int) -> None:
    """Index PATH, then keep the index fresh as files change (Ctrl-C to stop)."""
    import threading

    from code_graph.index import index_project
    from code_graph.locate import index_root
    from code_graph.render.compact import watch_event_line
    from code_graph.watch import ProjectWatcher

    run = index_project(index_root(project, explicit=False))  # inside a project: that one
    click.echo(
        f"indexed {run.root}: {run.discovered:,} files ({run.parsed:,} parsed) in "
        f"{run.elapsed_seconds:.2f}s; starting the watcher (Ctrl-C to stop)",
        err=True,
    )
    watcher = ProjectWatcher(
        Path(run.root), lambda event: click.echo(watch_event_line(event), err=True), step_ms=step_ms
    )
    with contextlib.suppress(KeyboardInterrupt):
        watcher.run(threading.Event())
    click.echo("stopped", err=True)
