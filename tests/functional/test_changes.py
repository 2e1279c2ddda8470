"""`changes` on small real git repositories: the diff read by git, the index brought up to
date, changed symbols, dependents, affected tests and graph changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from code_graph.errors import UsageError
from code_graph.gitdiff import GitError, read_diff
from code_graph.index import index_project
from code_graph.index.change_impact import change_impact
from code_graph.query.changes import ChangeImpact
from code_graph.query.testfiles import is_test_file

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")
CLI = Path(sys.executable).with_name("code-graph")

MATH = """\
export function add(a: number, b: number): number {
  return a + b
}

export function sub(a: number, b: number): number {
  return a - b
}
"""
BASE = {
    "src/math.ts": MATH,
    "src/index.ts": "export * from './math'\nexport * from './shapes'\n",
    "src/shapes.ts": "export type Size = number\n",
    "src/calc.ts": (
        "import { add } from './math'\n"
        "export function total(xs: number[]): number {\n"
        "  return xs.reduce(add, 0)\n"
        "}\n"
    ),
    "src/render.ts": (
        "import type { Size } from './shapes'\n"
        "export function draw(size: Size): string {\n"
        "  return 'shape'\n"
        "}\n"
    ),
    "test/calc.test.ts": "import { total } from '../src/calc'\ntotal([1, 2])\n",
    "test/sub.test.ts": "import { sub } from '../src'\nsub(1, 2)\n",
    "src/unrelated.spec.ts": "export const nothing = 1\n",
}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """BASE committed and indexed."""
    root = tmp_path / "repo"
    write(root, BASE)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@code-graph")
    git(root, "config", "user.name", "test")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    index_project(root)
    return root


def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")


def changed(result: ChangeImpact) -> dict[str, str]:
    return {item.change.symbol.qualified_name: item.change.detail for item in result.symbols}


def affected_tests(result: ChangeImpact) -> dict[str, bool]:
    return {test.file: test.runtime for test in result.tests}


def test_a_body_only_edit_reaches_its_callers_and_their_tests(repo: Path) -> None:
    write(repo, {"src/math.ts": MATH.replace("a + b", "b + a")})
    result = change_impact(repo)
    assert changed(result) == {"add": "body"}
    assert [
        (d.depth, d.file, d.symbol.name if d.symbol else None) for d in result.dependents.page
    ] == [
        (1, "src/calc.ts", "total"),
        (2, "test/calc.test.ts", None),
    ]
    # not sub.test.ts: it uses sub only
    assert affected_tests(result) == {"test/calc.test.ts": True}
    [test] = result.tests
    assert test.path[0] == "src/math.ts:add"
    assert test.path[-1].endswith("test/calc.test.ts:<top-level>")
    assert not (result.cycles or result.broken_exports or result.broken_imports)


def test_a_signature_edit_is_told_from_a_body_edit(repo: Path) -> None:
    write(repo, {"src/math.ts": MATH.replace("sub(a: number, b: number)", "sub(a: number)")})
    result = change_impact(repo)
    assert changed(result) == {"sub": "signature"}
    [item] = result.symbols
    assert item.change.old is not None and "b: number" in item.change.old.signature


def test_the_index_is_brought_up_to_date_before_answering(repo: Path) -> None:
    write(repo, {"src/extra.ts": "import { add } from './math'\nexport const three = add(1, 2)\n"})
    result = change_impact(repo)
    assert [(f.status, f.path) for f in result.files] == [("added", "src/extra.ts")]
    assert changed(result) == {"three": "added"}
    assert result.symbols[0].record is not None  # the new file is in the index now


def test_a_test_reached_through_a_barrel_names_the_barrel(repo: Path) -> None:
    write(repo, {"src/math.ts": MATH.replace("a - b", "b - a")})
    result = change_impact(repo)
    assert affected_tests(result) == {"test/sub.test.ts": True}
    [test] = result.tests
    assert "via src/index.ts" in " ".join(test.path)


def test_a_change_reached_only_through_a_type_only_import_is_marked(repo: Path) -> None:
    write(repo, {"src/shapes.ts": "export type Size = string\n"})
    result = change_impact(repo)
    assert changed(result) == {"Size": "signature"}
    draw = [d for d in result.dependents.page if d.symbol is not None and d.symbol.name == "draw"]
    assert [d.runtime for d in draw] == [False]


def test_a_renamed_file_is_seen_as_a_rename_and_its_importers_as_broken(repo: Path) -> None:
    git(repo, "mv", "src/calc.ts", "src/calculator.ts")
    result = change_impact(repo)
    assert [(f.status, f.path, f.old_path) for f in result.files] == [
        ("renamed", "src/calculator.ts", "src/calc.ts")
    ]
    assert result.symbols == ()  # the same declarations, moved
    assert [(b.file, b.specifier, b.was) for b in result.broken_imports] == [
        ("test/calc.test.ts", "../src/calc", "src/calc.ts")
    ]


def test_a_deleted_export_still_imported_is_reported_with_its_importers(repo: Path) -> None:
    without_sub = MATH.split("\nexport function sub")[0]
    write(repo, {"src/math.ts": without_sub})
    result = change_impact(repo)
    assert changed(result) == {"sub": "removed"}
    [broken] = result.broken_exports
    assert (broken.file, broken.name, broken.importers) == (
        "src/math.ts",
        "sub",
        (("test/sub.test.ts", 1),),  # through the barrel's export *
    )
    assert affected_tests(result) == {"test/sub.test.ts": True}


def test_a_renamed_export_is_named(repo: Path) -> None:
    write(repo, {"src/math.ts": MATH.replace("function sub(", "function subtract(")})
    result = change_impact(repo)
    [broken] = result.broken_exports
    assert (broken.name, broken.renamed_to) == ("sub", "subtract")


def test_a_new_import_cycle_and_its_removal(repo: Path) -> None:
    write(repo, {"src/math.ts": "import { total } from './calc'\n" + MATH})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "cycle")
    result = change_impact(repo, base="HEAD~1")
    [cycle] = result.cycles
    assert (cycle.files, cycle.runtime, cycle.appeared) == (
        ("src/calc.ts", "src/math.ts"),
        True,
        True,
    )
    write(repo, {"src/math.ts": MATH})
    [gone] = change_impact(repo).cycles
    assert (gone.files, gone.appeared) == (("src/calc.ts", "src/math.ts"), False)


def test_staged_reads_git_index_not_the_working_tree(repo: Path) -> None:
    write(repo, {"src/math.ts": MATH.replace("a + b", "b + a")})
    git(repo, "add", "src/math.ts")
    write(repo, {"src/calc.ts": BASE["src/calc.ts"] + "// unstaged\n"})
    assert {f.path for f in change_impact(repo, staged=True).files} == {"src/math.ts"}
    assert {f.path for f in change_impact(repo).files} == {"src/math.ts", "src/calc.ts"}


def test_a_changed_test_file_is_itself_affected(repo: Path) -> None:
    write(repo, {"test/calc.test.ts": BASE["test/calc.test.ts"] + "total([3])\n"})
    result = change_impact(repo)
    assert affected_tests(result) == {"test/calc.test.ts": True}
    assert result.top_level_changed == ("test/calc.test.ts",)


def test_nothing_changed_exits_1_and_a_change_exits_0_in_every_format(repo: Path) -> None:
    quiet = subprocess.run([str(CLI), "changes"], cwd=repo, capture_output=True, text=True)
    assert quiet.returncode == 1, quiet.stderr
    write(repo, {"src/math.ts": MATH.replace("a + b", "b + a")})
    for extra in ([], ["--format", "compact"], ["--json"]):
        done = subprocess.run(
            [str(CLI), "changes", *extra], cwd=repo, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert "test/calc.test.ts" in done.stdout
    document = json.loads(done.stdout)
    assert document["symbols"][0]["change"] == "modified"
    assert document["tests"][0]["file"] == "test/calc.test.ts"
    assert document["dependents_page"]["total"] == 2


def test_outside_a_repository_and_an_unknown_base_are_clear_errors(
    repo: Path, tmp_path: Path
) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    with pytest.raises(GitError, match="not inside a git repository"):
        read_diff(alone)
    with pytest.raises(UsageError, match="unknown revision: nope"):
        read_diff(repo, "nope")
    done = subprocess.run(
        [str(CLI), "changes", "--base", "nope"], cwd=repo, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr.strip()) == (2, "error: unknown revision: nope")


def test_test_files_follow_the_usual_conventions() -> None:
    assert is_test_file("src/a.test.ts") and is_test_file("src/b.spec.tsx")
    assert is_test_file("src/__tests__/a.ts") and is_test_file("packages/x/test/util.ts")
    assert not is_test_file("src/testing.ts") and not is_test_file("src/latest/a.ts")


BOX = """\
export class Box {
  size: number
  constructor() {
    this.size = 1
  }
}
export class BigBox extends Box {}
"""


def test_a_constructor_change_reaches_new_sites_of_the_class_and_its_subclasses(
    repo: Path,
) -> None:
    write(
        repo,
        {
            "src/box.ts": BOX,
            "src/make.ts": (
                "import { BigBox } from './box'\n"
                "export function make() {\n"
                "  return new BigBox()\n"
                "}\n"
            ),
            "src/unrelated.ts": "import { Box } from './box'\nexport const size = (b: Box) => b.size\n",
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "boxes")
    write(repo, {"src/box.ts": BOX.replace("this.size = 1", "this.size = 2")})
    result = change_impact(repo)
    assert changed(result) == {"Box.constructor": "body"}
    reached = {
        ("new " if d.node[0] == "new" else "") + (d.symbol.qualified_name if d.symbol else "")
        for d in result.dependents.page
    }
    assert reached == {"new Box", "new BigBox", "make"}  # not `size`: it only reads a field


ROUTER = """\
export interface Router {
  add(path: string): void
}
export class FastRouter implements Router {
  add(path: string): void {
    console.log(path)
  }
}
"""


def test_a_method_change_reaches_calls_through_the_interface_it_implements(repo: Path) -> None:
    write(
        repo,
        {
            "src/router.ts": ROUTER,
            "src/app.ts": (
                "import type { Router } from './router'\n"
                "export function mount(router: Router) {\n"
                "  router.add('/')\n"
                "}\n"
            ),
            "src/app.test.ts": "import { mount } from './app'\nmount({ add() {} })\n",
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "router")
    write(repo, {"src/router.ts": ROUTER.replace("console.log(path)", "console.info(path)")})
    result = change_impact(repo)
    assert changed(result) == {"FastRouter.add": "body"}
    assert [
        (d.kind, d.symbol.qualified_name if d.symbol else None, d.through)
        for d in result.dependents.page
    ][:1] == [("call", "mount", "Router.add")]
    [test] = result.tests
    assert test.file == "src/app.test.ts"
    assert "call through Router.add -> src/app.ts:mount" in " ".join(test.path)


def test_a_test_that_cannot_load_the_changed_file_is_not_affected_through_dispatch(
    repo: Path,
) -> None:
    slow = "import type { Router } from './router'\nexport class SlowRouter implements Router {\n  add(path: string): void {}\n}\n"
    write(
        repo,
        {
            "src/router.ts": ROUTER,
            "src/slow.ts": slow,
            "src/app.ts": (
                "import type { Router } from './router'\n"
                "export function mount(router: Router) {\n"
                "  router.add('/')\n"
                "}\n"
            ),
            "src/app.test.ts": "import { mount } from './app'\nmount({ add() {} })\n",
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "routers")
    write(repo, {"src/slow.ts": slow.replace("{}\n}", "{ void path }\n}")})
    result = change_impact(repo)
    assert changed(result) == {"SlowRouter.add": "body"}
    assert "mount" in {d.symbol.name for d in result.dependents.page if d.symbol}
    assert result.tests == ()  # app.test.ts never imports src/slow.ts


def test_a_comment_only_edit_touches_nothing(repo: Path) -> None:
    write(repo, {"src/math.ts": MATH.replace("  return a + b\n", "  // adds\n  return a + b\n")})
    result = change_impact(repo)
    assert [f.path for f in result.files] == ["src/math.ts"]
    assert (result.symbols, result.affected) == ((), False)


def test_a_deleted_file_breaks_its_importers_which_are_affected(repo: Path) -> None:
    git(repo, "rm", "-q", "src/calc.ts")
    result = change_impact(repo)
    assert [(f.status, f.path) for f in result.files] == [("deleted", "src/calc.ts")]
    assert changed(result) == {"total": "removed"}
    assert [(b.file, b.was) for b in result.broken_imports] == [
        ("test/calc.test.ts", "src/calc.ts")
    ]
    [test] = result.tests
    assert (test.file, test.path) == (
        "test/calc.test.ts",
        ("test/calc.test.ts:1 imports src/calc.ts, which is gone",),
    )


def test_a_project_in_a_folder_of_the_repository_sees_its_own_files(tmp_path: Path) -> None:
    repo = tmp_path / "mono"
    write(
        repo,
        {
            "packages/app/src/a.ts": "export const a = 1\n",
            "packages/app/src/b.ts": "import { a } from './a'\nexport const b = a + 1\n",
            "packages/other/x.ts": "export const x = 1\n",
        },
    )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "-c", "user.email=t@c", "-c", "user.name=t", "commit", "-qm", "base")
    app = repo / "packages" / "app"
    index_project(app)
    write(repo, {"packages/app/src/a.ts": "export const a = 2\n", "packages/other/x.ts": "//\n"})
    write(repo, {"packages/app/src/new.ts": "export const n = 1\n"})
    result = change_impact(app, base="HEAD")
    assert [(f.status, f.path) for f in result.files] == [
        ("modified", "src/a.ts"),
        ("added", "src/new.ts"),
    ]
    assert changed(result) == {"a": "body", "n": "added"}
    assert [d.symbol.name for d in result.dependents.page if d.symbol] == ["b"]


def test_no_git_command_and_no_commit_are_clear_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    with pytest.raises(UsageError, match="a repository without commits"):
        read_diff(empty)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(GitError, match="git is not installed"):
        read_diff(empty)
