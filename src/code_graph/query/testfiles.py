"""Which files are tests, by the conventions of the JavaScript ecosystem."""

from __future__ import annotations

TEST_FOLDERS = frozenset({"__tests__", "__test__", "test", "tests", "spec"})
TEST_INFIXES = (".test.", ".spec.")


def is_test_file(path: str) -> bool:
    """`*.test.*`, `*.spec.*`, or anything under a `__tests__/`, `__test__/`, `test/`, `tests/`
    or `spec/` folder."""
    *folders, name = path.split("/")
    return any(infix in name for infix in TEST_INFIXES) or any(
        folder in TEST_FOLDERS for folder in folders
    )
