"""An unexpected exception in a command prints one line naming a report file, never a
traceback, and exits with 3."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from code_graph.cli import INTERNAL_ERROR_EXIT, main
from code_graph.index import index_project
from code_graph.query import stats as stats_query
from tests.conftest import TreeWriter


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("something we did not expect\nsecond line")


def test_an_unexpected_error_is_one_line_and_a_report(
    write_tree: TreeWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree({"a.ts": "export const a = 1;\n"})
    index_project(root, workers=1)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CODE_GRAPH_DEBUG", raising=False)
    monkeypatch.setattr(stats_query, "project_stats", _boom)

    result = CliRunner().invoke(main, ["stats", str(root)])

    assert result.exit_code == INTERNAL_ERROR_EXIT
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("internal error: RuntimeError: something we did not expect (")
    report = Path(re.search(r"details in (\S+);", lines[0]).group(1))  # type: ignore[union-attr]
    assert report.parent == tmp_path / "cache" / "code-graph" / "errors"
    text = report.read_text()
    assert "Traceback" in text and "_boom" in text and "stats" in text


def test_debug_mode_raises(write_tree: TreeWriter, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_tree({"a.ts": "export const a = 1;\n"})
    index_project(root, workers=1)
    monkeypatch.setenv("CODE_GRAPH_DEBUG", "1")
    monkeypatch.setattr(stats_query, "project_stats", _boom)

    result = CliRunner().invoke(main, ["stats", str(root)])

    assert isinstance(result.exception, RuntimeError)
