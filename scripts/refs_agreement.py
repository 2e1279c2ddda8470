"""Measure how well `code-graph refs` agrees with TypeScript's `findReferences`.

    python scripts/refs_agreement.py --repo hono --repo zod    # real repositories
    python scripts/refs_agreement.py --repo all --sample 300   # every one of refs_repos.toml
    python scripts/refs_agreement.py                           # the `small` corpus set
    python scripts/refs_agreement.py --set monorepo            # TanStack Query as a monorepo
    python scripts/refs_agreement.py --corpus DIR              # any folder (copied first)
    python scripts/refs_agreement.py --fixtures                # tests/fixtures/refs vs goldens
    options: --sample N (non-member symbols, default 400; 0: all) --members M (default N/3)
             --seed S --show N --report FILE --markdown FILE --mirrors DIR --fresh

`--repo NAME` takes a repository of scripts/refs_repos.toml: it is laid out from its bare
mirror (the `fetch` tool's github:OWNER/NAME under --mirrors, default /work/.mirror) at the
pinned commit into .corpora/refs-agreement/NAME/ with the listed folders as its code-graph
include, and TypeScript reads the repository's own tsconfig. A corpus set is fetched with
scripts/fetch_corpus.py into .corpora/set-<name>/ and copied to .corpora/refs-agreement/<name>/
(so that no other user of the corpus sees our .code-graph/); workspace packages of a
monorepo without a root tsconfig.json are mapped to their `src/index.ts` with `paths`.

Each project is indexed with code-graph and a seeded sample of its top-level declarations
(functions, classes, interfaces, type aliases, enums, components, variables; exported or
not) and of the members of its top-level classes and interfaces (methods but constructors,
properties) is asked of scripts/ts_refs_golden.mjs; code-graph's answers come from
`code_graph.query.refs.find_references`. TypeScript's answers do not depend on the engine:
they are cached in .corpora/refs-agreement/NAME.typescript.json and only symbols not asked
before (same sources, files, tsconfig and declaration) are asked again (`--fresh`: all), so a
re-measurement after an engine change takes seconds. `--fixtures` needs no Node: it reads the
committed goldens of tests/golden/refs/.

refs_compare.py has the conventions (docs/refs-agreement.md): line level, precision and
recall per symbol kind under `every use` (issue #14's target) and `claimed` (the kinds `refs`
covered before). Every disagreement goes to the JSON report (default
.corpora/refs-report.json) with the symbol, file, line, the line's source text, the kind, the
syntax of TypeScript's entry and a use-shape category; `--markdown` writes the summary tables.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refs_compare import MEMBER_KINDS, Outcome, compare_project
from refs_report import markdown_summary, print_outcome, report_document
from refs_repos import DEFAULT_MIRRORS, Repo, RepoError, lay_out, load_repos
from regen_refs_golden import FIXTURES, GOLDEN, ask_typescript, index_and_export, reference_row
from regen_resolve_golden import REPO, TS_SPEC, ensure_typescript

CORPORA = REPO / ".corpora"
DECLARATION_KINDS = frozenset(
    {"function", "class", "interface", "type", "enum", "component", "variable"}
)
MEMBER_PARENTS = frozenset({"class", "interface"})
# `const { a } = require("x")`, `const m = await import("x")`: imports, not declarations.
IMPORT_BINDING = re.compile(r"=\s*(?:await\s+)?(?:require|import)\s*\(")


# --- fixtures ---------------------------------------------------------------------------


def run_fixtures() -> list[Outcome]:
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


def eligible_symbols(export: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(top-level declarations, members of top-level classes and interfaces) to compare.

    Overloads and merged declarations (`~2` identities) are one symbol for TypeScript: only
    the first declaration is asked about.
    """
    parents = {
        (s["file"], s["qualified_name"])
        for s in export["symbols"]
        if s["parent"] is None and s["kind"] in MEMBER_PARENTS
    }
    declarations, members = [], []
    for s in export["symbols"]:
        if "~" in s["id"].rsplit("@", 1)[-1]:
            continue
        if s["parent"] is None and s["kind"] in DECLARATION_KINDS:
            if s["kind"] == "variable" and IMPORT_BINDING.search(s.get("signature") or ""):
                continue
            declarations.append(_asked(s))
        elif (
            s["kind"] in MEMBER_KINDS
            and s["name"] != "constructor"
            and (s["file"], s["parent"]) in parents
        ):
            members.append(_asked(s))
    return declarations, members


_ASKED = ("file", "name", "qualified_name", "kind", "line", "end_line")


def _asked(s: dict[str, Any]) -> dict[str, Any]:
    return {"key": s["id"], **{k: s[k] for k in _ASKED}}


def sample_symbols(
    export: dict[str, Any], size: int, members: int | None, seed: int
) -> tuple[list[dict[str, Any]], str]:
    """A seeded sample of `size` declarations and `members` members (0: all; members default
    to size // 3), in file order, and a line saying how many of how many."""
    declarations, member_symbols = eligible_symbols(export)
    if members is None:
        members = size // 3
    rng = random.Random(seed)
    chosen = []
    for pool, n in ((declarations, size), (member_symbols, members)):
        chosen += rng.sample(pool, n) if n and len(pool) > n else pool
    picked = sum(1 for s in chosen if s["kind"] in MEMBER_KINDS)
    line = (
        f"{len(chosen) - picked} of {len(declarations)} declarations, "
        f"{picked} of {len(member_symbols)} members"
    )
    return sorted(chosen, key=lambda s: (s["file"], s["line"], s["key"])), line


def measure(
    name: str,
    root: Path,
    size: int,
    members: int | None,
    seed: int,
    tsconfig: str | None,
    source: str,
    fresh: bool,
) -> Outcome:
    """Index `root`, ask TypeScript about a sample (or reuse its cached answers), compare;
    timings in `about`."""
    started = time.perf_counter()
    export = index_and_export(root)
    indexed = time.perf_counter()
    files = [f["path"] for f in export["files"]]
    symbols, sampled = sample_symbols(export, size, members, seed)
    print(f"{name}: {len(files)} files, {sampled}", file=sys.stderr)
    cache = root.parent / f"{name}.typescript.json"
    document, asked = answers(cache, root, files, symbols, tsconfig, source, fresh)
    answered = time.perf_counter()
    outcome = compare_project(name, root, as_golden(document), export)
    outcome.about.update(
        files=len(files),
        sampled=sampled,
        typescript=document["typescript"],
        typescript_config=document["config"],
        asked_typescript=asked,
        seconds={
            "index": round(indexed - started, 1),
            "typescript": round(answered - indexed, 1),
            "compare": round(time.perf_counter() - answered, 1),
        },
    )
    return outcome


def answers(
    cache: Path,
    root: Path,
    files: list[str],
    symbols: list[dict[str, Any]],
    tsconfig: str | None,
    source: str,
    fresh: bool,
) -> tuple[dict[str, Any], int]:
    """TypeScript's answers for `symbols` and how many had to be asked. Answers depend only on
    the sources (`source`: a commit), the file list, the config and the symbol's declaration,
    not on the engine: they are kept in `cache` and reused while those agree, so that
    re-measuring a changed engine takes seconds (`fresh`: ask again)."""
    identity = {
        "source": source,
        "typescript": TS_SPEC,
        "tsconfig": tsconfig,
        "files": hashlib.sha256("\n".join(sorted(files)).encode()).hexdigest(),
    }
    stored: dict[str, Any] = {}
    if cache.is_file() and not fresh:
        candidate = json.loads(cache.read_text())
        if candidate.get("identity") == identity:
            stored = candidate
    known = {s["key"]: s for s in stored.get("symbols", [])}
    header = {k: stored[k] for k in ("typescript", "config") if k in stored}
    missing = [s for s in symbols if _asked_as(known.get(s["key"])) != s]
    if missing or not header:
        document = ask_typescript(root, files, missing, ensure_typescript(), tsconfig=tsconfig)
        known.update((s["key"], s) for s in document["symbols"])
        header = {"typescript": document["typescript"], "config": document["config"]}
    cache.write_text(json.dumps({**header, "identity": identity, "symbols": list(known.values())}))
    return {**header, "symbols": [known[s["key"]] for s in symbols]}, len(missing)


def _asked_as(answer: dict[str, Any] | None) -> dict[str, Any] | None:
    """The request an answer was given for (the fields sample_symbols asks with)."""
    if answer is None:
        return None
    return {k: answer.get(k) for k in ("key", *_ASKED)}


def run_corpus(set_name: str | None, corpus: Path | None, args: argparse.Namespace) -> Outcome:
    name, root = prepare_corpus(set_name, corpus)
    if write_workspace_tsconfig(root):
        print(f"{name}: wrote a root tsconfig.json mapping workspace packages", file=sys.stderr)
    return measure(
        name, root, args.sample, args.members, args.seed, None, f"corpus {name}", args.fresh
    )


def run_repo(repo: Repo, args: argparse.Namespace) -> Outcome:
    started = time.perf_counter()
    root, missing = lay_out(repo, args.mirrors, CORPORA / "refs-agreement")
    laid_out = time.perf_counter() - started
    if missing:
        shown = ", ".join(missing[:3]) + (", …" if len(missing) > 3 else "")
        print(
            f"{repo.name}: {len(missing)} files not in the mirror, left out: {shown}",
            file=sys.stderr,
        )
    outcome = measure(
        repo.name,
        root,
        args.sample,
        args.members,
        args.seed,
        repo.tsconfig,
        f"{repo.github}@{repo.commit}",
        args.fresh,
    )
    outcome.about.update(
        github=repo.github,
        commit=repo.commit,
        shape=repo.shape,
        include=" ".join(repo.include),
        tsconfig=repo.tsconfig,
        missing_from_mirror=missing,
    )
    outcome.about["seconds"]["layout"] = round(laid_out, 1)
    return outcome


def as_golden(document: dict[str, Any]) -> dict[str, Any]:
    """ts_refs_golden.mjs output in the golden files' shape (references as lists), each row's
    extra fields keeping the entry's syntax."""
    symbols = []
    for symbol in document["symbols"]:
        entry = {k: v for k, v in symbol.items() if k != "references"}
        if symbol.get("found"):
            entry["references"] = [_row(r) for r in symbol["references"]]
        symbols.append(entry)
    return {**document, "symbols": symbols}


def _row(reference: dict[str, Any]) -> list[Any]:
    row = reference_row(reference)
    if "syntax" not in reference:
        return row
    extra = row[5] if len(row) > 5 else {}
    return [*row[:5], {**extra, "syntax": reference["syntax"]}]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--repo", action="append", help="a name of refs_repos.toml, or all")
    where.add_argument("--set", dest="set_name", choices=("small", "monorepo"))
    where.add_argument("--corpus", type=Path)
    where.add_argument("--fixtures", action="store_true")
    parser.add_argument("--sample", type=int, default=400, help="declarations (0: all)")
    parser.add_argument("--members", type=int, default=None, help="members (default N/3)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=3, help="examples per category")
    parser.add_argument("--report", type=Path, default=CORPORA / "refs-report.json")
    parser.add_argument("--markdown", type=Path, help="write the summary tables here")
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS)
    parser.add_argument("--fresh", action="store_true", help="ask TypeScript again")
    args = parser.parse_args(argv)
    failed: list[str] = []
    if args.fixtures:
        outcomes = run_fixtures()
    elif args.repo:
        try:
            repos = load_repos()
        except RepoError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        names = list(repos) if args.repo == ["all"] else args.repo
        unknown = sorted(set(names) - set(repos))
        if unknown:
            parser.error(f"unknown --repo {unknown}; refs_repos.toml has {sorted(repos)}")
        outcomes = []
        for name in names:  # one repository that cannot be laid out costs only itself
            try:
                outcomes.append(run_repo(repos[name], args))
            except RepoError as e:
                print(f"error: {e}", file=sys.stderr)
                failed.append(name)
    else:
        set_name = args.set_name or ("small" if args.corpus is None else None)
        outcomes = [run_corpus(set_name, args.corpus, args)]
    for outcome in outcomes:
        print_outcome(outcome, args.show)
    if len(outcomes) > 1:
        total = Outcome.empty("all")
        for outcome in outcomes:
            total.merge(outcome)
        print_outcome(total, 0)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report_document(outcomes), indent=1) + "\n")
    print(f"report: {args.report}")
    if args.markdown:
        command = shlex.join(["python", "scripts/refs_agreement.py", *(argv or sys.argv[1:])])
        args.markdown.write_text(markdown_summary(outcomes, command, args.show))
        print(f"summary: {args.markdown}")
    if failed:
        print(f"not measured: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
