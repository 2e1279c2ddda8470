from __future__ import annotations

import pytest

from code_graph.resolve.paths import (
    ancestors,
    contains,
    join,
    mangle_types_name,
    normalize,
    package_name_of_node_modules_path,
    split_package_name,
    unmangle_types_name,
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("a/b.ts", "a/b.ts"),
        ("./a", "a"),
        ("a/./b", "a/b"),
        ("a/../b", "b"),
        ("a//b/", "a/b"),
        (".", ""),
        ("a/..", ""),
        (".hidden/x", ".hidden/x"),
    ],
)
def test_normalize_collapses_dots_and_slashes(path: str, expected: str) -> None:
    assert normalize(path) == expected


def test_paths_climbing_above_the_root_are_none() -> None:
    assert normalize("../a") is None
    assert join("src", "../../x") is None


def test_join_from_the_root_and_from_a_directory() -> None:
    assert join("", "./a/b") == "a/b"
    assert join("src/x", "../y") == "src/y"


def test_ancestors_run_from_the_directory_up_to_the_root() -> None:
    assert ancestors("a/b") == ["a/b", "a", ""]
    assert ancestors("") == [""]


def test_contains_respects_segment_boundaries() -> None:
    assert contains("", "anything")
    assert contains("src", "src/a.ts")
    assert contains("src", "src")
    assert not contains("src", "srcx/a.ts")


@pytest.mark.parametrize(
    ("specifier", "expected"),
    [
        ("react", ("react", "")),
        ("react/jsx-runtime", ("react", "jsx-runtime")),
        ("@scope/pkg", ("@scope/pkg", "")),
        ("@scope/pkg/a/b", ("@scope/pkg", "a/b")),
    ],
)
def test_split_package_name_handles_scopes(specifier: str, expected: tuple[str, str]) -> None:
    assert split_package_name(specifier) == expected


def test_types_package_names_round_trip() -> None:
    assert mangle_types_name("@scope/pkg") == "scope__pkg"
    assert unmangle_types_name("scope__pkg") == "@scope/pkg"
    assert mangle_types_name("plain") == "plain"


def test_package_name_of_node_modules_path_takes_the_innermost_package() -> None:
    assert package_name_of_node_modules_path("node_modules/a/node_modules/@s/b/x.d.ts") == "@s/b"
    assert package_name_of_node_modules_path("x/node_modules/@types/s__b/index.d.ts") == "@s/b"
    assert package_name_of_node_modules_path("src/a.ts") is None
