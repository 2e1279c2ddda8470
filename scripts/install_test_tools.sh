#!/usr/bin/env bash
# Best-effort installs of the tools some tests use (Graphviz, Chromium, playwright-core).
# Each may fail (no root, no network): then only the tests needing that tool skip, saying why.
# System packages are installed only as root with apt (a CI machine), never with sudo.
set -uo pipefail
cd "$(dirname "$0")/.."
note() { echo "note: $1 not installed; the tests needing it will skip" >&2; }
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
    && { ! command -v dot >/dev/null || [ ! -x /usr/bin/chromium ]; }; then
    timeout 120 apt-get update -qq >/dev/null 2>&1
    command -v dot >/dev/null || timeout 300 env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq graphviz >/dev/null 2>&1 || note graphviz
    [ -x /usr/bin/chromium ] || timeout 300 env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq chromium >/dev/null 2>&1 || note chromium
fi
if command -v npm >/dev/null && [ ! -d tests/browser/node_modules/playwright-core ]; then
    (cd tests/browser && timeout 180 npm ci --no-audit --no-fund --silent >/dev/null 2>&1) \
        || note playwright-core
fi
exit 0
