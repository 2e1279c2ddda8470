"""The store's tables and their migrations.

Plain, portable SQL (no SQLite-only types or functions) so a server database can take over.
Every table that holds per-file facts carries `file_id` so a file's rows can be replaced
with a handful of indexed DELETEs. Row ids are assigned by the single writer, not by the
database, so parent/child links can be written in one `executemany` pass.
"""

from __future__ import annotations

from enum import StrEnum

SCHEMA_VERSION = 7
APPLICATION_NAME = "code-graph"


class MetaKey(StrEnum):
    """The names of the `meta` table's values."""

    APPLICATION = "application"  # always APPLICATION_NAME
    SCHEMA_VERSION = "schema_version"
    EXTRACTOR_VERSION = "extractor_version"  # of the extractor that wrote the facts
    CONFIGS = "configs"  # fingerprint of the resolver configs' paths and contents
    FILE_SET = "file_set"  # a counter bumped whenever a file is added or removed


_V1 = (
    """CREATE TABLE meta (
        name VARCHAR(100) PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        language VARCHAR(20) NOT NULL,
        is_declaration INTEGER NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns BIGINT NOT NULL,
        content_hash VARCHAR(64) NOT NULL,
        syntax_error_count INTEGER NOT NULL
    )""",
    """CREATE TABLE syntax_errors (
        file_id INTEGER NOT NULL,
        line INTEGER NOT NULL,
        col INTEGER NOT NULL,
        message TEXT NOT NULL
    )""",
    "CREATE INDEX syntax_errors_file ON syntax_errors (file_id)",
    """CREATE TABLE symbols (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        qualified_name TEXT NOT NULL,
        kind VARCHAR(20) NOT NULL,
        line INTEGER NOT NULL,
        col INTEGER NOT NULL,
        end_line INTEGER NOT NULL,
        end_col INTEGER NOT NULL,
        export_status VARCHAR(10) NOT NULL,
        parent_id INTEGER,
        signature TEXT NOT NULL
    )""",
    "CREATE INDEX symbols_file ON symbols (file_id)",
    "CREATE INDEX symbols_name ON symbols (name)",
    "CREATE INDEX symbols_qualified_name ON symbols (qualified_name)",
    "CREATE INDEX symbols_parent ON symbols (parent_id)",
    """CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL,
        line INTEGER NOT NULL,
        specifier TEXT NOT NULL,
        kind VARCHAR(20) NOT NULL,
        type_only INTEGER NOT NULL,
        method VARCHAR(20),
        target_file_id INTEGER,
        package TEXT,
        reason VARCHAR(40),
        detail TEXT
    )""",
    "CREATE INDEX imports_file ON imports (file_id)",
    "CREATE INDEX imports_target ON imports (target_file_id)",
    """CREATE TABLE import_names (
        import_id INTEGER NOT NULL,
        file_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        alias TEXT,
        type_only INTEGER NOT NULL
    )""",
    "CREATE INDEX import_names_import ON import_names (import_id)",
    "CREATE INDEX import_names_file ON import_names (file_id)",
    """CREATE TABLE exports (
        file_id INTEGER NOT NULL,
        exported_name TEXT NOT NULL,
        local_name TEXT,
        kind VARCHAR(20) NOT NULL,
        line INTEGER NOT NULL,
        type_only INTEGER NOT NULL,
        symbol_id INTEGER
    )""",
    "CREATE INDEX exports_file ON exports (file_id)",
    "CREATE INDEX exports_symbol ON exports (symbol_id)",
    """CREATE TABLE refs (
        file_id INTEGER NOT NULL,
        enclosing_id INTEGER,
        name TEXT NOT NULL,
        qualifier TEXT,
        kind VARCHAR(20) NOT NULL,
        line INTEGER NOT NULL,
        col INTEGER NOT NULL
    )""",
    "CREATE INDEX refs_file ON refs (file_id)",
    "CREATE INDEX refs_name ON refs (name)",
    """CREATE TABLE edges (
        source_id INTEGER,
        target_id INTEGER NOT NULL,
        file_id INTEGER NOT NULL,
        kind VARCHAR(20) NOT NULL,
        method VARCHAR(20) NOT NULL,
        line INTEGER NOT NULL,
        col INTEGER NOT NULL,
        via TEXT
    )""",
    "CREATE INDEX edges_target ON edges (target_id)",
    "CREATE INDEX edges_source ON edges (source_id)",
    "CREATE INDEX edges_file ON edges (file_id)",
    """CREATE TABLE skipped (
        path TEXT PRIMARY KEY,
        reason VARCHAR(40) NOT NULL,
        detail TEXT NOT NULL
    )""",
)

# Version 2: declared types of properties and variables; indexes for incremental relinking.
_V2 = (
    "ALTER TABLE symbols ADD COLUMN type_name TEXT",
    "CREATE INDEX refs_qualifier ON refs (qualifier)",
    "CREATE INDEX import_names_name ON import_names (name)",
)

# Version 3: the parameter types of the callbacks a function takes (model.Symbol.callbacks).
_V3 = ("ALTER TABLE symbols ADD COLUMN callbacks TEXT",)

# Version 4: references whose linking raised (a defect of ours, recorded instead of fatal).
_V4 = (
    """CREATE TABLE link_failures (
        file_id INTEGER NOT NULL,
        line INTEGER NOT NULL,
        name TEXT NOT NULL,
        detail TEXT NOT NULL
    )""",
    "CREATE INDEX link_failures_file ON link_failures (file_id)",
)

# Version 5: what syntax errors cost a file (model.FileFacts.syntax_error_lines and
# recovered_declarations).
_V5 = (
    "ALTER TABLE files ADD COLUMN syntax_error_lines INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE files ADD COLUMN recovered_declarations INTEGER NOT NULL DEFAULT 0",
)

# Version 6: where each imported name is written (import and re-export references sit on it).
_V6 = (
    "ALTER TABLE import_names ADD COLUMN line INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE import_names ADD COLUMN col INTEGER NOT NULL DEFAULT 1",
)

# Version 7: the resolver configs and workspace packages the last full resolution saw, so
# queries need neither the disk nor a resolver. Forgetting the configs fingerprint makes the
# next index resolve again, which fills them in.
_V7 = (
    "CREATE TABLE config_files (position INTEGER PRIMARY KEY, path TEXT NOT NULL)",
    """CREATE TABLE workspace_packages (
        name TEXT NOT NULL,
        directory TEXT NOT NULL,
        root TEXT NOT NULL
    )""",
    "DELETE FROM meta WHERE name IN ('configs', 'config_files')",
)

# MIGRATIONS[n] brings a store at version n to version n + 1; index 0 creates the schema.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
