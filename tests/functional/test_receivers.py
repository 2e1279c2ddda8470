"""Member uses whose receiver's type is declared one step away: a call's declared return type
(across files, awaited), array elements (`xs[i]`, `for..of`, Array method callbacks), private
`#fields`, JSDoc `@param` and `@returns` types in JavaScript, JSX attributes as props; and receivers whose type cannot be known stay unlinked and counted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from code_graph.index import index_project
from code_graph.query.refs import find_references
from code_graph.store import Store
from tests.conftest import write_files

TREE = {
    "tsconfig.json": '{"compilerOptions": {"strict": true}}',
    "src/column.ts": (
        "export class Column {\n"
        "  name = '';\n"
        "  rename(): void {}\n"
        "}\n"
        "export class Table {\n"
        "  columns: Column[] = [];\n"
        "  readonly #primary: Column = new Column();\n"
        "  primary(): Column { return this.#primary; }\n"
        "}\n"
    ),
    "src/repo.ts": (
        "import { Table } from './column';\n"
        "export class Repo {\n"
        "  async load(): Promise<Table> { return new Table(); }\n"
        "  tables(): Table[] { return []; }\n"
        "  fork(): this { return this; }\n"  # 5
        "  run(): void { this.fork().load(); }\n"  # 6
        "}\n"
        "export function repo(): Repo { return new Repo(); }\n"
    ),
    "src/use.ts": (
        "import { repo } from './repo';\n"
        "export async function use(anything: any): Promise<void> {\n"
        "  const table = await repo().load();\n"  # 3
        "  table.primary().rename();\n"  # 4
        "  table.columns[0].rename();\n"  # 5
        "  for (const column of table.columns) column.rename();\n"  # 6
        "  table.columns.forEach((c) => c.rename());\n"  # 7
        "  repo().tables().map((t) => t.primary().name);\n"  # 8
        "  anything.rename();\n"  # 9: unknowable: left unlinked
        "}\n"
    ),
    "lib/plugin.js": (
        "/** @typedef {import('../src/column').Column} Column */\n"
        "/**\n"
        " * @param {Column} column the column\n"
        " * @param {Array<Column>=} more others\n"
        " */\n"
        "function touch(column, more) {\n"
        "  column.rename();\n"  # 7
        "  more[0].rename();\n"  # 8
        "  pick().rename();\n"  # 9
        "}\n"
        "/** @returns {Column} the first */\n"
        "function pick() {}\n"
        "module.exports = { touch };\n"
    ),
    "src/helpers.ts": (
        "export const helpers = {\n  reset(): void {},\n  clear(): void { this.reset(); },\n};\n"
    ),
    "src/view.tsx": (
        "export interface CardProps {\n  title: string;\n}\n"
        "export function Card(props: CardProps) {\n  return <h1>{props.title}</h1>;\n}\n"
        "export const Page = () => <Card title='x' />;\n"  # 7
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    root = write_files(tmp_path_factory.mktemp("receivers"), TREE)
    index_project(root, workers=1)
    with Store.open_for_reading(root) as opened:
        yield opened


def _lines(store: Store, address: str) -> list[int]:
    return [r.line for r in find_references(store, address).references if r.file == "src/use.ts"]


def test_a_call_result_is_typed_by_the_callee_declared_return_type(store: Store) -> None:
    assert _lines(store, "Repo.load") == [3]  # `repo()` returns Repo
    assert [r.line for r in find_references(store, "Repo.load").references] == [6, 3]  # `this`
    assert 4 in _lines(store, "Table.primary")  # `await` of Promise<Table>
    assert _lines(store, "Table.primary") == [4, 8]


def test_array_elements_are_typed_by_the_array_declared_type(store: Store) -> None:
    assert _lines(store, "Column.rename") == [4, 5, 6, 7]
    assert _lines(store, "Column.name") == [8]  # `tables()` returns Table[]: a map callback


def test_jsdoc_parameter_types_type_javascript_parameters(store: Store) -> None:
    lines = [
        r.line for r in find_references(store, "Column.rename").references if r.file.endswith(".js")
    ]
    assert lines == [7, 8, 9]  # 9: typed by the callee's JSDoc `@returns`


def test_a_jsx_attribute_is_a_use_of_the_component_props_member(store: Store) -> None:
    references = find_references(store, "CardProps.title").references
    assert [(r.file, r.line) for r in references] == [("src/view.tsx", 5), ("src/view.tsx", 7)]


def test_this_in_an_object_literal_method_is_the_object(store: Store) -> None:
    references = find_references(store, "helpers.reset").references
    assert [(r.file, r.line, r.enclosing) for r in references] == [
        ("src/helpers.ts", 3, "helpers.clear")
    ]


def test_a_private_field_read_is_a_member_use(store: Store) -> None:
    references = find_references(store, "Table.#primary").references
    assert [(r.file, r.line, r.kind) for r in references] == [("src/column.ts", 8, "read")]


def test_a_receiver_of_unknown_type_is_left_unlinked_and_counted(store: Store) -> None:
    result = find_references(store, "Column.rename")
    assert 9 not in _lines(store, "Column.rename")
    assert result.completeness.unlinked_same_name == 1
