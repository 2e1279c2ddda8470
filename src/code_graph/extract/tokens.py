"""The tokens at many offsets of a tree, found in one pass.

A lookup from the root for each offset scans a large ERROR node's children again for every
offset: quadratic in a file the parser could not make sense of. Here every list of children
on the way is scanned once, with all the offsets inside it.
"""

from __future__ import annotations

from code_graph.extract.grammar import Node


def tokens_at(nodes: list[Node], offsets: list[int]) -> dict[int, Node]:
    """The token (leaf) holding the byte at each of `offsets` (ascending) among `nodes`
    (siblings, in order) and their descendants; offsets between tokens are left out."""
    found: dict[int, Node] = {}
    pending = [(nodes, offsets)]
    while pending:
        siblings, wanted = pending.pop()
        index = at = 0
        while index < len(siblings) and at < len(wanted):
            node = siblings[index]
            if wanted[at] < node.start_byte:
                at += 1
            elif wanted[at] >= node.end_byte:
                index += 1
            else:
                inside = at + 1
                while inside < len(wanted) and wanted[inside] < node.end_byte:
                    inside += 1
                if node.child_count:
                    pending.append((node.children, wanted[at:inside]))
                else:
                    found.update(dict.fromkeys(wanted[at:inside], node))
                at, index = inside, index + 1
    return found
