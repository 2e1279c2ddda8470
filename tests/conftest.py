"""Shared test helpers."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

import code_graph

TreeWriter = Callable[[dict[str, str | bytes]], Path]


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under `root` (folders made as needed); `root`."""
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def write_tree(tmp_path: Path) -> TreeWriter:
    """Write {relative path: text or bytes} under tmp_path/'repo' and return that folder."""
    root = tmp_path / "repo"
    root.mkdir(exist_ok=True)

    def write(files: dict[str, str | bytes]) -> Path:
        return write_files(root, files)

    return write


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite the picture golden files (tests/golden/pictures/) instead of comparing.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def pytest_report_header() -> str:
    from code_graph.compiled import build_name

    return f"code-graph: {build_name()}, from {Path(code_graph.__file__).parent}"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once when scripts/test.sh expected one build and Python imports the other."""
    from code_graph.compiled import compiled_modules

    expected = os.environ.get("CODE_GRAPH_EXPECT_BUILD")
    modules = compiled_modules()
    wrong = [name for name, compiled in modules.items() if compiled != (expected == "compiled")]
    if expected and wrong:
        pytest.exit(
            f"expected the {expected} build of code-graph, but {len(wrong)} of its "
            f"{len(modules)} core modules are not (e.g. {wrong[0]}), imported from "
            f"{Path(code_graph.__file__).parent}; for the compiled build, "
            ".venv-compiled/build.log says why",
            returncode=3,
        )
