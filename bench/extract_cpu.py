"""The extraction's own CPU cost: extract every source file of a project in this one process.

    python bench/extract_cpu.py ROOT

Prints one JSON line: the build running (compiled with mypyc or pure Python), files, bytes and
the CPU seconds of the extraction loop (reading the files excluded). Run it with each build's
interpreter to compare them (docs/benchmarks.md, "Compiled core").
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from code_graph.compiled import build_name
from code_graph.config import load_config
from code_graph.extract import extract_file, warm_up
from code_graph.walk import walk_project


def main(root: Path) -> None:
    project = walk_project(root, load_config(root))
    sources = [(f.path, (root / f.path).read_bytes()) for f in project.sources]
    warm_up()
    start = time.process_time()
    for path, source in sources:
        extract_file(path, source)
    cpu = time.process_time() - start
    size = sum(len(source) for _, source in sources)
    report = {"build": build_name(), "files": len(sources), "bytes": size, "extract_cpu_s": cpu}
    print(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
