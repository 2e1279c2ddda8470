"""Hostile file systems: every odd entry is reported as skipped and none stops the index."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from code_graph.index import index_project
from code_graph.index.content import SNIFF_BYTES
from code_graph.index.jobs import ParseJob, run_job
from code_graph.model import SkipReason
from code_graph.store import Store
from tests.conftest import TreeWriter
from tests.unit.test_index_content import minified

CLI = Path(sys.executable).with_name("code-graph")
NOBODY = 65534


def _stored_paths(root: Path) -> list[str]:
    with Store.open_for_reading(root) as store:
        return sorted(store.files.by_path())


def _skips(run_skipped: tuple[object, ...]) -> dict[str, SkipReason]:
    return {skip.path: skip.reason for skip in run_skipped}  # type: ignore[attr-defined]


def test_a_symlink_loop_named_like_a_source_is_skipped_as_unreadable(
    write_tree: TreeWriter,
) -> None:
    root = write_tree({"src/a.ts": "export const a = 1;\n"})
    os.symlink("loop.ts", root / "src" / "loop.ts")
    os.symlink("ping.ts", root / "src" / "pong.ts")
    os.symlink("pong.ts", root / "src" / "ping.ts")
    run = index_project(root, workers=1)
    assert _skips(run.skipped) == {
        "src/loop.ts": SkipReason.UNREADABLE,
        "src/ping.ts": SkipReason.UNREADABLE,
        "src/pong.ts": SkipReason.UNREADABLE,
    }
    assert "symbolic links" in run.skipped[0].detail
    assert _stored_paths(root) == ["src/a.ts"]


def test_file_and_folder_names_that_are_not_utf8_are_reported_not_fatal(
    write_tree: TreeWriter,
) -> None:
    root = write_tree({"src/a.ts": "export const a = 1;\n"})
    (root / "src" / os.fsdecode(b"bad\xff.ts")).write_bytes(b"export const b = 1;\n")
    odd_folder = root / os.fsdecode(b"lib\xfe")
    odd_folder.mkdir()
    (odd_folder / "c.ts").write_text("export const c = 1;\n")
    run = index_project(root, workers=1)
    assert _skips(run.skipped) == {
        "lib\ufffd": SkipReason.BAD_NAME,
        "src/bad\ufffd.ts": SkipReason.BAD_NAME,
    }
    assert _stored_paths(root) == ["src/a.ts"]


def test_very_long_names_and_paths_longer_than_path_max_do_not_stop_the_index(
    write_tree: TreeWriter,
) -> None:
    long_name = "n" * 250 + ".ts"
    root = write_tree({f"src/{long_name}": "export const longName = 1;\n"})
    folder = os.open(root, os.O_RDONLY)
    for _ in range(20):  # 20 hops of 240 bytes: past PATH_MAX (4,096), reachable only by fd
        os.mkdir("d" * 240, dir_fd=folder)
        deeper = os.open("d" * 240, os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = deeper
    with os.fdopen(os.open("deep.ts", os.O_WRONLY | os.O_CREAT, dir_fd=folder), "w") as deep:
        deep.write("export const deep = 1;\n")
    os.close(folder)
    run = index_project(root, workers=1)
    assert _stored_paths(root) == [f"src/{long_name}"]
    [skip] = run.skipped
    assert (skip.reason, skip.detail) == (SkipReason.UNREADABLE, "File name too long")


def test_case_colliding_paths_are_distinct_files_each_resolved_exactly(
    write_tree: TreeWriter,
) -> None:
    root = write_tree(
        {
            "src/Button.ts": "export const upper = 1;\n",
            "src/button.ts": "export const lower = 1;\n",
            "src/use.ts": "import { upper } from './Button';\nimport { lower } from './button';\n",
        }
    )
    index_project(root, workers=1)
    export = json.loads(subprocess.check_output([str(CLI), "export", str(root)]))
    targets = {(i["specifier"], i["resolution"]["file"]) for i in export["imports"]}
    assert targets == {("./Button", "src/Button.ts"), ("./button", "src/button.ts")}


def test_a_file_deleted_between_walk_and_read_is_reported_as_vanished(tmp_path: Path) -> None:
    outcome = run_job(ParseJob(str(tmp_path), "gone.ts", None, 1_000_000))
    assert outcome.skipped is not None
    assert outcome.skipped.reason is SkipReason.VANISHED


def test_a_worker_judges_minified_code_by_the_head_and_reads_the_rest_only_when_kept(
    write_tree: TreeWriter,
) -> None:
    bad_tail = b"\n// caf\xe9\n"  # invalid UTF-8 past the head: seen only if the rest is read
    filler = b"export const x = 1;\n" * (SNIFF_BYTES // 20 + 1)
    root = write_tree({"min.js": minified(5000) + bad_tail, "long.ts": filler + bad_tail})
    skipped = run_job(ParseJob(str(root), "min.js", None, 10_000_000)).skipped
    assert skipped is not None and skipped.reason is SkipReason.MINIFIED
    skipped = run_job(ParseJob(str(root), "long.ts", None, 10_000_000)).skipped
    assert skipped is not None and skipped.reason is SkipReason.NOT_UTF8


def test_files_deleted_while_the_index_runs_do_not_stop_it(
    write_tree: TreeWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree({f"src/m{i}.ts": f"export const m{i} = {i};\n" for i in range(10)})
    import code_graph.index.indexer as indexer

    real_walk = indexer.walk_project

    def walk_then_delete(*args: object) -> object:
        project = real_walk(*args)  # type: ignore[arg-type]
        for i in range(0, 10, 2):
            (root / f"src/m{i}.ts").unlink()
        return project

    monkeypatch.setattr(indexer, "walk_project", walk_then_delete)
    run = index_project(root, workers=1)
    assert {path for path, reason in _skips(run.skipped).items()} == {
        f"src/m{i}.ts" for i in range(0, 10, 2)
    }
    assert set(_skips(run.skipped).values()) == {SkipReason.VANISHED}
    assert _stored_paths(root) == [f"src/m{i}.ts" for i in range(1, 10, 2)]


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder other users can reach (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="code-graph-perm-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run the indexer as another user (root reads anything)",
)
def test_permission_denied_files_and_folders_are_reported_when_run_as_nobody(
    shared_tmp: Path,
) -> None:
    if any(not parent.stat().st_mode & 0o001 for parent in shared_tmp.parents):
        pytest.skip(f"{shared_tmp.parent} cannot be traversed by other users")
    root = shared_tmp / "repo"
    (root / "src").mkdir(parents=True)
    (root / "locked").mkdir()
    (root / "src/a.ts").write_text("export const a = 1;\n")
    (root / "src/secret.ts").write_text("export const s = 1;\n")
    (root / "locked/b.ts").write_text("export const b = 1;\n")
    subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(root)], check=True)
    (root / "src/secret.ts").chmod(0o000)
    (root / "locked").chmod(0o000)
    result = subprocess.run(
        [
            *("setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"),
            *(str(CLI), "index", str(root), "--json"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(shared_tmp)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    run = json.loads(result.stdout)
    assert {(s["path"], s["reason"]) for s in run["skipped"]} == {
        ("locked", "unreadable"),
        ("src/secret.ts", "unreadable"),
    }
    assert run["stats"]["files"] == 1
