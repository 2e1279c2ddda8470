"""The grammar every command shares: which project, which output format, which page.

Each piece is a decorator that adds its options and hands the command one checked value,
so a new command takes the whole grammar in a few lines:

    @main.command()
    @click.argument("symbol")
    @project_option()              # -p/--project DIR  ->  project: Path
    @format_options()              # --format, --json  ->  output_format: str
    @paging_options(limit=100)     # --limit, --offset ->  page: Page
    def command(symbol: str, project: Path, output_format: str, page: Page) -> None: ...

Light on purpose (click and the standard library only): `code-graph --help` imports it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from code_graph.query.paging import Page

FORMATS = ("table", "json", "compact")
Command = Callable[..., Any]


def project_option(*, positional: bool = False) -> Callable[[Command], Command]:
    """`-p/--project DIR` (any folder inside the project; default: the current folder) and,
    with `positional`, the same as an optional PATH argument. The command gets `project`."""

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            option = kwargs.pop("project_option")
            argument = kwargs.pop("project_argument", None)
            if option is not None and argument is not None and option != argument:
                raise click.UsageError(
                    f"two projects given: PATH {argument} and --project {option}; give one"
                )
            kwargs["project"] = option or argument or Path()
            return command(*args, **kwargs)

        wrapped = click.option(
            "--project",
            "-p",
            "project_option",
            type=click.Path(path_type=Path),
            default=None,
            metavar="DIR",
            help="The project (or any folder inside it); default: the current folder.",
        )(run)
        if positional:
            wrapped = click.argument(
                "project_argument",
                metavar="[PATH]",
                type=click.Path(path_type=Path),
                required=False,
            )(wrapped)
        return wrapped

    return decorate


def format_options() -> Callable[[Command], Command]:
    """`--format table|json|compact` and `--json` (the same as `--format json`); a `--json`
    beside another `--format` is a usage error. The command gets `output_format`."""

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            chosen = kwargs.pop("format_option")
            as_json = kwargs.pop("json_flag")
            if as_json and chosen not in (None, "json"):
                raise click.UsageError(f"--json and --format {chosen} contradict; give one")
            kwargs["output_format"] = "json" if as_json else chosen or "table"
            return command(*args, **kwargs)

        with_json = click.option(
            "--json", "json_flag", is_flag=True, help="Same as --format json."
        )(run)
        return click.option(
            "--format",
            "format_option",
            type=click.Choice(FORMATS),
            default=None,
            help="table for people (the default), json for scripts, compact for agents.",
        )(with_json)

    return decorate


def paging_options(*, limit: int = 100) -> Callable[[Command], Command]:
    """`--limit N` (default `limit`) and `--offset K`: which page of a list to show. The
    command gets `page`."""

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            kwargs["page"] = Page(kwargs.pop("page_offset"), kwargs.pop("page_limit"))
            return command(*args, **kwargs)

        with_offset = click.option(
            "--offset",
            "page_offset",
            type=click.IntRange(min=0),
            default=0,
            show_default=True,
            help="Skip the first K items (the next page).",
        )(run)
        return click.option(
            "--limit",
            "page_limit",
            type=click.IntRange(min=1),
            default=limit,
            show_default=True,
            help="Show at most N items.",
        )(with_offset)

    return decorate


class Place:
    """Where a command runs: its project's root and the current folder inside it, to read
    the paths a person types (relative to the current folder, or to the root, or absolute
    inside the project) as the index spells them."""

    def __init__(self, root: Path, cwd: Path | None = None) -> None:
        self.root = root
        here = (cwd or Path.cwd()).resolve()
        self.here = here.relative_to(root).as_posix() if here.is_relative_to(root) else ""
        if self.here == ".":
            self.here = ""

    def given(self, path: str) -> str:
        """`path` as typed, an absolute one made root-relative (folders keep their slash).

        Raises:
            click.UsageError: an absolute path outside the project.
        """
        if not Path(path).is_absolute():
            return path
        resolved = Path(path).resolve()
        if not resolved.is_relative_to(self.root):
            raise click.UsageError(f"{path} is outside the project {self.root}")
        relative = resolved.relative_to(self.root).as_posix()
        relative = "" if relative == "." else relative
        return relative + "/" if path.endswith("/") and relative else relative

    def prefix(self, graph: Any, path: str | None) -> str | None:
        """A filter's path prefix as the index spells it (`query.paths.path_prefix`)."""
        from code_graph.query.paths import path_prefix

        return None if path is None else path_prefix(graph, self.given(path), self.here)

    def path(self, graph: Any, path: str) -> str:
        """A file or folder as the index spells it; as given when it names neither."""
        from code_graph.query.paths import indexed_path

        given = self.given(path)
        found = indexed_path(graph, given, self.here)
        return given if found is None else found

    def address(self, graph: Any, address: str) -> str:
        """A symbol address with its file part read as the index spells it."""
        from code_graph.query.paths import address_in

        file_part, sep, rest = address.rpartition(":")
        if sep and Path(file_part).is_absolute():
            address = f"{self.given(file_part)}:{rest}"
        return address_in(graph, address, self.here)

    def target(self, graph: Any, target: str) -> str:
        """A symbol address, file or folder (impact's and export's targets)."""
        from code_graph.query.paths import indexed_path

        given = self.given(target)
        found = indexed_path(graph, given, self.here)
        bare = "/" not in target and "." not in target
        if found is not None and (not bare or not graph.symbols.named(target)):
            return found
        return self.address(graph, given)
