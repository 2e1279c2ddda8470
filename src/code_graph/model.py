"""Values shared by every layer: what one file says, and the kinds of things in the graph.

Everything here is a frozen, picklable value with no behaviour beyond small pure helpers,
so extraction results can cross process boundaries and be compared in tests.
"""

from __future__ import annotations

import copyreg
from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class Language(StrEnum):
    """The dialect a file is parsed as (chosen by extension)."""

    TYPESCRIPT = "typescript"
    TSX = "tsx"
    JAVASCRIPT = "javascript"
    JSX = "jsx"


# The dialect of each extension of an indexed source, in the order sources are looked for.
SOURCE_LANGUAGES = {
    ".ts": Language.TYPESCRIPT,
    ".tsx": Language.TSX,
    ".mts": Language.TYPESCRIPT,
    ".cts": Language.TYPESCRIPT,
    ".js": Language.JAVASCRIPT,
    ".jsx": Language.JSX,
    ".mjs": Language.JAVASCRIPT,
    ".cjs": Language.JAVASCRIPT,
}
SOURCE_EXTENSIONS = tuple(SOURCE_LANGUAGES)


class SymbolKind(StrEnum):
    FUNCTION = "function"
    CLASS = "class"
    INTERFACE = "interface"
    TYPE = "type"
    ENUM = "enum"
    VARIABLE = "variable"
    COMPONENT = "component"
    METHOD = "method"
    PROPERTY = "property"
    NAMESPACE = "namespace"


class ExportStatus(StrEnum):
    NONE = "none"
    NAMED = "named"
    DEFAULT = "default"


class ImportKind(StrEnum):
    """How a file pulls in another module."""

    STATIC = "static"  # import ... from 'x' / import 'x'
    REEXPORT = "re-export"  # export ... from 'x' / export * from 'x'
    REQUIRE = "require"  # require('x') in CommonJS
    IMPORT_EQUALS = "import-equals"  # import x = require('x')
    DYNAMIC = "dynamic"  # import('x') with a literal specifier


class ExportKind(StrEnum):
    """How a local name is exported."""

    NAMED = "named"  # export const a / export { a as b }
    DEFAULT = "default"  # export default ...
    EXPORT_EQUALS = "export-equals"  # export = X
    COMMONJS = "commonjs"  # module.exports = X / exports.a = ... / module.exports.a = ...


class ReferenceKind(StrEnum):
    CALL = "call"
    NEW = "new"
    EXTENDS = "extends"
    IMPLEMENTS = "implements"
    TYPE = "type"
    JSX = "jsx"
    READ = "read"  # any other use of a value: passed, stored, compared, returned, spread
    WRITE = "write"  # assigned (`x = …`, `x += …`, `x++`, `[x] = …`)
    EXPORT = "export"  # `export { x }`, `export default x`, `export = x`


# What `refs --kind` filters on: the kinds of references, and of import specifiers' edges.
REFERENCE_KINDS = (*(kind.value for kind in ReferenceKind), "import", "re-export")

# Sentinel names used in ImportedName.name and ExportRecord.exported_name.
DEFAULT_NAME = "default"
NAMESPACE_NAME = "*"
EXPORT_EQUALS_NAME = "export="

# Reference.qualifier conventions (see Reference).
UNKNOWN_RECEIVER = "?"  # `f().m()`, `x.m()` on an untyped local: the receiver cannot be named
INSTANCE_PREFIX = "^"  # `^T`: an instance of type T (`new T().m()`, `x.m()` with `x: T`)
# `&f(k,j)`: parameter j of the function passed as argument k to `f` (`new C` for `new C(...)`)
CALLBACK_PREFIX = "&"
NEW_CALLEE = "new "  # the callee of `&new C(k,j)`
# A qualifier segment: what the function named by the segments before it is declared to
# return (`this.getRepo.()` for `this.getRepo().find()`, `^f.()` for `x.m()` after `const x =
# await f()`; see Symbol.type_name).
RETURNED = "()"
# A qualifier segment: an element of the array named by the segments before it
# (`cols.[]` for `cols[0].name`, `^Table.columns.[]` for `c.name` in `for (const c of
# table.columns)`). A type name ending in ARRAY_SUFFIX (`Column[]`, in Symbol.type_name and
# after INSTANCE_PREFIX) is an array of that type.
ELEMENT = "[]"
ARRAY_SUFFIX = "[]"
# A qualifier segment: the props of the component named by the segments before it
# (`Dialog.<>` for the attribute `title` of `<Dialog title="x">`; see Symbol.type_name).
PROPS = "<>"
THIS_TYPE = "this"  # Symbol.type_name of a method declared to return `this`

# Symbol.callbacks conventions (see Symbol).
CALLBACK_ARGUMENTS = ";"  # between a function's parameters
CALLBACK_PARAMETERS = ","  # between the parameters of one function-typed parameter


@dataclass(frozen=True, slots=True)
class Span:
    """1-based line and column of a node's start and end."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Symbol:
    """A definition in a file.

    `qualified_name` joins parents with dots (`Class.method`); `parent` is the parent's
    qualified name or None at top level. `signature` is one line, at most ~200 characters.
    `type_name` is the declared type of a property or variable when it is a plain type
    reference (`repo: Repo`, `= new Repo()`), so `this.repo.find()` can be followed; of a
    function or method, its declared return type (`T` of `(): T` or `(): Promise<T>`), of a
    function component, the declared type of its props (its first parameter); `T[]` for an
    array of T (ARRAY_SUFFIX).
    `callbacks` is, for a function, method or constructor, what it declares about the
    callbacks passed to it: per positional parameter (joined by `;`, a leading `this:` one
    left out), the plain type references of that parameter's function type's parameters
    (joined by `,`, generics stripped, `` for other types), trailing empty entries dropped;
    `;Observable,Subscriber` for `f(n: number, cb?: (s: Observable<T>, t: Subscriber<T>) =>
    void)`. None when there is nothing to say.
    """

    name: str
    qualified_name: str
    kind: SymbolKind
    span: Span
    export: ExportStatus = ExportStatus.NONE
    parent: str | None = None
    signature: str = ""
    type_name: str | None = None
    callbacks: str | None = None


@dataclass(frozen=True, slots=True)
class ImportedName:
    """One binding of an import or re-export.

    `name` is the name in the source module (`default`, `*` for a namespace or for
    `export *`, or an identifier); `alias` is the local (or re-exported) name when it differs
    or when `name` is `*`/`default`; None otherwise.
    """

    name: str
    alias: str | None = None
    type_only: bool = False
    # Where the name is written (0: not known). Not part of what the binding is, so two
    # imports of one binding compare equal wherever they are written.
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)

    @property
    def local(self) -> str:
        """The name this binding is known by in the importing file."""
        return self.alias if self.alias is not None else self.name


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One import-like statement: its specifier exactly as written and its bindings."""

    specifier: str
    kind: ImportKind
    line: int
    type_only: bool = False
    names: tuple[ImportedName, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """A name this file exports from its own scope (not `export ... from`, see ImportRecord).

    `local_name` is the local symbol's name (qualified if nested), or None when the exported
    value is an anonymous expression that has no symbol.
    """

    exported_name: str
    local_name: str | None
    kind: ExportKind
    line: int
    type_only: bool = False


class Reference(NamedTuple):
    """A use of a name: `qualifier.name` (e.g. `ns.Foo`, `this.m`, `obj.call`) or bare `name`.

    The qualifier's first segment may also be `this`, `super`, UNKNOWN_RECEIVER (`?`: a
    receiver that cannot be named, never linked by name) or INSTANCE_PREFIX + a type name
    (`^Repo`, `^ns.Repo.items`: an instance of that type, from `new Repo().m()` or a local
    declared as `Repo`) or CALLBACK_PREFIX + a call site (`&operate(0,1)`, `&ns.f(1,0).a`,
    `&new Observable(0,0)`: an unannotated parameter of a function passed to a call, typed by
    the callee's Symbol.callbacks). Names of locals (parameters, block variables) are never references.
    `enclosing` is the qualified name of the innermost enclosing symbol, or None for
    top-level code.

    A NamedTuple rather than a frozen dataclass: a file has thousands, and building one is
    the inner step of extraction (a third of the cost of a frozen dataclass's `__init__`).
    """

    name: str
    kind: ReferenceKind
    line: int
    column: int
    qualifier: str | None = None
    enclosing: str | None = None


@dataclass(frozen=True, slots=True)
class SyntaxIssue:
    """Where tree-sitter had to recover from a syntax error."""

    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class FileFacts:
    """Everything extraction learns about one source file. `path` is root-relative, `/`-separated.

    `syntax_error_count` counts the regions the parser could not make sense of (outermost
    ERROR and MISSING nodes; `syntax_errors` holds the first of them), `syntax_error_lines`
    the lines those regions cover, and `recovered_declarations` the top-level declarations
    found in statements with syntax errors (re-parsed on their own or read from their header).
    """

    path: str
    language: Language
    is_declaration: bool
    symbols: tuple[Symbol, ...] = ()
    imports: tuple[ImportRecord, ...] = ()
    exports: tuple[ExportRecord, ...] = ()
    references: tuple[Reference, ...] = ()
    syntax_errors: tuple[SyntaxIssue, ...] = ()
    syntax_error_count: int = 0
    syntax_error_lines: int = 0
    recovered_declarations: int = 0


class SkipReason(StrEnum):
    """Why a discovered file was not indexed."""

    TOO_LARGE = "too-large"
    BINARY = "binary"
    NOT_UTF8 = "not-utf8"
    UNREADABLE = "unreadable"
    VANISHED = "vanished"
    EXTRACT_FAILED = "extract-failed"
    OUTSIDE_ROOT = "outside-root"  # a symlink whose target lies outside the project root
    SYMLINK_DIR = "symlinked-directory"  # symlinked directories are not followed (loops, dupes)
    BAD_NAME = "bad-name"  # a file or folder name that is not valid UTF-8
    MINIFIED = "minified"  # most of its bytes are long lines of dense code
    BUNDLE = "bundle"  # a bundler's output (its module runtime), not a source


@dataclass(frozen=True, slots=True)
class SkippedFile:
    path: str
    reason: SkipReason
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A discovered source file with the stat facts used for freshness checks."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class ProjectFiles:
    """What the walker found: source files and the configuration files the resolver needs."""

    root: str
    sources: tuple[SourceFile, ...]
    configs: tuple[
        str, ...
    ] = ()  # tsconfig*.json, jsconfig.json, package.json, pnpm-workspace.yaml
    skipped: tuple[SkippedFile, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class WorkspacePackage:
    """A package of a monorepo: its name, directory, and the root that declared it."""

    name: str
    directory: str
    root: str


class ResolutionMethod(StrEnum):
    """Which rule produced an import's outcome."""

    RELATIVE = "relative"
    PATHS = "paths"
    BASE_URL = "baseUrl"
    ROOT_DIRS = "rootDirs"
    WORKSPACE = "workspace"
    SELF_REFERENCE = "self-reference"
    PACKAGE_IMPORTS = "package-imports"
    EXTERNAL = "external"
    BUILTIN = "builtin"
    UNRESOLVED = "unresolved"


class UnresolvedReason(StrEnum):
    NOT_FOUND = "not-found"
    NON_SOURCE_TARGET = "non-source-target"
    QUERY_SUFFIX = "query-suffix"
    PATHS_PATTERN_MISS = "paths-pattern-miss"
    PACKAGE_ENTRY_MISSING = "package-entry-missing"
    NOT_A_MODULE_NAME = "not-a-module-name"
    PACKAGE_NOT_INSTALLED = "package-not-installed"
    EXPORTS_NOT_EXPORTED = "exports-not-exported"
    IMPORTS_NOT_DEFINED = "imports-not-defined"
    EXCLUDED_FILE = "excluded-file"
    INTERNAL_ERROR = "internal-error"  # resolving raised: a defect of ours, recorded


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of resolving one specifier from one file.

    Exactly one of `file` (root-relative path of an indexed file), `package` (external
    package name, or the module name for builtins) or `reason` is set.
    `detail` explains the outcome for people (e.g. which alias matched nothing).
    """

    method: ResolutionMethod
    file: str | None = None
    package: str | None = None
    reason: UnresolvedReason | None = None
    detail: str = ""

    @property
    def is_internal(self) -> bool:
        return self.file is not None

    @property
    def is_builtin(self) -> bool:
        return self.method is ResolutionMethod.BUILTIN


def _rebuilt_by_constructor(value: DataclassInstance) -> tuple[type, tuple[object, ...]]:
    return type(value), tuple(getattr(value, each.name) for each in fields(value))


# This module is compiled with mypyc (setup.py): its classes are then native, and the pickle
# support mypyc gives them sets the fields one by one after creating the object, which a frozen
# dataclass refuses. Facts cross to the worker processes pickled, so every dataclass here is
# pickled as a call of its constructor instead (the same in the pure build).
for _value in list(globals().values()):
    if isinstance(_value, type) and is_dataclass(_value):
        copyreg.pickle(_value, _rebuilt_by_constructor)
