"""Kill -9 the indexer and the watcher at random points; check the store after every kill.

    python scripts/crash_torture.py [--runs 20] [--files 150] [--seed 1]

Each indexer run restores the old store, rewrites every source file, starts
`code-graph index` and kills it after a random delay. Each watcher run starts
`code-graph watch`, edits, adds and deletes files while it runs and kills it at a random
moment. After every kill: `PRAGMA integrity_check` must say ok, the store must hold the old
graph or the new one (indexer), and the next `code-graph index` must answer exactly like a
clean index of the same files (the JSON export compared as a whole). Prints one line per run
and a summary; exits 1 on the first violation.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = str(Path(sys.executable).with_name("code-graph"))


def write_version(root: Path, files: int, version: int) -> None:
    for i in range(files):
        body = "\n".join(
            f"export function f{i}_{j}(x: number): number {{ return f{(i + 1) % files}_0(x) + {j * version}; }}"
            for j in range(30)
        )
        target = root / "src" / f"m{i}.ts"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f"import {{ f{(i + 1) % files}_0 }} from './m{(i + 1) % files}';\n{body}\n"
        )


def export(root: Path) -> dict[str, object]:
    result: dict[str, object] = json.loads(subprocess.check_output([CLI, "export", str(root)]))
    return result


def integrity(root: Path) -> str:
    connection = sqlite3.connect(root / ".code-graph" / "graph.db")
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def clean_export(root: Path, scratch: Path) -> dict[str, object]:
    """The export of a fresh index of the files now under `root`."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(root, scratch, ignore=shutil.ignore_patterns(".code-graph"))
    subprocess.run([CLI, "index", str(scratch), "--quiet"], check=True)
    return export(scratch)


def kill_after(process: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL `process` after `delay` seconds; False if it had already finished."""
    time.sleep(delay)
    alive = process.poll() is None
    if alive:
        process.send_signal(signal.SIGKILL)
    process.wait()
    return alive


def torture_indexer(base: Path, runs: int, files: int, rng: random.Random) -> int:
    root = base / "indexer"
    write_version(root, files, 1)
    subprocess.run([CLI, "index", str(root), "--quiet"], check=True)
    old = export(root)
    saved = base / "old-store"
    shutil.copytree(root / ".code-graph", saved)
    write_version(root, files, 2)
    new = clean_export(root, base / "clean")
    outcomes = {"old": 0, "new": 0}
    for run in range(runs):
        shutil.rmtree(root / ".code-graph")
        shutil.copytree(saved, root / ".code-graph")
        for path in (root / "src").iterdir():  # new mtimes: every file is stale again
            path.touch()
        process = subprocess.Popen([CLI, "index", str(root), "--quiet"])
        killed = kill_after(process, rng.uniform(0.05, 1.5))
        check = integrity(root)
        graph = export(root)
        state = "old" if graph == old else "new" if graph == new else "MIXED"
        subprocess.run([CLI, "index", str(root), "--quiet"], check=True)
        after = "same as clean" if export(root) == new else "DIFFERENT"
        print(
            f"indexer run {run + 1}: killed={killed} integrity={check} graph={state} next={after}"
        )
        if check != "ok" or state == "MIXED" or after != "same as clean":
            return 1
        outcomes[state] += 1
    print(f"indexer: {runs} kills, graph old {outcomes['old']} / new {outcomes['new']}, all ok")
    return 0


def torture_watcher(base: Path, runs: int, files: int, rng: random.Random) -> int:
    root = base / "watcher"
    write_version(root, files, 1)
    subprocess.run([CLI, "index", str(root), "--quiet"], check=True)
    for run in range(runs):
        process = subprocess.Popen([CLI, "watch", str(root)], stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0))
        for _ in range(rng.randint(1, 4)):  # edits, new files and deletions while it runs
            for i in rng.sample(range(files), 20):
                write_one = root / "src" / f"m{i}.ts"
                write_one.write_text(write_one.read_text().replace("return", "return 1 +", 1))
            (root / "src" / f"extra{run}.ts").write_text(f"export const extra{run} = {run};\n")
            victim = root / "src" / f"extra{rng.randrange(run + 1)}.ts"
            victim.unlink(missing_ok=True)
            time.sleep(rng.uniform(0.05, 0.4))
        killed = kill_after(process, rng.uniform(0.0, 0.6))
        check = integrity(root)
        subprocess.run([CLI, "index", str(root), "--quiet"], check=True)
        same = export(root) == clean_export(root, base / "clean")
        print(
            f"watcher run {run + 1}: killed={killed} integrity={check} next index same as clean={same}"
        )
        if check != "ok" or not same:
            return 1
    print(f"watcher: {runs} kills, all ok")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--files", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="crash-torture-") as folder:
        base = Path(folder)
        return torture_indexer(base, args.runs, args.files, rng) or torture_watcher(
            base, args.runs, args.files, rng
        )


if __name__ == "__main__":
    sys.exit(main())
