"""Pure helpers for root-relative POSIX paths ('' is the project root).

Every path the resolver handles is relative to the project root, uses `/`, and never has
a leading or trailing slash. A path that would climb above the root is `None`.
"""

from __future__ import annotations

NODE_MODULES = "node_modules"


def normalize(path: str) -> str | None:
    """Collapse `.`, `..` and repeated slashes; None when the path climbs above the root."""
    if (
        "/." not in path
        and "//" not in path
        and not path.startswith((".", "/"))
        and not path.endswith("/")
    ):
        return path
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def join(directory: str, relative: str) -> str | None:
    """`directory/relative`, normalized; None when the result is outside the root."""
    if not directory:
        return normalize(relative)
    if not relative:
        return normalize(directory)
    return normalize(f"{directory}/{relative}")


def dirname(path: str) -> str:
    """The parent directory ('' for top-level entries and for the root itself)."""
    slash = path.rfind("/")
    return path[:slash] if slash >= 0 else ""


def basename(path: str) -> str:
    return path[path.rfind("/") + 1 :]


def ancestors(directory: str) -> list[str]:
    """`directory` and each of its parents up to and including the root ('')."""
    result = [directory]
    while directory:
        directory = dirname(directory)
        result.append(directory)
    return result


def contains(parent: str, child: str) -> bool:
    """True when `child` is `parent` or lies below it."""
    return not parent or child == parent or child.startswith(parent + "/")


def relative_to(parent: str, child: str) -> str:
    """`child` relative to `parent` (which must contain it)."""
    if not parent:
        return child
    return "" if child == parent else child[len(parent) + 1 :]


def in_node_modules(path: str) -> bool:
    """True when any segment of `path` is `node_modules`."""
    return path == NODE_MODULES or path.startswith("node_modules/") or "/node_modules/" in path


def package_dir_in_node_modules(path: str) -> str | None:
    """The package directory (`…/node_modules/[@scope/]name`) containing `path`, if any."""
    marker = "/node_modules/"
    index = path.rfind(marker)
    if index >= 0:
        start = index + len(marker)
    elif path.startswith("node_modules/"):
        start = len("node_modules/")
    else:
        return None
    rest = path[start:].split("/")
    count = 2 if rest[0].startswith("@") else 1
    if len(rest) < count:
        return None
    return path[:start] + "/".join(rest[:count])


def package_name_of_node_modules_path(path: str) -> str | None:
    """The npm package name a node_modules path belongs to (`@types/x__y` becomes `@x/y`)."""
    directory = package_dir_in_node_modules(path)
    if directory is None:
        return None
    name = directory[directory.rfind("node_modules/") + len("node_modules/") :]
    if name.startswith("@types/"):
        return unmangle_types_name(name[len("@types/") :])
    return name


def split_package_name(specifier: str) -> tuple[str, str]:
    """Split a bare specifier into its package name and the subpath after it ('' if none)."""
    slash = specifier.find("/")
    if specifier.startswith("@") and slash >= 0:
        slash = specifier.find("/", slash + 1)
    if slash < 0:
        return specifier, ""
    return specifier[:slash], specifier[slash + 1 :]


def mangle_types_name(name: str) -> str:
    """`@scope/pkg` → `scope__pkg`, the directory name used under `@types/`."""
    if name.startswith("@") and "/" in name:
        return name[1:].replace("/", "__", 1)
    return name


def unmangle_types_name(name: str) -> str:
    """`scope__pkg` → `@scope/pkg` (inverse of `mangle_types_name`)."""
    if "__" in name:
        return "@" + name.replace("__", "/", 1)
    return name
