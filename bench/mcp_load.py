"""Load and soak of the real `code-graph mcp` server over stdio, driven by the SDK's own client.

Run: `python bench/mcp_load.py [--project PATH] [--calls N] [--soak-calls N] [--json OUT]`
(default project: a temporary copy of examples/acme-shop). The project is always copied to a
temporary folder first (without its `.code-graph/`), because phase 1 edits files.

1. **In-flight load under edits.** `--calls` tool calls (all nine tools) issued at once with
   `asyncio.gather` on one session, while another task adds, rewrites and deletes source
   files so the server's watcher applies batches during the load. Every call must return a
   result: no protocol error, no `isError`, and no "not found" unless the target is one the
   edits touch. The server must stay alive. After the last edit, the answers must show it
   (settle time measured), and the served graph must equal a fresh index of the final files
   (`get_stats`, `detect_circular`, `list_unresolved` and the edited names compared as text).
2. **Memory soak.** A new server on the same copy answers `--soak-calls` sequential mixed calls;
   the server's RSS is sampled every `--sample-every` calls. The slope (MB per 1,000 calls) is
   fitted after `--warmup` calls: no leak means a slope near 0.
3. **Stdout purity.** A raw subprocess session (initialize, tools/list, good, hostile and
   unknown calls, a watcher batch): every stdout line must be one JSON-RPC message, and the
   server must exit with 0 when stdin closes.

Latency in phase 1 is from issue to answer with 1,000 requests queued at once (the server
answers one query at a time per project), so it mostly measures queueing; the soak's
latencies are per call. Exit code 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.shared.exceptions import MCPError
from mcp.types import CallToolResult
from measure import mcp_server_pid, process_tree, status_kb, summary_ms

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "acme-shop"
GEN_DIR = "mcp-load-gen"  # the folder of generated files, at the project root
GEN_FILES = 12  # generated files cycle through these names
VICTIMS = 4  # existing files the edits rewrite (the last one is deleted and restored)
FINAL_SYMBOL = "mcpLoadFinal"
FINAL_GEN = "loadGenFinal"
READY_SECONDS = 600.0  # first index of a big corpus on a busy machine
SETTLE_SECONDS = 60.0
CALL_TIMEOUT_SECONDS = 900.0
SOURCE_SUFFIXES = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
PROTOCOL_VERSION = "2025-06-18"


def log(message: str) -> None:
    print(f"[mcp-load] {message}", file=sys.stderr, flush=True)


# -- the server process ------------------------------------------------------------------------


def cli_path() -> str:
    beside = Path(sys.executable).with_name("code-graph")
    if beside.exists():
        return str(beside)
    found = shutil.which("code-graph")
    if found is None:
        raise SystemExit("code-graph is not installed next to this Python nor on PATH")
    return found


def alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def rss_mb(pid: int) -> float:
    return status_kb(pid) / 1024


def tree_rss_mb(pid: int) -> float:
    return sum(status_kb(p) for p in process_tree(pid)) / 1024


@dataclass
class Server:
    session: ClientSession
    pid: int | None
    errlog: TextIO
    stream_problems: list[Exception]

    def log_text(self) -> str:
        self.errlog.flush()
        return Path(self.errlog.name).read_text(errors="replace")


@asynccontextmanager
async def running_server(root: Path, errlog: TextIO) -> AsyncIterator[Server]:
    problems: list[Exception] = []

    async def on_message(message: object) -> None:
        if isinstance(message, Exception):  # a stdout line that is not a protocol message
            problems.append(message)

    params = StdioServerParameters(
        command=cli_path(), args=["mcp", str(root)], env=dict(os.environ)
    )
    async with (
        stdio_client(params, errlog=errlog) as (read, write),
        ClientSession(read, write, message_handler=on_message) as session,
    ):
        await session.initialize()
        yield Server(session, mcp_server_pid(), errlog, problems)


def text_of(result: CallToolResult) -> str:
    return "".join(str(getattr(part, "text", "")) for part in result.content)


async def wait_ready(server: Server) -> float:
    """Seconds until the first answer that is not 'still indexing'."""
    started = time.perf_counter()
    while True:
        result = await server.session.call_tool("get_stats", {})
        if not result.is_error:
            return time.perf_counter() - started
        if time.perf_counter() - started > READY_SECONDS:
            raise SystemExit(f"the server never became ready: {text_of(result)}")
        await asyncio.sleep(0.1)


async def wait_watching(server: Server, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if "watching for changes" in server.log_text():
            return True
        await asyncio.sleep(0.05)
    return False


# -- what to ask -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    qualified: str
    file: str
    line: int

    @property
    def address(self) -> str:
        return f"{self.file}:{self.qualified}"


@dataclass(frozen=True)
class Call:
    tool: str
    arguments: dict[str, Any]
    volatile: bool = False  # its target is one the edits add, change or delete
    expect_line: str | None = None  # a stable definition the answer must show (file:line)


@dataclass
class Outcome:
    call: Call
    seconds: float
    kind: str  # ok | ambiguous | not-found | empty | tool-error | protocol-error | exception
    detail: str = ""
    finished: float = field(default_factory=time.perf_counter)


async def sample_targets(session: ClientSession, rng: random.Random) -> list[Target]:
    """Definitions spread over the project, taken from find_symbol pages at random offsets."""
    first = await session.call_tool("find_symbol", {"pattern": "", "limit": 1})
    total = int((first.structured_content or {}).get("page", {}).get("total", 0))
    offsets = sorted({0, *(rng.randrange(max(total, 1)) for _ in range(5))})
    found: dict[str, Target] = {}
    for offset in offsets:
        page = await session.call_tool(
            "find_symbol", {"pattern": "", "limit": 200, "offset": offset}
        )
        for symbol in (page.structured_content or {}).get("symbols", []):
            target = Target(
                symbol["name"], symbol["qualified_name"], symbol["file"], symbol["line"]
            )
            if re.fullmatch(r"[A-Za-z_$][\w$]*", target.name):
                found.setdefault(target.address, target)
    return list(found.values())


@dataclass
class Plan:
    root: Path
    stable: list[Target]
    files: list[str]  # stable files
    victims: list[str]  # existing files the edits rewrite
    anchor: str | None  # a stable file the generated files import

    @property
    def gen_files(self) -> list[str]:
        return [f"{GEN_DIR}/gen_{i}.ts" for i in range(GEN_FILES)]


def make_plan(root: Path, targets: list[Target], rng: random.Random) -> Plan:
    editable = sorted(
        {
            t.file
            for t in targets
            if t.file.endswith(SOURCE_SUFFIXES) and not re.search(r"\.d\.[cm]?ts$", t.file)
        }
    )
    victims = rng.sample(editable, min(VICTIMS, max(len(editable) - 2, 1)))
    stable = [t for t in targets if t.file not in victims]
    files = sorted({t.file for t in stable})
    anchors = [f for f in files if f.endswith((".ts", ".js")) and not f.endswith(".d.ts")]
    return Plan(root, stable, files, victims, rng.choice(anchors) if anchors else None)


def mixed_call(plan: Plan, rng: random.Random, *, volatile_share: float) -> Call:
    """One call of the nine tools, in proportions an agent might use."""
    roll = rng.random()
    touched = rng.random() < volatile_share
    target = rng.choice(plan.stable)
    file = rng.choice(plan.files)
    if touched:
        gen = rng.randrange(GEN_FILES)
        gen_address = f"{GEN_DIR}/gen_{gen}.ts:loadGen{gen}"
        volatile_file = rng.choice([*plan.victims, *plan.gen_files])
    if roll < 0.18:
        if touched:
            pattern = rng.choice([f"^loadGen{gen}$", "^mcpLoadEdit", "^LoadGenBox"])
            return Call("find_symbol", {"pattern": pattern}, volatile=True)
        pattern = f"^{re.escape(target.name)}$"
        if rng.random() < 0.5:  # narrowed to its file: the definition must be on the page
            arguments = {"pattern": pattern, "path_prefix": target.file, "limit": 500}
            return Call("find_symbol", arguments, expect_line=f"{target.file}:{target.line}")
        return Call("find_symbol", {"pattern": pattern})
    if roll < 0.32:
        if touched:
            return Call("find_references", {"symbol": gen_address}, volatile=True)
        return Call("find_references", {"symbol": target.address, "limit": 50})
    if roll < 0.44:
        if touched:
            return Call("get_impact", {"target": volatile_file, "limit": 50}, volatile=True)
        chosen = target.address if rng.random() < 0.5 else file
        return Call("get_impact", {"target": chosen, "limit": 50, "depth": rng.choice([1, 2, 3])})
    if roll < 0.56:
        if touched:
            return Call("get_context", {"symbol": gen_address}, volatile=True)
        return Call("get_context", {"symbol": target.address})
    if roll < 0.72:
        if touched:
            return Call("get_file_summary", {"path": volatile_file}, volatile=True)
        return Call("get_file_summary", {"path": file})
    if roll < 0.76:
        return Call("detect_circular", {"runtime_only": rng.random() < 0.5})
    if roll < 0.81:
        return Call("get_stats", {})
    if roll < 0.87:
        prefix = rng.choice([None, file.rsplit("/", 1)[0] + "/" if "/" in file else None])
        return Call("list_unresolved", {"limit": 50} | ({"path_prefix": prefix} if prefix else {}))
    if touched:
        return Call("export_graph", {"focus": volatile_file}, volatile=True)
    shape = rng.random()
    if shape < 0.6:
        return Call("export_graph", {"focus": file, "depth": 1})
    if shape < 0.8:
        return Call("export_graph", {"level": "package", "max_nodes": 40})
    return Call("export_graph", {"max_nodes": 40})


async def ask(session: ClientSession, call: Call) -> Outcome:
    started = time.perf_counter()
    try:
        result = await session.call_tool(
            call.tool, call.arguments, read_timeout_seconds=CALL_TIMEOUT_SECONDS
        )
    except MCPError as e:
        return Outcome(call, time.perf_counter() - started, "protocol-error", f"{e.code}: {e}")
    except Exception as e:
        return Outcome(call, time.perf_counter() - started, "exception", repr(e))
    seconds = time.perf_counter() - started
    text = text_of(result)
    if result.is_error:
        return Outcome(call, seconds, "tool-error", text[:300])
    if not text:
        return Outcome(call, seconds, "empty", "no text content")
    if result.structured_content is None:
        return Outcome(call, seconds, "empty", "no structured content")
    first = text.split("\n", 1)[0]
    if first.startswith("not found") or first.startswith("no symbol matches"):
        return Outcome(call, seconds, "not-found", first[:200])
    if call.expect_line and call.expect_line not in text:
        return Outcome(call, seconds, "wrong", f"{call.expect_line} missing: {first[:200]}")
    if first.startswith("ambiguous"):
        return Outcome(call, seconds, "ambiguous", first[:200])
    return Outcome(call, seconds, "ok")


def unexpected(outcome: Outcome) -> bool:
    """Not an acceptable answer: an error, or a stable target that was not found or wrong."""
    if outcome.kind in ("ok", "ambiguous"):
        return False
    return not (outcome.kind == "not-found" and outcome.call.volatile)


def tally(outcomes: list[Outcome]) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for outcome in outcomes:
        kinds[outcome.kind] = kinds.get(outcome.kind, 0) + 1
    per_tool: dict[str, list[float]] = {}
    for outcome in outcomes:
        per_tool.setdefault(outcome.call.tool, []).append(outcome.seconds)
    bad = [o for o in outcomes if unexpected(o)]
    return {
        "calls": len(outcomes),
        "outcomes": dict(sorted(kinds.items())),
        "volatile_calls": sum(o.call.volatile for o in outcomes),
        "unexpected": len(bad),
        "unexpected_examples": [
            {"tool": o.call.tool, "arguments": o.call.arguments, "kind": o.kind, "detail": o.detail}
            for o in bad[:10]
        ],
        "latency": summary_ms([o.seconds for o in outcomes]),
        "per_tool": {tool: summary_ms(s) for tool, s in sorted(per_tool.items())},
    }


# -- the edits ---------------------------------------------------------------------------------


def import_path(from_dir: str, file: str) -> str:
    relative = os.path.relpath(file, from_dir).replace(os.sep, "/")
    if not relative.startswith("."):
        relative = "./" + relative
    return relative[:-3] if relative.endswith(".ts") else relative


class Editor:
    """Adds, rewrites and deletes source files of the copy while the load runs."""

    def __init__(self, plan: Plan, rng: random.Random) -> None:
        self.plan = plan
        self.rng = rng
        self.root = plan.root
        self.originals = {v: (self.root / v).read_text(errors="replace") for v in plan.victims}
        self.steps = 0
        self.writes = 0
        self.deletes = 0
        (self.root / GEN_DIR).mkdir(exist_ok=True)

    def gen_source(self, i: int, version: int) -> str:
        lines = []
        if i > 0:
            lines.append(f"import {{ loadGen{i - 1} }} from './gen_{i - 1}';")
        elif self.plan.anchor:
            lines.append(f"import * as anchor from '{import_path(GEN_DIR, self.plan.anchor)}';")
        body = f"loadGen{i - 1}() + {version}" if i > 0 else str(version)
        lines += [
            f"export function loadGen{i}(): number {{",
            f"  return {body};",
            "}",
            f"export class LoadGenBox{i} {{",
            f"  value = loadGen{i}();",
            "}",
        ]
        if i == 0 and self.plan.anchor:
            lines.append("export const anchored = anchor;")
        return "\n".join(lines) + "\n"

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        self.writes += 1

    def delete(self, relative: str) -> None:
        path = self.root / relative
        if path.exists():
            path.unlink()
            self.deletes += 1

    def step(self) -> None:
        self.steps += 1
        roll = self.rng.random()
        i = self.rng.randrange(GEN_FILES)
        gen = self.plan.gen_files[i]
        if roll < 0.4:
            self.write(gen, self.gen_source(i, self.steps))
        elif roll < 0.6:
            self.delete(gen)
        elif roll < 0.85:
            victim = self.rng.choice(self.plan.victims[:-1] or self.plan.victims)
            tail = f"\nexport function mcpLoadEdit{self.steps % 7}(): number {{\n  return {self.steps};\n}}\n"
            self.write(victim, self.originals[victim] + tail)
        else:  # the last victim comes and goes
            victim = self.plan.victims[-1]
            if (self.root / victim).exists():
                self.delete(victim)
            else:
                self.write(victim, self.originals[victim])

    def final(self) -> dict[str, Any]:
        """The last edit; returns what the answers must show once it is applied."""
        final_victim = self.plan.victims[0]
        text = self.originals[final_victim]
        text = text if text.endswith("\n") else text + "\n"
        line = text.count("\n") + 2
        self.write(
            final_victim,
            f"{text}\nexport function {FINAL_SYMBOL}(): string {{\n  return 'final';\n}}\n",
        )
        self.write(self.plan.victims[-1], self.originals[self.plan.victims[-1]])
        gen_one = self.plan.gen_files[1]
        self.write(
            gen_one,
            "import { loadGen0 } from './gen_0';\n"
            f"export function {FINAL_GEN}(): number {{\n  return loadGen0();\n}}\n",
        )
        self.write(self.plan.gen_files[0], self.gen_source(0, 0))
        removed = self.plan.gen_files[2]
        self.delete(removed)
        return {
            "symbol_line": f"{final_victim}:{line}",
            "gen_line": f"{gen_one}:2",
            "removed_file": removed,
        }


async def edit_while(editor: Editor, running: asyncio.Event, interval: tuple[float, float]) -> None:
    while running.is_set():
        editor.step()
        await asyncio.sleep(editor.rng.uniform(*interval))


# -- phase 1: load under edits -----------------------------------------------------------------


async def settle(session: ClientSession, expected: dict[str, Any]) -> tuple[float | None, str]:
    """Seconds until every answer shows the final edit (None: never, with the last answers)."""
    started = time.perf_counter()
    last = ""
    while time.perf_counter() - started < SETTLE_SECONDS:
        final = text_of(await session.call_tool("find_symbol", {"pattern": f"^{FINAL_SYMBOL}$"}))
        gen = text_of(await session.call_tool("find_symbol", {"pattern": f"^{FINAL_GEN}$"}))
        gone = text_of(
            await session.call_tool("get_file_summary", {"path": expected["removed_file"]})
        )
        last = " | ".join(s.split("\n", 1)[0] for s in (final, gen, gone))
        if (
            expected["symbol_line"] in final
            and expected["gen_line"] in gen
            and gone.startswith("not found")
        ):
            return time.perf_counter() - started, last
        await asyncio.sleep(0.1)
    return None, last


CONSISTENCY_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("get_stats", {}),
    ("detect_circular", {}),
    ("list_unresolved", {"limit": 500}),
    ("find_symbol", {"pattern": "^(loadGen|LoadGenBox|mcpLoad)", "limit": 500}),
    ("find_references", {"symbol": f"{GEN_DIR}/gen_0.ts:loadGen0"}),
]


def fresh_answers(root: Path, scratch: Path) -> dict[str, str]:
    """The consistency calls answered from a full index of a copy of the final files."""
    from code_graph.index import index_project
    from code_graph.mcp_server import answers
    from code_graph.mcp_server.budget import Budget
    from code_graph.store import Store

    copy = scratch / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".code-graph"), symlinks=True)
    index_project(copy)
    queries: dict[str, Callable[[], answers.Query]] = {
        "get_stats": answers.get_stats,
        "detect_circular": lambda: answers.detect_circular(False),
        "list_unresolved": lambda: answers.list_unresolved(None, 500),
        "find_symbol": lambda: answers.find_symbol(
            "^(loadGen|LoadGenBox|mcpLoad)", None, None, 500, 0
        ),
        "find_references": lambda: answers.find_references(
            f"{GEN_DIR}/gen_0.ts:loadGen0", None, 100, 0
        ),
    }
    try:
        with Store.open_for_reading(copy) as store:
            return {name: make()(store, Budget()).text for name, make in queries.items()}
    finally:
        shutil.rmtree(copy, ignore_errors=True)


async def ping_during(session: ClientSession, running: asyncio.Event, after: float) -> list[float]:
    """Milliseconds of pings sent while the load is in flight (the transport's own latency)."""
    times: list[float] = []
    await asyncio.sleep(after)
    while running.is_set() and len(times) < 5:
        started = time.perf_counter()
        await session.send_ping()
        times.append(round((time.perf_counter() - started) * 1000, 1))
        await asyncio.sleep(0.2)
    return times


async def load_phase(root: Path, scratch: Path, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    errlog_path = scratch / "server-load.log"
    with errlog_path.open("w+", encoding="utf-8") as errlog:
        started = time.perf_counter()
        async with running_server(root, errlog) as server:
            ready_s = await wait_ready(server)
            spawn_to_ready = time.perf_counter() - started
            watching = await wait_watching(server)
            log(f"load: ready after {spawn_to_ready:.1f}s (watcher live: {watching})")
            plan = make_plan(root, await sample_targets(server.session, rng), rng)
            calls = [mixed_call(plan, rng, volatile_share=0.15) for _ in range(args.calls)]
            listed = {tool.name for tool in (await server.session.list_tools()).tools}
            unlisted = sorted({call.tool for call in calls} - listed)
            editor = Editor(plan, random.Random(args.seed + 1))
            rss_before = rss_mb(server.pid) if server.pid else 0.0

            running = asyncio.Event()
            running.set()
            log_offset = len(server.log_text())
            edits = asyncio.create_task(edit_while(editor, running, (0.03, 0.15)))
            pings = asyncio.create_task(ping_during(server.session, running, 0.3))
            t0 = time.perf_counter()
            outcomes = await asyncio.gather(*(ask(server.session, call) for call in calls))
            wall = time.perf_counter() - t0
            running.clear()
            await edits
            ping_ms = await pings
            during = server.log_text()[log_offset:]
            batches = len(re.findall(r"^code-graph\[.*\]: \d+ updated", during, re.M))
            steps_during = editor.steps
            rss_peak = status_kb(server.pid, "VmHWM") / 1024 if server.pid else 0.0
            alive_after_load = alive(server.pid)
            log(f"load: {len(outcomes)} calls in {wall:.1f}s, {batches} watcher batches during")

            expected = editor.final()
            settle_s, last_answers = await settle(server.session, expected)
            # give the watcher a moment to finish any batch still in flight, then compare
            await asyncio.sleep(2.5)
            served = {}
            for name, arguments in CONSISTENCY_CALLS:
                served[name] = text_of(await server.session.call_tool(name, arguments))
            after = await ask(server.session, Call("get_stats", {}))
            alive_at_end = alive(server.pid)
            server_log = server.log_text()
            problems = [repr(p) for p in server.stream_problems]
            pid = server.pid
        exited = await wait_exit(pid)
    fresh = fresh_answers(root, scratch)
    mismatched = sorted(name for name in fresh if fresh[name] != served[name])
    result = tally(list(outcomes))
    result.update(
        {
            "spawn_to_ready_s": round(spawn_to_ready, 2),
            "first_answer_wait_s": round(ready_s, 2),
            "watcher_live_before_load": watching,
            "wall_s": round(wall, 2),
            "calls_per_s": round(len(outcomes) / wall, 1),
            "pings_during_load_ms": ping_ms,
            "answered_by_quarter_of_wall": quarters([o.finished - t0 for o in outcomes], wall),
            "edit_steps_during_load": steps_during,
            "file_writes": editor.writes,
            "file_deletes": editor.deletes,
            "watcher_batches_during_load": batches,
            "tools_listed": sorted(listed),
            "tools_called_but_not_listed": unlisted,
            "victims": plan.victims,
            "stable_targets": len(plan.stable),
            "server_alive_after_load": alive_after_load,
            "server_alive_at_end": alive_at_end and after.kind == "ok",
            "server_exited_on_close": exited,
            "settle_s": None if settle_s is None else round(settle_s, 2),
            "settle_last_answers": last_answers,
            "consistent_with_fresh_index": not mismatched,
            "mismatched_answers": {
                name: {"served": served[name][:1500], "fresh": fresh[name][:1500]}
                for name in mismatched
            },
            "rss_before_mb": round(rss_before, 1),
            "rss_peak_mb": round(rss_peak, 1),
            "stdout_problems": problems,
            "tracebacks_in_log": server_log.count("Traceback"),
            "log_tail": server_log[-1500:] if "Traceback" in server_log else "",
        }
    )
    result["ok"] = bool(
        result["unexpected"] == 0
        and not unlisted
        and alive_after_load
        and result["server_alive_at_end"]
        and settle_s is not None
        and not mismatched
        and not problems
        and result["tracebacks_in_log"] == 0
    )
    return result


def quarters(times: list[float], wall: float) -> list[int]:
    """How many answers arrived in each quarter of the load's wall time (streamed or bunched)."""
    counts = [0, 0, 0, 0]
    for t in times:
        counts[min(int(4 * t / wall), 3) if wall else 3] += 1
    return counts


async def wait_exit(pid: int | None, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while alive(pid) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return not alive(pid)


# -- phase 2: memory soak ----------------------------------------------------------------------


def slope_per_thousand(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of RSS (MB) against calls, in MB per 1,000 calls."""
    if len(points) < 2:
        return float("nan")
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    cov = sum((x - mean_x) * (y - mean_y) for x, y in points)
    return cov / var * 1000 if var else float("nan")


async def soak_phase(root: Path, scratch: Path, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed + 2)
    with (scratch / "server-soak.log").open("w+", encoding="utf-8") as errlog:
        async with running_server(root, errlog) as server:
            await wait_ready(server)
            if server.pid is None:
                raise SystemExit("cannot find the server process to sample its RSS")
            plan = make_plan(root, await sample_targets(server.session, rng), rng)
            plan.victims = []  # nothing is edited now: every target must be found
            samples: list[dict[str, float]] = [
                {"calls": 0, "rss_mb": rss_mb(server.pid), "tree_rss_mb": tree_rss_mb(server.pid)}
            ]
            outcomes: list[Outcome] = []
            started = time.perf_counter()
            for done in range(1, args.soak_calls + 1):
                call = mixed_call(plan, rng, volatile_share=0.0)
                outcomes.append(await ask(server.session, call))
                if done % args.sample_every == 0 or done == args.soak_calls:
                    samples.append(
                        {
                            "calls": done,
                            "rss_mb": round(rss_mb(server.pid), 2),
                            "tree_rss_mb": round(tree_rss_mb(server.pid), 2),
                        }
                    )
                    if done % (args.sample_every * 4) == 0:
                        log(f"soak: {done} calls, RSS {samples[-1]['rss_mb']:.1f} MB")
            wall = time.perf_counter() - started
            hwm = status_kb(server.pid, "VmHWM") / 1024
            alive_at_end = alive(server.pid)
            server_log = server.log_text()
            problems = [repr(p) for p in server.stream_problems]
    after = [(int(s["calls"]), s["rss_mb"]) for s in samples if s["calls"] >= args.warmup]
    rss = [s["rss_mb"] for s in samples]
    warm = next((s["rss_mb"] for s in samples if s["calls"] >= args.warmup), rss[-1])
    result = tally(outcomes)
    slope = slope_per_thousand(after)
    result.update(
        {
            "wall_s": round(wall, 1),
            "calls_per_s": round(len(outcomes) / wall, 1),
            "rss_start_mb": round(rss[0], 1),
            "rss_after_warmup_mb": round(warm, 1),
            "rss_end_mb": round(rss[-1], 1),
            "rss_max_mb": round(max(rss), 1),
            "rss_hwm_mb": round(hwm, 1),
            "warmup_calls": args.warmup,
            "slope_mb_per_1000_calls": None if math.isnan(slope) else round(slope, 3),
            "slope_note": "" if len(after) >= 2 else "too few samples after the warm-up",
            "samples": samples,
            "server_alive_at_end": alive_at_end,
            "stdout_problems": problems,
            "tracebacks_in_log": server_log.count("Traceback"),
        }
    )
    result["ok"] = bool(
        result["unexpected"] == 0
        and alive_at_end
        and not problems
        and result["tracebacks_in_log"] == 0
        and (math.isnan(slope) or abs(slope) < args.max_slope)
    )
    return result


# -- phase 3: stdout carries only JSON-RPC -----------------------------------------------------


def stdout_phase(root: Path, scratch: Path) -> dict[str, Any]:
    """A raw session: every stdout line must parse as one JSON-RPC 2.0 message."""

    def tool(name: str, **arguments: Any) -> dict[str, Any]:
        return {"method": "tools/call", "params": {"name": name, "arguments": arguments}}

    requests: list[dict[str, Any]] = [
        {"method": "tools/list", "params": {}},
        tool("get_stats"),
        tool("find_symbol", pattern="."),
        tool("get_file_summary", path="../x"),  # refused: a tool error
        tool("find_symbol", limit="many"),  # a tool error (no pattern, wrong type)
        tool("drop_database"),
        tool("get_context", symbol="Nope123"),  # not found
        {"method": "no/such/method", "params": {}},
    ]
    lines: list[str] = []
    errlog_path = scratch / "server-stdout.log"
    with errlog_path.open("w+", encoding="utf-8") as errlog:
        process = subprocess.Popen(
            [cli_path(), "mcp", str(root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errlog,
            text=True,
            bufsize=1,
        )
        assert process.stdin is not None and process.stdout is not None
        stdout = process.stdout
        answered: dict[int, threading.Event] = {}
        answers: dict[int, dict[str, Any]] = {}

        def read() -> None:
            for line in stdout:
                lines.append(line)
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if isinstance(message, dict) and isinstance(message.get("id"), int):
                    answers[message["id"]] = message
                    answered.setdefault(message["id"], threading.Event()).set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()

        def send(message: dict[str, Any]) -> None:
            assert process.stdin is not None
            process.stdin.write(json.dumps({"jsonrpc": "2.0", **message}) + "\n")
            process.stdin.flush()

        def request(ident: int, message: dict[str, Any], timeout: float = 120.0) -> bool:
            event = answered.setdefault(ident, threading.Event())
            send({"id": ident, **message})
            return event.wait(timeout)

        init = {
            "protocolVersion": PROTOCOL_VERSION,
            "capabilities": {},
            "clientInfo": {"name": "mcp-load", "version": "0"},
        }
        missing = [] if request(1, {"method": "initialize", "params": init}) else [1]
        send({"method": "notifications/initialized"})
        deadline = time.monotonic() + READY_SECONDS
        ident = 2
        while time.monotonic() < deadline:  # until the first reconcile is done
            if "watching for changes" in errlog_path.read_text(errors="replace"):
                break
            time.sleep(0.1)
        for message in requests:
            ident += 1
            if not request(ident, message):
                missing.append(ident)
        edited = root / GEN_DIR / "stdout_probe.ts"
        edited.parent.mkdir(exist_ok=True)
        edited.write_text("export function stdoutProbe(): number {\n  return 1;\n}\n")
        seen_batch = False
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not seen_batch:
            time.sleep(0.1)
            seen_batch = "1 updated" in errlog_path.read_text(errors="replace")
        ident += 1
        probe = {"name": "find_symbol", "arguments": {"pattern": "^stdoutProbe$"}}
        if not request(ident, {"method": "tools/call", "params": probe}):
            missing.append(ident)
        edited.unlink()
        process.stdin.close()
        try:
            code = process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        reader.join(10)
    bad = []
    for line in lines:
        try:
            message = json.loads(line)
            valid = (
                isinstance(message, dict)
                and message.get("jsonrpc") == "2.0"
                and ("id" in message or "method" in message)
                and ("result" in message or "error" in message or "method" in message)
            )
        except ValueError:
            valid = False
        if not valid:
            bad.append(line[:200])
    probe_text = json.dumps(answers.get(ident, {}).get("result", {}))
    result = {
        "stdout_lines": len(lines),
        "non_jsonrpc_lines": bad,
        "requests": len(answered),
        "error_codes": sorted(
            {a["error"]["code"] for a in answers.values() if isinstance(a.get("error"), dict)}
        ),
        "tool_errors": sum(bool(a.get("result", {}).get("isError")) for a in answers.values()),
        "unanswered": missing,
        "watcher_batch_during_session": seen_batch,
        "probe_found_after_edit": "function stdoutProbe" in probe_text,
        "exit_code": code,
        "stderr_lines": len(errlog_path.read_text(errors="replace").splitlines()),
    }
    result["ok"] = not bad and not missing and code == 0 and bool(lines)
    return result


# -- the command -------------------------------------------------------------------------------


def copy_project(source: Path, scratch: Path) -> Path:
    root = scratch / source.name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".code-graph"), symlinks=True)
    return root


def summary(report: dict[str, Any]) -> str:
    lines = [f"project: {report['project']} ({report['files']} files)"]
    load = report.get("load")
    if load:
        lat = load["latency"]
        lines.append(
            f"load: {load['calls']} calls in flight, {load['wall_s']} s ({load['calls_per_s']}/s);"
            f" latency p50 {lat['p50_ms']:.0f} ms, p95 {lat['p95_ms']:.0f} ms,"
            f" max {lat['max_ms']:.0f} ms; outcomes {load['outcomes']};"
            f" unexpected {load['unexpected']}"
        )
        lines.append(
            f"      edits during load: {load['edit_steps_during_load']} steps,"
            f" {load['watcher_batches_during_load']} watcher batches applied;"
            f" final edit visible after {load['settle_s']} s;"
            f" consistent with a fresh index: {load['consistent_with_fresh_index']};"
            f" server alive: {load['server_alive_at_end']} -> {'OK' if load['ok'] else 'FAIL'}"
        )
    soak = report.get("soak")
    if soak:
        lat = soak["latency"]
        lines.append(
            f"soak: {soak['calls']} sequential calls, {soak['wall_s']} s; latency p50"
            f" {lat['p50_ms']:.1f} ms, p95 {lat['p95_ms']:.1f} ms, max {lat['max_ms']:.0f} ms;"
            f" unexpected {soak['unexpected']}"
        )
        lines.append(
            f"      RSS start {soak['rss_start_mb']} MB, after warm-up"
            f" {soak['rss_after_warmup_mb']} MB, end {soak['rss_end_mb']} MB, max"
            f" {soak['rss_max_mb']} MB; slope {soak['slope_mb_per_1000_calls']} MB/1,000 calls"
            f" -> {'OK' if soak['ok'] else 'FAIL'}"
        )
    out = report.get("stdout")
    if out:
        lines.append(
            f"stdout: {out['stdout_lines']} lines, {len(out['non_jsonrpc_lines'])} not JSON-RPC,"
            f" exit code {out['exit_code']} -> {'OK' if out['ok'] else 'FAIL'}"
        )
    lines.append("ALL OK" if report["ok"] else "FAILED")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--project", type=Path, default=EXAMPLE, help="copied before use")
    parser.add_argument("--calls", type=int, default=1000, help="phase 1: calls in flight")
    parser.add_argument("--soak-calls", type=int, default=10_000, help="phase 2 (0: skip)")
    parser.add_argument("--sample-every", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=1000, help="calls before the slope fit")
    parser.add_argument("--max-slope", type=float, default=1.0, help="MB per 1,000 calls")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the report here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    args = parser.parse_args()

    source = args.project.resolve()
    scratch = Path(tempfile.mkdtemp(prefix="mcp-load-"))
    report: dict[str, Any] = {
        "project": str(args.project),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
    }
    try:
        root = copy_project(source, scratch)
        report["copy"] = str(root)
        report["files"] = sum(
            1
            for p in root.rglob("*")
            if p.suffix in SOURCE_SUFFIXES and ".code-graph" not in p.parts
        )
        log(f"copied {source} to {root} ({report['files']} source files)")
        if args.calls > 0:
            report["load"] = asyncio.run(load_phase(root, scratch, args))
        if args.soak_calls > 0:
            report["soak"] = asyncio.run(soak_phase(root, scratch, args))
        report["stdout"] = stdout_phase(root, scratch)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    report["machine"]["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["ok"] = all(report[p]["ok"] for p in ("load", "soak", "stdout") if p in report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(
        json.dumps({k: v for k, v in report.items() if k != "soak"} | _soak_brief(report), indent=2)
    )
    print(summary(report))
    return 0 if report["ok"] else 1


def _soak_brief(report: dict[str, Any]) -> dict[str, Any]:
    """The soak without its per-sample list (that goes to --json)."""
    if "soak" not in report:
        return {}
    return {"soak": {k: v for k, v in report["soak"].items() if k != "samples"}}


if __name__ == "__main__":
    sys.exit(main())
