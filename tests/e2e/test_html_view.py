"""The HTML view in a real headless Chromium, driven by Playwright (tests/browser/).

Needs Debian's `chromium` (or CHROMIUM=path), Node and `npm ci` in tests/browser/; skipped
with the reason when one is missing. Screenshots land in test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from code_graph.index import index_project
from code_graph.query.picture import (
    Picture,
    PictureEdge,
    PictureNode,
    PictureOptions,
    build_picture,
)
from code_graph.render.html import html_page
from code_graph.store import Store
from tests.e2e.test_mcp import copy_example

REPO = Path(__file__).resolve().parents[2]
DRIVER = REPO / "tests" / "browser" / "check_view.mjs"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
    if not (DRIVER.parent / "node_modules" / "playwright-core").is_dir():
        return "playwright-core is not installed (cd tests/browser && npm ci)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


def view(page: Path, **options: Any) -> dict[str, Any]:
    """What the driver saw after opening `page` (see tests/browser/check_view.mjs)."""
    done = subprocess.run(
        ["node", str(DRIVER), json.dumps({"html": str(page), **options})],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.fixture(scope="module")
def shop_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("view"))
    index_project(root)
    with Store.open_for_reading(root) as store:
        page = root.parent / "acme-shop.html"
        page.write_text(html_page(build_picture(store, PictureOptions())), encoding="utf-8")
    return page


def test_the_example_loads_without_errors_and_search_finds_a_node(shop_page: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "acme-shop-view.png"
    report = view(shop_page, search="engine", screenshot=str(shot))
    assert report["problems"] == []
    assert report["requests"] == []  # nothing fetched from the network
    assert (report["nodes"], report["edges"]) == (44, 97)
    assert report["results"] == ["packages/core/src/pricing/engine.ts"]
    assert report["selected"] == "engine.ts"
    assert report["details"] == ["Imports (4)", "Imported by (3)", "Symbols (5)"]
    assert shot.stat().st_size > 10_000


def test_three_thousand_nodes_lay_out_without_freezing_the_page(tmp_path: Path) -> None:
    rng = random.Random(7)
    nodes = tuple(
        PictureNode(f"pkg{i // 60}/src/f{i}.ts", f"f{i}.ts", f"pkg{i // 60}/src", "file")
        for i in range(3000)
    )
    edges = {
        (nodes[i].id, nodes[j].id): PictureEdge(nodes[i].id, nodes[j].id, j % 3 == 0, False, 1)
        for i in range(3000)
        for j in (rng.randrange(3000), (i // 60) * 60 + rng.randrange(60))
        if i != j
    }
    page = tmp_path / "big.html"
    page.write_text(html_page(Picture("file", "big", nodes, tuple(edges.values()))), "utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    report = view(page, search="f2999.", screenshot=str(ARTIFACTS / "three-thousand-nodes.png"))
    assert report["problems"] == []
    assert report["nodes"] == 3000
    assert report["answerMs"] < 2_000  # the page answers while it lays out
    assert report["readyMs"] < 60_000
    assert report["results"] == ["pkg49/src/f2999.ts"]
