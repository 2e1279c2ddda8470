"""One grammar for every command: `-p/--project` (and PATH where a command has one) found by
walking up, `--format`/`--json`, and `--limit`/`--offset` on every list (through CliRunner)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from code_graph.cli import main
from code_graph.index import index_project

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-shop"

# command arguments before the project, and whether the command lists (pages)
QUERIES = {
    "stats": ([], False),
    "find": (["Cart"], True),
    "refs": (["PriceTag"], True),
    "implementations": (["Identifiable"], True),
    "impact": (["roundToCents"], True),
    "circular": ([], True),
    "context": (["Cart"], False),
    "file": (["packages/ui/src/PriceTag.tsx"], False),
    "source": (["Cart"], False),
    "calls": (["roundToCents"], False),
    "unresolved": ([], True),
}
POSITIONAL = ("stats", "circular", "unresolved")


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("grammar") / "acme-shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".code-graph"))
    index_project(root, workers=1)
    return root


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", sorted(QUERIES))
@pytest.mark.parametrize("project_flag", ["-p", "--project"])
def test_every_query_command_takes_the_project_and_every_format(
    shop: Path, command: str, project_flag: str
) -> None:
    arguments, _ = QUERIES[command]
    for output_format in ("table", "json", "compact"):
        result = invoke(command, *arguments, project_flag, str(shop), "--format", output_format)
        assert result.exit_code == 0, (output_format, result.output)
        assert result.stdout.strip()
    assert json.loads(invoke(command, *arguments, "-p", str(shop), "--json").stdout)


@pytest.mark.parametrize("command", sorted(c for c, (_, lists) in QUERIES.items() if lists))
def test_every_list_command_pages_with_limit_and_offset(shop: Path, command: str) -> None:
    arguments, _ = QUERIES[command]
    base = [command, *arguments, "-p", str(shop)]
    whole = json.loads(invoke(*base, "--json").stdout)
    first = json.loads(invoke(*base, "--json", "--limit", "1").stdout)
    second = json.loads(invoke(*base, "--json", "--limit", "1", "--offset", "1").stdout)
    total = whole["page"]["total"]
    assert total >= 2, command
    assert first["page"] == {"offset": 0, "returned": 1, "total": total, "next_offset": 1}
    assert second["page"]["offset"] == 1 and second["page"]["returned"] == 1
    assert first != second
    table = invoke(*base, "--limit", "1").stdout
    assert f"showing 1–1 of {total}; {total - 1} more: --offset 1" in table
    compact = invoke(*base, "--format", "compact", "--limit", "1").stdout
    assert f"… {total - 1} more (offset=1)" in compact


@pytest.mark.parametrize("command", POSITIONAL)
def test_a_positional_path_and_the_project_option_are_the_same(shop: Path, command: str) -> None:
    by_path = invoke(command, str(shop), "--format", "compact")
    by_option = invoke(command, "-p", str(shop), "--format", "compact")
    assert by_path.exit_code == 0, by_path.output
    assert by_path.stdout == by_option.stdout
    both = invoke(command, str(shop), "-p", str(shop / "packages"))
    assert both.exit_code == 2
    assert "two projects given" in both.output


@pytest.mark.parametrize("command", sorted(QUERIES))
def test_the_project_is_found_by_walking_up_from_the_current_folder(
    shop: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    arguments, _ = QUERIES[command]
    expected = invoke(command, *arguments, "-p", str(shop), "--format", "compact").stdout
    monkeypatch.chdir(shop / "packages" / "core" / "src")
    assert invoke(command, *arguments, "--format", "compact").stdout == expected


def test_json_beside_another_format_is_a_usage_error(shop: Path) -> None:
    result = invoke("find", "Cart", "-p", str(shop), "--json", "--format", "compact")
    assert result.exit_code == 2
    assert "--json and --format compact contradict" in result.output
    agreeing = invoke("find", "Cart", "-p", str(shop), "--json", "--format", "json")
    assert agreeing.exit_code == 0


def test_an_offset_past_the_end_says_so(shop: Path) -> None:
    result = invoke("find", "Cart", "-p", str(shop), "--offset", "50")
    assert "--offset 50 is past the end: 7 in all" in result.stdout


def test_refs_are_capped_by_default_and_say_how_to_see_the_rest(shop: Path) -> None:
    document = json.loads(invoke("refs", "PriceTag", "-p", str(shop), "--json").stdout)
    assert document["page"]["total"] == 12 and document["page"]["next_offset"] is None
    limited = invoke("refs", "PriceTag", "-p", str(shop), "--limit", "5").stdout
    assert "showing 1–5 of 12; 7 more: --offset 5" in limited


def test_context_keeps_to_the_sections_asked_for(shop: Path) -> None:
    document = json.loads(
        invoke("context", "Cart", "-p", str(shop), "--sections", "extends,callers", "--json").stdout
    )
    assert set(document) == {"lookup", "omitted", "callers", "extends"}
    text = invoke("context", "Cart", "-p", str(shop), "--sections", "extends").stdout
    assert "Extends" in text and "Callers" not in text and "references" not in text
    wrong = invoke("context", "Cart", "-p", str(shop), "--sections", "bogus")
    assert wrong.exit_code == 2
    assert "unknown section 'bogus'; choose from definition" in wrong.output


@pytest.mark.parametrize("command", ["index", "export"])
def test_the_writing_commands_take_the_project_both_ways(shop: Path, command: str) -> None:
    by_option = invoke(
        command, "-p", str(shop), "--json" if command == "index" else "--format=json"
    )
    by_path = invoke(command, str(shop), "--json" if command == "index" else "--format=json")
    assert by_option.exit_code == 0, by_option.output
    assert by_path.exit_code == 0, by_path.output
    assert json.loads(by_option.stdout).keys() == json.loads(by_path.stdout).keys()
