"""Monorepo workspace discovery: npm/yarn `workspaces`, pnpm-workspace.yaml, lerna.json.

A workspace package is found by its package.json `name`; bare specifiers naming it resolve
into its directory as if node_modules linked it there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from code_graph.model import WorkspacePackage
from code_graph.resolve.fs import FileSystem
from code_graph.resolve.package_json import PackageJson
from code_graph.resolve.paths import basename, contains, dirname, in_node_modules, join

ReadPackage = Callable[[str], PackageJson | None]
Warn = Callable[[str, str], None]


def parse_pnpm_packages(text: str) -> list[str]:
    """The `packages:` list of a pnpm-workspace.yaml (block or flow style)."""
    result: list[str] = []
    in_packages = False
    for raw_line in text.splitlines():
        line = _strip_yaml_comment(raw_line).rstrip()
        if not line.strip():
            continue
        top_level = not raw_line[:1].isspace() and not line.lstrip().startswith("-")
        if top_level:
            key, _, value = line.partition(":")
            in_packages = key.strip().strip("'\"") == "packages"
            value = value.strip()
            if in_packages and value.startswith("[") and value.endswith("]"):
                result.extend(_unquote(v) for v in value[1:-1].split(",") if v.strip())
                in_packages = False
            continue
        if in_packages:
            item = line.strip()
            if item.startswith("-"):
                value = _unquote(item[1:])
                if value:
                    result.append(value)
    return result


def _strip_yaml_comment(line: str) -> str:
    quote: str | None = None
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A workspace glob (`packages/*`, `apps/**`, `{a,b}/*`) as a regex over relative dirs."""
    pattern = pattern.strip()
    while pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.rstrip("/")
    if pattern.endswith("/package.json"):
        pattern = pattern[: -len("/package.json")]
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{":
            end = pattern.find("}", i)
            if end > i:
                options = pattern[i + 1 : end].split(",")
                out.append("(?:" + "|".join(re.escape(o) for o in options) + ")")
                i = end + 1
                continue
            out.append(re.escape(char))
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("^" + "".join(out) + "$")


def _patterns_of(package: PackageJson) -> list[str] | None:
    value = package.workspaces
    if isinstance(value, dict):
        value = value.get("packages")
    if not isinstance(value, list):
        return None
    return [v for v in value if isinstance(v, str)]


def discover_workspaces(
    fs: FileSystem,
    configs: Collection[str],
    read_package: ReadPackage,
    read_json: Callable[[str], dict[str, object] | None],
    warn: Warn,
) -> dict[str, WorkspacePackage]:
    """Every workspace package declared by any workspace root among `configs`, by name."""
    manifests = sorted(
        c for c in configs if basename(c) == "package.json" and not in_node_modules(c)
    )
    member_dirs = [dirname(m) for m in manifests]
    roots: dict[str, list[str]] = {}
    for manifest in manifests:
        package = read_package(dirname(manifest))
        patterns = _patterns_of(package) if package is not None else None
        if patterns:
            roots.setdefault(dirname(manifest), []).extend(patterns)
    for config in sorted(c for c in configs if basename(c) == "pnpm-workspace.yaml"):
        text = fs.read_text(config)
        if text is not None:
            roots.setdefault(dirname(config), []).extend(parse_pnpm_packages(text))
    for directory in {"", *roots, *member_dirs}:
        lerna = join(directory, "lerna.json")
        if lerna is None or not fs.is_file(lerna):
            continue
        data = read_json(lerna)
        if data is None:
            continue
        packages = data.get("packages", ["packages/*"])
        if isinstance(packages, list):
            roots.setdefault(directory, []).extend(p for p in packages if isinstance(p, str))

    result: dict[str, WorkspacePackage] = {}
    for root in sorted(roots):
        includes = [glob_regex(p) for p in roots[root] if not p.startswith("!")]
        excludes = [glob_regex(p[1:]) for p in roots[root] if p.startswith("!")]
        for directory in member_dirs:
            if directory == root or not contains(root, directory):
                continue
            relative = directory[len(root) + 1 :] if root else directory
            if not any(r.match(relative) for r in includes):
                continue
            if any(r.match(relative) for r in excludes):
                continue
            package = read_package(directory)
            if package is None or not package.name:
                continue
            existing = result.get(package.name)
            if existing is not None:
                if existing.directory != directory:
                    warn(
                        f"{directory}/package.json",
                        f"workspace package name {package.name!r} already used by "
                        f"{existing.directory}; ignored",
                    )
                continue
            result[package.name] = WorkspacePackage(package.name, directory, root)
    return result
