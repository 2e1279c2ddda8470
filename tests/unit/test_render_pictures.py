"""The picture renderers (DOT, Mermaid, HTML) on hand-made pictures: pure, no store."""

from __future__ import annotations

import json
import re

from code_graph.query.picture import Picture, PictureEdge, PictureNode
from code_graph.render.dot import dot_text, quote
from code_graph.render.html import html_page, picture_document, script_safe
from code_graph.render.mermaid import label, mermaid_text
from tests.mermaid_check import check_mermaid

TRICKY = 'say "hi" \\ [x] {y} <b> #1 `tick` ünïcödé 日本 → ok'


def picture(*, cut: bool = False) -> Picture:
    nodes = (
        PictureNode("src/a.ts", "a.ts", "src", "file", focus=True, details=("class A :1",)),
        PictureNode("src/b.ts", "b.ts", "src", "file", cycle=True),
        PictureNode("src/c.ts", "c.ts", "src", "file", cycle=True),
        PictureNode(f"weird/{TRICKY}.ts", TRICKY, "weird", "file"),
        PictureNode("react", "react", "external packages", "external"),
    )
    edges = (
        PictureEdge("src/a.ts", "src/b.ts", False, False, 2),
        PictureEdge("src/a.ts", "react", False, False, 1),
        PictureEdge("src/b.ts", "src/c.ts", True, True, 1),
        PictureEdge("src/c.ts", "src/b.ts", False, True, 1),
        PictureEdge(f"weird/{TRICKY}.ts", "src/a.ts", True, False, 1),
    )
    return Picture("file", "file imports", nodes, edges, 3 if cut else 0, 4 if cut else 0)


def test_dot_quotes_escape_backslashes_quotes_and_line_breaks() -> None:
    assert quote('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    assert quote("日本 → ü") == '"日本 → ü"'


def test_dot_draws_clusters_per_group_and_styles_edges_by_kind() -> None:
    text = dot_text(picture())
    assert text.startswith('digraph "code-graph" {')
    assert text.count("subgraph cluster_") == 3
    assert '"src/a.ts" -> "src/b.ts" [tooltip="×2"];' in text
    assert '"src/b.ts" -> "src/c.ts" [style=dashed, color="#d62728", penwidth=2];' in text
    assert '"src/a.ts" -> "react";' in text
    assert 'fillcolor="#ffe08a"' in text  # the focus
    assert '"react" [label="react", tooltip="react", shape=ellipse];' in text
    assert quote(TRICKY) in text


def test_dot_caption_says_what_the_cap_cut() -> None:
    assert "3 more nodes and 4 more edges not shown" in dot_text(picture(cut=True))


def test_mermaid_labels_use_entity_codes_for_characters_that_would_break_them() -> None:
    assert label('a "b" <c> #d `e`') == '"a #quot;b#quot; #lt;c#gt; #35;d #96;e#96;"'
    assert label("x\ny") == '"x y"'
    assert label("日本 [x] {y}") == '"日本 [x] {y}"'


def test_mermaid_draws_subgraphs_dotted_type_only_edges_and_red_cycles() -> None:
    text = mermaid_text(picture())
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    assert sum(line.strip().startswith("subgraph ") for line in lines) == 3
    assert "  n0 --> n1" in lines  # a.ts → b.ts
    assert "  n1 -.-> n2" in lines  # type-only
    assert '    n4(["react"])' in lines  # packages are stadiums
    assert "  class n0 focus" in lines
    assert "  class n1,n2 cycle" in lines
    assert "  linkStyle 2,3 stroke:#d62728,stroke-width:2px" in lines
    check_mermaid(text)


def test_mermaid_notes_the_cut_in_a_comment() -> None:
    assert "%% cut to 5 nodes and 5 edges" in mermaid_text(picture(cut=True))


def test_the_page_document_keeps_nodes_and_packs_edges_as_index_arrays() -> None:
    document = picture_document(picture())
    assert [node["id"] for node in document["nodes"]][:2] == ["src/a.ts", "src/b.ts"]
    assert document["nodes"][0]["details"] == ["class A :1"]
    assert document["edges"][2] == [1, 2, True, True, 1]


def test_the_page_is_self_contained() -> None:
    page = html_page(picture())
    assert page.startswith("<!DOCTYPE html>")
    assert "@@" not in page  # every slot filled
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from the network
    assert "function select(" in page  # the script is inlined
    assert "#canvas" in page  # so is the stylesheet


def test_the_data_survives_labels_that_look_like_markup() -> None:
    hostile = "</script><script>alert(1)</script><!--"
    nodes = (PictureNode(hostile, hostile, "g", "file"),)
    page = html_page(Picture("file", hostile, nodes, ()))
    assert page.count("</script>") == 2  # only the page's own two script elements
    start = page.index('type="application/json">') + len('type="application/json">')
    data = json.loads(page[start : page.index("</script>", start)])
    assert data["nodes"][0]["label"] == hostile
    assert "<title>code-graph: &lt;/script&gt;" in page


def test_script_safe_escapes_line_separators() -> None:
    assert script_safe("a\u2028b<c") == "a\\u2028b\\u003cc"
