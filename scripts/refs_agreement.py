"""Measure how well `code-graph refs` agrees with TypeScript's `findReferences`.

    python scripts/refs_agreement.py                       # the `small` corpus set
    python scripts/refs_agreement.py --set monorepo        # TanStack Query as a monorepo
    python scripts/refs_agreement.py --corpus DIR          # any folder (copied first)
    python scripts/refs_agreement.py --fixtures            # tests/fixtures/refs vs goldens
    options: --sample N (default 400; 0: all) --seed S --show N --report FILE

A corpus set is fetched with scripts/fetch_corpus.py into .corpora/set-<name>/ and copied to
.corpora/refs-agreement/<name>/ (so that no other user of the corpus sees our .code-graph/),
indexed with code-graph, and N symbols are sampled (seeded) among the exported functions,
classes, interfaces, type aliases, enums, components and variables, and the methods of exported
classes and interfaces. scripts/ts_refs_golden.mjs asks TypeScript about each (workspace
packages of a monorepo are mapped to their `src/index.ts` with `paths`, as TypeScript would
need a build otherwise); code-graph's own `refs` answers come from
`code_graph.query.refs.find_references`. `--fixtures` needs no Node: it reads the committed
goldens of tests/golden/refs/.

The convention (docs/refs-agreement.md) compares (file, line) pairs:
- TypeScript's declarations (kind `declaration`) are never references;
- precision: our lines that are any TypeScript reference line (any kind, any scope), over our
  lines; a `re-export` of ours on an `export * from` line (no name there for TypeScript to
  list) is neutral: counted neither right nor wrong;
- recall: TypeScript's in-scope lines we list, over TypeScript's in-scope lines, where
  in-scope means scope `self` and a kind `refs` claims to cover (IN_SCOPE); recall against
  every TypeScript reference line is printed too.
File-level: the same with the set of files instead of lines.

Every disagreement goes to the JSON report (default .corpora/refs-report.json) with the
symbol, file, line, the line's source text, TypeScript's or our kind, and a category.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from regen_refs_golden import (
    FIXTURES,
    GOLDEN,
    ask_typescript,
    index_and_export,
    reference_row,
    select_symbols,
)
from regen_resolve_golden import REPO, ensure_typescript

from code_graph.query.refs import Reference, find_references, references_to
from code_graph.store.sqlite import Store

IN_SCOPE = frozenset(
    {"import", "re-export", "call", "new", "type", "typeof", "extends", "implements", "jsx"}
)
EXPORT_STAR = re.compile(r"^\s*export\s+(?:type\s+)?\*\s+from\b")
CORPORA = REPO / ".corpora"
SAMPLED_KINDS = frozenset(
    {"function", "class", "interface", "type", "enum", "component", "variable", "method"}
)

Line = tuple[str, int]


@dataclass
class Sources:
    """Source lines of one project, read on demand."""

    root: Path
    cache: dict[str, list[str]] = field(default_factory=dict)

    def line(self, file: str, line: int) -> str:
        if file not in self.cache:
            try:
                text = (self.root / file).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            self.cache[file] = text.splitlines()
        lines = self.cache[file]
        return lines[line - 1] if 0 < line <= len(lines) else ""


@dataclass
class Tally:
    """Micro-averaged counts over symbols (line level and file level)."""

    ours: int = 0
    ours_right: int = 0
    neutral: int = 0
    scope: int = 0
    scope_found: int = 0
    all: int = 0
    all_found: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def precision(self) -> float:
        return self.ours_right / self.ours if self.ours else 1.0

    def recall(self) -> float:
        return self.scope_found / self.scope if self.scope else 1.0

    def recall_all(self) -> float:
        return self.all_found / self.all if self.all else 1.0


@dataclass
class SymbolResult:
    key: str
    lines: Tally
    files: Tally
    disagreements: list[dict[str, Any]]


def our_references(store: Store, symbol: dict[str, Any]) -> list[Reference] | None:
    """code-graph's refs for a golden symbol (None: the address names no such symbol)."""
    address = f"{symbol['file']}:{symbol['qualified_name']}"
    result = find_references(store, address)
    if result.lookup.symbol is not None and result.lookup.symbol.kind == symbol["kind"]:
        return result.references
    for match in result.lookup.matches:  # ambiguous: a class and an interface merged, …
        if match.kind == symbol["kind"] and match.line == symbol["line"]:
            return references_to(store, match)
    return None


@dataclass
class Answer:
    """TypeScript's entries for one symbol, by (file, line)."""

    every: dict[Line, set[str]]  # non-declaration lines -> kinds ("kind (related)" if related)
    scope: set[Line]  # in-scope lines (scope self, kind in IN_SCOPE)
    declarations: set[Line]
    columns: dict[Line, int]  # first in-scope column per line
    receivers: dict[Line, str]  # `recv.name` uses: how TypeScript typed the receiver
    statement_of: dict[Line, Line]  # import/export specifier line -> its statement's line


def typescript_answer(references: list[list[Any]]) -> Answer:
    """Group a golden symbol's entries by line; import, re-export and export entries are
    placed on their statement's first line (code-graph reports import sites there)."""
    answer = Answer(defaultdict(set), set(), set(), {}, {}, {})
    for file, line, column, kind, where, *rest in references:
        at = (file, line)
        extra = rest[0] if rest else {}
        statement = extra.get("statement")
        if statement is not None:
            answer.statement_of[at] = (file, statement)
            at = (file, statement)
        if kind == "declaration":
            answer.declarations.add(at)
            continue
        answer.every[at].add(kind if where == "self" else f"{kind} (related)")
        if where == "self" and kind in IN_SCOPE:
            answer.scope.add(at)
            answer.columns.setdefault(at, column)
            if "receiver" in extra:
                answer.receivers.setdefault(at, extra["receiver"])
    return answer


def miss_category(
    kind: str,
    text: str,
    column: int,
    symbol: dict[str, Any],
    linked_elsewhere: str | None,
    receiver: str | None = None,
) -> str:
    """Why we probably missed a TypeScript reference of `kind` at `column` of `text`."""
    if symbol["name"] == "constructor":
        return f"miss: constructor ({kind} site not attributed to C.constructor)"
    if linked_elsewhere:
        return f"miss: {kind} linked to another symbol ({linked_elsewhere})"
    if receiver is not None:
        return f"miss: {kind} recv.m() where recv is {receiver}"
    before = text[: column - 1].rstrip()
    if kind in ("call", "new", "type", "jsx", "extends", "implements", "typeof"):
        if before.endswith(("super.", "super?.")):
            return f"miss: {kind} super.m()"
        if re.search(r"(?<![\w$.])this\??\.$", before):
            return f"miss: {kind} this.m()"
        if re.search(r"(?<![\w$.])this\??\.[\w$#]+\??\.$", before):
            return f"miss: {kind} this.field.m()"
        if re.search(r"[)\]]\??\.$", before):
            return f"miss: {kind} on a call/index result (chained)"
        member = re.search(r"(?<![\w$.])([\w$]+)\??\.$", before)
        if member:
            if member.group(1)[:1].isupper():
                return f"miss: {kind} Capitalised.member (static, namespace or enum)"
            return f"miss: {kind} variable.member (receiver's type needed)"
        if before.endswith("."):
            return f"miss: {kind} deep member access (a.b.m)"
    return f"miss: {kind}"


def compare_symbol(
    symbol: dict[str, Any],
    ours: list[Reference],
    sources: Sources,
    edges_at: dict[Line, list[tuple[str, str]]],
) -> SymbolResult:
    """Line- and file-level tallies and the disagreements for one symbol."""
    answer = typescript_answer(symbol["references"])
    every = set(answer.every)
    our_lines: dict[Line, list[Reference]] = defaultdict(list)
    for reference in ours:
        at = (reference.file, reference.line)
        if reference.kind in ("import", "re-export"):
            at = answer.statement_of.get(at, at)
        our_lines[at].append(reference)
    neutral = {
        at
        for at, refs in our_lines.items()
        if at not in every
        and all(r.kind == "re-export" for r in refs)
        and EXPORT_STAR.match(sources.line(*at))
    }
    counted = set(our_lines) - neutral
    lines = Tally(
        ours=len(counted),
        ours_right=len(counted & every),
        neutral=len(neutral),
        scope=len(answer.scope),
        scope_found=len(answer.scope & counted),
        all=len(every),
        all_found=len(every & counted),
    )
    our_files = {f for f, _ in counted}
    every_files = {f for f, _ in every}
    scope_files = {f for f, _ in answer.scope}
    files = Tally(
        ours=len(our_files),
        ours_right=len(our_files & every_files),
        scope=len(scope_files),
        scope_found=len(scope_files & our_files),
        all=len(every_files),
        all_found=len(every_files & our_files),
    )
    found: list[dict[str, Any]] = []
    for at in sorted(answer.scope - counted):
        kind = sorted(k for k in answer.every[at] if k in IN_SCOPE)[0]
        text = sources.line(*at)
        others = [
            key
            for key, name in edges_at.get(at, [])
            if name == symbol["name"] and key != symbol["key"]
        ]
        category = miss_category(
            kind,
            text,
            answer.columns[at],
            symbol,
            others[0] if others else None,
            answer.receivers.get(at),
        )
        found.append(_row(symbol, at, text, "miss", kind, category))
    for at in sorted(counted - every):
        reference = our_lines[at][0]
        if at in answer.declarations:
            category = f"extra: {reference.kind} on a declaration line"
        else:
            category = f"extra: {reference.kind} via {reference.method}"
        found.append(_row(symbol, at, sources.line(*at), "extra", reference.kind, category))
    for at in sorted(every - answer.scope - counted):
        kind = sorted(answer.every[at])[0]
        category = f"convention: {kind}"
        found.append(_row(symbol, at, sources.line(*at), "out-of-scope", kind, category))
    return SymbolResult(symbol["key"], lines, files, found)


def _row(
    symbol: dict[str, Any], at: Line, text: str, direction: str, kind: str, category: str
) -> dict[str, Any]:
    return {
        "symbol": symbol["key"],
        "file": at[0],
        "line": at[1],
        "text": text.strip(),
        "direction": direction,
        "kind": kind,
        "category": category,
    }


@dataclass
class Outcome:
    name: str
    symbols: int
    skipped: dict[str, int]
    lines: Tally
    files: Tally
    disagreements: list[dict[str, Any]]


def compare_project(
    name: str, root: Path, document: dict[str, Any], export: dict[str, Any]
) -> Outcome:
    """Compare every symbol of a TypeScript answer document with our refs over `root`."""
    names = {s["id"]: s["name"] for s in export["symbols"]}
    edges_at: dict[Line, list[tuple[str, str]]] = defaultdict(list)
    for edge in export.get("symbol_edges", []):
        if edge["to"] in names:
            edges_at[(edge["file"], edge["line"])].append((edge["to"], names[edge["to"]]))
    sources = Sources(root)
    lines, files = Tally(), Tally()
    skipped: Counter[str] = Counter()
    disagreements: list[dict[str, Any]] = []
    compared = 0
    store = Store.open_for_reading(root)
    try:
        for symbol in document["symbols"]:
            if "references" not in symbol:
                skipped[f"TypeScript: {symbol.get('problem')}"] += 1
                continue
            ours = our_references(store, symbol)
            if ours is None:
                skipped["code-graph: address not found"] += 1
                continue
            result = compare_symbol(symbol, ours, sources, edges_at)
            lines.add(result.lines)
            files.add(result.files)
            disagreements.extend(result.disagreements)
            compared += 1
    finally:
        store.close()
    return Outcome(name, compared, dict(skipped), lines, files, disagreements)


def print_outcome(outcome: Outcome, show: int) -> None:
    print(f"== {outcome.name}: {outcome.symbols} symbols compared")
    if outcome.skipped:
        print(f"   skipped: {outcome.skipped}")
    for label, tally in (("line", outcome.lines), ("file", outcome.files)):
        print(
            f"   {label}-level: precision {tally.precision():.3f} ({tally.ours_right}/{tally.ours})"
            f"  recall {tally.recall():.3f} ({tally.scope_found}/{tally.scope})"
            f"  recall vs every TS reference {tally.recall_all():.3f}"
            f" ({tally.all_found}/{tally.all})"
            + (f"  neutral {tally.neutral}" if tally.neutral else "")
        )
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in outcome.disagreements:
        by_category[row["category"]].append(row)
    for category, rows in sorted(by_category.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"   {len(rows):5d}  {category}")
        for row in rows[:show]:
            print(
                f"            {row['file']}:{row['line']}  {row['text'][:110]}   [{row['symbol']}]"
            )


def report_document(outcomes: list[Outcome]) -> dict[str, Any]:
    def metrics(t: Tally) -> dict[str, Any]:
        return {
            "precision": round(t.precision(), 4),
            "recall": round(t.recall(), 4),
            "recall_vs_every_reference": round(t.recall_all(), 4),
            "counts": vars(t),
        }

    return {
        "convention": "docs/refs-agreement.md",
        "in_scope_kinds": sorted(IN_SCOPE),
        "projects": [
            {
                "name": o.name,
                "symbols": o.symbols,
                "skipped": o.skipped,
                "line_level": metrics(o.lines),
                "file_level": metrics(o.files),
                "categories": dict(Counter(r["category"] for r in o.disagreements).most_common()),
                "disagreements": o.disagreements,
            }
            for o in outcomes
        ],
    }


# --- fixtures ---------------------------------------------------------------------------


def run_fixtures() -> list[Outcome]:
    import tempfile

    outcomes = []
    for golden in sorted(GOLDEN.glob("*.json")):
        document = json.loads(golden.read_text())
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / golden.stem
            shutil.copytree(FIXTURES / golden.stem, root)
            export = index_and_export(root)
            outcomes.append(compare_project(golden.stem, root, document, export))
    return outcomes


# --- real corpora -----------------------------------------------------------------------


def prepare_corpus(set_name: str | None, corpus: Path | None) -> tuple[str, Path]:
    """Fetch (a set) or take (a folder), copy under .corpora/refs-agreement/, return it."""
    if corpus is None:
        assert set_name is not None
        fetched = subprocess.run(
            [sys.executable, str(REPO / "scripts" / "fetch_corpus.py"), "--set", set_name],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        corpus = Path(fetched)
        name = set_name
    else:
        resolved = corpus.resolve()
        name = resolved.name if resolved.name != "src" else f"{resolved.parent.name}-src"
        name = name.removeprefix("set-")
    target = CORPORA / "refs-agreement" / name
    if not target.is_dir():
        shutil.copytree(
            corpus, target, ignore=shutil.ignore_patterns(".code-graph", "node_modules")
        )
    return name, target


def write_workspace_tsconfig(root: Path) -> bool:
    """Give a workspace without a root tsconfig.json one whose `paths` map each package name to
    its src/index.ts(x): both TypeScript and code-graph then resolve `@scope/pkg` to sources
    (a published package's `types` point at a build/ folder the corpus .gitignore hides)."""
    config = root / "tsconfig.json"
    if config.exists():
        return False
    options = workspace_paths(root)
    if options is None:
        return False
    compiler = {
        "target": "ES2022",
        "module": "ESNext",
        "moduleResolution": "Bundler",
        "jsx": "preserve",
        "allowJs": True,
        "strict": True,
        "skipLibCheck": True,
        **options,
    }
    config.write_text(json.dumps({"compilerOptions": compiler}, indent=2) + "\n")
    return True


def workspace_paths(root: Path) -> dict[str, Any] | None:
    """`paths` mapping each workspace package name to its src/index.ts(x), if any."""
    paths: dict[str, list[str]] = {}
    for manifest in sorted(root.glob("packages/*/package.json")):
        package = json.loads(manifest.read_text())
        for entry in ("src/index.ts", "src/index.tsx"):
            if (manifest.parent / entry).is_file():
                rel = (manifest.parent / entry).relative_to(root).as_posix()
                paths[package["name"]] = [rel]
                break
    if not paths:
        return None
    return {"baseUrl": ".", "paths": paths}


def sample_symbols(
    export: dict[str, Any], size: int, seed: int
) -> tuple[list[dict[str, Any]], int]:
    """Exported top-level symbols and the methods of exported classes/interfaces: a seeded
    sample of `size` (0: all) and how many were eligible."""
    exported_parents = {
        (s["file"], s["qualified_name"])
        for s in export["symbols"]
        if s["parent"] is None and s["exported"] != "none"
    }
    eligible_ids = set()
    for s in export["symbols"]:
        if s["kind"] not in SAMPLED_KINDS:
            continue
        if s["kind"] == "method":
            if s["name"] != "constructor" and (s["file"], s["parent"]) in exported_parents:
                eligible_ids.add(s["id"])
        elif s["parent"] is None and s["exported"] != "none":
            eligible_ids.add(s["id"])
    candidates = [s for s in select_symbols(export) if s["key"] in eligible_ids]
    # Exported variables are selected by select_symbols; exported methods' parents too.
    candidates += [
        {
            "key": s["id"],
            "file": s["file"],
            "name": s["name"],
            "qualified_name": s["qualified_name"],
            "kind": s["kind"],
            "line": s["line"],
            "end_line": s["end_line"],
        }
        for s in export["symbols"]
        if s["id"] in eligible_ids and s["id"] not in {c["key"] for c in candidates}
    ]
    eligible = len(candidates)
    if size and eligible > size:
        candidates = random.Random(seed).sample(candidates, size)
    return sorted(candidates, key=lambda s: (s["file"], s["line"], s["key"])), eligible


def run_corpus(set_name: str | None, corpus: Path | None, size: int, seed: int) -> Outcome:
    name, root = prepare_corpus(set_name, corpus)
    if write_workspace_tsconfig(root):
        print(f"{name}: wrote a root tsconfig.json mapping workspace packages", file=sys.stderr)
    export = index_and_export(root)
    files = [f["path"] for f in export["files"]]
    symbols, eligible = sample_symbols(export, size, seed)
    print(f"{name}: {len(files)} files, {len(symbols)} of {eligible} symbols", file=sys.stderr)
    document = ask_typescript(root, files, symbols, ensure_typescript())
    (root.parent / f"{name}.typescript.json").write_text(json.dumps(document))
    return compare_project(name, root, as_golden(document), export)


def as_golden(document: dict[str, Any]) -> dict[str, Any]:
    """ts_refs_golden.mjs output in the golden files' shape (references as lists)."""
    symbols = []
    for symbol in document["symbols"]:
        entry = {k: v for k, v in symbol.items() if k != "references"}
        if symbol.get("found"):
            entry["references"] = [reference_row(r) for r in symbol["references"]]
        symbols.append(entry)
    return {**document, "symbols": symbols}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--set", dest="set_name", choices=("small", "monorepo"))
    where.add_argument("--corpus", type=Path)
    where.add_argument("--fixtures", action="store_true")
    parser.add_argument("--sample", type=int, default=400, help="symbols (0: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=3, help="examples per category")
    parser.add_argument("--report", type=Path, default=CORPORA / "refs-report.json")
    args = parser.parse_args(argv)
    if args.fixtures:
        outcomes = run_fixtures()
    else:
        set_name = args.set_name or ("small" if args.corpus is None else None)
        outcomes = [run_corpus(set_name, args.corpus, args.sample, args.seed)]
    for outcome in outcomes:
        print_outcome(outcome, args.show)
    if len(outcomes) > 1:
        total = Outcome("all", sum(o.symbols for o in outcomes), {}, Tally(), Tally(), [])
        for outcome in outcomes:
            total.lines.add(outcome.lines)
            total.files.add(outcome.files)
            total.disagreements.extend(outcome.disagreements)
        print_outcome(total, 0)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report_document(outcomes), indent=1) + "\n")
    print(f"report: {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
