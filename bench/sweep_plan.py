"""What the real-repository sweep asks of one indexed repository, and how it judges an answer.

Pure logic: the seeded choice of symbols and files from the graph's JSON export, the list of
query commands (every query command of the CLI, in every output format), and the outcome of
one command from its exit code, standard error and output.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

FORMATS = ("table", "json", "compact")
PICTURE_FORMATS = ("dot", "mermaid", "html")  # those drawn without an external tool
UNKNOWN_NAME = "ZzSweepNoSuchName"
UNKNOWN_FILE = "zz-sweep/no-such-file.ts"
NOT_QUERIES = frozenset({"index", "mcp", "watch"})  # CLI commands that are not queries
TRACEBACK = "Traceback (most recent call last)"


@dataclass(frozen=True, slots=True)
class Query:
    """One query command: `code-graph <args>`, `{root}` and `{out}` filled in when it runs."""

    args: tuple[str, ...]
    expect_found: bool = False  # exit 1 ("nothing found") is a miss: the target was sampled
    output_file: str | None = None  # the command writes here (`-o {out}`), not to stdout

    @property
    def command(self) -> str:
        return self.args[0]

    @property
    def shown(self) -> str:
        """The command as a person would type it inside the project."""
        words = [a for a in self.args if a not in ("{root}", "-p")]
        return "code-graph " + " ".join(words).replace("{out}", self.output_file or "")

    @property
    def json_output(self) -> bool:
        """Whether the output (stdout, or the output file) must be one JSON document."""
        return "--json" in self.args or _option(self.args, "--format") == "json"


@dataclass(frozen=True, slots=True)
class Targets:
    """Seeded samples of one index: symbol addresses and files to ask about."""

    symbols: tuple[str, ...]  # `file:QualifiedName` (unique) and `file:LINE` addresses
    names: tuple[str, ...]  # bare names (maybe ambiguous: exit 1 is allowed)
    kinds: tuple[str, ...]  # a symbol kind per name, for `find --kind`
    files: tuple[str, ...]


def _option(args: Sequence[str], name: str) -> str | None:
    for i, arg in enumerate(args[:-1]):
        if arg == name:
            return args[i + 1]
    return None


def sample_targets(document: dict[str, Any], seed: str, symbols: int, files: int) -> Targets:
    """Pick symbols and files of the exported graph `document`, the same ones for one seed.

    Symbol addresses are `file:QualifiedName` only where that pair names one declaration
    (overloads and merged declarations share it), so "not found" is always a real miss.
    Exported top-level symbols come first, then one member; files include one with syntax
    errors and one declaration file when there are any.
    """
    rng = random.Random(seed)
    entries: list[dict[str, Any]] = document.get("symbols", [])
    pairs = Counter((s["file"], s["qualified_name"]) for s in entries)
    unique = [s for s in entries if pairs[s["file"], s["qualified_name"]] == 1]
    top = [s for s in unique if s["parent"] is None and s["exported"] != "none"]
    members = [s for s in unique if s["parent"] is not None]
    chosen = rng.sample(top, min(symbols, len(top)))
    if members:
        chosen.append(rng.choice(members))
    if not chosen and unique:
        chosen = rng.sample(unique, min(symbols, len(unique)))
    addresses = [f"{s['file']}:{s['qualified_name']}" for s in chosen]
    if chosen:
        addresses.append(f"{chosen[0]['file']}:{chosen[0]['line']}")
    return Targets(
        symbols=tuple(addresses),
        names=tuple(s["name"] for s in chosen),
        kinds=tuple(s["kind"] for s in chosen),
        files=_sample_files(document.get("files", []), rng, files),
    )


def _sample_files(entries: list[dict[str, Any]], rng: random.Random, count: int) -> tuple[str, ...]:
    paths = sorted(f["path"] for f in entries)
    picked: list[str] = []
    for special in (
        sorted(f["path"] for f in entries if f["parse_errors"]),
        sorted(f["path"] for f in entries if f["is_declaration"]),
    ):
        if special and len(picked) < count:
            picked.append(rng.choice(special))
    rest = [p for p in paths if p not in picked]
    picked += rng.sample(rest, min(count - len(picked), len(rest)))
    return tuple(picked)


def whole_graph_queries(graphviz: bool) -> list[Query]:
    """The questions about the whole graph: `stats`, `circular`, `unresolved`, every picture.

    `export --format json` is asked separately, first: its answer is what the targets are
    sampled from.
    """
    queries = [
        Query(("stats", "{root}")),
        Query(("stats", "{root}", "--json")),
        Query(("circular", "{root}")),
        Query(("circular", "{root}", "--runtime-only", "--json")),
        Query(("circular", "{root}", "--format", "compact")),
        Query(("unresolved", "{root}")),
        Query(("unresolved", "{root}", "--json")),
        Query(("unresolved", "{root}", "--format", "compact")),
    ]
    for fmt in PICTURE_FORMATS:
        queries.append(_picture(fmt, f"whole.{fmt}"))
    queries += [
        _picture("mermaid", "packages.mmd", "--level", "package"),
        _picture("dot", "symbols.dot", "--level", "symbol", "--max-nodes", "500"),
        _picture("html", "cycles.html", "--cycles"),
    ]
    if graphviz:
        queries.append(_picture("svg", "packages.svg", "--level", "package", "--max-nodes", "200"))
    return queries


def export_json_query() -> Query:
    return _picture("json", "graph.json")


def _picture(fmt: str, name: str, *options: str) -> Query:
    return Query(("export", "{root}", "--format", fmt, *options, "-o", "{out}"), output_file=name)


def target_queries(targets: Targets, graphviz: bool) -> list[Query]:
    """The questions about sampled symbols and files, each in a different output format
    (round robin), and the same questions about a name and a file that do not exist."""
    queries: list[Query] = []
    formats = itertools.cycle(FORMATS)

    def fmt() -> tuple[str, ...]:
        return ("--format", next(formats))

    for i, address in enumerate(targets.symbols):
        impact_format = fmt()
        tree = ("--tree",) if impact_format[1] == "table" else ()
        queries += [
            Query(("refs", address, "-p", "{root}", *fmt()), expect_found=True),
            Query(("impact", address, "-p", "{root}", *impact_format, *tree), expect_found=True),
            Query(("context", address, "-p", "{root}", *fmt()), expect_found=True),
            _picture("mermaid", f"focus-{i}.mmd", "--focus", address, "--depth", "2"),
        ]
    for name, kind in zip(targets.names, targets.kinds, strict=True):
        exact = f"^{re.escape(name)}$"
        queries += [
            Query(("find", exact, "-p", "{root}", *fmt()), expect_found=True),
            Query(("find", exact, "-p", "{root}", "--kind", kind, "-i", *fmt()), expect_found=True),
            Query(("refs", name, "-p", "{root}", *fmt())),  # may be ambiguous
        ]
    for i, path in enumerate(targets.files):
        queries += [
            Query(("file", path, "-p", "{root}", *fmt()), expect_found=True),
            Query(("impact", path, "-p", "{root}", "--depth", "3", *fmt()), expect_found=True),
            Query(("unresolved", "{root}", "--file", path, *fmt())),
            Query(("find", ".", "-p", "{root}", "--file", path, "--limit", "20", *fmt())),
            _picture("dot", f"focus-file-{i}.dot", "--focus", path),
        ]
    if graphviz and targets.files:
        queries.append(_picture("svg", "focus-file.svg", "--focus", targets.files[0]))
    for command in ("find", "refs", "impact", "context"):
        queries.append(Query((command, UNKNOWN_NAME, "-p", "{root}", *fmt())))
    queries.append(Query(("file", UNKNOWN_FILE, "-p", "{root}", *fmt())))
    return queries


def uncovered_commands(help_text: str, queries: Sequence[Query]) -> list[str]:
    """Query commands `code-graph --help` lists that no query of the plan runs."""
    listed = re.findall(r"^  (\w[\w-]*)\s", help_text.split("Commands:", 1)[-1], re.MULTILINE)
    asked = {q.command for q in queries}
    return sorted(set(listed) - asked - NOT_QUERIES)


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str  # ok | miss | failed | traceback | timeout | bad-output
    error: str | None  # the line that says what went wrong


def judge(
    query: Query, exit_code: int, timed_out: bool, stderr: str, output: str | None
) -> Outcome:
    """How one command went. `output` is what it wrote (stdout or its output file; None when
    the file is missing)."""
    if timed_out:
        return Outcome("timeout", "no answer within the timeout")
    if TRACEBACK in stderr:
        return Outcome("traceback", error_line(stderr))
    if exit_code not in (0, 1):
        return Outcome("failed", error_line(stderr) or f"exit code {exit_code}")
    if exit_code == 1:
        return Outcome("miss", error_line(stderr)) if query.expect_found else Outcome("ok", None)
    if output is None or (query.output_file and not output):
        return Outcome("bad-output", "no output file written")
    if query.json_output:
        try:
            json.loads(output)
        except ValueError as e:
            return Outcome("bad-output", f"not JSON: {e}")
    return Outcome("ok", None)


def error_line(stderr: str) -> str | None:
    """The line of `stderr` that says what went wrong: a traceback's exception line (its
    last line that is not indented), else the first line that is not blank."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    if not lines:
        return None
    if any(TRACEBACK in line for line in lines):
        unindented = [line for line in lines if not line[0].isspace()]
        return unindented[-1][:300]
    return lines[0][:300]
