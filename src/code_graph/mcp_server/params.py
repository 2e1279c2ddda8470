"""Checking tool parameters beyond their JSON schema: ranges, choices and path safety.

Pure: no I/O. Every check raises `InvalidParameterError`, which the server turns into a protocol
error (-32602) naming the parameter, so a caller learns what to change.
Paths are never touched on disk: a path that could leave the project root (`..`, absolute,
a drive letter) is refused before any query sees it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from code_graph.errors import UsageError
from code_graph.model import SymbolKind

MAX_LIMIT = 500
MAX_TEXT_LENGTH = 1_000  # an address or a path longer than this is a mistake, not a name
SYMBOL_KINDS = tuple(kind.value for kind in SymbolKind)
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
            name, f"{_quoted(value)} is absolute; give a root-relative path"
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
