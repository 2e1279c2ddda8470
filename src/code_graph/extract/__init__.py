"""Extraction: what one TypeScript/JavaScript file defines, imports, exports and uses.

`extract_file` parses once with tree-sitter and reads everything from query captures (the
query files live in `queries/`); no parse tree outlives the call. Where a file has syntax
errors, its statements are parsed again one by one (recovery.py). Lines and columns are
1-based; columns count characters (code points) from the start of the line, and a span's end
column is the position just after its last character. A UTF-8 byte order mark is ignored.
"""

from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter

from code_graph.extract.diagnostics import diagnose
from code_graph.extract.exports import collect_exports
from code_graph.extract.grammar import grammar
from code_graph.extract.imports import collect_imports
from code_graph.extract.jsdoc import collect_jsdoc
from code_graph.extract.paths import default_export_name, is_declaration_file, language_for
from code_graph.extract.recovery import parse_file
from code_graph.extract.references import collect_references
from code_graph.extract.scopes import TypeParameters
from code_graph.extract.source import Source
from code_graph.extract.symbols import collect_symbols
from code_graph.model import FileFacts, Language, Symbol

__all__ = ["extract_file", "is_declaration_file", "language_for", "warm_up"]

_BOM = b"\xef\xbb\xbf"
_POSITION = attrgetter("line", "column")


def extract_file(path: str, source: bytes) -> FileFacts:
    """Extract the facts of one file from its bytes (pure: no I/O).

    `path` is root-relative with `/` separators; it chooses the grammar, sets the declaration
    flag and names anonymous default exports. Syntax errors never raise: they are recorded
    (at most 20 stored, all counted) and the rest of the file is still extracted; an error
    costs at most the top-level statement it is in.
    Raises ValueError only for a path whose extension is not a JS/TS one.
    """
    language = language_for(path)
    if language is None:
        raise ValueError(f"not a JavaScript or TypeScript file: {path}")
    if source.startswith(_BOM):
        source = source[len(_BOM) :]
    text = Source(source)
    parsed = parse_file(language, source)
    captures = parsed.captures
    default_name = default_export_name(path)
    exports = collect_exports(captures, text, default_name, parsed.outlines)
    imports, required = collect_imports(captures, text)
    type_parameters = TypeParameters(captures, text)
    javascript = language in (Language.JAVASCRIPT, Language.JSX)
    symbols, enclosing = collect_symbols(
        captures,
        text,
        default_name,
        exports,
        type_parameters,
        required,
        parsed.outlines,
        javascript=javascript,
    )
    diagnosis = diagnose(parsed.errors, parsed.tangles, text)
    declared = {symbol.name for symbol in symbols}
    declared.update(name.local for record in imports for name in record.names)
    references = collect_references(captures, text, enclosing, type_parameters, required, declared)
    export_records = list(exports.records)
    comments = captures.get("jsdoc")
    if comments:
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
        syntax_errors=tuple(diagnosis.issues),
        syntax_error_count=diagnosis.count,
        syntax_error_lines=diagnosis.lines,
        recovered_declarations=_declarations_in(symbols, parsed.damaged),
    )


def _declarations_in(symbols: list[Symbol], regions: list[tuple[int, int]]) -> int:
    """How many top-level symbols start on the lines of `regions` (first and last lines, in
    order)."""
    if not regions:
        return 0
    firsts = [first for first, _ in regions]
    count = 0
    for symbol in symbols:
        if symbol.parent is None:
            index = bisect_right(firsts, symbol.span.line) - 1
            count += index >= 0 and symbol.span.line <= regions[index][1]
    return count


def warm_up() -> None:
    """Build every dialect's parser and queries now, so a long-running process (the watcher)
    does not pay for it on the first edit."""
    for dialect in Language:
        grammar(dialect)
