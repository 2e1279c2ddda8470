"""JSDoc: TypeScript reads types from `/** ... */` comments, so they are type references.

In every file, `{@link X}` (also `linkcode`, `linkplain`), `@see X` and the type expressions
of tags name what TypeScript's editor services link. In JavaScript files, where JSDoc is the
type syntax, also:
- the type expressions of `@type`, `@param`, `@returns`, `@typedef`, `@property`, `@this`,
  `@extends`, `@implements`, `@satisfies`, `@enum`, `@throws`, `@yields` and friends give
  type references (located at each name; object keys, parameter names, primitives and
  names declared by `@template` are not references);
- `import('./x').Foo` in a type is a type-only import of `./x` (a namespace import under a
  local name no code can spell) and a reference to its member `Foo`;
- `@import { A, B as C } from './x'` (also `* as ns`, a default) is a type-only import;
- `@typedef {...} Name` and `@callback Name` declare exported types.
References in a comment belong to the declaration the comment documents (the next
statement), so a function's `@param` types are its type dependencies.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from code_graph.extract.grammar import Node
from code_graph.extract.jsdoc_types import type_name
from code_graph.extract.nesting import Enclosing
from code_graph.extract.source import Source
from code_graph.model import (
    ExportKind,
    ExportRecord,
    ExportStatus,
    ImportedName,
    ImportKind,
    ImportRecord,
    Reference,
    ReferenceKind,
    Span,
    Symbol,
    SymbolKind,
)

# Tags whose `{...}` is a type; the tags that declare a type after their `{...}`.
_TYPE_TAGS = frozenset(
    [
        "type",
        "param",
        "arg",
        "argument",
        "returns",
        "return",
        "typedef",
        "property",
        "prop",
        "this",
        "extends",
        "augments",
        "implements",
        "satisfies",
        "enum",
        "throws",
        "exception",
        "yields",
        "yield",
        "template",
    ]
)
_DECLARING_TAGS = frozenset({"typedef", "callback"})
_TAG = re.compile(rb"@([A-Za-z]+)")
_NAME = re.compile(rb"\s*([A-Za-z_$][\w$]*)")
_TYPE_NAME = re.compile(rb"[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*")
_IMPORT_TYPE = re.compile(
    rb"""import\s*\(\s*(['"])([^'"]+)\1\s*\)((?:\s*\.\s*[A-Za-z_$][\w$]*)*)"""
)
_STRING = re.compile(rb"""'[^'\n]*'|"[^"\n]*"|`[^`\n]*`""")
_IMPORT_TAG = re.compile(
    rb"""@import\s+(?P<clause>[^'"]*?)\s*from\s*(['"])(?P<specifier>[^'"]+)\2"""
)
_IMPORT_NAMES = re.compile(rb"([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?")
_LINK_NAME = re.compile(rb"[A-Za-z_$][\w$]*")
_LINK = re.compile(rb"\{@link(?:code|plain)?\s+([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)")
_SEE = re.compile(rb"\s+([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?=\s|$|\*)")
_DECLARED = re.compile(rb"@(typedef|callback)\s*(?:\{[^@]*?\}\s*)?([A-Za-z_$][\w$]*)")
_TEMPLATE_NAMES = re.compile(rb"@template\s+(?:\{[^}]*\}\s*)?([\w$,\s]+)")
# Words of the type language, primitives and names every project has: never references.
_NOT_NAMES = frozenset(
    [
        "string",
        "number",
        "boolean",
        "bigint",
        "symbol",
        "object",
        "any",
        "unknown",
        "never",
        "void",
        "undefined",
        "null",
        "true",
        "false",
        "this",
        "typeof",
        "keyof",
        "readonly",
        "unique",
        "infer",
        "extends",
        "is",
        "asserts",
        "new",
        "function",
        "import",
        "in",
        "of",
        "as",
        "const",
        "Object",
        "Function",
        "Array",
        "Promise",
        "String",
        "Number",
        "Boolean",
        "Symbol",
        "Date",
        "Error",
        "RegExp",
        "Map",
        "Set",
        "WeakMap",
        "WeakSet",
        "Record",
        "Partial",
        "Required",
        "Readonly",
        "Pick",
        "Omit",
        "Exclude",
        "Extract",
        "NonNullable",
        "ReturnType",
        "Parameters",
        "InstanceType",
        "Awaited",
    ]
)
_START_BYTE = attrgetter("start_byte")
_LOCAL_IMPORT_PREFIX = "import()#"  # the local name of an `import('...')` type: no code spells it


@dataclass(slots=True)
class JSDocFacts:
    references: list[Reference] = field(default_factory=list)
    imports: list[ImportRecord] = field(default_factory=list)
    symbols: list[Symbol] = field(default_factory=list)
    exports: list[ExportRecord] = field(default_factory=list)


def collect_jsdoc(
    comments: list[Node], source: Source, enclosing: Enclosing, *, javascript: bool
) -> JSDocFacts:
    """The type references of JSDoc comments, and in JavaScript their imports and typedefs."""
    facts = JSDocFacts()
    modules: dict[str, str] = {}  # specifier -> local name of its `import('...')` types
    for comment in sorted(comments, key=_START_BYTE):
        _Comment(comment, source, enclosing, facts, modules, javascript).read()
    return facts


class _Comment:
    def __init__(
        self,
        node: Node,
        source: Source,
        enclosing: Enclosing,
        facts: JSDocFacts,
        modules: dict[str, str],
        javascript: bool,
    ) -> None:
        self.javascript = javascript
        self.source = source
        self.start = node.start_byte
        self.row, self.column = node.start_point
        self.text = source.data[node.start_byte : node.end_byte]
        self.facts = facts
        self.modules = modules
        declared = _DECLARED.search(self.text) if javascript else None
        if declared is not None:  # a typedef's own types belong to it
            self.owner: str | None = declared.group(2).decode()
        else:
            self.owner = _documented(node, enclosing)
        self.template = {
            name.decode()
            for match in _TEMPLATE_NAMES.finditer(self.text)
            for name in re.findall(rb"[\w$]+", match.group(1))
        }

    def read(self) -> None:
        text = self.text
        if self.javascript:
            for match in _IMPORT_TAG.finditer(text):
                self._import_tag(match)
        for match in _LINK.finditer(text):
            self._chain(match.group(1), match.start(1))
        for match in _TAG.finditer(text):
            tag = match.group(1).decode()
            end = match.end()
            if tag == "see":
                named = _SEE.match(text, end)
                if named is not None:
                    self._chain(named.group(1), named.start(1))
            aliased = None
            if tag in _TYPE_TAGS:
                braces = _braces(text, end)
                if braces is None:
                    continue
                self._types(braces[0], braces[1])
                aliased = self._aliased(braces[0], braces[1])
                end = braces[1] + 1
            if tag in _DECLARING_TAGS and self.javascript:
                self._declare(end, aliased)

    def _import_tag(self, match: re.Match[bytes]) -> None:
        clause = match.group("clause").strip()
        specifier = match.group("specifier").decode("utf-8", "replace")
        names: list[ImportedName] = []
        if clause.startswith(b"*"):
            alias = re.search(rb"as\s+([A-Za-z_$][\w$]*)", clause)
            if alias is not None:
                names.append(ImportedName("*", alias.group(1).decode(), True))
        else:
            head, _, braced = clause.partition(b"{")
            default = head.strip().rstrip(b",").strip()
            if default:
                names.append(ImportedName("default", default.decode(), True))
            for name, alias in _IMPORT_NAMES.findall(braced.partition(b"}")[0]):
                names.append(ImportedName(name.decode(), alias.decode() or None, True))
        line = self._position(match.start())[0]
        self.facts.imports.append(
            ImportRecord(specifier, ImportKind.STATIC, line, True, tuple(names))
        )

    def _types(self, start: int, end: int) -> None:
        """The names in the type expression `text[start:end]`."""
        text = self.text
        blanked = bytearray(text[start:end])
        for match in _IMPORT_TYPE.finditer(text, start, end):
            if self.javascript:
                self._import_type(match)
            blanked[match.start() - start : match.end() - start] = b" " * (
                match.end() - match.start()
            )
        for match in _STRING.finditer(blanked):
            blanked[match.start() : match.end()] = b" " * (match.end() - match.start())
        for match in _TYPE_NAME.finditer(blanked):
            if _is_key(blanked, match.end()) or (
                match.start() and blanked[match.start() - 1] == 0x2E
            ):
                continue  # `{ key: T }`, `(param: T) => U`, or the tail of `a.b` already read
            self._chain(match.group(), start + match.start())

    def _chain(self, written: bytes, offset: int) -> None:
        """References to each link of the name chain `written` at `offset`: `ns.A.b` is a
        use of `ns`, of `ns.A` and of `ns.A.b` (as `a.b.c` is in code)."""
        links = [(m.group().decode(), m.start()) for m in _LINK_NAME.finditer(written)]
        if not links or links[0][0] in _NOT_NAMES or links[0][0] in self.template:
            return
        for index, (name, at) in enumerate(links):
            qualifier = ".".join(link for link, _ in links[:index]) or None
            self._reference(name, qualifier, offset + at)

    def _import_type(self, match: re.Match[bytes]) -> None:
        specifier = match.group(2).decode("utf-8", "replace")
        local = self.modules.get(specifier)
        line = self._position(match.start())[0]
        if local is None:
            local = self.modules[specifier] = f"{_LOCAL_IMPORT_PREFIX}{len(self.modules)}"
            names = (ImportedName("*", local, True),)
            self.facts.imports.append(ImportRecord(specifier, ImportKind.STATIC, line, True, names))
        members = [m for m in re.split(rb"\s*\.\s*", match.group(3).strip()) if m]
        if members:
            offset = match.start(3) + match.group(3).rindex(members[-1])
            qualifier = ".".join([local, *(m.decode() for m in members[:-1])])
            self._reference(members[-1].decode(), qualifier, offset)

    def _aliased(self, start: int, end: int) -> str | None:
        """The declared type name (Symbol.type_name) a `@typedef` of the type expression
        `text[start:end]` stands for: `Foo` for `{Foo}`, `<local>.Foo` for `{import('./x').Foo}`
        (the namespace import `_import_type` made), None for any other type."""
        written = self.text[start:end].strip()
        imported = _IMPORT_TYPE.fullmatch(written)
        if imported is None:
            return type_name(written.decode("utf-8", "replace"))
        local = self.modules.get(imported.group(2).decode("utf-8", "replace"))
        members = [m.decode() for m in re.split(rb"\s*\.\s*", imported.group(3).strip()) if m]
        return None if local is None or not members else ".".join([local, *members])

    def _declare(self, after: int, aliased: str | None = None) -> None:
        """`@typedef {...} Name` / `@callback Name`: an exported type of this file (standing
        for `aliased`, a declared type name, when known)."""
        found = _NAME.match(self.text, after)
        if found is None:
            return
        name = found.group(1).decode()
        line, column = self._position(found.start(1))
        span = Span(line, column, line, column + len(name))
        symbol = Symbol(
            name,
            name,
            SymbolKind.TYPE,
            span,
            ExportStatus.NAMED,
            None,
            f"@typedef {name}",
            type_name=aliased,
        )
        self.facts.symbols.append(symbol)
        self.facts.exports.append(ExportRecord(name, name, ExportKind.NAMED, line, True))

    def _reference(self, name: str, qualifier: str | None, offset: int) -> None:
        line, column = self._position(offset)
        self.facts.references.append(
            Reference(name, ReferenceKind.TYPE, line, column, qualifier, self.owner)
        )

    def _position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of byte `offset` of the comment."""
        lines = self.text.count(b"\n", 0, offset)
        if lines == 0:
            byte_column = self.column + offset
        else:
            byte_column = offset - self.text.rfind(b"\n", 0, offset) - 1
        return self.row + lines + 1, self.source.column(self.start + offset, byte_column)


def _documented(comment: Node, enclosing: Enclosing) -> str | None:
    """The symbol a comment documents: the first one declared in the next statement (else
    the symbol around the comment)."""
    bounds = enclosing.bounds
    documented = comment.next_named_sibling
    if documented is not None:
        first = bisect_left(bounds, documented.start_byte)
        if first < len(bounds) and bounds[first] < documented.end_byte:
            return enclosing.owners[first]
    index = bisect_right(bounds, comment.start_byte) - 1
    return enclosing.owners[index] if index >= 0 else None


def _braces(text: bytes, after: int) -> tuple[int, int] | None:
    """The inside of the balanced `{...}` that follows `after` (spaces allowed before it)."""
    start = after
    while start < len(text) and text[start] in b" \t":
        start += 1
    if start >= len(text) or text[start] != 0x7B:
        return None
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == 0x7B:
            depth += 1
        elif char == 0x7D:
            depth -= 1
            if depth == 0:
                return start + 1, index
    return None


def _is_key(text: bytearray, end: int) -> bool:
    """Whether the name ending at `end` is followed by `:` or `?:` (a key or parameter)."""
    index = end
    while index < len(text) and text[index] in b" \t\r\n*":
        index += 1
    if index < len(text) and text[index] == 0x3F:
        index += 1
    return index < len(text) and text[index] == 0x3A
