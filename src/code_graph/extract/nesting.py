"""Nesting definitions into symbols: qualified names, parents, final export status, one
symbol per name and kind, and the index of which symbol encloses each byte offset.

Works on byte ranges only (a sort and a stack, no tree walk): a definition's parent is the
innermost definition whose range contains it (for a constructor parameter property, the
class around the constructor).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from operator import attrgetter

from code_graph.extract.exports import Exports
from code_graph.model import ExportStatus, Span, Symbol, SymbolKind


@dataclass(slots=True)
class Definition:
    """One definition found in the source, before nesting."""

    order: tuple[int, int, int]  # start byte, minus end byte, sequence: outer ones first
    end: int
    name: str
    kind: SymbolKind
    span: Span
    export: ExportStatus
    signature: str
    ambient: bool  # a namespace whose members are exported without `export`
    is_signature: bool  # an overload or ambient signature without a body
    type_name: str | None = None  # the declared type of a property or variable
    lifted: bool = False  # a member of the parent's parent (a constructor parameter property)
    callbacks: str | None = None  # the parameter types of callbacks it takes (Symbol.callbacks)


@dataclass(frozen=True, slots=True)
class Enclosing:
    """Which symbol encloses a byte offset: `owners[i]` holds from `bounds[i]` on, so the
    owner of offset x is `owners[bisect_right(bounds, x) - 1]` (None before the first bound)."""

    bounds: list[int] = field(default_factory=list)
    owners: list[str | None] = field(default_factory=list)


_ORDER = attrgetter("order")


def nest(definitions: list[Definition], exports: Exports) -> tuple[list[Symbol], Enclosing]:
    """Symbols in source order from definitions, and the enclosing-symbol index."""
    definitions.sort(key=_ORDER)
    enclosing = Enclosing()
    bounds, owners = enclosing.bounds, enclosing.owners
    stack: list[tuple[int, str, bool]] = []  # open definitions: end, qualified name, ambient
    kept = _Kept()
    for definition in definitions:
        start = definition.order[0]
        while stack and stack[-1][0] <= start:
            bounds.append(stack.pop()[0])
            owners.append(stack[-1][1] if stack else None)
        if stack:
            _, parent, parent_ambient = (
                stack[-2] if definition.lifted and len(stack) > 1 else stack[-1]
            )
            qualified = f"{parent}.{definition.name}"
        else:
            parent, parent_ambient, qualified = None, False, definition.name
        export = _refined_export(definition, parent, parent_ambient, exports)
        symbol = Symbol(
            definition.name,
            qualified,
            definition.kind,
            definition.span,
            export,
            parent,
            definition.signature,
            definition.type_name,
            definition.callbacks,
        )
        kept.add(symbol, definition.is_signature)
        ambient = definition.ambient or (parent_ambient and definition.kind is SymbolKind.NAMESPACE)
        stack.append((definition.end, qualified, ambient))
        bounds.append(start)
        owners.append(qualified)
    while stack:
        bounds.append(stack.pop()[0])
        owners.append(stack[-1][1] if stack else None)
    return kept.symbols(), enclosing


def _refined_export(
    definition: Definition, parent: str | None, parent_ambient: bool, exports: Exports
) -> ExportStatus:
    """Add what the statement alone does not say: ambient members and `export { a }` clauses."""
    if definition.export is not ExportStatus.NONE:
        return definition.export
    if parent is not None:
        return ExportStatus.NAMED if parent_ambient else ExportStatus.NONE
    if definition.name in exports.default_locals:
        return ExportStatus.DEFAULT
    if definition.name in exports.named_locals:
        return ExportStatus.NAMED
    return ExportStatus.NONE


class _Kept:
    """One symbol per qualified name and kind (overloads, merged declarations).

    The implementation of an overloaded function wins over its signatures (keeping the
    first signature's callback types when it declares none); a merged declaration is
    exported if any part is.
    """

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, SymbolKind], tuple[Symbol, bool]] = {}

    def add(self, symbol: Symbol, is_signature: bool) -> None:
        key = (symbol.qualified_name, symbol.kind)
        kept = self.by_key.get(key)
        if kept is None:
            self.by_key[key] = (symbol, is_signature)
            return
        old, old_is_signature = kept
        export = old.export if old.export is not ExportStatus.NONE else symbol.export
        if old_is_signature and not is_signature:
            callbacks = symbol.callbacks if symbol.callbacks is not None else old.callbacks
            self.by_key[key] = (replace(symbol, export=export, callbacks=callbacks), False)
        elif export is not old.export:
            self.by_key[key] = (replace(old, export=export), old_is_signature)

    def symbols(self) -> list[Symbol]:
        return [symbol for symbol, _ in self.by_key.values()]
