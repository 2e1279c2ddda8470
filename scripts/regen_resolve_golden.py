"""Regenerate tests/golden/resolve/*.json by asking TypeScript (Node + npm `typescript@5`).

    python scripts/regen_resolve_golden.py            # every case
    python scripts/regen_resolve_golden.py paths-basic  # only the named cases

TypeScript is installed once into .corpora/node (git-ignored) with npm.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "resolve"
GOLDEN = REPO / "tests" / "golden" / "resolve"
NODE_DIR = REPO / ".corpora" / "node"
TS_SPEC = "typescript@5.9.3"


def ensure_typescript() -> Path:
    """Install TypeScript into .corpora/node unless it is already there."""
    module = NODE_DIR / "node_modules" / "typescript"
    if not (module / "package.json").is_file():
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        manifest = NODE_DIR / "package.json"
        if not manifest.is_file():
            manifest.write_text('{"name": "code-graph-corpora", "private": true}\n')
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", TS_SPEC],
            cwd=NODE_DIR,
            check=True,
        )
    return module


def main(argv: list[str]) -> int:
    typescript = ensure_typescript()
    cases = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
    if argv:
        cases = [c for c in cases if c.name in set(argv)]
    GOLDEN.mkdir(parents=True, exist_ok=True)
    script = REPO / "scripts" / "ts_resolve_golden.mjs"
    for case in cases:
        out = GOLDEN / f"{case.name}.json"
        subprocess.run(["node", str(script), str(case), str(out), str(typescript)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
