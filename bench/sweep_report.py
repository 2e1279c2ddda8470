"""The sweep's Markdown: one row per repository, then every problem and the slowest commands.

`replace_section` puts the report between two marker comments of a document, keeping the
hand-written text around them.
"""

from __future__ import annotations

import json
from typing import Any

BEGIN = "<!-- sweep:begin (written by bench/sweep.py --write-docs) -->"
END = "<!-- sweep:end -->"
SLOWEST = 10


def markdown(run: dict[str, Any]) -> str:
    """The whole report of one sweep (`run` as bench/sweep.py writes it to JSON)."""
    repos: list[dict[str, Any]] = run["repos"]
    loads = [r["index"]["other_load_cores"] for r in repos if r.get("index")]
    lines = [
        f"Engine {run['engine']}; {run['machine']}; {len(repos)} repositories in "
        f"{run['elapsed_s'] / 60:.1f} min, one at a time (index `--workers "
        f"{run['workers'] or 'default'}`, {run['symbols']} symbols and {run['files']} files "
        f"sampled per repository, seed `{run['seed']}`). Other work on the machine used "
        f"{sum(loads) / max(len(loads), 1):.1f} cores on average while the indexes ran.",
        "",
        "| repository | shape | finished | index s (wall / CPU) "
        "| index peak RSS MB (largest process / tree) "
        "| files | with syntax errors | symbols (in those files) | skipped by reason "
        "| unresolved imports | commands run / failed / traceback / miss | error |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|",
    ]
    lines += [_row(repo) for repo in repos]
    unpinned = [r["name"] for r in repos if r.get("pinned") is False]
    if unpinned:
        lines += [
            "",
            f"Not at the pinned commit (the mirror's HEAD instead): {', '.join(unpinned)}.",
        ]
    absent = [(r["name"], r["absent_files"]) for r in repos if r.get("absent_files")]
    if absent:
        listed = "; ".join(
            f"{name} {len(paths)} ({', '.join(paths[:3])})" for name, paths in absent
        )
        lines += ["", f"Files not in the snapshots (4 MiB and more), so not indexed: {listed}."]
    reported = [
        (r["name"], r["counts"]["reported"]) for r in repos if "reported" in r.get("counts", {})
    ]
    if reported:
        lines += ["", "Failure and recovery figures the engine reports itself:", ""]
        lines += [f"- {name}: {_cell(json.dumps(figures))}" for name, figures in reported]
    problems = [(repo["name"], p) for repo in repos for p in repo.get("problems", [])]
    lines += ["", f"**Problems** ({len(problems)}: commands that did not answer as they should)"]
    if problems:
        lines += ["", "| repository | command | outcome | what it said |", "|---|---|---|---|"]
        lines += [
            f"| {name} | `{_cell(p['command'])}` | {p['status']} | {_cell(p['error'] or '')} |"
            for name, p in problems
        ]
    else:
        lines += ["", "None."]
    commands = [(repo["name"], c) for repo in repos for c in repo.get("commands", [])]
    commands.sort(key=lambda item: -item[1]["wall_s"])
    lines += [
        "",
        f"**Slowest query commands** (of {len(commands)}; wall time with start-up, "
        "largest process's peak RSS)",
        "",
        "| repository | command | s | RSS MB |",
        "|---|---|---:|---:|",
    ]
    lines += [
        f"| {name} | `{_cell(c['command'])}` | {c['wall_s']:.1f} | {c['rss_mb']:.0f} |"
        for name, c in commands[:SLOWEST]
    ]
    if run.get("uncovered"):
        lines += ["", f"Query commands the sweep does not run: {', '.join(run['uncovered'])}."]
    return "\n".join(lines) + "\n"


def _row(repo: dict[str, Any]) -> str:
    index = repo.get("index") or {}
    counts = repo.get("counts") or {}
    queries = repo.get("queries") or {}
    finished = (
        "yes" if index.get("finished") else ("timeout" if index.get("timed_out") else "**no**")
    )
    skipped = ", ".join(f"{r} {n}" for r, n in sorted(counts.get("skipped_by_reason", {}).items()))
    ran = (
        f"{queries['run']} / {queries['failed']} / {queries['tracebacks']} / {queries['misses']}"
        if queries
        else "not run"
    )
    cells = [
        f"[{repo['name']}](https://github.com/{repo['github']}/tree/{repo['commit'][:12]})",
        repo["shape"],
        finished,
        f"{_number(index.get('wall_s'), '.1f')} / {_number(index.get('cpu_s'), '.1f')}",
        f"{_number(index.get('peak_rss_mb'), '.0f')} / {_number(index.get('tree_peak_rss_mb'), '.0f')}",
        _number(counts.get("files"), ","),
        _number(counts.get("syntax_error_files"), ","),
        f"{_number(counts.get('symbols'), ',')} ({_number(counts.get('symbols_in_error_files'), ',')})",
        skipped or "—",
        _number(counts.get("unresolved"), ","),
        ran,
        _cell(repo.get("error") or ""),
    ]
    return "| " + " | ".join(cells) + " |"


def _number(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def _cell(text: str) -> str:
    """`text` fit for one table cell: one line, pipes escaped, at most 160 characters."""
    flat = " ".join(text.split()).replace("|", "\\|")
    return flat if len(flat) <= 160 else flat[:157] + "..."


def replace_section(document: str, section: str) -> str:
    """`document` with the text between the sweep markers replaced by `section`.

    Raises:
        ValueError: the markers are missing or out of order.
    """
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the document has no {BEGIN!r} ... {END!r} section")
    return document[: start + len(BEGIN)] + "\n" + section + document[end:]
