"""Pictures of examples/acme-shop (facts from its EXPECTED.md), with DOT and Mermaid goldens.

Regenerate the goldens after a deliberate change with
`.venv/bin/pytest tests/functional/test_pictures.py --update-goldens`, then review the diff.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from code_graph.errors import TargetNotFoundError, UsageError
from code_graph.index import index_project
from code_graph.query.picture import Picture, PictureOptions, build_picture
from code_graph.render.dot import dot_text
from code_graph.render.mermaid import mermaid_text
from code_graph.store import Store
from tests.mermaid_check import check_mermaid

TESTS = Path(__file__).resolve().parent.parent
EXAMPLE = TESTS.parent / "examples" / "acme-shop"
GOLDEN = TESTS / "golden" / "pictures"
PRICING = "packages/core/src/pricing/"
CASES = {
    "files": PictureOptions(),
    "packages": PictureOptions(level="package"),
    "cart-symbols": PictureOptions(level="symbol", focus="Cart"),
    "cycles": PictureOptions(cycles=True),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    root = tmp_path_factory.mktemp("pictures") / "acme-shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".code-graph"))
    index_project(root)
    with Store.open_for_reading(root) as opened:
        yield opened


def ids(picture: Picture) -> set[str]:
    return {node.id for node in picture.nodes}


@pytest.mark.parametrize("case", sorted(CASES))
def test_dot_and_mermaid_match_their_goldens(store: Store, case: str, update_goldens: bool) -> None:
    picture = build_picture(store, CASES[case])
    for suffix, text in ((".dot", dot_text(picture)), (".mmd", mermaid_text(picture))):
        golden = GOLDEN / f"{case}{suffix}"
        if update_goldens:
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs (see docstring)"


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.mmd")), ids=lambda p: p.name)
def test_every_mermaid_golden_is_a_well_formed_flowchart(golden: Path) -> None:
    check_mermaid(golden.read_text(encoding="utf-8"))


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not installed")
@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.dot")), ids=lambda p: p.name)
def test_graphviz_parses_and_draws_every_dot_golden(golden: Path) -> None:
    done = subprocess.run(
        ["dot", "-Tsvg"], input=golden.read_bytes(), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"Warning" not in done.stderr and b"Error" not in done.stderr, done.stderr.decode()
    assert done.stdout.lstrip().startswith(b"<?xml")


def test_the_file_level_draws_every_file_and_internal_import(store: Store) -> None:
    picture = build_picture(store, PictureOptions())
    assert len(picture.nodes) == 44
    assert not any(node.kind != "file" for node in picture.nodes)
    assert "packages/legacy/src/text-utils.mjs" in ids(picture)  # no importer, still drawn
    assert {node.group for node in picture.nodes} >= {"packages/core/src/pricing", "apps/web/src"}


def test_the_package_level_draws_workspace_and_external_packages(store: Store) -> None:
    picture = build_picture(store, PictureOptions(level="package"))
    workspace = {node.id for node in picture.nodes if node.kind == "workspace"}
    assert workspace == {"@shop/core", "@shop/ui", "@shop/legacy", "@shop/web"}
    assert {node.id for node in picture.nodes if node.kind == "external"} == {
        "react",
        "react-dom",
        "zod",
    }
    edges = {(edge.source, edge.target) for edge in picture.edges}
    assert ("@shop/web", "@shop/ui") in edges
    assert ("@shop/legacy", "@shop/core") in edges
    assert not any(source == target for source, target in edges)


def test_cycles_keeps_the_runtime_and_the_type_only_cycle(store: Store) -> None:
    picture = build_picture(store, PictureOptions(cycles=True))
    assert ids(picture) == {
        f"{PRICING}engine.ts",
        f"{PRICING}promotions.ts",
        f"{PRICING}coupons.ts",
        "packages/core/src/customer.ts",
        "packages/core/src/address.ts",
    }
    cycle_edges = {(e.source, e.target, e.type_only) for e in picture.edges if e.cycle}
    assert cycle_edges == {
        (f"{PRICING}engine.ts", f"{PRICING}promotions.ts", False),
        (f"{PRICING}promotions.ts", f"{PRICING}coupons.ts", False),
        (f"{PRICING}coupons.ts", f"{PRICING}engine.ts", False),
        ("packages/core/src/customer.ts", "packages/core/src/address.ts", True),
        ("packages/core/src/address.ts", "packages/core/src/customer.ts", True),
    }


def test_a_focus_file_shows_its_dependencies_and_dependents(store: Store) -> None:
    picture = build_picture(store, PictureOptions(focus=f"{PRICING}engine.ts"))
    focus = [node.id for node in picture.nodes if node.focus]
    assert focus == [f"{PRICING}engine.ts"]
    assert f"{PRICING}promotions.ts" in ids(picture)  # a dependency
    assert f"{PRICING}coupons.ts" in ids(picture)  # a dependent
    assert "apps/web/src/main.tsx" not in ids(picture)


def test_depth_widens_the_neighbourhood(store: Store) -> None:
    near = build_picture(store, PictureOptions(focus="PriceTag", depth=1))
    far = build_picture(store, PictureOptions(focus="PriceTag", depth=3))
    assert ids(near) < ids(far)


def test_a_symbol_focus_at_the_symbol_level_shows_its_users(store: Store) -> None:
    picture = build_picture(store, PictureOptions(level="symbol", focus="PriceTag"))
    focus = [node for node in picture.nodes if node.focus]
    assert [node.label for node in focus] == ["PriceTag"]
    users = {e.source for e in picture.edges if e.target == focus[0].id}
    assert any("CartSummary" in user for user in users)


def test_filter_keeps_only_nodes_under_the_prefix(store: Store) -> None:
    picture = build_picture(store, PictureOptions(prefix="packages/legacy/"))
    assert len(picture.nodes) == 8
    assert all(node.id.startswith("packages/legacy/") for node in picture.nodes)


def test_filter_keeps_the_packages_whose_folder_is_under_the_prefix(store: Store) -> None:
    picture = build_picture(store, PictureOptions(level="package", prefix="packages/"))
    assert ids(picture) == {"@shop/core", "@shop/ui", "@shop/legacy"}


def test_the_cap_keeps_the_focus_and_nearest_nodes_and_says_what_it_cut(store: Store) -> None:
    picture = build_picture(
        store, PictureOptions(focus="packages/core/src/index.ts", max_nodes=5, max_edges=4)
    )
    assert len(picture.nodes) == 5
    assert len(picture.edges) == 4
    assert any(node.focus for node in picture.nodes)
    assert picture.omitted_nodes > 0 and picture.omitted_edges > 0
    assert picture.cut_note is not None and "not shown" in picture.cut_note


def test_an_unknown_focus_fails_with_the_closest_names(store: Store) -> None:
    with pytest.raises(TargetNotFoundError) as failure:
        build_picture(store, PictureOptions(focus="Crat"))
    assert "Cart" in failure.value.suggestions
    assert failure.value.exit_code == 1


def test_an_ambiguous_focus_lists_the_candidates(store: Store) -> None:
    with pytest.raises(TargetNotFoundError) as failure:
        build_picture(store, PictureOptions(focus="describe"))
    assert len(failure.value.suggestions) == 4
    assert "names 4 symbols" in str(failure.value)


def test_bad_options_are_usage_errors(store: Store) -> None:
    with pytest.raises(UsageError):
        build_picture(store, PictureOptions(level="galaxy"))
    with pytest.raises(UsageError):
        build_picture(store, PictureOptions(depth=0))
