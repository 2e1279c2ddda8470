"""Regenerate docs/images/acme-shop-graph.png: the HTML view of examples/acme-shop in Chromium.

    python scripts/screenshot_example.py

Needs what the browser test needs: Node, Chromium (/usr/bin/chromium or CHROMIUM=path) and
`npm ci` in tests/browser/. The example is copied and indexed in a temporary folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from code_graph.index import index_project
from code_graph.query.picture import PictureOptions, build_picture
from code_graph.render.html import html_page
from code_graph.store import Store

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "docs" / "images" / "acme-shop-graph.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "acme-shop"
        example = REPO / "examples" / "acme-shop"
        shutil.copytree(example, root, ignore=shutil.ignore_patterns(".code-graph"))
        index_project(root)
        with Store.open_for_reading(root) as store:
            page = Path(folder) / "acme-shop.html"
            page.write_text(html_page(build_picture(store, PictureOptions())), encoding="utf-8")
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        options = {
            "html": str(page),
            "screenshot": str(TARGET),
            "viewport": {"width": 1400, "height": 860},
        }
        driver = REPO / "tests" / "browser" / "check_view.mjs"
        subprocess.run(["node", str(driver), json.dumps(options)], check=True, timeout=240)
    print(f"wrote {TARGET.relative_to(REPO)}")


if __name__ == "__main__":
    main()
