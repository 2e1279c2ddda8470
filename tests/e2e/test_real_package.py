"""Index a real package's TypeScript sources from the npm registry (marked `network`).

Run with `bash scripts/test.sh -m network`; skipped with the reason when the registry cannot
be reached.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("code-graph")

pytestmark = pytest.mark.network


def test_the_query_core_sources_index_with_resolved_imports_and_linked_references(
    tmp_path: Path,
) -> None:
    fetched = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "fetch_corpus.py"),
            "--set",
            "small",
            "--dest",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if fetched.returncode != 0:
        pytest.skip(f"the npm registry could not be reached: {fetched.stderr.strip()[-300:]}")
    root = Path(fetched.stdout.strip().splitlines()[-1])
    summary = json.loads(
        subprocess.run(
            [str(CLI), "index", str(root), "--json"],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        ).stdout
    )
    stats = summary["stats"]
    assert stats["files"] >= 20 and stats["symbols"] > 500
    assert stats["imports_by_method"].get("relative", 0) > 50
    assert stats["unresolved_by_reason"] == {}
    refs = json.loads(
        subprocess.run(
            [str(CLI), "refs", "QueryClient", "-p", str(root), "--json"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout
    )
    assert refs["lookup"]["status"] == "found"
    assert refs["total"] > 5
