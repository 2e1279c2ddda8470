"""Specifier and pattern helpers shared by `paths`, `typesVersions`, `exports` and `imports`."""

from __future__ import annotations

from code_graph.resolve.package_json import TS_VERSION, VersionRange
from code_graph.resolve.paths import NODE_MODULES, normalize


def is_relative_name(name: str) -> bool:
    """TypeScript's `pathIsRelative`: `.`, `..`, `./x`, `../x`."""
    return name in (".", "..") or name.startswith(("./", "../"))


def is_external_module_name_relative(name: str) -> bool:
    return is_relative_name(name) or name.startswith("/")


def match_pattern(keys: list[str], name: str) -> tuple[str, str | None] | None:
    """The `paths` key matching `name` (exact first, then longest prefix) and the `*` text."""
    if name in keys and "*" not in name:
        return name, None
    best: tuple[str, str | None] | None = None
    best_prefix = -1
    for key in keys:
        star = key.find("*")
        if star < 0:
            if key == name and best is None:
                best = (key, None)
            continue
        if key.find("*", star + 1) >= 0:
            continue
        prefix, suffix = key[:star], key[star + 1 :]
        if (
            len(prefix) > best_prefix
            and len(name) >= len(prefix) + len(suffix)
            and name.startswith(prefix)
            and name.endswith(suffix)
        ):
            best_prefix = len(prefix)
            best = (key, name[len(prefix) : len(name) - len(suffix)])
    return best


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
