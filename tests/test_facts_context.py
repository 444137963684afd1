"""The facts context: one reduction of the sales lines, every window and period answered from it."""

import pandas as pd
import pandas.testing as pdt
import pytest

from kbcore.facts import (
    Facts,
    client_facts,
    client_orders,
    client_period_facts,
    documents,
    reductions,
)
from tests.test_facts import BACKENDS, _sales, to_backend


@pytest.fixture(params=BACKENDS)
def backend(request):
    """A function that hands canonical pandas sales over to one backend (parametrised)."""
    return lambda sales: to_backend(sales, request.param)


def test_documents_by_hand(backend):
    docs = Facts(backend(_sales())).documents
    pdt.assert_frame_equal(docs, documents(_sales()))
    # 007: 2024-01-10 D1 (2 lines), D2; 2024-03-05 D3 (return); 2025-02-01 D1. 042: 2024-06-15 D9
    assert len(docs) == 5
    d1 = docs.loc[(docs["client_id"] == "007") & (docs["doc_id"] == "D1")
                  & (docs["date"] == "2024-01-10")].iloc[0]
    assert d1["revenue"] == 1500.0 and d1["cost"] == 900.0 and d1["lines"] == 2
    assert d1["discount"] == 100.0 and not d1["is_return"] and d1["returns"] == 0.0
    ret = docs.loc[docs["doc_id"] == "D3"].iloc[0]
    assert ret["is_return"] and ret["returns"] == 300.0 and ret["revenue"] == -300.0


def test_one_reduction_answers_every_window(backend):
    sales = _sales()
    before = reductions()
    facts = Facts(backend(sales))
    whole = facts.clients()
    year = facts.periods("year")
    month = facts.periods("month", start="2024-01-01", end="2024-12-31")
    window = facts.clients(start="2024-02-01", end="2024-12-31")
    orders = facts.orders(end="2024-12-31")
    assert reductions() - before == 1
    assert facts.clients() is whole  # kept, not recomputed
    # the same numbers as the stand-alone reductions
    pdt.assert_frame_equal(whole, client_facts(sales))
    pdt.assert_frame_equal(year, client_period_facts(sales, freq="year"))
    pdt.assert_frame_equal(month, client_period_facts(sales, freq="month", start="2024-01-01",
                                                       end="2024-12-31"))
    pdt.assert_frame_equal(window, client_facts(sales, start="2024-02-01", end="2024-12-31"))
    pdt.assert_frame_equal(orders, client_orders(sales, end="2024-12-31"))
    # by hand: 007 in [2024-02-01, 2024-12-31] has only the return; 042 its one order
    w = window.set_index("client_id")
    assert w.loc["007", "revenue"] == -300.0 and w.loc["007", "orders"] == 0
    assert w.loc["007", "returns"] == 300.0 and pd.isna(w.loc["007", "first_date"])
    assert w.loc["042", "orders"] == 1 and w.loc["042", "deliveries"] == 1


def test_the_period_limits_every_window(backend):
    facts = Facts(backend(_sales()), start="2024-01-01", end="2024-12-31")
    assert facts.clients().set_index("client_id").loc["007", "revenue"] == 1400.0  # 1700 − 300
    assert facts.clients(end="2030-01-01").equals(facts.clients())
    assert facts.as_of == pd.Timestamp("2024-06-15")  # the period's last sales day


def test_the_analysis_date_rule(backend):
    assert Facts(backend(_sales())).as_of == pd.Timestamp("2025-02-01")
    assert Facts(backend(_sales()), as_of="2024-12-31 15:00").as_of == pd.Timestamp("2024-12-31")
    empty = Facts(backend(_sales()), start="2030-01-01")
    assert not empty.has_sales and empty.clients().empty and empty.orders().empty
    with pytest.raises(ValueError, match="as_of"):
        _ = empty.as_of


def test_same_numbers_as_the_stand_alone_functions_on_the_demo(demo_dataset):
    sales = demo_dataset.sales
    facts = Facts(sales)
    pdt.assert_frame_equal(facts.clients(), client_facts(sales))
    pdt.assert_frame_equal(facts.periods("quarter"), client_period_facts(sales, freq="quarter"))
    pdt.assert_frame_equal(facts.orders(), client_orders(sales))
