"""Run the code-graph benchmarks and write a Markdown + JSON report.

    python bench/run.py [--sizes 1000,10000,50000] [--corpora synthetic,real] [--quick]
                        [--only index,floor,...] [--skip peers] [--write-docs] [--fresh]

Corpora are generated or fetched into `.corpora/` on first use (see bench/corpora.py). Each
figure is bounded by a timeout and recorded as failed (with the reason) instead of stopping
the run. Results are merged into `bench/results/latest.json` (so a piecemeal `--only` run
updates just its figures; `--fresh` starts over), the Markdown report is printed, and
`--write-docs` also writes it to `docs/benchmarks.md`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora
import engine
import figures
import measure
import report
from figures import Options

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
DOCS = corpora.REPO / "docs" / "benchmarks.md"
CONTENDED = {"index", "floor", "peers", "profile"}  # wall-clock figures other load skews
BEST_OF = {"index", "floor"}  # kept as the fastest run of the same engine across runs
Figure = Callable[[corpora.Corpus, Options, int], dict[str, Any]]
FIGURES: dict[str, Figure] = {
    "index": figures.full_index,
    "floor": figures.parse_floor,
    "reindex": figures.reindex,
    "incremental": figures.incremental,
    "watch": figures.watcher,
    "queries": figures.queries,
    "cli": figures.cli_startup,
    "mcp": figures.mcp,
    "peers": figures.peers,
    "profile": figures.index_profile,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,50000", help="synthetic corpus sizes")
    parser.add_argument(
        "--corpora", default="synthetic,real", help="synthetic, real, monorepo (comma-separated)"
    )
    parser.add_argument("--quick", action="store_true", help="fewer samples and repeats")
    parser.add_argument("--only", help=f"figures to run: {','.join(FIGURES)}")
    parser.add_argument("--skip", default="", help="figures to leave out")
    parser.add_argument(
        "--peers-max-files",
        type=int,
        default=20_000,
        help="run madge/dependency-cruiser only on corpora up to this many files",
    )
    parser.add_argument(
        "--profile-corpus", default="real", help="corpus whose full index is profiled"
    )
    parser.add_argument("--peer-timeout", type=float, default=600.0)
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="before index/floor/peers/profile, wait up to this long for other CPU load to "
        "drop below 0.25 cores (0: don't wait)",
    )
    parser.add_argument("--write-docs", action="store_true", help=f"write {DOCS.name}")
    parser.add_argument("--fresh", action="store_true", help="do not merge into latest.json")
    parser.add_argument("--docs-only", action="store_true", help="re-render from latest.json")
    parser.add_argument(
        "--engine",
        default="head",
        help="code-graph to measure: head (a snapshot of the committed HEAD, default), "
        "worktree (src/ as it is now), or a commit",
    )
    return parser


def _load(fresh: bool) -> dict[str, Any]:
    if not fresh and RESULTS.is_file():
        try:
            data: dict[str, Any] = json.loads(RESULTS.read_text())
            return data
        except ValueError:
            pass
    return {"corpora": {}}


def _save(results: dict[str, Any], history: Path | None = None) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, default=str) + "\n"
    RESULTS.write_text(text)
    if history is not None:  # every run's merged state is kept: a rerun never loses figures
        history.parent.mkdir(parents=True, exist_ok=True)
        history.write_text(text)


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _wanted(args: argparse.Namespace) -> list[str]:
    names = list(FIGURES) if not args.only else [n.strip() for n in args.only.split(",")]
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        raise SystemExit(f"unknown figures: {', '.join(unknown)} (known: {', '.join(FIGURES)})")
    skipped = {n.strip() for n in args.skip.split(",") if n.strip()}
    return [n for n in names if n not in skipped]


def _corpora(args: argparse.Namespace, results: dict[str, Any]) -> list[corpora.Corpus]:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    found: list[corpora.Corpus] = []
    for name in [n.strip() for n in args.corpora.split(",") if n.strip()]:
        _log(f"preparing corpus {name}")
        try:
            found.extend(corpora.resolve([name], sizes))
        except Exception as e:  # a corpus that cannot be had is reported, not fatal
            results["corpora"].setdefault(name, {})["error"] = f"{type(e).__name__}: {e}"
            _log(f"corpus {name} unavailable: {e}")
    return found


def _best_of(old: Any, new: dict[str, Any]) -> dict[str, Any]:
    """For wall-clock figures, keep the fastest run of the same engine across runs."""
    if (
        isinstance(old, dict)
        and old.get("status") == new.get("status") == "ok"
        and "wall_s" in old
        and "wall_s" in new
        and old.get("engine", new["engine"]) == new["engine"]
        and old["wall_s"] <= new["wall_s"]
    ):
        kept = dict(old)
        kept["runs_wall_s"] = [*old.get("runs_wall_s", []), *new.get("runs_wall_s", [])]
        kept["engine"] = new["engine"]
        return kept
    if isinstance(old, dict) and "runs_wall_s" in new and "runs_wall_s" in old:
        new["runs_wall_s"] = [*old["runs_wall_s"], *new["runs_wall_s"]]
    return new


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    results = _load(args.fresh or False)
    if not args.docs_only:
        wanted = _wanted(args)
        results["engine"] = engine.activate(args.engine)
        _log(f"engine: {results['engine']['description']}")
        options = Options(quick=args.quick, peer_timeout=args.peer_timeout)
        results["machine"] = report.machine()
        results["started"] = time.strftime("%Y-%m-%d %H:%M:%S %z")
        for corpus in _corpora(args, results):
            files, size = corpora.source_stats(corpus.root)
            entry = results["corpora"].setdefault(corpus.name, {})
            entry.pop("error", None)
            entry.update(
                {
                    "kind": corpus.kind,
                    "description": corpus.description,
                    "root": str(corpus.root.relative_to(corpora.REPO)),
                    "files": files,
                    "bytes": size,
                    "tsconfig": corpus.tsconfig,
                }
            )
            measured = entry.setdefault("figures", {})
            for name in wanted:
                if name == "peers" and files > args.peers_max_files:
                    measured[name] = {"status": "skipped", "reason": "over --peers-max-files"}
                    continue
                if name == "profile" and corpus.name != args.profile_corpus:
                    continue
                waited = None
                if args.wait_quiet and name in CONTENDED:
                    waited = measure.wait_quiet(limit=args.wait_quiet)
                _log(f"{corpus.name}: {name}")
                started = time.perf_counter()
                try:
                    value = FIGURES[name](corpus, options, files)
                    value.setdefault("status", "ok")
                except Exception as e:
                    value = {"status": "failed", "reason": f"{type(e).__name__}: {e}"}
                    _log(f"{corpus.name}: {name} failed: {e}")
                    traceback.print_exc(file=sys.stderr)
                value["bench_s"] = round(time.perf_counter() - started, 1)
                if args.quick:
                    value["quick"] = True
                if waited is not None:
                    value["waited_for_quiet_s"] = waited
                value["measured_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
                value["engine"] = results["engine"]["commit"]
                keep_best = name in BEST_OF
                measured[name] = _best_of(measured.get(name), value) if keep_best else value
                _save(results)
            _save(results)
        _save(results, RESULTS.parent / "history" / f"{time.strftime('%Y%m%d-%H%M%S')}.json")
    markdown = report.render(results)
    print(markdown)
    if args.write_docs:
        DOCS.write_text(markdown)
        _log(f"wrote {DOCS.relative_to(corpora.REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
