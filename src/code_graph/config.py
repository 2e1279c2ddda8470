"""The project's own code-graph settings, read from `code-graph.toml` at the project root.

```toml
exclude = ["**/*.generated.ts", "legacy/"]   # gitignore-style patterns, never indexed
include = ["src/", "packages/*/src/"]         # if set, only matching files are indexed
max_file_size = 16777216                      # bytes; larger files are skipped as too-large
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from code_graph.errors import ConfigError

CONFIG_FILE_NAME = "code-graph.toml"
# A safety net above the largest generated declaration files (googleapis: 11 MB); minified
# code and bundles are skipped by content whatever their size (index/content.py).
DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024
_KNOWN_KEYS = frozenset({"exclude", "include", "max_file_size"})


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE


def load_config(root: Path) -> ProjectConfig:
    """Read `code-graph.toml` from `root`; defaults when the file is absent.

    Raises:
        ConfigError: the file is not valid TOML or has unknown keys or wrong types.
    """
    path = root / CONFIG_FILE_NAME
    if not path.is_file():
        return ProjectConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(str(path), f"cannot read: {e}") from e
    return parse_config(data, str(path))


def parse_config(data: dict[str, object], source: str) -> ProjectConfig:
    """Validate a decoded config table. `source` names the file in error messages."""
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(source, f"unknown key(s): {', '.join(unknown)}")
    max_size = data.get("max_file_size", DEFAULT_MAX_FILE_SIZE)
    if not isinstance(max_size, int) or isinstance(max_size, bool) or max_size <= 0:
        raise ConfigError(source, "max_file_size must be a positive integer (bytes)")
    return ProjectConfig(
        exclude=_patterns(data, "exclude", source),
        include=_patterns(data, "include", source),
        max_file_size=max_size,
    )


def _patterns(data: dict[str, object], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(source, f"{key} must be a list of strings")
    return tuple(value)
