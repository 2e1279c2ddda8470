"""Which build of code-graph is running: the core compiled with mypyc (setup.py) or pure Python."""

from __future__ import annotations

import pkgutil
from importlib.machinery import EXTENSION_SUFFIXES
from importlib.util import find_spec

# setup.py compiles these (and every module of the packages); they are checked, never imported
# here, so asking costs nothing and cannot fail on a broken extension.
_COMPILED_PACKAGE = "code_graph.extract"
_COMPILED_MODULES = ("code_graph.model",)


def compiled_modules() -> dict[str, bool]:
    """{module: whether it is a C extension} for every module setup.py compiles."""
    package = find_spec(_COMPILED_PACKAGE)
    assert package is not None and package.submodule_search_locations is not None
    names = [
        _COMPILED_PACKAGE,
        *_COMPILED_MODULES,
        *(
            f"{_COMPILED_PACKAGE}.{info.name}"
            for info in pkgutil.iter_modules(package.submodule_search_locations)
        ),
    ]
    return {name: _is_extension(name) for name in names}


def is_compiled() -> bool:
    """Whether the core runs compiled: all of its modules are extension modules."""
    return all(compiled_modules().values())


def build_name() -> str:
    return "compiled with mypyc" if is_compiled() else "pure Python"


def _is_extension(name: str) -> bool:
    spec = find_spec(name)
    return spec is not None and (spec.origin or "").endswith(tuple(EXTENSION_SUFFIXES))
