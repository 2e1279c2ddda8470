"""ModuleResolver: turn (specifier, importing file) into a Resolution.

It picks the importing file's governing tsconfig, runs TypeScript's algorithm (engine.py)
with that config's options and the usage's mode, then interprets the file TypeScript
would pick for the code graph: an indexed source (internal edge), an external package,
a Node built-in, or an unresolved import with a reason.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping, Sequence

from code_graph.errors import describe
from code_graph.model import (
    SOURCE_EXTENSIONS,
    ImportKind,
    Resolution,
    ResolutionMethod,
    UnresolvedReason,
    WorkspacePackage,
)
from code_graph.resolve.builtins import builtin_name
from code_graph.resolve.diagnostics import ConfigWarning
from code_graph.resolve.engine import (
    Engine,
    Hit,
    Trace,
    Via,
)
from code_graph.resolve.fs import FileSystem
from code_graph.resolve.jsonc import JsoncError, parse_jsonc
from code_graph.resolve.modes import usage_mode
from code_graph.resolve.options import (
    ALL_FEATURES,
    DEFAULT_OPTIONS,
    ESM_MODE,
    CompilerOptions,
    ModuleResolutionKind,
    ResolutionMode,
)
from code_graph.resolve.package_json import PackageJson
from code_graph.resolve.paths import (
    dirname,
    in_node_modules,
    join,
    package_name_of_node_modules_path,
    split_package_name,
)
from code_graph.resolve.patterns import is_external_module_name_relative
from code_graph.resolve.sources import SourceFallback
from code_graph.resolve.tsconfig import ConfigLoader, TsConfig
from code_graph.resolve.workspaces import discover_workspaces

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PACKAGE_NAME = re.compile(r"^(?:@[A-Za-z0-9][\w.~-]*/)?[A-Za-z0-9][\w.~-]*$")
_CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")
_EXTENDS_OPTIONS = CompilerOptions(module_resolution=ModuleResolutionKind.NODENEXT)

_METHODS = {
    Via.RELATIVE: ResolutionMethod.RELATIVE,
    Via.ROOT_DIRS: ResolutionMethod.ROOT_DIRS,
    Via.PATHS: ResolutionMethod.PATHS,
    Via.BASE_URL: ResolutionMethod.BASE_URL,
    Via.IMPORTS: ResolutionMethod.PACKAGE_IMPORTS,
    Via.SELF_NAME: ResolutionMethod.SELF_REFERENCE,
    Via.NODE_MODULES: ResolutionMethod.WORKSPACE,  # only seen when the real path is internal
    Via.WORKSPACE: ResolutionMethod.WORKSPACE,
    Via.TYPE_ROOTS: ResolutionMethod.PATHS,
    Via.CLASSIC_ANCESTOR: ResolutionMethod.RELATIVE,
}
_ALWAYS_NOTED = (Via.TYPE_ROOTS, Via.CLASSIC_ANCESTOR)
_VIA_NOTES = {
    Via.TYPE_ROOTS: "found through typeRoots",
    Via.CLASSIC_ANCESTOR: "found in an ancestor directory (classic resolution)",
    Via.NODE_MODULES: "through a node_modules symlink",
}


class ModuleResolver:
    """Resolves import specifiers of one project the way TypeScript does.

    `source_files` are the root-relative paths of indexed sources; `configs` the
    root-relative paths of tsconfig*.json, jsconfig.json, package.json and
    pnpm-workspace.yaml files outside node_modules. Results are cached.
    """

    def __init__(
        self, fs: FileSystem, source_files: Collection[str], configs: Collection[str]
    ) -> None:
        self._fs = fs
        self._sources = frozenset(source_files)
        self._packages: dict[str, PackageJson | None] = {}
        self._loader = ConfigLoader(fs, self._resolve_extends)
        self._workspaces: dict[str, WorkspacePackage] = discover_workspaces(
            fs, configs, self._read_package_json, self._loader.read_json, self._loader.warn
        )
        self._workspace_dirs = {p.directory: p for p in self._workspaces.values()}
        self._engine = Engine(fs, self._read_package_json, self._link_workspace)
        self._fallback = SourceFallback(
            fs, self._sources, self._loader, self._read_package_json, self._workspace_dirs
        )
        self._governing: dict[str, TsConfig | None] = {}
        self._chains: dict[str, tuple[TsConfig, ...]] = {}
        self._results: dict[tuple[int, str], Resolution] = {}
        # (importer, kind) → id of its resolution context (config, features, conditions, dir)
        self._usages: dict[tuple[str, ImportKind], tuple[int, CompilerOptions, str]] = {}
        # (config path, features, conditions, directory) → context id
        self._contexts: dict[tuple[str | None, int, tuple[str, ...], str], int] = {}
        self._context_settings: list[tuple[int, tuple[str, ...]]] = []

        self._by_folder: dict[str, list[str]] | None = None  # built on the first not-found

    # ---- public ------------------------------------------------------------------------

    def warnings(self) -> list[ConfigWarning]:
        """Configuration problems seen so far (each file and message once)."""
        return self._loader.warnings

    @property
    def workspace_packages(self) -> dict[str, WorkspacePackage]:
        return dict(self._workspaces)

    def governing_config(self, importer: str) -> TsConfig | None:
        """The tsconfig/jsconfig whose options apply to `importer` (None: defaults).

        The nearest config up the tree whose file list covers the file, or a project
        reachable from it through `references`; failing that, the nearest config.
        """
        if importer in self._governing:
            return self._governing[importer]
        chain = self._config_chain(dirname(importer))
        chosen: TsConfig | None = None
        for config in chain:
            if self._covers(config, importer):
                chosen = config
                break
            referenced = self._through_references(config, importer, {config.path})
            if referenced is not None:
                chosen = referenced
                break
        if chosen is None and chain:
            chosen = chain[0]
        self._governing[importer] = chosen
        return chosen

    def resolve(self, specifier: str, importer: str, *, kind: ImportKind) -> Resolution:
        """Resolve `specifier` as written in `importer` (root-relative).

        `kind` decides the mode under node16/nodenext/bundler (`require` vs `import`), so
        the export conditions; it has no default, as a forgotten kind would pick the wrong
        file silently. (Type-only imports resolve exactly like value imports.) Never raises:
        a failure of ours is an `internal-error` outcome, so one import cannot stop an index.
        """
        try:
            return self._resolve(specifier, importer, kind)
        except Exception as e:
            return Resolution(
                ResolutionMethod.UNRESOLVED,
                reason=UnresolvedReason.INTERNAL_ERROR,
                detail=describe(e),
            )

    def _resolve(self, specifier: str, importer: str, kind: ImportKind) -> Resolution:
        usage = self._usages.get((importer, kind))
        if usage is None:
            usage = self._usage(importer, kind)
        context, options, directory = usage
        key = (context, specifier)
        cached = self._results.get(key)
        if cached is not None:
            return cached
        result = _classify_specifier(specifier)
        if result is None:
            features, conditions = self._context_settings[context]
            hit, trace = self._engine.resolve(specifier, directory, options, features, conditions)
            result = self._interpret(specifier, directory, hit, trace, options)
        self._results[key] = result
        return result

    def _usage(self, importer: str, kind: ImportKind) -> tuple[int, CompilerOptions, str]:
        config = self.governing_config(importer)
        options = config.options if config is not None else DEFAULT_OPTIONS
        directory = dirname(importer)
        features, conditions = _features_and_conditions(
            options, self._mode(kind, importer, options)
        )
        context_key = (config.path if config else None, features, conditions, directory)
        context = self._contexts.get(context_key)
        if context is None:
            context = len(self._contexts)
            self._contexts[context_key] = context
            self._context_settings.append((features, conditions))
        usage = (context, options, directory)
        self._usages[(importer, kind)] = usage
        return usage

    # ---- configs -----------------------------------------------------------------------

    def _config_chain(self, directory: str) -> tuple[TsConfig, ...]:
        cached = self._chains.get(directory)
        if cached is not None:
            return cached
        own: tuple[TsConfig, ...] = ()
        for name in _CONFIG_NAMES:
            path = join(directory, name)
            if path is not None and self._fs.is_file(path):
                config = self._loader.load(path)
                if config is not None:
                    own = (config,)
                break
        parent = self._config_chain(dirname(directory)) if directory else ()
        chain = own + parent
        self._chains[directory] = chain
        return chain

    def _covers(self, config: TsConfig, file: str) -> bool:
        return config.matcher.contains(file, self._fs.is_file)

    def _through_references(self, config: TsConfig, file: str, seen: set[str]) -> TsConfig | None:
        for reference in config.references:
            if reference in seen or not self._fs.is_file(reference):
                continue
            seen.add(reference)
            referenced = self._loader.load(reference)
            if referenced is None:
                continue
            if self._covers(referenced, file):
                return referenced
            deeper = self._through_references(referenced, file, seen)
            if deeper is not None:
                return deeper
        return None

    def _resolve_extends(self, name: str, directory: str) -> str | None:
        conditions = _EXTENDS_OPTIONS.conditions(ResolutionMode.COMMONJS) or ()
        hit, _ = self._engine.resolve(
            name, directory, _EXTENDS_OPTIONS, ALL_FEATURES, conditions, config_lookup=True
        )
        if hit is None:
            return None
        real = self._fs.real_path(hit.path)
        return real if real is not None else hit.path

    def _read_package_json(self, directory: str) -> PackageJson | None:
        if directory in self._packages:
            return self._packages[directory]
        path = join(directory, "package.json")
        package: PackageJson | None = None
        if path is not None and self._fs.is_file(path):
            text = self._fs.read_text(path)
            data: object = {}
            if text is not None:
                try:
                    data = parse_jsonc(text)
                except JsoncError as e:
                    self._loader.warn(path, str(e))
            package = PackageJson.from_json(directory, data if isinstance(data, dict) else {})
        self._packages[directory] = package
        return package

    def _link_workspace(self, name: str, from_dir: str) -> str | None:
        package = self._workspaces.get(name)
        if package is None or not _within(package.root, from_dir):
            return None
        return package.directory

    def _mode(
        self, kind: ImportKind, importer: str, options: CompilerOptions
    ) -> ResolutionMode | None:
        if not options.import_syntax_affects_resolution:
            return None
        scope = self._engine.package_scope(dirname(importer))
        return usage_mode(kind, importer, options, scope.type if scope else None)

    # ---- interpretation ----------------------------------------------------------------

    def _interpret(
        self,
        specifier: str,
        directory: str,
        hit: Hit | None,
        trace: Trace,
        options: CompilerOptions,
    ) -> Resolution:
        bare = not is_external_module_name_relative(specifier)
        if hit is not None:
            path = hit.path
            if hit.external and bare and not options.preserve_symlinks:
                path = self._fs.real_path(path) or path
            if in_node_modules(path):
                builtin = builtin_name(specifier) if bare else None
                if builtin is not None:
                    return _builtin(builtin)
                package = package_name_of_node_modules_path(path) or specifier
                return Resolution(ResolutionMethod.EXTERNAL, package=package, detail=path)
            method = _METHODS[hit.via]
            linked = path != hit.path
            note = _VIA_NOTES.get(hit.via, "") if linked or hit.via in _ALWAYS_NOTED else ""
            if path in self._sources:
                return Resolution(method, file=path, detail=note)
            search = self._fallback.search(trace, whole_package=_whole_package(specifier))
            if search.file is not None:
                return Resolution(method, file=search.file, detail=search.detail)
            return _not_indexed(path)
        return self._unresolved(specifier, directory, trace, bare, options)

    def _sources_by_folder(self) -> dict[str, list[str]]:
        if self._by_folder is None:
            self._by_folder = {}
            for source in sorted(self._sources):
                self._by_folder.setdefault(dirname(source), []).append(source)
        return self._by_folder

    def _unresolved(
        self,
        specifier: str,
        directory: str,
        trace: Trace,
        bare: bool,
        options: CompilerOptions,
    ) -> Resolution:
        unresolved = ResolutionMethod.UNRESOLVED
        if bare:
            builtin = builtin_name(specifier)
            if builtin is not None:
                return _builtin(builtin)
        search = self._fallback.search(trace, whole_package=_whole_package(specifier))
        if search.file is not None:
            return Resolution(_fallback_method(specifier), file=search.file, detail=search.detail)
        for candidate in trace.literal_candidates:
            if self._fs.is_file(candidate):
                return _not_indexed(candidate)
        if specifier.startswith("#"):
            where = trace.imports_scope
            scope = None if where is None else self._read_package_json(where)
            detail = (
                "package.json imports need moduleResolution node16, nodenext or bundler"
                if not options.package_json_imports
                else _table_detail(specifier, scope, "imports")
                if scope is not None
                else "no package.json with imports above the importing file"
            )
            return Resolution(
                unresolved, reason=UnresolvedReason.IMPORTS_NOT_DEFINED, detail=detail
            )
        if not bare:
            detail = _tried(trace.literal_candidates, self._sources_by_folder())
            return Resolution(unresolved, reason=UnresolvedReason.NOT_FOUND, detail=detail)
        name, subpath = split_package_name(specifier)
        workspace = self._workspaces.get(name)
        if workspace is not None and _within(workspace.root, directory):
            if search.missing:  # an entry names a file: never "not exported"
                return Resolution(
                    unresolved,
                    reason=UnresolvedReason.PACKAGE_ENTRY_MISSING,
                    detail=search.missing_detail(),
                )
            if trace.exports_scope is not None and _same_package(
                trace.exports_scope, workspace, self._fs
            ):
                scope = self._read_package_json(workspace.directory)
                key = f"./{subpath}" if subpath else "."
                detail = f"'{key}' is not exported by {workspace.directory}/package.json"
                if scope is not None:
                    detail = _table_detail(key, scope, "exports")
                return Resolution(
                    unresolved, reason=UnresolvedReason.EXPORTS_NOT_EXPORTED, detail=detail
                )
            return Resolution(
                unresolved,
                reason=UnresolvedReason.PACKAGE_ENTRY_MISSING,
                detail=f"no entry file for {specifier!r} in workspace package {workspace.directory}",
            )
        if trace.paths_key is not None and not trace.package_dirs:
            return Resolution(
                unresolved,
                reason=UnresolvedReason.PATHS_PATTERN_MISS,
                detail=f"paths pattern {trace.paths_key!r} matched but no substitution exists",
            )
        if not _PACKAGE_NAME.match(name):
            return Resolution(
                unresolved,
                reason=UnresolvedReason.NOT_FOUND,
                detail=f"{specifier!r} is not a package name and no alias matched it",
            )
        installed = [d for d in trace.package_dirs if in_node_modules(d)]
        detail = "not installed"
        if installed:
            detail = f"installed at {installed[0]}, but TypeScript cannot resolve {specifier!r}"
        return Resolution(ResolutionMethod.EXTERNAL, package=name, detail=detail)


def _whole_package(specifier: str) -> bool:
    """True for a bare package name without a subpath (`@acme/ui`, not `@acme/ui/button`)."""
    if specifier.startswith("#") or is_external_module_name_relative(specifier):
        return False
    return not split_package_name(specifier)[1]


def _fallback_method(specifier: str) -> ResolutionMethod:
    if specifier.startswith("#"):
        return ResolutionMethod.PACKAGE_IMPORTS
    return ResolutionMethod.WORKSPACE


def _same_package(scope: str, workspace: WorkspacePackage, fs: FileSystem) -> bool:
    real = fs.real_path(scope)
    return scope == workspace.directory or real == workspace.directory


def _within(root: str, directory: str) -> bool:
    return not root or directory == root or directory.startswith(root + "/")


def _builtin(name: str) -> Resolution:
    return Resolution(ResolutionMethod.BUILTIN, package=name)


def _not_indexed(path: str) -> Resolution:
    """An existing file that is not an indexed source."""
    unresolved = ResolutionMethod.UNRESOLVED
    if path.endswith(".json"):
        return Resolution(
            unresolved,
            reason=UnresolvedReason.NON_SOURCE_TARGET,
            detail=f"{path} exists (a JSON module) but is not an indexed source",
        )
    if path.endswith(SOURCE_EXTENSIONS):
        return Resolution(
            unresolved,
            reason=UnresolvedReason.EXCLUDED_FILE,
            detail=f"{path} exists but is not indexed",
        )
    return Resolution(
        unresolved,
        reason=UnresolvedReason.NON_SOURCE_TARGET,
        detail=f"{path} exists but is not a source file",
    )


def _classify_specifier(specifier: str) -> Resolution | None:
    """Outcomes decided by the specifier's shape alone."""
    unresolved = ResolutionMethod.UNRESOLVED
    if not specifier.strip():
        return Resolution(unresolved, reason=UnresolvedReason.NOT_A_MODULE_NAME, detail="empty")
    if specifier.startswith("node:"):
        name = builtin_name(specifier)
        if name is not None:
            return _builtin(name)
        return Resolution(
            unresolved,
            reason=UnresolvedReason.NOT_A_MODULE_NAME,
            detail=f"{specifier!r} is not a Node.js built-in module",
        )
    if _SCHEME.match(specifier):
        scheme = specifier.split(":", 1)[0]
        return Resolution(
            unresolved,
            reason=UnresolvedReason.NOT_A_MODULE_NAME,
            detail=f"'{scheme}:' specifiers are not files or packages",
        )
    if "?" in specifier:
        return Resolution(
            unresolved,
            reason=UnresolvedReason.QUERY_SUFFIX,
            detail=f"bundler query {specifier[specifier.index('?') :]!r}",
        )
    return None


def _features_and_conditions(
    options: CompilerOptions, mode: ResolutionMode | None
) -> tuple[int, tuple[str, ...]]:
    kind = options.resolution_kind
    if kind in (ModuleResolutionKind.NODE16, ModuleResolutionKind.NODENEXT):
        features = ALL_FEATURES | (ESM_MODE if mode is ResolutionMode.ESM else 0)
        return features, options.conditions(mode or ResolutionMode.COMMONJS) or ()
    if kind is ModuleResolutionKind.BUNDLER:
        return options.features(), options.conditions(mode) or ()
    return 0, ()


MAX_TRIED_SHOWN = 3


def _tried(candidates: Sequence[str], by_folder: Mapping[str, list[str]]) -> str:
    """The paths a relative or aliased import was looked for at, and the indexed file in the
    same folder whose name is closest to the first of them."""
    tried = list(dict.fromkeys(candidates))
    if not tried:
        return "no candidate path (the specifier leaves the file system)"
    shown = ", ".join(tried[:MAX_TRIED_SHOWN])
    more = f" and {len(tried) - MAX_TRIED_SHOWN} more" if len(tried) > MAX_TRIED_SHOWN else ""
    detail = f"tried {shown}{more}, with TypeScript's extensions and as a folder's index"
    neighbours = by_folder.get(dirname(tried[0]), [])
    stem = _stem(tried[0])
    close = difflib.get_close_matches(stem, [_stem(n) for n in neighbours], n=1, cutoff=0.75)
    if close:
        match = next(n for n in neighbours if _stem(n) == close[0])
        detail += f"; did you mean {match}?"
    return detail


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    for suffix in (".d.ts", ".d.mts", ".d.cts"):
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name.rsplit(".", 1)[0] if "." in name else name


def _table_detail(key: str, scope: PackageJson, field: str) -> str:
    """Why `key` did not resolve through the `exports` or `imports` of `scope`, in words the
    package.json bears out: not listed, or listed under conditions none of which led to an
    existing file."""
    where = f"{scope.directory}/package.json" if scope.directory else "package.json"
    table = scope.exports if field == "exports" else scope.imports
    entry: object = None
    if field == "exports" and key == "." and not isinstance(table, dict):
        entry = table
    elif isinstance(table, dict):
        if field == "exports" and key == "." and not any(k.startswith(".") for k in table):
            entry = table  # conditions at the top: the "." entry
        else:
            entry = table.get(key) or next(
                (table[p] for p in table if _pattern_covers(p, key)), None
            )
    if entry is None:
        return f"'{key}' is not in the {field} of {where}"
    conditions = sorted(_conditions(entry))
    if not conditions:
        return f"'{key}' is in the {field} of {where}, but the file it names does not exist"
    return (
        f"'{key}' is in the {field} of {where} under the conditions {', '.join(conditions)};"
        " none of them leads to an existing file for this import"
    )


def _conditions(entry: object) -> set[str]:
    if isinstance(entry, dict):
        return {k for k in entry if not k.startswith(".")} | {
            c for value in entry.values() for c in _conditions(value)
        }
    if isinstance(entry, list):
        return {c for value in entry for c in _conditions(value)}
    return set()


def _pattern_covers(pattern: str, key: str) -> bool:
    star = pattern.find("*")
    if star < 0:
        return pattern.endswith("/") and key.startswith(pattern)
    return key.startswith(pattern[:star]) and key.endswith(pattern[star + 1 :])
