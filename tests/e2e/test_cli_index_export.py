"""`index` inside an indexed project, empty and broken input, and what `export` refuses
(through CliRunner, and the installed script on a pseudo-terminal)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from code_graph.cli import main
from tests.conftest import TreeWriter

CLI = Path(sys.executable).with_name("code-graph")
PROJECT = {
    "src/a.ts": "import { b } from './lib/b';\nexport const a = b;\n",
    "src/lib/b.ts": "export const b = 1;\n",
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_index_from_a_subfolder_re_indexes_the_enclosing_project(
    write_tree: TreeWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree(PROJECT)
    assert invoke("index", str(root), "-q").exit_code == 0
    monkeypatch.chdir(root / "src" / "lib")
    result = invoke("index", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["root"] == str(root.resolve())
    assert not (root / "src" / "lib" / ".code-graph").exists()


def test_an_explicit_path_inside_an_indexed_project_asks_for_new(write_tree: TreeWriter) -> None:
    root = write_tree(PROJECT)
    invoke("index", str(root), "-q")
    inside = root / "src"
    refused = invoke("index", str(inside))
    assert refused.exit_code == 2
    assert f"is inside the indexed project {root.resolve()}" in refused.output
    assert "add --new" in refused.output
    assert not (inside / ".code-graph").exists()
    separate = invoke("index", str(inside), "--new", "--json")
    assert separate.exit_code == 0, separate.output
    assert (inside / ".code-graph").is_dir()
    assert json.loads(separate.stdout)["root"] == str(inside.resolve())


def test_an_empty_folder_says_no_source_files_were_found(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("index", str(empty))
    assert result.exit_code == 1
    assert f"no TypeScript or JavaScript files found under {empty.resolve()}" in result.output


def test_a_truncated_tsconfig_is_named_with_its_json_error_on_every_run(
    write_tree: TreeWriter,
) -> None:
    root = write_tree({**PROJECT, "tsconfig.json": '{\n  "compilerOptions": {\n    "strict": true'})
    for _ in range(2):  # the second run re-parses nothing and still warns
        result = invoke("index", str(root))
        assert result.exit_code == 0, result.output
        assert "warning tsconfig.json: invalid JSON at line 3" in result.stdout


def test_export_json_refuses_the_picture_options(write_tree: TreeWriter) -> None:
    root = write_tree(PROJECT)
    invoke("index", str(root), "-q")
    for option in (["--focus", "a"], ["--filter", "src/"], ["--cycles"]):
        result = invoke("export", str(root), "--format", "json", *option)
        assert result.exit_code == 2
        assert f"{option[0]}: only for pictures" in result.output


def test_a_png_is_not_written_to_a_terminal(write_tree: TreeWriter) -> None:
    root = write_tree(PROJECT)
    invoke("index", str(root), "-q")
    leader, follower = pty.openpty()
    try:
        finished = subprocess.run(
            [str(CLI), "export", str(root), "--format", "png"],
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
        os.set_blocking(leader, False)
        try:
            written = os.read(leader, 4096)
        except BlockingIOError:
            written = b""
    finally:
        os.close(leader)
        os.close(follower)
    assert finished.returncode == 2
    assert "a PNG is binary: write it with -o FILE" in finished.stderr
    assert b"PNG" not in written
