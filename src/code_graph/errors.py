"""One exception root for everything code-graph raises on purpose.

The CLI maps each class to a message and an exit code; the MCP server to a tool error.
"""

from __future__ import annotations


class CodeGraphError(Exception):
    """Root of every error code-graph raises deliberately."""

    exit_code = 2


class UsageError(CodeGraphError):
    """The caller asked for something that cannot be done as asked (bad path, bad option)."""


class ProjectNotFoundError(UsageError):
    """The given path does not exist or is not a directory."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class TargetNotFoundError(CodeGraphError):
    """A symbol or file the caller named is not in the index, or the name fits several."""

    exit_code = 1

    def __init__(
        self,
        target: str,
        problem: str,
        suggestions: tuple[str, ...] = (),
        *,
        ambiguous: bool = False,
        note: str | None = None,
    ) -> None:
        hint = f"; {'choose one of' if ambiguous else 'did you mean'}: {', '.join(suggestions)}"
        super().__init__(
            problem + (hint if suggestions else "") + ("" if note is None else f"; {note}")
        )
        self.target = target
        self.problem = problem
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        self.note = note


class StoreError(CodeGraphError):
    """The store cannot be opened or written."""


class StoreLockedError(StoreError):
    """Another process is writing the same store."""

    def __init__(self, store_path: str) -> None:
        super().__init__(
            f"another code-graph process is writing {store_path}; try again when it finishes"
        )
        self.store_path = store_path


class StoreDamagedError(StoreError):
    """The store's file is damaged: it cannot be read as the truth, and the next index run
    rebuilds it."""

    def __init__(self, root: str, problem: str) -> None:
        super().__init__(
            f"the index in {root} is damaged ({problem}); run `code-graph index {root}` to rebuild it"
        )
        self.root = root
        self.problem = problem


class StoreMissingError(StoreError):
    """No index exists yet for the project."""

    def __init__(self, root: str) -> None:
        super().__init__(f"no index in {root}; run `code-graph index {root}` first")
        self.root = root


class ConfigError(CodeGraphError):
    """A code-graph configuration file (code-graph.toml) is invalid."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def describe(error: BaseException) -> str:
    """One line for an unexpected exception: its type and the first line of its message."""
    message = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
