"""What a file exports from its own scope: ESM `export` statements and CommonJS assignments.

`export ... from 'x'` is a re-export and belongs to imports.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from code_graph.extract.grammar import Captures, Node
from code_graph.extract.outline import Outline
from code_graph.extract.source import Source
from code_graph.extract.syntax import (
    FUNCTION_VALUES,
    bound_names,
    declarators,
    first_child_of_type,
    has_token,
    property_name,
    unwrap_value,
    wrapped_function,
)
from code_graph.model import (
    DEFAULT_NAME,
    EXPORT_EQUALS_NAME,
    ExportKind,
    ExportRecord,
    ExportStatus,
    SymbolKind,
)

_TYPE_DECLARATIONS = frozenset({"interface_declaration", "type_alias_declaration"})
_TYPE_KINDS = frozenset({SymbolKind.INTERFACE, SymbolKind.TYPE})
_VARIABLE_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration"})
_NAMESPACES = frozenset({"internal_module", "module"})
ANONYMOUS_DEFAULTS = FUNCTION_VALUES | {"class"}


@dataclass(slots=True)
class Exports:
    """Export records, plus the local names that `export {...}`/`export default x` export."""

    records: list[ExportRecord] = field(default_factory=list)
    named_locals: set[str] = field(default_factory=set)
    default_locals: set[str] = field(default_factory=set)
    default_declarations: set[int] = field(default_factory=set)  # start bytes
    # top-level `exports.f = function () {}` / `= class {}`: (assignment, name, value), which
    # symbols.py turns into a function or class named `f`
    commonjs_definitions: list[tuple[Node, str, Node]] = field(default_factory=list)


def collect_exports(
    captures: Captures, source: Source, default_name: str, outlines: Sequence[Outline] = ()
) -> Exports:
    """Export records in source order; a name exported again the same way (overloads,
    repeated assignments) is kept once, at its first export. `outlines` (the headers of
    statements that do not parse) export what their `export` keyword says."""
    top_level = {node.start_byte for node in captures.get("commonjs.top_level", ())}
    found = _Collector(source, default_name, top_level)
    for node in captures.get("export", ()):
        found.statement(node)
    for outline in outlines:
        found.outline(outline)
    for node in captures.get("commonjs.module_exports", ()):
        found.module_exports(node)
    for node in captures.get("commonjs.exports_property", ()):
        found.exports_property(node)
    found.positioned.sort(key=itemgetter(0))
    first: dict[tuple[str, ExportKind], ExportRecord] = {}
    for _, record in found.positioned:
        first.setdefault((record.exported_name, record.kind), record)
    return Exports(
        list(first.values()),
        found.named_locals,
        found.default_locals,
        found.default_declarations,
        found.commonjs_definitions,
    )


class _Collector:
    def __init__(self, source: Source, default_name: str, top_level: set[int]) -> None:
        self.source = source
        self.default_name = default_name
        self.top_level = top_level  # start bytes of top-level CommonJS export assignments
        self.positioned: list[tuple[int, ExportRecord]] = []
        self.named_locals: set[str] = set()
        self.default_locals: set[str] = set()
        self.default_declarations: set[int] = set()
        self.commonjs_definitions: list[tuple[Node, str, Node]] = []

    def add(
        self,
        at: Node,
        exported: str,
        local: str | None,
        kind: ExportKind,
        *,
        type_only: bool = False,
    ) -> None:
        record = ExportRecord(exported, local, kind, at.start_point[0] + 1, type_only)
        self.positioned.append((at.start_byte, record))

    def outline(self, outline: Outline) -> None:
        if outline.export is ExportStatus.NONE:
            return
        type_only = outline.kind in _TYPE_KINDS
        line = outline.start[1][0] + 1
        if outline.export is ExportStatus.DEFAULT:
            record = ExportRecord(DEFAULT_NAME, outline.name, ExportKind.DEFAULT, line, type_only)
        else:
            record = ExportRecord(outline.name, outline.name, ExportKind.NAMED, line, type_only)
        self.positioned.append((outline.statement, record))

    def statement(self, node: Node) -> None:
        declaration = node.child_by_field_name("declaration")
        if declaration is not None:
            self.declaration(node, declaration, is_default=has_token(node, "default"))
            return
        value = node.child_by_field_name("value")
        if value is not None:
            self.default_value(node, value)
            return
        clause = first_child_of_type(node, "export_clause")
        if clause is not None:
            self.clause(node, clause, type_only=has_token(node, "type"))
        elif has_token(node, "="):
            target = _last_named(node)
            local = self.source.text(target) if target and target.type == "identifier" else None
            self.add(node, EXPORT_EQUALS_NAME, local, ExportKind.EXPORT_EQUALS)

    def declaration(self, statement: Node, declaration: Node, *, is_default: bool) -> None:
        if declaration.type == "ambient_declaration":
            inner = declaration.named_children
            if not inner:
                return
            declaration = inner[0]
        type_only = declaration.type in _TYPE_DECLARATIONS
        if is_default:
            self.default_declarations.add(declaration.start_byte)
        for name in self.declared_names(declaration):
            if is_default:
                self.add(statement, DEFAULT_NAME, name, ExportKind.DEFAULT, type_only=type_only)
            else:
                self.add(statement, name, name, ExportKind.NAMED, type_only=type_only)

    def declared_names(self, declaration: Node) -> list[str]:
        text = self.source.text
        if declaration.type in _VARIABLE_DECLARATIONS:
            return [
                text(bound)
                for declarator in declarators(declaration)
                for pattern in [declarator.child_by_field_name("name")]
                if pattern is not None
                for bound in bound_names(pattern)
            ]
        name = declaration.child_by_field_name("name")
        if name is None or declaration.type == "import_alias":
            return []
        if declaration.type in _NAMESPACES:
            return [property_name(name, self.source).split(".")[0].strip()]
        return [text(name)]

    def default_value(self, statement: Node, value: Node) -> None:
        if value.type == "identifier":
            local: str | None = self.source.text(value)
            self.default_locals.add(self.source.text(value))
        elif value.type in ANONYMOUS_DEFAULTS:
            local = self.default_name
        else:
            local = None
        self.add(statement, DEFAULT_NAME, local, ExportKind.DEFAULT)

    def clause(self, statement: Node, clause: Node, *, type_only: bool) -> None:
        for specifier in clause.named_children:
            name = specifier.child_by_field_name("name")
            if specifier.type != "export_specifier" or name is None:
                continue
            alias = specifier.child_by_field_name("alias")
            local = property_name(name, self.source)
            exported = local if alias is None else property_name(alias, self.source)
            is_type = type_only or has_token(specifier, "type")
            if exported == DEFAULT_NAME:
                self.default_locals.add(local)
                self.add(statement, exported, local, ExportKind.DEFAULT, type_only=is_type)
            else:
                self.named_locals.add(local)
                self.add(statement, exported, local, ExportKind.NAMED, type_only=is_type)

    def module_exports(self, assignment: Node) -> None:
        value = assignment.child_by_field_name("right")
        local = self.source.text(value) if value and value.type == "identifier" else None
        self.add(assignment, EXPORT_EQUALS_NAME, local, ExportKind.COMMONJS)
        if value is not None and value.type == "object":
            for member in value.named_children:
                self.object_member(assignment, member)

    def object_member(self, assignment: Node, member: Node) -> None:
        text = self.source.text
        if member.type == "shorthand_property_identifier":
            self.add(assignment, text(member), text(member), ExportKind.COMMONJS)
            return
        key = member.child_by_field_name("key" if member.type == "pair" else "name")
        if key is None or key.type == "computed_property_name":
            return
        value = member.child_by_field_name("value") if member.type == "pair" else None
        local = text(value) if value is not None and value.type == "identifier" else None
        self.add(assignment, property_name(key, self.source), local, ExportKind.COMMONJS)

    def exports_property(self, assignment: Node) -> None:
        target = assignment.child_by_field_name("left")
        value = assignment.child_by_field_name("right")
        name = None if target is None else target.child_by_field_name("property")
        if name is None:
            return
        exported = self.source.text(name)
        local = self.source.text(value) if value and value.type == "identifier" else None
        definition = None
        if value is not None and assignment.start_byte in self.top_level:
            definition = self.definition(value)
        if definition is not None:
            local = exported
            self.commonjs_definitions.append((assignment, exported, definition))
        self.add(assignment, exported, local, ExportKind.COMMONJS)

    def definition(self, value: Node) -> Node | None:
        """The function or class a top-level `exports.name = ...` statement assigns."""
        value = unwrap_value(value)
        if value.type in ANONYMOUS_DEFAULTS or wrapped_function(value, self.source) is not None:
            return value
        return None


def _last_named(node: Node) -> Node | None:
    named = [child for child in node.named_children if child.type != "comment"]
    return named[-1] if named else None
