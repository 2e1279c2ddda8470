"""What refs_agreement.py prints and writes: the console summary, the JSON report and the
markdown summary (tables per repository and symbol kind, disagreements by use shape)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from refs_compare import (
    CLAIMED,
    CONVENTIONS,
    EVERY_USE,
    HIERARCHY,
    IN_SCOPE,
    MEMBER_KINDS,
    Outcome,
    Tally,
)

KIND_ORDER = (
    "function",
    "class",
    "interface",
    "type",
    "enum",
    "variable",
    "component",
    "method",
    "property",
)


def _ratio(value: float, right: int, total: int) -> str:
    return f"{value:.3f} ({right}/{total})"


def _kinds(outcome: Outcome) -> list[str]:
    seen = outcome.measures[EVERY_USE.name].by_kind
    return [k for k in KIND_ORDER if k in seen] + sorted(set(seen) - set(KIND_ORDER))


def group_tally(outcome: Outcome, convention: str, members: bool) -> Tally:
    """The line tally of the member (method, property) or the non-member symbols."""
    total = Tally()
    for kind, tally in outcome.measures[convention].by_kind.items():
        if (kind in MEMBER_KINDS) == members:
            total.add(tally)
    return total


def print_outcome(outcome: Outcome, show: int) -> None:
    print(f"== {outcome.name}: {outcome.symbols} symbols compared")
    if outcome.skipped:
        print(f"   skipped: {outcome.skipped}")
    for convention in CONVENTIONS:
        measure = outcome.measures[convention.name]
        print(f"   [{convention.name}]")
        for label, tally in (("line", measure.lines), ("file", measure.files)):
            print(
                f"   {label}-level: precision {_ratio(tally.precision(), tally.ours_right, tally.ours)}"
                f"  recall {_ratio(tally.recall(), tally.scope_found, tally.scope)}"
                f"  recall vs every TS reference {_ratio(tally.recall_all(), tally.all_found, tally.all)}"
                + (f"  neutral {tally.neutral}" if tally.neutral else "")
            )
        for kind in _kinds(outcome):
            tally = measure.by_kind.get(kind)
            if tally is None:
                continue
            print(
                f"     {kind:10s} {tally.symbols:4d} symbols  precision "
                f"{_ratio(tally.precision(), tally.ours_right, tally.ours)}  recall "
                f"{_ratio(tally.recall(), tally.scope_found, tally.scope)}"
            )
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in outcome.disagreements:
        by_category[row["category"]].append(row)
    for category, rows in sorted(by_category.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"   {len(rows):5d}  {category}")
        for row in rows[:show]:
            print(
                f"            {row['file']}:{row['line']}  {row['text'][:110]}   [{row['symbol']}]"
            )


def report_document(outcomes: list[Outcome]) -> dict[str, Any]:
    def metrics(t: Tally) -> dict[str, Any]:
        return {
            "precision": round(t.precision(), 4),
            "recall": round(t.recall(), 4),
            "recall_vs_every_reference": round(t.recall_all(), 4),
            "counts": vars(t),
        }

    return {
        "convention": "docs/refs-agreement.md",
        "conventions": {
            CLAIMED.name: {"in_scope_kinds": sorted(IN_SCOPE), "imports_at_statement": True},
            EVERY_USE.name: {
                "excluded_kinds": sorted(EVERY_USE.excluded),
                "imports_at_statement": False,
            },
            HIERARCHY.name: {
                "excluded_kinds": sorted(HIERARCHY.excluded),
                "imports_at_statement": False,
                "related_scope": True,
            },
        },
        "projects": [
            {
                "name": o.name,
                **o.about,
                "symbols": o.symbols,
                "skipped": o.skipped,
                "measures": {
                    name: {
                        "line_level": metrics(m.lines),
                        "file_level": metrics(m.files),
                        "line_level_by_kind": {k: metrics(t) for k, t in sorted(m.by_kind.items())},
                    }
                    for name, m in o.measures.items()
                },
                "categories": dict(Counter(r["category"] for r in o.disagreements).most_common()),
                "disagreements": o.disagreements,
            }
            for o in outcomes
        ],
    }


# --- markdown ---------------------------------------------------------------------------


def markdown_summary(outcomes: list[Outcome], command: str, examples: int = 3) -> str:
    """The per-repository and per-kind tables and the disagreements by use shape."""
    out = [f"Measured with `{command}`.", ""]
    out += _repositories_table(outcomes)
    out += ["", "**Line level, per symbol kind** (every use; `claimed` = the kinds `refs` covered"]
    out += ["before #14, imports on their statement's line):", ""]
    out += _kinds_table(outcomes)
    for title, direction, members, limit in (
        ("Misses of non-member declarations, by use shape", "miss", False, 40),
        ("Misses of members (methods, properties), by use shape", "miss", True, 15),
        (
            "False positives (lines we list that TypeScript does not), all symbols",
            "extra",
            None,
            20,
        ),
        ("Left out by convention (not counted), all symbols", "out-of-scope", None, 10),
    ):
        out += ["", f"**{title}**", ""]
        out += _category_table(outcomes, direction, members, examples, limit)
    return "\n".join(out) + "\n"


def _repositories_table(outcomes: list[Outcome]) -> list[str]:
    rows = [
        "| repository | commit | what | files | symbols (members) | non-members: precision | "
        "recall | members: precision | recall | members through the hierarchy: precision | "
        "recall | time: index / TypeScript (symbols asked) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        plain = group_tally(o, EVERY_USE.name, members=False)
        member = group_tally(o, EVERY_USE.name, members=True)
        hierarchy = group_tally(o, HIERARCHY.name, members=True)
        about = o.about
        times = about.get("seconds", {})
        rows.append(
            f"| {about.get('github', o.name)} `{about.get('include', '')}` "
            f"| {about.get('commit', '')[:10]} | {about.get('shape', '')} | {about.get('files', '')} "
            f"| {o.symbols} ({member.symbols}) "
            f"| {_ratio(plain.precision(), plain.ours_right, plain.ours)} "
            f"| **{_ratio(plain.recall(), plain.scope_found, plain.scope)}** "
            f"| {_ratio(member.precision(), member.ours_right, member.ours)} "
            f"| {_ratio(member.recall(), member.scope_found, member.scope)} "
            f"| {_ratio(hierarchy.precision(), hierarchy.ours_right, hierarchy.ours)} "
            f"| **{_ratio(hierarchy.recall(), hierarchy.scope_found, hierarchy.scope)}** "
            f"| {times.get('index', 0):.0f} s / {times.get('typescript', 0):.0f} s "
            f"({about.get('asked_typescript', o.symbols)} asked) |"
        )
    return rows


def _kinds_table(outcomes: list[Outcome]) -> list[str]:
    rows = [
        "| repository | kind | symbols | all found | precision | recall | recall (claimed) | "
        "recall vs every ref |",
        "|---|---|---|---|---|---|---|---|",
    ]
    total = Outcome.empty("all")
    for o in outcomes:
        total.merge(o)
    for o in [*outcomes, total]:
        for kind in _kinds(o):
            every = o.measures[EVERY_USE.name].by_kind[kind]
            claimed = o.measures[CLAIMED.name].by_kind[kind]
            name = f"**{o.name}**" if o is total else o.name
            rows.append(
                f"| {name} | {kind} | {every.symbols} | {every.complete} "
                f"| {_ratio(every.precision(), every.ours_right, every.ours)} "
                f"| {_ratio(every.recall(), every.scope_found, every.scope)} "
                f"| {claimed.recall():.3f} "
                f"| {every.recall_all():.3f} |"
            )
    return rows


def _category_table(
    outcomes: list[Outcome], direction: str, members: bool | None, examples: int, limit: int
) -> list[str]:
    """Use shape -> lines, share and lines per repository, with examples; the shapes past
    `limit` summed on one row (the JSON report has them all)."""

    def wanted(row: dict[str, Any]) -> bool:
        if row["direction"] != direction:
            return False
        return members is None or (row["symbol_kind"] in MEMBER_KINDS) == members

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    firsts: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for o in outcomes:
        for row in o.disagreements:
            if not wanted(row):
                continue
            category = row["category"].split(": ", 1)[1]
            counts[category][o.name] += 1
            shown = firsts[category][o.name]
            if len(shown) < examples and all(r["symbol"] != row["symbol"] for r in shown):
                shown.append(row)
    total = sum(sum(c.values()) for c in counts.values())
    if not total:
        return ["(none)"]
    names = [o.name for o in outcomes]
    rows = [
        f"| use shape | lines | % | {' | '.join(names)} | examples |",
        "|---|---|---|" + "---|" * len(names) + "---|",
    ]
    ordered = sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    rest: Counter[str] = Counter()
    for _, per_repo in ordered[limit:]:
        rest.update(per_repo)
    for category, per_repo in ordered[:limit]:
        n = sum(per_repo.values())
        cells = " | ".join(str(per_repo.get(name, 0)) for name in names)
        shown = "<br>".join(
            _example(name, row) for name, row in _spread(firsts[category], examples)
        )
        rows.append(f"| {category} | {n} | {100 * n / total:.1f} | {cells} | {shown} |")
    if rest:
        n = sum(rest.values())
        cells = " | ".join(str(rest.get(name, 0)) for name in names)
        label = f"{len(ordered) - limit} other shapes"
        rows.append(f"| {label} | {n} | {100 * n / total:.1f} | {cells} | (the JSON report) |")
    rows.append(
        f"| **all** | {total} | 100 | "
        + " | ".join(str(sum(c.get(name, 0) for c in counts.values())) for name in names)
        + " | |"
    )
    return rows


def _spread(
    by_repo: dict[str, list[dict[str, Any]]], examples: int
) -> list[tuple[str, dict[str, Any]]]:
    """Up to `examples` rows, one repository after the other (different repositories first)."""
    picked: list[tuple[str, dict[str, Any]]] = []
    for depth in range(examples):
        for name, rows in by_repo.items():
            if depth < len(rows) and len(picked) < examples:
                picked.append((name, rows[depth]))
    return picked


def _example(name: str, row: dict[str, Any]) -> str:
    text = row["text"][:90].replace("|", "\\|").replace("`", "'")
    return f"{name} `{row['file']}:{row['line']}` `{text}`"
