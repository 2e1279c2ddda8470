from __future__ import annotations

import os
from pathlib import Path

import pytest

from code_graph.resolve import DiskFileSystem, MemoryFileSystem


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "src" / "lib").mkdir(parents=True)
    (root / "src" / "a.ts").write_text("export {}")
    (root / "src" / "lib" / "b.ts").write_text("export {}")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.ts").write_text("secret")
    (root / "escape").symlink_to(tmp_path / "outside")
    (root / "escape.ts").symlink_to(tmp_path / "outside" / "secret.ts")
    (root / "alias").symlink_to(root / "src")
    return root


def test_disk_files_and_directories_are_seen(tree: Path) -> None:
    fs = DiskFileSystem(tree)
    assert fs.is_file("src/a.ts")
    assert fs.is_dir("src/lib")
    assert fs.is_dir("")
    assert not fs.is_file("src")
    assert not fs.is_file("src/missing.ts")
    assert fs.read_text("src/a.ts") == "export {}"
    assert fs.list_dir("src") == ["a.ts", "lib"]
    assert fs.list_dir("nope") == []


def test_disk_never_reads_above_the_root(tree: Path) -> None:
    fs = DiskFileSystem(tree)
    assert not fs.is_file("../outside/secret.ts")
    assert fs.read_text("../outside/secret.ts") is None
    assert fs.real_path("..") is None


def test_disk_symlinks_leaving_the_root_are_invisible(tree: Path) -> None:
    fs = DiskFileSystem(tree)
    assert not fs.is_dir("escape")
    assert not fs.is_file("escape/secret.ts")
    assert not fs.is_file("escape.ts")
    assert fs.read_text("escape/secret.ts") is None
    assert "escape" not in fs.list_dir("")


def test_disk_symlinks_inside_the_root_resolve_to_their_real_path(tree: Path) -> None:
    fs = DiskFileSystem(tree)
    assert fs.is_file("alias/a.ts")
    assert fs.real_path("alias/a.ts") == "src/a.ts"
    assert fs.real_path("src/lib") == "src/lib"


def test_disk_listings_are_cached(tree: Path) -> None:
    fs = DiskFileSystem(tree)
    assert not fs.is_file("src/new.ts")
    (tree / "src" / "new.ts").write_text("")
    assert not fs.is_file("src/new.ts")
    assert DiskFileSystem(tree).is_file("src/new.ts")


def test_disk_root_may_be_given_as_a_string(tree: Path) -> None:
    assert DiskFileSystem(os.fspath(tree)).is_file("src/a.ts")


def test_memory_fs_derives_directories_from_files() -> None:
    fs = MemoryFileSystem({"a/b/c.ts": "x", "a/d.ts": "y"})
    assert fs.is_dir("a") and fs.is_dir("a/b") and fs.is_dir("")
    assert fs.is_file("a/b/c.ts") and not fs.is_file("a/b")
    assert fs.list_dir("a") == ["b", "d.ts"]
    assert fs.read_text("a/d.ts") == "y"
    assert fs.read_text("a/zzz.ts") is None


def test_memory_fs_follows_links() -> None:
    fs = MemoryFileSystem(
        {"packages/ui/index.ts": "x"}, links={"node_modules/@acme/ui": "packages/ui"}
    )
    assert fs.is_file("node_modules/@acme/ui/index.ts")
    assert fs.real_path("node_modules/@acme/ui/index.ts") == "packages/ui/index.ts"
    assert fs.list_dir("node_modules/@acme") == ["ui"]
