"""`get_change_impact` through the official MCP client, on a small git repository."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_mcp import McpClient, serve

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")
FILES = {
    "src/math.ts": "export function add(a: number, b: number): number {\n  return a + b\n}\n",
    "src/calc.ts": "import { add } from './math'\nexport const total = (xs: number[]) => xs.reduce(add, 0)\n",
    "src/calc.test.ts": "import { total } from './calc'\ntotal([1])\n",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, capture_output=True, check=True, timeout=60)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mcp-changes") / "repo"
    for relative, text in FILES.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "-c", "user.email=t@c", "-c", "user.name=t", "add", "-A")
    git(root, "-c", "user.email=t@c", "-c", "user.name=t", "commit", "-qm", "base")
    return root


@pytest.fixture(scope="module")
def mcp(repo: Path) -> Iterator[McpClient]:
    with (
        (repo.parent / "stderr.log").open("w+", encoding="utf-8") as stderr,
        serve(repo, stderr, "--structured") as client,
    ):
        yield client


def test_an_edit_shows_its_changed_symbol_dependents_and_test(repo: Path, mcp: McpClient) -> None:
    assert "0 symbols changed" in mcp.text("get_change_impact")
    (repo / "src/math.ts").write_text(FILES["src/math.ts"].replace("a + b", "b + a"))
    text = mcp.text("get_change_impact")
    assert "- body `function add src/math.ts:1`" in text
    assert "- d1 `src/calc.ts:2` total" in text
    assert "`src/calc.test.ts`: src/math.ts:add" in text
    result = mcp.call("get_change_impact", limit=1)
    document = result.structured_content
    assert document is not None
    assert document["dependents_page"] == {
        "offset": 0,
        "returned": 1,
        "total": 2,
        "next_offset": 1,
    }
    assert document["tests"][0]["file"] == "src/calc.test.ts"


def test_bad_parameters_and_an_unknown_base_are_refused(mcp: McpClient) -> None:
    assert "depth" in str(mcp.refused("get_change_impact", depth=0))
    refusal = mcp.refused("get_change_impact", base="no-such-branch")
    assert "unknown revision: no-such-branch" in str(refusal)


def test_a_folder_outside_git_is_a_tool_error(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("export const a = 1\n")
    with (
        (tmp_path / "stderr.log").open("w+", encoding="utf-8") as stderr,
        serve(tmp_path, stderr) as client,
    ):
        result = client.call("get_change_impact")
    assert result.is_error
    assert "is not inside a git repository" in str(result.content[0])
