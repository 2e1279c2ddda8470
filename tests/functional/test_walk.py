from __future__ import annotations

import os
from pathlib import Path

import pytest

from code_graph.config import ProjectConfig
from code_graph.model import SkipReason
from code_graph.walk import walk_project
from tests.conftest import TreeWriter


def _sources(root: Path, config: ProjectConfig | None = None) -> list[str]:
    return [source.path for source in walk_project(root, config or ProjectConfig()).sources]


def test_every_source_extension_is_found_and_other_files_are_not(write_tree: TreeWriter) -> None:
    root = write_tree(
        dict.fromkeys(
            ["a.ts", "b.tsx", "c.mts", "d.cts", "e.js", "f.jsx", "g.mjs", "h.cjs", "t.d.ts"],
            "export {};\n",
        )
        | {"style.css": "a{}", "data.json": "{}", "README.md": "#"}
    )
    assert _sources(root) == [
        "a.ts",
        "b.tsx",
        "c.mts",
        "d.cts",
        "e.js",
        "f.jsx",
        "g.mjs",
        "h.cjs",
        "t.d.ts",
    ]


def test_node_modules_git_and_the_store_are_always_skipped(write_tree: TreeWriter) -> None:
    root = write_tree(
        {
            "src/a.ts": "",
            "node_modules/x/index.js": "",
            "packages/p/node_modules/y/index.ts": "",
            ".git/hooks/h.js": "",
            ".code-graph/x.ts": "",
        }
    )
    assert _sources(root) == ["src/a.ts"]


def test_nested_gitignores_apply_below_their_folder_and_negations_win(
    write_tree: TreeWriter,
) -> None:
    root = write_tree(
        {
            ".gitignore": "dist/\n*.gen.ts\n",
            "src/a.ts": "",
            "src/a.gen.ts": "",
            "dist/a.js": "",
            "packages/p/.gitignore": "generated/\n!keep.gen.ts\n",
            "packages/p/generated/x.ts": "",
            "packages/p/keep.gen.ts": "",
            "packages/p/other.gen.ts": "",
            "generated/top.ts": "",
        }
    )
    assert _sources(root) == ["generated/top.ts", "packages/p/keep.gen.ts", "src/a.ts"]


def test_configs_for_the_resolver_are_collected(write_tree: TreeWriter) -> None:
    root = write_tree(
        {
            "package.json": "{}",
            "tsconfig.json": "{}",
            "tsconfig.build.json": "{}",
            "pnpm-workspace.yaml": "packages: []",
            "packages/a/jsconfig.json": "{}",
            "node_modules/z/package.json": "{}",
        }
    )
    configs = walk_project(root, ProjectConfig()).configs
    assert configs == (
        "package.json",
        "packages/a/jsconfig.json",
        "pnpm-workspace.yaml",
        "tsconfig.build.json",
        "tsconfig.json",
    )


def test_user_excludes_and_includes_narrow_the_walk(write_tree: TreeWriter) -> None:
    root = write_tree({"src/a.ts": "", "src/legacy/b.ts": "", "scripts/c.js": ""})
    config = ProjectConfig(exclude=("legacy/",), include=("src/",))
    assert _sources(root, config) == ["src/a.ts"]


def test_files_over_the_size_limit_are_skipped_with_their_size(write_tree: TreeWriter) -> None:
    root = write_tree({"big.js": "x" * 100, "small.js": "x"})
    project = walk_project(root, ProjectConfig(max_file_size=10))
    assert [s.path for s in project.sources] == ["small.js"]
    assert [(s.path, s.reason) for s in project.skipped] == [("big.js", SkipReason.TOO_LARGE)]
    assert "100 bytes" in project.skipped[0].detail


def test_symlinks_are_never_followed_out_of_the_root(
    write_tree: TreeWriter, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.ts").write_text("export const s = 1;\n")
    root = write_tree({"src/a.ts": "", "src/real.ts": ""})
    os.symlink(outside / "secret.ts", root / "src" / "leak.ts")
    os.symlink(outside, root / "linked-dir")
    os.symlink(root / "src" / "real.ts", root / "src" / "alias.ts")
    os.symlink(root, root / "src" / "loop")
    project = walk_project(root, ProjectConfig())
    assert [s.path for s in project.sources] == ["src/a.ts", "src/alias.ts", "src/real.ts"]
    assert {(s.path, s.reason) for s in project.skipped} == {
        ("src/leak.ts", SkipReason.OUTSIDE_ROOT),
        ("linked-dir", SkipReason.SYMLINK_DIR),
        ("src/loop", SkipReason.SYMLINK_DIR),
    }


def test_an_unreadable_folder_is_reported_and_the_walk_goes_on(
    write_tree: TreeWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree({"src/a.ts": "", "locked/b.ts": ""})
    real_scandir = os.scandir

    def scandir(path: Path) -> object:  # as root, chmod 000 would not stop us: fake the denial
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    project = walk_project(root, ProjectConfig())
    assert [s.path for s in project.sources] == ["src/a.ts"]
    assert [(s.path, s.reason, s.detail) for s in project.skipped] == [
        ("locked", SkipReason.UNREADABLE, "Permission denied")
    ]
