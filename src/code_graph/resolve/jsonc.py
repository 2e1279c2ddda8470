"""Parse JSON with comments and trailing commas (the dialect of tsconfig.json)."""

from __future__ import annotations

import json
import re

# One token at a time: a string (kept), a comment (dropped), or any other character.
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/|[^"/]+|.', re.DOTALL)
_TRAILING_COMMA = re.compile(r",(\s*[\]}])")


class JsoncError(ValueError):
    """The text is not valid JSON even after removing comments and trailing commas."""


def strip_comments(text: str) -> str:
    """Remove `//` and `/* */` comments outside strings, keeping line structure."""
    if "/" not in text:
        return text
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.startswith("//"):
            continue
        if token.startswith("/*") and token.endswith("*/") and len(token) >= 4:
            out.append("\n" * token.count("\n") or " ")
            continue
        out.append(token)
    return "".join(out)


def _strip_trailing_commas(text: str) -> str:
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        out.append(token if token.startswith('"') else _TRAILING_COMMA.sub(r"\1", token))
    return "".join(out)


def parse_jsonc(text: str) -> object:
    """Decode JSONC text.

    Raises:
        JsoncError: the text is not valid JSON once comments and trailing commas are removed.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    cleaned = strip_comments(text)
    try:
        return json.loads(cleaned)
    except json.JSONDecodeError:
        pass
    try:
        return json.loads(_strip_trailing_commas(cleaned))
    except json.JSONDecodeError as e:
        raise JsoncError(f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from e
