#!/usr/bin/env bash
# The one test command, for people and CI: install into .venv (and, best-effort, the tools the
# picture tests use: scripts/install_test_tools.sh), lint, type-check, test.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -m network`).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
.venv/bin/ruff check src tests scripts bench
.venv/bin/ruff format --check src tests scripts bench
.venv/bin/mypy
.venv/bin/lint-imports
bash scripts/install_test_tools.sh
.venv/bin/pytest "$@"
