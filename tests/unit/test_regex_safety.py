"""Patterns whose matching time can explode are refused by their syntax tree, not their text."""

import pytest

from code_graph.errors import UsageError
from code_graph.query.find import compile_pattern
from code_graph.query.regex_safety import backtracking_risk


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a+)+",
        r"^((\w+))+!",  # extra parentheses hid it from the old textual check: 12 s on 27 chars
        r"(\w|\w)+!",  # alternation inside a repeat: hung for minutes
        r"(?:ab|a)+$",
        r"(a?){25}a{25}",
        r"(.*a){20}",
        r"(?=(a+))+",
        r"a*a*a*a*b",
    ],
)
def test_catastrophic_patterns_are_refused(pattern: str) -> None:
    assert backtracking_risk(pattern) is not None
    with pytest.raises(UsageError, match=r"backtracking|unbounded repeats"):
        compile_pattern(pattern, ignore_case=False)


@pytest.mark.parametrize(
    "pattern",
    [r"^use[A-Z]\w*$", r"(a|b)+", r"(ab)+", r"(a{3})+", r".*Foo.*Bar.*", r"Cart\.add", "(?i)cart"],
)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert backtracking_risk(pattern) is None
    assert compile_pattern(pattern, ignore_case=False).pattern == pattern


def test_an_invalid_pattern_is_reported_as_invalid_not_risky() -> None:
    with pytest.raises(UsageError, match="invalid pattern"):
        compile_pattern("(unclosed", ignore_case=False)
