"""`unresolved`: imports the resolver could not follow, grouped by reason, with a fix to try."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from code_graph.query.paging import Page
from code_graph.query.ports import Graph
from code_graph.records import StoredImport

FIXES = {
    "not-found": "check the path for typos, or add the missing file",
    "non-source-target": "an asset (CSS, JSON, SVG…): nothing to index; ignore",
    "query-suffix": "a bundler query (?raw, ?worker): resolved by the bundler, not TypeScript",
    "paths-pattern-miss": "the tsconfig `paths` alias matches, but no substitution names an existing file",
    "package-entry-missing": "the package's entry (types/main/exports) points at a file that does not exist: build it or point it at src/",
    "not-a-module-name": "a virtual module or URL: provided by a bundler plugin or the runtime",
    "package-not-installed": "install the package (npm install) or add a `paths` alias",
    "exports-not-exported": "list the subpath in the package's `exports`, or fix the target it names (the detail says which)",
    "imports-not-defined": "add the `#name` entry to the package.json `imports`, or fix the target it names (the detail says which)",
    "excluded-file": "the target exists but is excluded from the index (code-graph.toml or .gitignore)",
    "internal-error": "code-graph failed on this import (a defect: please report it with the detail)",
}


@dataclass(frozen=True, slots=True)
class UnresolvedGroup:
    reason: str
    fix: str
    imports: list[StoredImport]  # all of them, or a page of them (`page_of_groups`)
    count: int  # imports of this reason in all


def unresolved_groups(graph: Graph, file_prefix: str | None = None) -> list[UnresolvedGroup]:
    """Unresolved imports grouped by reason, the largest group first."""
    groups: dict[str, list[StoredImport]] = defaultdict(list)
    for record in graph.imports.unresolved(file_prefix):
        groups[record.reason or "unknown"].append(record)
    return [
        UnresolvedGroup(reason, FIXES.get(reason, "see docs/resolution.md"), records, len(records))
        for reason, records in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    ]


def page_of_groups(groups: list[UnresolvedGroup], page: Page) -> list[UnresolvedGroup]:
    """The groups holding a page of the imports of all `groups` taken in order (the others
    left out); each keeps its whole count."""
    shown: list[UnresolvedGroup] = []
    start = 0
    for group in groups:
        local = Page(
            max(0, page.offset - start),
            None if page.limit is None else page.offset + page.limit - max(start, page.offset),
        )
        if local.limit is None or local.limit > 0:
            imports = local.window(group.imports)
            if imports:
                shown.append(dataclasses.replace(group, imports=imports))
        start += len(group.imports)
    return shown
