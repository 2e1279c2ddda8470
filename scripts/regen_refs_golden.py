"""Regenerate tests/golden/refs/*.json: TypeScript's `findReferences` for every symbol of the
fixture repos under tests/fixtures/refs/ (Node + npm `typescript@5.9.3`).

    python scripts/regen_refs_golden.py              # every case
    python scripts/regen_refs_golden.py barrels      # only the named cases

Each fixture is copied to a temporary folder and indexed with code-graph; the symbols to ask
about are taken from our own export (see `select_symbols`), and scripts/ts_refs_golden.mjs
asks TypeScript's LanguageService about each one at its declaration name. The golden file
keeps every reference entry TypeScript returned inside the fixture, classified by syntactic
kind and scope (docs/refs-agreement.md explains the convention that decides which of them a
`refs` answer must contain). TypeScript is installed once into .corpora/node (git-ignored),
the same place scripts/regen_resolve_golden.py uses.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from regen_resolve_golden import REPO, ensure_typescript

FIXTURES = REPO / "tests" / "fixtures" / "refs"
GOLDEN = REPO / "tests" / "golden" / "refs"
SCRIPT = REPO / "scripts" / "ts_refs_golden.mjs"

FIELDS = json.dumps(
    ["file", "line", "column", "kind", "scope", {"statement": 0, "origin": "", "receiver": ""}]
)

# Symbols asked about: every symbol of these kinds, and exported variables.
SELECTED_KINDS = frozenset(
    {"function", "class", "method", "interface", "type", "enum", "component"}
)


def select_symbols(export: dict[str, Any]) -> list[dict[str, Any]]:
    """The symbols of an export document to compare, in a stable order.

    Overloads and merged declarations (`~2` identities) are one symbol for TypeScript: only
    the first declaration is asked about.
    """
    chosen: list[dict[str, Any]] = []
    for symbol in export["symbols"]:
        if "~" in symbol["id"].rsplit("@", 1)[-1]:
            continue
        if symbol["kind"] in SELECTED_KINDS or (
            symbol["kind"] == "variable" and symbol["exported"] != "none"
        ):
            chosen.append(
                {
                    "key": symbol["id"],
                    "file": symbol["file"],
                    "name": symbol["name"],
                    "qualified_name": symbol["qualified_name"],
                    "kind": symbol["kind"],
                    "line": symbol["line"],
                    "end_line": symbol["end_line"],
                }
            )
    return chosen


def index_and_export(root: Path) -> dict[str, Any]:
    """Index `root` with code-graph (in process) and return its JSON export document."""
    from code_graph.index import index_project
    from code_graph.query.export import export_graph
    from code_graph.render.json_format import export_document
    from code_graph.store import Store

    index_project(root, workers=1)
    with Store.open_for_reading(root) as store:
        return export_document(export_graph(store))


def ask_typescript(
    root: Path,
    files: list[str],
    symbols: list[dict[str, Any]],
    typescript: Path,
    compiler_options: dict[str, Any] | None = None,
    tsconfig: str | None = None,
    mode: str | None = None,
) -> dict[str, Any]:
    """Run scripts/ts_refs_golden.mjs over `root` for `symbols` (with the options of the
    root-relative `tsconfig`, else the root's tsconfig.json); returns its output document."""
    with tempfile.TemporaryDirectory() as tmp:
        request = Path(tmp) / "input.json"
        answer = Path(tmp) / "output.json"
        payload: dict[str, Any] = {"files": files, "symbols": symbols}
        if compiler_options:
            payload["compilerOptions"] = compiler_options
        if tsconfig:
            payload["tsconfig"] = tsconfig
        if mode:  # "implementations": getImplementationAtPosition instead of findReferences
            payload["mode"] = mode
        request.write_text(json.dumps(payload))
        subprocess.run(
            [
                "node",
                f"--max-old-space-size={os.environ.get('TS_HEAP_MB', '4096')}",
                str(SCRIPT),
                str(root),
                str(request),
                str(answer),
                str(typescript),
            ],
            check=True,
        )
        document: dict[str, Any] = json.loads(answer.read_text())
    return document


def reference_row(reference: dict[str, Any]) -> list[Any]:
    """[file, line, column, kind, scope] plus {statement, origin, receiver} when known."""
    row: list[Any] = [reference[k] for k in ("file", "line", "column", "kind", "scope")]
    extra = {k: reference[k] for k in ("statement", "origin", "receiver") if k in reference}
    return [*row, extra] if extra else row


def golden_text(case: str, document: dict[str, Any]) -> str:
    """The golden file: one symbol per block, one reference per line (reviewable diffs)."""
    blocks = []
    for symbol in document["symbols"]:
        head = {
            "key": symbol["key"],
            "file": symbol["file"],
            "name": symbol["name"],
            "qualified_name": symbol["qualified_name"],
            "kind": symbol["kind"],
            "line": symbol["line"],
        }
        if not symbol.get("found"):
            head["problem"] = symbol.get("problem")
            blocks.append("    " + json.dumps(head))
            continue
        head["name_column"] = symbol["name_column"]
        refs = [json.dumps(reference_row(r)) for r in symbol["references"]]
        inner = ",\n".join(f"        {r}" for r in refs)
        body = json.dumps(head)[:-1] + ', "references": [\n' + inner + "\n    ]}"
        blocks.append("    " + body)
    header = json.dumps({"case": case, "typescript": document["typescript"]})[1:-1]
    config = json.dumps(document["config"])
    return (
        "{"
        + header
        + f', "config": {config},\n  "reference_fields": {FIELDS},'
        + '\n  "symbols": [\n'
        + ",\n".join(blocks)
        + "\n  ]\n}\n"
    )


def regenerate(case: Path, typescript: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / case.name
        shutil.copytree(case, root)
        export = index_and_export(root)
        files = [f["path"] for f in export["files"]]
        document = ask_typescript(root, files, select_symbols(export), typescript)
    out = GOLDEN / f"{case.name}.json"
    text = golden_text(case.name, document)
    json.loads(text)  # the hand-laid-out file must stay valid JSON
    out.write_text(text)
    return out


def main(argv: list[str]) -> int:
    typescript = ensure_typescript()
    cases = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
    if argv:
        cases = [c for c in cases if c.name in set(argv)]
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for case in cases:
        print(regenerate(case, typescript).relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
