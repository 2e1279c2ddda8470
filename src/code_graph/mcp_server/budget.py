"""Keeping every answer within the agent's budget, and saying what was cut.

An answer is compact text for the model plus, optionally, the same page as a JSON document
(structured content). Each part is held under `MAX_ANSWER_CHARS` (about 8,000 tokens at
four characters a token): a paged answer returns fewer items with an exact continuation; any
other answer is cut at a line (text) or has its lists shortened (document), and says so.
Pure: no I/O.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_ANSWER_CHARS = 32_000
_NOTE_ROOM = 200  # kept free under the cap for the note that says what was cut
_SHRINK = 0.95  # items vary in size: aim a little under the budget when paging down


@dataclass(frozen=True, slots=True)
class Answer:
    """What a tool returns: text for the model and the JSON document of the same items."""

    text: str
    document: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Budget:
    """How much one answer may hold; `structured`: the document is sent too."""

    max_chars: int = MAX_ANSWER_CHARS
    structured: bool = True

    def size(self, answer: Answer) -> int:
        """The larger of the parts sent, in characters."""
        return max(len(answer.text), json_size(answer.document) if self.structured else 0)

    def fits(self, answer: Answer) -> bool:
        return self.size(answer) <= self.max_chars


def json_size(document: Any) -> int:
    """Characters of `document` as compact JSON (how it travels)."""
    return len(json.dumps(document, ensure_ascii=False, separators=(",", ":")))


def fit_page(render: Callable[[int], Answer], shown: int, budget: Budget) -> Answer:
    """The largest leading part of a page (`render(n)`: its first n items) that fits.

    Shrinks the item count in proportion to the overshoot until the answer fits; one item is
    always returned, cut if need be.
    """
    count = shown
    answer = render(count)
    while count > 1 and not budget.fits(answer):
        count = min(
            count - 1, max(1, int(count * _SHRINK * budget.max_chars / budget.size(answer)))
        )
        answer = render(count)
    if budget.fits(answer):
        return answer
    return fit_whole(answer, budget, "an item is too large for one answer")


def fit_whole(answer: Answer, budget: Budget, hint: str) -> Answer:
    """Cut the text at a line and shorten the document's lists until each fits."""
    document = answer.document
    if budget.structured:
        document = fit_document(document, budget.max_chars)
    return Answer(cap_text(answer.text, budget.max_chars, hint), document)


def cap_text(text: str, max_chars: int = MAX_ANSWER_CHARS, hint: str = "") -> str:
    """`text` whole if it fits; else its first lines and a note of what was cut and why."""
    if len(text) <= max_chars:
        return text
    kept = text[: max(0, max_chars - _NOTE_ROOM)]
    cut_at = kept.rfind("\n")
    kept = kept[:cut_at] if cut_at > 0 else kept
    rest = text[len(kept) :].lstrip("\n")
    note = f"… cut at {max_chars:,} characters: {rest.count(chr(10)) + 1:,} more lines not shown"
    return f"{kept}\n{note}" + (f"; {hint}" if hint else "")


def fit_document(
    document: dict[str, Any], max_chars: int = MAX_ANSWER_CHARS, max_items: int | None = None
) -> dict[str, Any]:
    """`document` with every list cut to one length so its JSON fits; cuts listed in `truncated`.

    The length starts at `max_items` (or the longest list) and shrinks until the JSON fits.
    Each cut is recorded as `{"at": "groups[0].imports", "shown": 100, "total": 2000}`.
    """
    limit = max_items if max_items is not None else _longest_list(document)
    while True:
        cuts: list[dict[str, Any]] = []
        trimmed = _trim(document, limit, "", cuts)
        if cuts:
            trimmed["truncated"] = cuts
        size = json_size(trimmed)
        if limit == 0 or size <= max_chars:
            return dict(trimmed)
        limit = min(limit - 1, int(limit * _SHRINK * max_chars / size))


def _longest_list(value: Any) -> int:
    if isinstance(value, dict):
        return max((_longest_list(item) for item in value.values()), default=0)
    if isinstance(value, list):
        inner = max((_longest_list(item) for item in value), default=0)
        return max(len(value), inner)
    return 0


def _trim(value: Any, limit: int, at: str, cuts: list[dict[str, Any]]) -> Any:
    if isinstance(value, dict):
        return {
            key: _trim(item, limit, f"{at}.{key}" if at else key, cuts)
            for key, item in value.items()
        }
    if isinstance(value, list):
        if len(value) > limit:
            cuts.append({"at": at, "shown": limit, "total": len(value)})
        return [
            _trim(item, limit, f"{at}[{index}]", cuts) for index, item in enumerate(value[:limit])
        ]
    return value
