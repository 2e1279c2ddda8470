from __future__ import annotations

from code_graph.resolve import MemoryFileSystem
from code_graph.resolve.options import ModuleKind, ModuleResolutionKind, PathsTarget
from code_graph.resolve.tsconfig import ConfigLoader, TsConfig


def load(
    files: dict[str, str], path: str = "tsconfig.json"
) -> tuple[TsConfig | None, ConfigLoader]:
    def by_package(name: str, directory: str) -> str | None:
        return f"node_modules/{name}" if f"node_modules/{name}" in files else None

    loader = ConfigLoader(MemoryFileSystem(files), by_package)
    return loader.load(path), loader


def test_options_are_read_and_paths_made_root_relative() -> None:
    config, _ = load(
        {
            "app/tsconfig.json": """{
              // comment
              "compilerOptions": {
                "module": "ESNext", "moduleResolution": "Bundler",
                "baseUrl": "./src", "paths": {"@/*": ["./*", "../shared/*"]},
                "rootDirs": ["src", "gen"], "allowJs": true,
              },
            }"""
        },
        "app/tsconfig.json",
    )
    assert config is not None
    options = config.options
    assert options.module is ModuleKind.ESNEXT
    assert options.resolution_kind is ModuleResolutionKind.BUNDLER
    assert options.base_url == "app/src"
    assert options.paths == (
        ("@/*", (PathsTarget("./*", "app/src/*"), PathsTarget("../shared/*", "app/shared/*"))),
    )
    assert options.root_dirs == ("app/src", "app/gen")
    assert options.js_allowed


def test_paths_without_base_url_are_relative_to_the_config_that_wrote_them() -> None:
    config, _ = load(
        {
            "configs/base.json": '{"compilerOptions": {"paths": {"~/*": ["../src/*"]}}}',
            "tsconfig.json": '{"extends": "./configs/base.json"}',
        }
    )
    assert config is not None
    assert config.options.paths == (("~/*", (PathsTarget("../src/*", "src/*"),)),)


def test_a_base_url_in_the_leaf_rebases_inherited_paths() -> None:
    config, _ = load(
        {
            "configs/base.json": '{"compilerOptions": {"paths": {"~/*": ["lib/*"]}}}',
            "tsconfig.json": '{"extends": "./configs/base", "compilerOptions": {"baseUrl": "."}}',
        }
    )
    assert config is not None
    assert config.options.paths == (("~/*", (PathsTarget("lib/*", "lib/*"),)),)


def test_later_bases_in_an_extends_array_override_earlier_ones() -> None:
    config, _ = load(
        {
            "a.json": '{"compilerOptions": {"module": "commonjs", "allowJs": true}}',
            "b.json": '{"compilerOptions": {"module": "nodenext"}}',
            "tsconfig.json": '{"extends": ["./a.json", "./b.json"]}',
        }
    )
    assert config is not None
    assert config.options.module is ModuleKind.NODENEXT
    assert config.options.allow_js is True


def test_package_bases_are_found_through_the_resolver_callback() -> None:
    config, _ = load(
        {
            "node_modules/@acme/tsconfig/base.json": '{"compilerOptions": {"module": "preserve"}}',
            "tsconfig.json": '{"extends": "@acme/tsconfig/base.json"}',
        }
    )
    assert config is not None
    assert config.options.resolution_kind is ModuleResolutionKind.BUNDLER


def test_config_dir_refers_to_the_leaf_config() -> None:
    files = {
        "base/tsconfig.json": """{"compilerOptions": {"outDir": "${configDir}/dist",
            "paths": {"#/*": ["${configDir}/src/*"]}}, "include": ["${configDir}/src"]}""",
        "apps/a/tsconfig.json": '{"extends": "../../base/tsconfig.json"}',
    }
    config, _ = load(files, "apps/a/tsconfig.json")
    assert config is not None
    assert config.options.out_dir == "apps/a/dist"
    assert config.options.paths == (("#/*", (PathsTarget("${configDir}/src/*", "apps/a/src/*"),)),)
    assert config.specs.include == ("apps/a/src",)


def test_include_inherited_from_a_base_stays_relative_to_the_base() -> None:
    config, _ = load(
        {
            "configs/base.json": '{"include": ["../src"], "exclude": ["../src/gen"]}',
            "tsconfig.json": '{"extends": "./configs/base.json", "exclude": []}',
        }
    )
    assert config is not None
    assert config.specs.include == ("src",)
    assert config.specs.exclude == ()


def test_out_dir_is_excluded_when_no_exclude_is_given() -> None:
    config, _ = load({"tsconfig.json": '{"compilerOptions": {"outDir": "dist"}}'})
    assert config is not None
    assert config.specs.exclude == ("dist",)


def test_references_point_at_config_files() -> None:
    config, _ = load(
        {
            "tsconfig.json": """{"files": [], "references": [
                {"path": "./tsconfig.app.json"}, {"path": "packages/a"}, {"nope": 1}]}"""
        }
    )
    assert config is not None
    assert config.references == ("tsconfig.app.json", "packages/a/tsconfig.json")
    assert config.is_solution


def test_invalid_json_is_a_warning_and_the_config_is_ignored() -> None:
    config, loader = load({"tsconfig.json": '{"compilerOptions": {'})
    assert config is None
    assert [w.file for w in loader.warnings] == ["tsconfig.json"]
    assert "invalid JSON" in loader.warnings[0].message


def test_an_extends_cycle_is_a_warning_and_the_cyclic_base_is_skipped() -> None:
    config, loader = load(
        {
            "tsconfig.json": '{"extends": "./b.json", "compilerOptions": {"baseUrl": "."}}',
            "b.json": '{"extends": "./tsconfig.json", "compilerOptions": {"allowJs": true}}',
        }
    )
    assert config is not None
    assert config.options.base_url == ""
    assert any("extends cycle" in w.message for w in loader.warnings)


def test_a_missing_base_is_a_warning_and_the_rest_still_applies() -> None:
    config, loader = load(
        {"tsconfig.json": '{"extends": "./nope.json", "compilerOptions": {"baseUrl": "src"}}'}
    )
    assert config is not None
    assert config.options.base_url == "src"
    assert loader.warnings[0].message == "extends './nope.json': file not found"


def test_jsconfig_allows_js_by_default() -> None:
    config, _ = load({"jsconfig.json": "{}"}, "jsconfig.json")
    assert config is not None
    assert config.options.js_allowed


def test_wrongly_typed_options_are_ignored_with_a_warning_naming_file_and_option() -> None:
    config, loader = load(
        {
            "tsconfig.json": '{"extends": "./base.json", "compilerOptions": {"baseUrl": 3}}',
            "base.json": '{"compilerOptions": {"paths": [], "allowJs": "yes", "outDir": null}}',
        }
    )
    assert config is not None
    assert config.options.base_url is None
    assert config.options.paths is None
    assert config.options.allow_js is None
    assert sorted((w.file, w.message) for w in loader.warnings) == [
        ("base.json", "compilerOptions.allowJs must be true or false; ignored"),
        ("base.json", "compilerOptions.paths must be an object; ignored"),
        ("tsconfig.json", "compilerOptions.baseUrl must be a string; ignored"),
    ]


def test_a_huge_paths_map_and_comments_with_trailing_commas_are_read() -> None:
    entries = ",\n".join(f'  // alias {i}\n  "@m{i}/*": ["src/m{i}/*",],' for i in range(5000))
    text = '{"compilerOptions": {"baseUrl": ".", "paths": {\n' + entries + "\n},},}"
    config, loader = load({"tsconfig.json": text.replace(",,", ",")})
    assert config is not None
    assert config.options.paths is not None
    assert len(config.options.paths) == 5000
    assert loader.warnings == []
