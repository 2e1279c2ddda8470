"""Which resolution mode (`import` or `require`) a usage gets, as TypeScript decides it."""

from __future__ import annotations

from code_graph.model import ImportKind
from code_graph.resolve.options import (
    CompilerOptions,
    ModuleKind,
    ModuleResolutionKind,
    ResolutionMode,
)

_ESM_EXTENSIONS = (".mts", ".mjs")  # .d.mts ends with .mts
_CJS_EXTENSIONS = (".cts", ".cjs")
_PACKAGE_TYPED = (".ts", ".tsx", ".js", ".jsx")  # .d.ts ends with .ts
_NODE_MODULE_KINDS = (ModuleKind.NODE16, ModuleKind.NODE18, ModuleKind.NODE20, ModuleKind.NODENEXT)


def implied_format(
    file: str, options: CompilerOptions, package_type: str | None
) -> ResolutionMode | None:
    """The module format a file has by its extension or nearest package.json `type`."""
    if file.endswith(_ESM_EXTENSIONS):
        return ResolutionMode.ESM
    if file.endswith(_CJS_EXTENSIONS):
        return ResolutionMode.COMMONJS
    by_package = options.resolution_kind in (
        ModuleResolutionKind.NODE16,
        ModuleResolutionKind.NODENEXT,
    ) or ("/node_modules/" in f"/{file}")
    if by_package and file.endswith(_PACKAGE_TYPED):
        return ResolutionMode.ESM if package_type == "module" else ResolutionMode.COMMONJS
    return None


def _emit_format(file: str, options: CompilerOptions, package_type: str | None) -> int:
    module = options.module_kind
    implied = implied_format(file, options, package_type)
    if module in _NODE_MODULE_KINDS:
        if implied is not None:
            return int(implied)
        return int(module)
    if implied is ResolutionMode.COMMONJS and (
        package_type == "commonjs" or file.endswith(_CJS_EXTENSIONS)
    ):
        return int(ResolutionMode.COMMONJS)
    if implied is ResolutionMode.ESM and (
        package_type == "module" or file.endswith(_ESM_EXTENSIONS)
    ):
        return int(ResolutionMode.ESM)
    return int(module)


def usage_mode(
    kind: ImportKind, file: str, options: CompilerOptions, package_type: str | None
) -> ResolutionMode | None:
    """The mode TypeScript resolves one import of `file` in (None: mode-less resolution)."""
    if not options.import_syntax_affects_resolution:
        return None
    if kind in (ImportKind.REQUIRE, ImportKind.IMPORT_EQUALS):
        return ResolutionMode.COMMONJS
    if kind is ImportKind.DYNAMIC:
        module = options.module_kind
        if module in _NODE_MODULE_KINDS or module is ModuleKind.PRESERVE:
            return ResolutionMode.ESM
        transform = _emit_format(file, options, package_type) < ModuleKind.ES2015
        return ResolutionMode.COMMONJS if transform else ResolutionMode.ESM
    emit = _emit_format(file, options, package_type)
    if emit == ModuleKind.COMMONJS:
        return ResolutionMode.COMMONJS
    if ModuleKind.ES2015 <= emit <= ModuleKind.ESNEXT or emit == ModuleKind.PRESERVE:
        return ResolutionMode.ESM
    return None
