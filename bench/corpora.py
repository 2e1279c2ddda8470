"""The benchmark corpora: synthetic monorepos of N files and real projects from the npm registry.

Everything lives under `.corpora/` (git-ignored) and is reused when already there:
- `synthetic-N`: `bench/synth.py` output (seeded), in `.corpora/bench/synthetic-N/`;
- `monorepo`: `scripts/fetch_corpus.py --set monorepo` (TanStack Query, 8 workspaces);
- `real`: a ~6,500-file / ~28 MB workspace monorepo assembled from published packages: the
  TypeScript sources (`src/`) of rxjs, zod, TanStack Query and tRPC, three.js (`src/` and
  `examples/jsm/`, ES modules), @mui/material (.js + .d.ts) and date-fns (.js + .d.ts). Only
  the kept files are copied, so every tool sees the same file set without ignore rules.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import synth

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO / ".corpora"
BENCH_CORPORA = CORPORA / "bench"
SOURCE_RE = re.compile(r"\.(?:[cm]?tsx?|[cm]?jsx?)$")
TSCONFIG_RE = re.compile(r"^tsconfig.*\.json$")


@dataclass(frozen=True, slots=True)
class Corpus:
    """A folder to benchmark, and what the peers need to see the same files."""

    name: str
    root: Path
    kind: str  # synthetic | real
    description: str
    tsconfig: str | None = None  # root-relative, for madge / dependency-cruiser
    exclude_regex: str | None = None  # what the project's ignore rules hide, for the peers
    meta: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RealPackage:
    spec: str  # name@version
    folder: str  # under packages/
    keep: Callable[[str], bool]


def _under(*prefixes: str) -> Callable[[str], bool]:
    return lambda rel: rel.startswith(prefixes)


def _suffix(*suffixes: str) -> Callable[[str], bool]:
    return lambda rel: rel.endswith(suffixes)


REAL_PACKAGES = (
    RealPackage("rxjs@7.8.2", "rxjs", _under("src/")),
    RealPackage("zod@3.25.76", "zod", _under("src/")),
    RealPackage("@tanstack/query-core@5.108.0", "query-core", _under("src/")),
    RealPackage("@tanstack/react-query@5.108.0", "react-query", _under("src/")),
    RealPackage("@trpc/server@11.25.2", "trpc-server", _under("src/")),
    RealPackage("@trpc/client@11.25.2", "trpc-client", _under("src/")),
    RealPackage("three@0.187.0", "three", _under("src/", "examples/jsm/")),
    RealPackage("@mui/material@9.5.0", "mui-material", _suffix(".js", ".d.ts")),
    RealPackage("date-fns@4.4.0", "date-fns", _suffix(".js", ".d.ts")),
    RealPackage("lodash-es@4.17.21", "lodash-es", _suffix(".js")),
)
REAL_TSCONFIG = {
    "compilerOptions": {
        "target": "es2022",
        "module": "esnext",
        "moduleResolution": "bundler",
        "allowJs": True,
        "jsx": "react-jsx",
    },
    "include": ["packages"],
}


def synthetic(files: int, seed: int = 7) -> Corpus:
    """The seeded synthetic monorepo of about `files` files (generated on first use)."""
    root = BENCH_CORPORA / f"synthetic-{files}"
    manifest_path = root / "synth.json"
    manifest: dict[str, object] | None = None
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text())
        if (manifest.get("generator"), manifest.get("seed"), manifest.get("requested_files")) != (
            synth.GENERATOR_VERSION,
            seed,
            files,
        ):
            manifest = None
    if manifest is None:
        manifest = synth.generate(files, root, seed)
    return Corpus(
        f"synthetic-{_short(files)}",
        root,
        "synthetic",
        f"bench/synth.py {files} (seed {seed}): {manifest['packages']} workspace packages",
        tsconfig="tsconfig.json",
        exclude_regex="(^|/)(node_modules|dist)/",
        meta=manifest,
    )


def _short(files: int) -> str:
    return f"{files // 1000}k" if files % 1000 == 0 else str(files)


def monorepo() -> Corpus:
    """TanStack Query's workspace packages (`scripts/fetch_corpus.py --set monorepo`)."""
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "fetch_corpus.py"), "--set", "monorepo"],
        check=True,
        capture_output=True,
        text=True,
        timeout=900,
    )
    root = CORPORA / "set-monorepo"
    return Corpus(
        "monorepo",
        root,
        "real",
        "TanStack Query: 8 npm workspaces (scripts/fetch_corpus.py --set monorepo); "
        "build/ and dist/ are git-ignored",
        tsconfig=None,
        exclude_regex="(^|/)(node_modules|build|dist)/",
    )


def real() -> Corpus:
    """The ~7,000-file real corpus (assembled on first use, reused after)."""
    root = BENCH_CORPORA / "real"
    manifest_path = root / "corpus.json"
    wanted = [p.spec for p in REAL_PACKAGES]
    if not (
        manifest_path.is_file() and json.loads(manifest_path.read_text())["packages"] == wanted
    ):
        _assemble_real(root)
    return Corpus(
        "real",
        root,
        "real",
        "npm workspaces of published sources: rxjs, zod, TanStack Query core/react, tRPC "
        "server/client (TS src/), three.js (src/ + examples/jsm/, JS), @mui/material and "
        "date-fns (.js + .d.ts), lodash-es (.js)",
        tsconfig="tsconfig.json",
        exclude_regex="(^|/)node_modules/",
        meta=json.loads(manifest_path.read_text()),
    )


def _assemble_real(root: Path) -> None:
    downloads = BENCH_CORPORA / "packages"
    staging = root.with_name(root.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "packages").mkdir(parents=True)
    files = 0
    size = 0
    for package in REAL_PACKAGES:
        out = subprocess.run(
            [
                sys.executable,
                str(REPO / "scripts" / "fetch_corpus.py"),
                package.spec,
                "--dest",
                str(downloads),
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=900,
        )
        source = Path(out.stdout.split()[-1])
        target = staging / "packages" / package.folder
        target.mkdir()
        shutil.copy2(source / "package.json", target / "package.json")
        for directory, dirs, names in os.walk(source):
            dirs[:] = [d for d in dirs if d != "node_modules"]
            for name in names:
                rel = Path(directory, name).relative_to(source).as_posix()
                is_source = SOURCE_RE.search(name) is not None and package.keep(rel)
                is_config = TSCONFIG_RE.match(name) is not None and (
                    "/" not in rel or package.keep(rel)
                )
                if is_source or is_config:
                    (target / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source / rel, target / rel)
                if is_source:
                    files += 1
                    size += (source / rel).stat().st_size
    manifest = {"name": "bench-real", "private": True, "workspaces": ["packages/*"]}
    (staging / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    (staging / "tsconfig.json").write_text(json.dumps(REAL_TSCONFIG, indent=2) + "\n")
    info = {
        "packages": [p.spec for p in REAL_PACKAGES],
        "source_files": files,
        "source_bytes": size,
    }
    (staging / "corpus.json").write_text(json.dumps(info, indent=2) + "\n")
    shutil.rmtree(root, ignore_errors=True)
    staging.rename(root)


def source_stats(root: Path) -> tuple[int, int]:
    """(files, bytes) of indexable sources as the indexer's walker sees them."""
    from code_graph.config import load_config
    from code_graph.walk import walk_project

    project = walk_project(root.resolve(), load_config(root.resolve()))
    return len(project.sources), sum(s.size for s in project.sources)


def resolve(names: list[str], sizes: list[int]) -> list[Corpus]:
    """The corpora named on the command line (`synthetic` expands to one per size)."""
    found: list[Corpus] = []
    for name in names:
        if name == "synthetic":
            found.extend(synthetic(n) for n in sizes)
        elif name == "real":
            found.append(real())
        elif name == "monorepo":
            found.append(monorepo())
        else:
            raise ValueError(f"unknown corpus {name!r} (synthetic, real, monorepo)")
    return found
