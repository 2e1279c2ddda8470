"""Checking MCP tool parameters: ranges, choices, and paths that must not leave the root."""

from __future__ import annotations

import pytest

from code_graph.errors import UsageError
from code_graph.mcp_server.params import (
    MAX_LIMIT,
    InvalidParameterError,
    check_address,
    check_choice,
    check_depth,
    check_limit,
    check_offset,
    check_path,
    check_text,
)
from code_graph.query.context import SECTIONS, context_sections
from code_graph.query.find import SYMBOL_KINDS


def test_a_limit_inside_the_range_is_kept() -> None:
    assert check_limit(1) == 1
    assert check_limit(MAX_LIMIT) == MAX_LIMIT


@pytest.mark.parametrize("limit", [0, -1, MAX_LIMIT + 1, 10**9, 10**30])
def test_a_limit_outside_the_range_is_refused_without_allocating(limit: int) -> None:
    with pytest.raises(InvalidParameterError, match=f"between 1 and {MAX_LIMIT}"):
        check_limit(limit)


def test_a_negative_offset_is_refused_and_a_large_one_kept() -> None:
    assert check_offset(10**12) == 10**12
    with pytest.raises(InvalidParameterError, match="0 or more"):
        check_offset(-1)


def test_depth_is_all_levels_or_at_least_one() -> None:
    assert check_depth(None) is None
    assert check_depth(3) == 3
    with pytest.raises(InvalidParameterError, match="depth"):
        check_depth(0)


def test_an_unknown_choice_names_the_accepted_ones() -> None:
    assert check_choice("kind", None, SYMBOL_KINDS) is None
    assert check_choice("kind", "class", SYMBOL_KINDS) == "class"
    with pytest.raises(InvalidParameterError, match="'klass' is not one of function, class"):
        check_choice("kind", "klass", SYMBOL_KINDS)


def test_sections_come_back_in_canonical_order_and_default_to_all() -> None:
    assert context_sections(None) == SECTIONS
    assert context_sections([]) == SECTIONS
    assert context_sections(["callers", "definition"]) == ("definition", "callers")
    assert context_sections(["callers,definition"]) == ("definition", "callers")


def test_an_unknown_section_is_refused_with_the_list_to_choose_from() -> None:
    with pytest.raises(UsageError, match="unknown section 'bogus'; choose from definition"):
        context_sections(["callers", "bogus"])


@pytest.mark.parametrize(
    "path",
    ["../../etc/passwd", "src/../../x.ts", "..", "a\\..\\b.ts", "src/..", "./../x"],
)
def test_a_path_climbing_out_of_the_root_is_refused(path: str) -> None:
    with pytest.raises(InvalidParameterError, match="leaves the project root"):
        check_path("path", path)


@pytest.mark.parametrize("path", ["/etc/passwd", "\\\\server\\share", "C:\\Windows", "~/x.ts"])
def test_an_absolute_path_is_refused(path: str) -> None:
    with pytest.raises(InvalidParameterError, match="is outside the project root"):
        check_path("path", path)


def test_a_relative_path_is_kept_without_its_leading_dot_slash() -> None:
    assert check_path("path", "./src/a..b.ts") == "src/a..b.ts"
    assert check_path("path", "packages/ui/src/") == "packages/ui/src/"


@pytest.mark.parametrize("text", ["Ca\0rt", "", "   ", "x" * 1001])
def test_nul_bytes_empty_and_huge_text_are_refused(text: str) -> None:
    with pytest.raises(InvalidParameterError):
        check_text("symbol", text)


def test_an_empty_pattern_may_be_allowed() -> None:
    assert check_text("pattern", "", allow_empty=True) == ""


@pytest.mark.parametrize(
    "address", ["Cart", "Cart.add", "packages/core/src/cart.ts:Cart", "src/cart.ts:42"]
)
def test_symbol_addresses_pass_unchanged(address: str) -> None:
    assert check_address("symbol", address) == address


@pytest.mark.parametrize("address", ["../x.ts:Cart", "/abs/x.ts:Cart", "C:/x.ts:1"])
def test_an_address_whose_file_leaves_the_root_is_refused(address: str) -> None:
    with pytest.raises(InvalidParameterError):
        check_address("symbol", address)


def test_a_refusal_is_a_usage_error_naming_the_parameter() -> None:
    with pytest.raises(UsageError) as refusal:
        check_limit(0, name="limit")
    assert str(refusal.value).startswith("invalid limit:")
