"""Build code-graph, compiling its per-file core with mypyc where it can (issue #20).

`pip install .` (and `python -m build`'s wheel) compiles the modules in COMPILED to C
extensions; the .py files ship alongside, so the package falls back to pure Python whenever
they are not built. It is pure Python, with one warning line saying why, when mypyc cannot be
imported, when there is no C compiler or no Python headers, when mypyc or the C compiler fails,
or when CODE_GRAPH_PURE=1 is set. Editable installs (`pip install -e .`) are always pure: the
code runs from src/ as it is edited, never from a stale compiled copy. `code-graph --version`
says which one is installed.

What mypyc needs from the code of the compiled modules (keep it so when changing them):
- it must stay `mypy --strict` clean: the types are trusted at run time, so a value that does
  not match its annotation raises TypeError in the compiled build (e.g. a `cast` that lies, an
  `Any` that is not what it is used as);
- no monkeypatching of their functions or classes (tests included): calls between compiled
  modules are bound at build time, so put test seams in a module that is not compiled;
- their classes are native: no assigning attributes not declared in the class, no changing a
  class after its definition; values sent to the worker processes must still pickle (frozen
  dataclasses and NamedTuples do);
- modules that are compiled may import pure ones, never the other way round at import time
  in a cycle (a compiled module's globals are set when it is first imported).
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The per-file cost of a full index: extraction and the values it makes.
COMPILED = ["src/code_graph/extract", "src/code_graph/model.py"]

# setup.py's command (setuptools' PEP 517 backend runs one per hook) decides: those that only
# describe or pack the sources (metadata, sdist) need no compilation; `editable_wheel`
# (PEP 660, `pip install -e`) and `develop` (its legacy form) must not compile, the editable
# package runs from src/.
_EDITABLE_COMMANDS = {"editable_wheel", "develop"}
_SOURCE_ONLY_COMMANDS = {"egg_info", "dist_info", "sdist", "clean", "check"}


def _short(error: BaseException) -> str:
    lines = str(error).strip().splitlines() or ["see the errors above"]
    return f"{type(error).__name__}: {lines[0][:200]}"


def _warn(why: str, *, can_compile: bool = True) -> None:
    """One line saying why the package is pure Python; `can_compile` False: this machine
    cannot compile at all (scripts/test.sh then tests the pure package instead of stopping)."""
    where = "" if can_compile else "this machine cannot compile: "
    print(
        f"code-graph: WARNING: installing pure Python, not compiled with mypyc: {where}{why}",
        file=sys.stderr,
    )


def _compiles_here() -> bool:
    """Whether setuptools' command builds an installable package (editable installs, which
    run from src/, and the metadata and sdist steps do not compile)."""
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), "")
    return bool(command) and command not in _EDITABLE_COMMANDS | _SOURCE_ONLY_COMMANDS


def _missing_toolchain() -> str | None:
    """What this machine lacks to compile C extensions, or None."""
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "").split()
    if compiler and shutil.which(compiler[0]) is None:
        return f"no C compiler ({compiler[0]} not found)"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        return "no Python headers (Python.h; install python3-dev)"
    return None


def _extensions() -> list[object]:
    if not _compiles_here():
        return []
    if os.environ.get("CODE_GRAPH_PURE") == "1":
        _warn("CODE_GRAPH_PURE=1 is set")
        return []
    missing = _missing_toolchain()
    if missing is not None:
        _warn(missing, can_compile=False)
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as error:
        _warn(f"mypyc cannot be imported ({_short(error)})", can_compile=False)
        return []
    try:
        return list(mypycify(COMPILED, opt_level="3", debug_level="0", group_name="code_graph"))
    except SystemExit:  # how mypy reports type errors (printed above)
        _warn("mypyc found type errors in the modules to compile (printed above)")
    except Exception as error:
        _warn(f"mypyc failed ({_short(error)})")
    return []


class BuildExtOrFallBack(build_ext):
    """Builds the extensions; if the C compiler fails, removes them and leaves pure Python."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # any compiler or linker failure must leave a working install
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            _warn(f"the C build failed ({_short(error)})")


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildExtOrFallBack})
