"""Linking references to the symbols they name: the edges `refs`, `impact` and `context` use.

Pure: takes what the store holds about symbols, import bindings and references, and returns
edges, each marked with how it was resolved:

- `local`: a definition in the same file's scope (nested scopes first, then top level);
- `import`: through an import binding straight to the defining file;
- `re-export`: through an import binding and one or more barrels;
- `member`: `this.m`, `super.m`, `Class.m`, `ns.Thing`, `obj.m` on a resolved object, also
  `p.m` on a callback's parameter typed by the function it is passed to;
- `global`: a declaration in the global scope (script files, `declare global`);
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple

from code_graph.errors import describe
from code_graph.link.callbacks import CallbackReceiver, callback_receiver, parameter_type
from code_graph.link.exports import Definition, ExportIndex
from code_graph.link.ports import LinkReference, LinkSymbol, SymbolSource
from code_graph.model import (
    ARRAY_SUFFIX,
    ELEMENT,
    INSTANCE_PREFIX,
    PROPS,
    RETURNED,
    THIS_TYPE,
    UNKNOWN_RECEIVER,
)
from code_graph.records import FileId, SymbolId

CLASS_LIKE = frozenset({"class", "interface", "component"})
VALUE_KINDS = frozenset(
    {"class", "function", "variable", "component", "enum", "namespace", "method", "property"}
)
TYPE_KINDS = frozenset({"interface", "type", "class", "enum"})
TYPE_USES = frozenset({"type", "implements", "extends"})  # kinds that may be type positions
# Declarations that have no type meaning: a type name never refers to one of them.
VALUE_ONLY_KINDS = frozenset({"function", "variable", "component", "method", "property"})
SCOPE_KINDS = frozenset({"function", "component", "method", "namespace", "variable"})
RETURNING_KINDS = frozenset({"function", "method"})  # their type_name is their return type
# What `x.a` is when `a` is one of these: its type_name (a JSDoc `@typedef`'s: the type it
# stands for; a method's, read without a call, is a getter's: its return type).
ACCESSED_KINDS = frozenset({"property", "variable", "type", "method"})
# Array methods that pass elements to their callback: the parameters that are elements
_ELEMENT_FIRST = frozenset({0})
ARRAY_CALLBACKS = {
    **dict.fromkeys(
        (
            "forEach",
            "map",
            "filter",
            "find",
            "findLast",
            "findIndex",
            "findLastIndex",
            "some",
            "every",
            "flatMap",
        ),
        _ELEMENT_FIRST,
    ),
    "sort": frozenset({0, 1}),
    "reduce": frozenset({1}),
    "reduceRight": frozenset({1}),
}


class LinkMethod(StrEnum):
    LOCAL = "local"
    IMPORT = "import"
    REEXPORT = "re-export"
    MEMBER = "member"
    GLOBAL = "global"


class Edge(NamedTuple):
    """`source_id` (None: top-level code of `file`) refers to `target_id` at file:line."""

    source_id: SymbolId | None
    target_id: SymbolId
    kind: str
    method: LinkMethod
    file: FileId
    line: int
    column: int
    via: tuple[FileId, ...] = ()  # the barrels passed through, in order


class LinkFailure(NamedTuple):
    """A reference or import name whose linking raised (a defect of ours): it stays unlinked
    and is recorded, and the rest of the link goes on."""

    file: FileId
    line: int
    name: str
    error: str


class _Target(NamedTuple):
    symbol_id: int | None
    method: LinkMethod
    via: tuple[FileId, ...] = ()
    module: FileId | None = None  # set when the name is a whole module (namespace import)
    array: bool = False  # an array of `symbol_id`'s instances, not one


class SymbolTable:
    """Every symbol in memory, indexed the ways linking needs (used for a full link)."""

    def __init__(self, symbols: Iterable[LinkSymbol], global_files: Iterable[FileId]) -> None:
        self.by_id: dict[int, LinkSymbol] = {}
        self.by_file: dict[FileId, dict[str, int]] = defaultdict(dict)
        self.members_by_parent: dict[int, dict[str, int]] = defaultdict(dict)
        self.globals: dict[str, list[int]] = defaultdict(list)
        # Only names declared more than once in a file (merged declarations): most are not.
        self.declarations: dict[tuple[FileId, str], list[int]] = {}
        scripts = set(global_files)
        for symbol in symbols:
            self.by_id[symbol.id] = symbol
            first = self.by_file[symbol.file].setdefault(symbol.qualified_name, symbol.id)
            if first != symbol.id:
                key = (symbol.file, symbol.qualified_name)
                self.declarations.setdefault(key, [first]).append(symbol.id)
            if symbol.parent_id is not None:
                self.members_by_parent[symbol.parent_id].setdefault(symbol.name, symbol.id)
            if (
                symbol.parent_id is None and symbol.file in scripts
            ) or symbol.qualified_name.startswith("global."):
                self.globals[symbol.name].append(symbol.id)

    def symbol(self, symbol_id: int) -> LinkSymbol | None:
        return self.by_id.get(symbol_id)

    def scope(self, file: FileId) -> Mapping[str, int]:
        return self.by_file.get(file, {})

    def members(self, symbol_id: int) -> Mapping[str, int]:
        return self.members_by_parent.get(symbol_id, {})

    def globals_named(self, name: str) -> Sequence[int]:
        return self.globals.get(name, ())

    def base_of(self, class_id: int) -> int | None:
        return None  # a full link links every extends clause itself

    def same_named(self, symbol_id: int) -> Sequence[int]:
        symbol = self.by_id[symbol_id]
        return self.declarations.get((symbol.file, symbol.qualified_name), (symbol_id,))


class ReferenceLinker:
    """Resolves each reference of a file to a symbol, or leaves it unlinked."""

    def __init__(self, symbols: SymbolSource, exports: ExportIndex) -> None:
        self._symbols = symbols
        self._exports = exports
        self._bases: dict[int, int] = {}
        self._names: dict[tuple[FileId, str], _Target | None] = {}
        self._nested: dict[FileId, frozenset[str]] = {}
        self._typing: set[int] = set()  # holders whose declared type is being looked up
        self.failures: list[LinkFailure] = []

    def forget_names(self) -> None:
        """Drop the per-file name cache (between batches of different files)."""
        self._names.clear()
        self._nested.clear()

    def link(self, references: Iterable[LinkReference]) -> list[Edge]:
        """Edges for the references that resolve; extends edges are linked first for `super`."""
        ordered = sorted(references, key=lambda ref: ref.kind != "extends")
        edges: list[Edge] = []
        for ref in ordered:
            try:
                target = self._resolve(ref)
            except Exception as e:  # a defect of ours must cost one reference, not the index
                self._typing.clear()
                self.failures.append(LinkFailure(ref.file, ref.line, ref.name, describe(e)))
                continue
            if target is None or target.symbol_id is None:
                continue
            # `export { X }` exports every declaration of X (`interface X` + `const X`)
            targets = (
                self._symbols.same_named(target.symbol_id)
                if ref.kind == "export"
                else (target.symbol_id,)
            )
            edges.extend(
                Edge(
                    ref.enclosing_id,
                    symbol_id,
                    ref.kind,
                    target.method,
                    ref.file,
                    ref.line,
                    ref.column,
                    target.via,
                )
                for symbol_id in targets
            )
            if ref.kind == "extends" and ref.enclosing_id is not None:
                self._bases.setdefault(ref.enclosing_id, target.symbol_id)
        return edges

    def _resolve(self, ref: LinkReference) -> _Target | None:
        target = self._resolve_path(ref)
        if target is None or target.symbol_id is None:
            return target
        preferred = self._declaration_for(target.symbol_id, ref.kind, ref.enclosing_id)
        if preferred == target.symbol_id:
            return target
        return _Target(preferred, target.method, target.via, target.module)

    def _resolve_path(self, ref: LinkReference) -> _Target | None:
        if ref.qualifier is None:
            return self._name(ref.file, ref.name, ref.enclosing_id)
        receiver = callback_receiver(ref.qualifier)
        if receiver is not None:
            holder = self._callback_parameter(ref, receiver)
            return self._members(holder, [*receiver.members, ref.name])
        parts = ref.qualifier.removeprefix(INSTANCE_PREFIX).split(".")
        if parts[0] == UNKNOWN_RECEIVER:
            return None
        if ref.kind in TYPE_USES and self._in_type_position(ref):  # `ns.T` names a type: the
            head = self._type_head(ref.file, parts[0], ref.enclosing_id)  # head's type meaning
            return self._members(head, [*parts[1:], ref.name])
        return self._members(self._path(ref.file, parts, ref.enclosing_id), [ref.name])

    def _in_type_position(self, ref: LinkReference) -> bool:
        enclosing = self._symbols.symbol(ref.enclosing_id) if ref.enclosing_id else None
        return _is_type_use(ref.kind, enclosing)

    def _path(self, file: FileId, parts: list[str], enclosing_id: int | None) -> _Target | None:
        """What a name chain (`a.b`, `this.x`, `super`) used in `file` names."""
        if parts[0] in ("this", "super"):
            owner = self._enclosing_class(enclosing_id)
            if owner is None:
                return None
            if parts[0] == "super":
                owner = self._base(owner)
            holder: _Target | None = _Target(owner, LinkMethod.MEMBER) if owner else None
        elif parts[0].endswith(ARRAY_SUFFIX):  # `^T[]`: a local declared as an array of T
            holder = self._name(file, parts[0].removesuffix(ARRAY_SUFFIX), enclosing_id)
            holder = None if holder is None else holder._replace(array=True)
        else:
            holder = self._name(file, parts[0], enclosing_id)
        return self._members(holder, parts[1:])

    def _members(self, holder: _Target | None, names: Iterable[str]) -> _Target | None:
        for name in names:
            if holder is None:
                return None
            holder = self._member(holder, name)
        return holder

    def _callback_parameter(self, ref: LinkReference, receiver: CallbackReceiver) -> _Target | None:
        """The type of a callback's parameter, as the callee declares it: `f` (or `new C`,
        C's constructor) resolved like any name chain, the type named by its callbacks at
        (argument, parameter) resolved in the callee's file."""
        callee = self._path(ref.file, receiver.callee, ref.enclosing_id)
        if callee is None or callee.symbol_id is None:
            return self._array_callback(ref, receiver)
        function = self._symbols.symbol(
            self._declaration_for(callee.symbol_id, "new" if receiver.is_new else "call", None)
        )
        if function is not None and receiver.is_new:
            constructor = self._member(_Target(function.id, LinkMethod.MEMBER), "constructor")
            found = None if constructor is None else constructor.symbol_id
            function = None if found is None else self._symbols.symbol(found)
        if function is None or function.callbacks is None:
            return None
        name = parameter_type(function.callbacks, receiver.argument, receiver.parameter)
        if name is None:
            return None
        typed = self._type_in_scope(function.file, name, function.parent_id)
        return None if typed is None else _Target(typed, LinkMethod.MEMBER, callee.via)

    def _array_callback(self, ref: LinkReference, receiver: CallbackReceiver) -> _Target | None:
        """An element of the array a callback is passed to an Array method of
        (`cols.forEach((c) => …)`, `cols.reduce((sum, c) => …)`)."""
        if receiver.is_new or receiver.argument != 0 or len(receiver.callee) < 2:
            return None
        if receiver.parameter not in ARRAY_CALLBACKS.get(receiver.callee[-1], ()):
            return None
        return self._path(ref.file, [*receiver.callee[:-1], ELEMENT], ref.enclosing_id)

    def _name(self, file: FileId, name: str, enclosing_id: int | None) -> _Target | None:
        # Most names mean the same everywhere in a file: cache those (not nested names,
        # which depend on the enclosing scope).
        if name in self._nested_names(file):
            return self._name_uncached(file, name, enclosing_id)
        key = (file, name)
        if key not in self._names:
            self._names[key] = self._name_uncached(file, name, None)
        return self._names[key]

    def _nested_names(self, file: FileId) -> frozenset[str]:
        nested = self._nested.get(file)
        if nested is None:
            nested = frozenset(q.rpartition(".")[2] for q in self._symbols.scope(file) if "." in q)
            self._nested[file] = nested
        return nested

    def _name_uncached(self, file: FileId, name: str, enclosing_id: int | None) -> _Target | None:
        local = self._local(file, name, enclosing_id)
        if local is not None:
            return _Target(local, LinkMethod.LOCAL)
        return self._outer_name(file, name)

    def _outer_name(self, file: FileId, name: str) -> _Target | None:
        """What `name` means in `file` beyond its own declarations: an import or a global
        (never a guess by name alone: an unimported name stays unlinked)."""
        module = self._exports.module(file)
        binding = module.bindings.get(name) if module is not None else None
        if binding is not None:
            return _from_definition(self._exports.resolve_binding(binding))
        candidates = self._symbols.globals_named(name)
        if len(candidates) == 1:
            return _Target(candidates[0], LinkMethod.GLOBAL)
        return None

    def _local(self, file: FileId, name: str, enclosing_id: int | None) -> int | None:
        scope = self._symbols.scope(file)
        symbol = self._symbols.symbol(enclosing_id) if enclosing_id is not None else None
        while symbol is not None:
            if symbol.kind in SCOPE_KINDS:
                found = scope.get(f"{symbol.qualified_name}.{name}")
                if found is not None and _kind(self._symbols.symbol(found)) not in (
                    "method",
                    "property",
                ):
                    return found
            elif symbol.kind == "enum":  # `enum E { A, B = A + 1 }`: its members are in scope
                found = scope.get(f"{symbol.qualified_name}.{name}")
                if found is not None:
                    return found
            symbol = self._symbols.symbol(symbol.parent_id) if symbol.parent_id else None
        return scope.get(name)

    def _member(self, holder: _Target, name: str) -> _Target | None:
        if name == RETURNED:
            return self._returned(holder)
        if name == ELEMENT:
            return self._element(holder)
        if name == PROPS:
            return self._props(holder)
        if holder.array:  # the members of an array are Array's, never the project's
            return None
        if holder.module is not None:  # ns.Name through a namespace import
            found = self._exports.find(holder.module, name)
            target = _from_definition(found)
            if target is None:
                return None
            return _Target(
                target.symbol_id, LinkMethod.MEMBER, holder.via + target.via, target.module
            )
        for owner in self._owners(holder.symbol_id):
            member = self._symbols.members(owner).get(name)
            if member is not None:
                return _Target(member, LinkMethod.MEMBER, holder.via)
        return None

    def _returned(self, holder: _Target) -> _Target | None:
        """What a function or method is declared to return (`f.()` of `f().m()`)."""
        function = self._symbols.symbol(holder.symbol_id) if holder.symbol_id else None
        if function is None or function.kind not in RETURNING_KINDS or not function.type_name:
            return None
        returned = function.type_name
        if returned == THIS_TYPE:  # `fork(): this`: an instance of the method's class
            owner = function.parent_id
            return None if owner is None else _Target(owner, LinkMethod.MEMBER, holder.via)
        array = returned.endswith(ARRAY_SUFFIX)
        returned = returned.removesuffix(ARRAY_SUFFIX)
        typed = self._type_in_scope(function.file, returned, function.parent_id)
        return None if typed is None else _Target(typed, LinkMethod.MEMBER, holder.via, None, array)

    def _props(self, holder: _Target) -> _Target | None:
        """The declared props type of a function component (`Dialog.<>` of `<Dialog x={1}>`)."""
        component = self._symbols.symbol(holder.symbol_id) if holder.symbol_id else None
        if component is None or component.kind != "component" or not component.type_name:
            return None
        typed = self._type_in_scope(component.file, component.type_name, component.parent_id)
        return None if typed is None else _Target(typed, LinkMethod.MEMBER, holder.via)

    def _element(self, holder: _Target) -> _Target | None:
        """An element of an array: of an array target, or of the array a property or
        variable is declared as (`columns: Column[]`)."""
        if holder.array:
            return _Target(holder.symbol_id, LinkMethod.MEMBER, holder.via)
        symbol = self._symbols.symbol(holder.symbol_id) if holder.symbol_id else None
        if symbol is None or symbol.kind not in ACCESSED_KINDS:
            return None
        if not symbol.type_name or not symbol.type_name.endswith(ARRAY_SUFFIX):
            return None
        element = symbol.type_name.removesuffix(ARRAY_SUFFIX)
        typed = self._type_in_scope(symbol.file, element, symbol.parent_id)
        return None if typed is None else _Target(typed, LinkMethod.MEMBER, holder.via)

    def _owners(self, symbol_id: int | None) -> Iterable[int]:
        """Where members of a holder are looked up: the symbol and its bases, then, for a
        property or variable with a declared type (or a JSDoc `@typedef` of a type), that
        type and its bases."""
        seen: set[int] = set()
        owner = symbol_id
        while owner is not None and owner not in seen:
            seen.add(owner)
            yield owner
            owner = self._base(owner)
        holder = self._symbols.symbol(symbol_id) if symbol_id is not None else None
        if holder is not None and holder.type_name and holder.kind in ACCESSED_KINDS:
            typed = self._type_named(holder)
            if typed is not None and typed not in seen:
                yield from self._owners(typed)

    def _type_named(self, holder: LinkSymbol) -> int | None:
        """The class or interface a property's or variable's declared type names."""
        if holder.id in self._typing:  # its type is named through itself: no answer
            return None
        self._typing.add(holder.id)
        try:
            return self._type_in_scope(holder.file, holder.type_name or "", holder.parent_id)
        finally:
            self._typing.discard(holder.id)

    def _type_in_scope(self, file: FileId, type_name: str, scope_id: int | None) -> int | None:
        """The class or interface `type_name` (`T`, `ns.T`) names in `file`, seen from the
        symbol `scope_id` (None: the top level)."""
        parts = type_name.split(".")
        target = self._members(self._type_head(file, parts[0], scope_id), parts[1:])
        if target is None or target.symbol_id is None:
            return None
        return self._declaration_for(target.symbol_id, "type", None)

    def _type_head(self, file: FileId, name: str, scope_id: int | None) -> _Target | None:
        """What the first name of a type (`A` of `A.B`) means in the type meaning: a value-only
        declaration (`const A`) does not hide an imported or outer type or namespace `A`."""
        target = self._name(file, name, scope_id)
        if target is None or target.method is not LinkMethod.LOCAL or target.symbol_id is None:
            return target
        declarations = self._symbols.same_named(target.symbol_id)
        if any(_kind(self._symbols.symbol(d)) not in VALUE_ONLY_KINDS for d in declarations):
            return target
        return self._outer_name(file, name)

    def _declaration_for(self, symbol_id: int, kind: str, enclosing_id: int | None) -> int:
        """Among merged declarations of one name (`interface X` + `const X`), the one this
        kind of use means: values for calls, `new` and JSX, types for type positions."""
        siblings = self._symbols.same_named(symbol_id)
        if len(siblings) < 2:
            return symbol_id
        wanted = (
            TYPE_KINDS
            if _is_type_use(kind, self._symbols.symbol(enclosing_id) if enclosing_id else None)
            else VALUE_KINDS
        )
        current = self._symbols.symbol(symbol_id)
        if current is not None and current.kind in wanted:
            return symbol_id
        for sibling in siblings:
            candidate = self._symbols.symbol(sibling)
            if candidate is not None and candidate.kind in wanted:
                return sibling
        return symbol_id

    def _enclosing_class(self, symbol_id: int | None) -> int | None:
        """What `this` is in `symbol_id`: the innermost class around it, or the object whose
        method it is (`const fs = { a() { this.b(); } }`)."""
        symbol = self._symbols.symbol(symbol_id) if symbol_id is not None else None
        while symbol is not None:
            if symbol.kind in CLASS_LIKE:
                return symbol.id
            parent = self._symbols.symbol(symbol.parent_id) if symbol.parent_id else None
            if symbol.kind == "method" and parent is not None and parent.kind == "variable":
                return parent.id
            symbol = parent
        return None

    def _base(self, class_id: int) -> int | None:
        linked = self._bases.get(class_id)
        return linked if linked is not None else self._symbols.base_of(class_id)


def _is_type_use(kind: str, enclosing: LinkSymbol | None) -> bool:
    if kind in ("type", "implements"):
        return True
    return kind == "extends" and enclosing is not None and enclosing.kind == "interface"


def _kind(symbol: LinkSymbol | None) -> str | None:
    return symbol.kind if symbol is not None else None


def _from_definition(definition: Definition | None) -> _Target | None:
    if definition is None:
        return None
    method = LinkMethod.REEXPORT if definition.via else LinkMethod.IMPORT
    if definition.is_namespace:
        return _Target(None, method, definition.via, module=definition.file)
    if definition.symbol_id is None:
        return None
    return _Target(definition.symbol_id, method, definition.via)
