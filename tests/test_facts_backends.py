"""The facts on every engine: the same pandas facts, to the cent, whatever frame the lines come in.

The hand-computed cases of ``test_facts.py`` and ``test_facts_context.py`` already run on pandas,
Polars and DuckDB frames; here the demo company is reduced on each engine and compared with the
pandas reduction, the engine rule is checked, and the route beyond one machine is tried: PySpark
in local mode, reading the sales from a folder of Parquet files (skipped, with the reason, where
pyspark or a Java runtime is absent).
"""

import os
import shutil

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd
import pandas.testing as pdt
import polars as pl
import pytest

from kbcore.facts import FACT_COLUMNS, ORDER_COLUMNS, Facts, between, client_facts, reductions
from kbcore.facts.engine import backend_of, lines_frame
from tests.test_facts import BACKENDS, _sales, to_backend


def assert_same_to_the_cent(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Same columns, dtypes and rows; ids, counts and dates exact, money equal to the cent."""
    assert list(got.columns) == list(expected.columns)
    assert got.dtypes.to_dict() == expected.dtypes.to_dict()
    money = [col for col in expected.columns if expected[col].dtype == "float64"]
    pdt.assert_frame_equal(got.drop(columns=money), expected.drop(columns=money), check_exact=True)
    pdt.assert_frame_equal(got[money].round(2), expected[money].round(2), check_exact=True)


def _answers(facts: Facts) -> dict:
    """What analyses ask a facts context for: windows, periods and orders."""
    return {
        "clients": facts.clients(),
        "window": facts.clients("2023-01-01", "2024-06-30"),
        "year": facts.periods("year"),
        "quarter": facts.periods("quarter", end="2024-12-31"),
        "month": facts.periods("month", start="2025-01-01"),
        "orders": facts.orders(end="2024-12-31"),
    }


@pytest.fixture(scope="module")
def demo_reference(demo_dataset):
    """The demo company's facts reduced by pandas (the reference of every engine)."""
    facts = Facts(demo_dataset.sales, start="2021-03-01", engine="pandas")
    return {**_answers(facts), "as_of": facts.as_of, "documents": facts.documents}


@pytest.mark.parametrize("engine", ["polars", "duckdb"])
def test_demo_company_same_facts_with_each_engine_for_pandas_input(demo_dataset, demo_reference,
                                                                   engine):
    facts = Facts(demo_dataset.sales, start="2021-03-01", engine=engine)
    for name, got in _answers(facts).items():
        assert_same_to_the_cent(got, demo_reference[name])
    assert facts.as_of == demo_reference["as_of"]
    assert_same_to_the_cent(facts.documents, demo_reference["documents"])


@pytest.mark.parametrize("backend", [b for b in BACKENDS if b != "pandas"])
def test_demo_company_same_facts_on_each_backend(demo_dataset, demo_reference, backend):
    facts = Facts(to_backend(demo_dataset.sales, backend), start="2021-03-01")
    for name, got in _answers(facts).items():
        assert_same_to_the_cent(got, demo_reference[name])
    assert facts.as_of == demo_reference["as_of"]
    assert facts.has_sales


def test_demo_company_results_keep_their_shape(demo_reference):
    clients = demo_reference["clients"]
    assert list(clients.columns) == ["client_id", *FACT_COLUMNS]
    assert clients["client_id"].dtype == "string" and clients["client_id"].is_monotonic_increasing
    assert clients["first_date"].dtype == "datetime64[ns]"
    assert clients["orders"].dtype == "int64" and clients["revenue"].dtype == "float64"
    assert list(demo_reference["orders"].columns) == ORDER_COLUMNS
    assert demo_reference["year"]["period"].dtype == "int64"
    assert demo_reference["month"]["period"].dtype == "string"


def test_the_engine_is_chosen_by_the_package():
    small = _sales()
    assert backend_of(lines_frame(small)[0]) == "polars"  # pandas input: Polars, at any size
    assert backend_of(lines_frame(small, "pandas")[0]) == "pandas"
    assert backend_of(lines_frame(pl.from_pandas(small))[0]) == "polars"
    assert backend_of(lines_frame(small, "duckdb")[0]) == "duckdb"
    with pytest.raises(ValueError, match="engine must be one of"):
        lines_frame(small, "excel")
    with pytest.raises(ValueError, match="pandas input only"):
        lines_frame(pl.from_pandas(small), "pandas")
    # only the used columns are handed over
    assert lines_frame(small)[0].collect_schema().names() == [
        "client_id", "date", "revenue", "doc_id", "quantity", "cost", "discount"]


def test_one_reduction_per_context_on_every_backend():
    for backend in BACKENDS:
        before = reductions()
        facts = Facts(to_backend(_sales(), backend))
        _answers(facts)
        facts.as_of, facts.has_sales, facts.first_day(), facts.last_day("2024-12-31")
        assert reductions() - before == 1, backend


def test_sales_lines_of_another_engine_come_as_pandas_when_asked():
    sales = _sales()
    facts = Facts(pl.from_pandas(sales), start="2024-01-01", end="2024-12-31")
    lines = facts.sales
    assert isinstance(lines, pd.DataFrame) and len(lines) == 5
    assert lines["client_id"].dtype == "string" and lines["doc_id"].dtype == "string"
    assert lines["date"].dtype == "datetime64[ns]"
    assert lines["client_id"].tolist() == ["007"] * 4 + ["042"]  # leading zeros kept


def test_first_and_last_day():
    facts = Facts(pl.from_pandas(_sales()))
    assert facts.first_day() == pd.Timestamp("2024-01-10")
    assert facts.last_day() == pd.Timestamp("2025-02-01")
    assert facts.last_day(end="2024-12-31") == pd.Timestamp("2024-06-15")
    assert facts.first_day(start="2030-01-01") is None


@pytest.mark.parametrize("backend", BACKENDS)
def test_between_filters_on_the_engine_and_keeps_the_kind_of_frame(backend):
    sales = _sales()
    sales.loc[5, "date"] = pd.Timestamp("2024-06-15 17:30")
    frame = to_backend(sales, backend)
    kept = between(frame, "2024-06-15", "2024-06-15")
    assert type(kept) is type(frame)
    assert len(nw.from_native(kept).lazy().collect().to_pandas()) == 1  # its whole last day


def test_native_nan_is_unknown_as_in_pandas():
    # a Polars frame may hold NaN (not null) for an unknown cost: it counts as unknown
    sales = _sales()
    sales["cost"] = np.nan
    native = pl.from_pandas(sales, nan_to_null=False)
    assert native["cost"].is_nan().all()
    got = client_facts(native)
    assert got["cost"].isna().all() and got["gross_margin"].isna().all()
    pdt.assert_frame_equal(got, client_facts(sales))


def test_dates_as_date_type_and_ids_as_categories():
    sales = _sales()
    native = pl.from_pandas(sales).with_columns(
        pl.col("date").cast(pl.Date), pl.col("client_id").cast(pl.Categorical))
    pdt.assert_frame_equal(client_facts(native, start="2024-01-10", end="2024-03-05"),
                           client_facts(sales, start="2024-01-10", end="2024-03-05"))


# --- PySpark: the route beyond one machine ---------------------------------------------------


@pytest.fixture(scope="module")
def spark():
    """One local Spark session for the module: one core, two shuffle partitions, no UI."""
    pytest.importorskip("pyspark", reason="the PySpark route needs the pyspark package")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("the PySpark route needs a Java runtime (java on PATH or JAVA_HOME)")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]").appName("kbcore-facts-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_hand_computed_case(spark):
    sales = _sales()
    facts = Facts(to_backend(sales, "pyspark", spark))
    reference = Facts(sales)
    assert_same_to_the_cent(facts.clients(), reference.clients())
    assert_same_to_the_cent(facts.periods("month"), reference.periods("month"))
    assert_same_to_the_cent(facts.orders(end="2024-12-31"), reference.orders(end="2024-12-31"))
    a = facts.clients().set_index("client_id").loc["007"]
    assert (a["revenue"], a["orders"], a["deliveries"], a["returns"]) == (2200.0, 3, 2, 300.0)
    assert facts.as_of == pd.Timestamp("2025-02-01")


def test_spark_reads_a_folder_of_parquet_files(spark, demo_dataset, demo_reference, tmp_path):
    folder = tmp_path / "sales"
    folder.mkdir()
    # Spark reads timestamps in micro-, not nanoseconds (pandas' unit): write them so
    lines = pl.from_pandas(demo_dataset.sales).with_columns(pl.col("date").cast(pl.Datetime("us")))
    parts = 4
    for i in range(parts):  # the way a warehouse export arrives: several files, one folder
        lines.gather_every(parts, offset=i).write_parquet(folder / f"part-{i}.parquet")
    frame = spark.read.parquet(str(folder))
    facts = Facts(frame, start="2021-03-01")
    assert_same_to_the_cent(facts.clients(), demo_reference["clients"])
    assert_same_to_the_cent(facts.periods("year"), demo_reference["year"])
    assert facts.as_of == demo_reference["as_of"]


def test_hand_cases_on_the_pandas_engine():
    # the package hands pandas input to Polars; the pandas engine itself must agree
    for sales in (_sales(), _sales(cost=True, discount=True, doc_id=True, quantity=True)):
        ours, theirs = Facts(sales, engine="pandas"), Facts(sales, engine="polars")
        for name, got in _answers(ours).items():
            pdt.assert_frame_equal(got, _answers(theirs)[name])
        pdt.assert_frame_equal(ours.documents, theirs.documents)


def test_spark_analyses_run_on_the_facts_without_pulling_lines(spark, demo_dataset, monkeypatch):
    """The route beyond one machine: the analyses read only facts, computed on Spark.

    The segmentation, lifecycle and profitability analyses give on Spark's facts what they give on
    pandas' facts, and neither the sales lines nor the documents ever come back to pandas.
    """
    from kbcore.analyses import abc, client_pnl, client_stages, new_clients, rfm, xyz

    sales, clients = demo_dataset.sales, demo_dataset.clients
    lo, hi = "2025-01-01", "2025-12-31"

    def run(facts):
        return {"abc": abc(facts.clients(lo, hi)), "xyz": xyz(facts, start=lo, end=hi),
                "rfm": rfm(facts), "stages": client_stages(facts, clients),
                "new": new_clients(facts, clients), "pnl": client_pnl(facts, clients)}

    expected = run(Facts(sales))
    lines = pl.from_pandas(sales).with_columns(pl.col("date").cast(pl.Datetime("us")))
    frame = spark.createDataFrame(lines.to_arrow())

    def refuse(self):
        raise AssertionError("an analysis pulled Spark's lines or documents into pandas")

    monkeypatch.setattr(Facts, "sales", property(refuse))
    monkeypatch.setattr(Facts, "documents", property(refuse))
    got = run(Facts(frame))
    for name, table in expected.items():
        assert_same_to_the_cent(got[name], table)
