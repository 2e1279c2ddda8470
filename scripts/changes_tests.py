"""Symbol-level affected tests (`changes`) against the plain file-level import graph.

    python scripts/changes_tests.py [--mirror /work/.mirror/honojs+hono/repo] [--commits 20]

Clones the mirrored repository (read-only: `git clone --shared`) under .corpora/, then for
each of its latest `--commits` non-merge commits that change a non-test source file:
checks the commit out, brings the index up to date, runs `changes --base COMMIT^` and
compares its affected tests with the tests that reach a changed file through the file
import graph (transitive importers, as file-level tools answer), changed tests counted by
both. A test the file graph lists and `changes` does not is a *miss* when its text names a
changed top-level symbol in an import statement (`import { name } from`, `import name from`):
it really imports it. The weaker check, a whole-word mention of a changed symbol's name
(members too), is counted as well: it mostly fires on names that merely coincide (`add`,
`constructor`), and the report lists those tests for a reader to judge.
Prints one row per commit and the totals as Markdown (the figures in docs/changes.md).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from code_graph.index import index_project
from code_graph.index.change_impact import change_impact
from code_graph.query.changes import ChangeImpact
from code_graph.query.testfiles import is_test_file
from code_graph.store import Store
from code_graph.walk import is_source_path

CORPORA = Path(__file__).resolve().parents[1] / ".corpora"


@dataclass(frozen=True, slots=True)
class Row:
    commit: str
    subject: str
    changed_sources: int
    symbols: int
    file_level: frozenset[str]
    symbol_level: frozenset[str]
    misses: tuple[tuple[str, str], ...]  # (test, changed symbol name it imports)
    mentions: tuple[tuple[str, str], ...]  # (test, changed symbol name it mentions)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def clone(mirror: Path) -> Path:
    root = CORPORA / f"changes-{mirror.parent.name}"
    if not (root / ".git").is_dir():
        root.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "clone", "-q", "--shared", str(mirror), str(root)], check=True)
    return root


def commits(root: Path, count: int) -> list[tuple[str, str]]:
    """The latest non-merge commits of the default branch changing a non-test source."""
    found: list[tuple[str, str]] = []
    for line in git(
        root, "log", "--no-merges", "--format=%H %s", "-200", "origin/HEAD"
    ).splitlines():
        commit, _, subject = line.partition(" ")
        files = git(root, "diff-tree", "--no-commit-id", "-r", "--name-only", commit).split()
        if any(is_source_path(f) and not is_test_file(f) for f in files):
            found.append((commit, subject))
        if len(found) == count:
            break
    return found


def file_level_tests(root: Path, result: ChangeImpact) -> set[str]:
    """Tests among the changed files and their transitive importers (the file graph)."""
    with Store.open_for_reading(root) as store:
        paths = store.files.paths_by_id()
        importers: dict[str, set[str]] = {}
        for edge in store.imports.file_edges():
            importers.setdefault(paths[edge.target_id], set()).add(paths[edge.importer_id])
    reached = {f.path for f in result.files if f.new is not None}
    frontier = list(reached)
    while frontier:
        following = []
        for path in frontier:
            for importer in importers.get(path, ()):
                if importer not in reached:
                    reached.add(importer)
                    following.append(importer)
        frontier = following
    return {path for path in reached if is_test_file(path)}


def misses(
    root: Path, result: ChangeImpact, candidates: set[str], *, imported: bool
) -> list[tuple[str, str]]:
    """(test, name) for each candidate test whose text imports (or only mentions) the name
    of a changed symbol."""
    symbols = [item.change.symbol for item in result.symbols]
    names = sorted({s.name for s in symbols if s.parent is None or not imported})
    found = []
    for test in sorted(candidates):
        text = (root / test).read_text(encoding="utf-8", errors="replace")
        for name in names:
            word = rf"(?<![\w$]){re.escape(name)}(?![\w$])"
            braces = rf"\{{[^}}]*{word}[^}}]*\}}"  # { a, name as b }
            clause = rf"(?:{word}|{braces}|[\w$]+\s*,\s*{braces})"  # default, named, both
            pattern = rf"import\s+(?:type\s+)?{clause}\s*from\b" if imported else word
            if re.search(pattern, text):
                found.append((test, name))
    return found


def measure(root: Path, commit: str, subject: str) -> Row:
    git(root, "checkout", "-q", "--force", commit)
    git(root, "clean", "-fdq")
    index_project(root)
    result = change_impact(root, base=f"{commit}^", limit=0)
    symbol_level = {test.file for test in result.tests}
    file_level = file_level_tests(root, result)
    return Row(
        commit[:8],
        subject,
        sum(1 for f in result.files if not is_test_file(f.path)),
        len(result.symbols),
        frozenset(file_level),
        frozenset(symbol_level),
        tuple(misses(root, result, file_level - symbol_level, imported=True)),
        tuple(misses(root, result, file_level - symbol_level, imported=False)),
    )


def report(rows: list[Row]) -> str:
    lines = [
        "| commit | change | sources | symbols | file-level tests | symbol-level tests |"
        " only file-level | of which import a changed symbol | mention one |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        only = row.file_level - row.symbol_level
        lines.append(
            f"| {row.commit} | {row.subject[:60]} | {row.changed_sources} | {row.symbols}"
            f" | {len(row.file_level)} | {len(row.symbol_level)} | {len(only)}"
            f" | {len({test for test, _ in row.misses})}"
            f" | {len({test for test, _ in row.mentions})} |"
        )
    file_total = sum(len(r.file_level) for r in rows)
    symbol_total = sum(len(r.symbol_level) for r in rows)
    extra = sum(len(r.symbol_level - r.file_level) for r in rows)
    lines += [
        "",
        f"Totals over {len(rows)} commits: file level {file_total} tests, symbol level"
        f" {symbol_total} ({symbol_total / max(file_total, 1):.0%}); symbol-level tests the file"
        f" graph does not list: {extra}.",
        "",
        "Tests only the file graph lists that import a changed symbol (misses):",
    ]
    for row in rows:
        for test, name in row.misses:
            lines.append(f"- {row.commit} `{test}` imports `{name}`")
    lines += ["", "Tests only the file graph lists that mention a changed symbol's name:"]
    for row in rows:
        for test, name in row.mentions:
            lines.append(f"- {row.commit} `{test}` mentions `{name}`")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror/honojs+hono/repo"))
    parser.add_argument("--commits", type=int, default=20)
    options = parser.parse_args()
    root = clone(options.mirror)
    rows = []
    for commit, subject in commits(root, options.commits):
        rows.append(measure(root, commit, subject))
        print(
            f"{commit[:8]}: {len(rows[-1].symbol_level)}/{len(rows[-1].file_level)}",
            file=sys.stderr,
        )
    print(report(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
