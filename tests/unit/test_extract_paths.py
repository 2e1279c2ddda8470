"""Which dialect a path is parsed as, declaration files, and names for anonymous defaults."""

import pytest

from code_graph.extract import is_declaration_file, language_for
from code_graph.extract.paths import default_export_name
from code_graph.model import Language


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("src/a.ts", Language.TYPESCRIPT),
        ("src/a.mts", Language.TYPESCRIPT),
        ("src/a.cts", Language.TYPESCRIPT),
        ("types/a.d.ts", Language.TYPESCRIPT),
        ("types/a.d.mts", Language.TYPESCRIPT),
        ("src/App.tsx", Language.TSX),
        ("src/a.js", Language.JAVASCRIPT),
        ("src/a.mjs", Language.JAVASCRIPT),
        ("src/a.cjs", Language.JAVASCRIPT),
        ("src/App.jsx", Language.JSX),
    ],
)
def test_language_is_chosen_by_extension(path: str, language: Language) -> None:
    assert language_for(path) is language


@pytest.mark.parametrize("path", ["README.md", "src/a.json", "src/a.vue", "src/ts", "Makefile"])
def test_other_files_have_no_language(path: str) -> None:
    assert language_for(path) is None


@pytest.mark.parametrize(
    "path", ["a.d.ts", "types/a.d.mts", "types/a.d.cts", "src/styles.d.css.ts", "x/y.d.json.ts"]
)
def test_declaration_files_are_recognised(path: str) -> None:
    assert is_declaration_file(path) is True


@pytest.mark.parametrize("path", ["a.ts", "food.ts", "a.d.tsx", "a.dts", "src/d.ts", "a.d.js"])
def test_ordinary_sources_are_not_declaration_files(path: str) -> None:
    assert is_declaration_file(path) is False


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("src/utils/format-date.ts", "format_date"),
        ("src/Button.tsx", "Button"),
        ("src/widgets/index.tsx", "widgets"),
        ("index.js", "index"),
        ("src/my-lib/index.ts", "my_lib"),
        ("types/globals.d.ts", "globals"),
        ("src/Button.stories.tsx", "Button_stories"),
        ("src/404.js", "_404"),
    ],
)
def test_anonymous_default_exports_are_named_after_the_file(path: str, name: str) -> None:
    assert default_export_name(path) == name
