"""Keeping the graph fresh: file-system events become incremental updates.

Events are debounced by watchfiles (a batch closes once `step_ms` pass with no new event, or
after `debounce_ms` at most), so a `git checkout` that rewrites thousands of files arrives
as one batch. Paths are filtered like the walker filters them; the update itself re-checks
ignore rules. If the OS refuses more watches, the watcher says so and falls back to a
periodic reconcile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from code_graph.errors import CodeGraphError
from code_graph.index import index_project
from code_graph.index.update import UpdateRun, prepare_updates, update_paths
from code_graph.memory import release_free_memory
from code_graph.store import is_damage, note_damage
from code_graph.walk import ALWAYS_SKIPPED_DIRS, is_config_path, is_source_path

DEFAULT_STEP_MS = 20
DEFAULT_DEBOUNCE_MS = 1600
DEFAULT_POLL_SECONDS = 5.0
READY_TIMEOUT_MS = 200
# Editors' temporary and backup files: never worth an update.
_TEMP_SUFFIXES = (".swp", ".swx", ".tmp", "~", ".bak", ".orig")


# watchfiles.watch, or a fake in tests: yields batches of (change, absolute path).
Notifier = Callable[..., Iterable[set[tuple[Any, str]]]]


class WatchFilter:
    """Accepts events the index may care about; a callable as watchfiles expects."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def __call__(self, change: object, path: str) -> bool:
        relative = _relative(self._root, path)
        if relative is None:
            return False
        parts = relative.split("/")
        if any(part in ALWAYS_SKIPPED_DIRS for part in parts):
            return False
        name = parts[-1]
        if name.endswith(_TEMP_SUFFIXES):
            return False
        # A name without a known extension may be a folder (moved or deleted as a whole).
        return (
            is_source_path(name)
            or is_config_path(relative)
            or name == "code-graph.toml"
            or "." not in name
        )


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """What the watcher reports after each batch (or a problem it worked around)."""

    run: UpdateRun | None = None
    paths: int = 0
    message: str = ""
    ready: bool = False  # the watches are live: every change from now on is seen


class ProjectWatcher:
    """Watches one project root and applies each batch of changes to its store."""

    def __init__(
        self,
        root: Path,
        on_event: Callable[[WatchEvent], None],
        *,
        notifier: Notifier | None = None,
        step_ms: int = DEFAULT_STEP_MS,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        poll_seconds: float = DEFAULT_POLL_SECONDS,
    ) -> None:
        self._root = root.resolve()
        self._on_event = on_event
        self._notifier = notifier
        self._step_ms = step_ms
        self._debounce_ms = debounce_ms
        self._poll_seconds = poll_seconds

    def run(self, stop: threading.Event) -> None:
        """Watch until `stop` is set.

        The OS watches exist only once the notifier first answers (it wakes up every
        READY_TIMEOUT_MS even when nothing changed): then the store is reconciled once, so
        edits made while the watches were being set up are not lost, and a `ready` event says
        that from now on every change is seen.
        """
        prepare_updates(self._root)
        live = False
        try:
            for batch in self._batches(stop):
                if not live:
                    live = True
                    self._catch_up()
                self.apply(_relative_paths(self._root, (path for _, path in batch)))
        except (OSError, RuntimeError) as e:  # e.g. the inotify watch limit
            self._on_event(
                WatchEvent(
                    message=f"file watching failed ({e}); reconciling every "
                    f"{self._poll_seconds:g}s instead"
                )
            )
            self._poll(stop)

    def apply(self, paths: list[str]) -> None:
        """Apply one batch of root-relative paths."""
        if not paths:
            return
        try:
            self._update(paths)
        finally:
            release_free_memory()  # what the update freed: a watcher runs for hours

    def _update(self, paths: list[str]) -> None:
        try:
            run = update_paths(self._root, paths)
        except CodeGraphError as e:
            self._on_event(WatchEvent(paths=len(paths), message=f"update failed: {e}"))
            return
        except Exception as e:
            if is_damage(e):
                note_damage(self._root, e)  # the reconcile below rebuilds the store
                message = f"rebuilding a damaged index: {e}"
            else:  # a defect of ours: the update rolled back; a full reconcile recovers
                message = f"update failed (internal error: {type(e).__name__}: {e}); reconciling"
            self._on_event(WatchEvent(paths=len(paths), message=message))
            self._reconcile()
            return
        if not run.is_noop:
            self._on_event(WatchEvent(run, len(paths)))

    def _batches(self, stop: threading.Event) -> Iterable[set[tuple[Any, str]]]:
        notifier = self._notifier
        if notifier is None:
            import watchfiles

            notifier = watchfiles.watch
        return notifier(
            self._root,
            watch_filter=WatchFilter(self._root),
            step=self._step_ms,
            debounce=self._debounce_ms,
            stop_event=stop,
            rust_timeout=READY_TIMEOUT_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
        )

    def _catch_up(self) -> None:
        if self._reconcile():
            self._on_event(WatchEvent(ready=True, message="watching for changes"))

    def _poll(self, stop: threading.Event) -> None:
        while not stop.wait(self._poll_seconds):
            self._reconcile()

    def _reconcile(self) -> bool:
        """A full reconcile, reported if it changed anything; False if it failed."""
        try:
            run = index_project(self._root)
        except CodeGraphError as e:
            self._on_event(WatchEvent(message=f"reconcile failed: {e}"))
            return False
        finally:
            release_free_memory()
        if run.parsed or run.removed:
            self._on_event(WatchEvent(UpdateRun(full=run, elapsed_seconds=run.elapsed_seconds)))
        return True


class BackgroundWatcher:
    """A ProjectWatcher on a daemon thread; `stop()` ends it."""

    def __init__(self, watcher: ProjectWatcher) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=watcher.run, args=(self._stop,), name="code-graph-watch", daemon=True
        )

    def start(self) -> BackgroundWatcher:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)


def _relative(root: Path, path: str) -> str | None:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return None


def _relative_paths(root: Path, paths: Iterable[str]) -> list[str]:
    return sorted({rel for path in paths if (rel := _relative(root, path))})
