"""Problems found in configuration files while resolving (never fatal)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ConfigWarning:
    """`file` (root-relative) could not be used as written; `message` says why."""

    file: str
    message: str
