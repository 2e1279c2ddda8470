"""Measure how well `code-graph implementations` agrees with TypeScript's
getImplementationAtPosition, on repositories of scripts/refs_repos.toml.

    python scripts/implementations_agreement.py --repo typeorm --repo mikro-orm
    options: --sample N (per repository, default 120) --seed S --mirrors DIR

The repository is laid out and indexed as refs_agreement.py does (its index is reused). The
sample is drawn from what a reader would ask about, not from our own answers: top-level
interfaces and classes, the members of interfaces, and the abstract and `override` methods.
TypeScript is asked at the declaration name (`"mode": "implementations"` of
ts_refs_golden.mjs); each location it gives is mapped to the innermost of our symbols whose
span holds it, and the two sets of symbols are compared (the asked symbol itself, which
TypeScript lists when it has a body, is left out of both). Precision and recall are
micro-averaged over symbols; the misses and extras are printed. TypeScript's implementations
are structural too: an object literal anywhere whose contextual type is the interface (`f({
mode: 'x' })` with a parameter of that type) is one; such a location lies inside one of our
functions rather than at a class or member declaration, and is counted apart ("nominal"
recall leaves them out).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refs_repos import DEFAULT_MIRRORS, RepoError, lay_out, load_repos
from regen_refs_golden import ask_typescript, index_and_export
from regen_resolve_golden import ensure_typescript

from code_graph.query.implementations import find_implementations
from code_graph.store import Store

CORPORA = Path(__file__).resolve().parent.parent / ".corpora"
MEMBER_KINDS = frozenset({"method", "property"})
DECLARATION_HEAD = 3  # lines from a symbol's start (decorators) to its name


def sample(export: dict[str, Any], size: int, seed: int) -> list[dict[str, Any]]:
    symbols = [s for s in export["symbols"] if "~" not in s["id"].rsplit("@", 1)[-1]]
    interfaces = {(s["file"], s["qualified_name"]) for s in symbols if s["kind"] == "interface"}
    pool = []
    for s in symbols:
        if s["parent"] is None and s["kind"] in ("interface", "class"):
            pool.append(s)
        elif s["kind"] in MEMBER_KINDS and s["name"] not in ("", "constructor"):
            signature = s.get("signature") or ""
            head = signature.split(s["name"], 1)[0]
            if (s["file"], s["parent"]) in interfaces or "abstract" in head or "override" in head:
                pool.append(s)
    chosen = random.Random(seed).sample(pool, size) if len(pool) > size else pool
    asked = ("file", "name", "qualified_name", "kind", "line", "end_line")
    return [{"key": s["id"], **{k: s[k] for k in asked}} for s in chosen]


def innermost(
    spans: dict[str, list[dict[str, Any]]], file: str, line: int
) -> tuple[str, bool] | None:
    """Our innermost symbol whose span holds `file:line`, and whether the location is that
    class's or member's own declaration (else: an object literal inside it, or in a
    function)."""
    best = None
    for s in spans.get(file, ()):
        if s["line"] <= line <= s["end_line"] and (
            best is None or s["end_line"] - s["line"] < best["end_line"] - best["line"]
        ):
            best = s
    if best is None:
        return None
    nominal = best["kind"] in ("class", "interface", "method", "property") and (
        line - best["line"] <= DECLARATION_HEAD
    )
    return str(best["id"]), nominal


def measure(name: str, root: Path, size: int, seed: int, tsconfig: str | None) -> list[int]:
    export = index_and_export(root)
    files = [f["path"] for f in export["files"]]
    spans: dict[str, list[dict[str, Any]]] = {}
    for s in export["symbols"]:
        if s["kind"] in ("class", "interface", "method", "property", "variable", "function"):
            spans.setdefault(s["file"], []).append(s)
    asked = sample(export, size, seed)
    document = ask_typescript(
        root, files, asked, ensure_typescript(), tsconfig=tsconfig, mode="implementations"
    )
    ours_right = ours_all = theirs_found = theirs_all = nominal_found = nominal_all = 0
    rows = []
    with Store.open_for_reading(root) as store:
        for symbol in document["symbols"]:
            if not symbol.get("found"):
                continue
            key = symbol["key"]
            located = [innermost(spans, e["file"], e["line"]) for e in symbol["implementations"]]
            theirs = {found[0] for found in located if found is not None} - {key}
            nominal = {found[0] for found in located if found is not None and found[1]} - {key}
            result = find_implementations(store, f"{symbol['file']}:{symbol['qualified_name']}")
            if result.lookup.symbol is None:
                continue
            ours = {
                f"{i.symbol.file}#{i.symbol.qualified_name}@{i.symbol.kind}"
                for i in result.implementations
            } - {key}
            ours_all += len(ours)
            ours_right += len(ours & theirs)
            theirs_all += len(theirs)
            theirs_found += len(ours & theirs)
            nominal_all += len(nominal)
            nominal_found += len(ours & nominal)
            rows += [f"   miss  {key} -> {k}" for k in sorted(theirs - ours)]
            rows += [f"   extra {key} -> {k}" for k in sorted(ours - theirs)]
    precision = ours_right / ours_all if ours_all else 1.0
    recall = theirs_found / theirs_all if theirs_all else 1.0
    nominal_recall = nominal_found / nominal_all if nominal_all else 1.0
    print(
        f"{name}: {len(asked)} symbols; precision {precision:.3f} ({ours_right}/{ours_all}) "
        f"recall {recall:.3f} ({theirs_found}/{theirs_all}) "
        f"nominal recall {nominal_recall:.3f} ({nominal_found}/{nominal_all})"
    )
    print("\n".join(rows[:40]))
    return [ours_right, ours_all, theirs_found, theirs_all, nominal_found, nominal_all]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", action="append", required=True)
    parser.add_argument("--sample", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS)
    args = parser.parse_args(argv)
    repos = load_repos()
    totals = [0] * 6
    for name in args.repo:
        try:
            root, _missing = lay_out(repos[name], args.mirrors, CORPORA / "refs-agreement")
        except RepoError as e:
            print(f"error: {e}", file=sys.stderr)
            continue
        counts = measure(name, root, args.sample, args.seed, repos[name].tsconfig)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    right, ours, found, theirs, nominal_found, nominal = totals
    print(
        f"all: precision {right / ours if ours else 1:.3f} ({right}/{ours}) "
        f"recall {found / theirs if theirs else 1:.3f} ({found}/{theirs}) "
        f"nominal recall {nominal_found / nominal if nominal else 1:.3f} "
        f"({nominal_found}/{nominal})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
