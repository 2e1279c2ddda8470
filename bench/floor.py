"""The parse floor: read and tree-sitter-parse a list of files with N processes, nothing else.

    python bench/floor.py FILE_LIST ROOT [--workers 2]

FILE_LIST holds one root-relative path a line (the indexer's file set). The grammar is chosen
by extension as the indexer chooses it. Prints one JSON line: files, bytes, the parse phase's
wall time (pool start to last result) and the CPU time of this process and its workers.
This is what any tree-sitter-based indexer must spend; index time / floor time is overhead.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import time

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript

CHUNK = 64
_PARSERS: dict[str, tree_sitter.Parser] = {}


def _parser(path: str) -> tree_sitter.Parser:
    ext = os.path.splitext(path)[1]
    dialect = {".tsx": "tsx", ".ts": "ts", ".mts": "ts", ".cts": "ts"}.get(ext, "js")
    parser = _PARSERS.get(dialect)
    if parser is None:
        language = {
            "ts": tree_sitter_typescript.language_typescript,
            "tsx": tree_sitter_typescript.language_tsx,
            "js": tree_sitter_javascript.language,
        }[dialect]()
        parser = _PARSERS[dialect] = tree_sitter.Parser(tree_sitter.Language(language))
    return parser


def parse_chunk(job: tuple[str, list[str]]) -> tuple[int, int]:
    """Read and parse each file; returns (files, bytes)."""
    root, paths = job
    total = 0
    for path in paths:
        with open(os.path.join(root, path), "rb") as handle:
            data = handle.read()
        _parser(path).parse(data)
        total += len(data)
    return len(paths), total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file_list")
    parser.add_argument("root")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    with open(args.file_list, encoding="utf-8") as handle:
        paths = [line.rstrip("\n") for line in handle if line.strip()]
    jobs = [(args.root, paths[i : i + CHUNK]) for i in range(0, len(paths), CHUNK)]
    started = time.perf_counter()
    cpu_started = time.process_time()
    if args.workers <= 1:
        results = [parse_chunk(job) for job in jobs]
    else:
        context = multiprocessing.get_context("fork")
        with context.Pool(args.workers) as pool:
            results = list(pool.imap_unordered(parse_chunk, jobs))
    wall = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu_started + children.ru_utime + children.ru_stime
    print(
        json.dumps(
            {
                "files": sum(r[0] for r in results),
                "bytes": sum(r[1] for r in results),
                "parse_wall_s": round(wall, 4),
                "parse_cpu_s": round(cpu, 4),
                "workers": args.workers,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
