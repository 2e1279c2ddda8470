from __future__ import annotations

from code_graph.resolve.filespecs import FileMatcher, FileSpecs


def always(_: str) -> bool:
    return True


def never(_: str) -> bool:
    return False


def matcher(
    files: tuple[str, ...] | None = None,
    include: tuple[str, ...] | None = None,
    exclude: tuple[str, ...] | None = None,
    *,
    allow_js: bool = False,
) -> FileMatcher:
    return FileMatcher(FileSpecs(files, include, exclude, allow_js=allow_js))


def test_without_files_or_include_everything_with_a_ts_extension_is_covered() -> None:
    m = matcher()
    assert m.contains("a.ts", never)
    assert m.contains("deep/x/b.tsx", never)
    assert m.contains("c.d.mts", never)
    assert not m.contains("d.js", never)


def test_javascript_needs_allow_js() -> None:
    assert matcher(allow_js=True).contains("d.js", never)
    assert matcher(allow_js=True).contains("e.cjs", never)


def test_a_directory_include_covers_everything_below_it() -> None:
    m = matcher(include=("src",))
    assert m.contains("src/a.ts", never)
    assert m.contains("src/x/y/z.ts", never)
    assert not m.contains("test/a.ts", never)


def test_single_star_stays_within_one_directory() -> None:
    m = matcher(include=("src/*.ts",))
    assert m.contains("src/a.ts", never)
    assert not m.contains("src/x/a.ts", never)


def test_double_star_skips_hidden_and_package_directories() -> None:
    m = matcher(include=("**/*",))
    assert m.contains("a/b/c.ts", never)
    assert not m.contains("a/.cache/c.ts", never)
    assert not m.contains("a/node_modules/c.ts", never)
    assert not m.contains(".eslintrc.ts", never)


def test_star_never_matches_min_js() -> None:
    m = matcher(include=("*",), allow_js=True)
    assert m.contains("a.js", never)
    assert not m.contains("a.min.js", never)


def test_exclude_removes_files_and_whole_directories() -> None:
    m = matcher(include=("src",), exclude=("src/**/*.test.ts", "src/gen"))
    assert m.contains("src/a.ts", never)
    assert not m.contains("src/a.test.ts", never)
    assert not m.contains("src/gen/x/y.ts", never)


def test_files_are_covered_even_when_excluded_or_not_included() -> None:
    m = matcher(files=("tools/build.ts",), include=("src",), exclude=("tools",))
    assert m.contains("tools/build.ts", never)
    assert not m.contains("tools/other.ts", never)


def test_an_empty_files_list_without_include_covers_nothing() -> None:
    assert not matcher(files=()).contains("a.ts", never)


def test_a_ts_file_hides_a_declaration_or_js_file_of_the_same_name() -> None:
    m = matcher(allow_js=True)
    assert not m.contains("a.d.ts", always)
    assert not m.contains("a.js", always)
    assert m.contains("a.d.ts", never)
    assert m.contains("a.ts", always)


def test_json_is_covered_only_when_included_explicitly_with_resolve_json_module() -> None:
    specs = FileSpecs(None, ("src", "data/*.json"), None, resolve_json_module=True)
    m = FileMatcher(specs)
    assert m.contains("data/a.json", never)
    assert not m.contains("src/b.json", never)
