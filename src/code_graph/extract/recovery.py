"""Parsing a file so that a syntax error costs at most the statement it is in.

A tree without errors is queried as it is. Otherwise the known grammar bug of repair.py is
worked around first. What still has errors is recovered statement by statement: a run of
top-level nodes the parser could not make sense of (an ERROR, a statement with an error
inside, and the fragments after it, up to the next complete statement at the start of a
line) is cut where a line starts with a statement keyword (`export`, `interface`,
`function`, `const`, a decorator, ... at column 0), and each piece is parsed on its own, so an
error cannot swallow the declarations after it. A piece that still does not parse keeps what
tree-sitter made of it, and its declaration is read from its header (outline.py).

A tree that holds a tangle (an ERROR node too large to query, see grammar.py) is not queried
at all: what lies outside the tangled regions is parsed on its own too, so the tangle costs
only its region. Each byte is parsed at most twice more (the repair, the pieces), the queries
run once over each tree, and every lookup of tokens is one pass (tokens.py), so the cost
stays linear in the size of the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from code_graph.extract.grammar import (
    MAX_ERROR_CHILDREN,
    Captures,
    Node,
    Place,
    Point,
    error_count,
    error_nodes,
    largest_tangle,
    parse_range,
    parse_tree,
    run_queries,
)
from code_graph.extract.outline import Outline, read_outline
from code_graph.extract.repair import call_signature_breaks, repaired
from code_graph.extract.tokens import tokens_at
from code_graph.model import Language

# what starts a top-level statement when it is written at the start of a line
_STATEMENT_START = re.compile(
    rb"^(?:(?:export|import|interface|type|function|class|const|let|var|enum|namespace|module"
    rb"|exports|declare|abstract|async)(?![\w$])|@[A-Za-z_$])",
    re.MULTILINE,
)
_NOT_CODE = frozenset({"comment", "string_fragment", "jsx_text"})  # text a keyword may be in
_STATEMENTS = frozenset(
    {
        "comment",
        "hash_bang_line",
        "statement_block",
        "module",
        "internal_module",
        "function_signature",
        "import_alias",
    }
)
_STATEMENT_SUFFIXES = ("_statement", "_declaration")
_TYPED = frozenset({Language.TYPESCRIPT, Language.TSX})


@dataclass(slots=True)
class Parsed:
    """What the queries captured, over the tree and the pieces parsed on their own.

    `errors` are the outermost ERROR and MISSING nodes of what was queried, in source order;
    `tangles` are regions too large to query, which gave no facts; `outlines` are
    declarations read from the headers of pieces that still do not parse; `damaged` holds the
    first and last line (1-based) of each run of top-level nodes that had errors.
    """

    captures: Captures
    errors: list[Node] = field(default_factory=list)
    tangles: list[Tangle] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    damaged: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Tangle:
    """An unparsable region too large to query (see grammar.MAX_ERROR_CHILDREN)."""

    start_byte: int
    start_point: Point
    end_point: Point
    tokens: int

    @classmethod
    def of(cls, error: Node) -> Tangle:
        return cls(error.start_byte, error.start_point, error.end_point, error.child_count)


@dataclass(frozen=True, slots=True)
class Region:
    """Consecutive top-level nodes that had errors, and the statement keywords inside them
    where a piece of their own starts (`cuts`, in source order)."""

    nodes: list[Node]
    cuts: list[Node]

    def pieces(self) -> list[tuple[Place, Place]]:
        """Where each piece starts and ends: from the region's start or a cut to the next."""
        first, last = self.nodes[0], self.nodes[-1]
        starts = [(first.start_byte, first.start_point)]
        starts += [(cut.start_byte, cut.start_point) for cut in self.cuts]
        ends = [*starts[1:], (last.end_byte, last.end_point)]
        return list(zip(starts, ends, strict=True))


def parse_file(dialect: Language, source: bytes) -> Parsed:
    """Parse and query `source`; a tree without errors costs nothing more."""
    root = parse_tree(dialect, source)
    if not root.has_error:
        return Parsed(run_queries(dialect, root))
    if dialect in _TYPED:
        breaks = call_signature_breaks(source, root)
        if breaks:
            fixed = repaired(source, breaks)
            fixed_root = parse_tree(dialect, fixed)
            if error_count(fixed_root) < error_count(root):
                source, root = fixed, fixed_root
                if not root.has_error:
                    return Parsed(run_queries(dialect, root))
    return _recovered(dialect, source, root)


def _recovered(dialect: Language, source: bytes, root: Node) -> Parsed:
    parsed = Parsed({})
    replaced: list[tuple[Place, Place]] = []  # parts of the tree whose facts come from pieces
    pieces: list[Node] = []
    tangled = root.is_error and root.child_count > MAX_ERROR_CHILDREN
    for region in lost_regions(root, source):
        first, last = region.nodes[0], region.nodes[-1]
        start, end = (first.start_byte, first.start_point), (last.end_byte, last.end_point)
        parsed.damaged.append((start[1][0] + 1, end[1][0] + 1))
        tangle = _region_tangle(root, region)
        tangled = tangled or tangle is not None
        if region.cuts:
            replaced.append((start, end))
            for piece_start, piece_end in region.pieces():
                _parse_piece(parsed, pieces, dialect, source, piece_start, piece_end)
            continue
        if tangle is not None:
            replaced.append((start, end))
            parsed.tangles.append(tangle)
        _outline(parsed, source, region.nodes, start)
    errors: list[Node] = []
    if tangled:  # (a byte range does not spare a query the cost of a tangle in its tree)
        whole = ((0, Point(0, 0)), (root.end_byte, root.end_point))
        for start, end in _gaps(replaced, *whole):
            _parse_piece(parsed, pieces, dialect, source, start, end, read_header=False)
    else:
        _collect(parsed, errors, dialect, root, _outside(replaced))
    for piece in pieces:
        _collect(parsed, errors, dialect, piece, None)
    for nodes in parsed.captures.values():
        nodes.sort(key=_start)
    parsed.errors = _outermost(errors)
    return parsed


def _parse_piece(
    parsed: Parsed,
    pieces: list[Node],
    dialect: Language,
    source: bytes,
    start: Place,
    end: Place,
    *,
    read_header: bool = True,
) -> None:
    """Parse `start:end` on its own: a tree to query, or a tangle; when it still has errors,
    read its declaration's header (unless that was done already)."""
    piece = parse_range(dialect, source, start, end)
    tangle = largest_tangle(piece)
    if tangle is None:
        pieces.append(piece)
    else:
        parsed.tangles.append(Tangle.of(tangle))
    if read_header and piece.has_error:
        _outline(parsed, source, piece.children, start)


def _region_tangle(root: Node, region: Region) -> Tangle | None:
    """The region's ERROR node that is too large to query, if there is one; for a tree that
    is one ERROR node, the region itself when it holds too many of its children."""
    if root.is_error and len(region.nodes) > MAX_ERROR_CHILDREN:
        first, last = region.nodes[0], region.nodes[-1]
        return Tangle(first.start_byte, first.start_point, last.end_point, len(region.nodes))
    for node in region.nodes:
        tangle = largest_tangle(node)
        if tangle is not None:
            return Tangle.of(tangle)
    return None


def _collect(
    parsed: Parsed,
    errors: list[Node],
    dialect: Language,
    root: Node,
    kept: Callable[[Node], bool] | None,
) -> None:
    """Add the captures and error nodes of a tree (those `kept` says yes to)."""
    for name, nodes in run_queries(dialect, root).items():
        parsed.captures.setdefault(name, []).extend(nodes if kept is None else filter(kept, nodes))
    for nodes in error_nodes(dialect, root).values():
        errors.extend(nodes if kept is None else filter(kept, nodes))


def _outside(ranges: list[tuple[Place, Place]]) -> Callable[[Node], bool]:
    """Whether a node lies outside every one of `ranges` (in order, disjoint); a MISSING
    token where a range ends is inside it."""
    starts = [start[0] for start, _ in ranges]
    ends = [end[0] for _, end in ranges]

    def outside(node: Node) -> bool:
        start = node.start_byte
        index = bisect_right(starts, start) - 1
        return index < 0 or start > ends[index] or (start == ends[index] < node.end_byte)

    return outside


def _gaps(ranges: list[tuple[Place, Place]], start: Place, end: Place) -> list[tuple[Place, Place]]:
    """The parts of `start:end` outside `ranges` (in order, disjoint), empty ones left out."""
    gaps = []
    at = start
    for range_start, range_end in ranges:
        if range_start[0] > at[0]:
            gaps.append((at, range_start))
        at = range_end
    if end[0] > at[0]:
        gaps.append((at, end))
    return gaps


def _start(node: Node) -> int:
    return node.start_byte


def _outermost(errors: list[Node]) -> list[Node]:
    """Error nodes not inside another one, in source order."""
    errors.sort(key=lambda node: (node.start_byte, -node.end_byte))
    found: list[Node] = []
    reach = -1
    for node in errors:
        if node.start_byte >= reach:
            found.append(node)
            reach = max(reach, node.end_byte)
    return found


def _outline(parsed: Parsed, source: bytes, nodes: list[Node], start: Place) -> None:
    """Read the header of a piece that still has errors (its nodes in order)."""
    last = next((node for node in reversed(nodes) if node.type != "comment"), None)
    if last is None:
        return
    outline = read_outline(source, start, (last.end_byte, last.end_point))
    if outline is not None:
        parsed.outlines.append(outline)


def lost_regions(root: Node, source: bytes) -> list[Region]:
    """The runs of top-level nodes with errors, each with the fragments that follow it up
    to the next sound statement (a complete statement without errors that starts a line,
    or follows a sound one on its line), and where pieces of their own start inside it."""
    regions: list[Region] = []
    run: list[Node] = []
    damaged = False
    in_error = root.is_error  # then every node that is not sound is a fragment of the error
    previous_sound, previous_row = True, -1
    for node in root.children:
        row, column = node.start_point
        sound = (
            not node.has_error
            and _is_statement(node.type)
            and (column == 0 or (previous_sound and row == previous_row))
        )
        if sound:
            if damaged:
                regions.append(Region(run, _cuts(source, run)))
            run, damaged = [], False
        else:
            run.append(node)
            damaged = damaged or in_error or node.has_error
        previous_sound, previous_row = sound, node.end_point[0]
    if damaged:
        regions.append(Region(run, _cuts(source, run)))
    return regions


def _is_statement(kind: str) -> bool:
    return kind in _STATEMENTS or kind.endswith(_STATEMENT_SUFFIXES)


def _cuts(source: bytes, nodes: list[Node]) -> list[Node]:
    """The tokens inside `nodes` (after the first byte) that start a line with a statement
    keyword and are code (not in a comment, string or JSX text)."""
    start, end = nodes[0].start_byte, nodes[-1].end_byte
    offsets = [match.start() for match in _STATEMENT_START.finditer(source, start + 1, end)]
    if not offsets:
        return []
    tokens = tokens_at(nodes, offsets)
    return [
        token
        for at in offsets
        for token in [tokens.get(at)]
        if token is not None and token.start_byte == at and token.type not in _NOT_CODE
    ]
