"""`code-graph mcp` driven by the SDK's own stdio client (facts from examples/acme-shop/EXPECTED.md).

One server per module: a blocking portal keeps the async client open across the tests.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import anyio
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from mcp.client import Client
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.server.mcpserver import MCPServer
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, CallToolResult, ListToolsResult

from code_graph.index import index_project
from code_graph.mcp_server.server import Served, build_server
from tests.mermaid_check import check_mermaid

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-shop"
CLI = Path(sys.executable).with_name("code-graph")
GENERATED = "packages/core/src/generated/catalog-feed.ts"
TOOLS = {
    "find_symbol",
    "find_references",
    "find_implementations",
    "get_impact",
    "get_change_impact",
    "detect_circular",
    "get_context",
    "get_symbol_source",
    "get_call_hierarchy",
    "get_stats",
    "get_file_summary",
    "list_unresolved",
    "export_graph",
}
PRICING_CYCLE = (
    "packages/core/src/pricing/engine.ts -> packages/core/src/pricing/promotions.ts"
    " -> packages/core/src/pricing/coupons.ts -> packages/core/src/pricing/engine.ts"
)


@dataclass
class McpClient:
    """A live session with a `code-graph mcp` process, callable from synchronous tests."""

    portal: BlockingPortal
    session: ClientSession
    stderr: TextIO
    stream_problems: list[Exception] = field(default_factory=list)

    def tools(self) -> ListToolsResult:
        return self.portal.call(self.session.list_tools)

    def call(self, tool: str, **arguments: Any) -> CallToolResult:
        result: CallToolResult = self.portal.call(self.session.call_tool, tool, arguments)
        return result

    def text(self, tool: str, **arguments: Any) -> str:
        result = self.call(tool, **arguments)
        assert not result.is_error, result.content
        return str(getattr(result.content[0], "text", ""))

    def refused(self, tool: str, **arguments: Any) -> str:
        """The one sentence of a tool error (`isError`, SEP-1303)."""
        result = self.call(tool, **arguments)
        assert result.is_error, result.content
        assert result.structured_content is None
        text = str(getattr(result.content[0], "text", ""))
        assert "\n" not in text and "pydantic" not in text and "http" not in text, text
        return text

    def log(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read()


def copy_example(folder: Path) -> Path:
    """A copy of the example (the repository itself stays clean)."""
    root = folder / "acme-shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".code-graph"))
    generated = root / GENERATED
    if not generated.exists():  # git may drop the deliberately ignored file on checkout
        generated.parent.mkdir(parents=True, exist_ok=True)
        generated.write_text("export const feed = [];\n")
    return root


@asynccontextmanager
async def connect(
    root: Path, stderr: TextIO, problems: list[Exception], *extra: str
) -> AsyncIterator[ClientSession]:
    """An initialized session with `code-graph mcp ROOT`; stdout lines that are not protocol
    messages land in `problems`."""

    async def on_message(message: object) -> None:
        if isinstance(message, Exception):
            problems.append(message)

    server = StdioServerParameters(command=str(CLI), args=["mcp", str(root), *extra])
    async with (
        stdio_client(server, errlog=stderr) as (read, write),
        ClientSession(read, write, message_handler=on_message) as session,
    ):
        await session.initialize()
        yield session


@contextmanager
def serve(root: Path, stderr: TextIO, *extra: str) -> Iterator[McpClient]:
    problems: list[Exception] = []
    with (
        start_blocking_portal() as portal,
        portal.wrap_async_context_manager(connect(root, stderr, problems, *extra)) as session,
    ):
        yield McpClient(portal, session, stderr, problems)


@pytest.fixture(scope="module")
def other_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("other") / "tools"
    root.mkdir()
    (root / "hello.ts").write_text("export function helloOther(): string { return 'hi'; }\n")
    return root


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("mcp"))


@pytest.fixture(scope="module")
def mcp(shop: Path, other_project: Path) -> Iterator[McpClient]:
    with (
        (shop.parent / "stderr.log").open("w+", encoding="utf-8") as stderr,
        serve(shop, stderr, "--allow-root", str(other_project), "--structured") as client,
    ):
        yield client


def test_the_server_offers_its_tools_all_read_only_and_idempotent(mcp: McpClient) -> None:
    tools = mcp.tools().tools
    assert {tool.name for tool in tools} == TOOLS
    for tool in tools:
        assert tool.annotations is not None
        assert tool.annotations.read_only_hint is True
        assert tool.annotations.idempotent_hint is True
        assert tool.annotations.destructive_hint is False


def test_every_tool_description_stays_under_a_hundred_tokens(mcp: McpClient) -> None:
    for tool in mcp.tools().tools:
        assert tool.description
        assert len(tool.description) < 400, tool.name  # ≈ 4 characters a token


def test_every_tool_takes_an_optional_project(mcp: McpClient) -> None:
    for tool in mcp.tools().tools:
        assert "project" in tool.input_schema["properties"]
        assert "project" not in tool.input_schema.get("required", [])


def test_find_symbol_pages_with_an_exact_continuation(mcp: McpClient) -> None:
    first = mcp.call("find_symbol", pattern="Cart", limit=3)
    text = str(getattr(first.content[0], "text", ""))
    assert text.splitlines()[0].startswith("class Cart packages/core/src/cart.ts:13-69 export")
    assert text.splitlines()[-1] == "… 4 more (offset=3)"
    assert first.structured_content is not None
    assert first.structured_content["page"] == {
        "offset": 0,
        "returned": 3,
        "total": 7,
        "next_offset": 3,
    }
    rest = mcp.text("find_symbol", pattern="Cart", limit=10, offset=3).splitlines()
    assert len(rest) == 4
    assert "more" not in rest[-1]


def test_find_symbol_filters_by_kind_and_path_prefix(mcp: McpClient) -> None:
    text = mcp.text("find_symbol", pattern="", kind="class", path_prefix="packages/core/src/")
    assert len(text.splitlines()) == 8  # the 8 classes of core
    assert all(line.startswith("class ") for line in text.splitlines())


def test_find_references_to_price_tag_include_seven_jsx_renders(mcp: McpClient) -> None:
    lines = mcp.text("find_references", symbol="PriceTag", kind="jsx").splitlines()
    assert lines[0].startswith("7 refs to component PriceTag packages/ui/src/PriceTag.tsx:9")
    assert len(lines) == 8
    assert all(" jsx in " in line for line in lines[1:])


def test_find_references_takes_several_kinds(mcp: McpClient) -> None:
    listed = mcp.text("find_references", symbol="PriceTag", kind=["jsx", "import"])
    joined = mcp.text("find_references", symbol="PriceTag", kind="jsx,import")
    assert listed == joined
    kinds = {line.split()[1] for line in listed.splitlines()[1:] if not line.startswith("note")}
    assert kinds == {"jsx", "import"}


def test_find_references_returns_the_json_document_as_structured_content(mcp: McpClient) -> None:
    result = mcp.call("find_references", symbol="PriceTag", limit=5)
    document = result.structured_content
    assert document is not None
    assert document["lookup"]["status"] == "found"
    assert document["total"] == 12
    assert len(document["references"]) == 5
    assert document["page"]["next_offset"] == 5


def test_get_impact_of_a_file_lists_dependents_by_depth(mcp: McpClient) -> None:
    lines = mcp.text("get_impact", target="packages/core/src/pricing/coupons.ts").splitlines()
    assert lines[0].startswith("impact of packages/core/src/pricing/coupons.ts:")
    assert "d1 packages/core/src/pricing/promotions.ts:3" in lines  # the import's line
    assert "d2 packages/core/src/index.ts:15 <- packages/core/src/pricing/promotions.ts" in lines


def test_get_impact_pages_keep_the_whole_count_in_the_header(mcp: McpClient) -> None:
    whole = mcp.text("get_impact", target="packages/core/src/money/money.ts").splitlines()
    page = mcp.text("get_impact", target="packages/core/src/money/money.ts", limit=5, offset=3)
    lines = page.splitlines()
    assert lines[0] == whole[0]
    assert lines[1:6] == whole[4:9]
    assert lines[6].startswith("… ") and lines[6].endswith("(offset=8)")


def test_get_impact_of_a_symbol_follows_its_callers(mcp: McpClient) -> None:
    text = mcp.text("get_impact", target="roundToCents", depth=1)
    assert "coupons.ts" in text
    assert "depth limit reached" in text


def test_detect_circular_shows_the_pricing_cycle_in_import_order(mcp: McpClient) -> None:
    text = mcp.text("detect_circular")
    assert f"runtime (3 files): {PRICING_CYCLE}" in text
    assert "type-only (2 files): packages/core/src/customer.ts" in text


def test_detect_circular_runtime_only_leaves_out_the_type_only_cycle(mcp: McpClient) -> None:
    text = mcp.text("detect_circular", runtime_only=True)
    assert PRICING_CYCLE in text
    assert "type-only" not in text


def test_get_context_shows_hierarchy_and_callers(mcp: McpClient) -> None:
    text = mcp.text("get_context", symbol="Cart")
    assert text.startswith("class Cart packages/core/src/cart.ts:13-69 export")
    assert "extends:\n  class Entity packages/core/src/entity.ts:4" in text
    assert "re-exported by: packages/core/src/index.ts" in text


def test_get_context_caps_each_section_and_says_what_it_cut(mcp: McpClient) -> None:
    result = mcp.call("get_context", symbol="Cart", limit=2)
    text = str(getattr(result.content[0], "text", ""))
    assert "children: lines(property), constructor(method), … 9 more (raise limit)" in text
    assert "  … 2 more type users (raise limit)" in text
    assert "references (11):" in text
    assert result.structured_content is not None
    assert result.structured_content["omitted"]["children"] == 9


def test_get_context_keeps_to_the_sections_asked_for(mcp: McpClient) -> None:
    result = mcp.call("get_context", symbol="Cart", sections=["extends"])
    text = str(getattr(result.content[0], "text", ""))
    assert "extends:" in text
    assert "callers:" not in text
    assert "references (" not in text
    assert result.structured_content is not None
    assert set(result.structured_content) == {"lookup", "omitted", "extends"}


def test_get_symbol_source_returns_the_numbered_lines_of_a_symbol(mcp: McpClient) -> None:
    result = mcp.call("get_symbol_source", symbol="Cart", max_lines=3, context_lines=1)
    text = str(getattr(result.content[0], "text", ""))
    lines = text.splitlines()
    assert lines[0] == "class Cart packages/core/src/cart.ts:13-69 export"
    assert lines[1].startswith("12| ") and lines[2] == "13| export class Cart extends Entity {"
    assert lines[4] == "… 55 more lines (from line 15; raise max_lines, --max-lines)"
    assert result.structured_content is not None
    assert result.structured_content["first_line"] == 12
    assert result.structured_content["lines_cut"] == 55
    assert "did you mean: Cart" in mcp.text("get_symbol_source", symbol="Crt")


def test_get_call_hierarchy_shows_callers_as_a_tree_with_call_sites(mcp: McpClient) -> None:
    lines = mcp.text("get_call_hierarchy", symbol="roundToCents", depth=2).splitlines()
    assert lines[0].startswith("callers of function roundToCents packages/core/src/pricing/")
    assert lines[1] == "redeemCoupon packages/core/src/pricing/coupons.ts:20"
    assert lines[2] == (
        "  applyPromotions packages/core/src/pricing/promotions.ts:43"
        " (+1 callers deeper: raise depth)"
    )
    callees = mcp.text("get_call_hierarchy", symbol="PricingEngine.quote", direction="callees")
    assert "Cart.subtotal packages/core/src/pricing/engine.ts:26" in callees
    capped = mcp.text(
        "get_call_hierarchy", symbol="PricingEngine.quote", direction="callees", max_nodes=2
    )
    assert capped.splitlines()[-1].startswith("… ") and "max_nodes" in capped
    assert "direction" in mcp.refused("get_call_hierarchy", symbol="x", direction="up")


def test_get_stats_counts_the_files_by_language(mcp: McpClient) -> None:
    result = mcp.call("get_stats")
    text = str(getattr(result.content[0], "text", ""))
    assert text.startswith("44 files (typescript 25, tsx 11, javascript 7, jsx 1; 1 declaration)")
    assert result.structured_content is not None
    assert result.structured_content["files"] == 44


def test_get_file_summary_shows_resolved_imports_and_importers(mcp: McpClient) -> None:
    text = mcp.text("get_file_summary", path="packages/ui/src/PriceTag.tsx")
    assert "1 @shop/core -> packages/core/src/index.ts" in text
    assert "imported by (3): packages/ui/src/CartSummary.tsx" in text


def test_get_file_summary_of_a_folder_outlines_its_modules(mcp: McpClient) -> None:
    lines = mcp.text("get_file_summary", path="packages/core/src/pricing").splitlines()
    assert lines[0] == "packages/core/src/pricing/ (3 files)"
    assert lines[1] == "packages/core/src/pricing/coupons.ts"
    assert lines[3] == "  imports: ../money/money -> packages/core/src/money/money.ts"


def test_get_file_summary_of_an_unknown_file_suggests_close_paths(mcp: McpClient) -> None:
    text = mcp.text("get_file_summary", path="packages/ui/src/PriceTga.tsx")
    assert text.startswith("not found: no indexed file packages/ui/src/PriceTga.tsx")
    assert "packages/ui/src/PriceTag.tsx" in text


def test_list_unresolved_groups_the_typo_with_its_fix(mcp: McpClient) -> None:
    text = mcp.text("list_unresolved", path_prefix="packages/legacy/")
    assert text.startswith("not-found (1): fix: check the path for typos")
    assert "packages/legacy/src/reports.mjs:6 ./text-utlis.mjs" in text


def test_an_ambiguous_name_returns_the_candidates_as_a_normal_result(mcp: McpClient) -> None:
    result = mcp.call("find_references", symbol="describe")
    assert not result.is_error
    text = str(getattr(result.content[0], "text", ""))
    assert text.startswith("ambiguous: describe names 4 symbols")
    assert "method Entity.describe packages/core/src/entity.ts:21" in text
    assert result.structured_content is not None
    assert result.structured_content["lookup"]["status"] == "ambiguous"


def test_an_unknown_name_returns_suggestions_as_a_normal_result(mcp: McpClient) -> None:
    result = mcp.call("get_context", symbol="Crt")
    assert not result.is_error
    assert "did you mean: Cart" in str(getattr(result.content[0], "text", ""))


def test_export_graph_returns_a_mermaid_flowchart_of_the_focus(mcp: McpClient) -> None:
    result = mcp.call("export_graph", focus="packages/core/src/pricing/engine.ts")
    text = str(getattr(result.content[0], "text", ""))
    head, fence, rest = text.partition("\n```mermaid\n")
    assert fence and rest.endswith("```")
    assert head.startswith("8 nodes, ")
    check_mermaid(rest.removesuffix("```"))
    assert "linkStyle" in rest  # the pricing cycle is red
    assert result.structured_content is not None
    assert result.structured_content["mermaid"] == rest.removesuffix("```")


def test_export_graph_caps_nodes_and_says_what_it_cut(mcp: McpClient) -> None:
    text = mcp.text("export_graph", max_nodes=6)
    assert text.startswith("6 nodes, ")
    assert "38 more nodes" in text.splitlines()[0]
    assert "narrow with focus" in text.splitlines()[0]


def test_export_graph_draws_packages_and_cycles(mcp: McpClient) -> None:
    packages = mcp.text("export_graph", level="package")
    assert '(["react"])' in packages and '["@shop/web"]' in packages
    cycles = mcp.text("export_graph", cycles=True)
    assert cycles.startswith("5 nodes, 7 edges: file imports, cycles only")


def test_export_graph_of_an_unknown_focus_suggests_names(mcp: McpClient) -> None:
    result = mcp.call("export_graph", focus="Crat")
    assert not result.is_error
    assert "not found: no indexed file or symbol 'Crat'; did you mean: Cart" in str(
        getattr(result.content[0], "text", "")
    )


def test_export_graph_refuses_levels_and_caps_out_of_range(mcp: McpClient) -> None:
    assert "level" in mcp.refused("export_graph", level="galaxy")
    assert "max_nodes" in mcp.refused("export_graph", max_nodes=1000)
    assert "depth" in mcp.refused("export_graph", depth=9)


def test_a_call_may_name_another_allowed_project(mcp: McpClient, other_project: Path) -> None:
    by_path = mcp.text("find_symbol", pattern="helloOther", project=str(other_project))
    by_name = mcp.text("find_symbol", pattern="helloOther", project=other_project.name)
    assert by_path == by_name
    assert by_path.startswith("function helloOther hello.ts:1 export")


@pytest.mark.parametrize(
    ("tool", "arguments", "message"),
    [
        ("get_file_summary", {"path": "../../etc/passwd"}, "leaves the project root"),
        ("get_file_summary", {"path": "/etc/passwd"}, "is outside the project root"),
        ("get_file_summary", {"path": "packages/\0core"}, "NUL byte"),
        ("get_impact", {"target": "../outside.ts"}, "leaves the project root"),
        ("find_symbol", {"pattern": "x", "path_prefix": "/etc"}, "is outside the project root"),
        ("find_symbol", {"pattern": "x", "limit": 10**9}, "between 1 and 500"),
        ("find_references", {"symbol": "Cart", "limit": -1}, "between 1 and 500"),
        ("find_symbol", {"pattern": "x", "offset": -5}, "0 or more"),
        ("find_symbol", {"pattern": "x", "kind": "klass"}, "unknown symbol kind 'klass'"),
        ("find_symbol", {"pattern": "x", "limit": 0}, "between 1 and 500"),
        ("find_symbol", {"pattern": "x", "path_prefix": "srcc/"}, "no indexed file under 'srcc/'"),
        ("list_unresolved", {"path_prefix": "srcc/"}, "no indexed file under 'srcc/'"),
        ("export_graph", {"path_prefix": "srcc/"}, "no indexed file under 'srcc/'"),
        ("find_symbol", {"pattern": "x", "limit": "many"}, "'many' is not a whole number"),
        ("find_symbol", {"pattern": 5}, "5 is not a string"),
        ("find_symbol", {}, "find_symbol needs 'pattern'"),
        ("find_symbol", {"pattern": "x", "bogus": 1}, "find_symbol has no parameter 'bogus'"),
        ("get_context", {"symbol": "Cart", "sections": "callers"}, "is not a list"),
        (
            "find_references",
            {"symbol": "Cart", "kind": "call,bogus"},
            "unknown reference kind 'bogus'",
        ),
        ("find_symbol", {"pattern": "(a+)+"}, "nests quantifiers"),
        ("find_symbol", {"pattern": r"^((\w+))+!"}, "nests quantifiers"),
        ("find_symbol", {"pattern": r"(\w|\w)+!"}, "repeats a group of alternatives"),
        ("find_symbol", {"pattern": "x" * 201}, "longer than"),
        ("get_impact", {"target": "x", "depth": 10**9, "limit": 10**9}, "between 1 and 500"),
        ("get_context", {"symbol": "Cart", "sections": ["bogus"]}, "unknown section 'bogus'"),
        ("get_stats", {"project": "/etc"}, "is not served"),
    ],
)
def test_bad_arguments_are_tool_errors_of_one_plain_sentence(
    mcp: McpClient, tool: str, arguments: dict[str, Any], message: str
) -> None:
    assert message in mcp.refused(tool, **arguments)


def test_an_unknown_tool_is_a_protocol_error(mcp: McpClient) -> None:
    with pytest.raises(MCPError) as refusal:
        mcp.call("drop_database")
    assert refusal.value.code == INVALID_PARAMS
    assert "Unknown tool: drop_database" in str(refusal.value)


def test_paths_inside_the_root_may_be_absolute_and_name_folders(mcp: McpClient, shop: Path) -> None:
    absolute = mcp.text("get_file_summary", path=str(shop / "packages/ui/src/PriceTag.tsx"))
    assert absolute == mcp.text("get_file_summary", path="packages/ui/src/PriceTag.tsx")
    prefix = mcp.text(
        "find_symbol", pattern="", kind="class", path_prefix=str(shop / "packages/core/src")
    )
    assert prefix == mcp.text(
        "find_symbol", pattern="", kind="class", path_prefix="packages/core/src/"
    )
    folder = mcp.text("get_impact", target="packages/core/src/pricing")
    assert folder.startswith("impact of packages/core/src/pricing/: 13 dependents")
    assert "pricing/coupons.ts" not in folder  # the folder's own files are not its dependents


def test_the_server_keeps_answering_after_hostile_calls(mcp: McpClient) -> None:
    for _ in range(3):
        mcp.refused("get_file_summary", path="../../etc/passwd")
        mcp.refused("find_symbol", pattern="x", limit=10**9)
    assert mcp.text("get_stats").startswith("44 files")


def test_nothing_but_protocol_messages_reach_stdout(mcp: McpClient) -> None:
    mcp.text("get_stats")
    assert mcp.stream_problems == []
    assert "up to date" in mcp.log()  # the server's own log went to stderr


def test_a_server_started_after_an_edit_answers_from_the_edited_code(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    index_project(root, workers=1)
    cart = root / "packages/core/src/cart.ts"
    cart.write_text(
        cart.read_text() + "\nexport function cartFreshlyAdded(): number {\n  return 1;\n}\n"
    )
    with (tmp_path / "stderr.log").open("w+", encoding="utf-8") as stderr:
        with serve(root, stderr) as client:
            text = client.text("find_symbol", pattern="cartFreshlyAdded")
        log = client.log()
    assert text.startswith("function cartFreshlyAdded packages/core/src/cart.ts:")
    assert "parsed 1 of 44 files" in log


def test_a_server_started_inside_an_indexed_project_serves_that_project(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    index_project(root, workers=1)
    with (
        (tmp_path / "stderr.log").open("w+", encoding="utf-8") as stderr,
        serve(root / "packages" / "core", stderr) as client,
    ):
        text = client.text("get_stats")
    assert text.startswith("44 files")
    assert not (root / "packages" / "core" / ".code-graph").exists()


def test_an_edit_while_the_server_runs_shows_in_the_next_answers(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    index_project(root, workers=1)
    with (
        (tmp_path / "stderr.log").open("w+", encoding="utf-8") as stderr,
        serve(root, stderr) as client,
    ):
        assert client.text("find_symbol", pattern="^cartLiveEdit$").startswith("no symbol")
        time.sleep(0.5)  # the watcher starts once the first reconcile is done
        cart = root / "packages/core/src/cart.ts"
        cart.write_text(
            cart.read_text() + "\nexport function cartLiveEdit(): number {\n  return 2;\n}\n"
        )
        deadline = time.monotonic() + 20
        text = ""
        while time.monotonic() < deadline:
            text = client.text("find_symbol", pattern="^cartLiveEdit$")
            if text.startswith("function cartLiveEdit"):
                break
            time.sleep(0.1)
        assert text.startswith("function cartLiveEdit packages/core/src/cart.ts:"), client.log()
        (root / "packages/core/src/cart.ts").unlink()
        while time.monotonic() < deadline:
            if client.text("find_symbol", pattern="^cartLiveEdit$").startswith("no symbol"):
                break
            time.sleep(0.1)
        refs = client.text("list_unresolved")
        assert "./cart" in refs  # the barrel's `export ... from './cart'` now resolves nowhere


def ask_in_process(server: MCPServer[Served], tool: str, **arguments: Any) -> CallToolResult:
    """One call through the SDK's in-memory client (the server's lifespan runs in-process)."""

    async def ask() -> CallToolResult:
        async with Client(server) as client:
            return await client.call_tool(tool, arguments)

    return anyio.run(ask)


def test_answers_carry_no_structured_content_unless_asked(mcp: McpClient, shop: Path) -> None:
    result = ask_in_process(build_server(shop), "get_stats")
    assert result.structured_content is None
    assert str(getattr(result.content[0], "text", "")).startswith("44 files")


def test_queries_leave_the_default_thread_pool_to_the_stdio_transport(
    mcp: McpClient, shop: Path
) -> None:
    """The SDK's stdio transport reads stdin and writes stdout through anyio's default thread
    pool; queries queued there held every answer back until the whole backlog was done
    (found by bench/mcp_load.py: a ping sent during 300 calls in flight took 26 s)."""

    async def session() -> CallToolResult:
        default = anyio.to_thread.current_default_thread_limiter()
        default.total_tokens = 1
        async with Client(build_server(shop)) as client:
            transport = object()
            await default.acquire_on_behalf_of(transport)  # the pool's only thread is busy
            try:
                with anyio.fail_after(20):
                    return await client.call_tool("get_stats", {})
            finally:
                default.release_on_behalf_of(transport)

    result = anyio.run(session)
    assert str(getattr(result.content[0], "text", "")).startswith("44 files")


def test_keep_fresh_is_started_for_the_served_project_once_it_is_up_to_date(
    mcp: McpClient, shop: Path
) -> None:
    watching: list[Path] = []
    started, stopped = threading.Event(), threading.Event()

    def keep_fresh(root: Path, stop: threading.Event) -> None:
        watching.append(root)
        started.set()
        stop.wait(10)
        stopped.set()

    async def session() -> bool:
        async with Client(build_server(shop, keep_fresh=keep_fresh)) as client:
            await client.call_tool("get_stats", {})
            return await anyio.to_thread.run_sync(started.wait, 5)

    assert anyio.run(session)
    assert watching == [shop]
    assert stopped.wait(5)  # the server's end stopped it
