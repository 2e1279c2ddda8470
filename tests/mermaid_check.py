"""A structural check of the Mermaid flowcharts we write (a real parser needs a browser).

Every line must be one of the statement forms the renderer uses, subgraphs must close,
edges may only join declared nodes, and `linkStyle` may only name existing links.
"""

from __future__ import annotations

import re

_LABEL = r'"[^"\n]*"'
_NODE = re.compile(rf"^n\d+(\[{_LABEL}\]|\(\[{_LABEL}\]\)|\[/{_LABEL}/\])$")
_SUBGRAPH = re.compile(rf"^subgraph g\d+\[{_LABEL}\]$")
_EDGE = re.compile(r"^(n\d+) (-->|-\.->) (n\d+)$")
_CLASS_DEF = re.compile(r"^classDef (focus|cycle) [\w#:,.-]+$")
_CLASS = re.compile(r"^class (n\d+(?:,n\d+)*) (focus|cycle)$")
_LINK_STYLE = re.compile(r"^linkStyle (\d+(?:,\d+)*) [\w#:,.-]+$")


def check_mermaid(text: str) -> None:
    """Raise AssertionError at the first statement a Mermaid flowchart would not accept."""
    lines = text.splitlines()
    assert lines[0] == "flowchart LR", lines[0]
    declared: set[str] = set()
    depth = 0
    links = 0
    for raw in lines[1:]:
        line = raw.strip()
        if not line or line.startswith("%%"):
            continue
        if _SUBGRAPH.match(line):
            assert depth == 0, f"nested subgraph: {line}"
            depth += 1
        elif line == "end":
            assert depth == 1, "end without subgraph"
            depth -= 1
        elif _NODE.match(line):
            node = line.split("[", 1)[0].split("(", 1)[0]
            assert node not in declared, f"node declared twice: {node}"
            declared.add(node)
        elif edge := _EDGE.match(line):
            assert {edge.group(1), edge.group(3)} <= declared, f"undeclared node in {line}"
            links += 1
        elif _CLASS_DEF.match(line):
            continue
        elif used := _CLASS.match(line):
            assert set(used.group(1).split(",")) <= declared, line
        elif style := _LINK_STYLE.match(line):
            assert all(int(n) < links for n in style.group(1).split(",")), line
        else:
            raise AssertionError(f"not a statement we write: {line!r}")
    assert depth == 0, "subgraph not closed"
