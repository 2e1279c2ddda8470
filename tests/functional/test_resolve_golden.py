"""Differential tests: our resolver against TypeScript's own answers.

tests/golden/resolve/<case>.json holds what `ts.resolveModuleName` returned for every import
of tests/fixtures/resolve/<case>/ (regenerate with `python scripts/regen_resolve_golden.py`).
Both the resolver itself and what `index_project` stores must give those answers. Where we
differ by design, the fixture's case.json lists the import under `exceptions` with
the file we return instead, and why; an exception that stops being needed fails the test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from code_graph.index import index_project
from code_graph.model import ImportKind, Resolution, ResolutionMethod, UnresolvedReason
from code_graph.query.export import export_graph
from code_graph.render.json_format import export_document
from code_graph.resolve import DiskFileSystem, ModuleResolver
from code_graph.store import Store

TESTS = Path(__file__).resolve().parent.parent
FIXTURES = TESTS / "fixtures" / "resolve"
GOLDEN = TESTS / "golden" / "resolve"
SOURCE = re.compile(r"\.(?:[cm]?tsx?|[cm]?jsx?)$")
CONFIG = re.compile(r"^(?:tsconfig.*\.json|jsconfig\.json|package\.json|pnpm-workspace\.yaml)$")
CASES = sorted(p.stem for p in GOLDEN.glob("*.json"))


def materialize(case: str, into: Path) -> Path:
    """Copy a fixture as the golden script does: `_node_modules` → `node_modules`, plus the
    symlinks listed under `links` in case.json (not `ts_links`, which only TypeScript sees)."""
    root = into / "repo"

    def copy(source: Path, target: Path) -> None:
        target.mkdir(parents=True, exist_ok=True)
        for entry in sorted(source.iterdir()):
            name = "node_modules" if entry.name == "_node_modules" else entry.name
            if entry.is_dir():
                copy(entry, target / name)
            else:
                shutil.copyfile(entry, target / name)

    copy(FIXTURES / case, root)
    for link, target in case_info(case).get("links", {}).items():
        at = root / link
        at.parent.mkdir(parents=True, exist_ok=True)
        at.symlink_to(os.path.relpath(root / target, at.parent))
    return root


def case_info(case: str) -> dict[str, Any]:
    path = FIXTURES / case / "case.json"
    info: dict[str, Any] = json.loads(path.read_text()) if path.is_file() else {}
    return info


def project_files(root: Path) -> tuple[list[str], list[str]]:
    """Sources and configs as the walker would report them (node_modules excluded)."""
    sources: list[str] = []
    configs: list[str] = []
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "node_modules"]
        for name in files:
            rel = Path(directory, name).relative_to(root).as_posix()
            if SOURCE.search(name):
                sources.append(rel)
            if CONFIG.match(name):
                configs.append(rel)
    return sorted(sources), sorted(configs)


def in_node_modules(path: str) -> bool:
    return "node_modules" in path.split("/")


def disagreement(entry: dict[str, Any], ours: Resolution) -> str | None:
    """Why our answer contradicts TypeScript's, or None when they agree."""
    theirs = entry["resolved"]
    if theirs is None:
        return None if ours.file is None else "TypeScript found nothing"
    assert isinstance(theirs, str)
    if in_node_modules(theirs):
        if ours.method is ResolutionMethod.BUILTIN:
            return None
        if ours.method is ResolutionMethod.EXTERNAL and ours.detail == theirs:
            return None
        return f"TypeScript: external {theirs}"
    return None if ours.file == theirs else f"TypeScript: {theirs}"


@pytest.mark.parametrize("case", CASES)
def test_resolver_agrees_with_typescript(case: str, tmp_path: Path) -> None:
    entries = json.loads((GOLDEN / f"{case}.json").read_text())["entries"]
    root = materialize(case, tmp_path)
    sources, configs = project_files(root)
    resolver = ModuleResolver(DiskFileSystem(root), sources, configs)
    problems: list[str] = []
    for entry in entries:
        config = resolver.governing_config(entry["importer"])
        if (config.path if config else None) != entry["config"]:
            problems.append(f"{where(entry)}: config {config and config.path} != {entry['config']}")
    problems += disagreements(
        case,
        entries,
        lambda e: resolver.resolve(e["specifier"], e["importer"], kind=ImportKind(e["kind"])),
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", CASES)
def test_the_index_stores_what_typescript_resolves(case: str, tmp_path: Path) -> None:
    """The same answers through `index_project`: the import records reach the resolver with
    their kind (the mode, so the `require`/`import` conditions, depend on it)."""
    entries = json.loads((GOLDEN / f"{case}.json").read_text())["entries"]
    root = materialize(case, tmp_path)
    index_project(root, workers=1)
    stored = stored_resolutions(root)
    problems = disagreements(
        case, entries, lambda e: stored.get((e["importer"], e["line"], e["specifier"], e["kind"]))
    )
    assert not problems, "\n".join(problems)


def where(entry: dict[str, Any]) -> str:
    return f"{entry['importer']}:{entry['line']}: {entry['specifier']!r} ({entry['kind']})"


def disagreements(
    case: str, entries: list[dict[str, Any]], answer: Callable[[dict[str, Any]], Resolution | None]
) -> list[str]:
    """How our answers (None: the import is missing) contradict TypeScript's golden entries,
    apart from the case's listed exceptions, which must each still be needed."""
    exceptions = {(e["importer"], e["specifier"]): e for e in case_info(case).get("exceptions", [])}
    problems: list[str] = []
    used: set[tuple[str, str]] = set()
    for entry in entries:
        ours = answer(entry)
        if ours is None:
            problems.append(f"{where(entry)}: not found among our imports")
            continue
        exception = exceptions.get((entry["importer"], entry["specifier"]))
        if exception is not None:
            used.add((entry["importer"], entry["specifier"]))
            if ours.file != exception["ours"]:
                problems.append(
                    f"{where(entry)}: listed exception expects {exception['ours']}, got {ours}"
                )
            if exception["ours"] is None and ours.reason is not UnresolvedReason.NON_SOURCE_TARGET:
                problems.append(f"{where(entry)}: expected non-source-target, got {ours}")
            continue
        problem = disagreement(entry, ours)
        if problem is not None:
            problems.append(f"{where(entry)}: ours {ours}; {problem}")
    return problems + [f"unused exception {key}" for key in exceptions.keys() - used]


def stored_resolutions(root: Path) -> dict[tuple[str, int, str, str], Resolution]:
    """(importer, line, specifier, kind) -> the stored outcome of every indexed import."""
    with Store.open_for_reading(root) as store:
        imports = export_document(export_graph(store))["imports"]
    found: dict[tuple[str, int, str, str], Resolution] = {}
    for i in imports:
        outcome = i["resolution"]
        reason = outcome["unresolved_reason"]
        found[(i["file"], i["line"], i["specifier"], i["kind"])] = Resolution(
            ResolutionMethod(outcome["method"]),
            file=outcome["file"],
            package=outcome["package"],
            reason=None if reason is None else UnresolvedReason(reason),
            detail=outcome["detail"] or "",
        )
    return found
