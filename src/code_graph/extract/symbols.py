"""Definitions from query captures: names, kinds, spans, export status and signatures.

nesting.py then turns them into symbols with qualified names and parents.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from code_graph.extract.callbacks import callback_types
from code_graph.extract.exports import Exports
from code_graph.extract.grammar import Captures, Node
from code_graph.extract.imports import RequiredNames
from code_graph.extract.jsdoc_types import documented_comment
from code_graph.extract.jsdoc_types import returned_type as jsdoc_returned_type
from code_graph.extract.nesting import Definition, Enclosing, nest
from code_graph.extract.outline import Outline
from code_graph.extract.scopes import TypeParameters
from code_graph.extract.source import Source
from code_graph.extract.source import signature as one_signature
from code_graph.extract.syntax import (
    FUNCTION_VALUES,
    bound_names,
    declarators,
    declared_type_name,
    instance_type,
    positional_parameters,
    property_name,
    return_type,
    unwrap_value,
    wrapped_function,
)
from code_graph.model import ARRAY_SUFFIX, ExportStatus, Span, Symbol, SymbolKind

_SIGNATURES = frozenset({"function_signature", "method_signature", "abstract_method_signature"})


def _head(type_name: str) -> str:
    """The first name of a declared type name (`ns` of `ns.T`, `T` of `T[]`)."""
    return type_name.removesuffix(ARRAY_SUFFIX).split(".", 1)[0]


_PROPERTIES = frozenset({"public_field_definition", "field_definition", "property_signature"})
_ARROW_BODY = " …"
_PARAMETERS = frozenset({"required_parameter", "optional_parameter"})
_PROPERTY_MODIFIERS = frozenset({"accessibility_modifier", "override_modifier", "readonly"})


def collect_symbols(
    captures: Captures,
    source: Source,
    default_name: str,
    exports: Exports,
    type_parameters: TypeParameters,
    required: RequiredNames,
    outlines: Sequence[Outline] = (),
    *,
    javascript: bool = False,
) -> tuple[list[Symbol], Enclosing]:
    """The file's symbols in source order, and the enclosing-symbol index. Names bound by
    `require` calls (`required`) are imports, not variables. Each of the `outlines` (the
    headers of statements that do not parse) widens the declaration found there to its whole
    statement, or is a declaration of its own when none was found."""
    context = _Context.of(captures, exports)
    collector = _Collector(
        source, default_name, exports, context, type_parameters, required, javascript
    )
    for assignment, name, value in exports.commonjs_definitions:
        collector.commonjs_export(assignment, name, value)
    # Classes (also class expressions held by variables) come before the members of class
    # expressions, which are kept only when their class is a symbol.
    for capture, handle in (
        ("definition.class", collector.class_declaration),
        ("definition.variables", collector.variables),
        ("definition.default", collector.default_export),
        ("definition.function", collector.function),
        ("definition.interface", collector.interface),
        ("definition.type", collector.type_alias),
        ("definition.enum", collector.enum),
        ("definition.enum_member", collector.enum_member),
        ("definition.namespace", collector.namespace),
        ("definition.method", collector.method),
        ("definition.property", collector.property),
        ("definition.expression_member", collector.expression_member),
        ("definition.constructor", collector.constructor),
    ):
        for node in captures.get(capture, ()):
            handle(node)
    if outlines:
        collector.outlines(outlines)
    return nest(collector.definitions, exports)


@dataclass(frozen=True, slots=True)
class _Context:
    """Facts about definitions' surroundings, as sets of start bytes (no parent lookups)."""

    jsx: list[int]  # JSX elements, sorted, to tell components
    exported: frozenset[int]  # declarations of `export` statements
    default_exported: frozenset[int]  # declarations of `export default` statements
    declared: frozenset[int]  # declarations under `declare`
    global_members: frozenset[int]  # statements of `declare global {}`

    @classmethod
    def of(cls, captures: Captures, exports: Exports) -> _Context:
        def starts(name: str) -> frozenset[int]:
            return frozenset(node.start_byte for node in captures.get(name, ()))

        return cls(
            sorted(node.start_byte for node in captures.get("jsx.element", ())),
            starts("exported.declaration"),
            frozenset(exports.default_declarations),
            starts("ambient.declaration"),
            starts("global.declaration"),
        )


class _Collector:
    def __init__(
        self,
        source: Source,
        default_name: str,
        exports: Exports,
        context: _Context,
        type_parameters: TypeParameters,
        required: RequiredNames,
        javascript: bool = False,
    ) -> None:
        self.source = source
        self.javascript = javascript  # JSDoc `@returns` types its functions
        self.type_parameters = type_parameters
        self.required = required
        self.default_name = default_name
        self.exports = exports
        self.context = context
        self.jsx = context.jsx
        self.definitions: list[Definition] = []
        self.class_bodies: set[int] = set()
        self.methods: set[int] = set()  # start bytes of the methods that are symbols

    def add(
        self,
        node: Node,
        name: str,
        kind: SymbolKind,
        signature: str,
        export: ExportStatus,
        *,
        ambient: bool = False,
        is_signature: bool = False,
        type_name: str | None = None,
        lifted: bool = False,
        function: Node | None = None,
    ) -> None:
        """Record a definition spanning `node`; `function` is the function it is, if any
        (its callbacks' parameter types are recorded)."""
        callbacks = (
            None
            if function is None
            else callback_types(function, self.source, self.type_parameters)
        )
        if function is not None and type_name is None and name != "constructor":
            type_name = (
                self.props_type(function)
                if kind is SymbolKind.COMPONENT
                else self.returned_type(function)
            )
        order = (node.start_byte, -node.end_byte, len(self.definitions))
        span = self.source.span(node)
        signature = one_signature(signature)
        self.definitions.append(
            Definition(
                order,
                node.end_byte,
                name,
                kind,
                span,
                export,
                signature,
                ambient,
                is_signature,
                type_name,
                lifted,
                callbacks,
            )
        )

    def outlines(self, outlines: Sequence[Outline]) -> None:
        by_name: dict[str, list[Definition]] = {}
        for definition in self.definitions:
            by_name.setdefault(definition.name, []).append(definition)
        starts = sorted(definition.order[0] for definition in self.definitions)
        for outline in outlines:
            found = [
                definition
                for definition in by_name.get(outline.name, ())
                if outline.statement <= definition.order[0] < outline.name_end
            ]
            if not found:
                self.outline(outline)
            for definition in found:
                later = bisect_left(starts, definition.end)  # the first definition after it
                if later == len(starts) or starts[later] >= outline.end[0]:
                    self.widen(definition, outline)

    def widen(self, definition: Definition, outline: Outline) -> None:
        """Let a declaration whose statement does not parse span the whole statement (and be
        exported when its header says so); called only when no other definition starts
        between their ends, so no parent changes."""
        if definition.export is ExportStatus.NONE:
            definition.export = outline.export
        end_byte, (end_row, end_byte_column) = outline.end
        if end_byte <= definition.end:
            return
        start, _, sequence = definition.order
        definition.order = (start, -end_byte, sequence)
        definition.end = end_byte
        end_column = self.source.column(end_byte, end_byte_column)
        definition.span = replace(definition.span, end_line=end_row + 1, end_column=end_column)

    def outline(self, outline: Outline) -> None:
        """A declaration known only by its header."""
        start, (row, byte_column) = outline.start
        end_byte, (end_row, end_byte_column) = outline.end
        span = Span(
            row + 1,
            self.source.column(start, byte_column),
            end_row + 1,
            self.source.column(end_byte, end_byte_column),
        )
        signature = self.source.header(start, outline.header_end)
        order = (start, -end_byte, len(self.definitions))
        self.definitions.append(
            Definition(
                order,
                end_byte,
                outline.name,
                outline.kind,
                span,
                outline.export,
                signature,
                ambient=False,
                is_signature=False,
            )
        )

    def declared_type(self, annotation: Node | None, value: Node | None, at: Node) -> str | None:
        """The type a property or variable is declared with: its annotation's type reference,
        else the type of a `new T()` / `as T` initializer; None when that is a type
        parameter in scope."""
        if annotation is not None:
            name = declared_type_name(annotation, self.source)
        elif value is not None:
            name = instance_type(value, self.source)
        else:
            return None
        if name is None or self.type_parameters.contains(_head(name), at.start_byte):
            return None
        return name

    def props_type(self, component: Node) -> str | None:
        """The declared type of a function component's props: its first parameter's."""
        parameters = component.child_by_field_name("parameters")
        if parameters is None:
            return None
        positional = positional_parameters(parameters)
        if not positional:
            return None
        annotation = positional[0].child_by_field_name("type")
        return self.declared_type(annotation, None, component) if annotation else None

    def returned_type(self, function: Node) -> str | None:
        """The class or interface a function is declared to return (see `return_type`);
        None when that is a type parameter in scope."""
        name = return_type(function, self.source)
        if name is None and self.javascript:
            comment = documented_comment(function, self.source)
            name = None if comment is None else jsdoc_returned_type(comment)
        if name is None or self.type_parameters.contains(_head(name), function.start_byte):
            return None
        return name

    def text(self, node: Node) -> str:
        return self.source.text(node)

    def component_or(self, kind: SymbolKind, name: str, node: Node) -> SymbolKind:
        """COMPONENT for an uppercase function or class whose range contains JSX."""
        if not self.jsx or not name[:1].isupper():
            return kind
        index = bisect_left(self.jsx, node.start_byte)
        has_jsx = index < len(self.jsx) and self.jsx[index] < node.end_byte
        return SymbolKind.COMPONENT if has_jsx else kind

    def header(self, node: Node, body: Node | None, *, decorated: bool = False) -> str:
        """The node's text up to its body (or its end) as one line, past any decorators and
        with `declare` when the declaration is ambient."""
        start = _past_decorators(node) if decorated else node.start_byte
        text = self.source.header(start, node.end_byte if body is None else body.start_byte)
        return "declare " + text if node.start_byte in self.context.declared else text

    def status(self, node: Node) -> ExportStatus:
        """Export status of a declaration from its statement: `export`, `export default`, or
        sitting in `declare global {}`."""
        start = node.start_byte
        if start in self.context.default_exported:
            return ExportStatus.DEFAULT
        if start in self.context.exported or start in self.context.global_members:
            return ExportStatus.NAMED
        return ExportStatus.NONE

    def function(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return
        name = self.text(name_node)
        signature = self.header(node, node.child_by_field_name("body"))
        kind = self.component_or(SymbolKind.FUNCTION, name, node)
        is_signature = node.type in _SIGNATURES
        self.add(
            node,
            name,
            kind,
            signature,
            self.status(node),
            is_signature=is_signature,
            function=node,
        )

    def class_declaration(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name_node is None or body is None:
            return
        name = self.text(name_node)
        self.class_bodies.add(body.start_byte)
        kind = self.component_or(SymbolKind.CLASS, name, node)
        signature = self.header(node, body, decorated=True)
        self.add(node, name, kind, signature, self.status(node))

    def interface(self, node: Node) -> None:
        self.named(node, SymbolKind.INTERFACE, node.child_by_field_name("body"))

    def type_alias(self, node: Node) -> None:
        self.named(node, SymbolKind.TYPE, None)

    def enum(self, node: Node) -> None:
        self.named(node, SymbolKind.ENUM, node.child_by_field_name("body"))

    def enum_member(self, node: Node) -> None:
        """`Red` or `Green = "g"` of `enum Color {}`: a property of the enum (`Color.Green`)."""
        name_node = node.child_by_field_name("name") if node.type == "enum_assignment" else node
        if name_node is not None:
            name = property_name(name_node, self.source)
            signature = self.source.header(node.start_byte, node.end_byte)
            self.add(node, name, SymbolKind.PROPERTY, signature, ExportStatus.NONE)

    def named(self, node: Node, kind: SymbolKind, body: Node | None) -> None:
        name_node = node.child_by_field_name("name")
        if name_node is not None:
            signature = self.header(node, body)
            self.add(node, self.text(name_node), kind, signature, self.status(node))

    def namespace(self, node: Node) -> None:
        """`namespace A.B {}` gives A and A.B; `declare module 'x' {}` gives `x`."""
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return
        signature = self.header(node, node.child_by_field_name("body"))
        start = node.start_byte
        ambient = (
            name_node.type == "string"
            or start in self.context.declared
            or start in self.context.global_members
        )
        if name_node.type == "string":
            parts = [property_name(name_node, self.source)]
        else:
            parts = [part.strip() for part in self.text(name_node).split(".")]
        export = self.status(node)
        for part in parts:
            self.add(node, part, SymbolKind.NAMESPACE, signature, export, ambient=ambient)

    def expression_member(self, node: Node) -> None:
        """A member of a class expression: kept when the class is a symbol."""
        body = node.parent
        if body is None or body.start_byte not in self.class_bodies:
            return
        if node.type in _PROPERTIES:
            self.property(node)
        else:
            self.method(node)

    def method(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return
        if node.type == "method_definition":
            body = node.child_by_field_name("body")
            signature = self.header(node, body, decorated=True)
        else:
            signature = self.source.header(node.start_byte, node.end_byte)
        self.methods.add(node.start_byte)
        self.add(
            node,
            property_name(name_node, self.source),
            SymbolKind.METHOD,
            signature,
            ExportStatus.NONE,
            is_signature=node.type in _SIGNATURES,
            function=node,
        )

    def property(self, node: Node) -> None:
        name_node = node.child_by_field_name("name") or node.child_by_field_name("property")
        if name_node is None:
            return
        value = None
        if node.type == "property_signature":
            signature = self.source.header(node.start_byte, node.end_byte)
        else:
            value = node.child_by_field_name("value")
            signature = self.header(node, value, decorated=True)
        name = property_name(name_node, self.source)
        type_name = self.declared_type(node.child_by_field_name("type"), value, node)
        self.add(node, name, SymbolKind.PROPERTY, signature, ExportStatus.NONE, type_name=type_name)

    def constructor(self, node: Node) -> None:
        """`constructor(private repo: Repo)`: parameters with a `public`, `private`,
        `protected`, `readonly` or `override` modifier are properties of the class (when the
        constructor is a symbol)."""
        parameters = node.child_by_field_name("parameters")
        if parameters is None or node.start_byte not in self.methods:
            return
        for parameter in parameters.named_children:
            if parameter.type not in _PARAMETERS:
                continue
            pattern = parameter.child_by_field_name("pattern")
            if pattern is None or pattern.type != "identifier":
                continue
            if not any(child.type in _PROPERTY_MODIFIERS for child in parameter.children):
                continue
            value = parameter.child_by_field_name("value")
            signature = self.header(parameter, value, decorated=True)
            type_name = self.declared_type(parameter.child_by_field_name("type"), None, parameter)
            self.add(
                parameter,
                self.text(pattern),
                SymbolKind.PROPERTY,
                signature,
                ExportStatus.NONE,
                type_name=type_name,
                lifted=True,  # a member of the class, not of the constructor
            )

    def variables(self, declaration: Node) -> None:
        """Each name a top-level `const/let/var` declares (destructuring gives several)."""
        first = declaration.child(0)
        keyword = "var" if first is None else first.type
        export = self.status(declaration)
        for declarator in declarators(declaration):
            pattern = declarator.child_by_field_name("name")
            if pattern is None:
                continue
            # `const x = require('x')`: x is an import binding (imports.py), not a variable
            required = self.required.get(declarator.start_byte, ())
            if pattern.type == "identifier":
                name = self.text(pattern)
                if name not in required:
                    self.variable(declarator, name, keyword, export)
                continue
            for bound in bound_names(pattern):
                name = self.text(bound)
                if name not in required:
                    self.add(bound, name, SymbolKind.VARIABLE, f"{keyword} {name}", export)

    def variable(self, declarator: Node, name: str, keyword: str, export: ExportStatus) -> None:
        """A variable; FUNCTION, CLASS or COMPONENT when it holds a function or class."""
        value = declarator.child_by_field_name("value")
        annotation = declarator.child_by_field_name("type")
        if value is None:
            signature = self.source.header(declarator.start_byte, declarator.end_byte)
            type_name = self.declared_type(annotation, None, declarator)
            self.add(
                declarator,
                name,
                SymbolKind.VARIABLE,
                f"{keyword} {signature}",
                export,
                type_name=type_name,
            )
            return
        initializer, value = value, unwrap_value(value)
        value_kind = value.type
        function = value if value_kind in FUNCTION_VALUES else wrapped_function(value, self.source)
        suffix, type_name = "", None
        if function is not None:
            kind = self.component_or(SymbolKind.FUNCTION, name, declarator)
            end, suffix = _function_header_end(function)
            suffix += "" if function is value else ")"
        elif value_kind == "class":
            kind = self.class_expression(value, name, declarator)
            end = _body_start(value)
        else:
            kind, end = SymbolKind.VARIABLE, value.start_byte
            type_name = self.declared_type(annotation, initializer, declarator)
        signature = f"{keyword} {self.source.header(declarator.start_byte, end)}{suffix}"
        self.add(declarator, name, kind, signature, export, type_name=type_name, function=function)
        if value_kind == "object" and self.is_exported(name, export):
            self.object_members(value)

    def class_expression(self, node: Node, name: str, around: Node) -> SymbolKind:
        body = node.child_by_field_name("body")
        if body is not None:
            self.class_bodies.add(body.start_byte)
        return self.component_or(SymbolKind.CLASS, name, around)

    def is_exported(self, name: str, export: ExportStatus) -> bool:
        return (
            export is not ExportStatus.NONE
            or name in self.exports.named_locals
            or name in self.exports.default_locals
        )

    def object_members(self, literal: Node) -> None:
        """Methods and properties of an exported object literal (`api.get`, `api.x`)."""
        for member in literal.named_children:
            if member.type == "shorthand_property_identifier":
                name = self.text(member)
                self.add(member, name, SymbolKind.PROPERTY, name, ExportStatus.NONE)
            elif member.type == "method_definition":
                self.object_member(member, member.child_by_field_name("name"), None)
            elif member.type == "pair":
                value = member.child_by_field_name("value")
                value = None if value is None else unwrap_value(value)
                self.object_member(member, member.child_by_field_name("key"), value)

    def object_member(self, member: Node, key: Node | None, value: Node | None) -> None:
        if key is None:
            return
        kind, end, suffix = SymbolKind.PROPERTY, member.end_byte, ""
        type_name, function = None, None
        if member.type == "method_definition":
            kind, end, function = SymbolKind.METHOD, _body_start(member), member
        elif value is not None and value.type in FUNCTION_VALUES:
            kind, function = SymbolKind.METHOD, value
            end, suffix = _function_header_end(value)
        elif value is not None:
            type_name = self.declared_type(None, member.child_by_field_name("value"), member)
        signature = self.source.header(member.start_byte, end) + suffix
        name = property_name(key, self.source)
        self.add(
            member, name, kind, signature, ExportStatus.NONE, type_name=type_name, function=function
        )

    def commonjs_export(self, assignment: Node, name: str, value: Node) -> None:
        """`exports.f = function () {}`, `module.exports.C = class {}`: a function or class
        named after the export (exports.py points the export record at it)."""
        function: Node | None = None
        if value.type == "class":
            kind, end, suffix = (
                self.class_expression(value, name, assignment),
                _body_start(value),
                "",
            )
        else:
            function = (
                value if value.type in FUNCTION_VALUES else wrapped_function(value, self.source)
            )
            if function is None:
                return
            kind = self.component_or(SymbolKind.FUNCTION, name, assignment)
            end, suffix = _function_header_end(function)
            suffix += "" if function is value else ")"
        signature = self.source.header(assignment.start_byte, end) + suffix
        self.add(assignment, name, kind, signature, ExportStatus.NAMED, function=function)

    def default_export(self, value: Node) -> None:
        """`export default function () {}` and friends: named after the file."""
        name_node = value.child_by_field_name("name")
        name = self.default_name if name_node is None else self.text(name_node)
        function = None
        if value.type == "class":
            kind, end, suffix = self.class_expression(value, name, value), _body_start(value), ""
        else:
            kind, function = self.component_or(SymbolKind.FUNCTION, name, value), value
            end, suffix = _function_header_end(value)
        signature = "export default " + self.source.header(value.start_byte, end) + suffix
        self.add(value, name, kind, signature, ExportStatus.DEFAULT, function=function)


def _function_header_end(function: Node) -> tuple[int, str]:
    """Where a function value's signature ends, and ` …` for arrows (`(a) => …`)."""
    body = function.child_by_field_name("body")
    if body is None:
        return function.end_byte, ""
    return body.start_byte, _ARROW_BODY if function.type == "arrow_function" else ""


def _body_start(node: Node) -> int:
    body = node.child_by_field_name("body")
    return node.end_byte if body is None else body.start_byte


def _past_decorators(node: Node) -> int:
    """Where a possibly decorated class or member starts once its decorators are skipped."""
    first = node.child(0)
    if first is not None and first.type == "decorator":
        for child in node.children:
            if child.type != "decorator":
                return child.start_byte
    return node.start_byte
