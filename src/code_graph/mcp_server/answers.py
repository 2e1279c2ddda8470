"""One function per MCP tool: check the parameters, then (given a store) answer in budget.

Each function validates eagerly and returns a `Query`, so a bad call is refused before it
waits for the index, and the query itself runs later under the project's read lock.
Text comes from `render.compact`, documents from `render.json_format`; this module only
pages, filters and fits them. No SDK import: the server module maps errors to the protocol.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from code_graph.errors import TargetNotFoundError
from code_graph.index.change_impact import change_impact
from code_graph.index.source_text import indexed_text_reader
from code_graph.mcp_server.budget import Answer, Budget, fit_page, fit_whole
from code_graph.mcp_server.params import (
    InvalidParameterError,
    check_address,
    check_choice,
    check_depth,
    check_limit,
    check_offset,
    check_optional_path,
    check_path,
    check_text,
)
from code_graph.query import paths
from code_graph.query.calls import DIRECTIONS, call_hierarchy
from code_graph.query.context import (
    context_sections,
    limit_sections,
    only_sections,
    symbol_context,
)
from code_graph.query.cycles import find_cycles
from code_graph.query.files import file_summary, folder_summary
from code_graph.query.find import compile_pattern, find_symbols, symbol_kind
from code_graph.query.impact import ImpactResult, impact
from code_graph.query.implementations import find_implementations as implementations_query
from code_graph.query.paging import Page
from code_graph.query.picture import (
    LEVELS,
    Picture,
    PictureOptions,
    build_picture,
    level_graph,
)
from code_graph.query.ports import Graph
from code_graph.query.refs import find_references as references_query
from code_graph.query.refs import reference_kinds
from code_graph.query.source import symbol_source
from code_graph.query.stats import project_stats
from code_graph.query.unresolved import unresolved_groups
from code_graph.render import changes, compact, json_format
from code_graph.render.mermaid import mermaid_text

Query = Callable[[Graph, Budget], Answer]
MAX_PICTURE_NODES = 150
MAX_PICTURE_DEPTH = 5
EDGES_PER_NODE = 3  # a picture keeps at most this many edges per node


def find_symbol(
    pattern: str, kind: str | None, path_prefix: str | None, limit: int, offset: int
) -> Query:
    check_text("pattern", pattern, allow_empty=True)
    compile_pattern(pattern, ignore_case=False)  # a bad pattern is refused before any wait
    kind = symbol_kind(kind)
    prefix = check_optional_path("path_prefix", path_prefix)
    check_limit(limit)
    check_offset(offset)

    def run(store: Graph, budget: Budget) -> Answer:
        chosen = None if prefix is None else paths.path_prefix(store, prefix)
        result = find_symbols(
            store, pattern, kind=kind, file_prefix=chosen, limit=limit, offset=offset
        )

        def render(count: int) -> Answer:
            page = dataclasses.replace(result, symbols=result.symbols[:count])
            text = compact.find_text(page, offset) or _past_end(offset, result.total)
            document = json_format.find_document(page)
            return Answer(
                text,
                {**document, "page": json_format.page_document(Page(offset), count, result.total)},
            )

        return fit_page(render, len(result.symbols), budget)

    return run


def find_references(
    symbol: str, kind: str | Sequence[str] | None, limit: int, offset: int, exact: bool = False
) -> Query:
    check_address("symbol", symbol)
    chosen = reference_kinds([kind] if isinstance(kind, str) else kind or ())
    check_limit(limit)
    check_offset(offset)

    def run(store: Graph, budget: Budget) -> Answer:
        kinds = chosen or None
        result = references_query(
            store, symbol, kinds=kinds, limit=limit, offset=offset, exact=exact
        )

        def render(count: int) -> Answer:
            page = dataclasses.replace(result, references=result.references[:count])
            text, document = compact.refs_text(page, offset), json_format.refs_document(page)
            return _listed(
                text, document, result.lookup.symbol is not None, offset, count, result.total
            )

        return fit_page(render, len(result.references), budget)

    return run


def find_implementations(symbol: str, limit: int, offset: int) -> Query:
    check_address("symbol", symbol)
    check_limit(limit)
    check_offset(offset)

    def run(store: Graph, budget: Budget) -> Answer:
        result = implementations_query(store, symbol, limit=limit, offset=offset)

        def render(count: int) -> Answer:
            page = dataclasses.replace(result, implementations=result.implementations[:count])
            text = compact.implementations_text(page, offset)
            document = json_format.implementations_document(page)
            return _listed(
                text, document, result.lookup.symbol is not None, offset, count, result.total
            )

        return fit_page(render, len(result.implementations), budget)

    return run


def _listed(
    text: str, document: dict[str, Any], found: bool, offset: int, shown: int, total: int
) -> Answer:
    """A page of a found symbol's list: an offset past its end says so, and the document says
    where the page sits."""
    if found and offset >= total > 0:
        text += "\n" + _past_end(offset, total)
    return Answer(text, {**document, "page": json_format.page_document(Page(offset), shown, total)})


def get_impact(target: str, depth: int | None, limit: int, offset: int) -> Query:
    check_address("target", target)
    check_depth(depth)
    check_limit(limit)
    check_offset(offset)

    def run(store: Graph, budget: Budget) -> Answer:
        result = impact(store, target, max_depth=depth)
        if result.lookup is not None and result.lookup.symbol is None:
            return Answer(
                compact.lookup_problem(result.lookup), json_format.impact_document(result)
            )
        shown = len(Page(offset, limit).window(result.dependents))
        return fit_page(lambda count: impact_page(result, Page(offset, count)), shown, budget)

    return run


def impact_page(result: ImpactResult, page: Page) -> Answer:
    """The header counts every dependent; the lines, files and notes are this page's."""
    total = len(result.dependents)
    text = compact.impact_text(result, page)
    if page.offset >= total > 0:
        head, _, rest = text.partition("\n")
        text = "\n".join([head, _past_end(page.offset, total), rest]).rstrip("\n")
    return Answer(text, json_format.impact_page_document(result, page))


def get_change_impact(
    root: Path, base: str | None, staged: bool, depth: int | None, limit: int, offset: int
) -> Query:
    """The diff is read and the index freshened when the query runs (under the read lock,
    like every query; the update takes the write lock as the watcher does)."""
    if base is not None:
        check_text("base", base)
    check_depth(depth)
    check_limit(limit)
    check_offset(offset)

    def run(_: Graph, budget: Budget) -> Answer:
        result = change_impact(
            root,
            base=base,
            staged=staged,
            max_depth=depth,
            limit=limit,
            offset=offset,
            reconcile=False,  # the server's watcher keeps the rest of the index fresh
        )

        def render(count: int) -> Answer:
            text = changes.changes_text(result, count)
            return Answer(text, changes.changes_document(result, count))

        return fit_page(render, max(len(result.dependents.page), 1), budget)

    return run


def detect_circular(runtime_only: bool) -> Query:
    def run(store: Graph, budget: Budget) -> Answer:
        result = find_cycles(store, runtime_only=runtime_only)
        text = compact.cycles_text(result)
        if result.unresolved_imports:
            text += (
                f"\nnote: {result.unresolved_imports} unresolved imports;"
                " cycles through them cannot be seen"
            )
        hint = "runtime_only=true leaves out type-only cycles"
        return fit_whole(Answer(text, json_format.cycles_document(result)), budget, hint)

    return run


def get_context(symbol: str, sections: Sequence[str] | None, limit: int = 20) -> Query:
    check_address("symbol", symbol)
    chosen = context_sections(sections)
    check_limit(limit)

    def run(store: Graph, budget: Budget) -> Answer:
        context = limit_sections(only_sections(symbol_context(store, symbol), chosen), limit)
        answer = Answer(compact.context_text(context), json_format.context_document(context))
        hint = "ask for fewer sections, or page with find_references"
        return fit_whole(answer, budget, hint)

    return run


MAX_CONTEXT_LINES = 50
MAX_CALL_DEPTH = 10


def get_call_hierarchy(symbol: str, direction: str | None, depth: int, max_nodes: int) -> Query:
    check_address("symbol", symbol)
    chosen = check_choice("direction", direction, DIRECTIONS) or "callers"
    check_limit(depth, "depth", MAX_CALL_DEPTH)
    check_limit(max_nodes, "max_nodes")

    def run(store: Graph, budget: Budget) -> Answer:
        def render(count: int) -> Answer:
            result = call_hierarchy(store, symbol, direction=chosen, depth=depth, max_nodes=count)
            return Answer(compact.calls_text(result), json_format.calls_document(result))

        return fit_page(render, max_nodes, budget)

    return run


def get_symbol_source(symbol: str, context_lines: int, max_lines: int, root: Path) -> Query:
    check_address("symbol", symbol)
    if not 0 <= context_lines <= MAX_CONTEXT_LINES:
        raise InvalidParameterError(
            "context_lines", f"must be between 0 and {MAX_CONTEXT_LINES}, got {context_lines}"
        )
    check_limit(max_lines, "max_lines")
    read = indexed_text_reader(root)

    def run(store: Graph, budget: Budget) -> Answer:
        result = symbol_source(
            store, symbol, read, context_lines=context_lines, max_lines=max_lines
        )

        def render(count: int) -> Answer:
            cut = dataclasses.replace(
                result, lines=result.lines[:count], cut=result.cut + len(result.lines) - count
            )
            return Answer(compact.source_text(cut), json_format.source_document(cut))

        return fit_page(render, max(1, len(result.lines)), budget)

    return run


def get_stats() -> Query:
    def run(store: Graph, budget: Budget) -> Answer:
        stats = project_stats(store)
        return fit_whole(
            Answer(compact.stats_text(stats), json_format.stats_document(stats)), budget, ""
        )

    return run


def get_file_summary(path: str) -> Query:
    relative = check_path("path", path)

    def run(store: Graph, budget: Budget) -> Answer:
        found = paths.indexed_path(store, relative) or relative
        if found.endswith("/") or not found:
            outline = folder_summary(store, found)
            document = json_format.folder_summary_document(outline)
            answer = Answer(compact.folder_summary_text(outline), document)
            return fit_whole(answer, budget, "narrow to a subfolder")
        summary = file_summary(store, found)
        answer = Answer(
            compact.file_summary_text(summary), json_format.file_summary_document(summary)
        )
        hint = f"page its symbols with find_symbol(pattern='', path_prefix={relative!r})"
        return fit_whole(answer, budget, hint)

    return run


def list_unresolved(path_prefix: str | None, limit: int) -> Query:
    prefix = check_optional_path("path_prefix", path_prefix)
    check_limit(limit)

    def run(store: Graph, budget: Budget) -> Answer:
        groups = unresolved_groups(
            store, None if prefix is None else paths.path_prefix(store, prefix)
        )
        trimmed = [dataclasses.replace(g, imports=g.imports[:limit]) for g in groups]
        document = json_format.unresolved_document(trimmed)
        del document["page"]  # pages are per reason here: `limit_per_reason`
        document["limit_per_reason"] = limit
        text = compact.unresolved_text(groups, limit_per_group=limit)
        return fit_whole(Answer(text, document), budget, "narrow with path_prefix")

    return run


def _past_end(offset: int, total: int) -> str:
    return f"offset {offset} is past the end: {total} in all (first page: offset=0)"


def export_graph(
    focus: str | None,
    level: str | None,
    depth: int,
    cycles: bool,
    path_prefix: str | None,
    max_nodes: int,
) -> Query:
    if focus is not None:
        check_address("focus", focus)
    chosen_level = check_choice("level", level, LEVELS) or "file"
    check_limit(depth, "depth", MAX_PICTURE_DEPTH)
    prefix = check_optional_path("path_prefix", path_prefix)
    check_limit(max_nodes, "max_nodes", MAX_PICTURE_NODES)

    def run(store: Graph, budget: Budget) -> Answer:
        graph = level_graph(store, chosen_level)  # read once, however many sizes are tried
        chosen = None if prefix is None else paths.path_prefix(store, prefix)

        def render(count: int) -> Answer:
            options = PictureOptions(
                chosen_level, focus, depth, cycles, chosen, count, count * EDGES_PER_NODE
            )
            return picture_answer(build_picture(store, options, graph))

        try:
            return fit_page(render, max_nodes, budget)
        except TargetNotFoundError as e:
            status = "ambiguous" if e.ambiguous else "not-found"
            document = {
                "lookup": {
                    "status": status,
                    "focus": focus,
                    "candidates": e.suggestions,
                    "note": e.note,
                }
            }
            return Answer(f"{status.replace('-', ' ')}: {e}", document)

    return run


def picture_answer(picture: Picture) -> Answer:
    """A Mermaid flowchart in a fenced block, after a line that counts what it shows."""
    source = mermaid_text(picture)
    head = f"{len(picture.nodes)} nodes, {len(picture.edges)} edges: {picture.title}"
    if picture.cut_note:
        head += f"; {picture.cut_note} (narrow with focus, depth or path_prefix)"
    document = {
        "level": picture.level,
        "title": picture.title,
        "nodes": len(picture.nodes),
        "edges": len(picture.edges),
        "omitted_nodes": picture.omitted_nodes,
        "omitted_edges": picture.omitted_edges,
        "mermaid": source,
    }
    return Answer(f"{head}\n```mermaid\n{source}```", document)
