"""`file summary`: one file's symbols, imports (with their resolution), exports and importers."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from code_graph.query.ports import Graph
from code_graph.records import StoredExport, StoredImport, SymbolRecord

MAX_STAR_DEPTH = 20  # `export *` chains followed at most this deep (cycles stop sooner)


@dataclass(frozen=True, slots=True)
class Reexported:
    """A name the file re-exports: `name` as it leaves the file, from `origin` (the file that
    exports it, or the specifier of an import that did not resolve to an indexed file)."""

    name: str
    origin: str
    line: int  # of the re-export statement in the summarized file
    star: bool  # reached through `export * from`
    type_only: bool


@dataclass(frozen=True, slots=True)
class FileSummary:
    path: str
    found: bool
    language: str = ""
    is_declaration: bool = False
    syntax_errors: int = 0
    symbols: list[SymbolRecord] = field(default_factory=list)
    imports: list[StoredImport] = field(default_factory=list)
    exports: list[StoredExport] = field(default_factory=list)
    importers: list[StoredImport] = field(default_factory=list)
    suggestions: tuple[str, ...] = ()
    reexports: list[Reexported] = field(default_factory=list)


def file_summary(graph: Graph, path: str) -> FileSummary:
    """Everything the graph knows about the file at root-relative `path`."""
    path = path.removeprefix("./")
    record = graph.files.record(path)
    if record is None:
        close = difflib.get_close_matches(path, graph.files.paths(), n=5)
        return FileSummary(path, False, suggestions=tuple(close))
    imports = graph.imports.of_file(path)
    return FileSummary(
        path,
        True,
        record.language,
        record.is_declaration,
        record.syntax_errors,
        graph.symbols.in_file(path),
        imports,
        graph.files.exports_of(path),
        graph.imports.importers_of([path]),
        reexports=reexported_names(graph, path, imports),
    )


def reexported_names(graph: Graph, path: str, imports: list[StoredImport]) -> list[Reexported]:
    """What the re-exports of `path` (`export {a as b} from`, `export * as ns from`,
    `export * from`) make it export, with where each name comes from; an `export *` lists
    the names its target exports, followed through further `export *` (never `default`)."""
    statements = [i for i in imports if i.kind == "re-export"]
    names = graph.imports.names_of([i.id for i in statements])
    found: list[Reexported] = []
    for statement in statements:
        origin = statement.target or statement.specifier
        for entry in names.get(statement.id, ()):
            if entry.name != "*" or entry.alias is not None:
                name = entry.alias or entry.name
                found.append(Reexported(name, origin, statement.line, False, entry.type_only))
            elif statement.target is not None:
                for name, source in _star_names(graph, statement.target, {path}, 0):
                    found.append(
                        Reexported(name, source, statement.line, True, statement.type_only)
                    )
    return found


def _star_names(graph: Graph, path: str, seen: set[str], depth: int) -> list[tuple[str, str]]:
    """The names `export * from path` brings, with the file each is exported from."""
    if path in seen or depth > MAX_STAR_DEPTH:
        return []
    seen = seen | {path}
    names = [(e.exported_name, path) for e in graph.files.exports_of(path)]
    imports = [i for i in graph.imports.of_file(path) if i.kind == "re-export"]
    bound = graph.imports.names_of([i.id for i in imports])
    for statement in imports:
        for entry in bound.get(statement.id, ()):
            if entry.name != "*" or entry.alias is not None:
                names.append((entry.alias or entry.name, statement.target or statement.specifier))
            elif statement.target is not None:
                names += _star_names(graph, statement.target, seen, depth + 1)
    return [(name, origin) for name, origin in dict.fromkeys(names) if name != "default"]


MAX_FOLDER_FILES = 200


@dataclass(frozen=True, slots=True)
class FolderFile:
    """One file of a folder's outline: what it exports, what it imports from outside."""

    path: str
    exports: list[SymbolRecord]
    outside_imports: list[StoredImport]  # imports of files outside the folder, or packages


@dataclass(frozen=True, slots=True)
class FolderSummary:
    folder: str  # `dir/`
    files: list[FolderFile]
    total_files: int  # files under the folder (`files` holds at most MAX_FOLDER_FILES)


def folder_summary(graph: Graph, folder: str, max_files: int = MAX_FOLDER_FILES) -> FolderSummary:
    """A module outline of the indexed files under `folder` (`dir/`): each file's exported
    top-level symbols and its imports from outside the folder."""
    paths = [p for p in graph.files.paths() if p.startswith(folder)]
    shown = paths[:max_files]
    exported: dict[str, list[SymbolRecord]] = {}
    for symbol in graph.symbols.top_level_in(shown):
        if symbol.export != "none":
            exported.setdefault(symbol.file, []).append(symbol)
    files = [
        FolderFile(
            path,
            exported.get(path, []),
            [
                i
                for i in graph.imports.of_file(path)
                if i.target is None or not i.target.startswith(folder)
            ],
        )
        for path in shown
    ]
    return FolderSummary(folder, files, len(paths))
