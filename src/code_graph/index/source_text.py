"""Reading an indexed file's current text for `source`, and whether the index saw it so."""

from __future__ import annotations

from pathlib import Path

from code_graph.index.jobs import content_hash
from code_graph.query.source import FileText, Reader
from code_graph.records import FileRecord


def indexed_text_reader(root: Path) -> Reader:
    """A reader of the indexed files under `root` (only paths the index holds are read)."""

    def read(record: FileRecord) -> FileText | None:
        try:
            data = (root / record.path).read_bytes()
        except OSError:
            return None
        return FileText(data.decode("utf-8", "replace"), content_hash(data) == record.content_hash)

    return read
