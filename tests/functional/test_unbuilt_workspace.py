"""An unbuilt monorepo through the whole index: workspace packages whose `exports`, `types`,
`main` and `module` point into build output that is not there still link to their sources,
and the entries that map to nothing are reported with what is missing and what was tried.

The fixture is the resolve golden case `workspaces-unbuilt` (TypeScript finds none of these
packages without a build; the case lists our answers as exceptions)."""

from __future__ import annotations

from pathlib import Path

from code_graph.index import index_project
from code_graph.query.refs import find_references
from code_graph.query.unresolved import unresolved_groups
from code_graph.store import Store
from tests.functional.test_resolve_golden import materialize

APP = "apps/web/src/main.ts"


def test_unbuilt_workspace_packages_link_to_their_sources(tmp_path: Path) -> None:
    root = materialize("workspaces-unbuilt", tmp_path)
    index_project(root, workers=1)
    with Store.open_for_reading(root) as store:
        imports = {row.specifier: row for row in store.imports.of_file(APP)}
        calls = {
            name: [(r.file, r.line) for r in find_references(store, name).references]
            for name in ("signal", "untracked", "plot")
        }
        groups = {group.reason: group.imports for group in unresolved_groups(store)}
    targets = {specifier: row.target for specifier, row in imports.items() if row.target}
    assert targets == {
        "@acme/signals": "packages/signals/index.ts",
        "@acme/signals/utils": "packages/signals/utils.ts",
        "@acme/widgets": "packages/widgets/src/index.tsx",
        "charts": "packages/charts/src/index.ts",
        "legacy-esm": "packages/legacy-esm/src/index.ts",
    }
    assert imports["@acme/signals"].detail == (
        "source of unbuilt packages/signals/dist/production/index.d.ts"
        " (dist/production/ → the package root)"
    )
    assert all(row.method == "workspace" for row in imports.values() if row.target)
    assert calls == {
        "signal": [(APP, 1), (APP, 10)],
        "untracked": [(APP, 2), (APP, 11)],
        "plot": [(APP, 5), (APP, 10)],
    }
    missing = {row.specifier: row.detail for row in groups["package-entry-missing"]}
    assert missing == {
        "@acme/signals/gone": "packages/signals/dist/production/gone.js does not exist"
        " (unbuilt?) and no source matches; tried packages/signals/src/production/gone.*,"
        " packages/signals/production/gone.*, packages/signals/src/gone.*,"
        " packages/signals/gone.*",
        "@acme/ghost": "packages/ghost/dist/index.d.ts, packages/ghost/dist/index.js do not"
        " exist (unbuilt?) and no source matches; tried packages/ghost/src/index.*,"
        " packages/ghost/index.*",
    }
    assert "exports-not-exported" not in groups
    assert (imports["shipped"].method, imports["shipped"].package) == ("external", "shipped")
