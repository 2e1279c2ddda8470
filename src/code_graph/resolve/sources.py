"""Map a workspace package's unbuilt entry (`dist/index.d.ts`) to the source it is built from.

TypeScript follows `types`/`main`/`exports`/`typesVersions` into `dist/`, `lib/`, `build/`
or `out/`, which do not exist in an unbuilt checkout (and are rarely indexed when they do).
The code graph wants the sources. Each such target is tried with, in order:

1. the package's own tsconfig `outDir`/`declarationDir` → `rootDir`;
2. the build folder and the format folders after it dropped (`dist/`, `dist/production/`,
   `lib/esm/`), the rest looked for under `src/`, then at the package root, least stripped
   first: `dist/utils/x.js` → `src/utils/x.ts`, `dist/production/index.d.ts` → `index.ts`;

then, for an import of the whole package (no subpath), its source entry: package.json
`source`, `src/index.*`, `index.*`. Output extensions (`.d.ts`, `.js`, `.mjs`, …) give way
to source ones, and a folder to its `index`. A package without `exports` also offers its
`module` field as a target (bundlers read it; TypeScript does not).

Only workspace packages are mapped: a package in node_modules ships its build.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from code_graph.model import SOURCE_EXTENSIONS
from code_graph.resolve.engine import Trace
from code_graph.resolve.fs import FileSystem
from code_graph.resolve.package_json import PackageJson
from code_graph.resolve.paths import contains, in_node_modules, join, normalize, relative_to
from code_graph.resolve.tsconfig import ConfigLoader

OUTPUT_DIRS = frozenset({"dist", "lib", "build", "out", "esm", "cjs", "es", "types", "dts"})
# Folders a build puts between its output folder and the files: formats, flavours, targets.
_FORMAT_DIRS = frozenset(
    {"esm", "cjs", "es", "mjs", "umd", "types", "dts", "module", "commonjs", "src"}
    | {"production", "development", "prod", "dev", "browser", "node"}
)
_OUTPUT_EXTENSIONS = (
    ".d.ts", ".d.mts", ".d.cts", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts",
)  # fmt: skip
_SHOWN_TARGETS = 3
_SHOWN_TRIED = 6


@dataclass(frozen=True, slots=True)
class SourceSearch:
    """The fallback's answer: the source found, or what was missing and what was tried."""

    file: str | None = None
    detail: str = ""  # for `file`: the unbuilt target it stands for, and the rule used
    missing: tuple[str, ...] = ()  # workspace package entries that are not indexed sources
    tried: tuple[str, ...] = ()  # the sources looked for, as `packages/x/src/index.*`

    def missing_detail(self) -> str:
        """Why the missing entries stay unresolved, for people."""
        entries = _listing(self.missing, _SHOWN_TARGETS)
        verb = "does" if len(self.missing) == 1 else "do"
        tried = _listing(self.tried, _SHOWN_TRIED) if self.tried else "nothing to try"
        return f"{entries} {verb} not exist (unbuilt?) and no source matches; tried {tried}"


class SourceFallback:
    """Finds indexed sources for the workspace package entries a resolution tried."""

    def __init__(
        self,
        fs: FileSystem,
        sources: Collection[str],
        loader: ConfigLoader,
        read_package_json: Callable[[str], PackageJson | None],
        workspace_dirs: Collection[str],
    ) -> None:
        self._fs = fs
        self._sources = sources
        self._loader = loader
        self._read_package_json = read_package_json
        self._workspace_dirs = workspace_dirs

    def search(self, trace: Trace, *, whole_package: bool) -> SourceSearch:
        """The source of the first tried entry that maps to one, else what was tried."""
        targets = self._targets(trace, whole_package)
        tried: list[str] = []
        for directory, relative in targets:
            for candidate, rule in self._mappings(directory, relative):
                found = self._source(candidate, tried)
                if found is not None:
                    shown = join(directory, relative) or relative
                    return SourceSearch(found, f"source of unbuilt {shown} ({rule})")
        if whole_package:
            first_targets: dict[str, str] = {}
            for directory, relative in targets:
                first_targets.setdefault(directory, join(directory, relative) or relative)
            for directory, shown in first_targets.items():
                for candidate, rule in self._entries(directory):
                    found = self._source(candidate, tried)
                    if found is not None:
                        return SourceSearch(found, f"source of unbuilt {shown} ({rule})")
        missing = tuple(dict.fromkeys(join(d, r) or r for d, r in targets))
        return SourceSearch(missing=missing, tried=tuple(dict.fromkeys(tried)))

    def _targets(self, trace: Trace, whole_package: bool) -> list[tuple[str, str]]:
        """(workspace package directory, entry relative to it) for every entry tried."""
        result: list[tuple[str, str]] = []
        for package_dir, target in trace.entry_candidates:
            directory = self._workspace_dir(package_dir)
            if directory is not None and contains(package_dir, target):
                result.append((directory, relative_to(package_dir, target)))
        if whole_package:
            for package_dir in trace.package_dirs:
                directory = self._workspace_dir(package_dir)
                package = self._read_package_json(directory) if directory is not None else None
                if directory is None or package is None or package.has_exports_key:
                    continue
                module = normalize(package.module) if package.module else None
                if module:
                    result.append((directory, module))
        return list(dict.fromkeys(result))

    def _workspace_dir(self, package_dir: str) -> str | None:
        """The workspace package directory `package_dir` is (or links to), if any."""
        real_dir = self._fs.real_path(package_dir) if in_node_modules(package_dir) else None
        directory = real_dir if real_dir is not None else package_dir
        if in_node_modules(directory) or directory not in self._workspace_dirs:
            return None
        return directory

    def _source(self, candidate: str, tried: list[str]) -> str | None:
        """The indexed source a build output (or a source path without extension) stands for."""
        stem, ext = _strip_output_extension(candidate)
        tried.append(f"{stem}.*")
        for base in (stem, f"{stem}/index"):
            for source_ext in _source_extensions(ext):
                path = base + source_ext
                if path in self._sources:
                    return path
        return None

    def _mappings(self, package_dir: str, relative: str) -> Iterable[tuple[str, str]]:
        """(source candidate, the rule that gave it) for one entry, best first."""
        yield from self._tsconfig_mappings(package_dir, relative)
        segments = relative.split("/") if relative else []
        if not segments or segments[0] not in OUTPUT_DIRS:
            return
        dropped = 1
        while True:
            build = "/".join(segments[:dropped]) + "/"
            tail = "/".join(segments[dropped:])
            for base, shown in (("src/", "src/"), ("", "the package root")):
                mapped = join(package_dir, base + tail)
                if mapped is not None and mapped != package_dir:
                    yield mapped, f"{build} → {shown}"
            if dropped + 1 >= len(segments) or segments[dropped] not in _FORMAT_DIRS:
                return
            dropped += 1

    def _tsconfig_mappings(self, package_dir: str, relative: str) -> Iterable[tuple[str, str]]:
        target = join(package_dir, relative)
        tsconfig = join(package_dir, "tsconfig.json")
        if target is None or tsconfig is None or not self._fs.is_file(tsconfig):
            return
        config = self._loader.load(tsconfig)
        if config is None:
            return
        options = config.options
        root = options.root_dir or join(package_dir, "src") or package_dir
        outputs = (("declarationDir", options.declaration_dir), ("outDir", options.out_dir))
        for option, output in outputs:
            if output is not None and contains(output, target) and target != output:
                mapped = join(root, relative_to(output, target))
                if mapped is not None:
                    yield mapped, f"{tsconfig} {option} → rootDir"

    def _entries(self, package_dir: str) -> Iterable[tuple[str, str]]:
        """The package's own source entry: package.json `source`, then `src/index`, `index`."""
        package = self._read_package_json(package_dir)
        declared = join(package_dir, package.source) if package and package.source else None
        if declared is not None and contains(package_dir, declared):
            yield declared, 'package.json "source"'
        for entry in ("src/index", "index"):
            yield f"{package_dir}/{entry}" if package_dir else entry, f"source entry {entry}.*"


def _strip_output_extension(path: str) -> tuple[str, str]:
    for ext in _OUTPUT_EXTENSIONS:
        if path.endswith(ext):
            return path[: -len(ext)], ext
    return path, ""


def _source_extensions(output_ext: str) -> tuple[str, ...]:
    if output_ext in (".mjs", ".d.mts", ".mts"):
        return (".mts", *SOURCE_EXTENSIONS)
    if output_ext in (".cjs", ".d.cts", ".cts"):
        return (".cts", *SOURCE_EXTENSIONS)
    return SOURCE_EXTENSIONS


def _listing(items: tuple[str, ...], limit: int) -> str:
    shown = ", ".join(items[:limit])
    more = len(items) - limit
    return f"{shown} and {more} more" if more > 0 else shown
