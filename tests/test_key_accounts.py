"""Block 7 key accounts («К.А.»): contribution, whale curve, losses, profile, flags, headroom.

Every expected number is worked out by hand in the comments.
"""

import math

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses.key_accounts import (
    CONTRIBUTION_COLUMNS,
    HEADROOM_COLUMNS,
    KA_CURVE_COLUMNS,
    KA_YEARLY_COLUMNS,
    KA_YEARLY_TOTAL_COLUMNS,
    LOSING_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_REASONS,
    ka_contribution,
    ka_flag_review,
    ka_headroom,
    ka_on_whale_curve,
    ka_profile,
    ka_yearly,
    key_account_ids,
    losing_key_accounts,
)
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.profile import client_features
from kbcore.analyses.profitability import client_pnl
from kbcore.facts import Facts


def _ids(values):
    return pd.array(values, dtype="string")


# --------------------------------------------------------------------------- fixtures
@pytest.fixture
def pnl():
    """A hand-made client P&L: A, B, C are key accounts (with Z, which has no sales)."""
    return pd.DataFrame(
        {
            "client_id": _ids(["A", "B", "C", "D", "E"]),
            "name": _ids(["Alpha", "Beta", "Gamma", "Delta", "Eps"]),
            "revenue": [1000.0, 500.0, 300.0, 200.0, 100.0],
            "gross_margin": [300.0, 100.0, -20.0, 80.0, 40.0],
            "cost_to_serve": [100.0, 150.0, 30.0, 20.0, 10.0],
            "profit": [200.0, -50.0, -50.0, 60.0, 30.0],
            "profit_margin": [0.2, -0.1, -50 / 300, 0.3, 0.3],
        }
    )


KA = ["A", " B", "C", "Z"]


@pytest.fixture
def sales():
    """Four clients over 2023–2024 (first day 2023-05-01, last 2024-06-01)."""
    return pd.DataFrame(
        {
            "client_id": _ids(["A", "A", "B", "C", "D"]),
            "date": pd.to_datetime(
                ["2023-06-01", "2024-03-01", "2024-06-01", "2023-05-01", "2024-01-10"]
            ),
            "doc_id": _ids(["1", "2", "3", "4", "5"]),
            "revenue": [1000.0, 400.0, 1200.0, 500.0, 100.0],
            "cost": [500.0, 300.0, 1000.0, 250.0, 50.0],
        }
    )


@pytest.fixture
def cards():
    return pd.DataFrame(
        {
            "client_id": _ids(["A", "B", "C", "D"]),
            "name": _ids(["Alpha", "Beta", "Gamma", "Delta"]),
            "key_account": pd.array([True, False, True, False], dtype="boolean"),
            "potential": [1000.0, 1000.0, 2000.0, np.nan],
        }
    )


# --------------------------------------------------------------------------- who
def test_key_account_ids_flags_and_edge_cases():
    clients = pd.DataFrame(
        {
            "client_id": _ids([" A ", "B", "C", "D", "D"]),
            "key_account": pd.array([True, False, None, True, True], dtype="boolean"),
        }
    )
    ids = key_account_ids(clients)
    assert list(ids) == ["A", "D"]  # stripped, unique, sorted
    assert ids.name == "client_id"
    # absent table, absent column, all unknown, none set → empty
    assert key_account_ids(None).empty
    assert key_account_ids(clients.drop(columns="key_account")).empty
    unknown = clients.assign(key_account=pd.array([None] * 5, dtype="boolean"))
    assert key_account_ids(unknown).empty
    assert key_account_ids(clients.assign(key_account=False)).empty
    # text flags as typed in a spreadsheet
    text = clients.assign(key_account=["да", "нет", None, "yes", "0"])
    assert list(key_account_ids(text)) == ["A", "D"]


# --------------------------------------------------------------------------- contribution
def test_ka_contribution_by_hand(pnl):
    out = ka_contribution(pnl, KA)
    assert list(out.columns) == CONTRIBUTION_COLUMNS
    assert list(out["measure"]) == ["revenue", "gross_margin", "profit"]
    rev, gm, profit = (out.iloc[i] for i in range(3))
    # revenue: total 1000+500+300+200+100 = 2100; K = A+B+C = 1800 → 1800/2100
    assert rev["total"] == 2100 and rev["key_accounts"] == 1800
    assert rev["share"] == pytest.approx(1800 / 2100)
    # gross margin: 300+100−20+80+40 = 500; K = 300+100−20 = 380 → 0.76
    assert gm["total"] == 500 and gm["key_accounts"] == 380
    assert gm["share"] == pytest.approx(0.76)
    # profit: 200−50−50+60+30 = 190; K = 200−50−50 = 100 → 100/190
    assert profit["total"] == 190 and profit["key_accounts"] == 100
    assert profit["share"] == pytest.approx(100 / 190)
    # 3 of 5 clients; Z is flagged but has no P&L row
    assert (out["ka_clients"] == 3).all() and (out["clients"] == 5).all()
    assert out["client_share"].eq(0.6).all()
    assert out.attrs["missing"] == ()
    assert out.attrs["ka_flagged"] == 4 and out.attrs["ka_without_sales"] == 1


def test_ka_contribution_no_cost_and_no_key_accounts(pnl):
    no_cost = pnl.assign(gross_margin=np.nan, profit=np.nan)
    out = ka_contribution(no_cost, KA).set_index("measure")
    assert out.loc["revenue", "share"] == pytest.approx(1800 / 2100)
    # an unknown measure is NaN, never 0
    assert out.loc[["gross_margin", "profit"], ["total", "key_accounts", "share"]].isna().all().all()
    assert out.attrs["missing"] == ("cost",)

    none = ka_contribution(pnl, [])
    assert none["key_accounts"].isna().all() and none["share"].isna().all()
    assert (none["ka_clients"] == 0).all()
    assert none["total"].tolist() == [2100, 500, 190]
    assert none.attrs["missing"] == ("key_accounts",)


def test_ka_contribution_nonpositive_total(pnl):
    # profit total −10 ≤ 0 → the share is undefined (NaN), the sums stay
    loss = pnl.assign(profit=[-100.0, 50.0, 20.0, 10.0, 10.0])
    row = ka_contribution(loss, KA).set_index("measure").loc["profit"]
    assert row["total"] == pytest.approx(-10) and row["key_accounts"] == pytest.approx(-30)
    assert math.isnan(row["share"])


# --------------------------------------------------------------------------- whale curve
def test_ka_on_whale_curve_by_hand(pnl):
    out = ka_on_whale_curve(pnl, KA)
    assert list(out.columns) == KA_CURVE_COLUMNS
    # ranked by profit: A 200 (1), D 60 (2), E 30 (3), B −50 (4), C −50 (5: tie, by id)
    # cum: 200, 260, 290, 240, 190; total 190
    assert list(out["client_id"]) == ["A", "B", "C", "Z"]
    assert out["rank"].tolist()[:3] == [1, 4, 5] and out["rank"].isna().iloc[3]
    assert out["cum_value"].tolist()[:3] == [200.0, 240.0, 190.0]
    assert out["cum_share"].tolist()[:3] == pytest.approx([200 / 190, 240 / 190, 1.0])
    assert out["client_share"].tolist()[:3] == pytest.approx([0.2, 0.8, 1.0])
    assert out["on_curve"].tolist() == [True, True, True, False]
    assert out.attrs["clients"] == 5 and out.attrs["total"] == pytest.approx(190)
    assert out.attrs["missing"] == ()


def test_ka_on_whale_curve_without_cost_or_key_accounts(pnl):
    out = ka_on_whale_curve(pnl.assign(profit=np.nan), KA)
    assert not out["on_curve"].any() and out["rank"].isna().all()
    assert out.attrs["missing"] == ("cost",)
    by_revenue = ka_on_whale_curve(pnl.assign(profit=np.nan), KA, measure="revenue")
    # revenue ranks: A 1000 (1), B 500 (2), C 300 (3); cum 1000, 1500, 1800 of 2100
    assert by_revenue["rank"].tolist()[:3] == [1, 2, 3]
    assert by_revenue["cum_share"].tolist()[:3] == pytest.approx([1000 / 2100, 1500 / 2100,
                                                                  1800 / 2100])
    empty = ka_on_whale_curve(pnl, [])
    assert empty.empty and empty.attrs["missing"] == ("key_accounts",)


# --------------------------------------------------------------------------- losses
def test_losing_key_accounts_by_hand(pnl):
    out = losing_key_accounts(pnl, KA)
    assert list(out.columns) == LOSING_COLUMNS
    # B: margin 100 − cts 150 = −50 (cost to serve eats it); C: margin −20 (below cost),
    # profit −50; tie on profit → by id. A (profit 200) is not listed, nor D (not a key account)
    assert list(out["client_id"]) == ["B", "C"]
    assert list(out["reason"]) == ["negative_profit", "negative_gross_margin"]
    assert out["profit"].tolist() == [-50.0, -50.0]
    assert out.attrs["loss"] == -100.0 and out.attrs["missing"] == ()
    # the biggest loss comes first
    worse = losing_key_accounts(pnl.assign(profit=[200.0, -10.0, -50.0, 60.0, 30.0]), KA)
    assert list(worse["client_id"]) == ["C", "B"]


def test_losing_key_accounts_edge_cases(pnl):
    no_cost = losing_key_accounts(pnl.assign(gross_margin=np.nan, profit=np.nan), KA)
    assert no_cost.empty and no_cost.attrs["missing"] == ("cost",)
    none = losing_key_accounts(pnl, [])
    assert none.empty and none.attrs["missing"] == ("key_accounts",)
    assert none.attrs["loss"] == 0.0


# --------------------------------------------------------------------------- profile
@pytest.fixture
def features():
    """K1, K2 profitable key accounts; K3 a losing one; N1 looks like K1/K2."""
    return pd.DataFrame(
        {
            "client_id": _ids(["K1", "K2", "K3", "N1", "N2", "N3"]),
            "name": _ids(["k1", "k2", "k3", "n1", "n2", "n3"]),
            "segment": _ids(["Retail", "Retail", "Industry", "Retail", "Industry", "Retail"]),
            "size": _ids(["large", "large", "small", "large", "small", "small"]),
            "products": [10.0, 8.0, 2.0, 9.0, 1.0, 3.0],
            "revenue": [100.0, 90.0, 50.0, 80.0, 20.0, 30.0],
        }
    )


@pytest.fixture
def profit():
    return pd.DataFrame(
        {
            "client_id": _ids(["K1", "K2", "K3", "N1", "N2", "N3"]),
            "profit": [50.0, 40.0, -10.0, 30.0, 5.0, 10.0],
        }
    )


def test_ka_profile_by_hand(features, profit):
    res = ka_profile(features, profit, ["K1", "K2", "K3"])
    # reference: the profitable key accounts K1, K2 (K3 loses money)
    assert list(res.reference) == ["K1", "K2"]
    assert res.measure == "profit" and res.missing == ()
    table = res.profile.table.set_index("trait")
    # segment: Retail 2/2 of the reference; rest K3, N1, N2, N3 → Retail 2/4; lift 2
    assert table.loc["segment", "typical"] == "Retail"
    assert table.loc["segment", "top_match"] == 1.0
    assert table.loc["segment", "rest_match"] == 0.5
    assert table.loc["segment", "lift"] == pytest.approx(2.0)
    # size: large 2/2; rest 1/4 (N1); lift 4
    assert table.loc["size", "lift"] == pytest.approx(4.0)
    # products: q25 of (8, 10) = 8 + 0.25 × 2 = 8.5; top 1/2 (10); rest 1/4 (N1: 9); lift 2
    assert table.loc["products", "bound"] == pytest.approx(8.5)
    assert table.loc["products", "top_match"] == 0.5
    assert table.loc["products", "lift"] == pytest.approx(2.0)
    assert table["used"].all()
    # scores: K1 3/3, N1 3/3, K2 2/3 (products 8 < 8.5), N3 1/3 (Retail), K3 0, N2 0
    scores = res.scores.set_index("client_id")
    assert scores.loc["K1", "score"] == 1.0 and scores.loc["N1", "score"] == 1.0
    assert scores.loc["K2", "score"] == pytest.approx(2 / 3)
    assert scores.loc["N3", "score"] == pytest.approx(1 / 3)
    assert scores.loc["K3", "score"] == 0.0 and scores.loc["N2", "score"] == 0.0
    assert scores["key_account"].to_dict() == {
        "K1": True, "N1": False, "K2": True, "N3": False, "K3": True, "N2": False}
    # the members keep the real profit, the reference is the profile's top
    members = res.profile.members.set_index("client_id")
    assert members.loc["K3", "measure"] == -10.0
    assert set(members.index[members["top"]]) == {"K1", "K2"}
    # medians of the real measure: top (50, 40) → 45; rest (−10, 30, 5, 10) → 7.5
    assert res.profile.groups.loc[0, "measure_top"] == 45.0
    assert res.profile.groups.loc[0, "measure_rest"] == 7.5
    # scores sorted: score desc, then profit desc → K1 (1, 50) before N1 (1, 30)
    assert list(res.scores["client_id"][:2]) == ["K1", "N1"]


def test_ka_profile_options_and_edge_cases(features, profit):
    # best_share 0.5 of 2 candidates → ceil(1) = the best one, K1
    assert list(ka_profile(features, profit, ["K1", "K2", "K3"], best_share=0.5).reference) == [
        "K1"]
    # with the losing one: K3 is the 3rd, all three form the reference
    assert len(ka_profile(features, profit, ["K1", "K2", "K3"], profitable_only=False).reference) == 3
    # ties on the measure: by client_id
    tied = profit.assign(profit=[40.0, 40.0, -10.0, 30.0, 5.0, 10.0])
    assert list(ka_profile(features, tied, ["K2", "K1"], best_share=0.5).reference) == ["K1"]
    # no profit known → ranked by revenue, "cost" missing
    # revenue 100, 90, 50: all three are candidates, ceil(0.5 × 3) = 2 → K1, K2
    by_rev = ka_profile(features, None, ["K1", "K2", "K3"], best_share=0.5)
    assert by_rev.measure == "revenue" and list(by_rev.reference) == ["K1", "K2"]
    assert by_rev.missing == ("cost",)
    # no key account flagged → no profile, NaN scores for every client, ids say why
    none = ka_profile(features, profit, [])
    assert none.profile is None and none.scores["score"].isna().all()
    assert len(none.scores) == 6 and not none.scores["key_account"].any()
    assert none.missing == ("key_accounts", "profile")
    # only losing key accounts → no reference
    assert ka_profile(features, profit, ["K3"]).missing == ("profile",)
    # every client a profitable key account: nothing to compare with
    everyone = ka_profile(features.iloc[:2], profit.iloc[:2], ["K1", "K2"])
    assert "rest" in everyone.missing and everyone.scores["score"].isna().all()
    # one client
    one = ka_profile(features.iloc[:1], profit.iloc[:1], ["K1"])
    assert list(one.reference) == ["K1"] and len(one.scores) == 1
    with pytest.raises(ValueError):
        ka_profile(features, profit, ["K1"], best_share=0)


# --------------------------------------------------------------------------- flag review
@pytest.fixture
def stages():
    return pd.DataFrame(
        {
            "client_id": _ids(["K1", "K2", "K3", "N1", "N4", "N5", "N6"]),
            "stage": _ids(["regular", "declining", "lost", "regular", "lost", "key", "new"]),
            "days_since_last": [5, 120, 400, 10, 500, 3, 20],
            "revenue_window": [100.0, 40.0, 0.0, 80.0, 0.0, 70.0, 30.0],
            "revenue_prev_window": [90.0, 100.0, 60.0, 70.0, 50.0, 60.0, 0.0],
        }
    )


@pytest.fixture
def scores():
    return pd.DataFrame(
        {
            "client_id": _ids(["K1", "K2", "K3", "K4", "N1", "N4", "N5", "N6", "N7"]),
            "score": [1.0, 0.75, 0.2, np.nan, 1.0, 1.0, 1.0, 0.75, 0.74],
            "matched": [4, 3, 1, 0, 3, 3, 2, 3, 3],
            "traits": [4, 4, 4, 0, 3, 3, 2, 4, 4],
        }
    )


def test_ka_flag_review_by_hand(scores, stages):
    out = ka_flag_review(scores, stages, ["K1", "K2", "K3", "K4"])
    assert list(out.columns) == REVIEW_COLUMNS
    # K3 lost, K2 declining, K4 flagged but never bought; N1 (1.0 on 3 traits) and N6
    # (0.75 on 4: the bound counts) fit. Not N4 (lost), N5 (2 traits < 3), N7 (0.74 < 0.75),
    # nor K1 (flagged, healthy)
    assert list(zip(out["client_id"], out["reason"], strict=True)) == [
        ("K3", "stale_lost"), ("K2", "stale_declining"), ("K4", "stale_no_sales"),
        ("N1", "unflagged_fit"), ("N6", "unflagged_fit")]
    row = out.set_index("client_id")
    assert row.loc["K3", "days_since_last"] == 400 and row.loc["K3", "revenue_prev_window"] == 60
    assert row.loc["K2", "revenue_window"] == 40 and row.loc["K2", "score"] == 0.75
    assert row.loc["K4", "stage"] is pd.NA or pd.isna(row.loc["K4", "stage"])
    assert row.loc["N6", "traits"] == 4 and not row.loc["N6", "key_account"]
    assert row.loc["K3", "key_account"]
    assert set(out["reason"]) <= set(REVIEW_REASONS)
    assert out.attrs["missing"] == ()
    # a looser rule lets N5 in; a stricter one drops N6
    assert "N5" in set(ka_flag_review(scores, stages, ["K1"], min_traits=2)["client_id"])
    assert "N6" not in set(ka_flag_review(scores, stages, ["K1"], fit_threshold=0.8)["client_id"])


def test_ka_flag_review_partial_inputs(scores, stages):
    stale_only = ka_flag_review(None, stages, ["K2", "K3"])
    assert list(stale_only["reason"]) == ["stale_lost", "stale_declining"]
    assert stale_only["score"].isna().all() and stale_only.attrs["missing"] == ("profile",)
    fit_only = ka_flag_review(scores, None, ["K1"])
    # without stages a lost client cannot be told: N4 is listed
    # K2 is not flagged here: 0.75 on 4 traits fits
    assert set(fit_only["client_id"]) == {"N1", "N4", "N6", "K2"}
    assert fit_only.attrs["missing"] == ("stages",)
    assert (fit_only["reason"] == "unflagged_fit").all()
    nothing = ka_flag_review(None, None, [])
    assert nothing.empty and list(nothing.columns) == REVIEW_COLUMNS
    assert nothing.attrs["missing"] == ("key_accounts", "profile", "stages")
    with pytest.raises(ValueError):
        ka_flag_review(scores, stages, [], fit_threshold=1.5)


# --------------------------------------------------------------------------- headroom
def test_ka_headroom_by_hand(sales, cards):
    out = ka_headroom(Facts(sales), cards, as_of="2024-12-31")
    assert list(out.columns) == HEADROOM_COLUMNS
    # window 2024-01-01 … 2024-12-31
    # A: potential 1000, sales 400 → headroom 600; rate (400−300)/400 = 0.25 → 150
    # B: potential 1000, sales 1200 → −200: over potential (kept, flagged); margin NaN
    # C: potential 2000, no sales in the window → 2000; rate from history 250/500 = 0.5 → 1000
    # D: potential unknown → NaN headroom; its rate 50/100 = 0.5 is known
    assert list(out["client_id"]) == ["C", "A", "B", "D"]
    row = out.set_index("client_id")
    assert row.loc["A", "headroom"] == 600 and row.loc["A", "headroom_margin"] == 150
    assert row.loc["A", "margin_rate"] == 0.25 and row.loc["A", "margin_rate_basis"] == "window"
    assert row.loc["A", "share_of_wallet"] == 0.4
    assert row.loc["B", "headroom"] == -200 and row.loc["B", "over_potential"]
    assert math.isnan(row.loc["B", "headroom_margin"])
    assert row.loc["B", "margin_rate"] == pytest.approx(200 / 1200)
    assert row.loc["C", "revenue_window"] == 0 and row.loc["C", "headroom"] == 2000
    assert row.loc["C", "margin_rate_basis"] == "history" and row.loc["C", "headroom_margin"] == 1000
    assert math.isnan(row.loc["D", "headroom"]) and not row.loc["D", "over_potential"]
    assert math.isnan(row.loc["D", "headroom_margin"]) and row.loc["D", "margin_rate"] == 0.5
    assert row["key_account"].to_dict() == {"C": True, "A": True, "B": False, "D": False}
    # sums leave out the unknown potential and the client over its potential
    assert out.attrs["headroom"] == 2600 and out.attrs["headroom_margin"] == 1150
    assert out.attrs["potential_unknown"] == 1 and out.attrs["over_potential"] == 1
    assert out.attrs["missing"] == ()
    assert out.attrs["window_start"] == pd.Timestamp("2024-01-01")


def test_ka_headroom_window_and_key_accounts(sales, cards):
    # 6 months to 2024-06-30: A 400 → 800 a year → headroom 200; B 1200 → 2400 → −1400
    out = ka_headroom(Facts(sales), cards, ["A", "B"], months=6, as_of="2024-06-30")
    row = out.set_index("client_id")
    assert row.loc["A", "revenue_year"] == 800 and row.loc["A", "headroom"] == 200
    assert row.loc["B", "headroom"] == -1400 and row.loc["B", "over_potential"]
    assert out.attrs["window_start"] == pd.Timestamp("2024-01-01")
    # a key account without sales nor card: revenue 0, potential unknown, name = its id
    z = ka_headroom(Facts(sales), cards, ["A", "Z"], as_of="2024-12-31").set_index("client_id")
    assert z.loc["Z", "revenue_window"] == 0 and math.isnan(z.loc["Z", "headroom"])
    assert z.loc["Z", "name"] == "Z" and z["key_account"].all()
    assert ka_headroom(Facts(sales), cards, []).attrs["missing"] == ("key_accounts",)
    with pytest.raises(ValueError):
        ka_headroom(Facts(sales), cards, months=0)


def test_ka_headroom_sales_only_and_no_cost(sales, cards):
    out = ka_headroom(Facts(sales), None, as_of="2024-12-31")
    assert len(out) == 4 and out["headroom"].isna().all() and out["potential"].isna().all()
    assert out["headroom_margin"].isna().all() and not out["key_account"].any()
    assert list(out["name"]) == list(out["client_id"])
    assert out.attrs["missing"] == ("potential",)
    assert math.isnan(out.attrs["headroom_margin"]) and out.attrs["headroom"] == 0
    no_cost = ka_headroom(Facts(sales.drop(columns="cost")), cards, as_of="2024-12-31")
    assert no_cost["margin_rate"].isna().all() and no_cost["headroom_margin"].isna().all()
    assert no_cost.set_index("client_id").loc["A", "headroom"] == 600
    assert no_cost.attrs["missing"] == ("cost",)


# --------------------------------------------------------------------------- by year
def test_ka_yearly_by_hand(sales):
    res = ka_yearly(Facts(sales), ["A", "C"])
    assert list(res.clients.columns) == KA_YEARLY_COLUMNS
    assert list(res.totals.columns) == KA_YEARLY_TOTAL_COLUMNS
    rows = res.clients.set_index(["client_id", "year"])
    # 2023: A 1000 (margin 500), C 500 (250) of 1500; 2024: A 400 (100), C nothing, of 1700
    assert rows.loc[("A", 2023), "margin_rate"] == 0.5
    assert rows.loc[("A", 2023), "revenue_share"] == pytest.approx(1000 / 1500)
    assert rows.loc[("A", 2024), "margin_rate"] == 0.25
    assert rows.loc[("A", 2024), "revenue_share"] == pytest.approx(400 / 1700)
    assert rows.loc[("C", 2024), "revenue"] == 0 and math.isnan(rows.loc[("C", 2024), "margin_rate"])
    t = res.totals.set_index("year")
    # months: 2023 from May (8), 2024 to June (6)
    assert t["months"].tolist() == [8, 6]
    assert t["ka_clients"].tolist() == [2, 1]
    assert t.loc[2023, "revenue_share"] == 1.0 and t.loc[2023, "margin_share"] == 1.0
    # 2024: 400 of 1700; margin 100 of 100+200+50 = 350
    assert t.loc[2024, "revenue_share"] == pytest.approx(400 / 1700)
    assert t.loc[2024, "margin_share"] == pytest.approx(100 / 350)
    assert t.loc[2024, "margin_rate_ka"] == 0.25
    assert t.loc[2024, "margin_rate_all"] == pytest.approx(350 / 1700)
    assert res.missing == ()


def test_ka_yearly_edge_cases(sales):
    none = ka_yearly(Facts(sales), [])
    assert none.clients.empty and none.missing == ("key_accounts",)
    assert none.totals["revenue_ka"].isna().all() and none.totals["revenue_all"].tolist() == [
        1500.0, 1700.0]
    no_cost = ka_yearly(Facts(sales.drop(columns="cost")), ["A"])
    assert no_cost.clients["margin_rate"].isna().all()
    assert no_cost.totals["margin_share"].isna().all() and no_cost.missing == ("cost",)
    assert no_cost.totals["revenue_ka"].tolist() == [1000.0, 400.0]


# --------------------------------------------------------------------------- sales only
def test_sales_only_export_runs_through(sales):
    """No clients table, no cost, no interactions: every function answers and says why."""
    facts = Facts(sales.drop(columns="cost"))
    ka = key_account_ids(None)
    assert ka.empty
    pnl = client_pnl(facts)
    assert ka_contribution(pnl, ka).attrs["missing"] == ("key_accounts", "cost")
    assert ka_on_whale_curve(pnl, ka).attrs["missing"] == ("key_accounts", "cost")
    assert losing_key_accounts(pnl, ka).empty
    features = client_features(facts)
    prof = ka_profile(features, pnl, ka)
    assert prof.profile is None and prof.missing == ("key_accounts", "cost", "profile")
    stages = client_stages(facts)
    review = ka_flag_review(prof.scores, stages, ka)
    assert review.empty and review.attrs["missing"] == ("key_accounts",)
    head = ka_headroom(facts, None)
    assert head["headroom"].isna().all()
    assert set(head.attrs["missing"]) == {"potential", "cost"}
    assert ka_yearly(facts, ka).missing == ("key_accounts", "cost")
    # a clients table with names only: no flag, no potential, no segment
    bare = pd.DataFrame({"client_id": _ids(["A", "B"]), "name": _ids(["Alpha", "Beta"])})
    assert key_account_ids(bare).empty
    named = ka_headroom(facts, bare).set_index("client_id")
    assert named.loc["A", "name"] == "Alpha" and named["headroom"].isna().all()
    assert "potential" in named.attrs["missing"]
    assert ka_profile(client_features(facts, bare), pnl, key_account_ids(bare)).profile is None


# --------------------------------------------------------------------------- demo company
def test_demo_invariants(demo_dataset):
    ds = demo_dataset
    facts = Facts.of(ds)
    ka = key_account_ids(ds.clients)
    assert len(ka) > 0 and ka.isin(ds.clients["client_id"].str.strip()).all()
    pnl = client_pnl(facts, ds.clients, ds.interactions)

    contrib = ka_contribution(pnl, ka).set_index("measure")
    assert contrib.attrs["missing"] == ()
    shares = contrib["share"].dropna()
    assert len(shares) == 3
    assert ((contrib.loc[["revenue", "gross_margin"], "share"] >= 0)
            & (contrib.loc[["revenue", "gross_margin"], "share"] <= 1)).all()
    assert contrib.loc["revenue", "total"] == pytest.approx(pnl["revenue"].sum())
    ka_rev = pnl.loc[pnl["client_id"].isin(ka), "revenue"].sum()
    assert contrib.loc["revenue", "key_accounts"] == pytest.approx(ka_rev)
    assert 0 < contrib.loc["revenue", "client_share"] < 1

    curve = ka_on_whale_curve(pnl, ka)
    assert set(curve["client_id"]) == set(ka)
    on = curve.loc[curve["on_curve"]]
    assert on["rank"].between(1, len(pnl)).all() and on["rank"].is_monotonic_increasing

    losing = losing_key_accounts(pnl, ka)
    assert losing["client_id"].isin(ka).all()
    assert ((losing["profit"] < 0) | (losing["gross_margin"] < 0)).all()

    features = client_features(facts, ds.clients, ds.products)
    prof = ka_profile(features, pnl, ka)
    assert prof.profile is not None and prof.reference.isin(ka).all()
    assert prof.scores["score"].dropna().between(0, 1).all()
    assert len(prof.scores) == len(features)
    # the reference key accounts match their own profile better than the other clients
    ref = prof.scores["client_id"].isin(prof.reference)
    assert prof.scores.loc[ref, "score"].mean() > prof.scores.loc[~ref, "score"].mean()

    review = ka_flag_review(prof.scores, client_stages(facts, ds.clients), ka)
    stale = review["reason"].str.startswith("stale")
    assert review.loc[stale, "client_id"].isin(ka).all()
    assert not review.loc[~stale, "client_id"].isin(ka).any()
    assert (review.loc[~stale, "score"] >= 0.75).all()
    assert not review["client_id"].duplicated().any()

    head = ka_headroom(facts, ds.clients, ka)
    assert set(head["client_id"]) == set(ka)
    known = head["headroom"].notna()
    assert head.loc[known, "headroom"].to_numpy() == pytest.approx(
        (head.loc[known, "potential"] - head.loc[known, "revenue_year"]).to_numpy())
    assert (head["over_potential"] == (head["headroom"] < 0)).all()
    assert head["margin_rate"].dropna().between(-1, 1).all()

    yearly = ka_yearly(facts, ka)
    t = yearly.totals
    assert t["revenue_share"].between(0, 1).all()
    per_year = yearly.clients.groupby("year")["revenue"].sum()
    assert per_year.to_numpy() == pytest.approx(t.set_index("year")["revenue_ka"].to_numpy())
    assert t["revenue_all"].sum() == pytest.approx(float(facts.clients()["revenue"].sum()))
