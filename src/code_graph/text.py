"""Shortening one-line text for display: cut at a token boundary, one ellipsis."""

from __future__ import annotations

ELLIPSIS = "…"
_BREAKS = ",;(<[{|&="  # a cut just after one of these keeps whole tokens


def shorten(text: str, limit: int) -> str:
    """`text` whole if it fits in `limit` characters; else cut at the last token boundary
    that fits (a space, or just after a separator), ending in one ellipsis."""
    if len(text) <= limit:
        return text
    room = text[: limit - 2]
    at_space = room.rfind(" ")
    after_break = max(room.rfind(mark) + 1 for mark in _BREAKS)
    cut = max(at_space, after_break)
    if cut < limit // 2:  # one long token: cut inside it rather than lose most of the line
        cut = len(room)
    kept = room[:cut].rstrip(" " + ELLIPSIS)
    return kept + (" " + ELLIPSIS if cut == at_space else ELLIPSIS)
