"""Module resolution that agrees with TypeScript's `ts.resolveModuleName`.

`ModuleResolver(fs, source_files, configs).resolve(specifier, importer, kind=kind)` returns
a `code_graph.model.Resolution`. See docs/resolution.md for every rule.
"""

from code_graph.resolve.diagnostics import ConfigWarning
from code_graph.resolve.fs import DiskFileSystem, FileSystem, MemoryFileSystem
from code_graph.resolve.resolver import ModuleResolver

__all__ = ["ConfigWarning", "DiskFileSystem", "FileSystem", "MemoryFileSystem", "ModuleResolver"]
