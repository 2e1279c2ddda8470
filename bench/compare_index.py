"""Full-index cost of several engines, interleaved: what a change made an index cost.

    python bench/compare_index.py cfeca92 daa62c9 HEAD [--rounds 3] [--compiled PYTHON]
        [--corpus real]

Each engine is a byte-compiled snapshot of a commit (bench/engine.py), run as a fresh
`code-graph index` of the corpus (its `.code-graph/` removed first) under `/usr/bin/time`;
`--compiled PYTHON` adds the code-graph that PYTHON has installed (a `pip install .` compiled
with mypyc) as one more engine. The engines take turns, round after round, so that the load of
a shared machine falls on all of them alike; the fastest run of each is printed with its CPU
(user + sys of every process: steadier than the wall clock), peak RSS and store size, and the
change against the first engine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import corpora
import engine

_INDEX = "import sys; from code_graph.cli import main; sys.argv[1:1] = ['index']; main()"


def _snapshot(commit: str) -> str:
    """The `src/` of a byte-compiled snapshot of `commit` (made by bench/engine.py)."""
    found = subprocess.run(
        [sys.executable, "-c", f"import engine; print(engine.activate({commit!r})['commit'])"],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return str(engine.BENCH_CORPORA / "engine" / found / "src")


def _run(python: str, source: str | None, root: Path) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak RSS MB, store bytes) of one fresh index."""
    shutil.rmtree(root / ".code-graph", ignore_errors=True)
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if source is not None:
        environment["PYTHONPATH"] = source
    with tempfile.NamedTemporaryFile("r") as timing:
        timed = ["/usr/bin/time", "-o", timing.name, "-f", "%e %U %S %M"]
        subprocess.run(
            [*timed, python, "-c", _INDEX, str(root)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        wall, user, system, rss = timing.read().split()[-4:]
    store = sum(f.stat().st_size for f in (root / ".code-graph").iterdir() if f.is_file())
    return float(wall), float(user) + float(system), int(rss) / 1024, store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("commits", nargs="+", help="commits to compare (the first is the base)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compiled", metavar="PYTHON", help="a Python with a compiled install")
    parser.add_argument("--corpus", default="real", choices=("real",))
    options = parser.parse_args()
    root = corpora.real().root
    engines: list[tuple[str, str, str | None]] = [
        (commit, sys.executable, _snapshot(commit)) for commit in options.commits
    ]
    if options.compiled:
        engines.append(("compiled", options.compiled, None))
    best: dict[str, tuple[float, float, float, int]] = {}
    for round_number in range(1, options.rounds + 1):
        for label, python, source in engines:
            figures = _run(python, source, root)
            print(f"round {round_number} {label}: wall {figures[0]:.2f} s, CPU {figures[1]:.2f} s")
            kept = best.get(label)
            best[label] = figures if kept is None or figures[1] < kept[1] else kept
    base = best[engines[0][0]]
    print("\n| engine | wall | CPU | peak RSS | store |\n|---|---|---|---|---|")
    for label, _, _ in engines:
        wall, cpu, rss, store = best[label]
        print(
            f"| {label} | {wall:.2f} s ({wall / base[0] - 1:+.0%}) | {cpu:.2f} s"
            f" ({cpu / base[1] - 1:+.0%}) | {rss:.0f} MB | {store / 1e6:.1f} MB"
            f" ({store / base[3] - 1:+.0%}) |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
