"""A `Picture` as one self-contained HTML page with an interactive view.

The page inlines its stylesheet, its script (our own canvas force layout, in
`render/assets/`) and the picture as JSON, so it opens offline from a single file.
Pure apart from reading those package files.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any

from code_graph.query.picture import Picture

_SLOT = re.compile(r"@@(TITLE|STYLE|SCRIPT|DATA)@@")


def picture_document(picture: Picture) -> dict[str, Any]:
    """The picture as the page's data: nodes as objects, edges as compact index arrays
    `[source, target, type_only, cycle, count]` (pages hold thousands of them)."""
    index = {node.id: number for number, node in enumerate(picture.nodes)}
    return {
        "level": picture.level,
        "title": picture.title,
        "note": picture.cut_note,
        "nodes": [
            {
                "id": node.id,
                "label": node.label,
                "group": node.group,
                "kind": node.kind,
                "focus": node.focus,
                "cycle": node.cycle,
                "details": list(node.details),
            }
            for node in picture.nodes
        ],
        "edges": [
            [index[edge.source], index[edge.target], edge.type_only, edge.cycle, edge.count]
            for edge in picture.edges
        ],
    }


def html_page(picture: Picture) -> str:
    """The complete page."""
    data = json.dumps(picture_document(picture), ensure_ascii=False, separators=(",", ":"))
    slots = {
        "TITLE": html.escape(f"code-graph: {picture.title}"),
        "STYLE": _asset("view.css"),
        "SCRIPT": _asset("view.js"),
        "DATA": script_safe(data),
    }
    return _SLOT.sub(lambda match: slots[match.group(1)], _asset("view.html"))


def script_safe(text: str) -> str:
    """JSON that cannot end the `<script>` element holding it (nor open a comment in it)."""
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _asset(name: str) -> str:
    return resources.files("code_graph.render").joinpath("assets", name).read_text("utf-8")
