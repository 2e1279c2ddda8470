"""package.json fields that steer resolution, and `typesVersions` selection."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The TypeScript version whose behaviour we reproduce (used by `typesVersions` ranges).
TS_VERSION = (5, 9, 3)


@dataclass(frozen=True, slots=True)
class PackageJson:
    """One package.json: where it is and the fields resolution reads.

    `exports`/`imports` keep their JSON shape (str, list, dict or None); `raw_keys` lists the
    top-level keys so "has an exports field" can be told from "exports is null".
    """

    directory: str
    name: str | None = None
    type: str | None = None
    types: str | None = None
    typings: str | None = None
    main: str | None = None
    module: str | None = None
    source: str | None = None  # the source entry bundlers such as microbundle and Parcel build
    tsconfig: str | None = None
    exports: object = None
    imports: object = None
    types_versions: object = None
    workspaces: object = None
    has_exports_key: bool = False

    @classmethod
    def from_json(cls, directory: str, data: dict[str, object]) -> PackageJson:
        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        return cls(
            directory=directory,
            name=text("name"),
            type=text("type"),
            types=text("types"),
            typings=text("typings"),
            main=text("main"),
            module=text("module"),
            source=text("source"),
            tsconfig=text("tsconfig"),
            exports=data.get("exports"),
            imports=data.get("imports"),
            types_versions=data.get("typesVersions"),
            workspaces=data.get("workspaces"),
            has_exports_key="exports" in data,
        )

    def versioned_paths(self) -> dict[str, object] | None:
        """The `typesVersions` path map that applies to our TypeScript version, if any."""
        table = self.types_versions
        if not isinstance(table, dict):
            return None
        for key, paths in table.items():
            range_ = VersionRange.parse(key)
            if range_ is not None and range_.matches(TS_VERSION):
                return paths if isinstance(paths, dict) else None
        return None


_COMPARATOR = re.compile(
    r"^(<=|>=|<|>|=|\^|~)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?"
)


@dataclass(frozen=True, slots=True)
class VersionRange:
    """A semver range as `typesVersions` keys use them (`>=4.2`, `*`, `<3.9 || >=4.1`)."""

    alternatives: tuple[tuple[tuple[str, tuple[int, int, int], int], ...], ...]

    @classmethod
    def parse(cls, text: str) -> VersionRange | None:
        alternatives: list[tuple[tuple[str, tuple[int, int, int], int], ...]] = []
        for alternative in text.split("||"):
            comparators: list[tuple[str, tuple[int, int, int], int]] = []
            rest = alternative.strip()
            while rest:
                match = _COMPARATOR.match(rest)
                if match is None:
                    return None
                op = match.group(1) or "="
                numbers = [match.group(2), match.group(3), match.group(4)]
                known = 0
                version = [0, 0, 0]
                for i, part in enumerate(numbers):
                    if part is None or part in ("x", "X", "*"):
                        break
                    version[i] = int(part)
                    known += 1
                comparators.append((op, (version[0], version[1], version[2]), known))
                rest = rest[match.end() :].strip()
            alternatives.append(tuple(comparators))
        return cls(tuple(alternatives))

    def matches(self, version: tuple[int, int, int]) -> bool:
        return any(all(_test(c, version) for c in alt) for alt in self.alternatives)


def _test(comparator: tuple[str, tuple[int, int, int], int], version: tuple[int, int, int]) -> bool:
    op, bound, known = comparator
    if known == 0:
        return op in ("=", ">=", "<=", "^", "~")
    head = version[:known]
    limit = bound[:known]
    if op == "=":
        return head == limit
    if op == ">=":
        return version >= bound
    if op == ">":
        return head > limit
    if op == "<":
        return version < bound
    if op == "<=":
        return head <= limit
    if op == "^":
        if version < bound:
            return False
        first = next((i for i, n in enumerate(bound) if n != 0), known - 1)
        return version[: first + 1] == bound[: first + 1]
    # "~": same major.minor (or major when only a major is given)
    if version < bound:
        return False
    span = 2 if known >= 2 else 1
    return version[:span] == bound[:span]
