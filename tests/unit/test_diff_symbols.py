"""Which declarations a diff touches, from both sides' symbols and the changed lines."""

from __future__ import annotations

from code_graph.extract import extract_file
from code_graph.query.diff_symbols import diff_symbols, without_comments

CLASS = """\
export class Cart {
  items: string[] = []

  add(item: string): void {
    this.items.push(item)
  }

  clear(): void {
    this.items = []
  }
}
"""


def details(
    old: str, new: str, old_lines: list[tuple[int, int]], new_lines: list[tuple[int, int]]
) -> dict[str, str]:
    before = extract_file("a.ts", old.encode()).symbols
    after = extract_file("a.ts", new.encode()).symbols
    found = diff_symbols(before, after, old_lines, new_lines).symbols
    return {item.symbol.qualified_name: item.detail for item in found}


def test_a_body_edit_touches_the_method_not_its_class() -> None:
    edited = CLASS.replace("this.items.push(item)", "this.items.unshift(item)")
    assert details(CLASS, edited, [(5, 5)], [(5, 5)]) == {"Cart.add": "body"}


def test_a_removed_member_changes_its_class_signature() -> None:
    without_clear = CLASS.replace("\n  clear(): void {\n    this.items = []\n  }\n", "")
    assert details(CLASS, without_clear, [(7, 10)], []) == {
        "Cart": "signature",
        "Cart.clear": "removed",
    }


def test_an_added_class_comes_with_its_members() -> None:
    assert details("", CLASS, [], [(1, 11)]) == {"Cart": "added"}


def test_comment_lines_are_not_code() -> None:
    text = (
        "// one\nconst a = 1\n/**\n * doc\n */\nconst b = 2 /* trailing */\n/* x */ const c = 3\n\n"
    )
    assert without_comments([(1, 8)], text) == ((2, 2), (6, 7))
