"""docs/examples.md is what the commands and the MCP tools answer today (no drift)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "doc_examples.py"


def test_the_examples_in_the_docs_are_a_fresh_run() -> None:
    spec = importlib.util.spec_from_file_location("doc_examples", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.render()
    assert module.TARGET.read_text(encoding="utf-8") == fresh, (
        "docs/examples.md is stale: run `python scripts/doc_examples.py`"
    )
