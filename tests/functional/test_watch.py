"""The watcher: fake notifiers for batching and filtering, the real one on tmp_path."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from code_graph.index import index_project
from code_graph.query.export import export_graph
from code_graph.render.json_format import export_document
from code_graph.store import Store
from code_graph.watch import BackgroundWatcher, ProjectWatcher, WatchEvent, WatchFilter
from tests.conftest import TreeWriter

FILES = {
    "src/a.ts": "import { b } from './b';\nexport function a() { return b(); }\n",
    "src/b.ts": "export function b() { return 1; }\n",
}


def _symbols(root: Path) -> set[str]:
    with Store.open_for_reading(root) as store:
        return {s["id"] for s in export_document(export_graph(store))["symbols"]}


def _fake_notifier(
    batches: list[set[tuple[Any, str]]], edits: Callable[[], None] = lambda: None
) -> Callable[..., Iterator[set[tuple[Any, str]]]]:
    """Yields an empty batch first (watches live, nothing changed), then makes `edits` and
    reports `batches` as watchfiles would."""

    def notifier(*_paths: Path, **options: Any) -> Iterator[set[tuple[Any, str]]]:
        keep = options["watch_filter"]
        yield set()
        edits()
        for batch in batches:
            yield {(change, path) for change, path in batch if keep(change, path)}

    return notifier


def test_the_filter_keeps_sources_configs_and_folders_but_not_noise(tmp_path: Path) -> None:
    keep = WatchFilter(tmp_path)
    assert keep(None, str(tmp_path / "src/a.ts"))
    assert keep(None, str(tmp_path / "packages/ui/package.json"))
    assert keep(None, str(tmp_path / "src/components"))  # maybe a moved folder
    assert not keep(None, str(tmp_path / "src/a.ts.swp"))
    assert not keep(None, str(tmp_path / "node_modules/x/index.js"))
    assert not keep(None, str(tmp_path / ".code-graph/graph.db-wal"))
    assert not keep(None, str(tmp_path / "README.md"))
    assert not keep(None, "/elsewhere/a.ts")


def test_edits_made_before_the_watches_are_live_are_caught_up(write_tree: TreeWriter) -> None:
    root = write_tree(FILES)
    index_project(root, workers=1)
    (root / "src/early.ts").write_text("export const early = 1;\n")  # no event will report it
    events: list[WatchEvent] = []
    ProjectWatcher(root, events.append, notifier=_fake_notifier([])).run(threading.Event())
    assert "src/early.ts#early@variable" in _symbols(root)
    assert events[-1].ready


def test_one_burst_of_events_is_applied_as_one_batch(write_tree: TreeWriter) -> None:
    root = write_tree(FILES)
    index_project(root, workers=1)

    def edits() -> None:
        for i in range(30):
            (root / f"src/new{i}.ts").write_text(f"export const n{i} = {i};\n")

    burst = {("added", str(root / f"src/new{i}.ts")) for i in range(30)}
    events: list[WatchEvent] = []
    watcher = ProjectWatcher(root, events.append, notifier=_fake_notifier([burst], edits))
    watcher.run(threading.Event())
    updates = [event for event in events if event.run is not None]
    assert [event.ready for event in events if event.run is None] == [True]
    assert len(updates) == 1 and updates[0].run is not None
    assert len(updates[0].run.changed) == 30
    assert {f"src/new{i}.ts#n{i}@variable" for i in range(30)} <= _symbols(root)


def test_an_atomic_save_through_a_temporary_file_updates_the_target(write_tree: TreeWriter) -> None:
    root = write_tree(FILES)
    index_project(root, workers=1)

    def edits() -> None:
        (root / "src/b.ts").write_text("export function b2() { return 2; }\n")

    batch = {
        ("added", str(root / "src/b.ts.tmp")),
        ("deleted", str(root / "src/b.ts.tmp")),
        ("modified", str(root / "src/b.ts")),
    }
    events: list[WatchEvent] = []
    ProjectWatcher(root, events.append, notifier=_fake_notifier([batch], edits)).run(
        threading.Event()
    )
    assert "src/b.ts#b2@function" in _symbols(root)
    assert [event.paths for event in events if event.run is not None] == [1]


def test_when_the_os_refuses_watches_it_says_so_and_reconciles_periodically(
    write_tree: TreeWriter,
) -> None:
    root = write_tree(FILES)
    index_project(root, workers=1)

    def refusing(*_paths: Path, **_options: Any) -> Iterator[set[tuple[Any, str]]]:
        raise OSError("OS file watch limit reached")
        yield set()  # pragma: no cover - makes this a generator

    events: list[WatchEvent] = []
    stop = threading.Event()
    watcher = ProjectWatcher(root, events.append, notifier=refusing, poll_seconds=0.05)
    thread = threading.Thread(target=watcher.run, args=(stop,))
    thread.start()
    (root / "src/c.ts").write_text("export const c = 3;\n")
    _wait_for(lambda: "src/c.ts#c@variable" in _symbols(root))
    stop.set()
    thread.join(5)
    assert "watch limit reached" in events[0].message
    assert "reconciling every" in events[0].message


def _wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the index did not catch up with the change")
        time.sleep(0.05)


@pytest.mark.slow
def test_the_real_watcher_follows_edits_adds_deletes_and_renames(write_tree: TreeWriter) -> None:
    root = write_tree(FILES)
    index_project(root, workers=1)
    events: list[WatchEvent] = []
    background = BackgroundWatcher(
        ProjectWatcher(root, events.append, step_ms=30, debounce_ms=500)
    ).start()
    try:
        time.sleep(0.3)  # let the OS watches settle
        (root / "src/b.ts").write_text(
            "export function b() { return 1; }\nexport function extra() {}\n"
        )
        _wait_for(lambda: "src/b.ts#extra@function" in _symbols(root))
        (root / "src/c.ts").write_text("export const c = 1;\n")
        _wait_for(lambda: "src/c.ts#c@variable" in _symbols(root))
        (root / "src/c.ts").rename(root / "src/d.ts")
        _wait_for(
            lambda: (
                "src/d.ts#c@variable" in _symbols(root)
                and "src/c.ts#c@variable" not in _symbols(root)
            )
        )
        (root / "src/d.ts").unlink()
        _wait_for(lambda: "src/d.ts#c@variable" not in _symbols(root))
        (root / "src/lib").mkdir()
        for i in range(200):  # a branch-switch-sized burst
            (root / f"src/lib/m{i}.ts").write_text(f"export const m{i} = {i};\n")
        _wait_for(lambda: "src/lib/m199.ts#m199@variable" in _symbols(root))
    finally:
        background.stop()
    assert [event.message for event in events if not event.ready and event.message] == []


def test_an_update_that_fails_unexpectedly_is_reported_and_reconciled(
    write_tree: TreeWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    import code_graph.watch as watch_module

    root = write_tree(FILES)
    index_project(root, workers=1)

    def broken_update(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a defect")

    monkeypatch.setattr(watch_module, "update_paths", broken_update)

    def edits() -> None:
        (root / "src/c.ts").write_text("export const c = 1;\n")

    events: list[WatchEvent] = []
    batch = {("added", str(root / "src/c.ts"))}
    ProjectWatcher(root, events.append, notifier=_fake_notifier([batch], edits)).run(
        threading.Event()
    )
    messages = [event.message for event in events if event.message]
    assert any("internal error: RuntimeError: a defect" in m for m in messages)
    assert "src/c.ts#c@variable" in _symbols(root)  # the reconcile caught the change up
