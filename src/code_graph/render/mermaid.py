"""A `Picture` as a Mermaid flowchart: one subgraph per group, type-only edges dotted,
cycle edges red, focus nodes filled.

Pure. Node and subgraph ids are generated (`n0`, `g0`); labels are quoted with Mermaid's
entity codes for the characters that would end or reinterpret them.
"""

from __future__ import annotations

from itertools import groupby

from code_graph.query.picture import Picture, PictureNode

_ENTITIES = {
    "#": "#35;",  # first: every other replacement writes a `#`
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "\n": " ",
    "\r": " ",
}
_SHAPES = {"external": ('(["', '"])'), "builtin": ('(["', '"])'), "module": ('[/"', '"/]')}
CLASSES = (
    "classDef focus fill:#ffe08a,stroke:#8a6d00,stroke-width:2px",
    "classDef cycle stroke:#d62728,stroke-width:2px",
)


def label(text: str) -> str:
    """`text` as a quoted Mermaid label."""
    for character, entity in _ENTITIES.items():
        text = text.replace(character, entity)
    return f'"{text}"'


def mermaid_text(picture: Picture) -> str:
    """The Mermaid source of `picture` (a left-to-right flowchart)."""
    ids = {node.id: f"n{number}" for number, node in enumerate(picture.nodes)}
    lines = ["flowchart LR", f"  %% {_comment(picture.title)}"]
    if picture.cut_note:
        lines.append(f"  %% {picture.cut_note}")
    for number, (group, members) in enumerate(groupby(picture.nodes, key=lambda n: n.group)):
        lines.append(f"  subgraph g{number}[{label(group)}]")
        lines.extend(f"    {_node(ids[node.id], node)}" for node in members)
        lines.append("  end")
    cycle_links = []
    for number, edge in enumerate(picture.edges):
        arrow = "-.->" if edge.type_only else "-->"
        lines.append(f"  {ids[edge.source]} {arrow} {ids[edge.target]}")
        if edge.cycle:
            cycle_links.append(str(number))
    lines.extend(f"  {line}" for line in CLASSES)
    focus = [ids[node.id] for node in picture.nodes if node.focus]
    on_cycle = [ids[node.id] for node in picture.nodes if node.cycle]
    for css_class, chosen in (("focus", focus), ("cycle", on_cycle)):
        if chosen:
            lines.append(f"  class {','.join(chosen)} {css_class}")
    if cycle_links:
        lines.append(f"  linkStyle {','.join(cycle_links)} stroke:#d62728,stroke-width:2px")
    return "\n".join(lines) + "\n"


def _node(node_id: str, node: PictureNode) -> str:
    opening, closing = _SHAPES.get(node.kind, ('["', '"]'))
    return f"{node_id}{opening}{label(node.label)[1:-1]}{closing}"


def _comment(text: str) -> str:
    return " ".join(text.split())
