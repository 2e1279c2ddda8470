"""Map a workspace package's build-output entry (`dist/index.d.ts`) to its source file.

TypeScript follows `types`/`main`/`exports` into `dist/`, `lib/`, `build/` or `out/`, which
do not exist in an unbuilt checkout (and are rarely indexed when they do). The code graph
wants the source file those outputs are built from: `dist/utils/x.js` → `src/utils/x.ts`.
The package's own tsconfig `outDir`/`declarationDir` → `rootDir` mapping is tried first,
then the conventional layouts.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from code_graph.resolve.engine import Trace
from code_graph.resolve.fs import FileSystem
from code_graph.resolve.paths import contains, in_node_modules, join, relative_to
from code_graph.resolve.tsconfig import ConfigLoader

OUTPUT_DIRS = frozenset({"dist", "lib", "build", "out", "esm", "cjs", "es", "types", "dts"})
_FORMAT_DIRS = frozenset({"esm", "cjs", "es", "mjs", "types", "dts", "module", "commonjs", "src"})
_OUTPUT_EXTENSIONS = (
    ".d.ts", ".d.mts", ".d.cts", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts",
)  # fmt: skip
_SOURCE_ORDER = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")


def _strip_output_extension(path: str) -> tuple[str, str]:
    for ext in _OUTPUT_EXTENSIONS:
        if path.endswith(ext):
            return path[: -len(ext)], ext
    return path, ""


def _source_extensions(output_ext: str) -> tuple[str, ...]:
    if output_ext in (".mjs", ".d.mts", ".mts"):
        return (".mts", *_SOURCE_ORDER)
    if output_ext in (".cjs", ".d.cts", ".cts"):
        return (".cts", *_SOURCE_ORDER)
    return _SOURCE_ORDER


class SourceFallback:
    """Finds indexed sources for the package entries a resolution tried."""

    def __init__(self, fs: FileSystem, sources: Collection[str], loader: ConfigLoader) -> None:
        self._fs = fs
        self._sources = sources
        self._loader = loader

    def find(self, trace: Trace, workspace_dirs: Mapping[str, object]) -> tuple[str, str] | None:
        """(source file, explanation) for the first tried entry that maps to a source."""
        for package_dir, target in trace.entry_candidates:
            if not contains(package_dir, target):
                continue
            real_dir = self._fs.real_path(package_dir) if in_node_modules(package_dir) else None
            directory = real_dir if real_dir is not None else package_dir
            if in_node_modules(directory) or directory not in workspace_dirs:
                continue
            relative = relative_to(package_dir, target)
            source = self._map(directory, relative)
            if source is not None:
                shown = join(directory, relative) or relative
                return source, f"source of unbuilt {shown}"
        return None

    def _map(self, package_dir: str, relative: str) -> str | None:
        for candidate in self._candidates(package_dir, relative):
            stem, ext = _strip_output_extension(candidate)
            for base in (stem, f"{stem}/index"):
                for source_ext in _source_extensions(ext):
                    path = base + source_ext
                    if path in self._sources:
                        return path
        return None

    def _candidates(self, package_dir: str, relative: str) -> list[str]:
        target = join(package_dir, relative)
        result: list[str] = []
        tsconfig = join(package_dir, "tsconfig.json")
        if target is not None and tsconfig is not None and self._fs.is_file(tsconfig):
            config = self._loader.load(tsconfig)
            if config is not None:
                options = config.options
                root = options.root_dir or join(package_dir, "src") or package_dir
                for output in (options.declaration_dir, options.out_dir):
                    if output is not None and contains(output, target) and target != output:
                        mapped = join(root, relative_to(output, target))
                        if mapped is not None:
                            result.append(mapped)
        segments = relative.split("/") if relative else []
        if segments and segments[0] in OUTPUT_DIRS:
            rest = segments[1:]
            variants = [rest]
            if rest and rest[0] in _FORMAT_DIRS:
                variants.append(rest[1:])
            for variant in variants:
                tail = "/".join(variant)
                for base in ("src", ""):
                    mapped = join(package_dir, f"{base}/{tail}" if base else tail)
                    if mapped is not None and mapped != package_dir:
                        result.append(mapped)
        return result
