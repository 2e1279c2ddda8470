"""The sweep's MCP pass: the real `code-graph mcp` over stdio, every tool once per target.

The SDK's own client spawns the server on an indexed repository, waits until it answers
(its first reconcile finds nothing to do), then calls each of the nine tools on the sweep's
sampled symbols and files. A call is judged like a CLI command: a "not found" answer about a
sampled target is a miss; a tool error, a protocol error or a timeout is a failure; a
traceback in the server's standard error fails the session.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.types import CallToolResult
from measure import mcp_server_pid, status_kb
from sweep_plan import TRACEBACK, Targets, error_line

READY_SECONDS = 600.0
NOT_FOUND = ("not found", "no symbol matches", "ambiguous")  # answers that miss a target

Call = tuple[str, dict[str, Any], bool]  # tool, arguments, whether a sampled target is named


def tool_calls(targets: Targets) -> list[Call]:
    """Every tool on the whole graph, then on each sampled symbol and file."""
    calls: list[Call] = [
        ("get_stats", {}, False),
        ("detect_circular", {}, False),
        ("detect_circular", {"runtime_only": True}, False),
        ("list_unresolved", {}, False),
        ("export_graph", {"level": "package"}, False),
        ("export_graph", {"cycles": True, "max_nodes": 100}, False),
    ]
    for address in targets.symbols:
        calls += [
            ("find_references", {"symbol": address}, True),
            ("get_impact", {"target": address, "depth": 2}, True),
            ("get_context", {"symbol": address}, True),
            ("export_graph", {"focus": address, "level": "symbol"}, True),
        ]
    for name in targets.names:
        calls.append(("find_symbol", {"pattern": f"^{re.escape(name)}$"}, True))
    for path in targets.files:
        calls += [
            ("get_file_summary", {"path": path}, True),
            ("get_impact", {"target": path}, True),
            ("list_unresolved", {"path_prefix": path}, False),
        ]
    return calls


def _text(result: CallToolResult) -> str:
    return "".join(str(getattr(part, "text", "")) for part in result.content)


async def _session(cli: str, root: Path, calls: list[Call], timeout: float) -> dict[str, Any]:
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errlog:
        params = StdioServerParameters(command=cli, args=["mcp", str(root)])
        started = time.perf_counter()
        peak_kb = 0
        async with (
            stdio_client(params, errlog=errlog) as (read, write),
            ClientSession(read, write) as session,
        ):
            await asyncio.wait_for(session.initialize(), timeout)
            pid = mcp_server_pid()
            while (await session.call_tool("get_stats", {})).is_error:
                if time.perf_counter() - started > READY_SECONDS:
                    raise TimeoutError("the server never became ready")
                await asyncio.sleep(0.2)
            ready_s = time.perf_counter() - started
            for tool, arguments, expect_found in calls:
                records.append(await _call(session, tool, arguments, expect_found, timeout))
            peak_kb = status_kb(pid, "VmHWM") if pid else 0
        errlog.seek(0)
        stderr = errlog.read()
    return {"records": records, "ready_s": round(ready_s, 2), "stderr": stderr, "peak_kb": peak_kb}


async def _call(
    session: ClientSession, tool: str, arguments: dict[str, Any], expect_found: bool, timeout: float
) -> dict[str, Any]:
    shown = f"mcp {tool} " + " ".join(f"{k}={v}" for k, v in arguments.items())
    started = time.perf_counter()
    status, error = "ok", None
    try:
        result = await session.call_tool(tool, arguments, read_timeout_seconds=timeout)
    except Exception as e:  # a protocol error, a timeout, a broken session: the call failed
        timed_out = "timed out" in str(e).lower()
        status, error = ("timeout" if timed_out else "failed"), f"{type(e).__name__}: {e}"[:300]
    else:
        text = _text(result)
        first = text.split("\n", 1)[0][:300]
        if result.is_error:
            status, error = "failed", first
        elif not text:
            status, error = "bad-output", "no text content"
        elif expect_found and first.startswith(NOT_FOUND):
            status, error = "miss", first
    wall = round(time.perf_counter() - started, 3)
    return {"command": shown.strip(), "status": status, "error": error, "wall_s": wall}


def mcp_pass(cli: str, root: Path, targets: Targets, timeout: float) -> list[dict[str, Any]]:
    """The records of one MCP session on `root` (as the CLI commands' records), the last
    one for the session itself: its start-up, peak RSS, and any traceback it logged."""
    calls = tool_calls(targets)
    started = time.perf_counter()
    try:
        session = asyncio.run(_session(cli, root, calls, timeout))
    except Exception as e:  # the server could not be started or talked to
        error = f"{type(e).__name__}: {e}"
        return [
            {
                "command": "mcp session",
                "status": "failed",
                "error": error[:300],
                "wall_s": round(time.perf_counter() - started, 3),
                "rss_mb": 0.0,
                "stderr": "",
            }
        ]
    records = [{**r, "rss_mb": 0.0, "stderr": ""} for r in session["records"]]
    stderr = session["stderr"]
    traceback = TRACEBACK in stderr
    records.append(
        {
            "command": f"mcp session (ready after {session['ready_s']} s)",
            "status": "traceback" if traceback else "ok",
            "error": error_line(stderr) if traceback else None,
            "wall_s": round(time.perf_counter() - started, 3),
            "rss_mb": round(session["peak_kb"] / 1024, 1),
            "stderr": stderr,
        }
    )
    return records
