"""TypeScript's module resolution algorithm over a FileSystem (node10, node16, nodenext,
bundler and classic), returning the file TypeScript would pick before any project-level
interpretation (indexed or not, workspace or external).

The structure follows TypeScript's `moduleNameResolver.ts` so the two can be compared
step by step: probing extensions, directory `index` files, package.json `types`/`main`,
`typesVersions`, `exports`/`imports` with conditions, self-references, `paths`, `baseUrl`,
`rootDirs`, `typeRoots` and the walk through ancestor `node_modules` directories.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from code_graph.resolve.extensions import (
    DECLARATION,
    DTS,
    IMPLEMENTATION,
    JS,
    JSON,
    TS,
    TS_IMPLEMENTATION,
    extension_ok,
    known_extension,
    possible_inputs,
    remove_extension,
)
from code_graph.resolve.fs import FileSystem
from code_graph.resolve.options import (
    ESM_MODE,
    EXPORTS,
    EXPORTS_PATTERN_TRAILERS,
    IMPORTS,
    SELF_NAME,
    CompilerOptions,
    ModuleResolutionKind,
)
from code_graph.resolve.package_json import PackageJson
from code_graph.resolve.paths import (
    NODE_MODULES,
    ancestors,
    basename,
    contains,
    dirname,
    in_node_modules,
    join,
    mangle_types_name,
    normalize,
    relative_to,
    split_package_name,
)
from code_graph.resolve.patterns import (
    PatternKey,
    PatternTable,
    combine,
    is_external_module_name_relative,
    is_relative_name,
    versioned_types_key,
)


class Via(StrEnum):
    """Which step of the algorithm produced a result."""

    RELATIVE = "relative"
    ROOT_DIRS = "rootDirs"
    PATHS = "paths"
    BASE_URL = "baseUrl"
    IMPORTS = "imports"
    SELF_NAME = "self-name"
    NODE_MODULES = "node_modules"
    WORKSPACE = "workspace"  # a workspace package resolved as if linked into node_modules
    TYPE_ROOTS = "typeRoots"
    CLASSIC_ANCESTOR = "classic-ancestor"


@dataclass(slots=True)
class Trace:
    """What a resolution tried, kept to explain failures and for source fallbacks."""

    paths_key: str | None = None  # the `paths` pattern that matched
    literal_candidates: list[str] = field(default_factory=list)  # paths named as written
    entry_candidates: list[tuple[str, str]] = field(default_factory=list)  # (pkg dir, target)
    imports_scope: str | None = None  # package.json dir whose `imports` was consulted
    exports_scope: str | None = None  # package dir whose `exports` had no match
    package_dirs: list[str] = field(default_factory=list)  # node_modules packages found


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    via: Via
    external: bool  # TypeScript's `isExternalLibraryImport`


class Engine:
    """Shared caches for resolutions against one file system."""

    def __init__(
        self,
        fs: FileSystem,
        read_package_json: Callable[[str], PackageJson | None],
        link_package: Callable[[str, str], str | None] | None = None,
    ) -> None:
        """`read_package_json(dir)` returns the package.json in `dir` (cached by the caller).

        `link_package(name, from_dir)` optionally names the directory a package would be
        linked from when no node_modules directory provides it (workspace packages).
        """
        self.fs = fs
        self.read_package_json = read_package_json
        self.link_package = link_package
        self._scopes: dict[str, PackageJson | None] = {}

    def package_scope(self, directory: str) -> PackageJson | None:
        """The nearest package.json at or above `directory`."""
        cached = self._scopes.get(directory, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        found = self.read_package_json(directory)
        if found is None and directory:
            found = self.package_scope(dirname(directory))
        self._scopes[directory] = found
        return found

    def resolve(
        self,
        name: str,
        containing_dir: str,
        options: CompilerOptions,
        features: int,
        conditions: tuple[str, ...],
        *,
        config_lookup: bool = False,
    ) -> tuple[Hit | None, Trace]:
        """Resolve `name` from a file in `containing_dir` as TypeScript would."""
        request = _Request(self, options, features, conditions, containing_dir, config_lookup)
        if options.resolution_kind is ModuleResolutionKind.CLASSIC and not config_lookup:
            hit = request.classic(name)
        else:
            hit = request.node(name, request.default_extensions())
        return hit, request.trace


class _Request:
    """One resolution: the mutable state TypeScript threads through its helpers."""

    def __init__(
        self,
        engine: Engine,
        options: CompilerOptions,
        features: int,
        conditions: tuple[str, ...],
        containing_dir: str,
        config_lookup: bool,
    ) -> None:
        self.engine = engine
        self.fs = engine.fs
        self.options = options
        self.features = features
        self.conditions = conditions
        self.containing_dir = containing_dir
        self.config_lookup = config_lookup
        self.from_package_field = False
        self.trace = Trace()
        self.depth = 0

    # ---- top level -------------------------------------------------------------------

    def default_extensions(self) -> int:
        if self.config_lookup:
            return JSON
        options = self.options
        extensions = IMPLEMENTATION if options.no_dts_resolution else TS | JS | DTS
        if options.json_module:
            extensions |= JSON
        return extensions

    def node(self, name: str, extensions: int) -> Hit | None:
        if self.options.resolution_kind is ModuleResolutionKind.NODE10 and not self.config_lookup:
            priority = extensions & (TS | DTS)
            secondary = extensions & ~(TS | DTS)
            return (priority and self._try_resolve(name, priority)) or (
                (secondary and self._try_resolve(name, secondary)) or None
            )
        return self._try_resolve(name, extensions)

    def _try_resolve(self, name: str, extensions: int) -> Hit | None:
        containing = self.containing_dir
        settings = self._optional_settings(
            extensions, name, containing, self._load_by_relative_name_loader
        )
        if settings is not None:
            return Hit(settings[0], settings[1], in_node_modules(settings[0]))
        if not is_external_module_name_relative(name):
            path: str | None = None
            if self.features & IMPORTS and name.startswith("#"):
                path = self._load_from_imports(extensions, name, containing)
                if path is not None:
                    return Hit(path, Via.IMPORTS, False)
            if self.features & SELF_NAME:
                path = self._load_from_self_name(extensions, name, containing)
                if path is not None:
                    return Hit(path, Via.SELF_NAME, False)
            if ":" in name:
                return None
            looked_up = self._node_modules_lookup(extensions, name, containing, types_only=False)
            if looked_up is not None:
                return Hit(looked_up[0], looked_up[1], True)
            if extensions & DTS:
                path = self._from_type_roots(name)
                if path is not None:
                    return Hit(path, Via.TYPE_ROOTS, True)
            return None
        candidate, trailing, escaped = combine(containing, name)
        if candidate is None:
            return None
        if not trailing:
            self.trace.literal_candidates.append(candidate)
        found = self._load_by_relative_name(extensions, candidate, trailing, True)
        if found is None:
            return None
        return Hit(found, Via.RELATIVE, escaped or in_node_modules(candidate))

    def classic(self, name: str) -> Hit | None:
        js = JS | (JSON if self.options.resolve_json_module else 0)
        return self._classic(name, TS | DTS) or self._classic(name, js)

    def _classic(self, name: str, extensions: int) -> Hit | None:
        containing = self.containing_dir
        settings = self._optional_settings(extensions, name, containing, self._file_loader)
        if settings is not None:
            path, via = settings
            return Hit(path, via, in_node_modules(path))
        if not is_external_module_name_relative(name):
            for directory in ancestors(containing):
                candidate = join(directory, name)
                if candidate is None:
                    continue
                found = self._load_from_file(extensions, candidate)
                if found is not None:
                    return Hit(found, Via.CLASSIC_ANCESTOR, in_node_modules(found))
            if extensions & (TS | DTS):
                looked_up = self._node_modules_lookup(DTS, name, containing, types_only=True)
                found = looked_up[0] if looked_up is not None else None
                if found is None and extensions & DTS:
                    found = self._from_type_roots(name)
                if found is not None:
                    return Hit(found, Via.NODE_MODULES, in_node_modules(found))
            return None
        candidate = join(containing, name)
        if candidate is None:
            return None
        self.trace.literal_candidates.append(candidate)
        found = self._load_from_file(extensions, candidate)
        return None if found is None else Hit(found, Via.RELATIVE, in_node_modules(found))

    # ---- paths / baseUrl / rootDirs ---------------------------------------------------

    def _load_by_relative_name_loader(self, extensions: int, candidate: str) -> str | None:
        return self._load_by_relative_name(extensions, candidate, False, True)

    def _file_loader(self, extensions: int, candidate: str) -> str | None:
        return self._load_from_file(extensions, candidate)

    def _optional_settings(
        self,
        extensions: int,
        name: str,
        containing: str,
        loader: Callable[[int, str], str | None],
    ) -> tuple[str, Via] | None:
        options = self.options
        if options.paths is not None and not is_relative_name(name):
            matched, path = self._paths(extensions, name, loader)
            if matched:
                return None if path is None else (path, Via.PATHS)
        if not is_external_module_name_relative(name):
            if options.base_url is None:
                return None
            candidate = join(options.base_url, name)
            if candidate is None:
                return None
            self.trace.literal_candidates.append(candidate)
            found = loader(extensions, candidate)
            return None if found is None else (found, Via.BASE_URL)
        return self._root_dirs(extensions, name, containing, loader)

    def _paths(
        self, extensions: int, name: str, loader: Callable[[int, str], str | None]
    ) -> tuple[bool, str | None]:
        """Try `paths`: (whether a pattern matched, the file it led to)."""
        paths = self.options.paths or ()
        matched = self.options.paths_table.match(name)
        if matched is None:
            return False, None
        key, star = matched
        self.trace.paths_key = key
        targets = next(t for k, t in paths if k == key)
        for target in targets:
            if target.path is None:
                continue
            candidate = normalize(target.path.replace("*", star, 1) if star else target.path)
            if candidate is None:
                continue
            self.trace.literal_candidates.append(candidate)
            if known_extension(target.written) is not None:
                file = self._try_file(candidate)
                if file is not None:
                    return True, file
            found = loader(extensions, candidate)
            if found is not None:
                return True, found
        return True, None

    def _root_dirs(
        self,
        extensions: int,
        name: str,
        containing: str,
        loader: Callable[[int, str], str | None],
    ) -> tuple[str, Via] | None:
        root_dirs = self.options.root_dirs
        if not root_dirs:
            return None
        candidate, _, _ = combine(containing, name)
        if candidate is None:
            return None
        matched_root: str | None = None
        matched_len = -1
        for root in root_dirs:
            if contains(root, candidate) and candidate != root and len(root) > matched_len:
                matched_root, matched_len = root, len(root)
        if matched_root is None:
            return None
        found = loader(extensions, candidate)
        if found is not None:
            return found, Via.RELATIVE
        suffix = relative_to(matched_root, candidate)
        for root in root_dirs:
            if root == matched_root:
                continue
            other = join(root, suffix)
            if other is None:
                continue
            found = loader(extensions, other)
            if found is not None:
                return found, Via.ROOT_DIRS
        return None

    # ---- files and directories --------------------------------------------------------

    def _try_file(self, path: str) -> str | None:
        suffixes = self.options.module_suffixes
        if not suffixes:
            return path if self.fs.is_file(path) else None
        ext = known_extension(path) or ""
        stem = path[: len(path) - len(ext)] if ext else path
        for suffix in suffixes:
            candidate = stem + suffix + ext
            if self.fs.is_file(candidate):
                return candidate
        return None

    def _load_by_relative_name(
        self, extensions: int, candidate: str, trailing: bool, consider_package_json: bool
    ) -> str | None:
        if not trailing:
            found = self._load_from_file(extensions, candidate)
            if found is not None:
                return found
        if self.features & ESM_MODE:
            return None
        package = (
            self.engine.read_package_json(candidate)
            if consider_package_json and self.fs.is_dir(candidate)
            else None
        )
        return self._load_from_directory(extensions, candidate, package)

    def _load_from_file(self, extensions: int, candidate: str) -> str | None:
        found = self._load_without_implicit_extension(extensions, candidate)
        if found is not None:
            return found
        if not self.features & ESM_MODE:
            return self._try_adding_extensions(candidate, extensions, "")
        return None

    def _load_without_implicit_extension(self, extensions: int, candidate: str) -> str | None:
        if "." not in basename(candidate):
            return None
        stem = remove_extension(candidate)
        if stem == candidate:
            stem = candidate[: candidate.rfind(".")]
        return self._try_adding_extensions(stem, extensions, candidate[len(stem) :])

    def _try_adding_extensions(self, stem: str, extensions: int, original: str) -> str | None:
        def attempt(*exts: str) -> str | None:
            for ext in exts:
                found = self._try_file(stem + ext)
                if found is not None:
                    return found
            return None

        found: str | None = None
        if original in (".mjs", ".mts", ".d.mts"):
            found = (
                (extensions & TS and attempt(".mts"))
                or (extensions & DTS and attempt(".d.mts"))
                or (extensions & JS and attempt(".mjs"))
                or None
            )
        elif original in (".cjs", ".cts", ".d.cts"):
            found = (
                (extensions & TS and attempt(".cts"))
                or (extensions & DTS and attempt(".d.cts"))
                or (extensions & JS and attempt(".cjs"))
                or None
            )
        elif original == ".json":
            found = (extensions & DTS and attempt(".d.json.ts")) or (
                (extensions & JSON and attempt(".json")) or None
            )
        elif original in (".tsx", ".jsx"):
            found = (
                (extensions & TS and attempt(".tsx", ".ts"))
                or (extensions & DTS and attempt(".d.ts"))
                or (extensions & JS and attempt(".jsx", ".js"))
                or None
            )
        elif original in (".ts", ".d.ts", ".js", ""):
            found = (
                (extensions & TS and attempt(".ts", ".tsx"))
                or (extensions & DTS and attempt(".d.ts"))
                or (extensions & JS and attempt(".js", ".jsx"))
                or (self.config_lookup and attempt(".json"))
                or None
            )
        elif extensions & DTS and not (stem + original).endswith(DECLARATION):
            found = attempt(f".d{original}.ts")
        return found or None

    def _load_from_package_field(self, extensions: int, candidate: str) -> str | None:
        if (extensions & TS and candidate.endswith(TS_IMPLEMENTATION)) or (
            extensions & DTS and candidate.endswith(DECLARATION)
        ):
            return self._try_file(candidate)
        if self.config_lookup and extensions == JSON and candidate.endswith(".json"):
            return self._try_file(candidate)
        return self._load_without_implicit_extension(extensions, candidate)

    def _load_from_directory(
        self, extensions: int, candidate: str, package: PackageJson | None
    ) -> str | None:
        version_paths = package.versioned_paths() if package is not None else None
        package_file: str | None = None
        if package is not None and package.directory == candidate:
            if self.config_lookup:
                package_file = _field_path(package.tsconfig, candidate)
            else:
                if extensions & DTS:
                    package_file = _field_path(package.typings, candidate) or _field_path(
                        package.types, candidate
                    )
                if package_file is None and extensions & (IMPLEMENTATION | DTS):
                    package_file = _field_path(package.main, candidate)
            if package_file is not None:
                self.trace.entry_candidates.append((candidate, package_file))

        def loader(exts: int, path: str) -> str | None:
            found = self._load_from_package_field(exts, path)
            if found is not None:
                return found
            expanded = TS | DTS if exts == DTS else exts
            saved_features, saved_field = self.features, self.from_package_field
            self.from_package_field = True
            if package is None or package.type != "module":
                self.features &= ~ESM_MODE
            try:
                return self._load_by_relative_name(expanded, path, False, False)
            finally:
                self.features, self.from_package_field = saved_features, saved_field

        index = join(candidate, "tsconfig" if self.config_lookup else "index") or "index"
        if version_paths is not None and (
            package_file is None or contains(candidate, package_file)
        ):
            module_name = relative_to(candidate, package_file or index)
            try:
                return self._types_versions(
                    extensions, module_name, candidate, version_paths, loader
                )
            except _NoPatternMatchError:
                pass
        if package_file is not None:
            found = loader(extensions, package_file)
            if found is not None:
                return found
        if not self.features & ESM_MODE:
            return self._load_from_file(extensions, index)
        return None

    def _types_versions(
        self,
        extensions: int,
        module_name: str,
        base: str,
        version_paths: dict[str, object],
        loader: Callable[[int, str], str | None],
    ) -> str | None:
        """Apply a `typesVersions` map; raises _NoPatternMatchError when no pattern matches."""
        matched = PatternTable(version_paths).match(module_name)
        if matched is None:
            raise _NoPatternMatchError
        key, star = matched
        substitutions = version_paths[key]
        if not isinstance(substitutions, list):
            return None
        for sub in substitutions:
            if not isinstance(sub, str):
                continue
            path = sub.replace("*", star, 1) if star else sub
            candidate = join(base, path)
            if candidate is None:
                continue
            self.trace.entry_candidates.append((base, candidate))
            if known_extension(sub) is not None:
                file = self._try_file(candidate)
                if file is not None:
                    return file
            found = loader(extensions, candidate)
            if found is not None:
                return found
        return None

    # ---- node_modules -----------------------------------------------------------------

    def _node_modules_lookup(
        self, extensions: int, name: str, directory: str, *, types_only: bool
    ) -> tuple[str, Via] | None:
        priority = extensions & (TS | DTS)
        secondary = extensions & ~(TS | DTS)
        for exts in (priority, 0 if types_only else secondary):
            if not exts:
                continue
            found = self._node_modules_walk(exts, name, directory, types_only)
            if found is not None:
                return found, Via.NODE_MODULES
            if not types_only:
                found = self._linked_package(exts, name, directory)
                if found is not None:
                    return found, Via.WORKSPACE
        return None

    def _linked_package(self, extensions: int, name: str, directory: str) -> str | None:
        """A workspace package no node_modules directory provides, resolved as if linked."""
        link = self.engine.link_package
        if link is None:
            return None
        package_name, rest = split_package_name(name)
        package_dir = link(package_name, directory)
        if package_dir is None:
            return None
        for ancestor in ancestors(directory):
            if basename(ancestor) == NODE_MODULES:
                continue
            installed = join(ancestor, f"{NODE_MODULES}/{package_name}")
            if installed is not None and self.fs.is_dir(installed):
                return None  # an installed copy wins; TypeScript would use it
        return self._load_from_package(extensions, package_dir, rest)

    def _node_modules_walk(
        self, extensions: int, name: str, directory: str, types_only: bool
    ) -> str | None:
        for ancestor in ancestors(directory):
            if basename(ancestor) == NODE_MODULES:
                continue
            node_modules = join(ancestor, NODE_MODULES) or NODE_MODULES
            if not self.fs.is_dir(node_modules):
                continue
            if not types_only:
                package_name, rest = split_package_name(name)
                package_dir = join(node_modules, package_name)
                if package_dir is not None:
                    found = self._load_from_package(extensions, package_dir, rest)
                    if found is not None:
                        return found
            if extensions & DTS:
                types_dir = f"{node_modules}/@types"
                if self.fs.is_dir(types_dir):
                    package_name, rest = split_package_name(mangle_types_name(name))
                    package_dir = join(types_dir, package_name)
                    if package_dir is not None:
                        found = self._load_from_package(DTS, package_dir, rest)
                        if found is not None:
                            return found
        return None

    def _load_from_package(self, extensions: int, package_dir: str, rest: str) -> str | None:
        """TypeScript's `loadModuleFromSpecificNodeModulesDirectory`."""
        candidate = join(package_dir, rest) if rest else package_dir
        if candidate is None:
            return None
        read = self.engine.read_package_json
        if self.fs.is_dir(package_dir):
            self.trace.package_dirs.append(package_dir)
        package_info = read(candidate) if self.fs.is_dir(candidate) else None
        root_info: PackageJson | None = None
        if rest and package_info is not None:
            uses_exports = False
            if self.features & EXPORTS:
                root_info = read(package_dir)
                uses_exports = root_info is not None and root_info.has_exports_key
            if not uses_exports:
                found = self._load_from_file(extensions, candidate)
                if found is not None:
                    return found
                return self._load_from_directory(extensions, candidate, package_info)

        def loader(exts: int, path: str) -> str | None:
            found: str | None = None
            if rest or not self.features & ESM_MODE:
                found = self._load_from_file(exts, path)
            if found is None:
                found = self._load_from_directory(exts, path, package_info)
            if (
                found is None
                and not rest
                and package_info is not None
                and package_info.exports is None
                and self.features & ESM_MODE
            ):
                found = self._load_from_file(exts, f"{path}/index.js")
            return found

        if rest:
            package_info = root_info if root_info is not None else read(package_dir)
        if package_info is not None and package_info.exports and self.features & EXPORTS:
            subpath = f"./{rest}" if rest else "."
            return self._load_from_exports(package_info, extensions, subpath)
        version_paths = package_info.versioned_paths() if rest and package_info else None
        if version_paths is not None:
            try:
                return self._types_versions(extensions, rest, package_dir, version_paths, loader)
            except _NoPatternMatchError:
                pass
        return loader(extensions, candidate)

    def _from_type_roots(self, name: str) -> str | None:
        type_roots = self.options.type_roots
        if not type_roots:
            return None
        for root in type_roots:
            mangled = root.endswith("node_modules/@types") or root == "node_modules/@types"
            candidate = join(root, mangle_types_name(name) if mangled else name)
            if candidate is None or not self.fs.is_dir(root):
                continue
            found = self._load_from_file(DTS, candidate)
            if found is not None:
                return found
            package = (
                self.engine.read_package_json(candidate) if self.fs.is_dir(candidate) else None
            )
            found = self._load_from_directory(DTS, candidate, package)
            if found is not None:
                return found
        return None

    # ---- exports / imports / self-name ------------------------------------------------

    def _load_from_self_name(self, extensions: int, name: str, directory: str) -> str | None:
        scope = self.engine.package_scope(directory)
        if scope is None or not scope.exports or scope.name is None:
            return None
        parts = name.split("/")
        name_parts = scope.name.split("/")
        if parts[: len(name_parts)] != name_parts:
            return None
        trailing = parts[len(name_parts) :]
        subpath = "." if not trailing else "./" + "/".join(trailing)
        if self.options.js_allowed and not in_node_modules(directory):
            return self._load_from_exports(scope, extensions, subpath)
        priority = extensions & (TS | DTS)
        secondary = extensions & ~(TS | DTS)
        return self._load_from_exports(scope, priority, subpath) or self._load_from_exports(
            scope, secondary, subpath
        )

    def _load_from_exports(self, scope: PackageJson, extensions: int, subpath: str) -> str | None:
        exports = scope.exports
        if not exports:
            return None
        found: str | None = None
        if subpath == ".":
            main: object = None
            if isinstance(exports, (str, list)) or (
                isinstance(exports, dict) and not any(k.startswith(".") for k in exports)
            ):
                main = exports
            elif isinstance(exports, dict) and "." in exports:
                main = exports["."]
            if main:
                found = self._target(scope, extensions, main, "", False, ".", False)
        elif isinstance(exports, dict) and all(k.startswith(".") for k in exports):
            found = self._exports_or_imports(scope, extensions, subpath, exports, False)
        if found is None:
            self.trace.exports_scope = scope.directory
        return found

    def _load_from_imports(self, extensions: int, name: str, directory: str) -> str | None:
        if name == "#" or name.startswith("#/"):
            return None
        scope = self.engine.package_scope(directory)
        if scope is None:
            return None
        self.trace.imports_scope = scope.directory
        if not isinstance(scope.imports, dict) or not scope.imports:
            return None
        return self._exports_or_imports(scope, extensions, name, scope.imports, True)

    def _exports_or_imports(
        self,
        scope: PackageJson,
        extensions: int,
        name: str,
        table: dict[str, object],
        is_imports: bool,
    ) -> str | None:
        if not name.endswith("/") and "*" not in name and name in table:
            return self._target(scope, extensions, table[name], "", False, name, is_imports)
        expanding = [k for k in table if (k.count("*") == 1) or k.endswith("/")]
        expanding.sort(key=PatternKey)
        for key in expanding:
            star = key.find("*")
            if (
                self.features & EXPORTS_PATTERN_TRAILERS
                and not key.endswith("*")
                and star >= 0
                and name.startswith(key[:star])
                and name.endswith(key[star + 1 :])
            ):
                sub = name[star : len(name) - (len(key) - 1 - star)]
                return self._target(scope, extensions, table[key], sub, True, key, is_imports)
            if key.endswith("*") and name.startswith(key[:-1]):
                sub = name[len(key) - 1 :]
                return self._target(scope, extensions, table[key], sub, True, key, is_imports)
            if name.startswith(key):
                sub = name[len(key) :]
                return self._target(scope, extensions, table[key], sub, False, key, is_imports)
        return None

    def _target(
        self,
        scope: PackageJson,
        extensions: int,
        target: object,
        subpath: str,
        pattern: bool,
        key: str,
        is_imports: bool,
    ) -> str | None:
        if isinstance(target, str):
            if not pattern and subpath and not target.endswith("/"):
                return None
            if not target.startswith("./"):
                if is_imports and not target.startswith(("../", "/")):
                    lookup = target.replace("*", subpath) if pattern else target + subpath
                    return self._resolve_import_target(lookup, scope.directory, extensions)
                return None
            parts = target.split("/")[1:]
            if any(p in ("..", ".", NODE_MODULES) for p in parts[1:]):
                return None
            subpath_parts = subpath.split("/") if subpath else []
            if any(p in ("..", ".", NODE_MODULES) for p in subpath_parts):
                return None
            written = target.replace("*", subpath) if pattern else target + subpath
            final = join(scope.directory, written)
            if final is None:
                return None
            self.trace.entry_candidates.append((scope.directory, final))
            mapped = self._input_file_for_output(scope, final, extensions)
            if mapped is not None:
                return mapped
            return self._load_from_package_field(extensions, final)
        if isinstance(target, dict):
            for condition, sub_target in target.items():
                if (
                    condition == "default"
                    or condition in self.conditions
                    or versioned_types_key(self.conditions, condition)
                ):
                    found = self._target(
                        scope, extensions, sub_target, subpath, pattern, key, is_imports
                    )
                    if found is not None:
                        return found
            return None
        if isinstance(target, list):
            for element in target:
                found = self._target(scope, extensions, element, subpath, pattern, key, is_imports)
                if found is not None:
                    return found
        return None

    def _resolve_import_target(self, name: str, scope_dir: str, extensions: int) -> str | None:
        """An `imports` target naming another package: resolve it from the scope."""
        if self.depth > 8:
            return None
        saved_dir = self.containing_dir
        self.containing_dir = scope_dir
        self.depth += 1
        try:
            hit = self._try_resolve(name, extensions)
        finally:
            self.containing_dir = saved_dir
            self.depth -= 1
        return None if hit is None else hit.path

    def _input_file_for_output(self, scope: PackageJson, final: str, extensions: int) -> str | None:
        """TypeScript maps a package's own outDir/declarationDir targets back to inputs."""
        options = self.options
        if self.config_lookup or in_node_modules(final):
            return None
        if options.out_dir is None and options.declaration_dir is None:
            return None
        if options.config_file is None or not contains(scope.directory, options.config_file):
            return None
        guesses: list[str] = []
        if options.root_dir is not None:
            guesses.append(options.root_dir)
        elif options.composite:
            guesses.append(dirname(options.config_file))
        else:
            common = _common_directory(self.containing_dir, scope.directory)
            guesses = list(reversed(ancestors(common)))
        outputs = [d for d in (options.declaration_dir, options.out_dir) if d is not None]
        if options.out_dir == options.declaration_dir:
            outputs = outputs[:1]
        for guess in guesses:
            for output in outputs:
                if not contains(output, final) or final == output:
                    continue
                base = join(guess, relative_to(output, final))
                if base is None:
                    continue
                for ext in (".mjs", ".cjs", ".js", ".json", ".d.mts", ".d.cts", ".d.ts"):
                    if not base.endswith(ext):
                        continue
                    for input_ext in possible_inputs(base):
                        if not extension_ok(extensions, input_ext):
                            continue
                        candidate = base[: -len(ext)] + input_ext
                        if self.fs.is_file(candidate):
                            return self._load_from_package_field(extensions, candidate)
        return None


class _NoPatternMatchError(Exception):
    """No `typesVersions` pattern matched."""


def _common_directory(a: str, b: str) -> str:
    a_parts = a.split("/") if a else []
    b_parts = b.split("/") if b else []
    common: list[str] = []
    for x, y in zip(a_parts, b_parts, strict=False):
        if x != y:
            break
        common.append(x)
    return "/".join(common)


def _field_path(value: str | None, directory: str) -> str | None:
    if not value:
        return None
    return join(directory, value)
