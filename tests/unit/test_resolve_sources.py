"""The source fallback: an unbuilt workspace package's entries map back to its sources, the
rule used is named, and a miss says which target is missing and what was tried."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from code_graph.model import ImportKind, Resolution, ResolutionMethod, UnresolvedReason
from code_graph.resolve import ModuleResolver
from tests.unit.test_resolve_resolver import BUNDLER, project

APP = "apps/web/main.ts"


def workspace(files: Mapping[str, object], sources: list[str] | None = None) -> ModuleResolver:
    root: dict[str, object] = {
        "package.json": {"private": True, "workspaces": ["packages/*"]},
        "tsconfig.json": BUNDLER,
        APP: "",
    }
    return project({**root, **files}, sources=sources)


DIST_FLAVOURS = {
    "packages/x/package.json": {
        "name": "@acme/x",
        "type": "module",
        "exports": {
            ".": {
                "types": "./dist/production/index.d.ts",
                "development": "./dist/development/index.js",
                "default": "./dist/production/index.js",
            },
            "./utils": {
                "types": "./dist/production/utils.d.ts",
                "default": "./dist/production/utils.js",
            },
            "./gone": "./dist/production/gone.js",
        },
    },
    "packages/x/index.ts": "",
    "packages/x/utils.ts": "",
}


def test_flavour_folders_after_dist_are_dropped_down_to_a_root_level_source() -> None:
    result = workspace(DIST_FLAVOURS).resolve("@acme/x", APP, kind=ImportKind.STATIC)
    assert result == Resolution(
        ResolutionMethod.WORKSPACE,
        file="packages/x/index.ts",
        detail="source of unbuilt packages/x/dist/production/index.d.ts"
        " (dist/production/ → the package root)",
    )


def test_a_subpath_export_maps_to_its_own_source() -> None:
    assert (
        workspace(DIST_FLAVOURS).resolve("@acme/x/utils", APP, kind=ImportKind.STATIC).file
        == "packages/x/utils.ts"
    )


def test_a_subpath_without_a_source_never_falls_back_to_the_package_entry() -> None:
    result = workspace(DIST_FLAVOURS).resolve("@acme/x/gone", APP, kind=ImportKind.STATIC)
    assert result.reason is UnresolvedReason.PACKAGE_ENTRY_MISSING
    assert result.detail.startswith("packages/x/dist/production/gone.js does not exist")
    assert "packages/x/src/production/gone.*" in result.detail
    assert "packages/x/gone.*" in result.detail


@pytest.mark.parametrize(
    ("entry", "source", "rule"),
    [
        ("dist/esm/index.js", "src/index.ts", "dist/esm/ → src/"),
        ("lib/cjs/index.cjs", "src/index.cts", "lib/cjs/ → src/"),
        ("build/umd/production/index.js", "src/index.tsx", "build/umd/production/ → src/"),
        ("dist/api.d.ts", "api.ts", "dist/ → the package root"),
        ("out/types/api.d.ts", "src/api.ts", "out/types/ → src/"),
    ],
)
def test_build_and_format_folders_are_replaced_by_src_or_dropped(
    entry: str, source: str, rule: str
) -> None:
    files = {
        "packages/y/package.json": {"name": "y", "main": entry},
        f"packages/y/{source}": "",
    }
    result = workspace(files).resolve("y", APP, kind=ImportKind.STATIC)
    assert result.file == f"packages/y/{source}"
    assert result.detail == f"source of unbuilt packages/y/{entry} ({rule})"


def test_the_least_stripped_source_wins() -> None:
    files = {
        "packages/y/package.json": {"name": "y", "main": "dist/esm/node/index.js"},
        "packages/y/src/node/index.ts": "",
        "packages/y/src/index.ts": "",
    }
    assert (
        workspace(files).resolve("y", APP, kind=ImportKind.STATIC).file
        == "packages/y/src/node/index.ts"
    )


def test_a_bundle_entry_of_the_whole_package_falls_back_to_its_source_entry() -> None:
    files = {
        "packages/y/package.json": {"name": "y", "main": "dist/y.umd.cjs"},
        "packages/y/src/index.ts": "",
    }
    result = workspace(files).resolve("y", APP, kind=ImportKind.STATIC)
    assert result.file == "packages/y/src/index.ts"
    assert result.detail == "source of unbuilt packages/y/dist/y.umd.cjs (source entry src/index.*)"


def test_the_package_json_source_field_names_the_source_entry() -> None:
    files = {
        "packages/y/package.json": {"name": "y", "main": "dist/y.js", "source": "lib/main.ts"},
        "packages/y/lib/main.ts": "",
        "packages/y/src/index.ts": "",
    }
    result = workspace(files).resolve("y", APP, kind=ImportKind.STATIC)
    assert result.file == "packages/y/lib/main.ts"
    assert result.detail.endswith('(package.json "source")')


def test_the_module_field_is_a_target_when_there_are_no_exports() -> None:
    files = {
        "packages/y/package.json": {"name": "y", "module": "./dist/esm/index.mjs"},
        "packages/y/src/index.ts": "",
    }
    result = workspace(files).resolve("y", APP, kind=ImportKind.STATIC)
    assert result.file == "packages/y/src/index.ts"
    assert result.detail == "source of unbuilt packages/y/dist/esm/index.mjs (dist/esm/ → src/)"


def test_the_module_field_is_ignored_beside_exports() -> None:
    files = {
        "packages/y/package.json": {
            "name": "y",
            "module": "./dist/index.mjs",
            "exports": {"./feature": "./dist/feature.js"},
        },
        "packages/y/src/index.ts": "",
    }
    result = workspace(files).resolve("y", APP, kind=ImportKind.STATIC)
    assert result.reason is UnresolvedReason.EXPORTS_NOT_EXPORTED


def test_a_package_without_sources_says_which_entries_are_missing_and_what_was_tried() -> None:
    files = {
        "packages/ghost/package.json": {
            "name": "ghost",
            "exports": {".": {"types": "./dist/index.d.ts", "default": "./dist/index.js"}},
        },
    }
    result = workspace(files).resolve("ghost", APP, kind=ImportKind.STATIC)
    assert result == Resolution(
        ResolutionMethod.UNRESOLVED,
        reason=UnresolvedReason.PACKAGE_ENTRY_MISSING,
        detail="packages/ghost/dist/index.d.ts, packages/ghost/dist/index.js do not exist"
        " (unbuilt?) and no source matches; tried packages/ghost/src/index.*,"
        " packages/ghost/index.*",
    )


def test_an_export_whose_conditions_all_fail_is_still_not_exported() -> None:
    files = {
        "packages/y/package.json": {"name": "y", "exports": {".": {"worker": "./w.js"}}},
        "packages/y/w.ts": "",
    }
    result = workspace(files).resolve("y", APP, kind=ImportKind.STATIC)
    assert result.reason is UnresolvedReason.EXPORTS_NOT_EXPORTED
    assert result.detail == (  # the package.json lists '.': the detail never says it does not
        "'.' is in the exports of packages/y/package.json under the conditions worker;"
        " none of them leads to an existing file for this import"
    )


def test_a_subpath_missing_from_the_exports_says_so() -> None:
    files = {
        "packages/y/package.json": {"name": "y", "exports": {".": "./index.js"}},
        "packages/y/index.ts": "",
        "packages/y/other.ts": "",
    }
    result = workspace(files).resolve("y/other", APP, kind=ImportKind.STATIC)
    assert result.reason is UnresolvedReason.EXPORTS_NOT_EXPORTED
    assert result.detail == "'./other' is not in the exports of packages/y/package.json"


def test_a_node_modules_package_that_ships_its_build_is_never_mapped() -> None:
    files = {
        "node_modules/shipped/package.json": {"name": "shipped", "main": "dist/index.js"},
        "node_modules/shipped/src/index.ts": "",
    }
    sources = [APP, "node_modules/shipped/src/index.ts"]
    result = workspace(files, sources=sources).resolve("shipped", APP, kind=ImportKind.STATIC)
    assert result.method is ResolutionMethod.EXTERNAL
    assert result.file is None
