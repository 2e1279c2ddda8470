"""Import-like statements: `import`, `export ... from`, `import x = require()`, `require()`,
and `import()` with a literal specifier."""

from __future__ import annotations

from operator import itemgetter

from code_graph.extract.grammar import Captures, Node
from code_graph.extract.source import Source
from code_graph.extract.syntax import first_child_of_type, has_token, property_name, string_value
from code_graph.model import (
    DEFAULT_NAME,
    EXPORT_EQUALS_NAME,
    NAMESPACE_NAME,
    ImportedName,
    ImportKind,
    ImportRecord,
)

# The names `const x = require('x')`, `const { a, b: c } = require('x')` and
# `const b = require('x').a` bind to a module, by the start byte of their variable_declarator:
# import bindings, so neither variable symbols nor locals.
RequiredNames = dict[int, frozenset[str]]


def collect_imports(captures: Captures, source: Source) -> tuple[list[ImportRecord], RequiredNames]:
    """Every import-like record, in source order, and the names bound by `require` calls."""
    positioned: list[tuple[int, ImportRecord]] = []
    for capture, read in (
        ("import", _import_statement),
        ("reexport", _reexport),
        ("dynamic_import", _dynamic_import),
    ):
        for node in captures.get(capture, ()):
            record = read(node, source)
            if record is not None:
                positioned.append((node.start_byte, record))
    required: RequiredNames = {}
    for node in captures.get("require", ()):
        required_record = _require(node, source)
        if required_record is not None:
            record, declarator = required_record
            positioned.append((node.start_byte, record))
            if declarator is not None and record.names:
                required[declarator] = frozenset(name.local for name in record.names)
    positioned.sort(key=itemgetter(0))
    return [record for _, record in positioned], required


def _line(node: Node) -> int:
    return node.start_point[0] + 1


def _name(
    name: str, alias: str | None, at: Node, source: Source, *, type_only: bool = False
) -> ImportedName:
    """A binding of `name` as `alias`, written at `at` (the name as the module spells it)."""
    line, column = _position(at, source)
    return ImportedName(name, None if alias == name else alias, type_only, line, column)


def _position(node: Node, source: Source) -> tuple[int, int]:
    row, byte_column = node.start_point
    return row + 1, source.column(node.start_byte, byte_column)


def _import_statement(node: Node, source: Source) -> ImportRecord | None:
    type_only = False
    required: Node | None = None
    clause: Node | None = None
    for child in node.children:  # the `type` keyword and the first clause of each kind
        kind = child.type
        if kind == "type":
            type_only = True
        elif kind == "import_clause" and clause is None and child.is_named:
            clause = child
        elif kind == "import_require_clause" and required is None and child.is_named:
            required = child
    if required is not None:
        return _import_equals(node, required, source, type_only=type_only)
    specifier = node.child_by_field_name("source")
    if specifier is None:
        return None
    names = () if clause is None else _import_clause(clause, source)
    return ImportRecord(
        string_value(specifier, source), ImportKind.STATIC, _line(node), type_only, names
    )


def _import_equals(
    node: Node, clause: Node, source: Source, *, type_only: bool
) -> ImportRecord | None:
    specifier = clause.child_by_field_name("source")
    local = first_child_of_type(clause, "identifier")
    if specifier is None or local is None:
        return None
    names = (_name(EXPORT_EQUALS_NAME, source.text(local), local, source),)
    value = string_value(specifier, source)
    return ImportRecord(value, ImportKind.IMPORT_EQUALS, _line(node), type_only, names)


def _import_clause(clause: Node, source: Source) -> tuple[ImportedName, ...]:
    names: list[ImportedName] = []
    for part in clause.named_children:
        if part.type == "identifier":
            names.append(_name(DEFAULT_NAME, source.text(part), part, source))
        elif part.type == "namespace_import":
            local = first_child_of_type(part, "identifier")
            alias = None if local is None else source.text(local)
            names.append(_name(NAMESPACE_NAME, alias, local or part, source))
        elif part.type == "named_imports":
            names.extend(_specifiers(part, "import_specifier", source))
    return tuple(names)


def _specifiers(clause: Node, kind: str, source: Source) -> list[ImportedName]:
    """`{a, b as c, type d}` of an import or re-export."""
    names = []
    for specifier in clause.named_children:
        if specifier.type != kind:
            continue
        name = specifier.child_by_field_name("name")
        if name is None:
            continue
        alias = specifier.child_by_field_name("alias")
        names.append(
            _name(
                property_name(name, source),
                None if alias is None else property_name(alias, source),
                name,
                source,
                type_only=has_token(specifier, "type"),
            )
        )
    return names


def _reexport(node: Node, source: Source) -> ImportRecord | None:
    specifier = node.child_by_field_name("source")
    if specifier is None:
        return None
    clause = first_child_of_type(node, "export_clause")
    namespace = first_child_of_type(node, "namespace_export")
    if clause is not None:
        names = tuple(_specifiers(clause, "export_specifier", source))
    elif namespace is not None:
        alias = namespace.named_children[-1] if namespace.named_child_count else None
        local = None if alias is None else property_name(alias, source)
        names = (_name(NAMESPACE_NAME, local, alias or namespace, source),)
    else:
        names = (ImportedName(NAMESPACE_NAME),)
    type_only = has_token(node, "type") or _type_star(node, source)
    return ImportRecord(
        string_value(specifier, source), ImportKind.REEXPORT, _line(node), type_only, names
    )


def _type_star(node: Node, source: Source) -> bool:
    """`export type * from './x'` (TypeScript 5.0), which tree-sitter-typescript 0.23 parses
    as an ERROR holding `type *`: still a type-only re-export."""
    return any(
        child.type == "ERROR" and source.text(child).startswith("type") for child in node.children
    )


def _require(call: Node, source: Source) -> tuple[ImportRecord, int | None] | None:
    """`require('x')`, with the names bound by `const x = ...`/`const {a} = ...` around it,
    and the start byte of the variable_declarator binding them (None if there is none)."""
    specifier = _literal_argument(call, sole=True)
    if specifier is None:
        return None
    line = _line(call)
    names: tuple[ImportedName, ...] = ()
    declarator: Node | None = None
    parent = call.parent
    if parent is not None and parent.type == "member_expression":
        names, declarator = _required_member(parent, source)
    elif parent is not None and parent.type == "variable_declarator":
        pattern = parent.child_by_field_name("name")
        names = () if pattern is None else _required_bindings(pattern, source)
        declarator = parent
    if declarator is not None:
        line = _line(declarator.parent or declarator)
    record = ImportRecord(string_value(specifier, source), ImportKind.REQUIRE, line, False, names)
    return record, None if declarator is None else declarator.start_byte


def _required_member(member: Node, source: Source) -> tuple[tuple[ImportedName, ...], Node | None]:
    """`const b = require('x').a` binds `a` as `b`."""
    declarator = member.parent
    target = None if declarator is None else declarator.child_by_field_name("name")
    prop = member.child_by_field_name("property")
    if declarator is None or declarator.type != "variable_declarator" or prop is None:
        return (), None
    if target is None or target.type != "identifier":
        return (), None
    return (_name(source.text(prop), source.text(target), prop, source),), declarator


def _required_bindings(pattern: Node, source: Source) -> tuple[ImportedName, ...]:
    if pattern.type == "identifier":
        return (_name(EXPORT_EQUALS_NAME, source.text(pattern), pattern, source),)
    if pattern.type != "object_pattern":
        return ()
    names = []
    for part in pattern.named_children:
        if part.type == "object_assignment_pattern":
            part = part.child_by_field_name("left") or part
        if part.type == "shorthand_property_identifier_pattern":
            names.append(_name(source.text(part), None, part, source))
        elif part.type == "pair_pattern":
            key = part.child_by_field_name("key")
            value = part.child_by_field_name("value")
            if value is not None and value.type == "assignment_pattern":
                value = value.child_by_field_name("left")
            if key is not None and value is not None and value.type == "identifier":
                names.append(_name(property_name(key, source), source.text(value), key, source))
    return tuple(names)


def _dynamic_import(call: Node, source: Source) -> ImportRecord | None:
    specifier = _literal_argument(call, sole=False)
    if specifier is None:
        return None
    return ImportRecord(string_value(specifier, source), ImportKind.DYNAMIC, _line(call))


def _literal_argument(call: Node, *, sole: bool) -> Node | None:
    """The call's first argument when TypeScript takes it for a module specifier: a string
    or a template without substitutions, comments around it skipped (bundlers' "magic
    comments"). `require` must have no other argument; `import()` may take options."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return None
    given = [node for node in arguments.named_children if not node.is_extra]
    if not given or (sole and len(given) > 1):
        return None
    first = given[0]
    if first.type == "string":
        return first
    if first.type == "template_string" and not any(
        part.type == "template_substitution" for part in first.named_children
    ):
        return first
    return None
