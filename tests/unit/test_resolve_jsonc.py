from __future__ import annotations

import pytest

from code_graph.resolve.jsonc import JsoncError, parse_jsonc


def test_line_and_block_comments_are_ignored() -> None:
    text = '// head\n{ /* a */ "a": 1, // tail\n "b": /* inline */ 2 }'
    assert parse_jsonc(text) == {"a": 1, "b": 2}


def test_trailing_commas_in_objects_and_arrays_are_accepted() -> None:
    assert parse_jsonc('{"a": [1, 2,], "b": {"c": 3,},}') == {"a": [1, 2], "b": {"c": 3}}


def test_comment_markers_inside_strings_are_kept() -> None:
    text = '{"url": "http://x/*y*/", "glob": "src/**/*.ts", "q": "a\\"//b"}'
    assert parse_jsonc(text) == {"url": "http://x/*y*/", "glob": "src/**/*.ts", "q": 'a"//b'}


def test_commas_inside_strings_before_brackets_are_kept() -> None:
    assert parse_jsonc('{"a": ",]"}') == {"a": ",]"}


def test_a_byte_order_mark_is_skipped() -> None:
    assert parse_jsonc('\ufeff{"a": 1}') == {"a": 1}


@pytest.mark.parametrize("text", ['{"a": 1', '{"a": }', "/* never closed {}", ""])
def test_invalid_text_raises_jsonc_error_with_a_position(text: str) -> None:
    with pytest.raises(JsoncError, match="invalid JSON"):
        parse_jsonc(text)
