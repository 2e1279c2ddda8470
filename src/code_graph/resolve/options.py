"""The compiler options that steer module resolution, and the values TypeScript derives
from them (module kind → moduleResolution, package.json features, export conditions)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property

from code_graph.resolve.patterns import PatternTable


class ModuleResolutionKind(IntEnum):
    CLASSIC = 1
    NODE10 = 2
    NODE16 = 3
    NODENEXT = 99
    BUNDLER = 100


class ModuleKind(IntEnum):
    NONE = 0
    COMMONJS = 1
    AMD = 2
    UMD = 3
    SYSTEM = 4
    ES2015 = 5
    ES2020 = 6
    ES2022 = 7
    ESNEXT = 99
    NODE16 = 100
    NODE18 = 101
    NODE20 = 102
    NODENEXT = 199
    PRESERVE = 200


class ResolutionMode(IntEnum):
    """How a usage site is resolved in node16/nodenext/bundler: `require` or `import`."""

    COMMONJS = 1
    ESM = 99


MODULE_RESOLUTION_NAMES = {
    "classic": ModuleResolutionKind.CLASSIC,
    "node": ModuleResolutionKind.NODE10,
    "node10": ModuleResolutionKind.NODE10,
    "node16": ModuleResolutionKind.NODE16,
    "nodenext": ModuleResolutionKind.NODENEXT,
    "bundler": ModuleResolutionKind.BUNDLER,
}

MODULE_NAMES = {
    "none": ModuleKind.NONE,
    "commonjs": ModuleKind.COMMONJS,
    "amd": ModuleKind.AMD,
    "umd": ModuleKind.UMD,
    "system": ModuleKind.SYSTEM,
    "es6": ModuleKind.ES2015,
    "es2015": ModuleKind.ES2015,
    "es2020": ModuleKind.ES2020,
    "es2022": ModuleKind.ES2022,
    "esnext": ModuleKind.ESNEXT,
    "node16": ModuleKind.NODE16,
    "node18": ModuleKind.NODE18,
    "node20": ModuleKind.NODE20,
    "nodenext": ModuleKind.NODENEXT,
    "preserve": ModuleKind.PRESERVE,
}

# Script targets only matter for the default `module`: ES2015 and later default to ES2015.
_ES2015_OR_LATER_TARGETS = frozenset(
    {"es6", "esnext", "latest", *(f"es{year}" for year in range(2015, 2031))}
)

# Feature bits, as TypeScript's NodeResolutionFeatures.
IMPORTS = 2
SELF_NAME = 4
EXPORTS = 8
EXPORTS_PATTERN_TRAILERS = 16
ALL_FEATURES = 30
ESM_MODE = 32


@dataclass(frozen=True, slots=True)
class PathsTarget:
    """One `paths` substitution: as written, and root-relative (None if outside the root)."""

    written: str
    path: str | None


@dataclass(frozen=True)
class CompilerOptions:
    """Resolution-relevant compiler options with every path made root-relative.

    `paths` keeps key order (it decides ties); its substitutions are already joined to
    `baseUrl`, or to the directory of the config that wrote `paths` when there is none.
    """

    module: ModuleKind | None = None
    module_resolution: ModuleResolutionKind | None = None
    target_es2015_or_later: bool = False
    base_url: str | None = None
    paths: tuple[tuple[str, tuple[PathsTarget, ...]], ...] | None = None
    root_dirs: tuple[str, ...] | None = None
    type_roots: tuple[str, ...] | None = None
    allow_js: bool | None = None
    check_js: bool | None = None
    resolve_json_module: bool | None = None
    module_suffixes: tuple[str, ...] | None = None
    custom_conditions: tuple[str, ...] = ()
    resolve_package_json_exports: bool | None = None
    resolve_package_json_imports: bool | None = None
    no_dts_resolution: bool = False
    preserve_symlinks: bool = False
    out_dir: str | None = None
    declaration_dir: str | None = None
    root_dir: str | None = None
    composite: bool = False
    config_file: str | None = None

    @cached_property
    def paths_table(self) -> PatternTable:
        """The `paths` keys compiled for matching."""
        return PatternTable(key for key, _ in self.paths or ())

    @cached_property
    def module_kind(self) -> ModuleKind:
        """`module`, defaulting from `target` as TypeScript does."""
        if self.module is not None:
            return self.module
        return ModuleKind.ES2015 if self.target_es2015_or_later else ModuleKind.COMMONJS

    @cached_property
    def resolution_kind(self) -> ModuleResolutionKind:
        """`moduleResolution`, defaulting from `module` as TypeScript does."""
        if self.module_resolution is not None:
            return self.module_resolution
        module = self.module_kind
        if module is ModuleKind.COMMONJS:
            return ModuleResolutionKind.NODE10
        if module in (ModuleKind.NODE16, ModuleKind.NODE18, ModuleKind.NODE20):
            return ModuleResolutionKind.NODE16
        if module is ModuleKind.NODENEXT:
            return ModuleResolutionKind.NODENEXT
        if module is ModuleKind.PRESERVE:
            return ModuleResolutionKind.BUNDLER
        return ModuleResolutionKind.CLASSIC

    @cached_property
    def supports_package_json_exports_and_imports(self) -> bool:
        return self.resolution_kind in (
            ModuleResolutionKind.NODE16,
            ModuleResolutionKind.NODENEXT,
            ModuleResolutionKind.BUNDLER,
        )

    @cached_property
    def package_json_exports(self) -> bool:
        if not self.supports_package_json_exports_and_imports:
            return False
        return self.resolve_package_json_exports is not False

    @cached_property
    def package_json_imports(self) -> bool:
        if not self.supports_package_json_exports_and_imports:
            return False
        return self.resolve_package_json_imports is not False

    @cached_property
    def json_module(self) -> bool:
        """`resolveJsonModule` with TypeScript's default."""
        if self.resolve_json_module is not None:
            return self.resolve_json_module
        if self.module_kind in (ModuleKind.NODE20, ModuleKind.NODENEXT):
            return True
        return self.resolution_kind is ModuleResolutionKind.BUNDLER

    @cached_property
    def js_allowed(self) -> bool:
        return self.allow_js if self.allow_js is not None else bool(self.check_js)

    @cached_property
    def import_syntax_affects_resolution(self) -> bool:
        kind = self.resolution_kind
        if ModuleResolutionKind.NODE16 <= kind <= ModuleResolutionKind.NODENEXT:
            return True
        return self.package_json_exports or self.package_json_imports

    def features(self) -> int:
        """Package.json features (exports, imports, self-name) for the bundler resolver."""
        features = 0
        if self.resolution_kind in (
            ModuleResolutionKind.NODE16,
            ModuleResolutionKind.NODENEXT,
            ModuleResolutionKind.BUNDLER,
        ):
            features = ALL_FEATURES
        if self.resolve_package_json_exports:
            features |= EXPORTS
        elif self.resolve_package_json_exports is False:
            features &= ~EXPORTS
        if self.resolve_package_json_imports:
            features |= IMPORTS
        elif self.resolve_package_json_imports is False:
            features &= ~IMPORTS
        return features

    def conditions(self, mode: ResolutionMode | None) -> tuple[str, ...] | None:
        """Export conditions for a usage in `mode`; None means `exports` is not consulted."""
        kind = self.resolution_kind
        if mode is None:
            if kind is ModuleResolutionKind.BUNDLER:
                mode = ResolutionMode.ESM
            elif kind is ModuleResolutionKind.NODE10:
                return ()
        conditions = ["import" if mode is ResolutionMode.ESM else "require"]
        if not self.no_dts_resolution:
            conditions.append("types")
        if kind is not ModuleResolutionKind.BUNDLER:
            conditions.append("node")
        return (*conditions, *self.custom_conditions)


DEFAULT_OPTIONS = CompilerOptions()


def parse_module_kind(value: object) -> ModuleKind | None:
    return MODULE_NAMES.get(value.lower()) if isinstance(value, str) else None


def parse_module_resolution(value: object) -> ModuleResolutionKind | None:
    return MODULE_RESOLUTION_NAMES.get(value.lower()) if isinstance(value, str) else None


def target_is_es2015_or_later(value: object) -> bool:
    return isinstance(value, str) and value.lower() in _ES2015_OR_LATER_TARGETS
