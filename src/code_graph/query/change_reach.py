"""The dependents search of `changes`: `impact`'s, plus what runs a member without naming it.

- instantiation: a constructor's (or a changed property initializer's) change reaches its
  class's instances, the node `("new", class id)`: the `new C` sites, and the instances of
  subclasses (`extends C`);
- dispatch, as `impact` follows it: a use of a member that a changed member overrides or
  implements (a call through `Router.add` may run `RegExpRouter.add`), marked `through` it.
Pure: everything is read through the query ports.
"""

from __future__ import annotations

from collections.abc import Sequence

from code_graph.query.change_values import ChangedSymbol
from code_graph.query.impact import POSITION, Edge, Incoming, Node, symbol_incoming
from code_graph.query.ports import Graph


def reach_incoming(
    graph: Graph, files: dict[Node, str], symbols: Sequence[ChangedSymbol]
) -> Incoming:
    """The search's `incoming` (`files` learns each dependent's file)."""
    return _incoming(graph, files, _initializers(graph, symbols))


def _initializers(graph: Graph, symbols: Sequence[ChangedSymbol]) -> dict[int, int]:
    """What runs when a class is instantiated, by id, with its class's id: every constructor,
    and the changed properties of classes (their initializers)."""
    found = {
        record.id: record.parent_id
        for record in graph.symbols.named("constructor")
        if record.kind == "method" and record.parent_id is not None
    }
    for item in symbols:
        record = item.record
        if record is not None and record.kind == "property" and record.parent_id is not None:
            found[record.id] = record.parent_id
    return found


def _incoming(graph: Graph, files: dict[Node, str], initializers: dict[int, int]) -> Incoming:
    """`impact`'s dependents (dispatch included) and instances (see the module's docstring)."""
    uses = symbol_incoming(graph, files)

    def incoming(nodes: list[Node]) -> dict[Node, list[Edge]]:
        found = uses([node for node in nodes if node[0] == "symbol"])
        classes: dict[int, Node] = {}
        for node in nodes:
            if node[0] == "symbol" and int(node[1]) in initializers:
                instances: Node = ("new", initializers[int(node[1])])
                files.setdefault(instances, files.get(node, ""))
                found[node].append((instances, "new", True, 0, None))  # no line: it is no use
            elif node[0] == "new":
                classes[int(node[1])] = node
                found[node] = []
        if classes:
            for e in sorted(graph.edges.uses_of(sorted(classes)), key=POSITION):
                source: Node
                if e.kind == "new":
                    source = (
                        ("symbol", e.source_id) if e.source_id is not None else ("file", e.file)
                    )
                elif e.kind == "extends" and e.source_id is not None:
                    source = ("new", e.source_id)
                else:
                    continue
                files[source] = e.file
                found[classes[e.target_id]].append((source, e.kind, True, e.line, None))
        return found

    return incoming
