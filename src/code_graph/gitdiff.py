"""Reading a change from git: which files differ from a base, where, and their old contents.

The one place that runs the `git` command line (its own rename detection, its own idea of
what is ignored). Paths are relative to the project root, which may be a folder inside the
repository: `git diff --relative` limits the diff to it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from code_graph.errors import CodeGraphError, UsageError

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r"}

LineRange = tuple[int, int]  # first and last line, 1-based, inclusive


class FileStatus(StrEnum):
    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"
    RENAMED = "renamed"


@dataclass(frozen=True, slots=True)
class FileChange:
    """One changed file: `path` as it is now (as it was, when deleted), `old_path` at the base
    (None when added), and the changed lines on each side."""

    status: FileStatus
    path: str
    old_path: str | None
    old_lines: tuple[LineRange, ...] = ()
    new_lines: tuple[LineRange, ...] = ()


@dataclass(frozen=True, slots=True)
class Diff:
    """A change: `base` as given, the commit it names, and the side compared with it."""

    base: str
    base_commit: str
    staged: bool
    files: tuple[FileChange, ...]
    prefix: str  # the project root's path inside the repository ("" or ending with "/")


class GitError(CodeGraphError):
    """git is missing, the folder is not in a repository, or git refused the request."""


class UnknownRevisionError(GitError, UsageError):
    """The base named is no commit of the repository (a mistake of the caller)."""


def read_diff(root: Path, base: str | None = None, *, staged: bool = False) -> Diff:
    """The change of the working tree (or, `staged`, of git's index) against `base` (HEAD).

    Untracked files that git does not ignore count as added, unless `staged`.

    Raises:
        GitError: no git, not a repository, an unknown base, or git failed.
    """
    given = base or "HEAD"
    _git(root, "rev-parse", "--show-toplevel")  # a clear error outside a repository
    what = given if base else "HEAD (a repository without commits? give --base)"
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{given}^{{commit}}", what=what)
    commit = commit.strip()
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    side = ["--cached"] if staged else []
    statuses = _git(
        root, "diff", "--name-status", "-z", "-M", "--relative", "--no-ext-diff", *side, commit
    )
    patch = _git(
        root,
        "diff",
        "--unified=0",
        "-M",
        "--relative",
        "--no-color",
        "--no-ext-diff",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        *side,
        commit,
    )
    hunks = _parse_hunks(patch)
    files = [_file_change(entry, hunks) for entry in _parse_statuses(statuses)]
    if not staged:
        untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z")
        files += [
            FileChange(FileStatus.ADDED, path, None, (), _whole(root / path))
            for path in untracked.split("\0")
            if path
        ]
    files.sort(key=lambda change: change.path)
    return Diff(given, commit, staged, tuple(files), prefix)


def read_blobs(root: Path, names: list[str]) -> list[bytes | None]:
    """The contents of `names` (`COMMIT:path` from the repository's top, `:path` for git's
    index), None for any that does not exist; one `git cat-file` for all of them."""
    if not names:
        return []
    request = "".join(f"{name}\n" for name in names).encode("utf-8")
    output = _run(root, ["cat-file", "--batch"], request)
    blobs: list[bytes | None] = []
    at = 0
    for _ in names:
        end = output.index(b"\n", at)
        header = output[at:end].split()
        at = end + 1
        if len(header) < 3 or header[-1] == b"missing":
            blobs.append(None)
            continue
        size = int(header[2])
        blobs.append(output[at : at + size] if header[1] == b"blob" else None)
        at += size + 1
    return blobs


def _git(root: Path, *args: str, what: str | None = None) -> str:
    try:
        return _run(root, list(args)).decode("utf-8", errors="surrogateescape")
    except GitError:
        if what is not None:
            raise UnknownRevisionError(f"unknown revision: {what}") from None
        raise


def _run(root: Path, args: list[str], stdin: bytes | None = None) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed (changes reads the diff with the git command line)")
    done = subprocess.run(
        [git, "-c", "core.quotePath=false", *args],
        cwd=root,
        input=stdin,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        if message and "not a git repository" in message[0]:
            raise GitError(f"{root} is not inside a git repository")
        raise GitError(f"git {args[0]} failed: {message[0] if message else done.returncode}")
    return done.stdout


def _parse_statuses(output: str) -> list[tuple[str, str, str | None]]:
    """(status letter, path now, path before) of each `--name-status -z` entry."""
    fields = output.split("\0")
    entries: list[tuple[str, str, str | None]] = []
    at = 0
    while at < len(fields) and fields[at]:
        letter = fields[at][0]
        if letter in "RC":
            entries.append((letter, fields[at + 2], fields[at + 1]))
            at += 3
        else:
            entries.append((letter, fields[at + 1], None))
            at += 2
    return entries


def _file_change(
    entry: tuple[str, str, str | None], hunks: dict[str, tuple[list[LineRange], list[LineRange]]]
) -> FileChange:
    letter, path, before = entry
    old, new = hunks.get(path, ([], []))
    if letter == "A" or letter == "C":
        return FileChange(FileStatus.ADDED, path, None, (), tuple(new))
    if letter == "D":
        return FileChange(FileStatus.DELETED, path, path, tuple(old), ())
    if letter == "R":
        return FileChange(FileStatus.RENAMED, path, before, tuple(old), tuple(new))
    return FileChange(FileStatus.MODIFIED, path, path, tuple(old), tuple(new))


def _parse_hunks(patch: str) -> dict[str, tuple[list[LineRange], list[LineRange]]]:
    """Changed line ranges (old side, new side) by path (the new one; the old one if deleted)."""
    found: dict[str, tuple[list[LineRange], list[LineRange]]] = {}
    old_path: str | None = None
    current: tuple[list[LineRange], list[LineRange]] | None = None
    for line in patch.split("\n"):
        if line.startswith("diff --git "):
            old_path, current = None, None
        elif current is None and line.startswith("--- "):
            old_path = _patch_path(line[4:])
        elif current is None and line.startswith("+++ "):
            path = _patch_path(line[4:]) or old_path
            if path is not None:
                current = found.setdefault(path, ([], []))
        elif current is not None and (match := _HUNK.match(line)):
            old_start, old_count, new_start, new_count = match.groups()
            _add_range(current[0], int(old_start), old_count)
            _add_range(current[1], int(new_start), new_count)
    return found


def _add_range(ranges: list[LineRange], start: int, count: str | None) -> None:
    lines = 1 if count is None else int(count)
    if lines:
        ranges.append((start, start + lines - 1))


def _patch_path(text: str) -> str | None:
    """The path of a `---`/`+++` line without its `a/`/`b/` prefix (None: /dev/null)."""
    text = text.rstrip("\t")
    if text == "/dev/null":
        return None
    if text.startswith('"'):
        text = _unquote(text[1:-1])
    return text[2:]


def _unquote(text: str) -> str:
    """git's C-style quoting of unusual paths (octal bytes, backslash escapes)."""
    out = bytearray()
    at = 0
    while at < len(text):
        char = text[at]
        if char == "\\" and at + 1 < len(text):
            following = text[at + 1]
            if following.isdigit():
                out.append(int(text[at + 1 : at + 4], 8))
                at += 4
                continue
            out += _ESCAPES.get(following, following).encode()
            at += 2
            continue
        out += char.encode()
        at += 1
    return out.decode("utf-8", errors="surrogateescape")


def _whole(path: Path) -> tuple[LineRange, ...]:
    """Every line of a new file, as one range (none when empty or unreadable)."""
    try:
        data = path.read_bytes()
    except OSError:
        return ()
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    return ((1, lines),) if lines else ()
