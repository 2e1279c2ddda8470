"""What a file's path says: its dialect, whether it is a declaration file, its default name."""

from __future__ import annotations

import posixpath
import re

from code_graph.model import SOURCE_LANGUAGES, Language

_DECLARATION_SUFFIX = re.compile(r"\.d(?:\.[^/]*)?\.[mc]?ts$")
_NON_IDENTIFIER = re.compile(r"[^\w$]")


def language_for(path: str) -> Language | None:
    """The dialect a file is parsed as, chosen by its extension; None for other files."""
    return SOURCE_LANGUAGES.get(posixpath.splitext(path)[1])


def is_declaration_file(path: str) -> bool:
    """True for `.d.ts`, `.d.mts`, `.d.cts` and `.d.<ext>.ts` files (e.g. `styles.d.css.ts`)."""
    return _DECLARATION_SUFFIX.search(posixpath.basename(path)) is not None


def default_export_name(path: str) -> str:
    """The name given to an anonymous default export: the file stem as an identifier.

    `src/format-date.ts` -> `format_date`; `src/widgets/index.tsx` -> `widgets`.
    """
    directory, base = posixpath.split(path)
    match = _DECLARATION_SUFFIX.search(base)
    stem = base[: match.start()] if match else posixpath.splitext(base)[0]
    if stem == "index" and directory:
        stem = posixpath.basename(directory)
    name = _NON_IDENTIFIER.sub("_", stem)
    if not name or name[0].isdigit():
        name = "_" + name
    return name
