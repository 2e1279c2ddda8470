"""Shared test helpers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

TreeWriter = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture
def write_tree(tmp_path: Path) -> TreeWriter:
    """Write {relative path: text or bytes} under tmp_path/'repo' and return that folder."""
    root = tmp_path / "repo"
    root.mkdir(exist_ok=True)

    def write(files: dict[str, str | bytes]) -> Path:
        for relative, content in files.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return root

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
