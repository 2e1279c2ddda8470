"""The machine description and the Markdown report rendered from the results JSON."""

from __future__ import annotations

import math
import os
import platform
import sqlite3
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

PACKAGES = (
    "code-graph",
    "tree-sitter",
    "tree-sitter-typescript",
    "tree-sitter-javascript",
    "mcp",
    "watchfiles",
)
QUERY_ORDER = (
    "find",
    "refs",
    "impact",
    "impact_file",
    "context",
    "file",
    "circular",
    "stats",
    "unresolved",
)
TARGET_CORPUS = "real"
FINDINGS = Path(__file__).resolve().parent / "findings.md"  # hand-written reading of a run


def machine() -> dict[str, Any]:
    """nproc, memory, CPU model, OS, Python, SQLite, Node and package versions."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")),
                cpu,
            )
    except OSError:
        pass
    memory_kb = 0
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            memory_kb = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration):
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    node = _out(["node", "--version"])
    commit = _out(["git", "-C", os.path.dirname(__file__), "rev-parse", "--short", "HEAD"])
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)),
        "memory_gb": round(memory_kb / 2**20, 1),
        "cpu_model": cpu,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "node": node,
        "packages": versions,
        "git_commit": commit,
    }


def _out(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        return "unavailable"


# -- formatting --------------------------------------------------------------------------------


def _num(value: Any, digits: int = 2, unit: str = "") -> str:
    if not isinstance(value, int | float) or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"
    return text + unit


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return ["_(no data)_", ""]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _fig(entry: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = entry.get("figures", {}).get(name)
    if isinstance(value, dict) and value.get("status") == "ok":
        return value
    return None


def _status(entry: dict[str, Any], name: str) -> str:
    value = entry.get("figures", {}).get(name)
    if not isinstance(value, dict):
        return "not run"
    return str(value.get("status")) + (f": {value['reason']}" if value.get("reason") else "")


def _ordered(results: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    items = list(results.get("corpora", {}).items())
    return sorted(items, key=lambda kv: (kv[1].get("kind") != "synthetic", kv[1].get("files", 0)))


def _fastest_peer(entry: dict[str, Any]) -> tuple[str, float] | None:
    peers = _fig(entry, "peers")
    if not peers:
        return None
    ok = [
        (name, value["wall_s"])
        for name, value in peers.items()
        if isinstance(value, dict) and value.get("status") == "ok"
    ]
    return min(ok, key=lambda kv: kv[1]) if ok else None


# -- targets -----------------------------------------------------------------------------------


def _targets(results: dict[str, Any]) -> list[list[str]]:
    corpora = results.get("corpora", {})
    rows: list[list[str]] = []

    def add(target: str, corpus: str, measured: str, ok: bool | None) -> None:
        verdict = "n/a" if ok is None else ("met" if ok else "**missed**")
        rows.append([target, corpus, measured, verdict])

    real = corpora.get(TARGET_CORPUS, {})
    index, floor = _fig(real, "index"), _fig(real, "floor")
    if index and floor:
        ratio = index["wall_s"] / floor["wall_s"]
        add(
            "full index ≤ 2.5× parse floor",
            TARGET_CORPUS,
            f"{ratio:.2f}× ({index['wall_s']:.2f} s vs {floor['wall_s']:.2f} s)",
            ratio <= 2.5,
        )
        add(
            "full index ≈ 5 s (2.5 × floor)",
            TARGET_CORPUS,
            f"{index['wall_s']:.2f} s",
            index["wall_s"] <= 5.0,
        )
    else:
        add("full index ≤ 2.5× parse floor", TARGET_CORPUS, "not measured", None)
    fastest = _fastest_peer(real)
    if index and fastest:
        speedup = fastest[1] / index["wall_s"]
        add(
            "≥ 3× faster than the fastest peer",
            TARGET_CORPUS,
            f"{speedup:.2f}× ({fastest[0]} {fastest[1]:.2f} s)",
            speedup >= 3,
        )
    else:
        add("≥ 3× faster than the fastest peer", TARGET_CORPUS, "not measured", None)
    if index:
        add(
            "full index peak RSS ≤ 300 MB",
            TARGET_CORPUS,
            f"{index['max_rss_mb']:.0f} MB max process; {index['tree_peak_rss_mb']:.0f} MB "
            f"RSS / {index['tree_peak_pss_mb']:.0f} MB PSS whole tree",
            index["max_rss_mb"] <= 300,
        )
    for name, entry in _ordered(results):
        if entry.get("kind") != "synthetic":
            continue
        idx = _fig(entry, "index")
        if entry.get("files", 0) >= 40_000:
            add(
                "50K completes, peak RSS ≤ 1 GB",
                name,
                f"{idx['wall_s']:.1f} s, {idx['max_rss_mb']:.0f} MB max process, "
                f"{idx['tree_peak_rss_mb']:.0f} MB tree"
                if idx
                else _status(entry, "index"),
                bool(idx and idx["max_rss_mb"] <= 1024) if idx else False,
            )
        elif 8_000 <= entry.get("files", 0) < 40_000:
            add(
                "10K synthetic < 10 s",
                name,
                f"{idx['wall_s']:.2f} s" if idx else _status(entry, "index"),
                bool(idx and idx["wall_s"] < 10),
            )
    for target, measured, ok in _corpus_checks(real):
        add(target, TARGET_CORPUS, measured, ok)
    return rows


def _corpus_checks(entry: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """The targets that apply to any corpus: (target, measured, met)."""
    checks: list[tuple[str, str, bool | None]] = []
    reindex = _fig(entry, "reindex")
    if reindex:
        checks.append(
            (
                "unchanged re-index < 1 s",
                f"{reindex['cli_wall_s']:.2f} s CLI ({reindex['in_process_s']:.2f} s in-process)",
                reindex["cli_wall_s"] < 1,
            )
        )
    inc = _fig(entry, "incremental")
    if inc:
        p95 = inc["update"]["p95_ms"]
        checks.append(("incremental p95 < 100 ms (update_paths)", f"{p95:.0f} ms", p95 < 100))
    watch = _fig(entry, "watch")
    if watch:
        p95 = watch["write_to_visible"]["p95_ms"]
        checks.append(
            ("incremental p95 < 100 ms (watcher, write→store)", f"{p95:.0f} ms", p95 < 100)
        )
    queries = _fig(entry, "queries")
    if queries:
        slow = [q for q in QUERY_ORDER if q in queries and queries[q]["p95_ms"] >= 50]
        worst = max((queries[q]["p95_ms"], q) for q in QUERY_ORDER if q in queries)
        text = f"worst {worst[1]} {worst[0]:,.0f} ms" + (f" ({len(slow)} over)" if slow else "")
        checks.append(("every query p95 < 50 ms", text, not slow))
    cli = _fig(entry, "cli")
    if cli:
        p50 = cli["find"]["p50_ms"]
        checks.append(("CLI query start-up < 300 ms (p50)", f"{p50:.0f} ms", p50 < 300))
    mcp = _fig(entry, "mcp")
    if mcp:
        rss = mcp["rss_after_queries_mb"]
        done = "" if mcp["queries"] >= 1000 else f" after {mcp['queries']}"
        checks.append(
            ("MCP server RSS < 100 MB after 1,000 queries", f"{rss:.0f} MB{done}", rss < 100)
        )
        cold = mcp["spawn_to_first_answer_s"]
        checks.append(("MCP cold start < 1.5 s", f"{cold:.2f} s", cold < 1.5))
    elif entry.get("figures", {}).get("mcp"):
        checks.append(("MCP figures", _status(entry, "mcp"), None))
    return checks


def _target_matrix(results: dict[str, Any]) -> list[str]:
    """The per-corpus targets on every corpus, one column per corpus."""
    ordered = _ordered(results)
    cells: dict[str, dict[str, str]] = {}
    for name, entry in ordered:
        for target, measured, ok in _corpus_checks(entry):
            mark = "" if ok is None else (" ✓" if ok else " ✗")
            cells.setdefault(target, {})[name] = measured + mark
    rows = [[t, *(by.get(name, "—") for name, _ in ordered)] for t, by in cells.items()]
    return _table(["target", *(f"`{name}`" for name, _ in ordered)], rows)


# -- sections ----------------------------------------------------------------------------------


def render(results: dict[str, Any]) -> str:
    """The whole report as Markdown."""
    out: list[str] = [
        "# Benchmarks",
        "",
        "Generated by `python bench/run.py --write-docs` (raw figures: `bench/results/latest.json`,",
        "git-ignored). Speed is measured here and never asserted in tests. Reproduce:",
        "",
        "```sh",
        "python bench/run.py --sizes 1000,10000,50000 --corpora synthetic,real --write-docs",
        "python bench/run.py --corpora real --only index,floor,peers   # piecemeal, merged",
        "```",
        "",
    ]
    out += _machine_section(results.get("machine", {}), results)
    out += ["## Targets", ""]
    out += _table(["target", "corpus", "measured", "verdict"], _targets(results))
    out += ["The same targets on every corpus (✓ met, ✗ missed):", ""]
    out += _target_matrix(results)
    if FINDINGS.is_file():
        out += [FINDINGS.read_text().strip(), ""]
    out += _corpora_section(results)
    out += _index_section(results)
    out += _peers_section(results)
    out += _scaling_section(results)
    out += _freshness_section(results)
    out += _queries_section(results)
    out += _serving_section(results)
    out += _profile_section(results)
    out += _method_section()
    return "\n".join(out).rstrip() + "\n"


def _machine_section(m: dict[str, Any], results: dict[str, Any]) -> list[str]:
    packages = ", ".join(f"{k} {v}" for k, v in m.get("packages", {}).items())
    return [
        "## Machine",
        "",
        f"- CPU: {m.get('cpu_model')} — `nproc` {m.get('nproc')} "
        f"(usable {m.get('usable_cpus')}); memory {m.get('memory_gb')} GB",
        f"- {m.get('os')}; Python {m.get('python')}; SQLite {m.get('sqlite')}; "
        f"Node {m.get('node')}",
        f"- Packages: {packages}",
        f"- Engine measured: {results.get('engine', {}).get('description', 'working tree')}; "
        f"last run started {results.get('started')} (figures are merged across runs; each "
        "carries its own `measured_at` in the JSON)",
        "",
    ]


def _corpora_section(results: dict[str, Any]) -> list[str]:
    rows = []
    for name, entry in _ordered(results):
        if "error" in entry:
            rows.append([name, "—", "—", "—", f"unavailable: {entry['error']}"])
            continue
        files, size = entry.get("files", 0), entry.get("bytes", 0)
        rows.append(
            [
                f"`{name}`",
                _num(files),
                _num(size / 2**20, 1),
                _num(size / max(files, 1) / 1024, 1),
                entry.get("description", ""),
            ]
        )
    return ["## Corpora", "", *_table(["corpus", "files", "MB", "KB/file", "what"], rows)]


def _index_section(results: dict[str, Any]) -> list[str]:
    rows = []
    for name, entry in _ordered(results):
        index, floor = _fig(entry, "index"), _fig(entry, "floor")
        if not index:
            rows.append([f"`{name}`", _status(entry, "index"), *["—"] * 9])
            continue
        ratio = index["wall_s"] / floor["wall_s"] if floor else float("nan")
        rows.append(
            [
                f"`{name}`",
                _num(index["wall_s"], 2, " s"),
                _num(index["cpu_s"], 1, " s"),
                _num(index["max_rss_mb"], 0, " MB"),
                f"{_num(index['tree_peak_rss_mb'], 0)} / {_num(index['tree_peak_pss_mb'], 0)} MB",
                _num(index.get("store_mb"), 1, " MB"),
                _num(floor["wall_s"], 2, " s") if floor else _status(entry, "floor"),
                _num(floor["parse_wall_s"], 2, " s") if floor else "—",
                _num(ratio, 2, "×"),
                f"{_num(index.get('other_load_cores'), 2)} / "
                f"{_num(floor.get('other_load_cores') if floor else None, 2)}",
            ]
        )
    header = [
        "corpus",
        "index wall",
        "index CPU",
        "max RSS (1 proc)",
        "tree RSS / PSS",
        "store",
        "floor wall",
        "floor parse",
        "index / floor",
        "other load (index / floor)",
    ]
    return [
        "## Full index and the parse floor",
        "",
        "`code-graph index` on a fresh store under `/usr/bin/time -v` (default workers: one per",
        "core = 2), best of 3 runs (1 above 15K files). *Max RSS* is GNU time's (the largest",
        "single process); *tree RSS / PSS* is the sampled peak sum over the main process and its",
        "workers (PSS splits pages shared after fork). The *floor* is `bench/floor.py`: Python",
        "start, then read + tree-sitter-parse the same files with 2 processes and nothing else",
        "(*floor parse* is the parse phase alone), best of the same number of runs. *Other",
        "load* is the CPU the rest of the machine used during that run, in cores (from",
        "`/proc/stat`): above ~0.3 the 2-core figures are contended.",
        "",
        *_table(header, rows),
    ]


def _peers_section(results: dict[str, Any]) -> list[str]:
    rows = []
    commands: dict[str, str] = {}
    for name, entry in _ordered(results):
        peers = _fig(entry, "peers")
        index = _fig(entry, "index")
        if not peers:
            status = _status(entry, "peers")
            if status != "not run":
                rows.append([f"`{name}`", "—", status, "—", "—", "—", "—"])
            continue
        if index:
            rows.append(
                [
                    f"`{name}`",
                    "code-graph index",
                    "ok",
                    _num(index["wall_s"], 2, " s"),
                    _num(index["max_rss_mb"], 0, " MB"),
                    "1.00×",
                    _num(index.get("other_load_cores"), 2),
                ]
            )
        for tool in ("madge", "dependency-cruiser"):
            value = peers.get(tool)
            if not isinstance(value, dict):
                continue
            commands[tool] = value.get("command", "")
            ratio = value["wall_s"] / index["wall_s"] if index and value["status"] == "ok" else None
            rows.append(
                [
                    f"`{name}`",
                    f"{tool} {peers.get('versions', {}).get(tool, '')}",
                    value["status"],
                    _num(value["wall_s"], 2, " s"),
                    _num(value["max_rss_mb"], 0, " MB") if value["status"] == "ok" else "—",
                    _num(ratio, 2, "×") if ratio else "—",
                    _num(value.get("other_load_cores"), 2),
                ]
            )
    lines = [
        "## Peers on the same corpora",
        "",
        "Same machine, same run, same files (ignored folders excluded with `--exclude`).",
        "*vs code-graph* is the peer's wall time divided by ours (above 1: we are faster).",
        "",
        *_table(
            ["corpus", "tool", "status", "wall", "max RSS", "vs code-graph", "other load"], rows
        ),
    ]
    for tool, command in commands.items():
        lines.append(f"- {tool}: `{command}` (run in the corpus root)")
    return [*lines, ""]


def _scaling_section(results: dict[str, Any]) -> list[str]:
    rows = []
    points = []
    for name, entry in _ordered(results):
        index = _fig(entry, "index")
        if entry.get("kind") != "synthetic" or not index:
            continue
        files = entry["files"]
        per_k = index["wall_s"] / files * 1000
        points.append((files, index["wall_s"]))
        rows.append(
            [
                f"`{name}`",
                _num(files),
                _num(entry["bytes"] / 2**20, 1, " MB"),
                _num(index["wall_s"], 2, " s"),
                _num(per_k, 3, " s"),
                _num(index["max_rss_mb"], 0, " MB"),
                _num(index["tree_peak_rss_mb"], 0, " MB"),
                _num(index.get("store_mb"), 1, " MB"),
            ]
        )
    note = ""
    if len(points) >= 2:
        (f0, w0), (f1, w1) = points[0], points[-1]
        growth = (w1 / w0) / (f1 / f0)
        note = (
            f"From {f0:,} to {f1:,} files the wall time grows {w1 / w0:.1f}× for "
            f"{f1 / f0:.1f}× the files: {growth:.2f}× linear "
            f"({'about linear' if growth < 1.25 else 'super-linear'})."
        )
    header = ["corpus", "files", "size", "wall", "wall / 1K files", "max RSS", "tree RSS", "store"]
    return ["## Scaling (synthetic)", "", *_table(header, rows), note, ""]


def _freshness_section(results: dict[str, Any]) -> list[str]:
    rows = []
    for name, entry in _ordered(results):
        reindex, inc, watch = (_fig(entry, n) for n in ("reindex", "incremental", "watch"))
        if not (reindex or inc or watch):
            continue
        rows.append(
            [
                f"`{name}`",
                f"{_num(reindex['cli_wall_s'], 2)} / {_num(reindex['in_process_s'], 2)} s"
                if reindex
                else _status(entry, "reindex"),
                f"{_num(inc['update']['p50_ms'], 0)} / {_num(inc['update']['p95_ms'], 0)} ms"
                if inc
                else _status(entry, "incremental"),
                f"{_num(inc['write_to_answer']['p50_ms'], 0)} / "
                f"{_num(inc['write_to_answer']['p95_ms'], 0)} ms"
                if inc
                else "—",
                f"{_num(inc['relinked_files_p50'], 0)} / {_num(inc['relinked_files_max'], 0)}"
                if inc
                else "—",
                f"{_num(watch['write_to_visible']['p50_ms'], 0)} / "
                f"{_num(watch['write_to_visible']['p95_ms'], 0)} ms"
                if watch
                else _status(entry, "watch"),
            ]
        )
    header = [
        "corpus",
        "unchanged re-index (CLI / in-process)",
        "update_paths p50 / p95",
        "write→answer p50 / p95",
        "relinked files p50 / max",
        "watcher write→store p50 / p95",
    ]
    return [
        "## Keeping the graph fresh",
        "",
        "*update_paths*: one seeded file gets a new exported function, then",
        "`code_graph.index.update.update_paths(root, [path])`; *write→answer* runs from before",
        "the write until `symbols_named` on an already-open read Store sees the new symbol. Each",
        "edit is reverted (and re-applied) afterwards. *Watcher*: a `code-graph watch` subprocess;",
        "from the write until a polling reader (5 ms) sees the change (watchfiles batches close",
        "after 50 ms of quiet).",
        "",
        *_table(header, rows),
    ]


def _queries_section(results: dict[str, Any]) -> list[str]:
    rows = []
    for name, entry in _ordered(results):
        queries = _fig(entry, "queries")
        if not queries:
            continue
        cells = [f"`{name}`"]
        for q in QUERY_ORDER:
            value = queries.get(q)
            cells.append(
                f"{_num(value['p50_ms'], 1)} / {_num(value['p95_ms'], 1)}" if value else "—"
            )
        rows.append(cells)
    return [
        "## Query latency (Python API, ms p50 / p95)",
        "",
        "`code_graph.query.*` on an opened read Store, over 30 seeded symbols (classes, functions,",
        "interfaces, types, components, methods, variables) addressed as `path:Qualified.name`;",
        "`find` uses the bare name as the pattern; `impact_file` is file mode; whole-graph",
        "queries (`circular`, `stats`, `unresolved`) run 10 times.",
        "",
        *_table(["corpus", *QUERY_ORDER], rows),
    ]


def _serving_section(results: dict[str, Any]) -> list[str]:
    rows = []
    tool_rows = []
    for name, entry in _ordered(results):
        cli, mcp = _fig(entry, "cli"), _fig(entry, "mcp")
        if not (cli or mcp or entry.get("figures", {}).get("mcp")):
            continue
        rows.append(
            [
                f"`{name}`",
                f"{_num(cli['find']['p50_ms'], 0)} / {_num(cli['find']['p95_ms'], 0)} ms"
                if cli
                else _status(entry, "cli"),
                _num(cli["python_c_pass"]["p50_ms"], 0, " ms") if cli else "—",
                _num(mcp["spawn_to_initialized_s"], 2, " s") if mcp else _status(entry, "mcp"),
                f"{_num(mcp['spawn_to_first_response_s'], 2)} / "
                f"{_num(mcp['spawn_to_first_answer_s'], 2)} s"
                if mcp
                else "—",
                f"{_num(mcp['rss_after_start_mb'], 0)} → {_num(mcp['rss_after_queries_mb'], 0)} MB "
                f"(peak {_num(mcp['peak_rss_mb'], 0)})"
                if mcp
                else "—",
                f"{mcp['queries']} ({mcp['query_errors']} errors)" if mcp else "—",
            ]
        )
        if mcp:
            for tool, value in mcp.get("per_tool", {}).items():
                tool_rows.append(
                    [
                        f"`{name}`",
                        tool,
                        str(value["n"]),
                        _num(value["p50_ms"], 1),
                        _num(value["p95_ms"], 1),
                    ]
                )
    header = [
        "corpus",
        "CLI `find` start→answer p50 / p95",
        "`python -c pass`",
        "MCP spawn→initialized",
        "MCP spawn→first response / first answer",
        "MCP RSS start → after queries",
        "MCP queries",
    ]
    return [
        "## CLI start-up and the MCP server",
        "",
        "CLI: `code-graph find '^Name$' -p ROOT`, process start to exit, 10 runs. MCP:",
        "`code-graph mcp ROOT` driven by the MCP SDK's stdio client: spawn → `initialize` →",
        "first `get_stats` response (*first answer*: the first one that is not a tool error such",
        "as 'still indexing'), then 1,000 mixed calls; VmRSS read from `/proc/<pid>/status`.",
        "",
        *_table(header, rows),
        "MCP per-tool latency over the mixed calls (ms, client-side):",
        "",
        *_table(["corpus", "tool", "n", "p50", "p95"], tool_rows),
    ]


def _profile_section(results: dict[str, Any]) -> list[str]:
    lines = ["## Where the full index spends its time", ""]
    for name, entry in _ordered(results):
        profile = _fig(entry, "profile")
        if not profile:
            continue
        wall = profile["wall_s"]
        lines += [
            f"Corpus `{name}` ({profile['files']:,} files), main process, in-process "
            f"`index_project` {wall:.2f} s (`bench/profile_index.py`):",
            "",
        ]
        rows = [
            [phase, _num(seconds, 2, " s"), _num(100 * seconds / wall, 0, " %")]
            for phase, seconds in profile["phases_s"].items()
        ]
        lines += _table(["phase", "time", "share"], rows)
        cpu = profile.get("cpu_s")
        floor = _fig(entry, "floor")
        if cpu:
            floor_cpu = f"; the parse floor needs {floor['parse_cpu_s']:.1f} s" if floor else ""
            lines += [
                f"CPU of that run: main process {cpu['main_process_cpu_s']:.1f} s, parse workers "
                f"{cpu['parse_workers_cpu_s']:.1f} s (read + parse + extract){floor_cpu}.",
                "",
            ]
        top = profile.get("cprofile_top_own_time", [])[:12]
        lines += ["cProfile (second run, profiler overhead included), heaviest own time:", ""]
        lines += _table(
            ["function", "own", "cumulative", "calls"],
            [
                [
                    f"`{t['function']}`",
                    _num(t["own_s"], 2, " s"),
                    _num(t["cumulative_s"], 2, " s"),
                    _num(t["calls"]),
                ]
                for t in top
            ],
        )
        imports = profile.get("import_time")
        if imports and "find_total_ms" in imports:
            heavy = ", ".join(f"`{n}` {ms:.0f} ms" for n, ms in imports["find_heaviest_ms"][:8])
            lines += [
                f"Imports (`python -X importtime`, byte-compiled): `import code_graph.cli` "
                f"{imports['cli_total_ms']:.0f} ms; everything a `find` command imports "
                f"{imports['find_total_ms']:.0f} ms — heaviest (cumulative): {heavy}.",
                "",
            ]
    return lines


def _method_section() -> list[str]:
    return [
        "## Method and caveats",
        "",
        "- Each figure is bounded (index 30 min, peers 10 min, query kinds 60 s, MCP 7 min) and",
        "  recorded as failed with its reason rather than stopping the run.",
        "- The synthetic corpora come from `bench/synth.py` (seeded): npm workspaces with",
        "  `paths` aliases, barrels with `export *` and renamed re-exports, classes extending",
        "  imported classes, method calls, interfaces, type aliases, React components rendering",
        "  each other, relative `.js` imports, and import cycles (37 strongly connected",
        "  components at 1K, mostly closed through barrels; `real` has 13).",
        "- The real corpus is assembled from npm tarballs by `bench/corpora.py` (only the kept",
        "  files are copied, so every tool sees the same files).",
        "- The engine is a byte-compiled snapshot of one commit (`bench/engine.py`), so edits",
        "  made to `src/` during a run do not mix versions.",
        "- Before each wall-clock figure (index, floor, peers, profile) the run waits up to",
        "  `--wait-quiet` seconds for other CPU load to drop below 0.25 cores; the *other load*",
        "  columns say how quiet it was. Wall-clock figures keep the fastest run of the same",
        "  engine across runs (all runs are listed in the JSON); CPU seconds are less sensitive.",
        "",
    ]
