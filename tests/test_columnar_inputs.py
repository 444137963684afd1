"""Columnar inputs a warehouse exports: a DuckDB database file and folders of Parquet parts.

Each is loaded into the same canonical tables as the files the demo company was written to, and
never written to.
"""

import hashlib
import os
from pathlib import Path

import pandas as pd
import pytest

import kbcore
from kbcore.errors import KBDataError
from kbcore.ingest.files import database_tables, file_kind, find_table_files

duckdb = pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def demo():
    return kbcore.load()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_db(path: Path, tables: dict[str, pd.DataFrame]) -> Path:
    con = duckdb.connect(str(path))
    for name, df in tables.items():
        con.register("frame", df)
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM frame')
        con.unregister("frame")
    con.close()
    return path


def test_duckdb_file_loads_its_tables_by_name_read_only(tmp_path, demo):
    db = _write_db(tmp_path / "warehouse.duckdb",
                   {"Продажи": demo.sales, "clients": demo.clients, "audit_log": demo.clients.head(3)})
    before, mtime = _digest(db), os.stat(db).st_mtime_ns
    assert database_tables(db) == {"sales": "Продажи", "clients": "clients"}
    ds = kbcore.load(db)
    pd.testing.assert_frame_equal(ds.sales, demo.sales)
    pd.testing.assert_frame_equal(ds.clients, demo.clients)
    assert ds.products is None
    assert ds.quality.ok
    assert ds.quality.stats("sales").rows_kept == len(demo.sales)
    assert _digest(db) == before and os.stat(db).st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]  # no .wal left


def test_duckdb_tables_are_cleaned_like_files(tmp_path):
    # a warehouse that keeps 1C's text: decimal commas, day-first dates, a code with zeros
    sales = pd.DataFrame({"Дата": ["05.03.2024", "06.03.2024"], "Код контрагента": ["0007", "0007"],
                          "Сумма": ["1\xa0234,50", "10,00"]})
    ds = kbcore.load(_write_db(tmp_path / "company.duckdb", {"sales": sales}))
    assert ds.sales["client_id"].tolist() == ["0007", "0007"]
    assert ds.sales["revenue"].tolist() == [1234.5, 10.0]
    assert ds.sales["date"].tolist() == [pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-06")]


def test_duckdb_without_a_sales_table_says_which_tables_it_found(tmp_path, demo):
    db = _write_db(tmp_path / "crm.duckdb", {"clients": demo.clients.head(5), "misc": demo.clients.head(1)})
    with pytest.raises(KBDataError) as err:
        kbcore.load(db)
    assert err.value.key == "load.no_sales_table"
    assert "clients" in err.value.message("en")
    assert "таблица продаж" in err.value.message("ru")


def test_two_sales_tables_in_one_database_are_ambiguous(tmp_path, demo):
    db = _write_db(tmp_path / "two.duckdb", {"sales": demo.sales.head(5), "продажи": demo.sales.head(5)})
    with pytest.raises(KBDataError) as err:
        kbcore.load(db)
    assert err.value.key == "load.ambiguous_files"


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "broken.duckdb"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(KBDataError) as err:
        kbcore.load(bad)
    assert err.value.key == "load.unreadable"
    assert bad.read_bytes() == b"not a database at all" * 100


def _parts(folder: Path, df: pd.DataFrame, by_year: bool = False) -> Path:
    folder.mkdir(parents=True)
    for i, (year, part) in enumerate(df.groupby(df["date"].dt.year)):
        target = folder / f"year={year}" if by_year else folder
        target.mkdir(exist_ok=True)
        part.to_parquet(target / f"part-{i:05d}.snappy.parquet", index=False)
    (folder / "_SUCCESS").write_text("")
    return folder


def test_a_folder_of_parquet_parts_is_one_table(tmp_path, demo):
    company = tmp_path / "company"
    _parts(company / "sales", demo.sales)
    demo.clients.to_parquet(tmp_path / "clients.parquet", index=False)
    (tmp_path / "clients.parquet").rename(company / "clients.parquet")
    found, ignored = find_table_files(company)
    assert found == {"sales": [company / "sales"], "clients": [company / "clients.parquet"]}
    assert file_kind(company / "sales") == "parquet"
    ds = kbcore.load(company)
    # parts are read in order (one per year), so the lines come back in the order written
    pd.testing.assert_frame_equal(ds.sales, demo.sales)
    assert ds.quality.stats("sales").rows_read == len(demo.sales)


def test_the_parts_folder_alone_is_the_sales_table(tmp_path, demo):
    parts = _parts(tmp_path / "export", demo.sales.head(3000), by_year=True)
    ds = kbcore.load(parts)
    assert len(ds.sales) == 3000
    assert ds.sales["revenue"].sum() == pytest.approx(demo.sales.head(3000)["revenue"].sum())
    assert ds.clients["client_id"].nunique() == demo.sales.head(3000)["client_id"].nunique()


def test_a_folder_without_parquet_is_not_a_table(tmp_path):
    (tmp_path / "sales").mkdir()
    (tmp_path / "sales" / "notes.txt").write_text("nothing here")
    with pytest.raises(KBDataError) as err:
        file_kind(tmp_path / "sales")
    assert err.value.key == "load.unknown_type"
