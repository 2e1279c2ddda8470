"""Extraction: what one TypeScript/JavaScript file defines, imports, exports and uses.

`extract_file` parses once with tree-sitter and reads everything from query captures (the
query files live in `queries/`); no parse tree outlives the call. Lines and columns are
1-based; columns count characters (code points) from the start of the line, and a span's end
column is the position just after its last character. A UTF-8 byte order mark is ignored.
"""

from __future__ import annotations

from operator import attrgetter

from code_graph.extract.diagnostics import collect_issues, tangle_issue
from code_graph.extract.exports import collect_exports
from code_graph.extract.grammar import error_nodes, grammar, parse
from code_graph.extract.imports import collect_imports
from code_graph.extract.jsdoc import collect_jsdoc
from code_graph.extract.paths import default_export_name, is_declaration_file, language_for
from code_graph.extract.references import collect_references
from code_graph.extract.scopes import TypeParameters
from code_graph.extract.source import Source
from code_graph.extract.symbols import collect_symbols
from code_graph.model import FileFacts, Language

__all__ = ["extract_file", "is_declaration_file", "language_for", "warm_up"]

_BOM = b"\xef\xbb\xbf"
_POSITION = attrgetter("line", "column")


def extract_file(path: str, source: bytes) -> FileFacts:
    """Extract the facts of one file from its bytes (pure: no I/O).

    `path` is root-relative with `/` separators; it chooses the grammar, sets the declaration
    flag and names anonymous default exports. Syntax errors never raise: they are recorded
    (at most 20 stored, all counted) and the rest of the file is still extracted.
    Raises ValueError only for a path whose extension is not a JS/TS one.
    """
    language = language_for(path)
    if language is None:
        raise ValueError(f"not a JavaScript or TypeScript file: {path}")
    if source.startswith(_BOM):
        source = source[len(_BOM) :]
    text = Source(source)
    parsed = parse(language, source)
    captures = parsed.captures
    default_name = default_export_name(path)
    exports = collect_exports(captures, text, default_name)
    imports, required = collect_imports(captures, text)
    type_parameters = TypeParameters(captures, text)
    symbols, enclosing = collect_symbols(
        captures, text, default_name, exports, type_parameters, required
    )
    if parsed.tangle is not None:
        issues, issue_count = [tangle_issue(parsed.tangle, text)], 1
    else:
        issues, issue_count = collect_issues(error_nodes(language, parsed.root), text)
    references = collect_references(captures, text, enclosing, type_parameters, required)
    export_records = list(exports.records)
    comments = captures.get("jsdoc")
    if comments:
        javascript = language in (Language.JAVASCRIPT, Language.JSX)
        jsdoc = collect_jsdoc(comments, text, enclosing, javascript=javascript)
        symbols.extend(jsdoc.symbols)
        imports.extend(jsdoc.imports)
        export_records.extend(jsdoc.exports)
        references.extend(jsdoc.references)
        references.sort(key=_POSITION)
    return FileFacts(
        path=path,
        language=language,
        is_declaration=is_declaration_file(path),
        symbols=tuple(symbols),
        imports=tuple(imports),
        exports=tuple(export_records),
        references=tuple(references),
        syntax_errors=tuple(issues),
        syntax_error_count=issue_count,
    )


def warm_up() -> None:
    """Build every dialect's parser and queries now, so a long-running process (the watcher)
    does not pay for it on the first edit."""
    for dialect in Language:
        grammar(dialect)
