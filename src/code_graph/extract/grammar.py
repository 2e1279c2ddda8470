"""Grammars, parsers and compiled queries, built once per process and reused.

This module is the only one that builds tree-sitter parsers, ranges and query cursors; the
rest of the package reads the nodes they return.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript

from code_graph.model import Language

Node = tree_sitter.Node
Captures = dict[str, list[Node]]
Point = tree_sitter.Point
Place = tuple[int, Point]  # a byte offset and its row and byte column

# The query files each dialect runs over the whole tree (see queries/*.scm).
MAIN_QUERY_FILES: dict[Language, tuple[str, ...]] = {
    Language.TYPESCRIPT: ("core.scm", "typescript.scm"),
    Language.TSX: ("core.scm", "typescript.scm", "jsx.scm"),
    Language.JAVASCRIPT: ("core.scm", "javascript.scm", "jsx.scm"),
    Language.JSX: ("core.scm", "javascript.scm", "jsx.scm"),
}
TOPLEVEL_QUERY_FILE = "toplevel.scm"  # matched only at the program's children
ERRORS_QUERY_FILE = "errors.scm"  # run only on trees that have errors


@dataclass(frozen=True, slots=True)
class Grammar:
    """A parser and the compiled queries for one dialect."""

    parser: tree_sitter.Parser
    range_parser: tree_sitter.Parser  # parses one byte range of a file (its included range)
    main: tree_sitter.Query
    toplevel: tree_sitter.Query
    errors: tree_sitter.Query


# Tree-sitter's queries take time quadratic in the children of one ERROR node (a long run of
# tokens it could not fit into any construct, such as `function ( { [` repeated): 30,000
# children take a second, 200,000 minutes. A region that large is garbage, not code.
MAX_ERROR_CHILDREN = 5_000


def read_query(*names: str) -> str:
    """The concatenated text of query files shipped in `queries/`."""
    folder = resources.files("code_graph.extract").joinpath("queries")
    return "\n".join(folder.joinpath(name).read_text("utf-8") for name in names)


@cache
def _language(dialect: Language) -> tree_sitter.Language:
    if dialect is Language.TYPESCRIPT:
        return tree_sitter.Language(tree_sitter_typescript.language_typescript())
    if dialect is Language.TSX:
        return tree_sitter.Language(tree_sitter_typescript.language_tsx())
    return tree_sitter.Language(tree_sitter_javascript.language())


@cache
def grammar(dialect: Language) -> Grammar:
    """The cached parser and queries for a dialect."""
    language = _language(dialect)
    return Grammar(
        parser=tree_sitter.Parser(language),
        range_parser=tree_sitter.Parser(language),
        main=tree_sitter.Query(language, read_query(*MAIN_QUERY_FILES[dialect])),
        toplevel=tree_sitter.Query(language, read_query(TOPLEVEL_QUERY_FILE)),
        errors=tree_sitter.Query(language, read_query(ERRORS_QUERY_FILE)),
    )


def parse_tree(dialect: Language, source: bytes) -> Node:
    """The root of the syntax tree of `source`."""
    return grammar(dialect).parser.parse(source).root_node


def parse_range(dialect: Language, source: bytes, start: Place, end: Place) -> Node:
    """The root of a tree of bytes `start:end` of `source`, parsed as if nothing else were
    there; its nodes have their positions in the whole of `source`."""
    parser = grammar(dialect).range_parser
    parser.included_ranges = [tree_sitter.Range(start[1], end[1], start[0], end[0])]
    return parser.parse(source).root_node


def run_queries(dialect: Language, root: Node) -> Captures:
    """The captures of the main query over the tree and of the top-level query over its
    children."""
    compiled = grammar(dialect)
    captures = tree_sitter.QueryCursor(compiled.main).captures(root)
    toplevel = tree_sitter.QueryCursor(compiled.toplevel)
    toplevel.set_max_start_depth(1)
    for name, nodes in toplevel.captures(root).items():
        captures.setdefault(name, []).extend(nodes)
    return captures


def error_nodes(dialect: Language, root: Node) -> Captures:
    """ERROR and MISSING nodes under `root` (empty when the tree has no errors)."""
    if not root.has_error:
        return {}
    return tree_sitter.QueryCursor(grammar(dialect).errors).captures(root)


def error_count(root: Node) -> int:
    """How many ERROR and MISSING nodes the tree has. Only subtrees that contain an error are
    visited (a query would take time quadratic in a tangle's children)."""
    count = 0
    pending = [root] if root.has_error else []
    while pending:
        node = pending.pop()
        count += node.is_error or node.is_missing
        pending.extend(child for child in node.children if child.has_error)
    return count


def largest_tangle(root: Node) -> Node | None:
    """An ERROR node with more than MAX_ERROR_CHILDREN children, if the tree has one.

    Only subtrees that contain an error are visited, so a clean tree costs one check.
    """
    pending = [root] if root.has_error else []
    while pending:
        node = pending.pop()
        if node.is_error and node.child_count > MAX_ERROR_CHILDREN:
            return node
        pending.extend(child for child in node.children if child.has_error)
    return None
