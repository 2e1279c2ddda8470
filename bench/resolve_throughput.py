"""Benchmark: resolve 100,000 imports of a synthetic project and print the time taken.

Run: `python bench/resolve_throughput.py`. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import json
import random
import time

from code_graph.model import ImportKind
from code_graph.resolve import MemoryFileSystem, ModuleResolver

DIRECTORIES = 100
FILES_PER_DIRECTORY = 20
IMPORTS_PER_FILE = 50


def large_project() -> tuple[MemoryFileSystem, list[str], list[str]]:
    files: dict[str, str] = {
        "package.json": json.dumps({"private": True, "workspaces": ["packages/*"]}),
        "tsconfig.json": json.dumps(
            {
                "compilerOptions": {
                    "module": "esnext",
                    "moduleResolution": "bundler",
                    "baseUrl": ".",
                    "paths": {"@/*": ["src/*"]},
                }
            }
        ),
    }
    for p in range(10):
        files[f"packages/p{p}/package.json"] = json.dumps(
            {"name": f"@acme/p{p}", "exports": {".": "./src/index.ts", "./*": "./src/*.ts"}}
        )
        files[f"packages/p{p}/src/index.ts"] = ""
        files[f"packages/p{p}/src/util.ts"] = ""
    for d in range(DIRECTORIES):
        for f in range(FILES_PER_DIRECTORY):
            files[f"src/d{d}/f{f}.ts"] = ""
    sources = [p for p in files if p.endswith(".ts")]
    configs = ["package.json", "tsconfig.json", *(f"packages/p{p}/package.json" for p in range(10))]
    return MemoryFileSystem(files), sources, configs


def imports_of(importer: str, rng: random.Random) -> list[str]:
    result: list[str] = []
    for i in range(IMPORTS_PER_FILE):
        d, f = rng.randrange(DIRECTORIES), rng.randrange(FILES_PER_DIRECTORY)
        choice = i % 10
        if choice < 4:
            result.append(f"./f{f}")
        elif choice < 6:
            result.append(f"../d{d}/f{f}.js")
        elif choice < 8:
            result.append(f"@/d{d}/f{f}")
        elif choice == 8:
            result.append(f"@acme/p{d % 10}" + ("/util" if f % 2 else ""))
        else:
            result.append(rng.choice(["react", "fs", "node:path", "lodash/fp", "./missing"]))
    return result


def main() -> None:
    fs, sources, configs = large_project()
    rng = random.Random(7)
    work = [
        (specifier, importer)
        for importer in sources
        if importer.startswith("src/")
        for specifier in imports_of(importer, rng)
    ]
    resolver = ModuleResolver(fs, sources, configs)
    started = time.perf_counter()
    internal = sum(
        resolver.resolve(specifier, importer, kind=ImportKind.STATIC).file is not None
        for specifier, importer in work
    )
    elapsed = time.perf_counter() - started
    print(f"resolved {len(work):,} imports ({internal:,} internal) in {elapsed:.3f}s")


if __name__ == "__main__":
    main()
