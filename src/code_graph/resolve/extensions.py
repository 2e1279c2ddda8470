"""TypeScript's extension sets and the file-name arithmetic around them."""

from __future__ import annotations

# Extension sets, as TypeScript's `Extensions` flags.
TS = 1
JS = 2
DTS = 4
JSON = 8
IMPLEMENTATION = TS | JS

_REMOVABLE_EXTENSIONS = (
    ".d.ts", ".d.mts", ".d.cts", ".mjs", ".mts", ".cjs", ".cts", ".ts", ".js", ".tsx", ".jsx",
    ".json",
)  # fmt: skip
TS_IMPLEMENTATION = (".ts", ".cts", ".mts", ".tsx")
DECLARATION = (".d.ts", ".d.cts", ".d.mts")


def remove_extension(path: str) -> str:
    """`path` without its TypeScript-known extension (unchanged when it has none)."""
    for ext in _REMOVABLE_EXTENSIONS:
        if path.endswith(ext):
            return path[: -len(ext)]
    return path


def known_extension(path: str) -> str | None:
    for ext in _REMOVABLE_EXTENSIONS:
        if path.endswith(ext):
            return ext
    return None


def possible_inputs(path: str) -> tuple[str, ...]:
    """Source extensions an output file (`.js`, `.d.mts`, …) may have been built from."""
    if path.endswith((".d.mts", ".mjs", ".mts")):
        return (".mts", ".mjs")
    if path.endswith((".d.cts", ".cjs", ".cts")):
        return (".cts", ".cjs")
    if path.endswith(".d.json.ts"):
        return (".json",)
    return (".tsx", ".ts", ".jsx", ".js")


def extension_ok(extensions: int, ext: str) -> bool:
    """Whether a file extension belongs to the `extensions` flag set."""
    return bool(
        (extensions & JS and ext in (".js", ".jsx", ".mjs", ".cjs"))
        or (extensions & TS and ext in (".ts", ".tsx", ".mts", ".cts"))
        or (extensions & DTS and ext in DECLARATION)
        or (extensions & JSON and ext == ".json")
    )
