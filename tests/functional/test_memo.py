from __future__ import annotations

from code_graph.index import index_project
from code_graph.index.update import update_paths
from code_graph.query.cycles import find_cycles
from code_graph.store.sqlite import Store
from tests.conftest import TreeWriter


def test_a_whole_graph_answer_is_reused_until_another_connection_commits(
    write_tree: TreeWriter,
) -> None:
    root = write_tree({"a.ts": "import './b';\n", "b.ts": "export const b = 1;\n"})
    index_project(root, workers=1)
    store = Store.open_for_reading(root)
    try:
        first = find_cycles(store)
        assert find_cycles(store) is first  # nothing committed: the same answer object
        (root / "b.ts").write_text("import './a';\nexport const b = 1;\n")
        update_paths(root, ["b.ts"])  # the writer commits through its own connection
        second = find_cycles(store)
        assert second is not first
        assert [c.path for c in second.cycles] == [["a.ts", "b.ts", "a.ts"]]
    finally:
        store.close()


def test_find_matches_plain_names_and_regexes_with_and_without_case(write_tree: TreeWriter) -> None:
    from code_graph.query.find import find_symbols

    root = write_tree({"a.ts": "export class ShoppingCart {}\nexport function cartTotal() {}\n"})
    index_project(root, workers=1)
    store = Store.open_for_reading(root)
    try:
        assert [s.name for s in find_symbols(store, "Cart").symbols] == ["ShoppingCart"]
        assert [s.name for s in find_symbols(store, "cart", ignore_case=True).symbols] == [
            "ShoppingCart",
            "cartTotal",
        ]
        assert [s.name for s in find_symbols(store, "^cart").symbols] == ["cartTotal"]
    finally:
        store.close()
