"""Sorting parse outcomes by what the writer does with each: a parsed file's rows wait for
the next `replace_files`, an unchanged file only gets its new stat, a skipped file is listed."""

from __future__ import annotations

from code_graph.index.jobs import ParseOutcome
from code_graph.model import SkippedFile, SourceFile
from code_graph.store import Store
from code_graph.store.rows import FileRows

Parsed = tuple[SourceFile, str, FileRows]  # (file, content hash, rows), for replace_files


class Outcomes:
    """The outcomes of one run's parse jobs (inside the run's transaction)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.batch: list[Parsed] = []  # parsed, not yet written
        self.parsed: list[str] = []  # every parsed path, in job order
        self.unchanged = 0
        self.skipped: list[SkippedFile] = []

    def add(self, outcome: ParseOutcome) -> None:
        source = outcome.source
        if outcome.skipped is not None:
            self.skipped.append(outcome.skipped)
        elif outcome.rows is None:  # the content hash matched: only the stat changed
            self._store.write.update_stat(source.path, source.size, source.mtime_ns)
            self.unchanged += 1
        else:
            self.batch.append((source, outcome.content_hash, outcome.rows))
            self.parsed.append(source.path)

    def take_batch(self) -> list[Parsed]:
        """The parsed files' rows gathered since the last call."""
        batch, self.batch = self.batch, []
        return batch
