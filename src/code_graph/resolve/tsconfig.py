"""Read tsconfig.json/jsconfig.json files: JSONC, `extends` chains, `${configDir}`.

Paths in the result are root-relative. Problems (invalid JSON, a missing base, an
`extends` cycle) become ConfigWarnings; the offending file or base is ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from code_graph.resolve.diagnostics import ConfigWarning
from code_graph.resolve.filespecs import FileMatcher, FileSpecs
from code_graph.resolve.fs import FileSystem
from code_graph.resolve.jsonc import JsoncError, parse_jsonc
from code_graph.resolve.options import (
    CompilerOptions,
    PathsTarget,
    parse_module_kind,
    parse_module_resolution,
    target_is_es2015_or_later,
)
from code_graph.resolve.paths import basename, dirname, join

CONFIG_DIR = "${configDir}"
_PATHS_BASE = "\0pathsBasePath"

# Resolves a package-style `extends` value from a directory to a config path, or None.
ExtendsResolver = Callable[[str, str], str | None]

_PATH_OPTIONS = ("baseUrl", "outDir", "declarationDir", "rootDir")
_PATH_LIST_OPTIONS = ("rootDirs", "typeRoots")
_BOOL_OPTIONS = (
    "allowJs",
    "checkJs",
    "resolveJsonModule",
    "resolvePackageJsonExports",
    "resolvePackageJsonImports",
    "noDtsResolution",
    "preserveSymlinks",
    "composite",
)
_STRING_LIST_OPTIONS = ("moduleSuffixes", "customConditions")
_STRING_OPTIONS = ("module", "moduleResolution", "target")


@dataclass(frozen=True, slots=True)
class _Located:
    """A raw option value and the directory of the config file that set it."""

    value: object
    directory: str


_STRING, _ARRAY, _BOOLEAN = (str, "a string"), (list, "an array"), (bool, "true or false")
_OPTION_TYPES: dict[str, tuple[type, str]] = {
    "baseUrl": _STRING,
    "paths": (dict, "an object"),
    "module": _STRING,
    "moduleResolution": _STRING,
    "target": _STRING,
    "outDir": _STRING,
    "rootDir": _STRING,
    "declarationDir": _STRING,
    "rootDirs": _ARRAY,
    "typeRoots": _ARRAY,
    "moduleSuffixes": _ARRAY,
    "customConditions": _ARRAY,
    "allowJs": _BOOLEAN,
    "checkJs": _BOOLEAN,
    "resolveJsonModule": _BOOLEAN,
    "preserveSymlinks": _BOOLEAN,
}


@dataclass(slots=True)
class _Parsed:
    """One config file with its bases applied, before `${configDir}` substitution."""

    options: dict[str, _Located]
    files: _Located | None
    include: _Located | None
    exclude: _Located | None
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TsConfig:
    """A fully resolved project config."""

    path: str
    options: CompilerOptions
    specs: FileSpecs
    references: tuple[str, ...] = ()
    matcher: FileMatcher = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "matcher", FileMatcher(self.specs))

    @property
    def directory(self) -> str:
        return dirname(self.path)

    @property
    def is_solution(self) -> bool:
        """A config that lists no files of its own and only points at references."""
        return self.specs.files == () and self.specs.include is None and bool(self.references)


def _js_truthy(value: object) -> bool:
    if value is None or value is False or value == 0:
        return False
    return value != ""


def _substitute(value: str, defining_dir: str, config_dir: str) -> str | None:
    """A path written in a config, made root-relative (`${configDir}` → the leaf's dir)."""
    if value[: len(CONFIG_DIR)].lower() == CONFIG_DIR.lower():
        return join(config_dir, "./" + value[len(CONFIG_DIR) :])
    if value.startswith("/"):
        return None  # absolute paths cannot be mapped into the project
    return join(defining_dir, value)


def _spec_list(located: _Located | None, config_dir: str) -> tuple[str, ...] | None:
    if located is None or not isinstance(located.value, list):
        return None
    result: list[str] = []
    for item in located.value:
        if isinstance(item, str):
            path = _substitute(item, located.directory, config_dir)
            if path is not None:
                result.append(path)
    return tuple(result)


class ConfigLoader:
    """Loads and caches configs; collects warnings as it goes."""

    def __init__(self, fs: FileSystem, resolve_extends: ExtendsResolver) -> None:
        self._fs = fs
        self._resolve_extends = resolve_extends
        self._json: dict[str, dict[str, object] | None] = {}
        self._parsed: dict[str, _Parsed | None] = {}
        self._configs: dict[str, TsConfig | None] = {}
        self._warnings: dict[tuple[str, str], ConfigWarning] = {}

    @property
    def warnings(self) -> list[ConfigWarning]:
        return list(self._warnings.values())

    def warn(self, file: str, message: str) -> None:
        self._warnings.setdefault((file, message), ConfigWarning(file, message))

    def read_json(self, path: str) -> dict[str, object] | None:
        """The JSON object in `path`, or None (with a warning) if it is missing or invalid."""
        if path in self._json:
            return self._json[path]
        result: dict[str, object] | None = None
        text = self._fs.read_text(path)
        if text is None:
            self.warn(path, "cannot be read")
        else:
            try:
                value = parse_jsonc(text)
            except JsoncError as e:
                self.warn(path, str(e))
            else:
                if isinstance(value, dict):
                    result = value
                else:
                    self.warn(path, "is not a JSON object")
        self._json[path] = result
        return result

    def load(self, path: str) -> TsConfig | None:
        """The config at `path` with its `extends` chain applied; None if unusable."""
        if path in self._configs:
            return self._configs[path]
        parsed = self._parse(path, ())
        config = None if parsed is None else self._finish(path, parsed)
        self._configs[path] = config
        return config

    def _parse(self, path: str, stack: tuple[str, ...]) -> _Parsed | None:
        if path in stack:
            self.warn(path, "extends cycle: " + " -> ".join((*stack, path)))
            return None
        if path in self._parsed:
            return self._parsed[path]
        raw = self.read_json(path)
        if raw is None:
            self._parsed[path] = None
            return None
        directory = dirname(path)
        own = self._own_options(raw, directory)
        self._check_types(path, own)
        merged: dict[str, _Located] = {}
        inherited: dict[str, _Located | None] = {"files": None, "include": None, "exclude": None}
        for base_path in self._bases(raw.get("extends"), path):
            base = self._parse(base_path, (*stack, path))
            if base is None:
                continue
            merged.update(base.options)
            for key in inherited:
                if _js_truthy(raw.get(key)):
                    continue
                value = getattr(base, key)
                if value is not None and _js_truthy(value.value):
                    inherited[key] = value
        merged.update(own)

        def located(key: str) -> _Located | None:
            if key in raw:
                return _Located(raw[key], directory)
            return inherited[key]

        parsed = _Parsed(
            options=merged,
            files=located("files"),
            include=located("include"),
            exclude=located("exclude"),
            references=self._references(raw.get("references"), directory),
        )
        self._parsed[path] = parsed
        return parsed

    def _bases(self, value: object, path: str) -> list[str]:
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        result: list[str] = []
        for name in names:
            if not isinstance(name, str):
                continue
            base = self._locate_base(name, path)
            if base is None:
                self.warn(path, f"extends {name!r}: file not found")
            else:
                result.append(base)
        return result

    def _locate_base(self, name: str, path: str) -> str | None:
        directory = dirname(path)
        if name.startswith(("./", "../", "/")) or name in (".", ".."):
            if name.startswith("/"):
                return None
            candidate = join(directory, name)
            if candidate is None:
                return None
            if self._fs.is_file(candidate):
                return candidate
            if not candidate.endswith(".json") and self._fs.is_file(candidate + ".json"):
                return candidate + ".json"
            return None
        if not name:
            return None
        return self._resolve_extends(name, directory)

    def _check_types(self, path: str, options: dict[str, _Located]) -> None:
        """Warn about options of the wrong JSON type: TypeScript rejects them, they are ignored."""
        for key, located in options.items():
            expected = _OPTION_TYPES.get(key)
            if expected is None or located.value is None:  # null resets an inherited option
                continue
            if not isinstance(located.value, expected[0]):
                self.warn(path, f"compilerOptions.{key} must be {expected[1]}; ignored")

    @staticmethod
    def _references(value: object, directory: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            return ()
        result: list[str] = []
        for item in value:
            if not isinstance(item, dict) or not isinstance(item.get("path"), str):
                continue
            target = join(directory, item["path"])
            if target is None:
                continue
            result.append(target if target.endswith(".json") else join_config(target))
        return tuple(result)

    @staticmethod
    def _own_options(raw: dict[str, object], directory: str) -> dict[str, _Located]:
        options = raw.get("compilerOptions")
        if not isinstance(options, dict):
            return {}
        result = {key: _Located(value, directory) for key, value in options.items()}
        if "paths" in result:
            # TypeScript records where `paths` was written: without baseUrl it is the base.
            result[_PATHS_BASE] = _Located(directory, directory)
        return result

    def _finish(self, path: str, parsed: _Parsed) -> TsConfig:
        config_dir = dirname(path)
        values = parsed.options

        def raw(key: str) -> object:
            located = values.get(key)
            return None if located is None else located.value

        def path_option(key: str) -> str | None:
            located = values.get(key)
            if located is None or not isinstance(located.value, str):
                return None
            return _substitute(located.value, located.directory, config_dir)

        def path_list(key: str) -> tuple[str, ...] | None:
            located = values.get(key)
            if located is None or not isinstance(located.value, list):
                return None
            items = (
                _substitute(v, located.directory, config_dir)
                for v in located.value
                if isinstance(v, str)
            )
            return tuple(p for p in items if p is not None)

        def flag(key: str) -> bool | None:
            value = raw(key)
            return value if isinstance(value, bool) else None

        def strings(key: str) -> tuple[str, ...] | None:
            value = raw(key)
            if not isinstance(value, list):
                return None
            return tuple(v for v in value if isinstance(v, str))

        base_url = path_option("baseUrl")
        paths_base = raw(_PATHS_BASE)
        if base_url is not None:
            paths_base = base_url
        paths = self._paths(
            raw("paths"), paths_base if isinstance(paths_base, str) else config_dir, config_dir
        )
        allow_js = flag("allowJs")
        if allow_js is None and basename(path) == "jsconfig.json":
            allow_js = True
        out_dir = path_option("outDir")
        declaration_dir = path_option("declarationDir")
        options = CompilerOptions(
            module=parse_module_kind(raw("module")),
            module_resolution=parse_module_resolution(raw("moduleResolution")),
            target_es2015_or_later=target_is_es2015_or_later(raw("target")),
            base_url=base_url,
            paths=paths,
            root_dirs=path_list("rootDirs"),
            type_roots=path_list("typeRoots"),
            allow_js=allow_js,
            check_js=flag("checkJs"),
            resolve_json_module=flag("resolveJsonModule"),
            module_suffixes=strings("moduleSuffixes"),
            custom_conditions=strings("customConditions") or (),
            resolve_package_json_exports=flag("resolvePackageJsonExports"),
            resolve_package_json_imports=flag("resolvePackageJsonImports"),
            no_dts_resolution=flag("noDtsResolution") is True,
            preserve_symlinks=flag("preserveSymlinks") is True,
            out_dir=out_dir,
            declaration_dir=declaration_dir,
            root_dir=path_option("rootDir"),
            composite=flag("composite") is True,
            config_file=path,
        )
        exclude = _spec_list(parsed.exclude, config_dir)
        if parsed.exclude is None and (out_dir is not None or declaration_dir is not None):
            exclude = tuple(p for p in (out_dir, declaration_dir) if p is not None)
        specs = FileSpecs(
            files=_spec_list(parsed.files, config_dir),
            include=_spec_list(parsed.include, config_dir),
            exclude=exclude,
            allow_js=options.js_allowed,
            resolve_json_module=options.json_module,
        )
        return TsConfig(path=path, options=options, specs=specs, references=parsed.references)

    @staticmethod
    def _paths(
        value: object, base: str, config_dir: str
    ) -> tuple[tuple[str, tuple[PathsTarget, ...]], ...] | None:
        """`paths` with each substitution made root-relative (its `*` kept)."""
        if not isinstance(value, dict):
            return None
        result: list[tuple[str, tuple[PathsTarget, ...]]] = []
        for key, substitutions in value.items():
            if not isinstance(substitutions, list):
                continue
            items: list[PathsTarget] = []
            for sub in substitutions:
                if isinstance(sub, str):
                    target = _substitute(sub, base, config_dir)
                    items.append(PathsTarget(sub, target))
            result.append((key, tuple(items)))
        return tuple(result)


def join_config(directory: str) -> str:
    """`directory/tsconfig.json`."""
    return f"{directory}/tsconfig.json" if directory else "tsconfig.json"
