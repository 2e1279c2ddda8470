"""The per-file job run in worker processes: read, check, hash, extract.

Workers read the file themselves so bytes never cross a process boundary; only the file's
facts come back, already as plain store rows (FileRows), which pickle fast.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from code_graph.extract import extract_file
from code_graph.index.content import SNIFF_BYTES, body_problem, head_problem
from code_graph.model import SkippedFile, SkipReason, SourceFile
from code_graph.store.rows import FileRows, rows_of


@dataclass(frozen=True, slots=True)
class ParseJob:
    root: str
    path: str
    known_hash: str | None  # the stored hash: if the content still has it, nothing is parsed
    max_size: int


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    """One of: rows (parsed), unchanged (hash matched), or skipped."""

    source: SourceFile
    content_hash: str = ""
    rows: FileRows | None = None
    skipped: SkippedFile | None = None


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def run_job(job: ParseJob) -> ParseOutcome:
    """Read and extract one file; every failure becomes a SkippedFile, never an exception."""
    absolute = os.path.join(job.root, job.path)
    limit = job.max_size + 1
    try:
        with open(absolute, "rb") as handle:
            stat = os.fstat(handle.fileno())
            data = handle.read(min(SNIFF_BYTES, limit))
            problem = head_problem(job.path, data)
            if problem is None and len(data) == SNIFF_BYTES:  # the rest only when it is needed
                data += handle.read(limit - len(data))
    except FileNotFoundError:
        return _skip(job.path, SkipReason.VANISHED, "deleted before it could be read")
    except OSError as e:
        return _skip(job.path, SkipReason.UNREADABLE, e.strerror or type(e).__name__)
    source = SourceFile(job.path, stat.st_size, stat.st_mtime_ns)
    problem = problem or body_problem(data, job.max_size)
    if problem is not None:
        return ParseOutcome(source, skipped=SkippedFile(job.path, *problem))
    digest = content_hash(data)
    if digest == job.known_hash:
        return ParseOutcome(source, digest)
    try:
        rows = rows_of(extract_file(job.path, data))
    except Exception as e:  # extraction is meant never to raise: record it, keep indexing
        return ParseOutcome(
            source, skipped=SkippedFile(job.path, SkipReason.EXTRACT_FAILED, repr(e))
        )
    return ParseOutcome(source, digest, rows)


def _skip(path: str, reason: SkipReason, detail: str) -> ParseOutcome:
    return ParseOutcome(SourceFile(path, 0, 0), skipped=SkippedFile(path, reason, detail))
