"""Behaviour of ModuleResolver beyond what TypeScript itself answers: how outcomes are
reported for the code graph (methods, reasons, packages, the source fallback)."""

from __future__ import annotations

import json

import pytest

from code_graph.model import ImportKind, Resolution, ResolutionMethod, UnresolvedReason
from code_graph.resolve import MemoryFileSystem, ModuleResolver

STATIC = ImportKind.STATIC
SOURCE_EXTENSIONS = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")


def project(
    files: dict[str, object],
    links: dict[str, str] | None = None,
    sources: list[str] | None = None,
) -> ModuleResolver:
    text = {p: v if isinstance(v, str) else json.dumps(v) for p, v in files.items()}
    if sources is None:
        sources = [p for p in text if p.endswith(SOURCE_EXTENSIONS) and "node_modules" not in p]
    configs = [
        p
        for p in text
        if p.rsplit("/", 1)[-1] in ("package.json", "pnpm-workspace.yaml", "jsconfig.json")
        or p.rsplit("/", 1)[-1].startswith("tsconfig")
    ]
    configs = [c for c in configs if "node_modules" not in c]
    return ModuleResolver(MemoryFileSystem(text, links), sources, configs)


BUNDLER = {"compilerOptions": {"module": "esnext", "moduleResolution": "bundler"}}


def test_relative_import_is_an_internal_edge() -> None:
    r = project({"src/a.ts": "", "src/b.ts": ""})
    assert r.resolve("./b", "src/a.ts", kind=STATIC) == Resolution(
        ResolutionMethod.RELATIVE, file="src/b.ts"
    )


def test_missing_relative_target_is_not_found() -> None:
    r = project({"src/a.ts": ""})
    result = r.resolve("./nope", "src/a.ts", kind=STATIC)
    assert result.method is ResolutionMethod.UNRESOLVED
    assert result.reason is UnresolvedReason.NOT_FOUND


@pytest.mark.parametrize("target", ["./styles.css", "./logo.svg"])
def test_existing_non_source_targets_are_reported_as_such(target: str) -> None:
    r = project({"src/a.ts": "", "src/styles.css": "", "src/logo.svg": ""})
    result = r.resolve(target, "src/a.ts", kind=STATIC)
    assert result.reason is UnresolvedReason.NON_SOURCE_TARGET
    assert result.file is None


def test_json_modules_resolve_but_stay_non_source_targets_with_a_detail() -> None:
    r = project({"tsconfig.json": BUNDLER, "src/a.ts": "", "src/data.json": "{}"})
    result = r.resolve("./data.json", "src/a.ts", kind=STATIC)
    assert result.reason is UnresolvedReason.NON_SOURCE_TARGET
    assert "src/data.json exists (a JSON module)" in result.detail


def test_a_source_file_that_is_not_indexed_is_an_excluded_file() -> None:
    r = project({"src/a.ts": "", "src/gen.ts": ""}, sources=["src/a.ts"])
    result = r.resolve("./gen", "src/a.ts", kind=STATIC)
    assert result.reason is UnresolvedReason.EXCLUDED_FILE
    assert "src/gen.ts" in result.detail


@pytest.mark.parametrize("specifier", ["./worker?worker", "./a.svg?raw", "pkg?inline"])
def test_bundler_query_suffixes_are_unresolved(specifier: str) -> None:
    r = project({"src/a.ts": "", "src/worker.ts": ""})
    assert r.resolve(specifier, "src/a.ts", kind=STATIC).reason is UnresolvedReason.QUERY_SUFFIX


@pytest.mark.parametrize(
    "specifier", ["virtual:my-module", "http://x.test/a.js", "data:text/javascript,1", " "]
)
def test_urls_and_virtual_modules_are_not_module_names(specifier: str) -> None:
    r = project({"src/a.ts": ""})
    assert (
        r.resolve(specifier, "src/a.ts", kind=STATIC).reason is UnresolvedReason.NOT_A_MODULE_NAME
    )


@pytest.mark.parametrize(
    ("specifier", "name"),
    [("fs", "fs"), ("node:fs", "fs"), ("fs/promises", "fs/promises"), ("node:test", "test")],
)
def test_node_builtins_are_builtin_without_the_node_prefix(specifier: str, name: str) -> None:
    r = project({"src/a.ts": ""})
    assert r.resolve(specifier, "src/a.ts", kind=STATIC) == Resolution(
        ResolutionMethod.BUILTIN, package=name
    )


def test_an_unknown_node_prefixed_name_is_not_a_module_name() -> None:
    r = project({"src/a.ts": ""})
    assert (
        r.resolve("node:nope", "src/a.ts", kind=STATIC).reason is UnresolvedReason.NOT_A_MODULE_NAME
    )


def test_a_paths_alias_can_shadow_a_builtin_name() -> None:
    r = project(
        {
            "tsconfig.json": {
                "compilerOptions": {"baseUrl": ".", "paths": {"events": ["src/events"]}}
            },
            "src/a.ts": "",
            "src/events.ts": "",
        }
    )
    assert r.resolve("events", "src/a.ts", kind=STATIC).file == "src/events.ts"


def test_uninstalled_packages_are_external_and_say_not_installed() -> None:
    r = project({"src/a.ts": ""})
    assert r.resolve("@tanstack/react-query/devtools", "src/a.ts", kind=STATIC) == Resolution(
        ResolutionMethod.EXTERNAL, package="@tanstack/react-query", detail="not installed"
    )


def test_installed_packages_are_external_with_the_file_typescript_picks() -> None:
    r = project(
        {
            "src/a.ts": "",
            "node_modules/lodash/package.json": {"name": "lodash", "types": "index.d.ts"},
            "node_modules/lodash/index.d.ts": "",
        }
    )
    assert r.resolve("lodash", "src/a.ts", kind=STATIC) == Resolution(
        ResolutionMethod.EXTERNAL, package="lodash", detail="node_modules/lodash/index.d.ts"
    )


def test_types_packages_are_reported_under_the_package_they_type() -> None:
    r = project({"src/a.ts": "", "node_modules/@types/scope__lib/index.d.ts": ""})
    assert r.resolve("@scope/lib", "src/a.ts", kind=STATIC).package == "@scope/lib"


def test_an_installed_package_typescript_cannot_resolve_is_still_external() -> None:
    r = project(
        {
            "tsconfig.json": BUNDLER,
            "src/a.ts": "",
            "node_modules/p/package.json": {"name": "p", "exports": {".": "./i.js"}},
            "node_modules/p/i.js": "",
        }
    )
    result = r.resolve("p/deep", "src/a.ts", kind=STATIC)
    assert result.method is ResolutionMethod.EXTERNAL and result.package == "p"
    assert "installed at node_modules/p" in result.detail


def test_a_name_that_is_no_package_and_no_alias_is_not_found() -> None:
    r = project({"src/a.ts": ""})
    result = r.resolve("@/components/x", "src/a.ts", kind=STATIC)
    assert result.reason is UnresolvedReason.NOT_FOUND


def test_a_paths_pattern_that_matches_but_leads_nowhere_is_a_pattern_miss() -> None:
    r = project(
        {"tsconfig.json": {"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}, "src/a.ts": ""}
    )
    result = r.resolve("@/nope", "src/a.ts", kind=STATIC)
    assert result.reason is UnresolvedReason.PATHS_PATTERN_MISS
    assert "'@/*'" in result.detail


def test_methods_name_the_rule_that_resolved() -> None:
    r = project(
        {
            "tsconfig.json": {
                "compilerOptions": {
                    "module": "nodenext",
                    "baseUrl": "src",
                    "paths": {"@/*": ["./*"]},
                    "rootDirs": ["src", "gen"],
                }
            },
            "package.json": {
                "name": "me",
                "exports": {"./x": "./src/x.ts"},
                "imports": {"#y": "./src/y.ts"},
            },
            "src/a.ts": "",
            "src/x.ts": "",
            "src/y.ts": "",
            "gen/g.ts": "",
        }
    )
    assert r.resolve("@/x", "src/a.ts", kind=STATIC).method is ResolutionMethod.PATHS
    assert r.resolve("me/x", "src/a.ts", kind=STATIC).method is ResolutionMethod.SELF_REFERENCE
    assert r.resolve("#y", "src/a.ts", kind=STATIC).method is ResolutionMethod.PACKAGE_IMPORTS
    assert r.resolve("./g.js", "src/a.ts", kind=STATIC).method is ResolutionMethod.ROOT_DIRS


def test_base_url_resolution_is_reported_as_base_url() -> None:
    r = project(
        {
            "tsconfig.json": {"compilerOptions": {"baseUrl": "src"}},
            "src/a.ts": "",
            "src/lib/x.ts": "",
        }
    )
    assert r.resolve("lib/x", "src/a.ts", kind=STATIC) == Resolution(
        ResolutionMethod.BASE_URL, file="src/lib/x.ts"
    )


def test_an_undefined_package_import_is_imports_not_defined() -> None:
    r = project(
        {
            "tsconfig.json": {"compilerOptions": {"module": "nodenext"}},
            "package.json": {"name": "me", "imports": {"#a": "./a.ts"}},
            "src/a.ts": "",
        }
    )
    result = r.resolve("#nope", "src/a.ts", kind=STATIC)
    assert result.reason is UnresolvedReason.IMPORTS_NOT_DEFINED
    assert result.detail == "'#nope' is not in the imports of package.json"


def test_a_package_import_listed_under_other_conditions_is_not_called_undefined() -> None:
    r = project(
        {
            "tsconfig.json": {"compilerOptions": {"module": "nodenext"}},
            "package.json": {"name": "me", "imports": {"#w": {"worker": "./w.ts"}}},
            "src/a.ts": "",
            "w.ts": "",
        }
    )
    result = r.resolve("#w", "src/a.ts", kind=STATIC)
    assert result.reason is UnresolvedReason.IMPORTS_NOT_DEFINED
    assert result.detail == (
        "'#w' is in the imports of package.json under the conditions worker;"
        " none of them leads to an existing file for this import"
    )


WORKSPACE = {
    "package.json": {"private": True, "workspaces": ["packages/*"]},
    "tsconfig.json": BUNDLER,
    "packages/ui/package.json": {
        "name": "@acme/ui",
        "types": "dist/index.d.ts",
        "exports": {
            ".": {"types": "./dist/index.d.ts", "default": "./dist/index.js"},
            "./*": "./dist/*.js",
            "./private/*": None,
        },
    },
    "packages/ui/src/index.ts": "",
    "packages/ui/src/utils/x.ts": "",
    "packages/ui/src/private/p.ts": "",
    "packages/core/package.json": {"name": "@acme/core", "main": "src/index.ts"},
    "packages/core/src/index.ts": "",
    "packages/bare/package.json": {"name": "@acme/bare", "main": "index.js"},
    "apps/web/main.ts": "",
}


def test_a_workspace_package_resolves_into_its_sources_without_node_modules() -> None:
    r = project(WORKSPACE)
    assert r.resolve("@acme/core", "apps/web/main.ts", kind=STATIC) == Resolution(
        ResolutionMethod.WORKSPACE, file="packages/core/src/index.ts"
    )


def test_unbuilt_dist_entries_fall_back_to_the_matching_source_file() -> None:
    r = project(WORKSPACE)
    main = r.resolve("@acme/ui", "apps/web/main.ts", kind=STATIC)
    assert main.method is ResolutionMethod.WORKSPACE
    assert main.file == "packages/ui/src/index.ts"
    assert "packages/ui/dist/index.d.ts" in main.detail
    assert (
        r.resolve("@acme/ui/utils/x", "apps/web/main.ts", kind=STATIC).file
        == "packages/ui/src/utils/x.ts"
    )


def test_a_subpath_a_workspace_package_does_not_export_is_exports_not_exported() -> None:
    r = project(WORKSPACE)
    result = r.resolve("@acme/ui/private/p", "apps/web/main.ts", kind=STATIC)
    assert result.reason is UnresolvedReason.EXPORTS_NOT_EXPORTED


def test_a_workspace_package_without_a_usable_entry_is_package_entry_missing() -> None:
    r = project(WORKSPACE)
    assert r.resolve("@acme/bare", "apps/web/main.ts", kind=STATIC).reason is (
        UnresolvedReason.PACKAGE_ENTRY_MISSING
    )


def test_a_workspace_package_linked_into_node_modules_is_workspace_not_external() -> None:
    r = project(WORKSPACE, links={"node_modules/@acme/core": "packages/core"})
    assert r.resolve("@acme/core", "apps/web/main.ts", kind=STATIC) == Resolution(
        ResolutionMethod.WORKSPACE,
        file="packages/core/src/index.ts",
        detail="through a node_modules symlink",
    )


def test_an_installed_copy_of_a_workspace_package_name_wins_over_the_workspace() -> None:
    files = {
        **WORKSPACE,
        "node_modules/@acme/core/package.json": {"name": "@acme/core", "types": "i.d.ts"},
        "node_modules/@acme/core/i.d.ts": "",
    }
    assert project(files).resolve("@acme/core", "apps/web/main.ts", kind=STATIC).method is (
        ResolutionMethod.EXTERNAL
    )


def test_require_uses_the_require_condition_under_nodenext() -> None:
    files = {
        "tsconfig.json": {"compilerOptions": {"module": "nodenext"}},
        "package.json": {"private": True, "workspaces": ["lib"]},
        "lib/package.json": {
            "name": "lib",
            "exports": {"import": "./esm.ts", "require": "./cjs.ts"},
        },
        "lib/esm.ts": "",
        "lib/cjs.ts": "",
        "app/main.ts": "",
    }
    r = project(files)
    assert r.resolve("lib", "app/main.ts", kind=ImportKind.REQUIRE).file == "lib/cjs.ts"
    assert r.resolve("lib", "app/main.ts", kind=ImportKind.DYNAMIC).file == "lib/esm.ts"
    assert r.resolve("lib", "app/main.ts", kind=ImportKind.IMPORT_EQUALS).file == "lib/cjs.ts"


def test_the_governing_config_is_the_nearest_one_covering_the_file() -> None:
    r = project(
        {
            "tsconfig.json": {"include": ["src"]},
            "src/legacy/tsconfig.json": {"include": ["*.ts"]},
            "src/legacy/top.ts": "",
            "src/legacy/deep/inner.ts": "",
            "tools/x.ts": "",
        }
    )
    governing = r.governing_config
    assert governing("src/legacy/top.ts").path == "src/legacy/tsconfig.json"  # type: ignore[union-attr]
    assert governing("src/legacy/deep/inner.ts").path == "tsconfig.json"  # type: ignore[union-attr]
    assert governing("tools/x.ts").path == "tsconfig.json"  # type: ignore[union-attr]


def test_a_solution_config_hands_files_to_the_referenced_project() -> None:
    r = project(
        {
            "tsconfig.json": {"files": [], "references": [{"path": "./tsconfig.app.json"}]},
            "tsconfig.app.json": {
                "compilerOptions": {"paths": {"@/*": ["./src/*"]}},
                "include": ["src"],
            },
            "src/a.ts": "",
            "src/b.ts": "",
        }
    )
    assert r.governing_config("src/a.ts").path == "tsconfig.app.json"  # type: ignore[union-attr]
    assert r.resolve("@/b", "src/a.ts", kind=STATIC).file == "src/b.ts"


def test_files_under_no_config_use_typescript_defaults() -> None:
    r = project({"a/main.ts": "", "a/dir/index.ts": ""})
    assert r.governing_config("a/main.ts") is None
    assert r.resolve("./dir", "a/main.ts", kind=STATIC).file == "a/dir/index.ts"


def test_broken_configs_become_warnings_never_errors() -> None:
    r = project(
        {
            "tsconfig.json": '{"compilerOptions": ',
            "package.json": "{not json",
            "src/tsconfig.json": {"extends": "./missing.json"},
            "src/a.ts": "",
            "src/b.ts": "",
        }
    )
    assert r.resolve("./b", "src/a.ts", kind=STATIC).file == "src/b.ts"
    assert {w.file for w in r.warnings()} == {"tsconfig.json", "package.json", "src/tsconfig.json"}


def test_results_are_cached_per_directory_and_context() -> None:
    r = project({"src/a.ts": "", "src/b.ts": "", "src/c.ts": ""})
    first = r.resolve("./c", "src/a.ts", kind=STATIC)
    assert r.resolve("./c", "src/b.ts", kind=STATIC) is first


def test_package_imports_under_node10_say_which_resolutions_support_them() -> None:
    r = project({"package.json": {"imports": {"#a": "./a.ts"}}, "a.ts": "", "b.ts": ""})
    result = r.resolve("#a", "b.ts", kind=STATIC)
    assert result.reason is UnresolvedReason.IMPORTS_NOT_DEFINED
    assert "node16, nodenext or bundler" in result.detail
