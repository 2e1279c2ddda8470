"""Names bound below the file level, by the byte ranges where they are visible.

- `TypeParameters`: `<T>` of generics, `infer U` and `[K in ...]`, which hide types of the
  same name (type references to them are not references).
- `Locals`: parameters, block-scoped `const/let`, function-scoped `var`, catch and for-in/of
  bindings, which hide imports and top-level names for value references. A local may have a
  declared type (`x: Repo`, `= new Repo()`, `= y as Repo`), which lets `x.find()` be linked;
  an unannotated parameter of a function passed to a call (`f((x) => x.find())`) is named by
  that call site, whose callee declares its type (model.CALLBACK_PREFIX).

Both are built from query captures with a few steps per captured node (no tree walk; locals
never follow parent links, which cost a node's depth each) and answered by bisecting byte
ranges, so files nested 10,000 levels deep stay linear.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from operator import attrgetter, itemgetter
from typing import Generic, TypeVar

from code_graph.extract.grammar import Captures, Node
from code_graph.extract.imports import RequiredNames
from code_graph.extract.jsdoc_types import documented_comment, parameter_types
from code_graph.extract.source import Source
from code_graph.extract.syntax import (
    FUNCTION_VALUES,
    bound_names,
    declarators,
    declared_type_name,
    dotted_name,
    instance_type,
    positional_parameters,
    value_chain,
)
from code_graph.model import ARRAY_SUFFIX, CALLBACK_PREFIX, ELEMENT, INSTANCE_PREFIX, NEW_CALLEE

_Payload = TypeVar("_Payload")

_INFER_SCOPE_SEARCH = 32  # ancestors searched for the conditional type of an `infer`
_PARAMETERS = frozenset({"required_parameter", "optional_parameter"})
_DESTRUCTURED = frozenset({"shorthand_property_identifier_pattern"})
_PATTERN_KEYS = frozenset({"shorthand_property_identifier_pattern", "property_identifier"})
_NAMED_EXPRESSIONS = frozenset({"function_expression", "generator_function"})
_CALLEE_FIELDS = {"call_expression": "function", "new_expression": "constructor"}
_SKIPPED_ARGUMENTS = frozenset({"comment"})
_NONE: frozenset[str] = frozenset()


_START = itemgetter(0)
_START_BYTE = attrgetter("start_byte")
_END = itemgetter(1)


class Ranges(Generic[_Payload]):
    """Nested-or-disjoint byte ranges with a payload each; finds the innermost range holding
    an offset with one bisect. The ranges are flattened into disjoint segments: from
    `bounds[i]` on, the innermost range is `owners[i]` (-1: none)."""

    __slots__ = ("bounds", "owners", "payloads")

    def __init__(self, ranges: list[tuple[int, int, _Payload]]) -> None:
        if len(ranges) == 1:  # the common case, kept cheap
            start, end, payload = ranges[0]
            self.bounds, self.owners, self.payloads = [start, end], [0, -1], [payload]
            return
        ranges.sort(key=_END, reverse=True)  # then by start: outer ranges first (stable)
        ranges.sort(key=_START)
        self.payloads = [payload for _, _, payload in ranges]
        bounds: list[int] = []
        owners: list[int] = []
        open_ranges: list[tuple[int, int]] = []  # end, index
        for index, (start, end, _) in enumerate(ranges):
            while open_ranges and open_ranges[-1][0] <= start:
                bounds.append(open_ranges.pop()[0])
                owners.append(open_ranges[-1][1] if open_ranges else -1)
            bounds.append(start)
            owners.append(index)
            open_ranges.append((end, index))
        while open_ranges:
            bounds.append(open_ranges.pop()[0])
            owners.append(open_ranges[-1][1] if open_ranges else -1)
        self.bounds, self.owners = bounds, owners

    def find(self, offset: int) -> int:
        """The index (in `payloads`) of the innermost range containing `offset`, or -1."""
        index = bisect_right(self.bounds, offset) - 1
        return self.owners[index] if index >= 0 else -1


class TypeParameters:
    """Where type parameters (`<T>`, `infer U`, `[K in ...]`) are in scope, by name, and
    where the names of `<T>` are declared (`declared`: start bytes, not references)."""

    def __init__(self, captures: Captures, source: Source) -> None:
        ranges: dict[str, list[tuple[int, int, None]]] = {}
        self.declared: list[int] = []
        text = source.text
        for parameters in captures.get("type.parameters", ()):
            scope = parameters.parent  # the generic declaration, signature or type
            if scope is None:
                continue
            scoped = (scope.start_byte, scope.end_byte, None)
            for parameter in parameters.named_children:
                name = parameter.child_by_field_name("name")
                if name is not None:
                    self.declared.append(name.start_byte)
                    ranges.setdefault(text(name), []).append(scoped)
        for node in captures.get("type.mapped", ()):
            # type_identifier < mapped_type_clause < index_signature < object_type
            _add_scope(ranges, text(node), _ancestor(node, 3))
        for node in captures.get("type.inferred", ()):
            _add_scope(ranges, text(node), _conditional_type(node))
        self.scopes = {name: Ranges(spans) for name, spans in ranges.items()}

    def contains(self, name: str, offset: int) -> bool:
        """Whether a type parameter `name` is in scope at `offset`."""
        scopes = self.scopes.get(name)
        return scopes is not None and scopes.find(offset) >= 0


def _add_scope(
    ranges: dict[str, list[tuple[int, int, None]]], name: str, scope: Node | None
) -> None:
    if scope is not None:
        ranges.setdefault(name, []).append((scope.start_byte, scope.end_byte, None))


def _ancestor(node: Node, levels: int) -> Node | None:
    current: Node | None = node
    for _ in range(levels):
        current = None if current is None else current.parent
    return current


def _conditional_type(node: Node) -> Node | None:
    current = node.parent
    for _ in range(_INFER_SCOPE_SEARCH):
        if current is None or current.type == "conditional_type":
            return current
        current = current.parent
    return None


# A local's declaration as found: the node its type is read from (a parameter or a
# `variable_declarator`), or None when it has no declared type (destructuring, catch, for-of).
_Declaration = Node | None
_Names = list[tuple[str, _Declaration]]
_NOT_LOCAL = (False, None)
_CallSite = tuple[str, int, int]  # callee (`f`, `ns.f`, `new C`), argument index, call start


class _CallSites:
    """Which call passes each function value (`f(a, (x) => ...)`), by the function's start
    byte. Only the call around a function asked about is read: the innermost captured call
    holding the function's start (the only one that can pass it), found by bisecting the
    calls' byte ranges (indexed on first use)."""

    def __init__(self, calls: list[Node], source: Source) -> None:
        self.calls = calls
        self.source = source
        self.ranges: Ranges[Node] | None = None
        self.read: set[int] = set()  # the calls read, by index in `ranges.payloads`
        self.found: dict[int, _CallSite] = {}

    def of(self, function_start: int) -> _CallSite | None:
        ranges = self.ranges
        if ranges is None:
            ranges = self.ranges = Ranges(
                [(call.start_byte, call.end_byte, call) for call in self.calls]
            )
        index = ranges.find(function_start)
        if index >= 0 and index not in self.read:
            self.read.add(index)
            self._add(ranges.payloads[index], self.found)
        return self.found.get(function_start)

    def _add(self, call: Node, found: dict[int, _CallSite]) -> None:
        arguments = call.child_by_field_name("arguments")
        if arguments is None or arguments.type != "arguments":
            return
        passed: list[tuple[int, int]] = []  # function value start, argument index
        index = 0
        for argument in arguments.named_children:
            kind = argument.type
            if kind in _SKIPPED_ARGUMENTS:
                continue
            if kind == "spread_element":
                break  # later arguments' positions are unknown
            if kind in FUNCTION_VALUES:
                passed.append((argument.start_byte, index))
            elif kind == "ternary_expression":
                passed.extend((value.start_byte, index) for value in _branch_functions(argument))
            index += 1
        if not passed:
            return
        name = self._callee(call)
        if name is not None:
            for start, argument_index in passed:
                found[start] = (name, argument_index, call.start_byte)

    def _callee(self, call: Node) -> str | None:
        """`f`, `ns.f`, `this.f` or `new C` for a call or `new` of a name chain, else None."""
        callee = call.child_by_field_name(_CALLEE_FIELDS[call.type])
        if callee is None:
            return None
        if callee.type == "identifier":
            name: str | None = self.source.text(callee)
        elif callee.type == "member_expression":
            # `xs.map`, also `f().items.map` (`f.().items.map`: an Array method's callback)
            name = dotted_name(callee, self.source) or value_chain(callee, self.source)
        else:
            return None
        if name is not None and call.type == "new_expression":
            return NEW_CALLEE + name
        return name


def _branch_functions(ternary: Node) -> list[Node]:
    """The branches of `c ? a : b` that are function values."""
    branches = (ternary.child_by_field_name(f) for f in ("consequence", "alternative"))
    return [b for b in branches if b is not None and b.type in FUNCTION_VALUES]


class Locals:
    """Local bindings by name, with the ranges where they are visible and their declared
    types (read lazily, for the locals that are used as receivers).

    Scopes come from captured nodes, never from parent links (which cost the node's depth
    each): parameters belong to their function; `const/let` to the innermost block, `for`
    statement or `switch` body around them and `var` to the innermost function, both found
    by a sweep over byte ranges in document order. Declarations that are symbols (top-level
    and namespace variables) and `require` bindings (imports) declare no locals.
    """

    def __init__(
        self,
        captures: Captures,
        source: Source,
        type_parameters: TypeParameters,
        required: RequiredNames,
    ) -> None:
        self.source = source
        self.type_parameters = type_parameters
        self.required = required
        self.found: dict[str, list[tuple[int, int, _Declaration]]] = {}
        self.ranges: dict[str, Ranges[_Declaration]] = {}
        self.types: dict[int, str | None] = {}  # by declaration start byte
        self.documented: dict[int, dict[str, str]] = {}  # JSDoc @param types, by function
        self.blocked: list[tuple[int, _Names]] = []  # `const/let`: where, what
        self.hoisted: list[tuple[int, _Names]] = []  # `var`: where, what
        # unannotated parameters of function values: declaration start -> function, position
        self.callback_parameters: dict[int, tuple[int, int]] = {}
        self.call_sites = _CallSites(captures.get("local.call", []), source)
        functions = captures.get("local.function", [])
        self._parameters(functions)
        top_level = {node.start_byte for node in captures.get("definition.variables", ())}
        self._declarations(captures.get("local.declaration", ()), top_level)
        self._catch_clauses(captures.get("local.catch", ()))
        self._for_in_statements(captures.get("local.for_in", ()))
        if self.blocked:
            self._place(captures.get("local.block", []), self.blocked)
        if self.hoisted:
            self._place(functions, self.hoisted)

    def _add(self, name: str, start: int, end: int, declaration: _Declaration) -> None:
        """A local `name` visible in bytes `start:end`."""
        entry = (start, end, declaration)
        entries = self.found.get(name)
        if entries is None:
            self.found[name] = [entry]
        else:
            entries.append(entry)

    def _pattern(self, pattern: Node, declaration: _Declaration, names: _Names) -> None:
        """The names a binding pattern declares; only a plain identifier keeps a type."""
        text = self.source.text
        if pattern.type == "identifier":
            names.append((text(pattern), declaration))
        else:
            names.extend((text(bound), None) for bound in bound_names(pattern))

    def _parameters(self, functions: list[Node]) -> None:
        """Parameters, visible in the whole function (its parameter list and body)."""
        text, add = self.source.text, self._add
        for function in functions:
            start, end = function.start_byte, function.end_byte
            if function.type in _NAMED_EXPRESSIONS:  # `function named() { named }`: its own
                own = function.child_by_field_name("name")  # name is visible only inside
                if own is not None:
                    add(text(own), start, end, None)
            parameters = function.child_by_field_name("parameters")
            if parameters is None:
                if function.type == "arrow_function":
                    parameter = function.child_by_field_name("parameter")  # `x => ...`
                    if parameter is not None and parameter.type == "identifier":
                        add(text(parameter), start, end, parameter)
                        self.callback_parameters[parameter.start_byte] = (start, 0)
                continue
            if function.type in FUNCTION_VALUES:
                self._callback_parameters(start, parameters)
            for parameter in parameters.named_children:
                kind = parameter.type
                if kind in _PARAMETERS:  # TypeScript: pattern, type, default
                    pattern = parameter.child_by_field_name("pattern")
                    if pattern is None:
                        continue
                    if pattern.type == "identifier":
                        add(text(pattern), start, end, parameter)
                    else:
                        for bound in bound_names(pattern):
                            add(text(bound), start, end, _destructured(bound))
                elif kind == "identifier":  # JavaScript: the pattern itself
                    add(text(parameter), start, end, parameter)
                elif kind == "assignment_pattern" and (left := _identifier(parameter, "left")):
                    add(text(left), start, end, parameter)  # `x = new T()`: typed by its default
                else:
                    for bound in bound_names(parameter):
                        add(text(bound), start, end, None)

    def _callback_parameters(self, function_start: int, parameters: Node) -> None:
        """Record the position of each plain, unannotated parameter of a function value."""
        for position, parameter in enumerate(positional_parameters(parameters)):
            if parameter.type != "identifier" and (
                parameter.type not in _PARAMETERS
                or parameter.child_by_field_name("type") is not None
                or parameter.child_by_field_name("value") is not None
                or _identifier(parameter, "pattern") is None
            ):
                continue
            self.callback_parameters[parameter.start_byte] = (function_start, position)

    def _declarations(self, declarations: Iterable[Node], top_level: AbstractSet[int]) -> None:
        """`const/let/var` statements below the top level (placed in their scope later)."""
        text, required = self.source.text, self.required
        for declaration in declarations:
            start = declaration.start_byte
            if start in top_level:
                continue
            names: _Names = []
            for declarator in declarators(declaration):
                pattern = declarator.child_by_field_name("name")
                if pattern is None:
                    continue
                imported = required.get(declarator.start_byte, _NONE) if required else _NONE
                if pattern.type == "identifier":
                    name = text(pattern)
                    if name not in imported:  # `= require('x')` binds an import
                        names.append((name, declarator))
                    continue
                for bound in bound_names(pattern):
                    name = text(bound)
                    if name not in imported:
                        names.append((name, _destructured(bound)))
            if names:
                kind = declaration.type
                (self.hoisted if kind == "variable_declaration" else self.blocked).append(
                    (start, names)
                )

    def _catch_clauses(self, clauses: Iterable[Node]) -> None:
        """`catch (e)`: bound in the clause."""
        for clause in clauses:
            pattern = clause.child_by_field_name("parameter")
            if pattern is not None:
                names: _Names = []
                self._pattern(pattern, None, names)
                start, end = clause.start_byte, clause.end_byte
                for name, _ in names:
                    self._add(name, start, end, None)

    def _for_in_statements(self, statements: Iterable[Node]) -> None:
        """`for (const x of xs)`: bound in the statement; with `var`, in the function; a
        plain `x` typed by what `xs` holds."""
        for statement in statements:
            pattern = statement.child_by_field_name("left")
            kind = statement.child_by_field_name("kind")
            if pattern is None or kind is None:
                continue
            names: _Names = []
            self._pattern(pattern, statement, names)
            if kind.type == "var":
                self.hoisted.append((statement.start_byte, names))
            else:
                start, end = statement.start_byte, statement.end_byte
                for name, declared_by in names:
                    self._add(name, start, end, declared_by)

    def _place(self, scopes: list[Node], declared: list[tuple[int, _Names]]) -> None:
        """Adds each declaration's names in the innermost of `scopes` around it: one sweep
        over both in document order (capture lists come in no particular order). A
        declaration outside every scope declares no local (a `var` outside any function is
        the file's)."""
        ordered = sorted(scopes, key=_START_BYTE)  # no two scopes start at the same byte
        declared.sort(key=_START)
        add = self._add
        open_scopes: list[tuple[int, int]] = []  # start, end
        next_scope, count = 0, len(ordered)
        for offset, names in declared:
            while next_scope < count:
                scope = ordered[next_scope]
                start = scope.start_byte
                if start > offset:
                    break
                while open_scopes and open_scopes[-1][1] <= start:
                    open_scopes.pop()
                open_scopes.append((start, scope.end_byte))
                next_scope += 1
            while open_scopes and open_scopes[-1][1] <= offset:
                open_scopes.pop()
            if open_scopes:
                start, end = open_scopes[-1]
                for name, declared_by in names:
                    add(name, start, end, declared_by)

    def find(self, name: str, offset: int) -> tuple[bool, str | None]:
        """Whether `name` is a local at `offset`, and how it is named as a receiver when its
        type is known: `^T` (declared as T) or `&f(k,j)` (a callback's parameter)."""
        is_local, declaration = self._declaration(name, offset)
        if declaration is None:
            return is_local, None
        start = declaration.start_byte
        if start not in self.types:
            self.types[start] = None  # `const x = x.f()` names its type through itself
            self.types[start] = self._receiver(declaration)
        return True, self.types[start]

    def is_local(self, name: str, offset: int) -> bool:
        """Whether `name` is a local at `offset` (its type left unread)."""
        return self._declaration(name, offset)[0]

    def _declaration(self, name: str, offset: int) -> tuple[bool, _Declaration]:
        """Whether `name` is a local at `offset`, and its declaration (None: none to read)."""
        entries = self.found.get(name)
        if entries is None:
            return _NOT_LOCAL
        if len(entries) == 1:
            start, end, declaration = entries[0]
            if not start <= offset < end:
                return _NOT_LOCAL
        else:
            ranges = self.ranges.get(name)
            if ranges is None:
                ranges = self.ranges[name] = Ranges(entries)
            index = ranges.find(offset)
            if index < 0:
                return _NOT_LOCAL
            declaration = ranges.payloads[index]
        return True, declaration

    def _receiver(self, declaration: Node) -> str | None:
        """`^T` for a local declared as T; `&f(k,j)` for parameter j of a function value
        passed as argument k to `f` whose head (`f`, `ns` of `ns.f`) is no local there."""
        position = self.callback_parameters.get(declaration.start_byte)
        if position is None:
            declared = self._declared_type(declaration)
            return None if declared is None else INSTANCE_PREFIX + declared
        function_start, parameter = position
        site = self.call_sites.of(function_start)
        if site is None:  # a function value not passed to a call: its JSDoc may type it
            declared = self._declared_type(declaration)
            return None if declared is None else INSTANCE_PREFIX + declared
        callee, argument, call_start = site
        head, dot, rest = callee.removeprefix(NEW_CALLEE).partition(".")
        if self.is_local(head, call_start):
            # a callee held by a local: known only as a member of the local's declared type
            # (`items.forEach` with `items: T[]`)
            _, declared = self.find(head, call_start)
            if not dot or declared is None or not declared.startswith(INSTANCE_PREFIX):
                return None
            callee = declared.removeprefix(INSTANCE_PREFIX) + dot + rest
        return f"{CALLBACK_PREFIX}{callee}({argument},{parameter})"

    def _declared_type(self, declaration: Node) -> str | None:
        """`T` from `x: T` (also `ns.T`, `T<U>`, `T | undefined`), `= new T()` or `= y as T`
        (a variable's initializer or a parameter's default value)."""
        if declaration.type == "for_in_statement":
            return self._element(declaration)
        if declaration.type in _DESTRUCTURED:
            return self._property_of_pattern(declaration)
        if declaration.type == "identifier":
            parent = declaration.parent
            if parent is not None and parent.type == "pair_pattern":
                return self._property_of_pattern(declaration)
            return self._documented(declaration)
        annotation = declaration.child_by_field_name("type")
        if annotation is not None:
            name = declared_type_name(annotation, self.source)
        else:
            field = "right" if declaration.type == "assignment_pattern" else "value"
            value = declaration.child_by_field_name(field)
            if value is None:
                return None
            name = instance_type(value, self.source)
            if name is None:
                return self._returned(value, declaration.start_byte)
        if name is None or self.type_parameters.contains(
            name.removesuffix(ARRAY_SUFFIX).split(".", 1)[0], declaration.start_byte
        ):
            return None  # `x: T` where T is a type parameter says nothing about x's members
        return name

    def _property_of_pattern(self, bound: Node) -> str | None:
        """`T.a` for `a` of `{ a }: T` or `const { a } = t` (`t` a receiver chain): the
        property the name is bound to, of what the pattern destructures (one level only)."""
        holder = bound.parent
        if bound.type == "identifier":  # `{ key: bound }`
            key = holder.child_by_field_name("key") if holder is not None else None
            holder = holder.parent if holder is not None else None
        else:
            key = bound
        if key is None or key.type not in _PATTERN_KEYS or holder is None:
            return None
        if holder.type != "object_pattern" or holder.parent is None:
            return None
        owner = holder.parent
        if owner.type in _PARAMETERS:
            annotation = owner.child_by_field_name("type")
            typed = None if annotation is None else declared_type_name(annotation, self.source)
            if typed is None or typed.endswith(ARRAY_SUFFIX):
                return None
            if self.type_parameters.contains(typed.split(".", 1)[0], owner.start_byte):
                return None
            return f"{typed}.{self.source.text(key)}"
        value = owner.child_by_field_name("value") if owner.type == "variable_declarator" else None
        chain = None if value is None else value_chain(value, self.source)
        if chain is None:
            return None
        return self._through_locals(f"{chain}.{self.source.text(key)}", owner.start_byte)

    def _documented(self, parameter: Node) -> str | None:
        """A JavaScript parameter's type from its function's JSDoc (`@param {T} name`); a
        bare identifier in a parameter list is JavaScript's (TypeScript wraps each one)."""
        parameters = parameter.parent
        if parameters is None or parameters.type != "formal_parameters":
            return None
        function = parameters.parent
        if function is None:
            return None
        types = self.documented.get(function.start_byte)
        if types is None:
            comment = documented_comment(function, self.source)
            types = self.documented[function.start_byte] = (
                {} if comment is None else parameter_types(comment)
            )
        name = types.get(self.source.text(parameter))
        if name is None or self.type_parameters.contains(
            name.removesuffix(ARRAY_SUFFIX).split(".", 1)[0], parameter.start_byte
        ):
            return None
        return name

    def _returned(self, value: Node, offset: int) -> str | None:
        """What a local is initialized with, as a receiver chain: `f.()` for `f(...)` or
        `await f(...)`, `table.columns` for `table.columns`, `xs.[]` for `xs[0]` (see
        syntax.value_chain); its type is that chain's declared type."""
        chain = value_chain(value, self.source)
        return None if chain is None else self._through_locals(chain, offset)

    def _element(self, statement: Node) -> str | None:
        """`xs.[]` for `x` of `for (const x of xs)` (`xs` a name chain or a call, see
        syntax.returned_by): an element of what `xs` is."""
        right = statement.child_by_field_name("right")
        operator = statement.child_by_field_name("operator")
        if right is None or operator is None or operator.type != "of":
            return None
        chain = value_chain(right, self.source)
        if chain is None:
            return None
        return self._through_locals(f"{chain}.{ELEMENT}", statement.start_byte)

    def _through_locals(self, chain: str, offset: int) -> str | None:
        """A receiver chain whose head may be a local: that local's `^T` type then stands
        for it (a local of unknown type: None)."""
        head, dot, rest = chain.partition(".")
        if head not in self.found or not self.is_local(head, offset):
            return chain
        _, declared = self.find(head, offset)
        if declared is None or not declared.startswith(INSTANCE_PREFIX):
            return None
        return declared.removeprefix(INSTANCE_PREFIX) + dot + rest


def _destructured(bound: Node) -> Node | None:
    """The node a destructured name's type is read from (see `_property_of_pattern`): the
    shorthand `{ a }` itself, or the identifier of `{ key: a }`; None for deeper shapes."""
    if bound.type == "shorthand_property_identifier_pattern":
        return bound
    parent = bound.parent
    return bound if parent is not None and parent.type == "pair_pattern" else None


def _identifier(node: Node, field: str) -> Node | None:
    """The node's child in `field` when it is an identifier."""
    child = node.child_by_field_name(field)
    return child if child is not None and child.type == "identifier" else None
