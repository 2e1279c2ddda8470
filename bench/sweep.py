"""The real-repository sweep (issue #16): index public repositories, ask every query command.

    python bench/sweep.py --mirrors /work/.mirror [--only eslint,hono] [--core] [--workers N]
                          [--symbols 4] [--files 3] [--seed sweep] [--no-mcp] [--write-docs]
    python bench/sweep.py --report-only --write-docs     # render bench/results/sweep.json again

Each repository of `bench/sweep_repos.toml` is brought beforehand with the `fetch` search
tool (a bare mirror in `<mirrors>/<owner>+<name>/repo`). The sweep lays out its pinned commit
(or the mirror's HEAD, said so in the report) into `.corpora/sweep/<name>/` (see
bench/sweep_layout.py: snapshots lack files of 4 MiB and more, which are listed) and runs a
fresh `code-graph index --json` there. Then come every query command of the CLI on seeded
samples of its symbols and files (bench/sweep_plan.py), each through the installed
`code-graph` script as a subprocess with a timeout, one at a time; the nine tools of
`code-graph mcp` (bench/sweep_mcp.py); and a second index, which must parse nothing. Per
repository it records whether the index finished, its time and peak RSS, the graph's counts,
and every command that failed, printed a traceback, timed out or missed a sampled target.

Results: `bench/results/sweep.json`, the Markdown report on stdout (and, with
`--write-docs`, in docs/reliability.md between the sweep markers), and the standard error of
every command that went wrong in `bench/results/sweep/<name>/`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sweep_layout
import sweep_mcp
import sweep_plan
import sweep_report
from measure import TIME_BIN, TreeSampler, busy_seconds
from sweep_plan import Query

REPO = Path(__file__).resolve().parent.parent
REPOS_FILE = Path(__file__).resolve().parent / "sweep_repos.toml"
LAYOUT = REPO / ".corpora" / "sweep"
RESULTS = REPO / "bench" / "results"
DOCS = REPO / "docs" / "reliability.md"
KNOWN = {"files_with_syntax_errors"}  # figures of `index --json` the report already shows


@dataclass(frozen=True, slots=True)
class Ran:
    """One finished (or killed) subprocess."""

    exit_code: int
    timed_out: bool
    wall_s: float
    cpu_s: float
    peak_rss_mb: float  # the command's own peak (GNU time's %M)
    stdout: str
    stderr: str


def run(
    command: list[str], *, cwd: Path, timeout: float, sample_tree: bool = False
) -> tuple[Ran, float]:
    """Run `command` in its own session, killing its whole tree after `timeout` seconds.

    Returns the run and, with `sample_tree`, the peak of its tree's summed RSS in MB.
    The command's own peak RSS comes from GNU time: a process that Python starts inherits
    this one's RSS as its `ru_maxrss` (Linux records the old address space's high-water mark
    at exec), so `wait4` would report the sweep's memory, not the command's.
    """
    with tempfile.TemporaryDirectory(prefix="cg-sweep-") as tmp:
        out_path, err_path, rss_path = (Path(tmp) / n for n in ("out", "err", "rss"))
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            started = time.perf_counter()
            process = subprocess.Popen(
                [TIME_BIN, "-f", "%M", "-o", str(rss_path), *command],
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
            killed = threading.Event()

            def kill() -> None:
                killed.set()
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)

            timer = threading.Timer(timeout, kill)
            timer.start()
            sampler = TreeSampler(process.pid, interval=0.1) if sample_tree else None
            try:
                with sampler or contextlib.nullcontext():
                    _, status, usage = os.wait4(process.pid, 0)
            finally:
                timer.cancel()
            process.returncode = os.waitstatus_to_exitcode(status)
        rss_lines = rss_path.read_text().split() if rss_path.exists() else []
        ran = Ran(
            exit_code=process.returncode,
            timed_out=killed.is_set(),
            wall_s=round(time.perf_counter() - started, 3),
            cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
            peak_rss_mb=round(int(rss_lines[-1]) / 1024, 1) if rss_lines else 0.0,
            stdout=out_path.read_text("utf-8", "replace"),
            stderr=err_path.read_text("utf-8", "replace"),
        )
        return ran, round((sampler.peak_rss_kb if sampler else 0) / 1024, 1)


def index_repository(cli: str, root: Path, workers: int | None, timeout: float) -> dict[str, Any]:
    """A fresh `code-graph index --json` of `root`: how it went and the index's document."""
    command = [cli, "index", str(root), "--json"] + (["--workers", str(workers)] if workers else [])
    busy_before = busy_seconds()
    ran, tree_peak = run(command, cwd=root, timeout=timeout, sample_tree=True)
    other_load = (busy_seconds() - busy_before - ran.cpu_s) / max(ran.wall_s, 1e-6)
    document: dict[str, Any] | None = None
    if ran.exit_code == 0:
        try:
            document = json.loads(ran.stdout)
        except ValueError:
            document = None
    return {
        "finished": document is not None,
        "exit_code": ran.exit_code,
        "timed_out": ran.timed_out,
        "wall_s": ran.wall_s,
        "cpu_s": ran.cpu_s,
        "peak_rss_mb": ran.peak_rss_mb,
        "tree_peak_rss_mb": tree_peak,
        "other_load_cores": round(max(0.0, other_load), 2),
        "traceback": sweep_plan.TRACEBACK in ran.stderr,
        "error": None if document else sweep_plan.error_line(ran.stderr) or "no JSON summary",
        "stderr": ran.stderr,
        "document": document,
    }


def counts(index_document: dict[str, Any], graph: dict[str, Any] | None) -> dict[str, Any]:
    """The figures of the report, from `index --json` and the exported graph."""
    stats = index_document["stats"]
    found: dict[str, Any] = {
        "files": stats["files"],
        "syntax_error_files": stats["files_with_syntax_errors"],
        "symbols": stats["symbols"],
        "imports": stats["imports"],
        "unresolved": sum(stats["unresolved_by_reason"].values()),
        "unresolved_by_reason": stats["unresolved_by_reason"],
        "skipped_by_reason": stats["skipped_by_reason"],
        "config_warnings": len(index_document.get("config_warnings", [])),
        "index_seconds_reported": index_document.get("elapsed_seconds"),
    }
    if graph is not None:
        broken = {f["path"] for f in graph["files"] if f["parse_errors"]}
        found["symbols_in_error_files"] = sum(s["file"] in broken for s in graph["symbols"])
        found["syntax_error_examples"] = sorted(broken)[:20]
    # Figures that newer engines add (failed files, recovered declarations) are kept as given.
    for key, value in {**index_document, **stats}.items():
        if any(word in key for word in ("fail", "recover", "syntax")) and key not in KNOWN:
            found.setdefault("reported", {})[key] = value
    return found


def ask(
    cli: str, query: Query, root: Path, out_dir: Path, timeout: float
) -> tuple[dict[str, Any], Any]:
    """Run one query; returns its record and, for a JSON answer, the parsed document."""
    out = out_dir / query.output_file if query.output_file else None
    if out is not None:
        out.unlink(missing_ok=True)
    args = [a.replace("{root}", str(root)).replace("{out}", str(out)) for a in query.args]
    ran, _ = run([cli, *args], cwd=root, timeout=timeout)
    output: str | None = ran.stdout
    if out is not None:
        output = out.read_text("utf-8", "replace") if out.is_file() else None
    outcome = sweep_plan.judge(query, ran.exit_code, ran.timed_out, ran.stderr, output)
    record = {
        "command": query.shown,
        "status": outcome.status,
        "error": outcome.error,
        "exit_code": ran.exit_code,
        "wall_s": ran.wall_s,
        "rss_mb": ran.peak_rss_mb,
        "stderr": ran.stderr,
    }
    parsed = json.loads(output) if outcome.status == "ok" and query.json_output and output else None
    return record, parsed


def sweep_repository(
    entry: dict[str, Any], args: argparse.Namespace, graphviz: bool
) -> dict[str, Any]:
    """Lay out, index and query one repository; its record for the report."""
    record: dict[str, Any] = {k: entry.get(k) for k in ("name", "github", "shape")}
    record.update(commit=entry.get("commit", "?"), error=None)
    started = time.perf_counter()
    owner, name = entry["github"].split("/")
    git_dir = args.mirrors / f"{owner}+{name}" / "repo"
    if not git_dir.is_dir():
        return {**record, "error": f"no mirror: fetch github:{entry['github']}"}
    try:
        commit = sweep_layout.commit_to_lay_out(git_dir, entry.get("commit"))
        layout = sweep_layout.lay_out(git_dir, commit, LAYOUT / entry["name"])
    except (subprocess.CalledProcessError, OSError) as e:
        return {**record, "error": f"layout: {e}"}
    record.update(commit=commit, pinned=commit == entry.get("commit"))
    record.update(
        absent_files=list(layout.absent), layout_s=round(time.perf_counter() - started, 1)
    )
    root, logs = layout.root, RESULTS / "sweep" / entry["name"]
    shutil.rmtree(logs, ignore_errors=True)
    (logs / "out").mkdir(parents=True)
    print(f"[{entry['name']}] indexing {root.relative_to(REPO)} ({commit[:12]})", file=sys.stderr)
    index = index_repository(args.code_graph, root, args.workers, args.index_timeout)
    stderr = index.pop("stderr")
    if stderr.strip():
        (logs / "index.stderr").write_text(stderr)
    document = index.pop("document")
    record.update(index=index, error=index["error"])
    if document is None:
        return record
    commands = query_repository(entry["name"], document, root, logs / "out", args, graphviz, record)
    shutil.rmtree(logs / "out")
    _summarise(record, commands, logs)
    return record


def query_repository(
    name: str,
    document: dict[str, Any],
    root: Path,
    out_dir: Path,
    args: argparse.Namespace,
    graphviz: bool,
    record: dict[str, Any],
) -> list[dict[str, Any]]:
    """Every query command on the indexed `root`, the MCP server's tools, then a second
    index (which must parse nothing); their records. The graph's counts and the targets go into `record`."""

    def asked(query: Query) -> tuple[dict[str, Any], Any]:
        return ask(args.code_graph, query, root, out_dir, args.query_timeout)

    exported, graph = asked(sweep_plan.export_json_query())
    commands = [exported]
    targets = sweep_plan.Targets((), (), (), ())
    if graph is not None:
        targets = sweep_plan.sample_targets(graph, f"{args.seed}:{name}", args.symbols, args.files)
    record["counts"] = counts(document, graph)
    del graph  # the export of a big repository is large: let it go before the queries
    record["targets"] = {"symbols": targets.symbols, "files": targets.files}
    plan = sweep_plan.whole_graph_queries(graphviz) + sweep_plan.target_queries(targets, graphviz)
    commands += [asked(query)[0] for query in plan]
    if args.mcp:
        commands += sweep_mcp.mcp_pass(args.code_graph, root, targets, args.query_timeout)
    again, summary = asked(Query(("index", "{root}", "--json")))
    if summary is not None and summary["parsed_files"]:
        again.update(status="failed", error=f"re-parsed {summary['parsed_files']} unchanged files")
    commands.append(again)
    return commands


def _summarise(record: dict[str, Any], commands: list[dict[str, Any]], logs: Path) -> None:
    """Counts of the commands' outcomes, and the standard error of each that went wrong."""
    problems = []
    for number, command in enumerate(commands):
        stderr = command.pop("stderr")
        if command["status"] != "ok":
            log = logs / f"{number:02d}-{command['command'].split()[1]}.stderr"
            log.write_text(f"$ {command['command']}\n{stderr}")
            problems.append({**command, "log": str(log.relative_to(REPO))})
    record["commands"] = commands
    record["problems"] = problems
    record["queries"] = {
        "run": len(commands),
        "failed": sum(c["status"] in ("failed", "timeout", "bad-output") for c in commands),
        "tracebacks": sum(c["status"] == "traceback" for c in commands),
        "misses": sum(c["status"] == "miss" for c in commands),
        "seconds": round(sum(c["wall_s"] for c in commands), 1),
    }
    if record["error"] is None and problems:
        worst = next((p for p in problems if p["status"] == "traceback"), problems[0])
        record["error"] = f"{worst['command'].split()[1]}: {worst['error']}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--mirrors",
        type=Path,
        default=Path("/work/.mirror"),
        help="folder of the fetched mirrors (<owner>+<name>/repo)",
    )
    parser.add_argument("--repos", type=Path, default=REPOS_FILE, help="the list of repositories")
    parser.add_argument("--only", help="repository names to sweep (comma-separated)")
    parser.add_argument("--core", action="store_true", help="leave out the spare repositories")
    parser.add_argument(
        "--workers", type=int, help="`code-graph index --workers` (default: its own)"
    )
    parser.add_argument("--symbols", type=int, default=4, help="symbols sampled per repository")
    parser.add_argument("--files", type=int, default=3, help="files sampled per repository")
    parser.add_argument("--seed", default="sweep", help="the sampling seed")
    parser.add_argument(
        "--no-mcp", dest="mcp", action="store_false", help="leave out the MCP server's tools"
    )
    parser.add_argument("--index-timeout", type=float, default=1800.0, metavar="SECONDS")
    parser.add_argument("--query-timeout", type=float, default=300.0, metavar="SECONDS")
    parser.add_argument(
        "--code-graph",
        default=str(REPO / ".venv" / "bin" / "code-graph"),
        help="the installed code-graph script to run",
    )
    parser.add_argument("--json", type=Path, default=RESULTS / "sweep.json", help="results file")
    parser.add_argument(
        "--report-only", action="store_true", help="only render the results file again"
    )
    parser.add_argument(
        "--write-docs", action="store_true", help="also put the report into docs/reliability.md"
    )
    return parser


def _entries(args: argparse.Namespace) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = tomllib.loads(args.repos.read_text())["repo"]
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {e["name"] for e in entries}
        if unknown:
            sys.exit(f"not in {args.repos}: {', '.join(sorted(unknown))}")
        entries = [e for e in entries if e["name"] in wanted]
    if args.core:
        entries = [e for e in entries if not e.get("spare")]
    return entries


def _engine(cli: str) -> str:
    """The code-graph that ran: its version and this checkout's commit."""
    version = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout.strip()
    git = ["git", "-C", str(REPO)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run([*git, "status", "--porcelain", "--", "src"], capture_output=True)
    return f"{version} at commit {head.stdout.strip()}" + (
        " (with uncommitted changes in src/)" if dirty.stdout.strip() else ""
    )


def sweep(args: argparse.Namespace) -> dict[str, Any]:
    """Sweep every chosen repository, one at a time; the whole run's record."""
    help_text = subprocess.run([args.code_graph, "--help"], capture_output=True, text=True).stdout
    graphviz = shutil.which("dot") is not None
    every_query = sweep_plan.whole_graph_queries(graphviz) + sweep_plan.target_queries(
        sweep_plan.Targets(("a:b",), ("b",), ("function",), ("a",)), graphviz
    )
    started = time.perf_counter()
    repos = []
    for entry in _entries(args):
        repos.append(sweep_repository(entry, args, graphviz))
        print(f"[{entry['name']}] {repos[-1].get('error') or 'ok'}", file=sys.stderr)
    return {
        "engine": _engine(args.code_graph),
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "workers": args.workers,
        "symbols": args.symbols,
        "files": args.files,
        "seed": args.seed,
        "elapsed_s": round(time.perf_counter() - started, 1),
        "uncovered": sweep_plan.uncovered_commands(help_text, every_query),
        "repos": repos,
    }


def main() -> int:
    args = _parser().parse_args()
    if args.report_only:
        result = json.loads(args.json.read_text())
    else:
        result = sweep(args)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    text = sweep_report.markdown(result)
    print(text)
    if args.write_docs:
        DOCS.write_text(sweep_report.replace_section(DOCS.read_text(), text))
    repos = result["repos"]
    finished = all((r.get("index") or {}).get("finished") for r in repos)
    clean = all(not r.get("problems") for r in repos)
    return 0 if finished and clean else 1


if __name__ == "__main__":
    sys.exit(main())
