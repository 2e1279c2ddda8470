from __future__ import annotations

import pytest

from code_graph.config import DEFAULT_MAX_FILE_SIZE, ProjectConfig, parse_config
from code_graph.errors import ConfigError


def test_an_empty_table_gives_the_defaults() -> None:
    assert parse_config({}, "code-graph.toml") == ProjectConfig()
    assert ProjectConfig().max_file_size == DEFAULT_MAX_FILE_SIZE


def test_patterns_and_size_are_read() -> None:
    config = parse_config(
        {"exclude": ["legacy/"], "include": ["src/"], "max_file_size": 10}, "code-graph.toml"
    )
    assert config == ProjectConfig(exclude=("legacy/",), include=("src/",), max_file_size=10)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"excludes": []}, "unknown key(s): excludes"),
        ({"exclude": "legacy/"}, "exclude must be a list of strings"),
        ({"include": [1]}, "include must be a list of strings"),
        ({"max_file_size": 0}, "max_file_size must be a positive integer"),
        ({"max_file_size": True}, "max_file_size must be a positive integer"),
    ],
)
def test_invalid_settings_name_the_file_and_the_problem(
    data: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(data, "repo/code-graph.toml")
    assert str(caught.value).startswith("repo/code-graph.toml: ")
    assert message in str(caught.value)


def test_the_cli_watch_default_matches_the_watcher_default() -> None:
    from code_graph.cli import DEFAULT_STEP_MS
    from code_graph.watch import DEFAULT_STEP_MS as WATCHER_DEFAULT

    assert DEFAULT_STEP_MS == WATCHER_DEFAULT
