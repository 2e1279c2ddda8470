"""The MCP server: thirteen read-only tools over the graph, served over stdio.

The composition root for agents: the lifespan brings every served project up to date and
holds its read connection (`Projects`); each tool checks its parameters, runs one query and
returns compact text (and, unless turned off, the same page as a JSON document).
Every mistake in a call's arguments (an unknown or missing parameter, a wrong type, a value
out of range) and every failure the model can act on (nothing under a path, still indexing,
index unusable) is a tool error (`isError`, SEP-1303) of one plain sentence; protocol errors
stay for unknown tools and malformed requests. Logs go to stderr.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, CallToolResult, TextContent, Tool, ToolAnnotations
from pydantic import Field

from code_graph import __version__
from code_graph.errors import CodeGraphError
from code_graph.mcp_server import answers
from code_graph.mcp_server.answers import MAX_CALL_DEPTH, MAX_PICTURE_DEPTH, MAX_PICTURE_NODES
from code_graph.mcp_server.budget import Answer, Budget
from code_graph.mcp_server.params import MAX_LIMIT, argument_problem, inside_root, lean_schema
from code_graph.mcp_server.projects import KeepFresh, Project, Projects
from code_graph.memory import release_free_memory
from code_graph.model import REFERENCE_KINDS
from code_graph.query.calls import DIRECTIONS
from code_graph.query.context import SECTIONS
from code_graph.query.find import SYMBOL_KINDS
from code_graph.query.picture import LEVELS

STRUCTURED_ENV = "CODE_GRAPH_MCP_STRUCTURED"  # "1": the JSON document too (see docs/mcp.md)
READY_WAIT_SECONDS = 30.0  # a call waits this long for the first reconcile, then says why
READY_POLL_SECONDS = 0.02
# Worker threads for queries. Not the default pool: the SDK's stdio transport reads stdin and
# writes stdout through that pool's threads, so a backlog of queries there held every answer
# back until the whole backlog was done. Queries of one project run one at a time anyway.
QUERY_THREADS = 4
INSTRUCTIONS = (
    "Structural answers about a TypeScript/JavaScript codebase from a prebuilt symbol-and-import"
    " graph: definitions, references, impact, import cycles, file summaries. Prefer these to"
    " text search for code structure. Answers are compact, one line per item, paths relative"
    " to the project root; '… N more (offset=K)' means call again with offset=K."
)

logger = logging.getLogger("code_graph.mcp_server")


@dataclass(frozen=True, slots=True)
class Served:
    """What the lifespan holds for the tools: the projects, the answer budget and the query
    threads."""

    projects: Projects
    budget: Budget
    query_threads: anyio.CapacityLimiter = field(
        default_factory=lambda: anyio.CapacityLimiter(QUERY_THREADS)
    )


def run_server(
    root: Path,
    allowed_roots: Sequence[Path],
    *,
    keep_fresh: KeepFresh | None = None,
    structured: bool | None = None,
) -> None:
    """Serve `root` (and `allowed_roots` on request) over stdio until the client disconnects.

    Args:
        root: the project to serve.
        allowed_roots: other projects a call may name with its `project` parameter.
        keep_fresh: started per project after its first reconcile (the file watcher hook).
        structured: send the JSON document as structured content too (None: as the
            environment's CODE_GRAPH_MCP_STRUCTURED says; off unless it is "1").
    """
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(message)s")
    logging.getLogger("code_graph").setLevel(logging.INFO)
    if structured is None:
        structured = os.environ.get(STRUCTURED_ENV, "0") == "1"
    build_server(root, allowed_roots, keep_fresh=keep_fresh, structured=structured).run("stdio")


def build_server(
    root: Path,
    allowed_roots: Sequence[Path] = (),
    *,
    keep_fresh: KeepFresh | None = None,
    structured: bool = False,
) -> MCPServer[Served]:
    """The server with its lifespan and tools, not yet running."""

    @asynccontextmanager
    async def lifespan(_: MCPServer[Served]) -> AsyncIterator[Served]:
        projects = Projects(root, allowed_roots, keep_fresh=keep_fresh)
        projects.start()  # reconcile each project in the background, then run keep_fresh
        try:
            yield Served(projects, Budget(structured=structured))
        finally:
            projects.stop()

    server: MCPServer[Served] = _Server(
        "code-graph",
        version=__version__,
        instructions=INSTRUCTIONS,
        lifespan=lifespan,
        log_level="WARNING",
    )
    for tool, title in TOOLS:
        server.add_tool(
            tool,
            description=describe(tool),
            annotations=_read_only(title),
            structured_output=False,
        )
    return server


def describe(tool: Callable[..., Any]) -> str:
    """A tool's description: its docstring as one paragraph."""
    return " ".join((tool.__doc__ or "").split())


def _read_only(title: str) -> ToolAnnotations:
    return ToolAnnotations(
        title=title,
        read_only_hint=True,
        destructive_hint=False,
        idempotent_hint=True,
        open_world_hint=False,
    )


async def _answer(
    ctx: Context[Served, Any],
    project: str | None,
    prepare: Callable[..., answers.Query],
    *,
    needs_root: bool = False,
) -> CallToolResult:
    """Check the parameters, run the query on the named project's store, package the answer.

    `prepare` is given the project's root when `needs_root` (a query that reads its files)."""
    served = ctx.request_context.lifespan_context
    try:
        query = None if needs_root else prepare()
        chosen = served.projects.select(project)
        query = prepare(chosen.root) if query is None else query
        await _until_ready(chosen)
        answer = await anyio.to_thread.run_sync(
            _run, served, chosen, query, limiter=served.query_threads
        )
    except CodeGraphError as e:
        return tool_error(str(e))
    except Exception as e:  # a defect of ours: one failed call, the server stays up
        logger.exception("internal error in a tool call")
        raise ToolError(
            f"internal error: {type(e).__name__}: {e} (the server's log has the traceback;"
            " please report it)"
        ) from e
    return CallToolResult(
        content=[TextContent(type="text", text=answer.text)],
        structured_content=answer.document if served.budget.structured else None,
    )


def tool_error(sentence: str) -> CallToolResult:
    """A failure the model reads and acts on (SEP-1303): one sentence, `isError` set."""
    return CallToolResult(content=[TextContent(type="text", text=sentence)], is_error=True)


class _Server(MCPServer[Served]):
    """Checks each call's arguments against its tool's schema first, so an unknown or
    missing parameter or a wrong type comes back as one plain sentence, not the schema
    library's report (nor is an unknown parameter silently ignored)."""

    async def list_tools(self) -> list[Tool]:
        """The tools with lean input schemas: no generated `title` per parameter (it only
        repeats the name), which the model reads on every session."""
        return [
            tool.model_copy(update={"input_schema": lean_schema(tool.input_schema)})
            for tool in await super().list_tools()
        ]

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Served, Any] | None = None
    ) -> Any:
        schemas = {tool.name: tool.input_schema for tool in await self.list_tools()}
        if name not in schemas:  # not a tool call's argument: a protocol error (SEP-1303)
            raise MCPError(code=INVALID_PARAMS, message=f"Unknown tool: {name}")
        if name in schemas:
            problem = argument_problem(name, schemas[name], arguments)
            if problem is not None:
                return tool_error(problem)
            if context is not None and context.request_context is not None:
                served: Served = context.request_context.lifespan_context
                try:
                    root = served.projects.select(arguments.get("project")).root
                except CodeGraphError as e:
                    return tool_error(str(e))
                arguments = inside_root(arguments, str(root))
        return await super().call_tool(name, arguments, context)


async def _until_ready(project: Project) -> None:
    """Wait (cancellably: the client may give up or leave) for the project's first reconcile."""
    with anyio.move_on_after(READY_WAIT_SECONDS):
        while not project.ready.is_set():
            await anyio.sleep(READY_POLL_SECONDS)


def _run(served: Served, project: Project, query: answers.Query) -> Answer:
    with served.projects.reading(project) as store:
        answer = query(store, served.budget)
    release_free_memory()
    return answer


# -- parameters: the JSON schema tells the model the ranges; the tools check them -------------

ProjectName = Annotated[
    str | None,
    Field(description="Another project served with --allow-root (path or folder name)."),
]
Depth = Annotated[
    int | None,
    Field(description="Levels of dependents to follow.", json_schema_extra={"minimum": 1}),
]
Limit = Annotated[
    int, Field(description="Page size.", json_schema_extra={"minimum": 1, "maximum": MAX_LIMIT})
]
Offset = Annotated[
    int, Field(description="Items to skip (continue a page).", json_schema_extra={"minimum": 0})
]
Address = Annotated[
    str, Field(description="Name, Class.method, path/file.ts:Name or path/file.ts:LINE.")
]
PathPrefix = Annotated[str | None, Field(description="Only files under this root-relative path.")]
SymbolKindParam = Annotated[str | None, Field(json_schema_extra={"enum": [*SYMBOL_KINDS, None]})]
ReferenceKindParam = Annotated[
    str | list[str] | None,
    Field(
        description="One reference kind or several (a list, or comma-separated): "
        + ", ".join(REFERENCE_KINDS)
        + "."
    ),
]
Sections = Annotated[
    list[str] | None,
    Field(
        description="Subset of sections (default all).",
        json_schema_extra={"items": {"enum": list(SECTIONS)}},
    ),
]


# -- the tools: each docstring is the description the model reads ------------------------------


async def find_symbol(
    ctx: Context[Served, Any],
    pattern: Annotated[str, Field(description="Regular expression over names.")],
    kind: SymbolKindParam = None,
    path_prefix: PathPrefix = None,
    limit: Limit = 50,
    offset: Offset = 0,
    project: ProjectName = None,
) -> CallToolResult:
    """Find definitions whose name matches a regular expression (matched against the qualified name
    Class.method if the pattern has a dot; (?i) ignores case). Exact matches first. One line per
    symbol: kind, name, file:line, export, signature.
    """
    return await _answer(
        ctx, project, lambda: answers.find_symbol(pattern, kind, path_prefix, limit, offset)
    )


async def find_references(
    ctx: Context[Served, Any],
    symbol: Address,
    kind: ReferenceKindParam = None,
    limit: Limit = 100,
    offset: Offset = 0,
    exact: Annotated[
        bool,
        Field(
            description="Only references to this very member: leave out those written "
            "against the members it overrides or implements, or that override or implement it."
        ),
    ] = False,
    project: ProjectName = None,
) -> CallToolResult:
    """Every place that refers to a symbol, with the enclosing symbol; a member's include those
    through members it overrides or implements or that override or implement it (`via I.m`).
    An ambiguous name lists candidates; an unknown one suggests close names.
    """
    return await _answer(
        ctx, project, lambda: answers.find_references(symbol, kind, limit, offset, exact)
    )


async def find_implementations(
    ctx: Context[Served, Any],
    symbol: Address,
    limit: Limit = 100,
    offset: Offset = 0,
    project: ProjectName = None,
) -> CallToolResult:
    """What implements an interface or extends a class, or overrides or implements a method or
    property, transitively (like an editor's "go to implementation"), nearest first, each with
    the type it does so through.
    """
    return await _answer(ctx, project, lambda: answers.find_implementations(symbol, limit, offset))


async def get_impact(
    ctx: Context[Served, Any],
    target: Annotated[str, Field(description="A symbol address or a root-relative file path.")],
    depth: Depth = None,
    limit: Limit = 100,
    offset: Offset = 0,
    project: ProjectName = None,
) -> CallToolResult:
    """What depends on a symbol or a file, transitively: dependents by depth (d1 = direct), each
    marked type-only when only types connect it. Use before changing or deleting code.
    """
    return await _answer(ctx, project, lambda: answers.get_impact(target, depth, limit, offset))


async def get_change_impact(
    ctx: Context[Served, Any],
    base: Annotated[
        str | None, Field(description="Commit or branch to compare with (default HEAD).")
    ] = None,
    staged: Annotated[bool, Field(description="Only the staged changes.")] = False,
    depth: Depth = None,
    limit: Limit = 100,
    offset: Offset = 0,
    project: ProjectName = None,
) -> CallToolResult:
    """What the uncommitted git diff (or staged, or since base) touches: changed symbols
    (signature or body), their dependents by depth, the tests reaching them with the path,
    new cycles, removed exports still imported, imports that no longer resolve.
    """
    projects = ctx.request_context.lifespan_context.projects
    return await _answer(
        ctx,
        project,
        lambda: answers.get_change_impact(
            projects.select(project).root, base, staged, depth, limit, offset
        ),
    )


async def detect_circular(
    ctx: Context[Served, Any], runtime_only: bool = False, project: ProjectName = None
) -> CallToolResult:
    """Import cycles between files, each shown in import order with the least-used import to break
    it. runtime_only leaves out cycles made only of type-only imports.
    """
    return await _answer(ctx, project, lambda: answers.detect_circular(runtime_only))


async def get_context(
    ctx: Context[Served, Any],
    symbol: Address,
    sections: Sections = None,
    limit: Annotated[
        int,
        Field(
            description="Items per section.",
            json_schema_extra={"minimum": 1, "maximum": MAX_LIMIT},
        ),
    ] = 20,
    project: ProjectName = None,
) -> CallToolResult:
    """Everything about one symbol in one answer: definition and signature, parent and members,
    callers, readers and writers (used by), callees, extends/implements and overrides in both
    directions, type users, re-exporting barrels, references by file.
    """
    return await _answer(ctx, project, lambda: answers.get_context(symbol, sections, limit))


async def get_call_hierarchy(
    ctx: Context[Served, Any],
    symbol: Address,
    direction: Annotated[
        str | None, Field(json_schema_extra={"enum": [*DIRECTIONS, None]})
    ] = "callers",
    depth: Annotated[int, Field(json_schema_extra={"minimum": 1, "maximum": MAX_CALL_DEPTH})] = 3,
    max_nodes: Annotated[int, Field(json_schema_extra={"minimum": 1, "maximum": MAX_LIMIT})] = 100,
    project: ProjectName = None,
) -> CallToolResult:
    """Callers (or callees) of a function or method as a tree to a given depth: each node's
    name and the file:line of the call; says what the depth and node cap left out.
    """
    return await _answer(
        ctx, project, lambda: answers.get_call_hierarchy(symbol, direction, depth, max_nodes)
    )


async def get_symbol_source(
    ctx: Context[Served, Any],
    symbol: Address,
    context_lines: Annotated[
        int,
        Field(
            description="Lines before and after.", json_schema_extra={"minimum": 0, "maximum": 50}
        ),
    ] = 0,
    max_lines: Annotated[
        int,
        Field(description="Lines at most.", json_schema_extra={"minimum": 1, "maximum": MAX_LIMIT}),
    ] = 200,
    project: ProjectName = None,
) -> CallToolResult:
    """The source text of one symbol (numbered lines, its span, optional context lines), so a
    whole file need not be read. Says when the file changed since it was indexed.
    """
    return await _answer(
        ctx,
        project,
        lambda root: answers.get_symbol_source(symbol, context_lines, max_lines, root),
        needs_root=True,
    )


async def get_stats(ctx: Context[Served, Any], project: ProjectName = None) -> CallToolResult:
    """Overview of the indexed project: files by language, symbols by kind, imports by kind and
    resolution, unresolved imports by reason, top external packages, most imported files.
    """
    return await _answer(ctx, project, answers.get_stats)


async def get_file_summary(
    ctx: Context[Served, Any],
    path: Annotated[str, Field(description="Root-relative file or folder path.")],
    project: ProjectName = None,
) -> CallToolResult:
    """One file: its symbols, its imports with what each resolves to, its exports and the files
    importing it. A folder: its files with their exports and imports from outside it.
    """
    return await _answer(ctx, project, lambda: answers.get_file_summary(path))


async def list_unresolved(
    ctx: Context[Served, Any],
    path_prefix: PathPrefix = None,
    limit: Annotated[
        int,
        Field(
            description="Imports shown per reason.",
            json_schema_extra={"minimum": 1, "maximum": MAX_LIMIT},
        ),
    ] = 100,
    project: ProjectName = None,
) -> CallToolResult:
    """Imports that did not resolve to a file or package, grouped by reason, each group with the
    fix to try (typo, missing package, tsconfig paths, asset import...).
    """
    return await _answer(ctx, project, lambda: answers.list_unresolved(path_prefix, limit))


async def export_graph(
    ctx: Context[Served, Any],
    focus: Annotated[
        str | None, Field(description="Symbol address or file path to centre on (default: all).")
    ] = None,
    level: Annotated[str | None, Field(json_schema_extra={"enum": [*LEVELS, None]})] = "file",
    depth: Annotated[
        int,
        Field(
            description="Steps around focus.",
            json_schema_extra={"minimum": 1, "maximum": MAX_PICTURE_DEPTH},
        ),
    ] = 1,
    cycles: bool = False,
    path_prefix: PathPrefix = None,
    max_nodes: Annotated[
        int, Field(json_schema_extra={"minimum": 1, "maximum": MAX_PICTURE_NODES})
    ] = 40,
    project: ProjectName = None,
) -> CallToolResult:
    """A Mermaid flowchart of the import graph (file, package or symbol level) to show in chat:
    a focus's dependencies and dependents, the cycles, or a folder. Type-only edges dotted,
    cycles red; says what the size cap cut.
    """
    return await _answer(
        ctx,
        project,
        lambda: answers.export_graph(focus, level, depth, cycles, path_prefix, max_nodes),
    )


TOOLS: tuple[tuple[Callable[..., Awaitable[CallToolResult]], str], ...] = (
    (find_symbol, "Find symbol definitions"),
    (find_references, "Find references"),
    (find_implementations, "Find implementations"),
    (get_impact, "Impact of a change"),
    (get_change_impact, "Impact of a git diff"),
    (detect_circular, "Import cycles"),
    (get_context, "Symbol context"),
    (get_symbol_source, "Symbol source"),
    (get_call_hierarchy, "Call hierarchy"),
    (get_stats, "Project overview"),
    (get_file_summary, "File summary"),
    (list_unresolved, "Unresolved imports"),
    (export_graph, "Graph picture (Mermaid)"),
)
