from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from code_graph.errors import StoreError, StoreLockedError, StoreMissingError
from code_graph.model import (
    ExportKind,
    ExportRecord,
    ExportStatus,
    FileFacts,
    ImportedName,
    ImportKind,
    ImportRecord,
    Language,
    Reference,
    ReferenceKind,
    Resolution,
    ResolutionMethod,
    SourceFile,
    Span,
    Symbol,
    SymbolKind,
)
from code_graph.query.export import export_graph
from code_graph.render.json_format import export_document
from code_graph.store import Store, WriteLock, db_path
from code_graph.store.rows import rows_of
from code_graph.store.schema import SCHEMA_VERSION, MetaKey


def _facts(path: str) -> FileFacts:
    return FileFacts(
        path=path,
        language=Language.TYPESCRIPT,
        is_declaration=False,
        symbols=(
            Symbol(
                "Cart",
                "Cart",
                SymbolKind.CLASS,
                Span(1, 1, 5, 2),
                ExportStatus.NAMED,
                None,
                "class Cart",
            ),
            Symbol(
                "add",
                "Cart.add",
                SymbolKind.METHOD,
                Span(2, 3, 4, 4),
                parent="Cart",
                signature="add(p: Product): void",
            ),
        ),
        imports=(
            ImportRecord("./product", ImportKind.STATIC, 1, False, (ImportedName("Product"),)),
        ),
        exports=(ExportRecord("Cart", "Cart", ExportKind.NAMED, 1),),
        references=(Reference("Product", ReferenceKind.TYPE, 2, 10, enclosing="Cart.add"),),
    )


def _write(root: Path, *paths: str) -> None:
    with Store.open_for_writing(root) as store, store.atomic():
        batch = [(SourceFile(p, 10, 1), f"hash-{p}", rows_of(_facts(p))) for p in paths]
        store.write.replace_files(batch)


def test_a_new_store_is_created_with_the_current_schema(tmp_path: Path) -> None:
    with Store.open_for_writing(tmp_path) as store:
        report = store.opened
        assert report.created and report.rebuilt_because is None
        assert store.get_meta(MetaKey.SCHEMA_VERSION) == str(SCHEMA_VERSION)
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (tmp_path / ".code-graph" / ".gitignore").read_text().endswith("*\n")


def test_facts_round_trip_with_parents_and_enclosing_symbols(tmp_path: Path) -> None:
    _write(tmp_path, "src/cart.ts")
    with Store.open_for_reading(tmp_path) as store:
        graph = export_document(export_graph(store))
    assert [s["id"] for s in graph["symbols"]] == [
        "src/cart.ts#Cart@class",
        "src/cart.ts#Cart.add@method",
    ]
    assert graph["symbols"][1]["parent"] == "Cart"
    assert graph["exports"][0]["symbol"] == "src/cart.ts#Cart@class"
    assert graph["references"][0]["enclosing"] == "Cart.add"
    assert graph["imports"][0]["names"] == [{"name": "Product", "alias": None, "type_only": False}]


def test_replacing_a_file_leaves_no_rows_of_its_old_version(tmp_path: Path) -> None:
    _write(tmp_path, "a.ts", "b.ts")
    _write(tmp_path, "a.ts")
    with Store.open_for_reading(tmp_path) as store:
        counts = [
            store.connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("files", "symbols", "imports", "import_names", "exports", "refs")
        ]
    assert counts == [2, 4, 2, 2, 2, 2]


def test_deleting_a_target_file_unlinks_the_imports_that_pointed_at_it(tmp_path: Path) -> None:
    _write(tmp_path, "a.ts", "product.ts")
    with Store.open_for_writing(tmp_path) as store:
        with store.atomic():
            [item] = [i for i in store.resolution.every_import() if i.importer == "a.ts"]
            outcome = Resolution(ResolutionMethod.RELATIVE, file="product.ts")
            store.write.set_resolutions([(item.id, outcome)])
        with store.atomic():
            store.write.delete_files(["product.ts"])
        graph = export_document(export_graph(store))
    assert [f["path"] for f in graph["files"]] == ["a.ts"]
    assert graph["imports"][0]["resolution"]["file"] is None


def test_a_rolled_back_transaction_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    _write(tmp_path, "a.ts")
    with Store.open_for_writing(tmp_path) as store:
        with pytest.raises(RuntimeError), store.atomic():
            store.write.delete_files(["a.ts"])
            raise RuntimeError("killed")
        assert list(store.files.by_path()) == ["a.ts"]


def _index_names(store: Store) -> list[str]:
    rows = store.connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
    )
    return [name for (name,) in rows]


def test_dropped_indexes_are_built_again_in_the_background(tmp_path: Path) -> None:
    with Store.open_for_writing(tmp_path) as store:
        every_index = _index_names(store)
        with store.atomic():
            dropped = store.write.drop_indexes()
            assert _index_names(store) == []
            with store.write.creating_indexes(dropped):
                pass  # the caller's own work, without the store
            assert _index_names(store) == every_index


def test_a_failed_background_index_build_is_raised_to_the_caller(tmp_path: Path) -> None:
    broken = ["CREATE INDEX broken ON no_such_table (x)"]
    with Store.open_for_writing(tmp_path) as store:
        with (
            pytest.raises(sqlite3.OperationalError),
            store.atomic(),
            store.write.creating_indexes(broken),
        ):
            pass
        assert "broken" not in _index_names(store)


def test_a_foreign_file_in_place_of_the_store_is_rebuilt_with_a_reason(tmp_path: Path) -> None:
    db_path(tmp_path).parent.mkdir()
    db_path(tmp_path).write_bytes(b"this is not a database" * 100)
    with Store.open_for_writing(tmp_path) as store:
        report = store.opened
    assert report.rebuilt_because is not None and "not" in report.rebuilt_because


def test_a_store_from_a_newer_version_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    _write(tmp_path, "a.ts")
    connection = sqlite3.connect(db_path(tmp_path))
    connection.execute("UPDATE meta SET value = '999' WHERE name = 'schema_version'")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="schema version 999"):
        Store.open_for_reading(tmp_path)
    with Store.open_for_writing(tmp_path) as store:
        report = store.opened
        assert (
            report.rebuilt_because == f"made by a newer code-graph (schema 999 > {SCHEMA_VERSION})"
        )
        assert store.files.by_path() == {}


def test_reading_a_project_without_an_index_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreMissingError, match="run `code-graph index"):
        Store.open_for_reading(tmp_path)


def test_a_second_writer_is_refused_while_the_lock_is_held(tmp_path: Path) -> None:
    with (
        WriteLock(tmp_path),
        pytest.raises(StoreLockedError, match="another code-graph process"),
        WriteLock(tmp_path, wait_seconds=0.1),
    ):
        pass
    with WriteLock(tmp_path, wait_seconds=0.1):  # released: the next writer gets it
        pass


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_store_is_migrated_in_place(tmp_path: Path, version: int) -> None:
    from code_graph.store.schema import MIGRATIONS

    db_path(tmp_path).parent.mkdir()
    connection = sqlite3.connect(db_path(tmp_path))
    for statement in (s for migration in MIGRATIONS[:version] for s in migration):
        connection.execute(statement)
    connection.execute(
        "INSERT INTO meta VALUES ('application', 'code-graph'), ('schema_version', ?)",
        (str(version),),
    )
    connection.execute("INSERT INTO files VALUES (1, 'a.ts', 'typescript', 0, 10, 1, 'hash', 0)")
    connection.commit()
    connection.close()
    with Store.open_for_writing(tmp_path) as store:
        report = store.opened
        columns = [row[1] for row in store.connection.execute("PRAGMA table_info(symbols)")]
        assert report.rebuilt_because is None
        assert store.get_meta(MetaKey.SCHEMA_VERSION) == str(SCHEMA_VERSION)
        assert "type_name" in columns and "callbacks" in columns
        assert list(store.files.by_path()) == ["a.ts"]  # the data survived
