#!/usr/bin/env python3
"""Fetch real TypeScript/JavaScript packages from the npm registry, as test and benchmark corpora.

    python scripts/fetch_corpus.py NAME[@VERSION] ... [--dest .corpora]
    python scripts/fetch_corpus.py --set small|monorepo [--dest .corpora]

A package is fetched with `npm pack` (without npm: the registry's JSON metadata and tarball,
checked against its published integrity), checked member by member and extracted into
`<dest>/<name>-<version>/` (`@scope/name` becomes `scope-name`, as npm names its tarballs).
A set is laid out as a source checkout in `<dest>/set-<set>/`: a single package at the root,
or several packages under `packages/` with a root package.json declaring them as workspaces;
either way a `.gitignore` hides the packages' shipped build output, so that only their TS
sources are indexed. Each corpus path is printed on stdout; folders already there are reused.

Extraction never writes outside the destination: archives with absolute paths, `..`
components, links, device files, duplicate entries or too many bytes are rejected whole.
Standard library only.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

DEFAULT_DEST = Path(__file__).resolve().parent.parent / ".corpora"
DEFAULT_REGISTRY = "https://registry.npmjs.org/"
MIB = 1024 * 1024

_NAME_RE = re.compile(r"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$", re.IGNORECASE)
_VERSION_RE = re.compile(r"^[A-Za-z0-9.+\-^~<>=*| ]+$")
_SEMVER_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")
_PARTIAL_RE = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.[xX*])?$")


class CorpusError(Exception):
    """A package could not be fetched or laid out."""


class UnsafeArchiveError(CorpusError):
    """An archive member could escape the destination, or the archive is too large."""


@dataclass(frozen=True, slots=True)
class PackageSpec:
    """A registry package name with an optional version, dist-tag or range."""

    name: str
    version: str | None = None

    @classmethod
    def parse(cls, text: str) -> PackageSpec:
        """Parse `name`, `name@version`, `@scope/name` or `@scope/name@version`."""
        at = text.find("@", 1)
        name, version = (text, None) if at == -1 else (text[:at], text[at + 1 :] or None)
        if not _NAME_RE.match(name):
            raise CorpusError(f"not a registry package name: {text!r}")
        if version is not None and not _VERSION_RE.match(version):
            raise CorpusError(f"not a version, dist-tag or range: {text!r}")
        return cls(name, version)

    def __str__(self) -> str:
        return self.name if self.version is None else f"{self.name}@{self.version}"

    @property
    def is_exact(self) -> bool:
        """True when the version names one release (no tag, no range)."""
        return self.version is not None and _SEMVER_RE.match(self.version) is not None


@dataclass(frozen=True, slots=True)
class Tarball:
    """A downloaded package tarball and the release it holds."""

    name: str
    version: str
    path: Path


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one package may unpack to."""

    max_bytes: int = 256 * MIB
    max_members: int = 20_000
    max_download_bytes: int = 64 * MIB


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class CorpusSet:
    """A predefined corpus: pinned packages, laid out as one project."""

    description: str
    packages: tuple[str, ...]
    ignored: tuple[str, ...] = ("build/", "dist/")


SETS: dict[str, CorpusSet] = {
    "small": CorpusSet(
        "@tanstack/query-core: one package shipping its TypeScript sources in src/ (23 .ts)",
        ("@tanstack/query-core@5.108.0",),
    ),
    "monorepo": CorpusSet(
        "TanStack Query: core, React/Vue/Solid bindings and persisters as npm workspaces"
        " under packages/ (8 packages, 97 .ts/.tsx in src/, importing each other by name)",
        (
            "@tanstack/query-core@5.108.0",
            "@tanstack/react-query@5.108.0",
            "@tanstack/vue-query@5.104.0",
            "@tanstack/solid-query@5.104.0",
            "@tanstack/query-persist-client-core@5.104.5",
            "@tanstack/query-sync-storage-persister@5.104.4",
            "@tanstack/query-async-storage-persister@5.104.5",
            "@tanstack/react-query-persist-client@5.104.5",
        ),
    ),
}

Fetcher = Callable[[PackageSpec, Path], Tarball]


def dir_name(name: str, version: str) -> str:
    """Folder name of one extracted release: `@scope/pkg`, `1.0.0` -> `scope-pkg-1.0.0`."""
    return f"{name.removeprefix('@').replace('/', '-')}-{version}"


def short_name(name: str) -> str:
    """The package name without its scope: `@scope/pkg` -> `pkg`."""
    return name.rsplit("/", 1)[-1]


# --- safe extraction ------------------------------------------------------------------------


def _member_target(member: tarfile.TarInfo) -> PurePosixPath | None:
    """Where a member goes, with npm's leading folder (`package/`) stripped; None to skip."""
    raw = member.name
    if "\x00" in raw or "\\" in raw:
        raise UnsafeArchiveError(f"suspicious member name {raw!r}")
    path = PurePosixPath(raw)
    if path.is_absolute() or re.match(r"^[A-Za-z]:", raw):
        raise UnsafeArchiveError(f"absolute member path {raw!r}")
    if ".." in path.parts:
        raise UnsafeArchiveError(f"member path {raw!r} climbs out with '..'")
    if member.issym() or member.islnk():
        raise UnsafeArchiveError(f"link member {raw!r} -> {member.linkname!r}")
    if not (member.isfile() or member.isdir()):
        raise UnsafeArchiveError(f"special member {raw!r} (device, fifo or unknown type)")
    parts = [part for part in path.parts if part not in ("", ".")]
    if len(parts) < 2:
        return None  # the top folder itself, or a stray top-level entry npm would drop too
    return PurePosixPath(*parts[1:])


def plan_extraction(
    tar: tarfile.TarFile, limits: Limits
) -> list[tuple[tarfile.TarInfo, PurePosixPath]]:
    """Check every member of an open archive; return (member, target) pairs to write."""
    plan: list[tuple[tarfile.TarInfo, PurePosixPath]] = []
    seen_files: set[PurePosixPath] = set()
    dirs: set[PurePosixPath] = set()
    total = 0
    for count, member in enumerate(tar, start=1):
        if count > limits.max_members:
            raise UnsafeArchiveError(f"more than {limits.max_members} members")
        target = _member_target(member)
        if target is None:
            continue
        if member.isfile():
            if target in seen_files:
                raise UnsafeArchiveError(f"duplicate member {member.name!r}")
            seen_files.add(target)
            total += member.size
            if total > limits.max_bytes:
                raise UnsafeArchiveError(f"unpacks to more than {limits.max_bytes} bytes")
        else:
            dirs.add(target)
        plan.append((member, target))
    clashes = ({parent for file in seen_files for parent in file.parents} | dirs) & seen_files
    if clashes:
        raise UnsafeArchiveError(f"{sorted(map(str, clashes))[0]!r} is both a file and a folder")
    return plan


def safe_extract(archive: Path, dest: Path, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """Extract a package tarball into the empty or new folder `dest`; return the files written.

    The whole archive is checked before anything is written; an unsafe one raises
    UnsafeArchiveError and leaves `dest` untouched.
    """
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise CorpusError(f"{dest} is not empty")
    root = dest.resolve()
    with tarfile.open(archive, "r:*") as tar:
        plan = plan_extraction(tar, limits)
        written: list[str] = []
        for member, target in plan:
            out = root.joinpath(*target.parts)
            if not out.resolve().is_relative_to(root):
                raise UnsafeArchiveError(f"{member.name!r} resolves outside {root}")
            if member.isdir():
                out.mkdir(parents=True, exist_ok=True)
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is None:
                raise UnsafeArchiveError(f"cannot read member {member.name!r}")
            with source, out.open("xb") as sink:
                remaining = member.size
                while remaining > 0:
                    chunk = source.read(min(remaining, MIB))
                    if not chunk:
                        raise CorpusError(f"archive truncated in {member.name!r}")
                    sink.write(chunk)
                    remaining -= len(chunk)
            written.append(target.as_posix())
    return written


# --- fetching ---------------------------------------------------------------------------------


def _npm() -> str | None:
    return shutil.which("npm")


def npm_pack(spec: PackageSpec, workdir: Path) -> Tarball:
    """Download a package tarball with `npm pack` (scripts never run)."""
    npm = _npm()
    if npm is None:
        raise CorpusError("npm is not installed")
    command = [npm, "pack", str(spec), "--pack-destination", str(workdir), "--json"]
    command += ["--ignore-scripts", "--loglevel=error"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CorpusError(f"npm pack {spec} failed:\n{result.stderr.strip()}")
    try:
        packed = json.loads(result.stdout[result.stdout.index("[") :])[0]
        return Tarball(packed["name"], packed["version"], workdir / packed["filename"])
    except (ValueError, LookupError, TypeError) as error:
        raise CorpusError(f"unexpected `npm pack --json` output for {spec}") from error


def configured_registry() -> str:
    """The registry npm would use: environment, `npm config`, .npmrc, else the public one."""
    for variable in ("npm_config_registry", "NPM_CONFIG_REGISTRY"):
        if os.environ.get(variable):
            return os.environ[variable]
    npm = _npm()
    if npm is not None:
        result = subprocess.run(
            [npm, "config", "get", "registry"], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and result.stdout.strip().startswith("http"):
            return result.stdout.strip()
    for npmrc in (Path.cwd() / ".npmrc", Path.home() / ".npmrc"):
        if npmrc.is_file():
            for line in npmrc.read_text(encoding="utf-8", errors="replace").splitlines():
                key, _, value = line.partition("=")
                if key.strip() == "registry" and value.strip():
                    return value.strip()
    return DEFAULT_REGISTRY


def _semver_key(version: str) -> tuple[int, int, int] | None:
    match = _SEMVER_RE.match(version)
    if match is None or match.group(4) is not None:
        return None  # not a release version (prereleases are never picked by a range)
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def pick_version(metadata: dict[str, object], wanted: str | None) -> str:
    """Choose a release from registry metadata: exact version, dist-tag, or MAJOR[.MINOR]."""
    versions = metadata.get("versions")
    tags = metadata.get("dist-tags")
    if not isinstance(versions, dict) or not isinstance(tags, dict):
        raise CorpusError("registry metadata has no versions or dist-tags")
    label = wanted or "latest"
    if label in tags:
        return str(tags[label])
    if label in versions:
        return label
    partial = _PARTIAL_RE.match(label)
    if partial is None:
        raise CorpusError(
            f"version {label!r}: without npm only exact versions, dist-tags and MAJOR[.MINOR] work"
        )
    major, minor = int(partial.group(1)), partial.group(2)
    candidates = [
        (key, str(version))
        for version in versions
        if (key := _semver_key(version)) is not None
        and key[0] == major
        and (minor is None or key[1] == int(minor))
    ]
    if not candidates:
        raise CorpusError(f"no release matches {label!r}")
    return max(candidates)[1]


def _download(url: str, limit: int, accept: str = "*/*") -> bytes:
    if urllib.parse.urlsplit(url).scheme not in ("https", "http"):
        raise CorpusError(f"refusing to download {url!r}")
    request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": "fetch_corpus"})
    with urllib.request.urlopen(request, timeout=60) as response:
        data: bytes = response.read(limit + 1)
    if len(data) > limit:
        raise CorpusError(f"{url} is larger than {limit} bytes")
    return data


def verify_integrity(data: bytes, dist: dict[str, object]) -> None:
    """Check a tarball against the registry's `dist.integrity` (SRI) or `dist.shasum`."""
    integrity = dist.get("integrity")
    if isinstance(integrity, str):
        for entry in integrity.split():
            algorithm, _, expected = entry.partition("-")
            if algorithm in ("sha512", "sha384", "sha256"):
                digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
                if digest != expected:
                    raise CorpusError(f"{algorithm} integrity mismatch")
                return
    shasum = dist.get("shasum")
    if isinstance(shasum, str):
        if hashlib.sha1(data).hexdigest() != shasum:
            raise CorpusError("sha1 shasum mismatch")
        return
    raise CorpusError("the registry published no checksum for this tarball")


def registry_fetch(spec: PackageSpec, workdir: Path, limits: Limits = DEFAULT_LIMITS) -> Tarball:
    """Download a package tarball through the registry's JSON API, without npm."""
    registry = configured_registry().rstrip("/") + "/"
    url = registry + urllib.parse.quote(spec.name, safe="@")
    metadata = json.loads(
        _download(url, 256 * MIB, accept="application/vnd.npm.install-v1+json; q=1.0, */*")
    )
    version = pick_version(metadata, spec.version)
    release = metadata["versions"][version]
    dist = release.get("dist", {})
    tarball_url = dist.get("tarball")
    if not isinstance(tarball_url, str):
        raise CorpusError(f"{spec.name}@{version} has no tarball URL")
    data = _download(tarball_url, limits.max_download_bytes)
    verify_integrity(data, dist)
    path = workdir / f"{dir_name(spec.name, version)}.tgz"
    path.write_bytes(data)
    return Tarball(spec.name, version, path)


def default_fetcher(use_npm: bool = True, limits: Limits = DEFAULT_LIMITS) -> Fetcher:
    """`npm pack` when npm is there and allowed, else the registry's JSON API."""
    if use_npm and _npm() is not None:
        return npm_pack
    return lambda spec, workdir: registry_fetch(spec, workdir, limits)


# --- corpora ----------------------------------------------------------------------------------


def _replace_dir(staging: Path, target: Path) -> None:
    """Move a finished staging folder to `target`, replacing what was there."""
    if target.exists():
        trash = Path(tempfile.mkdtemp(prefix=".trash-", dir=target.parent))
        target.rename(trash / target.name)
        staging.rename(target)
        shutil.rmtree(trash)
    else:
        staging.rename(target)


def fetch_package(
    spec: PackageSpec, dest: Path, fetch: Fetcher, limits: Limits = DEFAULT_LIMITS
) -> Path:
    """Fetch one release into `<dest>/<name>-<version>/` (reused if present); return it."""
    dest.mkdir(parents=True, exist_ok=True)
    if spec.is_exact and spec.version is not None:
        existing = dest / dir_name(spec.name, spec.version)
        if existing.is_dir():
            return existing
    with tempfile.TemporaryDirectory(prefix=".fetch-", dir=dest) as work:
        tarball = fetch(spec, Path(work))
        target = dest / dir_name(tarball.name, tarball.version)
        if target.is_dir():
            return target
        staging = Path(work) / "package"
        safe_extract(tarball.path, staging, limits)
        staging.rename(target)
    return target


def build_set(
    set_name: str, corpus: CorpusSet, dest: Path, fetch: Fetcher, limits: Limits = DEFAULT_LIMITS
) -> Path:
    """Lay a corpus set out in `<dest>/set-<set_name>/` (reused if up to date); return it."""
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / f"set-{set_name}"
    manifest = {"set": set_name, "packages": list(corpus.packages)}
    manifest_path = target / "corpus.json"
    if manifest_path.is_file():
        try:
            if json.loads(manifest_path.read_text(encoding="utf-8")) == manifest:
                return target
        except ValueError:
            pass
    specs = [PackageSpec.parse(text) for text in corpus.packages]
    with tempfile.TemporaryDirectory(prefix=".fetch-", dir=dest) as work:
        staging = Path(work) / "corpus"
        tarballs = [fetch(spec, Path(work)) for spec in specs]
        if len(tarballs) == 1:
            safe_extract(tarballs[0].path, staging, limits)
        else:
            staging.mkdir()
            root_package = {
                "name": f"corpus-{set_name}",
                "private": True,
                "description": corpus.description,
                "workspaces": ["packages/*"],
            }
            (staging / "package.json").write_text(
                json.dumps(root_package, indent=2) + "\n", encoding="utf-8"
            )
            for tarball in tarballs:
                safe_extract(tarball.path, staging / "packages" / short_name(tarball.name), limits)
        (staging / ".gitignore").write_text("".join(f"{p}\n" for p in corpus.ignored), "utf-8")
        (staging / "corpus.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
        _replace_dir(staging, target)
    return target


# --- command line -----------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    sets = "; ".join(f"{name}: {corpus.description}" for name, corpus in SETS.items())
    parser = argparse.ArgumentParser(
        description="Download npm packages as TS/JS corpora and print their paths.",
        epilog=f"Sets — {sets}.",
    )
    parser.add_argument("packages", nargs="*", metavar="NAME[@VERSION]")
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(SETS), default=[])
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST, help="default: .corpora")
    parser.add_argument("--no-npm", action="store_true", help="use the registry API, not npm")
    parser.add_argument(
        "--max-mb", type=int, default=256, help="largest unpacked size of one package"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.packages and not args.sets:
        parser.error("give package specs and/or --set NAME")
    limits = Limits(max_bytes=args.max_mb * MIB)
    fetch = default_fetcher(use_npm=not args.no_npm, limits=limits)
    dest: Path = args.dest.resolve()
    try:
        specs = [PackageSpec.parse(text) for text in args.packages]
        for spec in specs:
            print(fetch_package(spec, dest, fetch, limits), flush=True)
        for set_name in args.sets:
            print(build_set(set_name, SETS[set_name], dest, fetch, limits), flush=True)
    except (CorpusError, OSError, tarfile.TarError) as error:
        print(f"fetch_corpus: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
