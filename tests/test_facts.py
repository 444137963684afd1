"""The facts layer: per-client and per-client-period reductions of sales lines, by hand.

The hand-computed cases run on every engine the reduction runs on: the ``backend`` fixture hands
the canonical test sales over as a pandas, Polars or DuckDB frame (PySpark:
``tests/test_facts_backends.py``), and the facts must come back the same pandas frames.
"""

import math

import pandas as pd
import polars as pl
import pytest

from kbcore.errors import KBDataError
from kbcore.facts import FACT_COLUMNS, between, client_facts, client_period_facts

BACKENDS = ("pandas", "polars", "polars-lazy", "duckdb")
"""The engines every facts test runs on (PySpark has its own, slower tests)."""


def to_backend(sales: pd.DataFrame, backend: str, spark=None):
    """Canonical pandas sales lines as a frame of ``backend`` (a Narwhals-supported engine)."""
    if backend == "pandas":
        return sales
    if backend in ("polars", "polars-lazy"):
        frame = pl.from_pandas(sales)
        return frame.lazy() if backend == "polars-lazy" else frame
    if backend == "duckdb":
        duckdb = pytest.importorskip("duckdb", reason="the DuckDB backend needs the duckdb package")
        return duckdb.from_arrow(pl.from_pandas(sales).to_arrow())
    if backend == "pyspark":
        return spark.createDataFrame(pl.from_pandas(sales).to_arrow())
    raise ValueError(backend)


@pytest.fixture(params=BACKENDS)
def backend(request):
    """A function that hands canonical pandas sales over to one backend (parametrised)."""
    return lambda sales: to_backend(sales, request.param)


def _sales(**drop) -> pd.DataFrame:
    """Two clients, six lines.

    client 007 (leading zeros kept):
      1. 2024-01-10 doc D1  revenue 1000 cost 600 discount 100 qty 10
      2. 2024-01-10 doc D1  revenue  500 cost 300 discount   0 qty  5   (same document)
      3. 2024-01-10 doc D2  revenue  200 cost 150 discount  50 qty  2   (second document, same day)
      4. 2024-03-05 doc D3  revenue −300 cost −180 discount  0 qty −3   (a return)
      5. 2025-02-01 doc D1  revenue  800 cost 500 discount 200 qty  8   (1C restarted numbering)
    client 042:
      6. 2024-06-15 doc D9  revenue  400 cost 250 discount   0 qty  4
    """
    frame = pd.DataFrame(
        {
            "client_id": pd.array(["007"] * 5 + ["042"], dtype="string"),
            "date": pd.to_datetime(
                ["2024-01-10", "2024-01-10", "2024-01-10", "2024-03-05", "2025-02-01", "2024-06-15"]
            ),
            "doc_id": pd.array(["D1", "D1", "D2", "D3", "D1", "D9"], dtype="string"),
            "revenue": [1000.0, 500.0, 200.0, -300.0, 800.0, 400.0],
            "cost": [600.0, 300.0, 150.0, -180.0, 500.0, 250.0],
            "discount": [100.0, 0.0, 50.0, 0.0, 200.0, 0.0],
            "quantity": [10.0, 5.0, 2.0, -3.0, 8.0, 4.0],
        }
    )
    return frame.drop(columns=[c for c, yes in drop.items() if yes])


def test_client_facts_by_hand(backend):
    facts = client_facts(backend(_sales())).set_index("client_id")
    assert list(facts.reset_index().columns) == ["client_id", *FACT_COLUMNS]
    a = facts.loc["007"]
    assert a["revenue"] == 2200.0  # 1000 + 500 + 200 − 300 + 800
    assert a["cost"] == 1370.0  # 600 + 300 + 150 − 180 + 500
    assert a["gross_margin"] == 830.0  # 2200 − 1370
    assert a["discount"] == 350.0  # 100 + 0 + 50 + 0 + 200
    assert a["list_revenue"] == 2550.0  # no list_revenue column: revenue + discount
    assert a["lines"] == 5
    # documents (doc_id, date) of non-return lines:
    # (D1, 2024-01-10), (D2, 2024-01-10), (D1, 2025-02-01)
    assert a["orders"] == 3
    # shipment days: 2024-01-10 (two documents, one delivery) and 2025-02-01
    assert a["deliveries"] == 2
    assert a["returns"] == 300.0  # the −300 line, as a positive amount
    assert a["first_date"] == pd.Timestamp("2024-01-10")
    assert a["last_date"] == pd.Timestamp("2025-02-01")  # the return of 2024-03-05 is no purchase
    b = facts.loc["042"]
    assert (b["revenue"], b["gross_margin"], b["orders"], b["deliveries"], b["returns"]) == (
        400.0,
        150.0,
        1,
        1,
        0.0,
    )


def test_client_period_facts_by_year(backend):
    facts = client_period_facts(backend(_sales()), freq="year")
    assert list(facts.columns) == ["client_id", "period", *FACT_COLUMNS]
    assert list(zip(facts["client_id"], facts["period"], strict=True)) == [
        ("007", 2024),
        ("007", 2025),
        ("042", 2024),
    ]
    a24 = facts.iloc[0]
    assert a24["revenue"] == 1400.0  # 1000 + 500 + 200 − 300
    assert a24["cost"] == 870.0  # 600 + 300 + 150 − 180
    assert a24["discount"] == 150.0
    assert (a24["lines"], a24["orders"], a24["deliveries"]) == (4, 2, 1)
    a25 = facts.iloc[1]
    assert (a25["revenue"], a25["orders"], a25["deliveries"]) == (800.0, 1, 1)
    assert facts["period"].dtype == "int64"
    assert facts["client_id"].dtype == "string"


def test_months_and_quarters_are_labelled(backend):
    months = client_period_facts(backend(_sales()), freq="month")
    assert list(months["period"]) == ["2024-01", "2024-03", "2025-02", "2024-06"]
    # 2024-03 holds only the return: revenue −300, no order, no delivery, no purchase date
    march = months.iloc[1]
    assert (march["revenue"], march["orders"], march["deliveries"]) == (-300.0, 0, 0)
    assert pd.isna(march["first_date"])
    quarters = client_period_facts(backend(_sales()), freq="quarter")
    assert list(quarters["period"]) == ["2024-Q1", "2025-Q1", "2024-Q2"]
    assert quarters.iloc[0]["revenue"] == 1400.0


def test_unknown_freq_is_refused(backend):
    with pytest.raises(ValueError, match="freq must be one of"):
        client_period_facts(backend(_sales()), freq="week")


def test_start_and_end_are_inclusive(backend):
    # 2024-01-10 .. 2024-03-05 keeps lines 1–4 of 007 and nothing of 042
    facts = client_facts(backend(_sales()), start="2024-01-10", end="2024-03-05")
    assert list(facts["client_id"]) == ["007"]
    assert facts.iloc[0]["revenue"] == 1400.0
    assert facts.iloc[0]["lines"] == 4


def test_end_includes_its_whole_day_even_with_times():
    sales = _sales()
    sales.loc[5, "date"] = pd.Timestamp("2024-06-15 17:30")
    # all lines but the one of 2025-02-01; the 17:30 line of the last day is kept
    assert len(between(sales, end="2024-06-15")) == 5
    assert len(between(sales, start="2024-06-15", end="2024-06-15")) == 1
    assert between(None, "2024-01-01") is None
    with pytest.raises(ValueError, match="after end"):
        between(sales, "2025-01-01", "2024-01-01")


def test_missing_optional_columns(backend):
    facts = client_facts(backend(_sales(cost=True, discount=True, doc_id=True, quantity=True)))
    a = facts.set_index("client_id").loc["007"]
    assert math.isnan(a["cost"]) and math.isnan(a["gross_margin"])  # no cost: unknown, not 0
    assert a["discount"] == 0.0  # no discount column: no discount
    assert a["list_revenue"] == 2200.0  # revenue + 0
    # no doc_id: orders = distinct days of non-return lines = 2024-01-10, 2025-02-01
    assert a["orders"] == 2
    assert a["returns"] == 300.0  # without quantity a return is a negative revenue


def test_partly_missing_doc_ids_fall_back_to_the_day(backend):
    sales = _sales()
    sales["doc_id"] = pd.array([None, None, "D2", "D3", "D1", "D9"], dtype="string")
    a = client_facts(backend(sales)).set_index("client_id").loc["007"]
    # lines 1–2 have no document: they are one order of 2024-01-10; plus D2 and (D1, 2025-02-01)
    assert a["orders"] == 3


def test_list_revenue_column_is_summed_when_present(backend):
    sales = _sales()
    sales["list_revenue"] = sales["revenue"] + sales["discount"] + 1.0
    a = client_facts(backend(sales)).set_index("client_id").loc["007"]
    assert a["list_revenue"] == 2555.0  # 2200 + 350 + 5 lines × 1


def test_empty_selection_has_the_right_columns(backend):
    facts = client_period_facts(backend(_sales()), start="2030-01-01")
    assert facts.empty
    assert list(facts.columns) == ["client_id", "period", *FACT_COLUMNS]
    assert list(client_facts(backend(_sales().iloc[0:0])).columns) == ["client_id", *FACT_COLUMNS]


def test_missing_required_column_is_a_clear_error(backend):
    with pytest.raises(KBDataError) as err:
        client_facts(backend(_sales().drop(columns=["revenue"])))
    assert "revenue" in err.value.message("en")
    assert "revenue" in err.value.message("ru")


def test_same_input_same_output(backend):
    shuffled = _sales().sample(frac=1.0, random_state=3)
    pd.testing.assert_frame_equal(client_period_facts(backend(shuffled)), client_period_facts(_sales()))


# --- client_orders: one row per order ------------------------------------------------------


def test_client_orders_one_row_per_document_and_day(backend):
    from kbcore.facts import client_orders

    sales = pd.DataFrame({
        "date": pd.to_datetime(["2024-01-10", "2024-01-10", "2024-01-10", "2024-02-01", "2024-02-05",
                                "2025-01-10"]),
        "client_id": ["1", "1", "1", "1", "1", "2"],
        "doc_id": ["D1", "D1", "D2", "D1", "R1", "D1"],
        "revenue": [100.0, 50.0, 30.0, 200.0, -40.0, 70.0],
        "cost": [60.0, None, 20.0, 150.0, -30.0, 50.0],
        "discount": [10.0, 0.0, 5.0, 0.0, 0.0, 0.0],
    })
    orders = client_orders(backend(sales))
    # client 1: D1 on 10 Jan (2 lines), D2 on 10 Jan, D1 again on 1 Feb (a new year's numbering
    # restart is the same case: the pair doc_id+date is the order); the return R1 is not an order
    assert list(zip(orders["client_id"], orders["doc_id"], orders["date"].dt.strftime("%m-%d"), strict=True)) == [
        ("1", "D1", "01-10"), ("1", "D2", "01-10"), ("1", "D1", "02-01"), ("2", "D1", "01-10")]
    first = orders.iloc[0]
    assert first["revenue"] == 150.0 and first["lines"] == 2
    assert first["cost"] == 60.0 and first["gross_margin"] == 90.0  # a line without cost counts 0
    assert first["list_revenue"] == 160.0  # revenue + discount without a list_revenue column
    # the number of orders per client equals `orders` of client_facts
    facts = client_facts(backend(sales)).set_index("client_id")["orders"]
    assert orders.groupby("client_id").size().to_dict() == facts.to_dict()


def test_client_orders_without_doc_id_counts_days_and_handles_empty(backend):
    from kbcore.facts import ORDER_COLUMNS, client_orders

    sales = pd.DataFrame({
        "date": pd.to_datetime(["2024-01-10", "2024-01-10", "2024-01-11"]),
        "client_id": ["1", "1", "1"],
        "revenue": [100.0, 50.0, 30.0],
    })
    orders = client_orders(backend(sales))
    assert orders["revenue"].tolist() == [150.0, 30.0]
    assert orders["cost"].isna().all()
    empty = client_orders(backend(sales), start="2030-01-01")
    assert list(empty.columns) == ORDER_COLUMNS and empty.empty


def test_as_of_date_is_the_parameter_or_the_last_sales_day_never_the_clock():
    from kbcore.facts import as_of_date

    sales = pd.DataFrame({"date": pd.to_datetime(["2024-01-10 00:00", "2024-03-05 14:30"]),
                          "client_id": ["1", "1"], "revenue": [1.0, 2.0]})
    assert as_of_date(sales) == pd.Timestamp("2024-03-05")
    assert as_of_date(sales, "2024-02-01 18:00") == pd.Timestamp("2024-02-01")
    assert as_of_date(sales.iloc[:0], "2024-02-01") == pd.Timestamp("2024-02-01")
    with pytest.raises(ValueError, match="pass as_of"):
        as_of_date(sales.iloc[:0])
