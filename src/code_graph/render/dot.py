"""A `Picture` as Graphviz DOT: one cluster per group, type-only edges dashed, cycles red.

Pure: every id and label is a quoted DOT string, so any path, name or unicode is safe.
"""

from __future__ import annotations

from itertools import groupby

from code_graph.query.picture import Picture, PictureEdge, PictureNode

CYCLE_COLOUR = "#d62728"
FOCUS_FILL = "#ffe08a"
TYPE_ONLY_COLOUR = "#8c8c8c"
_SHAPES = {"external": "ellipse", "builtin": "ellipse", "module": "note", "workspace": "box3d"}


def quote(text: str) -> str:
    """`text` as a DOT double-quoted string (backslashes, quotes and line breaks escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def dot_text(picture: Picture) -> str:
    """The DOT source of `picture` (a directed graph, left to right)."""
    caption = picture.title + (f" ({picture.cut_note})" if picture.cut_note else "")
    lines = [
        'digraph "code-graph" {',
        f"  graph [rankdir=LR, fontname=Helvetica, fontsize=11, labelloc=t, label={quote(caption)}];",
        '  node [shape=box, style="rounded,filled", fillcolor="#f4f6f8", fontname=Helvetica, fontsize=10];',
        '  edge [color="#4a4a4a", arrowsize=0.7];',
    ]
    for number, (group, members) in enumerate(groupby(picture.nodes, key=lambda n: n.group)):
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f'    label={quote(group)}; style="rounded"; color="#b8c0c8";')
        lines.extend(f"    {_node(node)}" for node in members)
        lines.append("  }")
    lines.extend(f"  {_edge(edge)}" for edge in picture.edges)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node(node: PictureNode) -> str:
    attributes = [f"label={quote(node.label)}", f"tooltip={quote(node.id)}"]
    if node.kind in _SHAPES:
        attributes.append(f"shape={_SHAPES[node.kind]}")
    if node.focus:
        attributes.append(f'fillcolor="{FOCUS_FILL}", penwidth=2')
    if node.cycle:
        attributes.append(f'color="{CYCLE_COLOUR}"')
    return f"{quote(node.id)} [{', '.join(attributes)}];"


def _edge(edge: PictureEdge) -> str:
    attributes = []
    if edge.type_only:
        attributes.append("style=dashed")
    if edge.cycle:
        attributes.append(f'color="{CYCLE_COLOUR}", penwidth=2')
    elif edge.type_only:
        attributes.append(f'color="{TYPE_ONLY_COLOUR}"')
    if edge.count > 1:
        attributes.append(f'tooltip="×{edge.count}"')
    suffix = f" [{', '.join(attributes)}]" if attributes else ""
    return f"{quote(edge.source)} -> {quote(edge.target)}{suffix};"
