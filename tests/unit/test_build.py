"""The two builds setup.py makes: `--version` names the one installed; values still pickle."""

import pickle
from importlib.machinery import EXTENSION_SUFFIXES
from importlib.metadata import version

from click.testing import CliRunner

import code_graph.extract.references
import code_graph.model
from code_graph.cli import main
from code_graph.compiled import compiled_modules
from code_graph.extract import extract_file


def _is_extension(module_file: str | None) -> bool:
    return (module_file or "").endswith(tuple(EXTENSION_SUFFIXES))


def test_version_names_the_build_from_the_modules_imported() -> None:
    compiled = _is_extension(code_graph.model.__file__)
    assert _is_extension(code_graph.extract.references.__file__) == compiled
    build = "compiled with mypyc" if compiled else "pure Python"

    result = CliRunner().invoke(main, ["--version"])

    assert result.exit_code == 0
    assert result.output == f"code-graph {version('code-graph')} ({build})\n"


def test_the_compiled_set_is_the_extraction_package_and_the_model() -> None:
    modules = compiled_modules()
    assert {"code_graph.extract", "code_graph.extract.references", "code_graph.model"} <= set(
        modules
    )
    assert all(
        name == "code_graph.model" or name.startswith("code_graph.extract") for name in modules
    )
    assert len(set(modules.values())) == 1, f"partly compiled: {modules}"


def test_extracted_facts_survive_pickling_to_the_workers() -> None:
    source = b"import { b } from './b';\nexport class A extends b.B { m(): void { b.f(); } }\n"
    facts = extract_file("src/a.ts", source)

    assert pickle.loads(pickle.dumps(facts)) == facts
