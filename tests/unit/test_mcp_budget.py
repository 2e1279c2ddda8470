"""Keeping MCP answers within budget: paging down, cutting text at a line, shortening lists."""

from __future__ import annotations

from collections.abc import Callable

from code_graph.mcp_server.budget import (
    Answer,
    Budget,
    cap_text,
    fit_document,
    fit_page,
    fit_whole,
    json_size,
)
from code_graph.query.paging import Page
from code_graph.render.json_format import page_document


def test_a_page_gives_the_next_offset_until_the_last_page() -> None:
    assert page_document(Page(0), 50, 120) == {
        "offset": 0,
        "returned": 50,
        "total": 120,
        "next_offset": 50,
    }
    assert page_document(Page(100), 20, 120)["next_offset"] is None


def test_text_that_fits_is_returned_whole() -> None:
    assert cap_text("a\nb", 10) == "a\nb"


def test_long_text_is_cut_at_a_line_and_says_how_much_is_missing() -> None:
    text = "\n".join(f"line {n:04}" for n in range(10_000))
    capped = cap_text(text, 1_000, "narrow with path_prefix")
    assert len(capped) <= 1_000
    *kept, note = capped.splitlines()
    assert all(line.startswith("line ") and len(line) == 9 for line in kept)
    missing = 10_000 - len(kept)
    assert (
        note
        == f"… cut at 1,000 characters: {missing:,} more lines not shown; narrow with path_prefix"
    )


def test_a_document_that_fits_is_unchanged() -> None:
    document = {"items": [1, 2, 3], "total": 3}
    assert fit_document(document, 1_000) == document


def test_lists_are_shortened_until_the_document_fits_and_each_cut_is_recorded() -> None:
    document = {"total": 2, "groups": [{"imports": ["x" * 50] * 400}, {"imports": ["y"] * 3}]}
    fitted = fit_document(document, 2_000)
    assert json_size(fitted) <= 2_000
    shown = len(fitted["groups"][0]["imports"])
    assert 0 < shown < 400
    assert fitted["truncated"] == [{"at": "groups[0].imports", "shown": shown, "total": 400}]
    assert fitted["groups"][1]["imports"] == ["y"] * 3


def test_max_items_caps_every_list_even_when_the_document_fits() -> None:
    fitted = fit_document({"imports": list(range(10))}, 10_000, max_items=4)
    assert fitted["imports"] == [0, 1, 2, 3]
    assert fitted["truncated"] == [{"at": "imports", "shown": 4, "total": 10}]


def _render(items: list[str]) -> Callable[[int], Answer]:
    def render(count: int) -> Answer:
        return Answer("\n".join(items[:count]), {"items": items[:count]})

    return render


def test_a_page_too_large_for_the_budget_shrinks_to_a_leading_part_that_fits() -> None:
    items = [f"{n:03} " + "x" * 95 for n in range(200)]  # 100 characters each, 103 in JSON
    budget = Budget(max_chars=5_000)
    answer = fit_page(_render(items), 200, budget)
    shown = answer.text.splitlines()
    assert budget.fits(answer)
    assert shown == items[: len(shown)]
    assert answer.document["items"] == shown
    assert len(shown) >= 40  # most of the 48 that would fit


def test_the_document_counts_against_the_budget_only_when_it_is_sent() -> None:
    items = ["x" * 40] * 100  # text 4,099 characters, JSON 4,310
    render = _render(items)
    sent = fit_page(render, 100, Budget(max_chars=4_200, structured=True))
    text_only = fit_page(render, 100, Budget(max_chars=4_200, structured=False))
    assert len(sent.document["items"]) < 100
    assert len(text_only.text.splitlines()) == 100


def test_one_item_larger_than_the_budget_is_cut_rather_than_dropped() -> None:
    huge = ["\n".join(["y" * 80] * 100)]
    answer = fit_page(_render(huge), 1, Budget(max_chars=1_000))
    assert len(answer.text) <= 1_000
    assert "more lines not shown" in answer.text


def test_fit_whole_caps_the_text_and_shortens_the_document() -> None:
    answer = Answer("a line\n" * 1_000, {"rows": ["r" * 20] * 1_000})
    fitted = fit_whole(answer, Budget(max_chars=2_000), "ask for less")
    assert len(fitted.text) <= 2_000
    assert fitted.text.endswith("ask for less")
    assert json_size(fitted.document) <= 2_000
