"""No single file stops an index: a failure of ours while extracting, resolving or linking one
file costs that file's facts at that step, is recorded with its reason, and leaves the rest of
the graph exactly as it would be without the failure."""

from __future__ import annotations

import json
import os
import random
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from code_graph.cli import main
from code_graph.extract import extract_file
from code_graph.index import index_project, indexer
from code_graph.index import jobs as parse_jobs
from code_graph.index import update as updater
from code_graph.index.pool import run_jobs
from code_graph.index.update import update_paths
from code_graph.link.references import ReferenceLinker
from code_graph.model import FileFacts, Resolution, ResolutionMethod, UnresolvedReason
from code_graph.query.export import export_graph
from code_graph.query.refs import find_references
from code_graph.render.json_format import export_document
from code_graph.resolve.resolver import ModuleResolver
from code_graph.store import Store
from tests.conftest import TreeWriter

PROJECT = {
    "tsconfig.json": '{"compilerOptions": {"strict": true}}',
    "src/ast.ts": (
        "export namespace AST {\n  export interface Program { type: 'Program'; body: string[] }\n}\n"
    ),
    # A value named like the namespace its type comes from (issue #16: endless recursion).
    "src/program.ts": (
        "import { type AST } from './ast';\n"
        "const AST: AST.Program = { type: 'Program', body: [] };\n"
        "export function size(): number {\n  return AST.body.length;\n}\n"
    ),
    "src/model.ts": (
        "export interface Item { id: string }\n"
        "export class Store<T extends Item> {\n  items: T[] = [];\n  add(item: T): void {}\n}\n"
    ),
    "src/index.ts": "export * from './model';\nexport { size } from './program';\n",
    "src/cart.ts": (
        "import { Store, type Item } from './index';\nimport { size } from './program';\n"
        "export class Cart extends Store<Item> {\n  count(): number { return size(); }\n}\n"
    ),
    "src/main.ts": (
        "import { Cart } from './cart';\nimport * as shop from './index';\n"
        "export function main(): void {\n  new Cart().add({ id: '1' });\n"
        "  new shop.Store().add({ id: '2' });\n}\n"
    ),
}
FILES = sorted(path for path in PROJECT if path.endswith(".ts"))


def _export(root: Path) -> dict[str, Any]:
    with Store.open_for_reading(root) as store:
        return export_document(export_graph(store))


def _failures(root: Path) -> list[tuple[str, str, int]]:
    with Store.open_for_reading(root) as store:
        return [(f.path, f.stage, f.lost) for f in store.counts.failures()]


def _without(document: dict[str, Any], path: str) -> dict[str, Any]:
    """The parts of an export that `path` did not write: its own imports, references and
    edges left out (its symbols stay: other files' edges point at them)."""
    kept = dict(document)
    kept["imports"] = [i for i in document["imports"] if i["file"] != path]
    kept["references"] = [r for r in document["references"] if r["file"] != path]
    kept["symbol_edges"] = [e for e in document["symbol_edges"] if e["file"] != path]
    kept["edges"] = [e for e in document["edges"] if e["from"] != path]
    return kept


def test_a_value_named_like_its_types_namespace_indexes(write_tree: TreeWriter) -> None:
    root = write_tree(PROJECT)
    index_project(root, workers=1)
    assert _failures(root) == []
    with Store.open_for_reading(root) as store:
        program = find_references(store, "src/ast.ts:AST.Program")
    # `AST.Program` in a type position names the imported namespace's interface.
    assert ("src/program.ts", 2) in {(ref.file, ref.line) for ref in program.references}


def test_a_type_named_through_its_own_holder_stays_unlinked(write_tree: TreeWriter) -> None:
    root = write_tree({"a.ts": "const A: A.B = {} as any;\nexport const n = A.c;\n"})
    index_project(root, workers=1)
    assert _failures(root) == []


INJECTED = "maximum recursion depth exceeded (injected)"


def _failing_for(path: str, original: Callable[..., Any], pick: Callable[..., str]) -> Any:
    def patched(*args: Any, **kwargs: Any) -> Any:
        if pick(*args, **kwargs) == path:
            raise RecursionError(INJECTED)
        return original(*args, **kwargs)

    return patched


def _quiet_for(
    path: str, original: Callable[..., Any], pick: Callable[..., str], empty: Any
) -> Any:
    def patched(*args: Any, **kwargs: Any) -> Any:
        return empty if pick(*args, **kwargs) == path else original(*args, **kwargs)

    return patched


def _paths_when_linking(monkeypatch: pytest.MonkeyPatch) -> dict[int, str]:
    """File id -> path, learnt from the store as each link starts (the linker names files by
    their store ids, which are given out while the index runs)."""
    paths: dict[int, str] = {}

    def learning(link: Callable[..., int]) -> Callable[..., int]:
        def linking(store: Store, *args: Any) -> int:
            paths.update(store.files.paths_by_id())
            return link(store, *args)

        return linking

    monkeypatch.setattr(indexer, "link_project", learning(indexer.link_project))
    monkeypatch.setattr(updater, "link_files", learning(updater.link_files))
    return paths


def _inject(monkeypatch: pytest.MonkeyPatch, stage: str, victim: str, *, fail: bool) -> None:
    """Make `stage` raise for `victim` (fail), or give the answer of a file whose facts at that
    stage are simply absent: no imports resolve, no reference links."""
    if stage == "resolve":
        original = ModuleResolver._resolve
        pick: Callable[..., str] = lambda self, specifier, importer, kind: importer  # noqa: E731
        missing = Resolution(ResolutionMethod.UNRESOLVED, reason=UnresolvedReason.NOT_FOUND)
        patched = (
            _failing_for(victim, original, pick)
            if fail
            else _quiet_for(victim, original, pick, missing)
        )
        monkeypatch.setattr(ModuleResolver, "_resolve", patched)
    else:
        original_link = ReferenceLinker._resolve
        paths = _paths_when_linking(monkeypatch)
        pick = lambda self, ref: paths[ref.file]  # noqa: E731
        patched = (
            _failing_for(victim, original_link, pick)
            if fail
            else _quiet_for(victim, original_link, pick, None)
        )
        monkeypatch.setattr(ReferenceLinker, "_resolve", patched)


@pytest.fixture(scope="module")
def without_each(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The export of the project without each file in turn."""
    base = tmp_path_factory.mktemp("without")
    exports: dict[str, Any] = {}
    for missing in FILES:
        root = base / missing.replace("/", "_")
        for relative, text in PROJECT.items():
            if relative != missing:
                (root / relative).parent.mkdir(parents=True, exist_ok=True)
                (root / relative).write_text(text)
        index_project(root, workers=1)
        exports[missing] = _export(root)
    return exports


@pytest.mark.parametrize("victim", FILES)
def test_an_extraction_failure_costs_exactly_its_file(
    victim: str,
    write_tree: TreeWriter,
    without_each: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pick = lambda path, data: path  # noqa: E731
    monkeypatch.setattr(parse_jobs, "extract_file", _failing_for(victim, extract_file, pick))
    root = write_tree(PROJECT)

    run = index_project(root, workers=1)

    assert [(s.path, s.reason.value) for s in run.skipped] == [(victim, "extract-failed")]
    assert _failures(root) == [(victim, "extract", 1)]
    # Imports of the lost file say it exists but is not indexed, where it is simply missing
    # from the tree without it; everything else is the same.
    assert _unresolved_alike(_export(root)) == _unresolved_alike(without_each[victim])


def _unresolved_alike(document: dict[str, Any]) -> dict[str, Any]:
    imports = []
    for item in document["imports"]:
        if item["resolution"]["unresolved_reason"] in ("excluded-file", "not-found"):
            resolution = dict(item["resolution"], unresolved_reason="missing", detail=None)
            item = dict(item, resolution=resolution)
        imports.append(item)
    return dict(document, imports=imports)


def _unresolved_as_not_found(document: dict[str, Any], path: str) -> dict[str, Any]:
    imports = []
    for item in document["imports"]:
        if item["file"] == path:
            resolution = dict(item["resolution"], unresolved_reason="not-found", detail=None)
            item = dict(item, resolution=resolution)
        imports.append(item)
    return dict(document, imports=imports)


@pytest.mark.parametrize("seed", range(10))
def test_a_resolution_or_link_failure_costs_exactly_that_step_of_its_file(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chance = random.Random(seed)
    victim, stage = chance.choice(FILES), chance.choice(["resolve", "link"])
    roots = {}
    for fail in (True, False):
        root = roots[fail] = tmp_path / ("failing" if fail else "absent")
        for relative, text in PROJECT.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text)
        with monkeypatch.context() as patch:
            _inject(patch, stage, victim, fail=fail)
            index_project(root, workers=1)

    failing, absent = _export(roots[True]), _export(roots[False])
    if stage == "resolve":
        lost = sum(1 for item in absent["imports"] if item["file"] == victim)
        failing = _unresolved_as_not_found(failing, victim)
    else:
        lost = sum(1 for ref in absent["references"] if ref["file"] == victim)
    assert failing == absent
    assert _failures(roots[True]) == ([(victim, stage, lost)] if lost else [])
    assert _failures(roots[False]) == []


def test_an_update_records_and_clears_link_failures(
    write_tree: TreeWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree(PROJECT)
    index_project(root, workers=1)
    original = ReferenceLinker._resolve
    paths = _paths_when_linking(monkeypatch)
    pick = lambda self, ref: paths[ref.file]  # noqa: E731
    monkeypatch.setattr(ReferenceLinker, "_resolve", _failing_for("src/main.ts", original, pick))
    (root / "src/main.ts").write_text(PROJECT["src/main.ts"] + "\n")
    update_paths(root, ["src/main.ts"])
    assert [(path, stage) for path, stage, _ in _failures(root)] == [("src/main.ts", "link")]
    monkeypatch.undo()
    (root / "src/main.ts").write_text(PROJECT["src/main.ts"])
    update_paths(root, ["src/main.ts"])
    assert _failures(root) == []


def test_stats_and_index_json_list_failures(
    write_tree: TreeWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree(PROJECT)
    _inject(monkeypatch, "link", "src/cart.ts", fail=True)

    indexed = CliRunner().invoke(main, ["index", str(root), "--json"])
    stats = CliRunner().invoke(main, ["stats", str(root), "--json"])

    expected = [
        {"path": "src/cart.ts", "stage": "link", "lost": 3, "detail": f"RecursionError: {INJECTED}"}
    ]
    assert indexed.exit_code == 0, indexed.output
    assert json.loads(indexed.stdout)["stats"]["failures"] == expected
    assert json.loads(stats.stdout)["failures"] == expected
    table = CliRunner().invoke(main, ["stats", str(root)])
    assert "Failures of code-graph" in table.stdout and "src/cart.ts" in table.stdout


def _crash_on(path: str) -> Callable[[str, bytes], FileFacts]:
    def extract(relative: str, data: bytes) -> FileFacts:
        if relative == path:
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer, or a crash in the parser
        return extract_file(relative, data)

    return extract


def test_a_parser_process_that_dies_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "many"
    (root / "src").mkdir(parents=True)
    names = [f"src/m{i:03}.ts" for i in range(120)]
    for i, name in enumerate(names):
        (root / name).write_text(f"export function f{i}(): number {{ return {i}; }}\n")
    monkeypatch.setattr(parse_jobs, "extract_file", _crash_on("src/m037.ts"))
    jobs = [parse_jobs.ParseJob(str(root), name, None, 1 << 20) for name in names]

    outcomes = list(run_jobs(jobs, workers=2))

    assert [o.source.path for o in outcomes] == names
    skipped = [o.skipped for o in outcomes if o.skipped is not None]
    assert [(s.path, s.reason.value) for s in skipped] == [("src/m037.ts", "extract-failed")]
    assert "died" in skipped[0].detail
    assert all(o.rows is not None for o in outcomes if o.source.path != "src/m037.ts")
