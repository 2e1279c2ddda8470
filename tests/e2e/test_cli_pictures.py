"""`code-graph export` drawing pictures of the example monorepo with the installed command."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_cli import CLI, run
from tests.e2e.test_mcp import copy_example
from tests.mermaid_check import check_mermaid

ENGINE = "packages/core/src/pricing/engine.ts"


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example, indexed once."""
    root = copy_example(tmp_path_factory.mktemp("pictures"))
    run("index", str(root), "--quiet")
    return root


def test_dot_goes_to_stdout(shop: Path) -> None:
    text = run("export", str(shop), "--format", "dot").stdout
    assert text.startswith('digraph "code-graph" {')
    assert text.count("subgraph cluster_") == 11  # one per folder
    assert text.rstrip().endswith("}")


def test_mermaid_with_focus_and_depth(shop: Path) -> None:
    text = run("export", str(shop), "--format", "mermaid", "--focus", ENGINE, "--depth", "2").stdout
    check_mermaid(text)
    assert "around packages/core/src/pricing/engine.ts (depth 2)" in text
    assert "class " in text and " focus" in text


def test_package_level_cycles_and_filter_options(shop: Path) -> None:
    packages = run("export", str(shop), "--format", "dot", "--level", "package").stdout
    assert '"@shop/web" -> "@shop/ui"' in packages
    cycles = run("export", str(shop), "--format", "mermaid", "--cycles").stdout
    assert len(re.findall(r"^    n\d+\[", cycles, flags=re.MULTILINE)) == 5  # 5 files on cycles
    legacy = run("export", str(shop), "--format", "dot", "--filter", "packages/legacy/").stdout
    assert "packages/core" not in legacy


def test_html_is_written_to_the_output_file(shop: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.html"
    result = run("export", str(shop), "--format", "html", "--output", str(target))
    assert result.stdout == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '"id":"packages/core/src/cart.ts"' in page


def test_max_nodes_caps_the_picture_and_says_so(shop: Path) -> None:
    text = run("export", str(shop), "--format", "mermaid", "--max-nodes", "5").stdout
    assert "%% cut to 5 nodes" in text


def test_an_unknown_focus_exits_1_with_suggestions(shop: Path) -> None:
    result = run("export", str(shop), "--format", "dot", "--focus", "Crat", check=False)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "did you mean: Cart" in result.stderr


def test_a_bad_level_is_a_usage_error(shop: Path) -> None:
    result = run("export", str(shop), "--format", "dot", "--level", "galaxy", check=False)
    assert result.returncode == 2


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not installed")
def test_svg_is_drawn_by_graphviz(shop: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.svg"
    run("export", str(shop), "--format", "svg", "--cycles", "-o", str(target))
    svg = target.read_text(encoding="utf-8")
    assert "<svg" in svg and "engine.ts" in svg


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not installed")
def test_png_is_binary_on_stdout(shop: Path) -> None:
    done = subprocess.run(
        [str(CLI), "export", str(shop), "--format", "png", "--cycles"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\x89PNG")


def test_without_graphviz_svg_says_how_to_get_it(shop: Path, tmp_path: Path) -> None:
    empty = tmp_path / "no-tools"
    empty.mkdir()
    done = subprocess.run(
        [str(CLI), "export", str(shop), "--format", "svg"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PATH": str(empty)},
    )
    assert done.returncode == 2
    assert "Graphviz is not installed" in done.stderr
    assert "apt-get install graphviz" in done.stderr
    assert "--format dot, mermaid or html" in done.stderr
