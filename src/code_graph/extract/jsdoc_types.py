"""The types JSDoc declares for a JavaScript function's parameters (`@param {Module} module`)
and its result (`@returns {Chunk}`), as declared type names (`T`, `ns.T`, `T[]`): in
JavaScript they type `module.identifier()` as TypeScript's checker does. Only plain names
(optionally `T=`, `?T`, `T | undefined`, `T[]`, `Array<T>`) are read; anything else says
nothing."""

from __future__ import annotations

import re

from code_graph.extract.grammar import Node
from code_graph.extract.source import Source
from code_graph.model import ARRAY_SUFFIX

_PARAM = re.compile(rb"@(?:param|arg|argument)\s*\{([^{}]*)\}\s*\[?\s*([\w$]+)")
_RETURNS = re.compile(rb"@returns?\s*\{([^{}]*)\}")
_NAME = re.compile(r"[\w$]+(?:\.[\w$]+)*")
_ARRAY = re.compile(r"(?:Array|ReadonlyArray)<\s*([\w$.]+)\s*>")
_NULLISH = frozenset({"undefined", "null"})
_PRIMITIVES = frozenset(
    {"string", "number", "boolean", "bigint", "symbol", "object", "any", "unknown", "void", "*"}
)
# Where a function's documenting comment sits: before the statement the function is part of.
_HOLDERS = frozenset(
    {
        "variable_declarator",
        "lexical_declaration",
        "variable_declaration",
        "export_statement",
        "pair",
        "assignment_expression",
        "expression_statement",
        "field_definition",
        "public_field_definition",
    }
)
_HOLDER_STEPS = 4
_COMMENT_LIMIT = 20_000  # bytes: longer comments are not read


def documented_comment(function: Node, source: Source) -> bytes | None:
    """The `/** ... */` comment right before the declaration a function belongs to."""
    node = function
    for _ in range(_HOLDER_STEPS):
        parent = node.parent
        if parent is None or parent.type not in _HOLDERS:
            break
        node = parent
    comment = node.prev_named_sibling
    if comment is None or comment.type != "comment":
        return None
    text = source.data[comment.start_byte : comment.end_byte]
    if not text.startswith(b"/**") or len(text) > _COMMENT_LIMIT:
        return None
    return text


def parameter_types(comment: bytes) -> dict[str, str]:
    """Parameter name -> declared type name, from the comment's `@param` tags."""
    found: dict[str, str] = {}
    for match in _PARAM.finditer(comment):
        name = type_name(match[1].decode("utf-8", "replace"))
        if name is not None:
            found.setdefault(match[2].decode("utf-8", "replace"), name)
    return found


def returned_type(comment: bytes) -> str | None:
    match = _RETURNS.search(comment)
    return None if match is None else type_name(match[1].decode("utf-8", "replace"))


def type_name(written: str) -> str | None:
    """`T`, `ns.T` or `T[]` for a JSDoc type that names one class or interface (or an array of
    one); None for anything else."""
    text = written.strip().removesuffix("=").strip().lstrip("?!").strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    members = [part.strip() for part in text.split("|")]
    kept = [part for part in members if part not in _NULLISH]
    if len(kept) != 1:
        return None
    text = kept[0]
    array = _ARRAY.fullmatch(text)
    if array is not None:
        text = array[1] + ARRAY_SUFFIX
    element = text.removesuffix(ARRAY_SUFFIX)
    if element in _PRIMITIVES or _NAME.fullmatch(element) is None:
        return None
    return text
