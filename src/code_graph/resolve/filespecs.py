"""tsconfig `files`/`include`/`exclude` matching, with TypeScript's wildcard semantics.

`*` matches within one path segment, `?` one character, `**/` any number of directories.
Wildcard segments never match names starting with `.` nor `node_modules`,
`bower_components` or `jspm_packages`; a `*` never matches a `.min.js` suffix; a last
segment without `.`, `*` or `?` means "everything below this directory".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_RESERVED = re.compile(r"[^\w\s/]")
_IMPLICIT_EXCLUDE = r"(?!(?:node_modules|bower_components|jspm_packages)(?:/|$))"
_FILES_STAR = r"(?:[^./]|(?:\.(?!min\.js$))?)*"
_FILES_DOUBLE_STAR = rf"(?:/{_IMPLICIT_EXCLUDE}[^/.][^/]*)*?"
_EXCLUDE_DOUBLE_STAR = r"(?:/.+?)?"

TS_EXTENSION_GROUPS: tuple[tuple[str, ...], ...] = (
    (".ts", ".tsx", ".d.ts"),
    (".cts", ".d.cts"),
    (".mts", ".d.mts"),
)
ALL_EXTENSION_GROUPS: tuple[tuple[str, ...], ...] = (
    (".ts", ".tsx", ".d.ts", ".js", ".jsx"),
    (".cts", ".d.cts", ".cjs"),
    (".mts", ".d.mts", ".mjs"),
)
_ALL_EXTENSIONS: tuple[str, ...] = (
    ".d.ts", ".d.mts", ".d.cts", ".mjs", ".mts", ".cjs", ".cts", ".ts", ".js", ".tsx", ".jsx",
    ".json",
)  # fmt: skip


def _escape(text: str, star: str) -> str:
    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char == "*":
            return star
        if char == "?":
            return "[^/]"
        return "\\" + char

    return _RESERVED.sub(replace, text)


def _is_implicit_glob(component: str) -> bool:
    return not any(c in component for c in ".*?")


def spec_pattern(spec: str, *, exclude: bool) -> str | None:
    """Regex source for one root-relative spec, matched against '/' + root-relative path.

    None when the spec can never match (an include ending in `**`).
    """
    components = [c for c in spec.split("/") if c]
    if not components:
        components = []
    last = components[-1] if components else ""
    if not exclude and last == "**":
        return None
    if _is_implicit_glob(last):
        components += ["**", "*"]
    star = "[^/]*" if exclude else _FILES_STAR
    parts: list[str] = []
    for component in components:
        if component == "**":
            parts.append(_EXCLUDE_DOUBLE_STAR if exclude else _FILES_DOUBLE_STAR)
            continue
        parts.append("/")
        if exclude:
            parts.append(_escape(component, star))
            continue
        pattern = ""
        rest = component
        if rest.startswith("*"):
            pattern += "(?:[^./]" + _FILES_STAR + ")?"
            rest = rest[1:]
        elif rest.startswith("?"):
            pattern += "[^./]"
            rest = rest[1:]
        pattern += _escape(rest, star)
        if pattern != component:
            parts.append(_IMPLICIT_EXCLUDE)
        parts.append(pattern)
    return "".join(parts)


def _compile(specs: Iterable[str], *, exclude: bool) -> re.Pattern[str] | None:
    patterns = [p for p in (spec_pattern(s, exclude=exclude) for s in specs) if p is not None]
    if not patterns:
        return None
    terminator = "(?:$|/)" if exclude else "$"
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + ")" + terminator)


def extension_of(path: str) -> str | None:
    """The TypeScript-known extension `path` ends with (`.d.ts` before `.ts`), if any."""
    for ext in _ALL_EXTENSIONS:
        if path.endswith(ext):
            return ext
    return None


@dataclass(frozen=True, slots=True)
class FileSpecs:
    """A project's root-relative `files`, `include` and `exclude` lists."""

    files: tuple[str, ...] | None
    include: tuple[str, ...] | None
    exclude: tuple[str, ...] | None
    allow_js: bool = False
    resolve_json_module: bool = False


class FileMatcher:
    """Answers "does this project's file list contain path?" without listing the tree."""

    def __init__(self, specs: FileSpecs) -> None:
        self._files = frozenset(specs.files or ())
        include = specs.include
        if specs.files is None and include is None:
            include = ("**/*",)  # TypeScript's default when neither is given
        self._include = _compile(include or (), exclude=False)
        json_includes = [s for s in include or () if s.endswith(".json")]
        self._json_include = _compile(json_includes, exclude=False)
        self._exclude = _compile(specs.exclude or (), exclude=True)
        self._groups = ALL_EXTENSION_GROUPS if specs.allow_js else TS_EXTENSION_GROUPS
        self._extensions = tuple(e for g in self._groups for e in g)
        self._json = specs.resolve_json_module

    def _wildcard_match(self, path: str) -> bool:
        if self._include is None:
            return False
        if path.endswith(".json"):
            if not self._json or self._json_include is None:
                return False
            probe = "/" + path
            return bool(self._json_include.match(probe)) and not (
                self._exclude is not None and self._exclude.match(probe)
            )
        if not path.endswith(self._extensions):
            return False
        probe = "/" + path
        if self._exclude is not None and self._exclude.match(probe):
            return False
        return bool(self._include.match(probe))

    def contains(self, path: str, exists: Callable[[str], bool]) -> bool:
        """True if TypeScript would list `path` among the project's root files.

        `exists` tells whether a sibling file exists (a `.ts` file hides a `.d.ts` or `.js`
        file of the same name that a wildcard also matched).
        """
        if path in self._files:
            return True
        if not self._wildcard_match(path):
            return False
        return not self._has_higher_priority_sibling(path, exists)

    def _has_higher_priority_sibling(self, path: str, exists: Callable[[str], bool]) -> bool:
        ext = extension_of(path)
        if ext is None:
            return False
        group = next((g for g in self._groups if ext in g), None)
        if group is None:
            return False
        stem = path[: -len(ext)]
        for candidate in group:
            if candidate == ext:
                return False
            sibling = stem + candidate
            if (sibling in self._files or self._wildcard_match(sibling)) and exists(sibling):
                if candidate == ".d.ts" and ext in (".js", ".jsx"):
                    continue
                return True
        return False
