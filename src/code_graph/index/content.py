"""Whether the bytes a worker read are worth extracting (pure).

Size is a poor signal on its own: generated declaration files reach 11 MB (googleapis)
and extract at 0.2-0.6 s/MB, while a 300 KB minified bundle costs about a second and
adds only one-letter names. So files are judged by content: binary, not UTF-8, minified,
or a bundler's output. The size limit stays as the safety net. Declaration files are never
minified or bundles: their long lines are types, and their names are the API.

The minified and bundle checks read only the head of a file (`SNIFF_BYTES`), so a worker
need not read the rest of a file it will skip.
"""

from __future__ import annotations

import re

from code_graph.extract.paths import is_declaration_file
from code_graph.model import SkipReason

SNIFF_BYTES = 256 * 1024
BINARY_SNIFF_BYTES = 8192
# Formatters wrap at 80-120 columns; minifiers wrap at about 500 (Closure, lodash) or never.
LONG_LINE = 400
# A long line of dense code: hardly any blanks (real minified bundles: 1.0-2.8%, hand-written
# and compiled code: 4-20%) and much punctuation `;(=` (minified: 1.2-10%).
DENSE_BLANKS = 0.05
DENSE_PUNCTUATION = 0.01
# Minified: at least half of the head, and 16 KiB, in dense lines, which hold statements,
# calls and assignments: each of `;`, `(`, `=` is at least 1 byte in 1,000 of them (real
# minified bundles: 1.2-21). A long string, regex, CSS or data literal lacks one of them,
# so a file of ordinary code with such a line is never minified, nor is a small file.
MINIFIED_SHARE = 0.5
CODE_MARKS = (b";", b"(", b"=")
CODE_MARK_SHARE = 0.001
MINIFIED_MIN_BYTES = 16 * 1024

Problem = tuple[SkipReason, str]

# What only bundlers write: webpack's runtime lines start with `/******/`; browserify's
# prelude is called with its module table, `)({1:[function(` (the prelude's names change
# when minified).
_BUNDLERS = (
    ("webpack runtime", re.compile(rb"^/\*{6}/", re.MULTILINE), 3),
    ("browserify module table", re.compile(rb"\)\(\{1:\[function\("), 1),
    (
        "Parcel prelude",
        re.compile(rb"^parcelRequire\s*=\s*\(function\s*\(modules,", re.MULTILINE),
        1,
    ),
)


def head_problem(path: str, head: bytes) -> Problem | None:
    """A reason to skip the file, seen in its first `SNIFF_BYTES` bytes."""
    if b"\0" in head[:BINARY_SNIFF_BYTES]:
        return SkipReason.BINARY, "NUL byte in the first 8 KiB"
    if is_declaration_file(path):
        return None
    return _bundle(head) or _minified(head)


def body_problem(data: bytes, max_size: int) -> Problem | None:
    """A reason to skip the file, seen in all of it (read up to `max_size + 1` bytes)."""
    if len(data) > max_size:
        return SkipReason.TOO_LARGE, f"more than {max_size:,} bytes"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return SkipReason.NOT_UTF8, f"invalid UTF-8 at byte {e.start}"
    return None


def _bundle(head: bytes) -> Problem | None:
    for name, prelude, needed in _BUNDLERS:
        for found, match in enumerate(prelude.finditer(head), start=1):
            if found == needed:
                line = head.count(b"\n", 0, match.start()) + 1
                return SkipReason.BUNDLE, f"{name} at line {line:,}"
    return None


def _minified(head: bytes) -> Problem | None:
    if len(head) < MINIFIED_MIN_BYTES:
        return None
    dense: list[bytes] = []
    for line in head.split(b"\n"):
        size = len(line)
        if size > LONG_LINE and line.count(b" ") + line.count(b"\t") < DENSE_BLANKS * size:
            punctuation = sum(line.count(mark) for mark in CODE_MARKS)
            if punctuation >= DENSE_PUNCTUATION * size:
                dense.append(line)
    dense_bytes = sum(len(line) for line in dense)
    if dense_bytes < max(MINIFIED_MIN_BYTES, MINIFIED_SHARE * len(head)):
        return None
    for mark in CODE_MARKS:
        if sum(line.count(mark) for line in dense) < CODE_MARK_SHARE * dense_bytes:
            return None
    blanks = sum(line.count(b" ") + line.count(b"\t") for line in dense)
    scope = f"the first {len(head):,}" if len(head) >= SNIFF_BYTES else f"its {len(head):,}"
    lines = "1 line" if len(dense) == 1 else f"{len(dense):,} lines"
    return SkipReason.MINIFIED, (
        f"{dense_bytes / len(head):.0%} of {scope} bytes are in {lines} of dense code"
        f" (average {dense_bytes // len(dense):,} bytes, {blanks / dense_bytes:.1%} blanks)"
    )
