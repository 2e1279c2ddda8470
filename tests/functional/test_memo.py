from __future__ import annotations

from code_graph.index import index_project
from code_graph.index.update import update_paths
from code_graph.query.cycles import find_cycles
from code_graph.query.stats import project_stats
from code_graph.store import Store, WriteLock
from tests.conftest import TreeWriter


def test_a_whole_graph_answer_is_reused_until_another_connection_commits(
    write_tree: TreeWriter,
) -> None:
    root = write_tree({"a.ts": "import './b';\n", "b.ts": "export const b = 1;\n"})
    index_project(root, workers=1)
    with Store.open_for_reading(root) as store:
        first = find_cycles(store)
        assert find_cycles(store) is first  # nothing committed: the same answer object
        (root / "b.ts").write_text("import './a';\nexport const b = 1;\n")
        update_paths(root, ["b.ts"])  # the writer commits through its own connection
        second = find_cycles(store)
        assert second is not first
        assert [c.path for c in second.cycles] == [["a.ts", "b.ts", "a.ts"]]


def test_a_stores_own_commit_also_retires_its_answers(write_tree: TreeWriter) -> None:
    root = write_tree({"a.ts": "import './b';\n", "b.ts": "export const b = 1;\n"})
    index_project(root, workers=1)
    with WriteLock(root, 10.0), Store.open_for_writing(root) as store:
        first = find_cycles(store)
        with store.atomic():  # SQLite's data_version ignores a connection's own commits
            store.set_meta("touched", "yes")  # type: ignore[arg-type]
        assert find_cycles(store) is not first


def test_projects_opened_in_turn_each_answer_with_their_own_graph(write_tree: TreeWriter) -> None:
    # A store closed and another opened may get the same id() and the same data_version:
    # neither may serve one project's cycles or stats to the other.
    looped = write_tree({"loop/a.ts": "import './b';\n", "loop/b.ts": "import './a';\n"}) / "loop"
    flat = write_tree({"flat/a.ts": "import './b';\n", "flat/b.ts": "", "flat/c.ts": ""}) / "flat"
    index_project(looped, workers=1)
    index_project(flat, workers=1)
    expected = {looped: ([["a.ts", "b.ts", "a.ts"]], 2), flat: ([], 3)}
    for root in [looped, flat] * 20:  # enough turns for CPython to hand out a freed id again
        with Store.open_for_reading(root) as store:
            answer = ([c.path for c in find_cycles(store).cycles], project_stats(store).files)
        assert answer == expected[root], root.name


def test_find_matches_plain_names_and_regexes_with_and_without_case(write_tree: TreeWriter) -> None:
    from code_graph.query.find import find_symbols

    root = write_tree({"a.ts": "export class ShoppingCart {}\nexport function cartTotal() {}\n"})
    index_project(root, workers=1)
    with Store.open_for_reading(root) as store:
        assert [s.name for s in find_symbols(store, "Cart").symbols] == ["ShoppingCart"]
        assert [s.name for s in find_symbols(store, "cart", ignore_case=True).symbols] == [
            "ShoppingCart",
            "cartTotal",
        ]
        assert [s.name for s in find_symbols(store, "^cart").symbols] == ["cartTotal"]
