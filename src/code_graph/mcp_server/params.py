"""Checking tool parameters beyond their JSON schema: ranges, choices and path safety.

Pure: no I/O. Every check raises `InvalidParameterError`, which the server turns into a tool
error (`isError`, SEP-1303) of one sentence naming the parameter, so the model learns what to
change.
Paths are never touched on disk: a path that could leave the project root (`..`, absolute,
a drive letter) is refused before any query sees it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from code_graph.errors import UsageError

MAX_LIMIT = 500
MAX_TEXT_LENGTH = 1_000  # an address or a path longer than this is a mistake, not a name
_DRIVE = re.compile(r"^[A-Za-z]:[/\\]")


class InvalidParameterError(UsageError):
    """A tool parameter has a value the tool cannot accept."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"invalid {name}: {problem}")
        self.name = name
        self.problem = problem


def check_limit(value: int, name: str = "limit", maximum: int = MAX_LIMIT) -> int:
    """A page size between 1 and `maximum`."""
    if not 1 <= value <= maximum:
        raise InvalidParameterError(name, f"must be between 1 and {maximum}, got {value}")
    return value


def check_offset(value: int) -> int:
    """Where a page starts: 0 or more."""
    if value < 0:
        raise InvalidParameterError("offset", f"must be 0 or more, got {value}")
    return value


def check_depth(value: int | None) -> int | None:
    """How many levels of dependents to follow: None (all) or 1 or more."""
    if value is not None and value < 1:
        raise InvalidParameterError("depth", f"must be 1 or more, got {value}")
    return value


def check_choice(name: str, value: str | None, choices: Collection[str]) -> str | None:
    """None, or one of `choices`."""
    if value is not None and value not in choices:
        raise InvalidParameterError(name, f"{_quoted(value)} is not one of {', '.join(choices)}")
    return value


def check_text(name: str, value: str, *, allow_empty: bool = False) -> str:
    """A name, pattern or address: no NUL byte, not empty (unless allowed), not huge."""
    if "\0" in value:
        raise InvalidParameterError(name, "contains a NUL byte")
    if not allow_empty and not value.strip():
        raise InvalidParameterError(name, "must not be empty")
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidParameterError(name, f"longer than {MAX_TEXT_LENGTH} characters")
    return value


def check_path(name: str, value: str) -> str:
    """A root-relative path (or path prefix) that cannot leave the project root."""
    check_text(name, value)
    if value.startswith(("/", "\\", "~")) or _DRIVE.match(value):
        raise InvalidParameterError(
            name,
            f"{_quoted(value)} is outside the project root;"
            " give a path relative to the root, or absolute inside it",
        )
    if ".." in re.split(r"[/\\]", value):
        raise InvalidParameterError(name, f"{_quoted(value)} leaves the project root (`..`)")
    return value.removeprefix("./")


def check_optional_path(name: str, value: str | None) -> str | None:
    return None if value is None else check_path(name, value)


def check_address(name: str, value: str) -> str:
    """A symbol address (`Name`, `Class.method`, `file:Name`, `file:LINE`) or a file path.

    Held to the rules of a path, so no file part can leave the project root.
    """
    check_path(name, value)
    return value


def _quoted(value: str) -> str:
    shown = value if len(value) <= 60 else value[:57] + "…"
    return repr(shown)


_TYPE_NAMES = {
    "string": "a string",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "null": "null",
}


def argument_problem(tool: str, schema: dict[str, Any], arguments: dict[str, Any]) -> str | None:
    """One plain sentence on what is wrong with a call's arguments against its tool's input
    schema (an unknown or missing parameter, a value of the wrong type), or None.

    Ranges and choices are left to the tools' own checks, which say the same in their words.
    """
    properties: dict[str, Any] = schema.get("properties", {})
    unknown = sorted(set(arguments) - set(properties))
    if unknown:
        names = ", ".join(map(repr, unknown))
        return f"{tool} has no parameter {names}; it takes {', '.join(properties)}."
    missing = [name for name in schema.get("required", ()) if name not in arguments]
    if missing:
        return f"{tool} needs {', '.join(map(repr, missing))}; it takes {', '.join(properties)}."
    for name, value in arguments.items():
        accepted = _types(properties[name])
        if accepted and not any(_is(value, kind, properties[name]) for kind in accepted):
            wanted = " or ".join(_TYPE_NAMES.get(kind, kind) for kind in accepted)
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "…"
            return f"invalid {name}: {shown} is not {wanted}."
    return None


def _types(schema: dict[str, Any]) -> list[str]:
    if "type" in schema:
        return [schema["type"]]
    return [str(option.get("type")) for option in schema.get("anyOf", ()) if "type" in option]


def _is(value: Any, kind: str, schema: dict[str, Any]) -> bool:
    if kind == "array":
        items: dict[str, Any] = next(
            (o.get("items", {}) for o in schema.get("anyOf", [schema]) if o.get("type") == "array"),
            {},
        )
        return isinstance(value, list) and all(
            _is(item, str(items.get("type", "string")), items) for item in value
        )
    checks: dict[str, Callable[[Any], bool]] = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    return checks.get(kind, lambda _: True)(value)


PATH_PARAMETERS = ("path", "path_prefix", "target", "focus", "symbol")


def inside_root(arguments: dict[str, Any], root: str) -> dict[str, Any]:
    """`arguments` with each absolute path (or address) inside `root` made root-relative; an
    absolute path elsewhere is left for `check_path` to refuse."""
    base = root.rstrip("/") + "/"
    fixed = dict(arguments)
    for name in PATH_PARAMETERS:
        value = fixed.get(name)
        if isinstance(value, str) and (value == root or value.startswith(base)):
            fixed[name] = value[len(base) :] if value != root else ""
    return fixed


def lean_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """An input schema without the generated `title` of the object and of each property."""
    properties = {
        name: {key: value for key, value in spec.items() if key != "title"}
        for name, spec in schema.get("properties", {}).items()
    }
    lean = {key: value for key, value in schema.items() if key != "title"}
    return {**lean, "properties": properties}
