#!/usr/bin/env bash
# The one test command, for people and CI: install into .venv (and, best-effort, the tools the
# picture tests use: scripts/install_test_tools.sh), lint, type-check, test.
# The tests run twice, on both builds setup.py makes: a representative part on the pure-Python
# package (.venv, the editable install of src/), then the whole suite on the package compiled
# with mypyc (.venv-compiled, a regular install, rebuilt when src/ or the build files change).
# With CODE_GRAPH_PURE=1 (a machine without a C compiler) the whole suite runs pure, once.
# Extra arguments go to the whole-suite run (e.g. `bash scripts/test.sh -m network`).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
PIP=(-m pip install --quiet --disable-pip-version-check)
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python "${PIP[@]}" -e '.[dev]'
.venv/bin/ruff check src tests scripts bench setup.py
.venv/bin/ruff format --check src tests scripts bench setup.py
.venv/bin/mypy
.venv/bin/lint-imports
bash scripts/install_test_tools.sh
if [ "${CODE_GRAPH_PURE:-}" = 1 ]; then
    CODE_GRAPH_EXPECT_BUILD=pure .venv/bin/pytest "$@"
    exit
fi

# The pure fallback: extraction, the values, the index and its failure paths.
CODE_GRAPH_EXPECT_BUILD=pure .venv/bin/pytest -q tests/unit \
    tests/functional/test_index.py tests/functional/test_update.py \
    tests/functional/test_refs_golden.py tests/functional/test_failure_isolation.py

# The compiled build, exactly as `pip install .` makes it (the build log is shown if it fails
# or falls back to pure Python; the suite then stops at once, see tests/conftest.py).
if [ ! -x .venv-compiled/bin/python ]; then
    "$PYTHON" -m venv .venv-compiled
fi
stamp=.venv-compiled/built
log=.venv-compiled/build.log
changed() {
    find src setup.py pyproject.toml -type f -newer "$stamp" -not -path '*/__pycache__/*' \
        -not -path '*.egg-info/*' -print -quit
}
if [ ! -e "$stamp" ] || [ -n "$(changed)" ]; then
    rm -rf build  # setuptools never removes a deleted module's stale copy from build/lib
    # --verbose without --quiet: the build's own output (setup.py's warning) goes to the log
    if ! .venv-compiled/bin/python -m pip install --disable-pip-version-check --verbose '.[dev]' \
        >"$log" 2>&1; then
        cat "$log"
        exit 1
    fi
    grep -q "^ *code-graph: WARNING" "$log" || touch "$stamp"
fi
# A machine that cannot compile (no C compiler, no Python headers, no mypyc) gets the pure
# package from `pip install .`, as setup.py promises: the whole suite then runs on it. A build
# that could compile and failed (type errors, mypyc or the C compiler failing) is a defect.
if [ ! -e "$stamp" ]; then  # the build fell back to pure Python; setup.py's warning says why
    warning=$(grep -h "^ *code-graph: WARNING" "$log")
    echo "$warning"
    if echo "$warning" | grep -q "this machine cannot compile"; then
        echo "scripts/test.sh: this machine cannot compile; the whole suite runs on pure Python"
        CODE_GRAPH_EXPECT_BUILD=pure .venv-compiled/bin/pytest "$@"
        exit
    fi
    exit 1
fi
CODE_GRAPH_EXPECT_BUILD=compiled .venv-compiled/bin/pytest "$@"
