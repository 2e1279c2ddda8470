"""The installed `code-graph` command on the example monorepo (facts from examples/acme-shop/EXPECTED.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-shop"
CLI = Path(sys.executable).with_name("code-graph")
GENERATED = "packages/core/src/generated/catalog-feed.ts"


def run(
    *args: str, cwd: Path | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(CLI), *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def run_json(*args: str, cwd: Path | None = None) -> Any:
    return json.loads(run(*args, "--json", cwd=cwd).stdout)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example, indexed once (the repository itself stays clean)."""
    root = tmp_path_factory.mktemp("e2e") / "acme-shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".code-graph"))
    generated = root / GENERATED
    if not generated.exists():  # git may drop the deliberately ignored file on checkout
        generated.parent.mkdir(parents=True, exist_ok=True)
        generated.write_text("export const feed = [];\n")
    run("index", str(root), "--quiet")
    return root


def test_index_reports_every_source_file_by_language(shop: Path) -> None:
    summary = run_json("index", str(shop))
    assert summary["parsed_files"] == 0  # already indexed by the fixture: nothing to parse
    stats = summary["stats"]
    assert stats["files"] == 44
    assert stats["declaration_files"] == 1
    assert stats["files_by_language"] == {"typescript": 25, "tsx": 11, "javascript": 7, "jsx": 1}
    assert stats["skipped"] == 0


def test_the_export_holds_files_imports_and_their_resolution(shop: Path) -> None:
    graph = run_json_export(shop)
    paths = {f["path"] for f in graph["files"]}
    assert GENERATED not in paths  # ignored by the nested packages/core/.gitignore
    assert len(graph["imports"]) == 119
    by_kind = Counter((i["kind"], i["type_only"]) for i in graph["imports"])
    assert by_kind == {
        ("static", False): 66,
        ("static", True): 23,
        ("re-export", False): 20,
        ("re-export", True): 4,
        ("require", False): 5,
        ("dynamic", False): 1,
    }
    resolved = {(i["file"], i["specifier"]): i["resolution"] for i in graph["imports"]}
    assert (
        resolved[("packages/ui/src/PriceTag.tsx", "@shop/core")]["file"]
        == "packages/core/src/index.ts"
    )
    assert resolved[("apps/web/src/api/client.ts", "../util.js")]["file"] == "apps/web/src/util.ts"
    assert (
        resolved[("packages/core/src/money/format.ts", "./money")]["file"]
        == "packages/core/src/money/money.ts"
    )
    assert (
        resolved[("packages/legacy/src/reports.mjs", "./text-utlis.mjs")]["unresolved_reason"]
        == "not-found"
    )
    methods = Counter(i["resolution"]["method"] for i in graph["imports"])
    assert methods == {
        "relative": 80,
        "paths": 12,
        "workspace": 7,
        "external": 13,
        "builtin": 5,
        "unresolved": 2,
    }


def run_json_export(root: Path) -> Any:
    return json.loads(run("export", str(root), "--format", "json").stdout)


def test_stats_reads_the_store_without_reindexing(shop: Path) -> None:
    stats = run_json("stats", str(shop))
    assert stats["unresolved_by_reason"] == {"not-found": 1, "non-source-target": 1}
    assert stats["top_packages"][0] == {"package": "react", "importing_files": 11}


def test_find_lists_definitions_and_exits_1_when_nothing_matches(shop: Path) -> None:
    found = run_json("find", "^Cart$", "-p", str(shop))
    assert [(s["kind"], s["file"]) for s in found["symbols"]] == [
        ("class", "packages/core/src/cart.ts")
    ]
    assert run("find", "^NoSuchThing$", "-p", str(shop), check=False).returncode == 1


def test_refs_follow_barrels_to_every_jsx_use(shop: Path) -> None:
    refs = run_json("refs", "PriceTag", "-p", str(shop))
    jsx = Counter(r["file"].rsplit("/", 1)[1] for r in refs["references"] if r["kind"] == "jsx")
    assert jsx == {
        "CartSummary.tsx": 2,
        "ProductCard.tsx": 1,
        "CheckoutPage.tsx": 3,
        "OrderHistoryPage.tsx": 1,
    }


def test_refs_of_a_unique_call_name_the_caller(shop: Path) -> None:
    refs = run_json("refs", "redeemCoupon", "-p", str(shop), "--kind", "call")
    assert [(r["file"], r["line"], r["enclosing"]) for r in refs["references"]] == [
        ("packages/core/src/pricing/promotions.ts", 43, "applyPromotions")
    ]


def test_refs_take_several_kinds_and_refuse_unknown_ones(shop: Path) -> None:
    both = run_json("refs", "PriceTag", "-p", str(shop), "--kind", "jsx,import", "--kind", "read")
    assert {r["kind"] for r in both["references"]} == {"jsx", "import"}
    bad = run("refs", "PriceTag", "-p", str(shop), "--kind", "call,bogus", check=False)
    assert bad.returncode == 2
    assert "unknown reference kind 'bogus'" in bad.stderr and "re-export" in bad.stderr


def test_an_unknown_symbol_suggests_close_names_and_exits_1(shop: Path) -> None:
    result = run("refs", "PriceTga", "-p", str(shop), "--format", "compact", check=False)
    assert result.returncode == 1
    assert "did you mean: PriceTag" in result.stdout


def test_circular_finds_the_runtime_cycle_in_import_order_and_the_type_only_one(shop: Path) -> None:
    cycles = run_json("circular", str(shop))["cycles"]
    assert [(c["runtime"], c["path"]) for c in cycles] == [
        (
            True,
            [
                f"packages/core/src/pricing/{n}.ts"
                for n in ("engine", "promotions", "coupons", "engine")
            ],
        ),
        (
            False,
            [
                "packages/core/src/customer.ts",
                "packages/core/src/address.ts",
                "packages/core/src/customer.ts",
            ],
        ),
    ]
    runtime_only = run_json("circular", str(shop), "--runtime-only")["cycles"]
    assert len(runtime_only) == 1


def test_impact_of_a_file_reaches_its_transitive_importers(shop: Path) -> None:
    result = run_json("impact", "packages/core/src/pricing/coupons.ts", "-p", str(shop))
    files = {f["file"]: f["depth"] for f in result["files"]}
    assert files["packages/core/src/pricing/promotions.ts"] == 1
    assert files["packages/core/src/pricing/engine.ts"] == 2


def test_context_shows_hierarchy_and_barrels(shop: Path) -> None:
    view = run_json("context", "packages/core/src/cart.ts:Cart", "-p", str(shop))
    assert view["definition"]["signature"].startswith("class Cart extends Entity")
    assert [e["symbol"]["name"] for e in view["extends"]] == ["Entity"]
    assert view["barrels"] == ["packages/core/src/index.ts"]


def test_a_missing_project_path_is_a_one_line_usage_error(tmp_path: Path) -> None:
    result = run("index", str(tmp_path / "nope"), check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nope'}: no such directory"


def test_queries_without_an_index_say_how_to_create_one(tmp_path: Path) -> None:
    result = run("stats", str(tmp_path), check=False)
    assert result.returncode == 2
    assert "run `code-graph index" in result.stderr
