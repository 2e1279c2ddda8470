"""Which file contents are skipped before extraction: minified code and bundles by their
content, never hand-written code with a long literal line, never declaration files."""

from __future__ import annotations

import base64
import functools
import random

import pytest

from code_graph.index.content import SNIFF_BYTES, body_problem, head_problem
from code_graph.model import SkipReason

NORMAL = "".join(
    f"export function scale{i}(value: number): number {{\n  return value * {i};\n}}\n"
    for i in range(60)
)


def minified(functions: int, wrap: int | None = None) -> bytes:
    """Code shaped like a minifier's output: one line (or lines of `wrap` bytes), no blanks."""
    body = ";".join(
        f"e.exports.f{i}=function(n,r){{n=n||{{}};r.push(n.v*{i});"
        f"return r.length>{i}?r.slice(0,{i}):r}}"
        for i in range(functions)
    )
    if wrap is not None:
        body = "\n".join(body[i : i + wrap] for i in range(0, len(body), wrap))
    return f"/*! lib v1 | MIT */\n!function(e){{{body}}}(module);\n".encode()


def test_a_one_line_minified_bundle_is_minified_with_its_numbers() -> None:
    problem = head_problem("vendor/lib.min.js", minified(2000))
    assert problem is not None
    reason, detail = problem
    assert reason is SkipReason.MINIFIED
    assert detail == (
        "100% of its 185,603 bytes are in 1 line of dense code (average 185,582 bytes, 1.1% blanks)"
    )


def test_minified_code_wrapped_at_500_bytes_is_minified() -> None:
    problem = head_problem("vendor/lib.min.js", minified(2000, wrap=500))
    assert problem is not None and problem[0] is SkipReason.MINIFIED
    assert "are in 371 lines of dense code (average 500 bytes" in problem[1]


def test_only_the_head_is_judged_and_the_detail_says_so() -> None:
    problem = head_problem("lib.js", minified(5000)[:SNIFF_BYTES])
    assert problem is not None
    assert problem[1].startswith("100% of the first 262,144 bytes")


@functools.cache
def _literal_lines() -> dict[str, str]:
    rng = random.Random(7)
    return {
        "a base64 string": '"data:image/png;base64,'
        + base64.b64encode(rng.randbytes(37_500)).decode()
        + '"',
        "a number table": "[" + ",".join(str(rng.randrange(99_999)) for _ in range(9_000)) + "]",
        "a regex with lookaheads": "/"
        + "".join(f"(?=[a-z]{{{i % 9}}})(?:x{i}|y)" for i in range(3_000))
        + "/u",
        "minified CSS": "`"
        + "".join(f".c{i}{{color:rgba({i % 255},0,0,.5);margin:0}}" for i in range(1_500))
        + "`",
        "calls without blanks": "[" + ",".join(f"f({i})" for i in range(8_000)) + "]",
        "a JSON object": "{"
        + ",".join(f'"k{i}":[{i},"v{i}",{{"x":{i}}}]' for i in range(2_000))
        + "}",
    }


@pytest.mark.parametrize("kind", sorted(_literal_lines()))
def test_ordinary_code_with_one_50_kb_literal_line_is_kept(kind: str) -> None:
    literal = _literal_lines()[kind]
    assert 50_000 <= len(literal) < 80_000
    text = NORMAL + f"export const DATA = {literal};\n"  # the literal is most of the file
    assert head_problem("src/data.ts", text.encode()) is None


def test_a_compiled_commonjs_export_list_is_not_minified() -> None:
    names = [f"getSchemaErrorMessageNumber{i}" for i in range(1_500)]
    text = (
        '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n'
        + " = ".join(f"exports.{name}" for name in names)
        + " = void 0;\n"
        + NORMAL
    )
    assert head_problem("dist/cjs/errors.js", text.encode()) is None


def test_small_minified_files_are_kept() -> None:
    data = minified(100)
    assert len(data) < 16 * 1024
    assert head_problem("vendor/tiny.min.js", data) is None


@pytest.mark.parametrize("path", ["types/api.d.ts", "types/api.d.mts", "styles.d.css.ts"])
def test_declaration_files_are_never_minified(path: str) -> None:
    assert head_problem(path, minified(2000)) is None


def test_a_webpack_bundle_is_a_bundle() -> None:
    text = (
        "(function webpackUniversalModuleDefinition(root, factory) {\n"
        "})(this, function() {\n"
        "return /******/ (function(modules) { // webpackBootstrap\n"
        "/******/ \tvar installedModules = {};\n"
        "/******/ \tfunction __webpack_require__(moduleId) {\n"
        "/******/ \t\treturn installedModules[moduleId];\n"
        "/******/ \t}\n"
    ) + NORMAL
    assert head_problem("public/bundle.js", text.encode()) == (
        SkipReason.BUNDLE,
        "webpack runtime at line 6",
    )


def test_a_browserify_bundle_is_a_bundle() -> None:
    text = (
        "// My SDK v2\n"
        "(function(){function r(e,n,t){return e}return r})()({1:[function(require,module,exports){\n"
        + NORMAL
        + "},{}]},{},[1]);\n"
    )
    assert head_problem("dist/sdk.js", text.encode()) == (
        SkipReason.BUNDLE,
        "browserify module table at line 2",
    )


def test_code_that_writes_bundles_is_not_a_bundle() -> None:
    text = 'const prefix = "/******/ ";\nconst table = "({1:[function(" ;\n' + NORMAL
    assert head_problem("lib/Template.js", text.encode()) is None


def test_nul_bytes_make_a_file_binary() -> None:
    assert head_problem("a.js", b"\x00\x01 binary") == (
        SkipReason.BINARY,
        "NUL byte in the first 8 KiB",
    )


def test_the_whole_file_is_checked_for_size_and_utf8() -> None:
    assert body_problem(b"x" * 11, 10) == (SkipReason.TOO_LARGE, "more than 10 bytes")
    assert body_problem("const s = 'caf\xe9';".encode("latin-1"), 100) == (
        SkipReason.NOT_UTF8,
        "invalid UTF-8 at byte 14",
    )
    assert body_problem(NORMAL.encode(), len(NORMAL)) is None
