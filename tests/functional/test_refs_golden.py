"""Differential tests: `refs` against TypeScript's `findReferences` (no Node needed).

tests/golden/refs/<case>.json holds every reference entry TypeScript's LanguageService
returned for every symbol of tests/fixtures/refs/<case>/ (regenerate with
`python scripts/regen_refs_golden.py`). The convention (docs/refs-agreement.md), at line level:

- TypeScript's declarations are never references;
- a line we list is right when TypeScript has any reference there (precision);
- TypeScript's in-scope lines (scope `self`, a kind in IN_SCOPE) must be listed (recall);
- import/re-export entries count on their statement's first line, where we report them.

Each case must keep at least the precision and recall measured when the goldens were made
(FLOORS). Every symbol must agree exactly, except the known disagreements listed in KNOWN,
which are expected failures: a known one that stops happening fails (remove it from KNOWN),
and one that changes shape fails too (update it).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from code_graph.index import index_project
from code_graph.query.refs import Reference, find_references, references_to
from code_graph.store import Store

TESTS = Path(__file__).resolve().parent.parent
FIXTURES = TESTS / "fixtures" / "refs"
GOLDEN = TESTS / "golden" / "refs"
CASES = sorted(p.stem for p in GOLDEN.glob("*.json"))
IN_SCOPE = frozenset(
    {"import", "re-export", "call", "new", "type", "typeof", "extends", "implements", "jsx"}
)
EXPORT_STAR = re.compile(r"^\s*export\s+(?:type\s+)?\*\s+from\b")


@dataclass(frozen=True)
class Floor:
    """Line-level and file-level precision/recall a case must keep (measured values)."""

    line_precision: float
    line_recall: float
    file_precision: float
    file_recall: float


FLOORS: dict[str, Floor] = {
    "barrels": Floor(31 / 31, 31 / 31, 21 / 21, 21 / 21),
    "classes": Floor(61 / 61, 61 / 69, 33 / 33, 33 / 38),
    "commonjs": Floor(20 / 21, 14 / 15, 12 / 13, 8 / 9),
    "generics": Floor(33 / 33, 33 / 36, 13 / 13, 13 / 15),
    "merged": Floor(30 / 30, 30 / 34, 17 / 17, 17 / 19),
    "react": Floor(24 / 24, 24 / 24, 16 / 16, 16 / 16),
    "shadowing": Floor(13 / 14, 13 / 13, 8 / 9, 8 / 8),
}


@dataclass(frozen=True)
class Known:
    """A known disagreement for one symbol: the lines we miss and the lines we list wrongly."""

    why: str
    misses: tuple[str, ...] = ()
    extras: tuple[str, ...] = ()


# Reasons (docs/refs-agreement.md has the categories):
# TypeScript's findReferences from a constructor does not follow `exports.C = C` to a
# `const { C } = require()` consumer (its go-to-definition does: we list that `new C()`).
CJS_CTOR = "TypeScript does not follow a CommonJS export from a constructor"
RECEIVER = "member call whose receiver's type must be inferred (a call's return type)"

KNOWN: dict[str, dict[str, Known]] = {
    "commonjs": {
        "lib/money.js#Money.constructor@method": Known(CJS_CTOR, extras=("lib/app.js:7",)),
    },
    "generics": {
        "src/types.ts#Shape.area@method": Known(RECEIVER, ("src/shapes.ts:20",)),
    },
    "merged": {
        "src/stream.ts#Stream.toArray@method": Known(RECEIVER, ("src/use.ts:18",)),
    },
}


class KnownDisagreementError(Exception):
    """Raised when a symbol disagrees exactly as KNOWN says (the expected failure)."""


@dataclass
class Comparison:
    ours: set[str]  # our lines ("file:line"), `export *` re-export lines left out
    every: set[str]  # TypeScript's reference lines (any kind but declaration, any scope)
    scope: set[str]  # TypeScript's in-scope lines

    @property
    def misses(self) -> set[str]:
        return self.scope - self.ours

    @property
    def extras(self) -> set[str]:
        return self.ours - self.every


@dataclass
class Case:
    root: Path
    store: Store
    golden: dict[str, Any]

    def symbols(self) -> list[dict[str, Any]]:
        return [s for s in self.golden["symbols"] if "references" in s]

    def compare(self, symbol: dict[str, Any]) -> Comparison:
        every: set[str] = set()
        scope: set[str] = set()
        statement_of: dict[str, str] = {}
        for file, line, _column, kind, where, *rest in symbol["references"]:
            at = f"{file}:{line}"
            statement = rest[0].get("statement") if rest else None
            if statement is not None:
                statement_of[at] = at = f"{file}:{statement}"
            if kind == "declaration":
                continue
            every.add(at)
            if where == "self" and kind in IN_SCOPE:
                scope.add(at)
        ours: set[str] = set()
        for reference in self.references(symbol):
            at = f"{reference.file}:{reference.line}"
            if reference.kind in ("import", "re-export"):
                at = statement_of.get(at, at)
            if at not in every and reference.kind == "re-export" and self._export_star(reference):
                continue
            ours.add(at)
        return Comparison(ours, every, scope)

    def references(self, symbol: dict[str, Any]) -> list[Reference]:
        result = find_references(self.store, f"{symbol['file']}:{symbol['qualified_name']}")
        found = result.lookup.symbol
        if found is not None and found.kind == symbol["kind"]:
            return result.references
        for match in result.lookup.matches:
            if match.kind == symbol["kind"] and match.line == symbol["line"]:
                return references_to(self.store, match)
        raise AssertionError(f"refs cannot address {symbol['key']}: {result.lookup}")

    def _export_star(self, reference: Reference) -> bool:
        lines = (self.root / reference.file).read_text(encoding="utf-8").splitlines()
        return bool(EXPORT_STAR.match(lines[reference.line - 1]))


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Case]]:
    """Every fixture copied, indexed once, and opened for reading."""
    opened: dict[str, Case] = {}
    base = tmp_path_factory.mktemp("refs")
    with contextlib.ExitStack() as stores:
        for name in CASES:
            root = base / name
            shutil.copytree(FIXTURES / name, root)
            index_project(root, workers=1)
            golden = json.loads((GOLDEN / f"{name}.json").read_text())
            opened[name] = Case(root, stores.enter_context(Store.open_for_reading(root)), golden)
        yield opened


def ratio(right: int, total: int) -> float:
    return right / total if total else 1.0


@pytest.mark.parametrize("name", CASES)
def test_case_keeps_its_precision_and_recall(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    counts = dict.fromkeys(("ours", "right", "scope", "found"), 0)
    files = dict.fromkeys(("ours", "right", "scope", "found"), 0)
    for symbol in case.symbols():
        c = case.compare(symbol)
        counts["ours"] += len(c.ours)
        counts["right"] += len(c.ours & c.every)
        counts["scope"] += len(c.scope)
        counts["found"] += len(c.scope & c.ours)
        our_files = {at.rsplit(":", 1)[0] for at in c.ours}
        every_files = {at.rsplit(":", 1)[0] for at in c.every}
        scope_files = {at.rsplit(":", 1)[0] for at in c.scope}
        files["ours"] += len(our_files)
        files["right"] += len(our_files & every_files)
        files["scope"] += len(scope_files)
        files["found"] += len(scope_files & our_files)
    measured = Floor(
        ratio(counts["right"], counts["ours"]),
        ratio(counts["found"], counts["scope"]),
        ratio(files["right"], files["ours"]),
        ratio(files["found"], files["scope"]),
    )
    floor = FLOORS[name]
    for field in ("line_precision", "line_recall", "file_precision", "file_recall"):
        assert getattr(measured, field) >= getattr(floor, field) - 1e-9, (
            f"{name}: {field} fell to {getattr(measured, field):.3f} "
            f"(floor {getattr(floor, field):.3f}); measured {measured}"
        )


def _symbol_params() -> list[Any]:
    params = []
    for name in CASES:
        golden = json.loads((GOLDEN / f"{name}.json").read_text())
        for symbol in golden["symbols"]:
            if "references" not in symbol:
                continue
            known = KNOWN.get(name, {}).get(symbol["key"])
            marks = (
                [pytest.mark.xfail(raises=KnownDisagreementError, strict=True, reason=known.why)]
                if known is not None
                else []
            )
            params.append(pytest.param(name, symbol["key"], marks=marks, id=symbol["key"]))
    return params


@pytest.mark.parametrize(("name", "key"), _symbol_params())
def test_symbol_agrees_with_typescript(cases: dict[str, Case], name: str, key: str) -> None:
    case = cases[name]
    symbol = next(s for s in case.symbols() if s["key"] == key)
    comparison = case.compare(symbol)
    misses, extras = sorted(comparison.misses), sorted(comparison.extras)
    known = KNOWN.get(name, {}).get(key)
    if known is not None and (misses, extras) == (sorted(known.misses), sorted(known.extras)):
        raise KnownDisagreementError(known.why)
    assert (misses, extras) == ([], []), (
        f"{key}: TypeScript's references we miss {misses}, lines we list that TypeScript "
        f"does not {extras}" + (f"; KNOWN expected {known}" if known else "")
    )


def test_known_disagreements_name_golden_symbols() -> None:
    for name, symbols in KNOWN.items():
        golden = json.loads((GOLDEN / f"{name}.json").read_text())
        keys = {s["key"] for s in golden["symbols"]}
        assert set(symbols) <= keys, f"{name}: KNOWN lists symbols not in the golden file"


def test_goldens_cover_every_fixture() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == CASES
    for name in CASES:
        golden = json.loads((GOLDEN / f"{name}.json").read_text())
        assert golden["typescript"].startswith("5."), name
        assert all("references" in s or "problem" in s for s in golden["symbols"]), name
