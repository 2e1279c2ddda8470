"""Offline tests of scripts/fetch_corpus.py: safe extraction, specs, versions, corpus layout."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import sys
import tarfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fetch_corpus.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fetch_corpus", _SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


fc = _load_script()

Member = tuple[tarfile.TarInfo, bytes | None]


def _file(name: str, data: bytes = b"export const x = 1;\n") -> Member:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def _dir(name: str) -> Member:
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    return info, None


def _link(name: str, target: str, kind: bytes = tarfile.SYMTYPE) -> Member:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info, None


def _tarball(path: Path, members: list[Member]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for info, data in members:
            tar.addfile(info, None if data is None else io.BytesIO(data))
    return path


def _files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# --- safe extraction ---------------------------------------------------------------------------


def test_extracts_a_package_stripping_its_top_folder(tmp_path: Path) -> None:
    archive = _tarball(
        tmp_path / "pkg.tgz",
        [
            _dir("package"),
            _file("package/package.json", b'{"name": "demo"}'),
            _file("package/src/index.ts", b"export * from './a';\n"),
            _file("package/src/nested/a.ts"),
        ],
    )
    dest = tmp_path / "out"
    written = fc.safe_extract(archive, dest)
    assert sorted(written) == ["package.json", "src/index.ts", "src/nested/a.ts"]
    assert _files_under(dest) == sorted(written)
    assert (dest / "src/index.ts").read_bytes() == b"export * from './a';\n"


def test_top_folder_need_not_be_called_package(tmp_path: Path) -> None:
    archive = _tarball(tmp_path / "t.tgz", [_file("node/lib.js", b"module.exports = 1;\n")])
    assert fc.safe_extract(archive, tmp_path / "out") == ["lib.js"]


@pytest.mark.parametrize(
    "member",
    [
        pytest.param(_file("../evil"), id="dotdot-at-top"),
        pytest.param(_file("package/../../evil"), id="dotdot-inside"),
        pytest.param(_file("package/src/../../../evil.ts"), id="dotdot-deep"),
        pytest.param(_file("/tmp/evil"), id="absolute"),
        pytest.param(_file("C:/evil"), id="drive-letter"),
        pytest.param(_file("package\\..\\evil"), id="backslashes"),
        pytest.param(_link("package/escape", "/etc/passwd"), id="symlink-absolute"),
        pytest.param(_link("package/escape", "../../outside"), id="symlink-relative"),
        pytest.param(_link("package/inside", "package/src"), id="symlink-even-inside"),
        pytest.param(_link("package/hard", "/etc/passwd", tarfile.LNKTYPE), id="hardlink"),
        pytest.param(_link("package/hard", "package/a.ts", tarfile.LNKTYPE), id="hardlink-inside"),
    ],
)
def test_unsafe_members_reject_the_whole_archive(tmp_path: Path, member: Member) -> None:
    archive = _tarball(tmp_path / "bad.tgz", [_file("package/a.ts"), member, _file("package/z.ts")])
    dest = tmp_path / "deep" / "out"
    with pytest.raises(fc.UnsafeArchiveError):
        fc.safe_extract(archive, dest)
    assert _files_under(dest) == []  # checked before anything is written
    assert not (tmp_path / "evil").exists()
    assert not (tmp_path / "deep" / "evil").exists()


@pytest.mark.parametrize("kind", [tarfile.FIFOTYPE, tarfile.CHRTYPE, tarfile.BLKTYPE])
def test_device_and_fifo_members_are_rejected(tmp_path: Path, kind: bytes) -> None:
    info = tarfile.TarInfo("package/dev")
    info.type = kind
    archive = _tarball(tmp_path / "dev.tgz", [(info, None)])
    with pytest.raises(fc.UnsafeArchiveError, match="special member"):
        fc.safe_extract(archive, tmp_path / "out")


def test_size_limit_counts_all_files(tmp_path: Path) -> None:
    archive = _tarball(
        tmp_path / "big.tgz",
        [_file("package/a.ts", b"a" * 600), _file("package/b.ts", b"b" * 600)],
    )
    with pytest.raises(fc.UnsafeArchiveError, match="more than 1000 bytes"):
        fc.safe_extract(archive, tmp_path / "out", fc.Limits(max_bytes=1000))
    assert fc.safe_extract(archive, tmp_path / "ok", fc.Limits(max_bytes=1200))


def test_member_count_limit(tmp_path: Path) -> None:
    archive = _tarball(tmp_path / "many.tgz", [_file(f"package/{i}.ts") for i in range(5)])
    with pytest.raises(fc.UnsafeArchiveError, match="more than 4 members"):
        fc.safe_extract(archive, tmp_path / "out", fc.Limits(max_members=4))


@pytest.mark.parametrize(
    "members",
    [
        pytest.param([_file("package/a.ts"), _file("package/a.ts")], id="duplicate"),
        pytest.param([_file("package/a"), _file("package/a/b.ts")], id="file-then-folder"),
        pytest.param([_file("package/a"), _dir("package/a")], id="file-and-dir-entry"),
    ],
)
def test_clashing_members_are_rejected(tmp_path: Path, members: list[Member]) -> None:
    archive = _tarball(tmp_path / "clash.tgz", members)
    with pytest.raises(fc.UnsafeArchiveError):
        fc.safe_extract(archive, tmp_path / "out")


def test_refuses_a_non_empty_destination(tmp_path: Path) -> None:
    archive = _tarball(tmp_path / "pkg.tgz", [_file("package/a.ts")])
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(fc.CorpusError, match="not empty"):
        fc.safe_extract(archive, dest)
    assert _files_under(dest) == ["keep.txt"]


# --- specs, names, versions, checksums -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "version"),
    [
        ("zod", "zod", None),
        ("zod@3.23.8", "zod", "3.23.8"),
        ("@tanstack/query-core", "@tanstack/query-core", None),
        ("@tanstack/query-core@5", "@tanstack/query-core", "5"),
        ("@types/node@latest", "@types/node", "latest"),
        ("left-pad@^1.3.0", "left-pad", "^1.3.0"),
    ],
)
def test_parses_package_specs(text: str, name: str, version: str | None) -> None:
    spec = fc.PackageSpec.parse(text)
    assert (spec.name, spec.version) == (name, version)
    assert str(spec) == text


@pytest.mark.parametrize(
    "text", ["-rf", "--registry=http://evil", "../x", "./local", "git+https://h/r.git", "a b", ""]
)
def test_rejects_specs_that_are_not_registry_packages(text: str) -> None:
    with pytest.raises(fc.CorpusError):
        fc.PackageSpec.parse(text)


def test_exact_versions() -> None:
    assert fc.PackageSpec.parse("a@1.2.3").is_exact
    assert fc.PackageSpec.parse("a@1.2.3-beta.1").is_exact
    assert not fc.PackageSpec.parse("a@1.2").is_exact
    assert not fc.PackageSpec.parse("a@latest").is_exact
    assert not fc.PackageSpec.parse("a").is_exact


def test_folder_names() -> None:
    assert fc.dir_name("@tanstack/query-core", "5.1.0") == "tanstack-query-core-5.1.0"
    assert fc.dir_name("zod", "3.23.8") == "zod-3.23.8"
    assert fc.short_name("@tanstack/query-core") == "query-core"
    assert fc.short_name("zod") == "zod"


_METADATA = {
    "dist-tags": {"latest": "2.1.0", "next": "3.0.0-rc.1"},
    "versions": {v: {} for v in ["1.0.0", "1.4.2", "1.10.0", "2.0.0", "2.1.0", "3.0.0-rc.1"]},
}


@pytest.mark.parametrize(
    ("wanted", "picked"),
    [
        (None, "2.1.0"),
        ("latest", "2.1.0"),
        ("next", "3.0.0-rc.1"),
        ("1.4.2", "1.4.2"),
        ("1", "1.10.0"),
        ("1.4", "1.4.2"),
        ("1.x", "1.10.0"),
        ("2", "2.1.0"),
    ],
)
def test_picks_versions_from_metadata(wanted: str | None, picked: str) -> None:
    assert fc.pick_version(_METADATA, wanted) == picked


@pytest.mark.parametrize(("wanted", "message"), [("3", "no release"), ("^1.0.0", "without npm")])
def test_unsatisfiable_or_unsupported_versions(wanted: str, message: str) -> None:
    with pytest.raises(fc.CorpusError, match=message):
        fc.pick_version(_METADATA, wanted)


def test_integrity_checks() -> None:
    data = b"tarball bytes"
    sri = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    fc.verify_integrity(data, {"integrity": sri})
    fc.verify_integrity(data, {"shasum": hashlib.sha1(data).hexdigest()})
    with pytest.raises(fc.CorpusError, match="mismatch"):
        fc.verify_integrity(data + b"!", {"integrity": sri})
    with pytest.raises(fc.CorpusError, match="mismatch"):
        fc.verify_integrity(data + b"!", {"shasum": hashlib.sha1(data).hexdigest()})
    with pytest.raises(fc.CorpusError, match="no checksum"):
        fc.verify_integrity(data, {})


# --- corpus layout with a fake fetcher -----------------------------------------------------------


class FakeRegistry:
    """Builds tarballs locally instead of downloading them, and records what was asked."""

    def __init__(self, files: dict[str, dict[str, bytes]] | None = None) -> None:
        self.files = files or {}
        self.calls: list[str] = []

    def __call__(self, spec: Any, workdir: Path) -> Any:
        name, version = spec.name, spec.version or "1.0.0"
        self.calls.append(f"{name}@{version}")
        package_json = json.dumps({"name": name, "version": version}).encode()
        members = [_file("package/package.json", package_json)]
        for path, data in self.files.get(name, {"src/index.ts": b"export {};\n"}).items():
            members.append(_file(f"package/{path}", data))
        tarball = _tarball(workdir / f"{fc.dir_name(name, version)}.tgz", members)
        return fc.Tarball(name, version, tarball)


def test_fetch_package_extracts_into_name_version(tmp_path: Path) -> None:
    registry = FakeRegistry()
    path = fc.fetch_package(fc.PackageSpec.parse("@acme/kit@1.2.3"), tmp_path, registry)
    assert path == tmp_path / "acme-kit-1.2.3"
    assert _files_under(path) == ["package.json", "src/index.ts"]
    assert [p.name for p in tmp_path.iterdir()] == ["acme-kit-1.2.3"]  # no temp folders left


def test_fetch_package_reuses_an_exact_version_without_fetching(tmp_path: Path) -> None:
    (tmp_path / "acme-kit-1.2.3").mkdir()
    registry = FakeRegistry()
    path = fc.fetch_package(fc.PackageSpec.parse("@acme/kit@1.2.3"), tmp_path, registry)
    assert path == tmp_path / "acme-kit-1.2.3"
    assert registry.calls == []


def test_an_unsafe_package_leaves_nothing_behind(tmp_path: Path) -> None:
    registry = FakeRegistry({"evil": {"../../escape.ts": b"boom"}})
    with pytest.raises(fc.UnsafeArchiveError):
        fc.fetch_package(fc.PackageSpec.parse("evil@1.0.0"), tmp_path / "corpora", registry)
    assert list((tmp_path / "corpora").iterdir()) == []
    assert not (tmp_path / "escape.ts").exists()


def test_monorepo_set_is_laid_out_as_workspaces(tmp_path: Path) -> None:
    corpus = fc.CorpusSet("demo", ("@demo/core@1.0.0", "@demo/react@1.0.0"))
    registry = FakeRegistry(
        {
            "@demo/core": {"src/index.ts": b"export const core = 1;\n"},
            "@demo/react": {"src/index.ts": b"export * from '@demo/core';\n"},
        }
    )
    root = fc.build_set("mono", corpus, tmp_path, registry)
    assert root == tmp_path / "set-mono"
    assert _files_under(root) == [
        ".gitignore",
        "corpus.json",
        "package.json",
        "packages/core/package.json",
        "packages/core/src/index.ts",
        "packages/react/package.json",
        "packages/react/src/index.ts",
    ]
    manifest = json.loads((root / "package.json").read_text(encoding="utf-8"))
    assert manifest["workspaces"] == ["packages/*"]
    assert manifest["private"] is True
    assert (root / ".gitignore").read_text(encoding="utf-8") == "build/\ndist/\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["set-mono"]


def test_single_package_set_sits_at_the_root(tmp_path: Path) -> None:
    corpus = fc.CorpusSet("one", ("solo@2.0.0",), ignored=("build/",))
    root = fc.build_set("small", corpus, tmp_path, FakeRegistry())
    assert _files_under(root) == [".gitignore", "corpus.json", "package.json", "src/index.ts"]
    assert (root / ".gitignore").read_text(encoding="utf-8") == "build/\n"


def test_sets_are_reused_while_their_manifest_matches(tmp_path: Path) -> None:
    registry = FakeRegistry()
    first = fc.CorpusSet("v1", ("a@1.0.0", "b@1.0.0"))
    fc.build_set("mono", first, tmp_path, registry)
    fc.build_set("mono", first, tmp_path, registry)
    assert registry.calls == ["a@1.0.0", "b@1.0.0"]

    second = fc.CorpusSet("v2", ("a@1.0.0", "c@1.0.0"))
    root = fc.build_set("mono", second, tmp_path, registry)
    assert registry.calls[2:] == ["a@1.0.0", "c@1.0.0"]
    assert sorted(p.name for p in (root / "packages").iterdir()) == ["a", "c"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["set-mono"]


def test_predefined_sets_pin_exact_versions() -> None:
    assert set(fc.SETS) >= {"small", "monorepo"}
    for corpus in fc.SETS.values():
        assert corpus.packages
        assert all(fc.PackageSpec.parse(text).is_exact for text in corpus.packages)
    assert len(fc.SETS["monorepo"].packages) > 1


def test_cli_reports_bad_specs_without_fetching(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fc.main(["../not-a-package", "--dest", str(tmp_path)]) == 1
    assert "not a registry package name" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
