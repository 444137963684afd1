"""Block 8 · where key accounts come from: market cells and candidates (kbcore.analyses.ka_sources)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses.ka_sources import (
    CANDIDATE_COLUMNS,
    MARKET_CELL_COLUMNS,
    ka_candidates,
    ka_market_cells,
)
from kbcore.facts import Facts
from kbcore.schema import C


def _sales():
    """One line per client inside 2025 (the window), one older line for A.

    Revenue in the window (2025): A 100, B 300, C 50, D 0 (D bought in 2023 only), E 40.
    """
    rows = [("2025-03-01", "A", 100.0), ("2023-05-01", "A", 999.0), ("2025-06-01", "B", 300.0),
            ("2025-09-01", "C", 50.0), ("2023-02-01", "D", 70.0), ("2025-12-31", "E", 40.0)]
    df = pd.DataFrame(rows, columns=[C.date, C.client_id, C.revenue])
    df[C.date] = pd.to_datetime(df[C.date])
    df["cost"] = df[C.revenue] * 0.75
    return df


def _clients():
    return pd.DataFrame({
        C.client_id: ["A", "B", "C", "D", "E"],
        C.name: ["Alfa", "Beta", "Gamma", "Delta", "Eps"],
        C.segment: ["Ind", "Ind", "Ret", "Ret", "Ind"],
        C.region: ["North", "North", "North", "South", "South"],
        C.potential: [1000.0, 400.0, np.nan, 2000.0, 100.0],
        C.key_account: [True, False, False, False, False],
    })


def _market():
    # (Ind, North): 10 companies × 500; (Ret, South): 4 × 1000; (Ret, East): 3 × 200 — a white spot
    return pd.DataFrame({C.segment: ["Ind", "Ret", "Ret"], C.region: ["North", "South", "East"],
                         C.companies: [10, 4, 3], C.consumption_per_company: [500.0, 1000.0, 200.0]})


@pytest.fixture
def facts():
    return Facts(_sales(), as_of="2025-12-31")


# --------------------------------------------------------------------------- market cells
def test_market_cells_hand_computed(facts):
    out = ka_market_cells(facts, _clients(), _market())
    assert list(out.columns) == MARKET_CELL_COLUMNS
    cell = out.set_index([C.segment, C.region])
    ind_n = cell.loc[("Ind", "North")]
    # our clients A, B; active both; key accounts A; prospects 10 − 2 = 8
    assert (ind_n["our_clients"], ind_n["active_clients"], ind_n["key_accounts"]) == (2, 2, 1)
    assert ind_n["prospects"] == 8
    # market volume 10 × 500 = 5000; our revenue 100 + 300 = 400; share 400 / 5000 = 0.08
    assert ind_n["market_volume"] == 5000 and ind_n["our_revenue"] == 400
    assert ind_n["market_share"] == pytest.approx(0.08)
    # potential 1000 + 400 = 1400; headroom (1000 − 100) + max(400 − 300, 0) = 1000
    assert ind_n["potential"] == 1400 and ind_n["headroom"] == 1000
    # opportunity = headroom 1000 + prospects' volume 8 × 500 = 5000
    assert ind_n["opportunity"] == 5000
    ret_s = cell.loc[("Ret", "South")]  # D: potential 2000, no purchase in the window
    assert ret_s["our_clients"] == 1 and ret_s["active_clients"] == 0
    assert ret_s["headroom"] == 2000 and ret_s["prospect_volume"] == 3 * 1000
    assert ret_s["opportunity"] == 5000
    east = cell.loc[("Ret", "East")]
    assert bool(east["white_spot"]) and east["our_clients"] == 0 and east["opportunity"] == 600
    assert math.isnan(east["potential"]) and math.isnan(east["headroom"])
    # C (Ret, North) and E (Ind, South) are outside the market table
    ret_n = cell.loc[("Ret", "North")]
    assert not ret_n["in_market"] and math.isnan(ret_n["market_volume"])
    assert math.isnan(ret_n["potential"]) and ret_n["potential_known"] == 0  # C's potential unknown
    assert out.attrs["clients_outside_market"] == 2
    # ranked by opportunity: the two cells of 5000 first (tie: market volume 5000 vs 4000)
    assert list(out["rank"]) == list(range(1, len(out) + 1))
    assert (out[C.segment].iloc[0], out[C.region].iloc[0]) == ("Ind", "North")
    assert out.attrs["missing"] == []


def test_market_cells_fit_is_copied_from_market_matches(facts):
    matches = pd.DataFrame({C.segment: ["Ind"], C.region: ["North"], "fit": [1.5]})
    out = ka_market_cells(facts, _clients(), _market(), matches=matches).set_index([C.segment, C.region])
    assert out.loc[("Ind", "North"), "fit"] == 1.5
    assert math.isnan(out.loc[("Ret", "South"), "fit"])


def test_market_cells_without_market_table_say_so(facts):
    out = ka_market_cells(facts, _clients(), None)
    assert "market" in out.attrs["missing"]
    assert out["market_volume"].isna().all() and not out["in_market"].any()
    assert out["our_revenue"].sum() == pytest.approx(490.0)  # our figures stay


def test_market_cells_sales_only(facts):
    out = ka_market_cells(facts, None, None)
    # one cell "unknown · unknown" with every buying client; no market, no potential
    assert len(out) == 1 and out["our_clients"].iloc[0] == 5
    assert math.isnan(out["potential"].iloc[0]) and math.isnan(out["opportunity"].iloc[0])
    assert set(out.attrs["missing"]) >= {"market", "clients", "potential", "segment", "region",
                                         "key_accounts"}


def test_market_cells_months_annualise(facts):
    # a 6-month window (Jul–Dec 2025): C 50 and E 40 in it → our revenue a year = 2 × 90 = 180
    out = ka_market_cells(facts, _clients(), _market(), months=6)
    assert out["our_revenue"].sum() == pytest.approx(180.0)
    with pytest.raises(ValueError, match="months"):
        ka_market_cells(facts, _clients(), _market(), months=0)


# --------------------------------------------------------------------------- candidates
def test_candidates_hand_computed(facts):
    # known potentials 1000, 400, 2000, 100 → quartile 0.75 = 1250 (linear: 1000 + 0.25 × 1000)
    res = ka_candidates(facts, _clients())
    assert res.min_potential == pytest.approx(1250.0)
    # D: potential 2000 ≥ 1250, share 0 / 2000 = 0 < 0.3, not a key account → the only candidate
    assert list(res.table[C.client_id]) == ["D"]
    assert list(res.table.columns) == CANDIDATE_COLUMNS
    assert res.table["headroom"].iloc[0] == 2000 and res.table["rank"].iloc[0] == 1
    # C's potential is unknown: not a candidate, counted
    assert res.potential_unknown == 1
    cl = res.clients.set_index(C.client_id)
    assert pd.isna(cl.loc["C", "high_potential"]) and not cl.loc["C", "candidate"]
    assert cl.loc["A", "key_account"] and not cl.loc["A", "candidate"]  # a key account already
    assert "profile" in res.missing and "potential" not in res.missing


def test_candidates_thresholds_as_parameters(facts):
    # min potential 300: A is a key account; B share 300 / 400 = 0.75 ≥ 0.3; D candidate (2000)
    res = ka_candidates(facts, _clients(), min_potential=300)
    assert list(res.table[C.client_id]) == ["D"]
    # a max share of 0.8 lets B in (headroom 400 − 300 = 100), ranked after D (2000)
    res = ka_candidates(facts, _clients(), min_potential=300, max_share=0.8)
    assert list(res.table[C.client_id]) == ["D", "B"]
    assert list(res.table["headroom"]) == [2000, 100]
    with pytest.raises(ValueError):
        ka_candidates(facts, _clients(), max_share=0)


def test_candidates_profile_score_and_no_key_accounts(facts):
    clients = _clients().assign(**{C.key_account: False})
    scores = pd.DataFrame({C.client_id: ["D", "A"], "score": [0.75, 1.0]})
    res = ka_candidates(facts, clients, min_potential=900, profile_match=scores)
    # no key account flagged: A (1000, share 0.1) and D (2000, share 0) both qualify
    assert list(res.table[C.client_id]) == ["D", "A"]
    assert list(res.table["profile_score"]) == [0.75, 1.0]
    assert "key_accounts" in res.missing


def test_candidates_all_potential_missing(facts):
    clients = _clients().assign(**{C.potential: np.nan})
    res = ka_candidates(facts, clients)
    assert res.table.empty and res.min_potential is None
    assert res.potential_unknown == 4  # every client but the key account A


def test_candidates_sales_only(facts):
    res = ka_candidates(facts, None)
    assert res.table.empty and res.min_potential is None
    assert {"potential", "clients", "key_accounts"} <= set(res.missing)
    assert len(res.clients) == 5 and res.clients["potential"].isna().all()


# --------------------------------------------------------------------------- demo
def test_demo_invariants(demo_dataset):
    facts = Facts.of(demo_dataset)
    cells = ka_market_cells(facts, demo_dataset.clients, demo_dataset.market)
    shares = cells["market_share"].dropna()
    assert ((shares >= 0) & (shares <= 1)).all()
    assert cells["our_clients"].sum() >= len(demo_dataset.clients)  # every card is in one cell
    kas = demo_dataset.clients[C.key_account].fillna(False).astype(bool).sum()
    assert cells["key_accounts"].sum() == kas
    assert (cells["prospects"].dropna() >= 0).all()
    res = ka_candidates(facts, demo_dataset.clients)
    assert len(res.table) > 0
    ids = set(demo_dataset.clients[C.client_id])
    assert set(res.table[C.client_id]) <= ids
    assert (res.table["share_of_wallet"] < res.max_share).all()
    assert (res.table["potential"] >= res.min_potential).all()
    assert res.table["headroom"].is_monotonic_decreasing
