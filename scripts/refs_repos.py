"""The real repositories of scripts/refs_repos.toml, laid out from bare git mirrors.

A repository is laid out at its pinned commit into `<dest>/<name>/`: the files under its
`include` folders and the files module resolution may read elsewhere (top-level files,
tsconfig/jsconfig/package.json files, .gitignores), written from the mirror with
`git cat-file --batch` rather than `git archive`, which stops at the first object a partial
mirror lacks (the fetch tool leaves the largest files out); such files are listed, not
fatal. A code-graph.toml gives the include; the layout is reused while
`<dest>/<name>.layout.json` records the same repository, commit and include.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from code_graph.config import ProjectConfig
from code_graph.walk import IgnoreRules, is_config_path

REPOS_FILE = Path(__file__).resolve().parent / "refs_repos.toml"
DEFAULT_MIRRORS = Path("/work/.mirror")  # where the `fetch` tool puts github:OWNER/NAME

_KEYS = frozenset({"github", "commit", "shape", "include", "tsconfig"})
_GITHUB = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_CHUNK = 2000  # objects per git cat-file run


class RepoError(Exception):
    """A repository entry is invalid, or its mirror or commit is not here."""


@dataclass(frozen=True, slots=True)
class Repo:
    name: str
    github: str  # OWNER/NAME
    commit: str
    shape: str
    include: tuple[str, ...]
    tsconfig: str  # root-relative


def load_repos(path: Path = REPOS_FILE) -> dict[str, Repo]:
    """Every entry of the list, validated (RepoError names the entry and the key at fault)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise RepoError(f"{path}: cannot read: {e}") from e
    return {name: _repo(name, entry, path) for name, entry in data.items()}


def _repo(name: str, entry: object, path: Path) -> Repo:
    where = f"{path.name} [{name}]"
    if not _NAME.match(name):
        raise RepoError(f"{where}: a name is lower-case letters, digits, '.', '-', '_'")
    if not isinstance(entry, dict):
        raise RepoError(f"{where}: not a table")
    missing = sorted(_KEYS - set(entry))
    unknown = sorted(set(entry) - _KEYS)
    if missing or unknown:
        raise RepoError(f"{where}: missing {missing or '-'}, unknown {unknown or '-'}")
    strings = {k: entry[k] for k in ("github", "commit", "shape", "tsconfig")}
    if not all(isinstance(v, str) and v for v in strings.values()):
        raise RepoError(f"{where}: github, commit, shape and tsconfig are non-empty strings")
    include = entry["include"]
    if not isinstance(include, list) or not include or not all(isinstance(i, str) for i in include):
        raise RepoError(f"{where}: include is a non-empty list of strings")
    if not _GITHUB.match(strings["github"]):
        raise RepoError(f"{where}: github must be OWNER/NAME")
    if not _COMMIT.match(strings["commit"]):
        raise RepoError(f"{where}: commit must be 40 lower-case hex digits")
    tsconfig = strings["tsconfig"]
    if tsconfig.startswith("/") or ".." in tsconfig.split("/"):
        raise RepoError(f"{where}: tsconfig must be a path inside the repository")
    return Repo(
        name, strings["github"], strings["commit"], strings["shape"], tuple(include), tsconfig
    )


def mirror_of(repo: Repo, mirrors: Path) -> Path:
    """The bare mirror holding the repository's pinned commit."""
    folder = mirrors / repo.github.replace("/", "+")
    for candidate in (folder / "repo", folder, folder.with_name(folder.name + ".git")):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            break
    else:
        raise RepoError(
            f"{repo.name}: no mirror of {repo.github} under {mirrors}: bring it with the fetch "
            f"tool (github:{repo.github}) or `git clone --mirror "
            f"https://github.com/{repo.github} {folder}/repo`"
        )
    found = subprocess.run(
        ["git", "--git-dir", str(candidate), "cat-file", "-e", f"{repo.commit}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:
        raise RepoError(
            f"{repo.name}: {candidate} does not hold commit {repo.commit} (fetch it again, or "
            f"pin the mirror's HEAD in {REPOS_FILE.name})"
        )
    return candidate


def lay_out(repo: Repo, mirrors: Path, dest: Path) -> tuple[Path, list[str]]:
    """`<dest>/<name>/`: the repository's files at its commit that the index can need, with
    its code-graph.toml; and the paths the mirror lacks (left out, listed)."""
    target = dest / repo.name
    stamp = dest / f"{repo.name}.layout.json"
    wanted = {"github": repo.github, "commit": repo.commit, "include": list(repo.include)}
    if target.is_dir() and stamp.is_file():
        laid = json.loads(stamp.read_text())
        if {k: laid.get(k) for k in wanted} == wanted:
            return target, laid.get("missing", [])
    mirror = mirror_of(repo, mirrors)
    stamp.unlink(missing_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    rules = IgnoreRules(ProjectConfig(include=repo.include))
    blobs = [b for b in _blobs(mirror, repo.commit) if _needed(b[1], rules)]
    missing = _write_blobs(mirror, blobs, target)
    if not (target / repo.tsconfig).is_file():
        raise RepoError(f"{repo.name}: {repo.tsconfig} is not in the repository at {repo.commit}")
    # The repository's own code-graph.toml, if any, gives way to the folders measured.
    (target / "code-graph.toml").write_text(f"include = {json.dumps(list(repo.include))}\n")
    stamp.write_text(json.dumps({**wanted, "missing": missing}) + "\n")
    return target, missing


def _needed(path: str, rules: IgnoreRules) -> bool:
    """Files under the included folders, and everything the resolver may read elsewhere:
    configs (a tsconfig's `extends` chain, workspace manifests), .gitignores, top-level files."""
    name = path.rsplit("/", 1)[-1]
    return (
        "/" not in path or is_config_path(path) or name == ".gitignore" or rules.is_included(path)
    )


def _blobs(mirror: Path, commit: str) -> list[tuple[str, str]]:
    """(object id, path) of every regular file of the commit's tree (links, submodules and
    names that are not UTF-8 left out)."""
    listing = subprocess.run(
        ["git", "--git-dir", str(mirror), "ls-tree", "-r", "-z", "--full-tree", commit],
        capture_output=True,
        check=True,
    ).stdout
    blobs = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, oid = meta.split(b" ")
        if kind != b"blob" or mode == b"120000":
            continue
        try:
            blobs.append((oid.decode(), raw_path.decode("utf-8")))
        except UnicodeDecodeError:
            continue
    return blobs


def _write_blobs(mirror: Path, blobs: list[tuple[str, str]], target: Path) -> list[str]:
    """Write each blob under `target` (git cat-file --batch, in chunks); the paths whose
    object the mirror does not hold (a partial mirror leaves its largest files out)."""
    missing = []
    for start in range(0, len(blobs), _CHUNK):
        chunk = blobs[start : start + _CHUNK]
        request = "".join(f"{oid}\n" for oid, _ in chunk).encode()
        answer = subprocess.run(
            ["git", "--git-dir", str(mirror), "cat-file", "--batch"],
            input=request,
            capture_output=True,
            check=True,
        ).stdout
        at = 0
        for _, path in chunk:
            end = answer.index(b"\n", at)
            header = answer[at:end].split(b" ")
            at = end + 1
            if header[-1] == b"missing":
                missing.append(path)
                continue
            size = int(header[2])
            file = target / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(answer[at : at + size])
            at += size + 1
    return missing
