"""Block 3 · customer equity: a 3-client, 2-year case by hand, edge cases and the demo.

The hand case (cost-to-serve rates all 0, so profit = revenue − cost):

======  =====================  =====================
client  2023                   2024
======  =====================  =====================
A       revenue 100, cost 50   revenue 300, cost 100  → profit 200
B       revenue 100, cost 50   revenue 100, cost 130  → profit −30
C       revenue 100, cost 50   —
======  =====================  =====================

Retention at 2024-12-31: A and B of the 3 buyers of 2023 bought again → r = 2/3.
H = 2, d = 0.1: multiplier = (2/3)/1.1 + (2/3)²/1.1² = 0.606061 + 0.367309 = 0.973370.
CLV A = 200 × 0.973370 = 194.674; CLV B = −30 × 0.973370 = −29.2011;
equity = 165.473, equity_positive = 194.674. At 2023-12-31 there is no previous year: NaN.
"""

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses import customer_equity as E
from kbcore.analyses.profitability import CostToServeRates, client_pnl
from kbcore.facts import Facts

ZERO = CostToServeRates(per_order=0, per_delivery=0, per_visit=0, credit_rate=0)
MULT = (2 / 3) / 1.1 + (2 / 3) ** 2 / 1.1**2


def _sales(cost=True):
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2023-03-01", "2023-04-01", "2023-05-01", "2024-03-01",
                                "2024-04-01"]),
        "client_id": pd.array(["A", "B", "C", "A", "B"], dtype="string"),
        "revenue": [100.0, 100.0, 100.0, 300.0, 100.0],
        "cost": [50.0, 50.0, 50.0, 100.0, 130.0],
    })
    return frame if cost else frame.drop(columns=["cost"])


def _run(**kw):
    kw = {"as_of": "2024-12-31", "horizon_years": 2, "discount_rate": 0.1, "rates": ZERO} | kw
    return E.customer_equity(Facts(_sales()), **kw)


def test_multiplier_by_hand():
    assert E.clv_multiplier(2 / 3, horizon_years=2, discount_rate=0.1) == pytest.approx(0.973370, abs=1e-6)
    # r = 1, d = 0, H = 5 → five years of profit
    assert E.clv_multiplier(1.0, horizon_years=5, discount_rate=0.0) == pytest.approx(5.0)
    assert np.isnan(E.clv_multiplier(np.nan))


def test_three_clients_two_years():
    res = _run()
    y = res.by_year.set_index("year")
    assert list(y.index) == [2023, 2024]
    assert y.loc[2023, "clients"] == 3 and np.isnan(y.loc[2023, "retention"])
    assert np.isnan(y.loc[2023, "equity"])
    assert y.loc[2023, "annual_profit"] == 150                         # 3 × 50
    assert y.loc[2024, "clients"] == 2
    assert y.loc[2024, "retention"] == pytest.approx(2 / 3)
    assert y.loc[2024, "annual_profit"] == 170                         # 200 − 30
    assert y.loc[2024, "equity"] == pytest.approx(170 * MULT)          # 165.473
    assert y.loc[2024, "equity_positive"] == pytest.approx(200 * MULT)  # 194.674
    c = res.clients.set_index("client_id")
    assert list(c.index) == ["A", "B"]                                 # CLV descending
    assert c.loc["A", "clv"] == pytest.approx(194.674, abs=1e-3)
    assert c.loc["B", "clv"] == pytest.approx(-29.2011, abs=1e-4)     # a loss-maker kept
    assert c["clv"].sum() == pytest.approx(y.loc[2024, "equity"])
    assert res.missing == ()


def test_profit_is_block1_client_profit():
    # with the default rates, A's 2024 profit is block 1's: 200 − 1 order × 1500 − 1 delivery × 2500
    res = _run(rates=None)
    facts = Facts(_sales())
    pnl = client_pnl(facts, start="2024-01-01", end="2024-12-31").set_index("client_id")
    assert res.clients.set_index("client_id").loc["A", "annual_profit"] == pnl.loc["A", "profit"] == -3800


def test_retention_by_segment():
    clients = pd.DataFrame({"client_id": pd.array(["A", "B", "C"], dtype="string"),
                            "segment": pd.array(["S1", "S1", "S2"], dtype="string")})
    # S1: A and B both bought again → r = 1: 1/1.1 + 1/1.21 = 1.735537; A's CLV 347.107
    res = _run(clients=clients, retention_by="segment", min_base=1)
    c = res.clients.set_index("client_id")
    assert c.loc["A", "retention"] == 1.0
    assert c.loc["A", "clv"] == pytest.approx(200 * (1 / 1.1 + 1 / 1.21))
    # the segment base (2) below min_base (3): the overall rate 2/3
    res = _run(clients=clients, retention_by="segment", min_base=3)
    assert res.clients["retention"].tolist() == pytest.approx([2 / 3, 2 / 3])
    # no segments at all: the overall rate, and "segment" is missing
    res = _run(retention_by="segment")
    assert "segment" in res.missing


def test_sales_only_without_cost():
    res = E.customer_equity(Facts(_sales(cost=False)), as_of="2024-12-31", horizon_years=2,
                            discount_rate=0.1, rates=ZERO)
    assert res.by_year["equity"].isna().all()
    assert res.clients["clv"].isna().all()
    assert "cost" in res.missing
    # retention is still measured: it needs only the sales
    assert res.by_year["retention"].iloc[-1] == pytest.approx(2 / 3)


def test_first_year_only_and_bad_arguments():
    res = E.customer_equity(Facts(_sales()), as_of="2023-12-31", rates=ZERO)
    assert list(res.by_year["year"]) == [2023]
    assert "retention" in res.missing
    with pytest.raises(ValueError):
        _run(by="quarter")
    with pytest.raises(ValueError):
        _run(horizon_years=0)


def test_demo_invariants(demo_dataset):
    facts = Facts.of(demo_dataset)
    res = E.customer_equity(facts, demo_dataset.clients, demo_dataset.interactions)
    y = res.by_year
    assert list(y["year"]) == [2021, 2022, 2023, 2024, 2025]
    later = y.iloc[1:]
    assert later["retention"].between(0, 1).all()
    assert (later["equity_positive"] >= later["equity"]).all()
    assert later["equity"].notna().all()
    assert res.clients["clv"].sum() == pytest.approx(y["equity"].iloc[-1])
    assert len(res.clients) == y["clients"].iloc[-1]
    # the yearly profit is block 1's (README truth 1: 2025 profit 23.4 M)
    assert y["annual_profit"].iloc[-1] / 1e6 == pytest.approx(23.4, abs=0.05)
    assert res.missing == ()
