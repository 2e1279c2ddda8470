from __future__ import annotations

import json

from code_graph.resolve import MemoryFileSystem, ModuleResolver
from code_graph.resolve.workspaces import glob_regex, parse_pnpm_packages


def test_pnpm_block_list_with_quotes_comments_and_other_keys() -> None:
    text = """# comment
packages:
  - 'apps/*'
  - "libs/**"   # nested
  - tools/x
  - '!**/test/**'
catalog:
  react: ^18
  - not-a-package
"""
    assert parse_pnpm_packages(text) == ["apps/*", "libs/**", "tools/x", "!**/test/**"]


def test_pnpm_flow_list() -> None:
    assert parse_pnpm_packages("packages: ['a/*', \"b\"]\n") == ["a/*", "b"]


def test_pnpm_without_packages_is_empty() -> None:
    assert parse_pnpm_packages("catalog:\n  x: 1\n") == []


def test_globs_match_directories() -> None:
    assert glob_regex("packages/*").match("packages/ui")
    assert not glob_regex("packages/*").match("packages/ui/sub")
    assert glob_regex("./apps/**").match("apps/a/b")
    assert glob_regex("libs/**/pkg").match("libs/pkg")
    assert glob_regex("{apps,libs}/*").match("libs/x")
    assert glob_regex("packages/*/").match("packages/ui")


def workspace_names(files: dict[str, object]) -> dict[str, str]:
    text = {p: v if isinstance(v, str) else json.dumps(v) for p, v in files.items()}
    resolver = ModuleResolver(MemoryFileSystem(text), [], list(text))
    return {name: p.directory for name, p in resolver.workspace_packages.items()}


def test_npm_array_workspaces_name_their_packages() -> None:
    names = workspace_names(
        {
            "package.json": {"workspaces": ["packages/*"]},
            "packages/a/package.json": {"name": "@x/a"},
            "packages/b/package.json": {"name": "b"},
            "packages/unnamed/package.json": {},
            "other/c/package.json": {"name": "c"},
        }
    )
    assert names == {"@x/a": "packages/a", "b": "packages/b"}


def test_yarn_object_workspaces_and_lerna_packages() -> None:
    names = workspace_names(
        {
            "package.json": {"workspaces": {"packages": ["modules/*"]}},
            "lerna.json": {"packages": ["tools/*"]},
            "modules/m/package.json": {"name": "m"},
            "tools/t/package.json": {"name": "t"},
        }
    )
    assert names == {"m": "modules/m", "t": "tools/t"}


def test_pnpm_negations_exclude_packages() -> None:
    names = workspace_names(
        {
            "pnpm-workspace.yaml": "packages:\n  - 'libs/**'\n  - '!**/test/**'\n",
            "libs/a/package.json": {"name": "a"},
            "libs/test/fixture/package.json": {"name": "fixture"},
        }
    )
    assert names == {"a": "libs/a"}


def test_duplicate_names_keep_the_first_and_warn() -> None:
    text = {
        "package.json": json.dumps({"workspaces": ["p/*"]}),
        "p/a/package.json": json.dumps({"name": "dup"}),
        "p/b/package.json": json.dumps({"name": "dup"}),
    }
    resolver = ModuleResolver(MemoryFileSystem(text), [], list(text))
    assert resolver.workspace_packages["dup"].directory == "p/a"
    assert [w.file for w in resolver.warnings()] == ["p/b/package.json"]
