"""Value uses of names: every identifier that is not a declaration, a call, `new`, JSX or a
heritage clause (those are collected by references.py) is a `read`, a `write` (the target
of an assignment, `++`/`--`, a destructuring assignment) or an `export` (`export { X }`,
`export default X`, `export = X`).

Declaring places are captured as byte ranges (`value.binding`: variable names, parameters,
function and class names, ...), with the parts inside them that are values again
(`value.inside`: default values and computed keys) as nested ranges, so one bisect per
identifier tells which it is; `import` and re-export statements are references of their
own. Names of locals are dropped (or requalified) by `_References.add`, as for calls.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from code_graph.extract.grammar import Captures, Node
from code_graph.extract.scopes import Ranges
from code_graph.extract.syntax import member_property
from code_graph.model import Reference, ReferenceKind

if TYPE_CHECKING:
    from code_graph.extract.references import _References

VALUE_USES = frozenset({ReferenceKind.READ, ReferenceKind.WRITE, ReferenceKind.EXPORT})

# The runtime's own globals (ECMAScript, browsers, Node): a value use of one of these names
# that the file neither declares nor imports is a use of the runtime's, which the index does
# not hold, so it is not stored (a quarter of all value uses; see docs/refs-agreement.md).
BUILTIN_GLOBALS = frozenset(
    [
        "Object",
        "Function",
        "Array",
        "Number",
        "String",
        "Boolean",
        "Symbol",
        "BigInt",
        "Math",
        "JSON",
        "Date",
        "RegExp",
        "Error",
        "TypeError",
        "RangeError",
        "SyntaxError",
        "ReferenceError",
        "EvalError",
        "URIError",
        "AggregateError",
        "Promise",
        "Proxy",
        "Reflect",
        "Map",
        "Set",
        "WeakMap",
        "WeakSet",
        "WeakRef",
        "FinalizationRegistry",
        "ArrayBuffer",
        "SharedArrayBuffer",
        "DataView",
        "Int8Array",
        "Uint8Array",
        "Uint8ClampedArray",
        "Int16Array",
        "Uint16Array",
        "Int32Array",
        "Uint32Array",
        "Float32Array",
        "Float64Array",
        "BigInt64Array",
        "BigUint64Array",
        "Atomics",
        "Intl",
        "globalThis",
        "undefined",
        "NaN",
        "Infinity",
        "arguments",
        "eval",
        "isNaN",
        "isFinite",
        "parseInt",
        "parseFloat",
        "encodeURI",
        "encodeURIComponent",
        "decodeURI",
        "decodeURIComponent",
        "console",
        "window",
        "document",
        "navigator",
        "location",
        "history",
        "self",
        "global",
        "process",
        "require",
        "module",
        "exports",
        "__dirname",
        "__filename",
        "Buffer",
        "setTimeout",
        "clearTimeout",
        "setInterval",
        "clearInterval",
        "setImmediate",
        "clearImmediate",
        "queueMicrotask",
        "structuredClone",
        "fetch",
        "performance",
        "crypto",
        "localStorage",
        "sessionStorage",
        "requestAnimationFrame",
        "cancelAnimationFrame",
        "atob",
        "btoa",
    ]
)

_MEMBER_CALLEES = (
    "reference.member_call",
    "reference.member_new",
    "reference.member_jsx",
    "reference.extends",
    "reference.type_query",
)

# What a captured range makes of the identifiers inside it (the innermost range decides).
_BINDING = 0  # declares names: not uses
_VALUE = 1  # a value inside a declaration (a default, a computed key): uses again
_WRITTEN = 2  # the target of a destructuring assignment: its names are written
_TYPE_QUERY = 3  # `typeof x` in a type: a type use of x
_RANGES = (
    ("import", _BINDING),
    ("reexport", _BINDING),
    ("value.binding", _BINDING),
    ("value.inside", _VALUE),
    ("value.written", _WRITTEN),
    ("reference.type_query", _TYPE_QUERY),
    ("reference.nested_type", _BINDING),  # `ns.T` in a type: references.py reads its links
)
# In a destructuring target, the nodes whose own identifier child is written (others, such as
# `a.b` in `[a.b] = x`, only read it).
_PATTERN_PARENTS = frozenset(
    {"array_pattern", "object_pattern", "pair_pattern", "assignment_pattern", "rest_pattern"}
)


def collect_value_uses(
    captures: Captures, found: _References, used: set[int], declared: AbstractSet[str]
) -> None:
    """Add the value uses among the captured identifiers; `used` holds the start bytes of
    names already collected as other references (callees, constructors, JSX, heritage),
    `declared` the names the file declares or imports (which hide BUILTIN_GLOBALS).
    The hot loop of extraction after the parse: it inlines what `_References.add` does."""
    builtins = BUILTIN_GLOBALS - declared
    used.update(node.start_byte for node in captures.get("value.declared", ()))
    spans: list[tuple[int, int, int]] = []
    for capture, meaning in _RANGES:
        spans.extend(
            (node.start_byte, node.end_byte, meaning) for node in captures.get(capture, ())
        )
    ranges = Ranges(spans) if spans else None
    writes = {node.start_byte for node in captures.get("value.write", ())}
    exports = {node.start_byte for node in captures.get("value.export", ())}
    data, bounds, owners = found.data, found.bounds, found.owners
    references, starts = found.found, found.starts
    ascii_columns, column_of = found.ascii, found.source.column
    locals_ = found.locals
    local_names = {} if locals_ is None else locals_.found
    for node in captures.get("value.pattern_name", ()):  # `{ a }` of `({ a } = x)`: written
        if _meaning(ranges, node.start_byte) == _WRITTEN:
            found.add(found.text(node), ReferenceKind.WRITE, node, None)
    for node in captures.get("value.name", ()):
        start = node.start_byte
        if start in used:
            continue
        meaning = _VALUE
        if ranges is not None:
            index = ranges.find(start)
            if index >= 0:
                meaning = ranges.payloads[index]
                if meaning == _BINDING:
                    continue
        name = data[start : node.end_byte].decode("utf-8", "replace")
        if name in builtins:
            continue
        if name in local_names and locals_ is not None and locals_.is_local(name, start):
            continue  # a local's own name: not a reference to anything outside
        if meaning == _WRITTEN:
            kind = ReferenceKind.WRITE if _is_pattern_target(node) else ReferenceKind.READ
        elif meaning == _TYPE_QUERY:
            kind = ReferenceKind.TYPE
        elif start in writes:
            kind = ReferenceKind.WRITE
        elif start in exports:
            kind = ReferenceKind.EXPORT
        else:
            kind = ReferenceKind.READ
        row, byte_column = node.start_point
        at = bisect_right(bounds, start) - 1
        column = byte_column + 1 if ascii_columns else column_of(start, byte_column)
        references.append(
            Reference(name, kind, row + 1, column, None, owners[at] if at >= 0 else None)
        )
        starts.append(start)
    _member_uses(captures, found, ranges, builtins)


def _member_uses(
    captures: Captures, found: _References, ranges: Ranges[int] | None, builtins: frozenset[str]
) -> None:
    """`a.b` read or written (not called, constructed, rendered, extended or queried with
    `typeof`: those are references of their own): a use of member `b` of what `a` names,
    when `a` can be named. Inside `typeof a.b.c` in a type, `a.b` is a type use."""
    called = {
        (node.start_byte, node.end_byte)
        for capture in _MEMBER_CALLEES
        for node in captures.get(capture, ())
    }
    written = {(node.start_byte, node.end_byte) for node in captures.get("value.member_write", ())}
    for node in captures.get("value.member", ()):
        span = (node.start_byte, node.end_byte)
        if span in called:
            continue
        member = member_property(node)
        if member is None:
            continue
        meaning = _meaning(ranges, span[0])
        if meaning == _BINDING:
            continue  # `</Ctx.Provider>`, an import or re-export statement
        if span in written:
            kind = ReferenceKind.WRITE
        elif meaning == _TYPE_QUERY:
            kind = ReferenceKind.TYPE
        else:
            kind = ReferenceKind.READ
        qualifier = found.qualifier(node.child_by_field_name("object"))
        if qualifier is not None and qualifier.partition(".")[0] in builtins:
            continue  # `Math.PI`, `process.env`: a member of the runtime's global
        found.add(found.text(member), kind, member, qualifier, known_receivers_only=True)


def _meaning(ranges: Ranges[int] | None, offset: int) -> int:
    """What the innermost captured range around `offset` makes of a name there."""
    index = -1 if ranges is None else ranges.find(offset)
    return _VALUE if index < 0 or ranges is None else ranges.payloads[index]


def _is_pattern_target(node: Node) -> bool:
    parent = node.parent
    if parent is None or parent.type not in _PATTERN_PARENTS:
        return False
    if parent.type == "assignment_pattern":  # `[a = 1] = x`: a is written, 1 is not a name
        return parent.child_by_field_name("left") == node
    if parent.type == "pair_pattern":  # `{ k: a } = x`
        return parent.child_by_field_name("value") == node
    return True
