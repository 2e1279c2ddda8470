"""How long `changes` takes on a large repository with a small diff.

    python bench/changes.py [--files 7000] [--edits 10] [--runs 5]

Generates the synthetic monorepo (bench/synth.py) under .corpora/, commits it with git,
indexes it fresh, then edits `--edits` files (a method body in most of them, a new export
in the rest) and times `code-graph changes` in this process: the first call (it re-parses
the edited files), then `--runs` calls on the fresh index (the median is the figure in
docs/changes.md), with the CPU time this process spent (steadier than the wall clock on a
shared machine). Each step is timed on its own too.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate

from code_graph.gitdiff import read_diff
from code_graph.index import index_project
from code_graph.index.change_impact import (
    base_side,
    change_impact,
    changed_files,
    freshen,
)
from code_graph.query.changes import change_impact as answer
from code_graph.store import Store

CORPORA = Path(__file__).resolve().parents[1] / ".corpora"
LIMIT = 50  # the CLI's default page
BODY = "let counter = this.cache.size;"


def prepare(files: int) -> Path:
    root = CORPORA / f"changes-bench-{files}"
    if not (root / ".git").is_dir():
        generate(files, root)
        for args in (
            ["init", "-q"],
            ["add", "-A"],
            ["-c", "user.email=bench@code-graph", "-c", "user.name=bench", "commit", "-qm", "base"],
        ):
            subprocess.run(["git", *args], cwd=root, check=True)
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=root, check=True)
    return root


def edit(root: Path, count: int) -> list[str]:
    sources = sorted(
        str(p.relative_to(root))
        for p in root.glob("packages/*/src/**/*.ts")
        if p.name != "index.ts"
    )
    chosen = sources[:: max(1, len(sources) // count)][:count]
    for relative in chosen:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        if BODY in text:
            text = text.replace(BODY, "let counter = this.cache.size + 1;", 1)
        else:
            text += "\nexport const benchEdit = 1;\n"
        path.write_text(text, encoding="utf-8")
    return chosen


def timed(label: str, call: object) -> float:
    started = time.perf_counter()
    assert callable(call)
    call()
    elapsed = time.perf_counter() - started
    print(f"  {label}: {elapsed * 1000:.0f} ms")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=7000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    root = prepare(options.files)
    started = time.perf_counter()
    run = index_project(root)
    print(f"fresh index: {run.discovered:,} files in {time.perf_counter() - started:.1f} s")
    chosen = edit(root, options.edits)
    print(f"edited {len(chosen)} files")
    first = time.perf_counter()
    result = change_impact(root, limit=LIMIT)
    print(f"first changes (re-parses the edited files): {time.perf_counter() - first:.2f} s")
    print(
        f"  {len(result.files)} files, {len(result.symbols)} symbols, "
        f"{result.dependents.total} dependents, {len(result.tests)} tests"
    )
    runs, cpu = [], []
    for _ in range(options.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        change_impact(root, limit=LIMIT)
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"changes on the fresh index: median {statistics.median(runs):.3f} s "
        f"(min {min(runs):.3f}, max {max(runs):.3f}, {options.runs} runs); this process's CPU"
        f" time median {statistics.median(cpu):.3f} s (git's own not counted)"
    )
    print("one call, step by step:")
    diff = read_diff(root)
    timed("git diff", lambda: read_diff(root))
    timed("freshen the index", lambda: freshen(root, diff))
    files = changed_files(root, diff)
    timed("extract both sides", lambda: changed_files(root, diff))
    with Store.open_for_reading(root) as store:
        change = base_side(store, root, diff, files)
        timed("resolve the base side", lambda: base_side(store, root, diff, files))
        timed("answer", lambda: answer(store, change, limit=LIMIT))
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=root, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
