from __future__ import annotations

import pytest

from code_graph.model import ImportKind
from code_graph.resolve.modes import usage_mode
from code_graph.resolve.options import (
    CompilerOptions,
    ModuleKind,
    ModuleResolutionKind,
    ResolutionMode,
)

NODE16 = CompilerOptions(module=ModuleKind.NODE16)
BUNDLER = CompilerOptions(module=ModuleKind.ESNEXT, module_resolution=ModuleResolutionKind.BUNDLER)
CJS, ESM = ResolutionMode.COMMONJS, ResolutionMode.ESM


def test_module_defaults_follow_typescript() -> None:
    assert CompilerOptions().resolution_kind is ModuleResolutionKind.NODE10
    assert CompilerOptions(target_es2015_or_later=True).resolution_kind is (
        ModuleResolutionKind.CLASSIC
    )
    assert CompilerOptions(module=ModuleKind.PRESERVE).resolution_kind is (
        ModuleResolutionKind.BUNDLER
    )
    assert CompilerOptions(module=ModuleKind.NODE20).resolution_kind is (
        ModuleResolutionKind.NODE16
    )


@pytest.mark.parametrize(
    ("file", "package_type", "expected"),
    [
        ("a.ts", "module", ESM),
        ("a.ts", None, CJS),
        ("a.mts", None, ESM),
        ("a.cts", "module", CJS),
        ("a.d.mts", None, ESM),
        ("a.js", "commonjs", CJS),
    ],
)
def test_node16_static_imports_follow_the_file_format(
    file: str, package_type: str | None, expected: ResolutionMode
) -> None:
    assert usage_mode(ImportKind.STATIC, file, NODE16, package_type) is expected
    assert usage_mode(ImportKind.REEXPORT, file, NODE16, package_type) is expected


def test_node16_require_is_cjs_and_dynamic_import_is_esm_everywhere() -> None:
    assert usage_mode(ImportKind.REQUIRE, "a.mts", NODE16, None) is CJS
    assert usage_mode(ImportKind.IMPORT_EQUALS, "a.ts", NODE16, "module") is CJS
    assert usage_mode(ImportKind.DYNAMIC, "a.cts", NODE16, None) is ESM


def test_bundler_uses_import_except_for_require_and_cts_files() -> None:
    assert usage_mode(ImportKind.STATIC, "a.ts", BUNDLER, None) is ESM
    assert usage_mode(ImportKind.STATIC, "a.cts", BUNDLER, None) is CJS
    assert usage_mode(ImportKind.REQUIRE, "a.ts", BUNDLER, None) is CJS


def test_node10_has_no_mode() -> None:
    assert usage_mode(ImportKind.STATIC, "a.mts", CompilerOptions(), "module") is None


def test_conditions_per_resolution_kind() -> None:
    assert NODE16.conditions(ESM) == ("import", "types", "node")
    assert NODE16.conditions(CJS) == ("require", "types", "node")
    assert BUNDLER.conditions(None) == ("import", "types")
    custom = CompilerOptions(
        module=ModuleKind.PRESERVE, custom_conditions=("source",), no_dts_resolution=True
    )
    assert custom.conditions(CJS) == ("require", "source")
    assert CompilerOptions().conditions(None) == ()
