"""One entry point for every picture format: text for dot, mermaid and html, bytes from Graphviz."""

from __future__ import annotations

from code_graph.query.picture import Picture
from code_graph.render.dot import dot_text
from code_graph.render.graphviz import GRAPHVIZ_FORMATS, render_graphviz
from code_graph.render.html import html_page
from code_graph.render.mermaid import mermaid_text

PICTURE_FORMATS = ("dot", "mermaid", "html", *GRAPHVIZ_FORMATS)


def draw(picture: Picture, output_format: str) -> str | bytes:
    """`picture` in `output_format` (one of PICTURE_FORMATS).

    Raises:
        GraphvizMissingError: svg or png asked for without Graphviz installed.
        GraphvizFailedError: Graphviz could not draw it.
    """
    if output_format == "dot":
        return dot_text(picture)
    if output_format == "mermaid":
        return mermaid_text(picture)
    if output_format == "html":
        return html_page(picture)
    return render_graphviz(dot_text(picture), output_format)
