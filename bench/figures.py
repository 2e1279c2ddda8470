"""One function per figure. Each takes a corpus and options, returns a JSON-able dict, and raises
`BenchError` (or anything else) when the figure cannot be measured; `run.py` records that.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpora import REPO, Corpus
from measure import (
    BenchError,
    mcp_server_pid,
    percentile,
    run_timed,
    status_kb,
    summary_ms,
)

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CODE_GRAPH = str(BIN / "code-graph")
PEERS_DIR = REPO / ".corpora" / "node-peers"
PEER_PACKAGES = ("madge", "dependency-cruiser", "typescript")
PROBE_PREFIX = "cgBenchProbe"


@dataclass(frozen=True, slots=True)
class Options:
    quick: bool = False
    workers: int = 2
    peer_timeout: float = 600.0
    index_timeout: float = 1800.0


# -- helpers -----------------------------------------------------------------------------------


def fresh_store(root: Path) -> None:
    shutil.rmtree(root / ".code-graph", ignore_errors=True)


def store_bytes(root: Path) -> int:
    folder = root / ".code-graph"
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) if folder.is_dir() else 0


def indexed_paths(root: Path) -> list[str]:
    from code_graph.config import load_config
    from code_graph.walk import walk_project

    project = walk_project(root.resolve(), load_config(root.resolve()))
    return [s.path for s in project.sources]


def repeats(files: int, quick: bool) -> int:
    if quick or files > 15_000:
        return 1
    return 3


def _check(timed: Any, what: str) -> None:
    if timed.timed_out:
        raise BenchError(f"{what} timed out after {timed.wall_s:.0f}s")
    if timed.returncode != 0:
        raise BenchError(f"{what} exited {timed.returncode}: {timed.stderr_tail.strip()[-300:]}")


def _best_run(runs: list[Any]) -> Any:
    """The fastest of N runs: on a shared 2-core machine, slower runs measure the neighbours."""
    return min(runs, key=lambda r: r.wall_s)


# -- full index and the parse floor ------------------------------------------------------------


def full_index(corpus: Corpus, options: Options, files: int) -> dict[str, Any]:
    """`code-graph index` on a fresh store, under /usr/bin/time -v (best of N runs)."""
    runs = []
    for _ in range(repeats(files, options.quick)):
        fresh_store(corpus.root)
        command = [CODE_GRAPH, "index", str(corpus.root)]
        timed = run_timed(command, timeout=options.index_timeout)
        _check(timed, "code-graph index")
        runs.append(timed)
    best = _best_run(runs)
    return {
        **best.as_dict(),
        "runs_wall_s": [r.wall_s for r in runs],
        "workers": "default (one per core)",
        "store_mb": round(store_bytes(corpus.root) / 2**20, 1),
    }


def parse_floor(corpus: Corpus, options: Options, files: int) -> dict[str, Any]:
    """tree-sitter parse of the indexer's file set with the same number of processes."""
    paths = indexed_paths(corpus.root)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(paths) + "\n")
        listing = handle.name
    try:
        runs = []
        for _ in range(repeats(files, options.quick)):
            command = [
                sys.executable,
                str(BENCH / "floor.py"),
                listing,
                str(corpus.root),
                "--workers",
                str(options.workers),
            ]
            timed = run_timed(command, timeout=options.index_timeout)
            _check(timed, "floor.py")
            runs.append((timed, json.loads(timed.stdout_tail.strip().splitlines()[-1])))
    finally:
        os.unlink(listing)
    timed, parsed = min(runs, key=lambda r: r[0].wall_s)
    return {**timed.as_dict(), **parsed, "runs_wall_s": [r[0].wall_s for r in runs]}


def reindex(corpus: Corpus, options: Options, files: int) -> dict[str, Any]:
    """Re-index with nothing changed: the CLI process (wall) and `index_project` in-process."""
    from code_graph.index import index_project

    if not (corpus.root / ".code-graph").is_dir():
        _check(run_timed([CODE_GRAPH, "index", str(corpus.root)]), "code-graph index")
    n = 2 if options.quick else 3
    cli = [run_timed([CODE_GRAPH, "index", str(corpus.root)], timeout=600) for _ in range(n)]
    for timed in cli:
        _check(timed, "code-graph index (unchanged)")
    inproc = []
    for _ in range(n):
        run = index_project(corpus.root)
        if run.parsed:
            raise BenchError(f"re-index parsed {run.parsed} files; the corpus changed")
        inproc.append(run.elapsed_seconds)
    return {
        "cli_wall_s": round(statistics.median(t.wall_s for t in cli), 3),
        "cli_max_rss_mb": max(t.max_rss_mb for t in cli),
        "in_process_s": round(statistics.median(inproc), 3),
        "runs_cli_wall_s": [t.wall_s for t in cli],
        "runs_in_process_s": [round(x, 3) for x in inproc],
    }


# -- incremental updates -----------------------------------------------------------------------


def _sample_files(root: Path, n: int, seed: int) -> list[str]:
    """Files the index holds (not the minified ones it skips), declaration files left out."""
    from code_graph.store import Store

    with Store.open_for_reading(root) as store:
        stored = set(store.files.by_path())
    paths = sorted(
        p for p in indexed_paths(root) if p in stored and not re.search(r"\.d\.[cm]?ts$", p)
    )
    return random.Random(seed).sample(paths, min(n, len(paths)))


def _probe_text(path: str, original: bytes, i: int) -> bytes:
    name = f"{PROBE_PREFIX}{i}"
    return original + f"\nexport function {name}(): number {{ return {i}; }}\n".encode()


def _probe_visible(store: Any, name: str) -> bool:
    return bool(store.symbols.named(name))


def incremental(corpus: Corpus, options: Options, files: int) -> dict[str, Any]:
    """`update_paths` for one edited file: update cost, and write -> query answer changed.

    Measured as a watcher sees it: after `prepare_updates` (parsers and resolver built once).
    """
    from code_graph.index import index_project
    from code_graph.index.update import prepare_updates, update_paths
    from code_graph.store import Store

    index_project(corpus.root)
    prepare_updates(corpus.root)
    sample = _sample_files(corpus.root, 8 if options.quick else 25, seed=11)
    update_s: list[float] = []
    answer_s: list[float] = []
    revert_s: list[float] = []
    relinked: list[int] = []
    fallbacks = 0
    with Store.open_for_reading(corpus.root) as store:
        for i, path in enumerate(sample):
            absolute = corpus.root / path
            original = absolute.read_bytes()
            started = time.perf_counter()
            try:
                absolute.write_bytes(_probe_text(path, original, i))
                run = update_paths(corpus.root, [path])
                updated = time.perf_counter()
                if not _probe_visible(store, f"{PROBE_PREFIX}{i}"):
                    raise BenchError(f"probe in {path} not visible after update_paths")
                answered = time.perf_counter()
            finally:
                absolute.write_bytes(original)
                reverted = time.perf_counter()
                update_paths(corpus.root, [path])
                revert_s.append(time.perf_counter() - reverted)
            update_s.append(updated - started)
            answer_s.append(answered - started)
            relinked.append(run.relinked_files)
            fallbacks += run.full is not None
    return {
        "files_edited": len(sample),
        "update": summary_ms(update_s),
        "write_to_answer": summary_ms(answer_s),
        "revert_update": summary_ms(revert_s),
        "relinked_files_p50": percentile(relinked, 50),
        "relinked_files_max": max(relinked) if relinked else 0,
        "full_reconcile_fallbacks": fallbacks,
    }


def watcher(corpus: Corpus, options: Options, files: int) -> dict[str, Any]:
    """`code-graph watch` subprocess: file write -> edit visible in the store (polled).

    The watcher announces itself before its file watches are in place, so a warm-up edit is
    repeated until it shows up; then each sample edit is timed (a miss after 10 s is counted).
    """
    from code_graph.store import Store

    sample = _sample_files(corpus.root, 6 if options.quick else 13, seed=23)
    warm_path, sample = sample[0], sample[1:]
    process = subprocess.Popen(
        [CODE_GRAPH, "watch", str(corpus.root)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    started = time.perf_counter()
    visible_s: list[float] = []
    gone_s: list[float] = []
    misses = 0
    try:
        assert process.stderr is not None
        line = process.stderr.readline()  # "indexed ...; starting the watcher"
        while line and "watching for changes" not in line:  # printed once the watches are live
            line = process.stderr.readline()
        if "watching for changes" not in line:
            raise BenchError(f"watch did not start: {line.strip()!r}")
        ready_s = time.perf_counter() - started
        with Store.open_for_reading(corpus.root) as store:
            warm_s = _warm_up(corpus.root / warm_path, store)
            for i, path in enumerate(sample):
                absolute = corpus.root / path
                original = absolute.read_bytes()
                name = f"{PROBE_PREFIX}w{i}"
                try:
                    t0 = time.perf_counter()
                    absolute.write_bytes(original + f"\nexport const {name} = {i};\n".encode())
                    visible_s.append(_poll(lambda n=name: _probe_visible(store, n), t0, 10.0))
                except BenchError:
                    misses += 1
                finally:
                    t1 = time.perf_counter()
                    absolute.write_bytes(original)
                with contextlib.suppress(BenchError):
                    gone_s.append(_poll(lambda n=name: not _probe_visible(store, n), t1, 10.0))
                time.sleep(0.3)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    if not visible_s:
        raise BenchError(f"no edit became visible ({misses} misses)")
    return {
        "edits": len(visible_s) + misses,
        "misses_over_10s": misses,
        "start_to_watching_line_s": round(ready_s, 3),
        "watching_line_to_first_event_s": round(warm_s, 3),
        "write_to_visible": summary_ms(visible_s),
        "revert_to_visible": summary_ms(gone_s),
        "note": "watchfiles debounce: a batch closes after step_ms (20 ms) without events",
    }


def _warm_up(path: Path, store: Any, limit: float = 90.0) -> float:
    """Re-write a probe edit until the watcher picks it up; returns the seconds it took."""
    original = path.read_bytes()
    name = f"{PROBE_PREFIX}warm"
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < limit:
            path.write_bytes(original + f"\nexport const {name} = 0;\n".encode())
            with contextlib.suppress(BenchError):
                _poll(lambda: _probe_visible(store, name), time.perf_counter(), 2.0)
                return time.perf_counter() - started
        raise BenchError(f"the watcher never picked up an edit within {limit:.0f}s")
    finally:
        path.write_bytes(original)
        with contextlib.suppress(BenchError):
            _poll(lambda: not _probe_visible(store, name), time.perf_counter(), 10.0)


def _poll(condition: Callable[[], bool], since: float, timeout: float = 20.0) -> float:
    while time.perf_counter() - since < timeout:
        if condition():
            return time.perf_counter() - since
        time.sleep(0.005)
    raise BenchError(f"change not visible in the store within {timeout:.0f}s")


# -- queries -----------------------------------------------------------------------------------

QUERY_SYMBOL_KINDS = ("class", "function", "interface", "type", "component", "method", "variable")


@dataclass(frozen=True, slots=True)
class Sampled:
    name: str
    qualified_name: str
    kind: str
    file: str


def _sample_symbols(store: Any, n: int, seed: int) -> list[Sampled]:
    """A seeded sample of definitions (plain SQL on the store: independent of reads.py)."""
    marks = ", ".join("?" for _ in QUERY_SYMBOL_KINDS)
    rows = store.connection.execute(
        "SELECT s.name, s.qualified_name, s.kind, f.path FROM symbols s "
        f"JOIN files f ON f.id = s.file_id WHERE s.kind IN ({marks}) "
        "ORDER BY f.path, s.line, s.col",
        QUERY_SYMBOL_KINDS,
    ).fetchall()
    symbols = [Sampled(*row) for row in rows if not str(row[0]).startswith(PROBE_PREFIX)]
    return random.Random(seed).sample(symbols, min(n, len(symbols)))


def queries(corpus: Corpus, options: Options, files: int) -> dict[str, Any]:
    """p50/p95 of every query through the Python API on an opened Store."""
    from code_graph.query.context import symbol_context
    from code_graph.query.cycles import find_cycles
    from code_graph.query.files import file_summary
    from code_graph.query.find import find_symbols
    from code_graph.query.impact import impact
    from code_graph.query.refs import find_references
    from code_graph.query.stats import project_stats
    from code_graph.query.unresolved import unresolved_groups
    from code_graph.store import Store

    budget = 20.0 if options.quick else 60.0
    with Store.open_for_reading(corpus.root) as store:
        sample = _sample_symbols(store, 10 if options.quick else 30, seed=5)
        addresses = [f"{s.file}:{s.qualified_name}" for s in sample]
        whole = 5 if options.quick else 10
        cases: dict[str, list[Callable[[], object]]] = {
            "find": [lambda s=s: find_symbols(store, re.escape(s.name)) for s in sample],
            "refs": [lambda a=a: find_references(store, a) for a in addresses],
            "impact": [lambda a=a: impact(store, a) for a in addresses],
            "impact_file": [lambda s=s: impact(store, s.file) for s in sample],
            "context": [lambda a=a: symbol_context(store, a) for a in addresses],
            "file": [lambda s=s: file_summary(store, s.file) for s in sample],
            "circular": [lambda: find_cycles(store)] * whole,
            "stats": [lambda: project_stats(store)] * whole,
            "unresolved": [lambda: unresolved_groups(store)] * whole,
        }
        results: dict[str, Any] = {}
        for name, calls in cases.items():
            durations: list[float] = []
            started = time.perf_counter()
            for call in calls:
                t0 = time.perf_counter()
                call()
                durations.append(time.perf_counter() - t0)
                if time.perf_counter() - started > budget:
                    break
            results[name] = summary_ms(durations)
            if len(durations) < len(calls):
                results[name]["note"] = f"stopped after {budget:.0f}s budget"
    results["sample"] = {"symbols": len(sample), "seed": 5, "kinds": list(QUERY_SYMBOL_KINDS)}
    return results


def cli_startup(corpus: Corpus, options: Options, files: int) -> dict[str, Any]:
    """Process start to answer: `code-graph find NAME -p ROOT` (and `python -c pass` for scale)."""
    from code_graph.store import Store

    with Store.open_for_reading(corpus.root) as store:
        names = [s.name for s in _sample_symbols(store, 10, seed=17)]
    n = 5 if options.quick else 10
    find_s: list[float] = []
    for i in range(n):
        t0 = time.perf_counter()
        out = subprocess.run(
            [CODE_GRAPH, "find", f"^{re.escape(names[i % len(names)])}$", "-p", str(corpus.root)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        find_s.append(time.perf_counter() - t0)
        if out.returncode not in (0, 1):
            raise BenchError(f"code-graph find exited {out.returncode}: {out.stderr[-300:]}")
    bare: list[float] = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - t0)
    return {"find": summary_ms(find_s), "python_c_pass": summary_ms(bare)}


FIND_COMMAND_MODULES = (
    "code_graph.cli",
    "code_graph.render.compact",
    "code_graph.render.table",
    "code_graph.query.find",
)


def import_time() -> dict[str, Any]:
    """`python -X importtime`: the CLI module alone, and what a `find` command imports."""
    result: dict[str, Any] = {}
    for label, modules in (("cli", FIND_COMMAND_MODULES[:1]), ("find", FIND_COMMAND_MODULES)):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import " + ", ".join(modules)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        rows: list[tuple[int, str]] = []
        total = 0  # the cumulative times of top-level imports
        for line in out.stderr.splitlines():
            parts = line.split("|")
            if len(parts) != 3 or not parts[1].strip().isdigit():
                continue
            name = parts[2]
            depth = (len(name) - len(name.lstrip())) // 2
            if depth <= 2:
                rows.append((int(parts[1]), name.strip()))
            if depth == 0:
                total += int(parts[1])
        top = sorted(rows, reverse=True)
        result[f"{label}_total_ms"] = round(total / 1000, 1)
        result[f"{label}_heaviest_ms"] = [(name, round(us / 1000, 1)) for us, name in top[:10]]
    return result


# -- MCP ---------------------------------------------------------------------------------------


def mcp(corpus: Corpus, options: Options, files: int) -> dict[str, Any]:
    """Cold start to first answer over stdio, then RSS after 1,000 mixed queries."""
    try:
        from mcp import ClientSession, StdioServerParameters
        from mcp.client.stdio import stdio_client

        import code_graph.mcp_server.server  # noqa: F401
    except ImportError as e:
        return {"status": "skipped", "reason": f"MCP server not importable: {e}"}
    from code_graph.store import Store

    with Store.open_for_reading(corpus.root) as store:
        sample = _sample_symbols(store, 40, seed=29)
    total = 200 if options.quick else 1000
    budget = 120.0 if options.quick else 420.0

    async def drive() -> dict[str, Any]:
        params = StdioServerParameters(
            command=CODE_GRAPH, args=["mcp", str(corpus.root)], env=dict(os.environ)
        )
        t0 = time.perf_counter()
        errlog = open(os.devnull, "w")  # noqa: SIM115
        try:
            async with (
                stdio_client(params, errlog=errlog) as (read, write),
                ClientSession(read, write) as session,
            ):
                await session.initialize()
                t_init = time.perf_counter() - t0
                first = await session.call_tool("get_stats", {})
                t_first = time.perf_counter() - t0
                attempts = 1
                while getattr(first, "is_error", False) and time.perf_counter() - t0 < 120:
                    await asyncio.sleep(0.02)
                    first = await session.call_tool("get_stats", {})
                    attempts += 1
                t_ok = time.perf_counter() - t0
                server_pid = mcp_server_pid()
                rss_start = status_kb(server_pid) if server_pid else 0
                calls = _mixed_calls(sample, total)
                per_tool: dict[str, list[float]] = {}
                errors = 0
                started = time.perf_counter()
                done = 0
                for tool, arguments in calls:
                    c0 = time.perf_counter()
                    result = await session.call_tool(tool, arguments)
                    per_tool.setdefault(tool, []).append(time.perf_counter() - c0)
                    errors += bool(getattr(result, "is_error", False))
                    done += 1
                    if time.perf_counter() - started > budget:
                        break
                rss_end = status_kb(server_pid) if server_pid else 0
                hwm = status_kb(server_pid, "VmHWM") if server_pid else 0
                return {
                    "spawn_to_initialized_s": round(t_init, 3),
                    "spawn_to_first_response_s": round(t_first, 3),
                    "spawn_to_first_answer_s": round(t_ok, 3),
                    "first_call_attempts": attempts,
                    "queries": done,
                    "query_errors": errors,
                    "queries_wall_s": round(time.perf_counter() - started, 2),
                    "per_tool": {k: summary_ms(v) for k, v in sorted(per_tool.items())},
                    "server_pid_found": server_pid is not None,
                    "rss_after_start_mb": round(rss_start / 1024, 1),
                    "rss_after_queries_mb": round(rss_end / 1024, 1),
                    "peak_rss_mb": round(hwm / 1024, 1),
                }
        finally:
            errlog.close()

    return asyncio.run(asyncio.wait_for(drive(), timeout=budget + 300))


def _mixed_calls(sample: list[Any], total: int) -> list[tuple[str, dict[str, Any]]]:
    rng = random.Random(31)
    calls: list[tuple[str, dict[str, Any]]] = []
    for i in range(total):
        s = sample[i % len(sample)]
        address = f"{s.file}:{s.qualified_name}"
        roll = rng.random()
        if i % 100 == 99:
            calls.append(("detect_circular", {}))
        elif roll < 0.25:
            calls.append(("find_symbol", {"pattern": f"^{re.escape(s.name)}$"}))
        elif roll < 0.45:
            calls.append(("find_references", {"symbol": address}))
        elif roll < 0.6:
            calls.append(("get_context", {"symbol": address}))
        elif roll < 0.75:
            calls.append(("get_impact", {"target": address, "limit": 50}))
        elif roll < 0.9:
            calls.append(("get_file_summary", {"path": s.file}))
        else:
            calls.append(("get_stats", {}))
    return calls


# -- peers -------------------------------------------------------------------------------------


def ensure_peers() -> dict[str, str]:
    """Install madge and dependency-cruiser into .corpora/node-peers; return their versions."""
    PEERS_DIR.mkdir(parents=True, exist_ok=True)
    manifest = PEERS_DIR / "package.json"
    if not manifest.exists():
        manifest.write_text('{"name": "cg-bench-peers", "private": true}\n')
    missing = [p for p in PEER_PACKAGES if not (PEERS_DIR / "node_modules" / p).is_dir()]
    if missing:
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", *missing],
            cwd=PEERS_DIR,
            check=True,
            capture_output=True,
            timeout=900,
        )
    versions = {}
    for package in PEER_PACKAGES:
        data = json.loads((PEERS_DIR / "node_modules" / package / "package.json").read_text())
        versions[package] = str(data["version"])
    versions["node"] = subprocess.run(
        ["node", "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return versions


def peer_commands(corpus: Corpus) -> dict[str, list[str]]:
    bin_dir = PEERS_DIR / "node_modules" / ".bin"
    madge = [str(bin_dir / "madge"), "--no-spinner", "--no-color", "--json"]
    madge += ["--extensions", "ts,tsx,js,jsx,mjs,cjs,mts,cts"]
    depcruise = [str(bin_dir / "depcruise"), "--no-config", "--output-type", "json"]
    if corpus.tsconfig:
        madge += ["--ts-config", corpus.tsconfig]
        depcruise += ["--ts-config", corpus.tsconfig]
    if corpus.exclude_regex:
        madge += ["--exclude", corpus.exclude_regex]
        depcruise += ["--exclude", corpus.exclude_regex]
    return {"madge": [*madge, "."], "dependency-cruiser": [*depcruise, "."]}


def peers(corpus: Corpus, options: Options, files: int) -> dict[str, Any]:
    """madge and dependency-cruiser over the same corpus: wall time and peak RSS."""
    versions = ensure_peers()
    results: dict[str, Any] = {"versions": versions}
    for name, command in peer_commands(corpus).items():
        with tempfile.TemporaryDirectory(prefix="cg-peer-") as tmp:
            output = Path(tmp) / "out.json"
            timed = run_timed(
                command, cwd=corpus.root, timeout=options.peer_timeout, stdout_path=output
            )
            modules = _peer_modules(name, output) if timed.returncode == 0 else None
        entry: dict[str, Any] = {
            **timed.as_dict(),
            "command": " ".join(
                Path(command[0]).name if i == 0 else c for i, c in enumerate(command)
            ),
        }
        entry.pop("stdout_tail")
        entry["modules_reported"] = modules
        if timed.timed_out:
            entry["status"] = f"timed out after {options.peer_timeout:.0f}s"
        elif timed.returncode != 0:
            entry["status"] = (
                f"failed (exit {timed.returncode}): {timed.stderr_tail.strip()[-300:]}"
            )
        else:
            entry["status"] = "ok"
        results[name] = entry
    return results


def _peer_modules(tool: str, output: Path) -> int | None:
    """How many modules the peer's JSON output lists (a check that it saw the corpus)."""
    try:
        data = json.loads(output.read_text())
    except (OSError, ValueError):
        return None
    if tool == "madge" and isinstance(data, dict):
        return len(data)
    if isinstance(data, dict) and isinstance(data.get("modules"), list):
        return len(data["modules"])
    return None


# -- where the full index spends its time ------------------------------------------------------


def index_profile(corpus: Corpus, options: Options, files: int) -> dict[str, Any]:
    """Phase timings and cProfile of the main process of a full index (bench/profile_index.py)."""
    fresh_store(corpus.root)
    with tempfile.TemporaryDirectory(prefix="cg-prof-") as tmp:
        out = Path(tmp) / "profile.json"
        timed = run_timed(
            [sys.executable, str(BENCH / "profile_index.py"), str(corpus.root), str(out)],
            timeout=options.index_timeout,
        )
        _check(timed, "profile_index.py")
        data: dict[str, Any] = json.loads(out.read_text())
    with contextlib.suppress(Exception):
        data["import_time"] = import_time()
    return data
