"""The projects one server answers for: each brought up to date at start, then read safely.

Every project (the served root and each `--allow-root`) gets a background thread that
reconciles its store with the disk (`index_project`: only changed files are re-parsed),
opens one read connection, and then hands the project to `keep_fresh`, the hook where a
file watcher keeps the store current until the server stops. Calls wait for that first
reconcile; they read the store one at a time under the project's lock, as the connection
is shared between the SDK's worker threads.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from code_graph.errors import CodeGraphError, StoreLockedError
from code_graph.mcp_server.params import InvalidParameterError
from code_graph.memory import release_free_memory
from code_graph.store import Store, damaged_error, db_path, is_damage

logger = logging.getLogger("code_graph.mcp_server")

KeepFresh = Callable[[Path, threading.Event], None]
"""Keep the store of the project at `root` current until `stop` is set (blocks until then).

Called in the project's background thread once the first reconcile is done and the store is
open; the file watcher (`code_graph.watch`) plugs in here.
"""

Progress = Callable[[int, int], None]
Reconcile = Callable[[Path, Progress], None]

LOCK_WAIT_SECONDS = 60.0  # another process indexing the same project: wait, then read its store
SHUTTING_DOWN = "the server is shutting down"


class ProjectUnavailableError(CodeGraphError):
    """A project cannot be answered for (yet): still indexing, or its index failed."""


@dataclass(eq=False)
class Project:
    """One served root: its read connection, the lock around it and how its start went."""

    root: Path
    lock: threading.Lock = field(default_factory=threading.Lock)
    ready: threading.Event = field(default_factory=threading.Event)
    store: Store | None = None
    opened: ExitStack = field(default_factory=ExitStack)  # closes the store at shutdown
    failure: str | None = None
    parsed: tuple[int, int] = (0, 0)  # (files done, files to parse) during the first reconcile

    def record_progress(self, done: int, total: int) -> None:
        self.parsed = (done, total)


def reconcile_project(root: Path, progress: Progress) -> None:
    """Bring the store of `root` up to date with its files (the default `Reconcile`).

    A project without an index is indexed in a child process, which gives back the memory a
    full index takes when it exits; an existing one is reconciled here (usually a stat pass).
    """
    from code_graph.index import index_project
    from code_graph.index.isolated import index_in_child

    if db_path(root).exists():
        run = index_project(root, progress=progress, lock_wait_seconds=LOCK_WAIT_SECONDS)
    else:
        run = index_in_child(root, progress, lock_wait_seconds=LOCK_WAIT_SECONDS)
    logger.info(
        "code-graph: %s up to date in %.2fs (parsed %d of %d files, removed %d)",
        root,
        run.elapsed_seconds,
        run.parsed,
        run.discovered,
        run.removed,
    )


READ_CACHE_KIB = 2048  # queries touch little of the store: a small page cache keeps RSS low


class Projects:
    """The served root and the allowed other roots, by the names a call may use."""

    def __init__(
        self,
        root: Path,
        allowed_roots: Sequence[Path] = (),
        *,
        reconcile: Reconcile = reconcile_project,
        open_store: Callable[[Path], Store] = lambda root: Store.open_for_reading(
            root, cache_kib=READ_CACHE_KIB
        ),
        keep_fresh: KeepFresh | None = None,
    ) -> None:
        self.main = Project(root)
        self.others = [Project(other) for other in dict.fromkeys(allowed_roots) if other != root]
        self._reconcile = reconcile
        self._open_store = open_store
        self._keep_fresh = keep_fresh
        self._stop = threading.Event()

    @property
    def all(self) -> list[Project]:
        return [self.main, *self.others]

    def start(self) -> None:
        """Reconcile every project in the background (daemon threads: never delay shutdown)."""
        for project in self.all:
            name = f"code-graph {project.root.name}"
            threading.Thread(target=self._prepare, args=(project,), name=name, daemon=True).start()

    def stop(self) -> None:
        """Stop keeping projects fresh, close every read connection, release waiting calls."""
        self._stop.set()
        for project in self.all:
            with project.lock:
                project.opened.close()
                project.store = None
                project.failure = project.failure or SHUTTING_DOWN
            project.ready.set()

    def select(self, name: str | None) -> Project:
        """The project a call names: None is the served root; else a root's path or folder name.

        Raises:
            InvalidParameterError: `name` is not one of the served roots.
        """
        if name is None:
            return self.main
        wanted = name.rstrip("/\\") or name
        matches = [p for p in self.all if wanted in (str(p.root), p.root.name)]
        if len(matches) == 1:
            return matches[0]
        allowed = ", ".join(str(p.root) for p in self.all)
        problem = "names several roots; give the full path" if matches else "is not served"
        raise InvalidParameterError("project", f"{name!r} {problem} (served: {allowed})")

    @contextmanager
    def reading(self, project: Project) -> Iterator[Store]:
        """The project's store, held for the caller alone (wait for `project.ready` first).

        Raises:
            ProjectUnavailableError: its first reconcile is still running, or it failed.
        """
        if not project.ready.is_set():
            done, total = project.parsed
            progress = f" ({done:,} of {total:,} files parsed)" if total else ""
            raise ProjectUnavailableError(
                f"still indexing {project.root}{progress}; try again in a moment"
            )
        with project.lock:
            if project.store is None:
                raise ProjectUnavailableError(
                    f"cannot answer for {project.root}: {project.failure}"
                )
            try:
                with project.store.read_snapshot():  # one graph per answer, even mid-update
                    yield project.store
            except Exception as e:
                if is_damage(e):
                    raise damaged_error(project.root, e) from e
                raise

    def _prepare(self, project: Project) -> None:
        started = time.perf_counter()
        failure = self._bring_up_to_date(project)
        with project.lock:
            if self._stop.is_set():
                failure = SHUTTING_DOWN
            elif failure is None:
                try:
                    project.store = project.opened.enter_context(self._open_store(project.root))
                except CodeGraphError as e:
                    failure = str(e)
            project.failure = failure
        project.ready.set()
        release_free_memory()  # what the reconcile freed
        if failure is not None:
            logger.error("code-graph: cannot serve %s: %s", project.root, failure)
            return
        logger.info("code-graph: serving %s (%.2fs)", project.root, time.perf_counter() - started)
        if self._keep_fresh is not None and not self._stop.is_set():
            self._keep_fresh(project.root, self._stop)

    def _bring_up_to_date(self, project: Project) -> str | None:
        """Reconcile the project; returns why it cannot be served, if so."""
        try:
            self._reconcile(project.root, project.record_progress)
        except StoreLockedError as e:  # another writer kept the lock: its store is still readable
            logger.warning("code-graph: %s; answering from the last index", e)
        except CodeGraphError as e:
            return str(e)
        except Exception as e:  # a bug must not take the other projects down with it
            logger.exception("code-graph: indexing %s failed", project.root)
            return f"indexing failed ({type(e).__name__}: {e})"
        return None
