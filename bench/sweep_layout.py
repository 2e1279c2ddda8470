"""Lay out one commit of a fetched bare mirror as plain files, without a work tree or `.git`.

A snapshot brought by `fetch` lacks the blobs of files of 4 MiB and more, so `git archive`
stops at the first of them. The tree is written blob by blob instead (`git ls-tree` and one
`git cat-file --batch`); an absent blob is left out and listed. Symbolic links are kept as
links (the indexer must cope with them); submodules are left out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SYMLINK_MODE = "120000"


@dataclass(frozen=True, slots=True)
class Layout:
    root: Path
    commit: str
    files: int  # written (links included)
    absent: tuple[str, ...]  # in the commit, not in the snapshot (or not writable here)


def git(git_dir: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], capture_output=True, text=True, check=check
    )
    return done.stdout.strip()


def commit_to_lay_out(git_dir: Path, pinned: str | None) -> str:
    """`pinned` when the mirror has that commit, else the mirror's HEAD."""
    if pinned and git(git_dir, "cat-file", "-t", pinned, check=False) == "commit":
        return pinned
    return git(git_dir, "rev-parse", "HEAD")


def lay_out(git_dir: Path, commit: str, root: Path) -> Layout:
    """Write `commit`'s files under `root` (reused as it is when its marker names `commit`).

    The marker `<root>.commit` holds the commit and the absent paths; `root/.code-graph/`
    is always removed, so the next index is a fresh one.
    """
    marker = root.with_name(root.name + ".commit")
    if root.is_dir() and marker.is_file():
        first, *absent = marker.read_text().splitlines()
        if first == commit:
            shutil.rmtree(root / ".code-graph", ignore_errors=True)
            return Layout(root, commit, -1, tuple(absent))
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    marker.unlink(missing_ok=True)
    written, absent = _write_tree(git_dir, commit, root)
    marker.write_text("\n".join([commit, *absent]) + "\n")
    return Layout(root, commit, written, tuple(absent))


def _write_tree(git_dir: Path, commit: str, root: Path) -> tuple[int, list[str]]:
    listing = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "-r", "-z", "--full-tree", commit],
        capture_output=True,
        check=True,
    ).stdout
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, path = record.split(b"\t", 1)
        mode, kind, oid = meta.decode().split()
        if kind == "blob":
            entries.append((mode, oid, os.fsdecode(path)))
    written, absent = 0, []
    batch = subprocess.Popen(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert batch.stdin is not None and batch.stdout is not None
    try:
        for mode, oid, path in entries:
            batch.stdin.write(oid.encode() + b"\n")
            batch.stdin.flush()
            header = batch.stdout.readline().split()
            if header[-1] == b"missing":
                absent.append(path)
                continue
            content = batch.stdout.read(int(header[2]))
            batch.stdout.read(1)  # the newline after each object
            if _write(root, path, mode, content):
                written += 1
            else:
                absent.append(path)
    finally:
        batch.stdin.close()
        batch.wait()
    return written, absent


def _write(root: Path, path: str, mode: str, content: bytes) -> bool:
    """One file (or link) of the tree; False when its path is unsafe or cannot be made here."""
    parts = PurePosixPath(path).parts
    if not parts or PurePosixPath(path).is_absolute() or ".." in parts or ".git" in parts:
        return False
    target = root.joinpath(*parts)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not os.path.realpath(target.parent).startswith(os.path.realpath(root)):
            return False  # a link of the tree would take the write outside the root
        if mode == SYMLINK_MODE:
            os.symlink(os.fsdecode(content), target)
        else:
            target.write_bytes(content)
    except OSError:
        return False
    return True
