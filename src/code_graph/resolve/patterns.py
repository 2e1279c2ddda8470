"""Specifier and pattern helpers shared by `paths`, `typesVersions`, `exports` and `imports`."""

from __future__ import annotations

from collections.abc import Iterable

from code_graph.resolve.package_json import TS_VERSION, VersionRange
from code_graph.resolve.paths import NODE_MODULES, normalize


def is_relative_name(name: str) -> bool:
    """TypeScript's `pathIsRelative`: `.`, `..`, `./x`, `../x`."""
    return name in (".", "..") or name.startswith(("./", "../"))


def is_external_module_name_relative(name: str) -> bool:
    return is_relative_name(name) or name.startswith("/")


class PatternTable:
    """Keys of a `paths`-style map, compiled once for matching: exact keys first, then the
    `*` pattern with the longest prefix (the first one written wins a tie)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._exact: set[str] = set()
        self._by_prefix: dict[str, list[tuple[str, str]]] = {}  # prefix -> (suffix, key)
        for key in keys:
            star = key.find("*")
            if star < 0:
                self._exact.add(key)
            elif key.find("*", star + 1) < 0:  # more than one `*` never matches
                self._by_prefix.setdefault(key[:star], []).append((key[star + 1 :], key))
        self._prefix_lengths = sorted({len(prefix) for prefix in self._by_prefix}, reverse=True)

    def match(self, name: str) -> tuple[str, str | None] | None:
        """The key matching `name` and the text its `*` stands for (None for an exact key)."""
        if name in self._exact:
            return name, None
        for length in self._prefix_lengths:
            for suffix, key in self._by_prefix.get(name[:length], ()):
                if len(name) >= length + len(suffix) and name.endswith(suffix):
                    return key, name[length : len(name) - len(suffix)]
        return None


def versioned_types_key(conditions: tuple[str, ...], key: str) -> bool:
    """Whether a `types@<range>` condition applies (needs `types` and a matching range)."""
    if "types" not in conditions or not key.startswith("types@"):
        return False
    range_ = VersionRange.parse(key[len("types@") :])
    return range_ is not None and range_.matches(TS_VERSION)


def combine(directory: str, name: str) -> tuple[str | None, bool, bool]:
    """Join a relative or absolute specifier to a directory.

    Returns (path or None when outside the root, has trailing separator, went through
    node_modules).
    """
    if name.startswith("/"):
        return None, False, False
    trailing = name.endswith("/") or name in (".", "..") or name.endswith(("/.", "/.."))
    joined = f"{directory}/{name}" if directory else name
    escaped = NODE_MODULES in joined.split("/")
    return normalize(joined), trailing, escaped


class PatternKey:
    """Sort key for `exports`/`imports` pattern keys (TypeScript's comparePatternKeys)."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def __lt__(self, other: PatternKey) -> bool:
        return _compare_pattern_keys(self.key, other.key) < 0


def _compare_pattern_keys(a: str, b: str) -> int:
    a_star = a.find("*")
    b_star = b.find("*")
    base_a = len(a) if a_star == -1 else a_star + 1
    base_b = len(b) if b_star == -1 else b_star + 1
    if base_a > base_b:
        return -1
    if base_b > base_a:
        return 1
    if a_star == -1:
        return 1
    if b_star == -1:
        return -1
    if len(a) > len(b):
        return -1
    if len(b) > len(a):
        return 1
    return 0
