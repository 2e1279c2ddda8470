"""The projects an MCP server answers for, with fake reconcile, store and watcher hooks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import pytest

from code_graph.errors import ConfigError, StoreLockedError
from code_graph.mcp_server.params import InvalidParameterError
from code_graph.mcp_server.projects import Progress, Projects, ProjectUnavailableError
from code_graph.store import Store

MAIN = Path("/work/shop")
OTHER = Path("/work/tools")


class FakeStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.closed = False
        self.snapshots = 0

    def __enter__(self) -> FakeStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.closed = True

    @contextmanager
    def read_snapshot(self) -> Iterator[None]:
        self.snapshots += 1
        yield


def open_fake(root: Path) -> Store:
    return cast(Store, FakeStore(root))


def reconcile_nothing(root: Path, progress: Progress) -> None:
    del root, progress


def started(projects: Projects) -> Projects:
    projects.start()
    for project in projects.all:
        assert project.ready.wait(5)
    return projects


def test_no_project_named_means_the_served_root() -> None:
    projects = Projects(MAIN, [OTHER])
    assert projects.select(None).root == MAIN


@pytest.mark.parametrize("name", [str(OTHER), "tools", f"{OTHER}/"])
def test_an_allowed_root_is_named_by_its_path_or_folder_name(name: str) -> None:
    assert Projects(MAIN, [OTHER]).select(name).root == OTHER


@pytest.mark.parametrize("name", ["/etc", "..", "shop/../etc", ""])
def test_any_other_project_name_is_refused_listing_the_served_roots(name: str) -> None:
    with pytest.raises(InvalidParameterError, match=f"is not served \\(served: {MAIN}, {OTHER}\\)"):
        Projects(MAIN, [OTHER]).select(name)


def test_a_folder_name_shared_by_two_roots_asks_for_the_full_path() -> None:
    projects = Projects(MAIN, [Path("/elsewhere/shop")])
    with pytest.raises(InvalidParameterError, match="give the full path"):
        projects.select("shop")


def test_the_served_root_listed_again_as_allowed_is_served_once() -> None:
    assert [p.root for p in Projects(MAIN, [MAIN, OTHER, OTHER]).all] == [MAIN, OTHER]


def test_every_project_is_reconciled_then_read_through_its_own_store() -> None:
    reconciled: list[Path] = []

    def reconcile(root: Path, progress: Progress) -> None:
        reconciled.append(root)

    projects = started(Projects(MAIN, [OTHER], reconcile=reconcile, open_store=open_fake))
    with projects.reading(projects.select("tools")) as store:
        assert cast(Any, store).root == OTHER
    assert sorted(reconciled) == [MAIN, OTHER]


def test_a_call_during_the_first_reconcile_says_how_far_it_got() -> None:
    release = threading.Event()

    def slow(root: Path, progress: Progress) -> None:
        progress(120, 7000)
        release.wait(5)

    projects = Projects(MAIN, reconcile=slow, open_store=open_fake)
    projects.start()
    try:
        with (
            pytest.raises(ProjectUnavailableError, match=r"still indexing .*120 of 7,000 files"),
            projects.reading(projects.main),
        ):
            pass
    finally:
        release.set()


def test_stopping_releases_calls_waiting_for_the_first_reconcile() -> None:
    release = threading.Event()

    def slow(root: Path, progress: Progress) -> None:
        release.wait(5)

    projects = Projects(MAIN, reconcile=slow, open_store=open_fake)
    projects.start()
    projects.stop()
    assert projects.main.ready.is_set()
    with (
        pytest.raises(ProjectUnavailableError, match="shutting down"),
        projects.reading(projects.main),
    ):
        pass
    release.set()


def test_a_failed_reconcile_is_reported_on_every_call() -> None:
    def broken(root: Path, progress: Progress) -> None:
        raise ConfigError("code-graph.toml", "exclude must be a list")

    projects = started(Projects(MAIN, reconcile=broken, open_store=open_fake))
    with (
        pytest.raises(ProjectUnavailableError, match="exclude must be a list"),
        projects.reading(projects.main),
    ):
        pass


def test_an_unexpected_crash_while_indexing_is_reported_not_raised() -> None:
    def crash(root: Path, progress: Progress) -> None:
        raise RuntimeError("boom")

    projects = started(Projects(MAIN, reconcile=crash, open_store=open_fake))
    assert projects.main.failure == "indexing failed (RuntimeError: boom)"


def test_another_writer_holding_the_lock_still_leaves_the_last_index_readable() -> None:
    def locked(root: Path, progress: Progress) -> None:
        raise StoreLockedError(str(root / ".code-graph"))

    projects = started(Projects(MAIN, reconcile=locked, open_store=open_fake))
    with projects.reading(projects.main) as store:
        assert cast(Any, store).root == MAIN


def test_keep_fresh_starts_after_the_first_reconcile_and_ends_when_the_server_stops() -> None:
    watching: list[Path] = []
    entered, stopped = threading.Event(), threading.Event()

    def keep_fresh(root: Path, stop: threading.Event) -> None:
        watching.append(root)
        entered.set()
        stop.wait(5)
        stopped.set()

    projects = Projects(
        MAIN, reconcile=reconcile_nothing, open_store=open_fake, keep_fresh=keep_fresh
    )
    started(projects)
    assert entered.wait(5)
    with projects.reading(projects.main):
        pass  # answering while the hook keeps the store fresh
    store = cast(FakeStore, projects.main.store)
    projects.stop()
    assert stopped.wait(5)
    assert watching == [MAIN]
    assert store.closed


def test_keep_fresh_is_not_started_for_a_project_that_failed() -> None:
    def broken(root: Path, progress: Progress) -> None:
        raise ConfigError("code-graph.toml", "bad")

    calls: list[Path] = []
    projects = Projects(
        MAIN,
        reconcile=broken,
        open_store=open_fake,
        keep_fresh=lambda root, stop: calls.append(root),
    )
    started(projects)
    projects.stop()
    assert calls == []


def test_no_call_is_answered_after_the_server_stops() -> None:
    projects = started(Projects(MAIN, reconcile=reconcile_nothing, open_store=open_fake))
    projects.stop()
    with (
        pytest.raises(ProjectUnavailableError, match="shutting down"),
        projects.reading(projects.main),
    ):
        pass
