from __future__ import annotations

import pytest

from code_graph.resolve.package_json import PackageJson, VersionRange


@pytest.mark.parametrize(
    ("range_", "matches"),
    [
        ("*", True),
        (">=4.2", True),
        (">=6", False),
        ("<4.0", False),
        ("<6", True),
        ("<=5.9", True),
        ("5.9", True),
        ("4.x", False),
        ("^5.0.0", True),
        ("~5.9.0", True),
        ("~5.8.0", False),
        (">=3.1 <5", False),
        ("<4 || >=5.1", True),
    ],
)
def test_version_ranges_are_tested_against_the_emulated_typescript(
    range_: str, matches: bool
) -> None:
    parsed = VersionRange.parse(range_)
    assert parsed is not None
    assert parsed.matches((5, 9, 3)) is matches


def test_unparsable_ranges_are_none() -> None:
    assert VersionRange.parse("latest") is None


def test_the_first_matching_types_versions_entry_wins() -> None:
    package = PackageJson.from_json(
        "p",
        {"typesVersions": {"<4": {"*": ["old/*"]}, ">=4.2": {"*": ["new/*"]}, "*": {}}},
    )
    assert package.versioned_paths() == {"*": ["new/*"]}


def test_fields_of_the_wrong_type_are_dropped() -> None:
    package = PackageJson.from_json("p", {"name": 3, "main": ["x"], "exports": None})
    assert package.name is None and package.main is None
    assert package.has_exports_key and package.exports is None
