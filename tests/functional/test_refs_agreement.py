"""Offline tests of the refs measurement scripts (scripts/refs_*.py): the repository list and
its layout from a bare mirror, the two conventions, the use-shape categories, the sample."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import refs_agreement as ra
import refs_compare as rc
import refs_repos as rr
from refs_shapes import use_shape

from code_graph.query.refs import Reference

# --- the repository list and its layout ------------------------------------------------------


def test_committed_repository_list_is_valid_and_anchored() -> None:
    repos = rr.load_repos()
    assert len(repos) >= 6
    for repo in repos.values():
        for pattern in repo.include:
            # `src/` alone would also take every nested src/ folder (benchmarks/x/src/, …).
            assert "/" in pattern.rstrip("/"), f"{repo.name}: {pattern} is not anchored"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"shape": None}, "missing ['shape']"),
        ({"colour": "blue"}, "unknown ['colour']"),
        ({"commit": "abc"}, "40 lower-case hex"),
        ({"github": "no-slash"}, "OWNER/NAME"),
        ({"include": []}, "non-empty list"),
        ({"tsconfig": "../outside.json"}, "inside the repository"),
    ],
)
def test_a_bad_entry_is_refused_with_its_name(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    entry = {
        "github": "o/n",
        "commit": "0" * 40,
        "shape": "s",
        "include": ["/src/"],
        "tsconfig": "tsconfig.json",
        **change,
    }
    lines = ["[demo]"] + [f"{k} = {json.dumps(v)}" for k, v in entry.items() if v is not None]
    listing = tmp_path / "repos.toml"
    listing.write_text("\n".join(lines) + "\n")
    with pytest.raises(rr.RepoError, match=r"\[demo\]") as raised:
        rr.load_repos(listing)
    assert message in str(raised.value)


def _git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def mirror(tmp_path: Path) -> tuple[Path, str]:
    """A bare mirror of a two-commit repository under tmp/mirrors/acme+shop/repo."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    work = tmp_path / "work"
    (work / "src").mkdir(parents=True)
    (work / "tsconfig.json").write_text("{}\n")
    (work / "src" / "a.ts").write_text("export const a = 1;\n")
    (work / "src" / "logo.bin").write_bytes(b"\0" * 4096)
    (work / "docs").mkdir()
    (work / "docs" / "guide.md").write_text("outside the include: not laid out\n")
    (work / "lib").mkdir()
    (work / "lib" / "package.json").write_text("{}\n")  # but a manifest anywhere is
    (work / "lib" / "c.ts").write_text("export const c = 3;\n")
    _git("init", "-q", str(work))
    _git("add", ".", cwd=work)
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one", cwd=work)
    pinned = _git("rev-parse", "HEAD", cwd=work)
    (work / "src" / "b.ts").write_text("export const b = 2;\n")
    _git("add", ".", cwd=work)
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "two", cwd=work)
    mirrors = tmp_path / "mirrors"
    _git("clone", "-q", "--mirror", str(work), str(mirrors / "acme+shop" / "repo"))
    return mirrors, pinned


def _files(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]


def _repo(commit: str) -> rr.Repo:
    return rr.Repo("shop", "acme/shop", commit, "demo", ("/src/",), "tsconfig.json")


def test_lay_out_writes_the_pinned_tree_and_the_include(
    tmp_path: Path, mirror: tuple[Path, str]
) -> None:
    mirrors, pinned = mirror
    root, missing = rr.lay_out(_repo(pinned), mirrors, tmp_path / "out")
    assert (missing, sorted(_files(root))) == (
        [],
        ["code-graph.toml", "lib/package.json", "src/a.ts", "src/logo.bin", "tsconfig.json"],
    )
    assert (root / "code-graph.toml").read_text() == 'include = ["/src/"]\n'
    (root / "src" / "a.ts").write_text("changed")
    assert rr.lay_out(_repo(pinned), mirrors, tmp_path / "out") == (root, [])
    assert (root / "src" / "a.ts").read_text() == "changed"  # reused while the stamp agrees


def test_files_a_partial_mirror_lacks_are_listed_not_fatal(
    tmp_path: Path, mirror: tuple[Path, str]
) -> None:
    mirrors, pinned = mirror
    git_dir = mirrors / "acme+shop" / "repo"
    oid = _git("--git-dir", str(git_dir), "rev-parse", f"{pinned}:src/logo.bin")
    (git_dir / "objects" / oid[:2] / oid[2:]).unlink()  # as the fetch tool leaves big files out
    root, missing = rr.lay_out(_repo(pinned), mirrors, tmp_path / "out")
    assert missing == ["src/logo.bin"]
    assert (root / "src" / "a.ts").read_text() == "export const a = 1;\n"


def test_lay_out_names_what_is_missing(tmp_path: Path, mirror: tuple[Path, str]) -> None:
    mirrors, _ = mirror
    with pytest.raises(rr.RepoError, match="does not hold commit"):
        rr.lay_out(_repo("1" * 40), mirrors, tmp_path / "out")
    with pytest.raises(rr.RepoError, match="github:acme/shop"):
        rr.lay_out(_repo("1" * 40), tmp_path / "nowhere", tmp_path / "out")


# --- conventions -----------------------------------------------------------------------------


def _reference(file: str, line: int, kind: str) -> Reference:
    return Reference(file, line, 1, kind, None, "import", ())


def _compare(tmp_path: Path, rows: list[list[Any]], ours: list[Reference]) -> rc.SymbolResult:
    (tmp_path / "main.ts").write_text("import {\n  parse,\n} from './p';\nparse(x);\nf(parse);\n")
    symbol = {"key": "p.ts#parse@function", "name": "parse", "kind": "function", "references": rows}
    return rc.compare_symbol(symbol, ours, rc.Sources(tmp_path), {})


def test_claimed_counts_imports_on_their_statement_line_every_use_at_the_name(
    tmp_path: Path,
) -> None:
    rows: list[list[Any]] = [
        ["main.ts", 2, 3, "import", "self", {"statement": 1, "syntax": "ImportSpecifier.name"}],
        ["main.ts", 4, 1, "call", "self", {"syntax": "CallExpression.expression"}],
        ["main.ts", 5, 3, "value", "self", {"syntax": "CallExpression.arguments"}],
    ]
    ours = [_reference("main.ts", 1, "import"), _reference("main.ts", 4, "call")]
    result = _compare(tmp_path, rows, ours)
    claimed, _ = result.measures[rc.CLAIMED.name]
    every, _ = result.measures[rc.EVERY_USE.name]
    assert (claimed.ours_right, claimed.ours, claimed.scope_found, claimed.scope) == (2, 2, 2, 2)
    assert (every.ours_right, every.ours, every.scope_found, every.scope) == (1, 2, 1, 3)
    categories = sorted(r["category"] for r in result.disagreements)
    assert categories == [
        "extra: import on its statement's line (TypeScript: at the name)",
        "miss: import: name on a later line than its statement (we list the statement's line)",
        "miss: value: f(X) argument",
    ]


def test_conventions_leave_related_uses_and_closing_tags_out() -> None:
    assert not rc.EVERY_USE.in_scope("call", "related")
    assert not rc.EVERY_USE.in_scope("jsx-close", "self")
    assert not rc.EVERY_USE.in_scope("declaration", "self")
    assert rc.EVERY_USE.in_scope("write", "self") and rc.EVERY_USE.in_scope("jsdoc", "self")
    assert not rc.CLAIMED.in_scope("value", "self") and rc.CLAIMED.in_scope("typeof", "self")


# --- use shapes (syntax as scripts/ts_refs_golden.mjs writes it) -----------------------------


@pytest.mark.parametrize(
    ("kind", "syntax", "shape"),
    [
        ("value", "CallExpression.arguments", "value: f(X) argument"),
        ("shorthand", "ShorthandPropertyAssignment.name", "value: { X } shorthand"),
        ("value", "PropertyAssignment.initializer", "value: { key: X }"),
        ("value", "JsxExpression.expression < JsxAttribute.initializer", "value: <C a={X}/>"),
        ("value", "TemplateSpan.expression", "value: `${X}`"),
        ("value", "SpreadElement.expression", "value: ...X"),
        ("value", "BinaryExpression.right(??=)", "value: x = X (assigned)"),
        ("value", "BinaryExpression.right(instanceof)", "value: x instanceof X"),
        ("value", "BinaryExpression.right(>)", "value: operand of a binary operator"),
        ("value", "ComputedPropertyName.expression", "value: computed key [X]"),
        ("value", "ElementAccessExpression.argumentExpression", "value: obj[X]"),
        ("value", "Decorator.expression", "value: @X decorator without a call"),
        ("value", "AsExpression.expression < ReturnStatement.expression", "value: return X"),
        (
            "value",
            "PropertyAccessExpression.name < VariableDeclaration.initializer",
            "member: recv.X (const v = X)",
        ),
        (
            "qualifier",
            "PropertyAccessExpression.expression < CallExpression.expression",
            "qualifier: X.m() call",
        ),
        (
            "qualifier",
            "PropertyAccessExpression.expression < IfStatement.expression",
            "qualifier: X.y read (enum member, namespace export, static member)",
        ),
        ("write", "BinaryExpression.left(=)", "write: X = …"),
        ("write", "BinaryExpression.left(+=)", "write: X op= …"),
        ("write", "PostfixUnaryExpression.operand(++)", "write: X++ / --X"),
        ("export", "ExportSpecifier.name", "export { X }"),
        ("export", "ExportAssignment.expression", "export default X / export = X"),
        ("typeof", "TypeQuery.exprName < TypeOperator.type", "type: keyof typeof X"),
        ("jsdoc", "JSDoc JSDocParameterTag", "jsdoc type: @param {X}"),
        ("jsdoc", "JSDoc JSDocTypedefTag import()", "jsdoc type: import('…').X"),
        ("jsdoc", "JSDoc JSDocLink", "jsdoc: {@link X}"),
        ("call", "PropertyAccessExpression.name < CallExpression.expression", "call: recv.X()"),
        ("import", "BindingElement.name", "import: require() binding"),
        ("import", "ImportSpecifier.name", "import"),
    ],
)
def test_use_shapes(kind: str, syntax: str, shape: str) -> None:
    assert use_shape(kind, syntax) == shape


def test_a_name_on_a_later_line_than_its_statement() -> None:
    assert use_shape("import", "ImportSpecifier.name", later_line=True) == (
        "import: name on a later line than its statement"
    )
    assert use_shape("import", "BindingElement.name", later_line=True) == (
        "import: require() binding, name on a later line than its statement"
    )


def test_a_golden_without_syntax_falls_back_to_its_kind() -> None:
    assert use_shape("value", None) == "value"
    assert use_shape("call", None) == "call: X()"


# --- the sample --------------------------------------------------------------------------------


def _symbol(qualified: str, kind: str, parent: str | None, signature: str = "") -> dict[str, Any]:
    name = qualified.rsplit(".", 1)[-1]
    return {
        "id": f"a.ts#{qualified}@{kind}",
        "file": "a.ts",
        "name": name,
        "qualified_name": qualified,
        "kind": kind,
        "parent": parent,
        "line": 1,
        "end_line": 1,
        "signature": signature,
    }


def test_eligible_symbols_are_declarations_and_class_or_interface_members() -> None:
    export = {
        "symbols": [
            _symbol("run", "function", None),
            _symbol("LIMIT", "variable", None, "const LIMIT = 3"),
            _symbol("fs", "variable", None, 'const { readFile } = require("fs")'),
            _symbol("C", "class", None),
            _symbol("C.constructor", "method", "C"),
            _symbol("C.go", "method", "C"),
            _symbol("C.size", "property", "C"),
            _symbol("api", "variable", None, "export const api = {"),
            _symbol("api.get", "method", "api"),
            _symbol("run.inner", "function", "run"),
        ]
    }
    declarations, members = ra.eligible_symbols(export)
    assert [s["qualified_name"] for s in declarations] == ["run", "LIMIT", "C", "api"]
    assert [s["qualified_name"] for s in members] == ["C.go", "C.size"]


def test_typescript_answers_are_reused_while_sources_and_declarations_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[list[str]] = []

    def ask(root: Path, files: list[str], symbols: list[dict[str, Any]], *_: Any, **__: Any):
        asked.append([s["key"] for s in symbols])
        answered = [{**s, "found": True, "references": []} for s in symbols]
        return {"typescript": "5.9.3", "config": "tsconfig.json", "symbols": answered}

    monkeypatch.setattr(ra, "ask_typescript", ask)
    monkeypatch.setattr(ra, "ensure_typescript", lambda: tmp_path)
    a, b = (ra._asked(_symbol(n, "function", None)) for n in ("a", "b"))
    cache = tmp_path / "demo.typescript.json"

    def answer(symbols: list[dict[str, Any]], source: str = "c1", fresh: bool = False) -> int:
        document, count = ra.answers(cache, tmp_path, ["a.ts"], symbols, None, source, fresh)
        assert [s["key"] for s in document["symbols"]] == [s["key"] for s in symbols]
        return count

    assert answer([a]) == 1
    assert answer([a, b]) == 1  # only b is new
    assert answer([b, a]) == 0
    assert answer([{**a, "line": 2}]) == 1  # the declaration moved
    assert answer([a], source="c2") == 1  # another commit
    assert answer([a], fresh=True) == 1
    assert asked == [[a["key"]], [b["key"]], [a["key"]], [a["key"]], [a["key"]]]
