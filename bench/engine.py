"""Which code-graph is measured: a snapshot of a commit (default HEAD) or the working tree.

Other engineers edit `src/` while benchmarks run; a snapshot keeps one run on one version.
`git archive` writes the commit's `src/` to `.corpora/bench/engine/<sha>/` (read-only use of
git); `PYTHONPATH` then puts it ahead of the editable install, for this process and for every
subprocess (`code-graph` CLI, MCP server, profiler). The snapshot is byte-compiled once, as
an installed package would be.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile

from corpora import BENCH_CORPORA, REPO


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def activate(which: str) -> dict[str, str]:
    """Make `which` (head | worktree | a commit) the code_graph that is imported and run."""
    if "code_graph" in sys.modules:
        raise RuntimeError("code_graph was imported before the engine was chosen")
    if which == "worktree":
        dirty = _git("status", "--porcelain", "--", "src")
        return {
            "source": "worktree",
            "commit": _git("rev-parse", "--short", "HEAD"),
            "description": "working tree src/" + (" (uncommitted changes)" if dirty else ""),
        }
    sha = _git("rev-parse", "--verify", f"{'HEAD' if which == 'head' else which}^{{commit}}")
    target = BENCH_CORPORA / "engine" / sha[:12]
    if not (target / "src" / "code_graph" / "__init__.py").is_file():
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", "--format=tar", sha, "src"],
            capture_output=True,
            check=True,
        ).stdout
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    source = str(target / "src")
    if not any((target / "src" / "code_graph").glob("__pycache__/*.pyc")):
        # An installed package has bytecode; without it every process start compiles the
        # sources (PYTHONDONTWRITEBYTECODE may be set), inflating start-up figures.
        subprocess.run([sys.executable, "-m", "compileall", "-q", source], check=True)
    sys.path.insert(0, source)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [source, *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    subject = _git("log", "-1", "--format=%s", sha)
    return {
        "source": "snapshot",
        "commit": sha[:12],
        "description": f"commit {sha[:12]} ({subject if len(subject) < 60 else subject[:57] + '...'}) snapshot in {target.relative_to(REPO)}",
    }
