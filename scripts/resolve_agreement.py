"""Measure how often our resolver agrees with TypeScript on real published TS sources.

    python scripts/resolve_agreement.py [--keep-going] [--show N]

Downloads (npm pack) a few packages that ship their TypeScript sources, assembles them into
a mini-monorepo under .corpora/agreement/ (npm workspaces `packages/*`, a root tsconfig with
moduleResolution bundler, each package's own tsconfig files where it ships them), asks
TypeScript for every import (scripts/ts_resolve_golden.mjs, TypeScript linked the workspace
packages into node_modules the way `npm install` would), then runs our resolver twice: with
those node_modules links present, and without any node_modules (a fresh checkout).

Prints precision and recall of internal file-to-file edges against TypeScript: an edge is
an import whose target is an indexed source file (JSON targets are excluded; TypeScript may
resolve them, we never return them as edges).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from regen_resolve_golden import REPO, ensure_typescript

from code_graph.model import ImportKind, Resolution
from code_graph.resolve import DiskFileSystem, ModuleResolver

PACKAGES = (
    "rxjs@7.8.2",
    "zod@3.25.76",
    "effect@3.22.4",
    "@tanstack/query-core@5.108.0",
    "@tanstack/react-query@5.108.0",
    "@trpc/server@11.25.2",
    "@trpc/client@11.25.2",
)
CORPUS = REPO / ".corpora" / "agreement" / "monorepo"
SOURCE = re.compile(r"\.(?:[cm]?tsx?|[cm]?jsx?)$")
CONFIG = re.compile(r"^(?:tsconfig.*\.json|jsconfig\.json|package\.json|pnpm-workspace\.yaml)$")
# The root tsconfig (governing every file outside rxjs, which ships its own) per variant.
VARIANTS = {
    "bundler": {"module": "esnext", "moduleResolution": "bundler", "allowJs": True},
    "nodenext": {"module": "nodenext", "allowJs": True},
    "node10": {"module": "commonjs", "allowJs": True},
}


def assemble() -> dict[str, str]:
    """Download and unpack the packages once; returns the node_modules links to create."""
    links: dict[str, str] = {}
    packages = CORPUS / "packages"
    if not (CORPUS / "case.json").is_file():
        shutil.rmtree(CORPUS, ignore_errors=True)
        packages.mkdir(parents=True)
        with tempfile.TemporaryDirectory() as tmp:
            for spec in PACKAGES:
                out = subprocess.run(
                    ["npm", "pack", "--silent", "--pack-destination", tmp, spec],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.split()[-1]
                name = spec.rsplit("@", 1)[0]
                target = packages / name.replace("/", "__").lstrip("@")
                with tarfile.open(Path(tmp) / out) as archive:
                    archive.extractall(target, filter="data")
                (target / "package").rename(target.with_suffix(".tmp"))
                target.rmdir()
                target.with_suffix(".tmp").rename(target)
                links[f"node_modules/{name}"] = f"packages/{target.name}"
        manifest = {"name": "agreement-monorepo", "private": True, "workspaces": ["packages/*"]}
        (CORPUS / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
        (CORPUS / "case.json").write_text(json.dumps({"ts_links": links}, indent=2) + "\n")
    info = json.loads((CORPUS / "case.json").read_text())
    return dict(info["ts_links"])


def typescript_answers(typescript: Path) -> list[dict[str, object]]:
    out = CORPUS.parent / "typescript.json"
    script = REPO / "scripts" / "ts_resolve_golden.mjs"
    subprocess.run(
        ["node", str(script), str(CORPUS), str(out), str(typescript)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    entries: list[dict[str, object]] = json.loads(out.read_text())["entries"]
    return entries


def project_files(root: Path) -> tuple[list[str], list[str]]:
    sources: list[str] = []
    configs: list[str] = []
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "node_modules" and not d.startswith(".")]
        for name in files:
            rel = Path(directory, name).relative_to(root).as_posix()
            if SOURCE.search(name):
                sources.append(rel)
            if CONFIG.match(name):
                configs.append(rel)
    return sources, configs


def extracted_imports(
    entries: list[dict[str, object]],
) -> tuple[list[dict[str, object]], int, int]:
    """Our extractor's imports, each paired with TypeScript's answer for the same usage.

    Returns (paired entries, imports TypeScript did not list, TypeScript imports we missed).
    """
    from code_graph.extract import extract_file

    answers: dict[tuple[str, str, str], dict[str, object]] = {}
    for entry in entries:
        key = (str(entry["importer"]), str(entry["specifier"]), str(entry["kind"]))
        answers.setdefault(key, entry)
    paired: list[dict[str, object]] = []
    unknown = 0
    seen: set[tuple[str, str, str]] = set()
    for importer in sorted({str(e["importer"]) for e in entries}):
        facts = extract_file(importer, (CORPUS / importer).read_bytes())
        for record in facts.imports:
            key = (importer, record.specifier, record.kind.value)
            answer = answers.get(key)
            if answer is None:
                unknown += 1
                continue
            seen.add(key)
            paired.append({**answer, "type_only": record.type_only})
    return paired, unknown, len(answers.keys() - seen)


def internal_target(path: object, sources: set[str]) -> str | None:
    if not isinstance(path, str) or "node_modules" in path.split("/"):
        return None
    return path if path in sources else None


def compare(entries: list[dict[str, object]], linked: bool, show: int) -> tuple[float, float, int]:
    sources, configs = project_files(CORPUS)
    source_set = set(sources)
    resolver = ModuleResolver(DiskFileSystem(CORPUS), sources, configs)
    started = time.perf_counter()
    ours: list[Resolution] = [
        resolver.resolve(
            str(e["specifier"]),
            str(e["importer"]),
            kind=ImportKind(str(e["kind"])),
        )
        for e in entries
    ]
    elapsed = time.perf_counter() - started
    true_pos = false_pos = false_neg = 0
    problems: Counter[str] = Counter()
    examples: list[str] = []
    config_mismatch = 0
    for entry, resolution in zip(entries, ours, strict=True):
        theirs = internal_target(entry["resolved"], source_set)
        mine = resolution.file
        config = resolver.governing_config(str(entry["importer"]))
        if (config.path if config else None) != entry["config"]:
            config_mismatch += 1
        if theirs is not None and mine == theirs:
            true_pos += 1
            continue
        if mine is not None:
            false_pos += 1
        if theirs is not None:
            false_neg += 1
        if mine is not None or theirs is not None:
            kind = "extra" if theirs is None else "missing" if mine is None else "different"
            problems[kind] += 1
            if len(examples) < show:
                examples.append(
                    f"  {kind}: {entry['importer']} {entry['specifier']!r} "
                    f"({entry['kind']}): ours={mine or resolution.reason or resolution.method} "
                    f"ts={entry['resolved']} [{resolution.detail}]"
                )
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    label = "with node_modules links" if linked else "without node_modules"
    print(f"\nour resolver {label}: {len(entries)} imports resolved in {elapsed:.3f}s")
    print(f"  internal edges: TypeScript {true_pos + false_neg}, ours {true_pos + false_pos}")
    print(f"  precision {precision:.4%}  recall {recall:.4%}  ({dict(problems)})")
    print(f"  governing config differs for {config_mismatch} imports")
    print("\n".join(examples))
    return precision, recall, len(entries)


def with_links(links: dict[str, str], create: bool) -> None:
    for link, target in links.items():
        at = CORPUS / link
        if create:
            at.parent.mkdir(parents=True, exist_ok=True)
            if not at.is_symlink():
                at.symlink_to(os.path.relpath(CORPUS / target, at.parent))
        elif at.is_symlink():
            at.unlink()
    if not create:
        shutil.rmtree(CORPUS / "node_modules", ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=15, help="disagreements to print")
    parser.add_argument("--variant", choices=sorted(VARIANTS), action="append")
    parser.add_argument(
        "--imports",
        choices=("extract", "typescript"),
        default="extract",
        help="take imports from code_graph.extract (default) or from TypeScript's AST",
    )
    args = parser.parse_args()
    typescript = ensure_typescript()
    links = assemble()
    print(f"corpus: {', '.join(PACKAGES)}")
    results: list[tuple[float, float, int]] = []
    for variant in args.variant or sorted(VARIANTS):
        root_config = {"compilerOptions": VARIANTS[variant]}
        (CORPUS / "tsconfig.json").write_text(json.dumps(root_config, indent=2) + "\n")
        with_links(links, create=False)
        entries = typescript_answers(typescript)
        print(f"\n=== root tsconfig: {VARIANTS[variant]} ({len(entries)} imports)")
        if args.imports == "extract":
            try:
                entries, unknown, missed = extracted_imports(entries)
            except Exception as e:  # the extractor is optional here; fall back to TS's list
                print(f"code_graph.extract unusable ({e!r}); using TypeScript's import list")
            else:
                print(
                    f"imports from code_graph.extract: {len(entries)} paired with TypeScript's;"
                    f" {unknown} not in TypeScript's list, {missed} of TypeScript's not found"
                )
        results.append(compare(entries, linked=False, show=args.show))
        with_links(links, create=True)
        try:
            results.append(compare(entries, linked=True, show=args.show))
        finally:
            with_links(links, create=False)
    ok = all(p >= 0.995 and r >= 0.99 for p, r, _ in results)
    print("\ntarget precision >= 99.5%, recall >= 99%:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
