"""Topic 5 (program 004) · share of wallet: hand-computed cases, edge cases, views, charts, widget."""

from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore.analyses import share_of_wallet as sw  # noqa: E402
from kbcore.analyses.ka_portfolio import portfolio_measures  # noqa: E402
from kbcore.charts import share_of_wallet as ch  # noqa: E402
from kbcore.errors import KBDataError  # noqa: E402
from kbcore.facts import Facts  # noqa: E402
from kbcore.schema import C  # noqa: E402
from kbcore.views import share_of_wallet as v  # noqa: E402
from kbcore.views.figures import is_missing, key_figures_table  # noqa: E402
from kbcore.widgets.share_of_wallet import growth_explorer  # noqa: E402

AS_OF = pd.Timestamp("2025-12-31")
S1, S2 = "Автосервизи", "Транспорт"


def _sales() -> pd.DataFrame:
    rows = [  # date, client, revenue, quantity (litres), product
        ("2023-01-10", "A", 999.0, 99.0, "P1"),   # before the window: first purchase of A
        ("2025-03-01", "A", 100.0, 10.0, "P1"),
        ("2025-06-01", "A", 50.0, 5.0, "P1"),
        ("2025-05-01", "B", 200.0, 20.0, "P1"),
        ("2024-06-30", "C", 300.0, 30.0, "P1"),   # C bought only before the window
        ("2025-12-31", "D", 400.0, 40.0, "P1"),
    ]
    return pd.DataFrame({
        C.date: pd.to_datetime([r[0] for r in rows]),
        C.client_id: pd.array([r[1] for r in rows], dtype="string"),
        C.revenue: [r[2] for r in rows],
        C.quantity: [r[3] for r in rows],
        C.product_id: pd.array([r[4] for r in rows], dtype="string"),
    })


def _clients() -> pd.DataFrame:
    return pd.DataFrame({
        C.client_id: pd.array(["A", "B", "C", "D", "E"], dtype="string"),
        C.name: pd.array(["Алфа ООД", "Бета ЕООД", "Вега АД", "Гама ООД", "Делта ЕООД"], dtype="string"),
        C.segment: pd.array([S1, S1, S2, S2, S2], dtype="string"),
        C.wallet: [500.0, np.nan, 600.0, 0.0, 1000.0],
        C.potential: [1000.0, 800.0, np.nan, 0.0, np.nan],
        C.wallet_units: [50.0, np.nan, np.nan, np.nan, np.nan],
        C.potential_units: [np.nan, 100.0, np.nan, np.nan, np.nan],
        C.suppliers_used: [np.nan, np.nan, 2.0, np.nan, 1.0],
        C.our_rank: [np.nan, np.nan, 1.0, np.nan, 1.0],
    })


def _products() -> pd.DataFrame:
    return pd.DataFrame({C.product_id: pd.array(["P1"], dtype="string"), C.unit: ["л"]})


def _surveys() -> pd.DataFrame:
    return pd.DataFrame({
        C.date: pd.to_datetime(["2024-01-01", "2025-06-01", "2025-03-01", "2025-02-01"]),
        C.client_id: pd.array(["A", "A", "B", "C"], dtype="string"),
        C.csat: [2.0, 5.0, 3.0, 4.0],
        C.nps: [3.0, 9.0, 5.0, 8.0],
        C.suppliers_used: [3.0, 2.0, np.nan, 4.0],
        C.our_rank: [2.0, 1.0, np.nan, 5.0],   # C's answer is impossible (5th of 4)
    })


def _loyalty() -> pd.DataFrame:
    return pd.DataFrame({C.client_id: pd.array(["A", "E"], dtype="string"),
                         C.joined: pd.to_datetime(["2024-01-01", "2026-01-05"])})  # E joins after as_of


@pytest.fixture()
def shares() -> pd.DataFrame:
    return sw.client_shares(Facts(_sales(), as_of=AS_OF), _clients(), _products())


def _row(frame: pd.DataFrame, cid: str) -> pd.Series:
    return frame.set_index(C.client_id).loc[cid]


# --------------------------------------------------------------------------- the formulas
def test_wallet_share_formula():
    # 150 / 500 = 0.3; base 0 or NaN → NaN; a share above 1 is kept (the caller flags it)
    assert sw.wallet_share(150, 500) == pytest.approx(0.3)
    assert math.isnan(sw.wallet_share(1, 0))
    assert math.isnan(sw.wallet_share(1, np.nan))
    assert sw.wallet_share(600, 500) == pytest.approx(1.2)
    s = sw.wallet_share(pd.Series([1.0, 2.0], index=["x", "y"]), pd.Series([4.0, -1.0], index=["x", "y"]))
    assert s["x"] == 0.25 and math.isnan(s["y"])
    assert np.allclose(sw.wallet_share(np.array([1.0, 3.0]), 4.0), [0.25, 0.75])


@pytest.mark.parametrize(("rank", "n", "expected"), [
    (1, 1, 1.0),                    # (1 − 1/2) × 2/1
    (1, 2, 2 / 3), (2, 2, 1 / 3),   # (1 − 1/3) × 1, (1 − 2/3) × 1
    (1, 3, 0.5), (2, 3, 1 / 3), (3, 3, 1 / 6),  # (1 − r/4) × 2/3
])
def test_wallet_allocation_rule_by_hand(rank, n, expected):
    assert sw.war_share(rank, n) == pytest.approx(expected)


@pytest.mark.parametrize("n", range(1, 11))
def test_wallet_allocation_rule_shares_sum_to_one(n):
    # Σ_r (1 − r/(n+1)) × 2/n = (n − n/2) × 2/n = 1
    assert float(np.sum(sw.war_share(np.arange(1, n + 1), np.full(n, n)))) == pytest.approx(1.0)


def test_wallet_allocation_rule_rejects_impossible_ranks():
    out = sw.war_share(pd.Series([0, 3, 1, np.nan, 1.5]), pd.Series([2, 2, 0, 2, 2]))
    assert out.isna().all()


def test_rank_correlation_by_hand():
    # ranks d = 0, 1, 1, 0 → rho = 1 − 6·2 / (4·15) = 0.8;
    # t = 0.8 √(2 / 0.36) = 1.8856, 2 d.f.: p = 1 − t / √(t² + 2) = 1 − 0.8 = 0.2
    r = sw.rank_correlation([1, 2, 3, 4], [1, 3, 2, 4])
    assert r["n"] == 4 and r["rho"] == pytest.approx(0.8) and r["p_value"] == pytest.approx(0.2)
    # pairs with a NaN are left out; fewer than 3 pairs or a constant measure: NaN
    assert math.isnan(sw.rank_correlation([1, 2, np.nan], [1, 2, 3])["rho"])
    assert math.isnan(sw.rank_correlation([1, 2, 3], [5, 5, 5])["rho"])


# --------------------------------------------------------------------------- per client
def test_client_shares_by_hand(shares):
    s = shares.set_index(C.client_id)
    # revenue in 2025: A 100 + 50, B 200, C 0 (2024 only), D 400, E 0 (a prospect)
    assert s["revenue_12m"].to_dict() == {"A": 150.0, "B": 200.0, "C": 0.0, "D": 400.0, "E": 0.0}
    # base: A wallet 500; B no wallet → potential 800; C wallet 600; D 0 and 0 → none; E wallet 1000
    assert s["basis"].fillna("-").to_dict() == {"A": "wallet", "B": "potential", "C": "wallet",
                                                "D": "-", "E": "wallet"}
    assert s.loc["A", "share"] == pytest.approx(150 / 500)
    assert s.loc["B", "share"] == pytest.approx(200 / 800)
    assert s.loc["C", "share"] == 0.0 and s.loc["E", "share"] == 0.0
    assert math.isnan(s.loc["D", "share"])
    assert not s.loc["A", "over_base"]
    # volume in litres: A 10 + 5 over wallet_units 50; B 20 over potential_units 100
    assert shares.attrs["unit"] == "л"
    assert s.loc["A", "quantity_12m"] == 15 and s.loc["A", "share_units"] == pytest.approx(0.3)
    assert s.loc["B", "share_units"] == pytest.approx(0.2) and s.loc["B", "basis_units"] == "potential"
    assert math.isnan(s.loc["C", "share_units"])
    # tenure: A 2023-01-10 → 2025-12-31 = 731 + 355 = 1086 days; B 244 days; D 0
    assert s.loc["A", "tenure_years"] == pytest.approx(1086 / 365.25)
    assert s.loc["B", "tenure_years"] == pytest.approx(244 / 365.25)
    assert s.loc["D", "tenure_years"] == 0.0 and math.isnan(s.loc["E", "tenure_years"])
    assert s.loc["A", C.name] == "Алфа ООД"
    assert shares.attrs["missing"] == []
    assert list(shares.columns) == sw.SHARE_COLUMNS


def test_chosen_clients_get_the_same_rows(shares):
    some = sw.client_shares(Facts(_sales(), as_of=AS_OF), _clients(), _products(), client_ids=[" E", "A"])
    pd.testing.assert_frame_equal(some.reset_index(drop=True),
                                  shares.loc[shares[C.client_id].isin(["A", "E"])].reset_index(drop=True))


def test_volume_measure_in_the_map_and_the_plan(shares):
    # in litres: A 15 / 50 = .3, B 20 / 100 = .2; the others have no base in units
    m = sw.share_wallet_map(shares, measure="units")
    assert sorted(m.clients[C.client_id]) == ["A", "B"] and m.size_cuts == (75.0,)
    plan = sw.growth_plan(shares, target_share=0.5, measure="units").set_index(C.client_id)
    # (.5 − .3) × 50 = 10 l; (.5 − .2) × 100 = 30 l
    assert plan["headroom"].to_dict() == pytest.approx({"B": 30.0, "A": 10.0})


def test_share_above_the_base_is_flagged():
    cl = _clients().assign(**{C.wallet: [100.0, np.nan, 600.0, 0.0, 1000.0]})
    s = sw.client_shares(Facts(_sales(), as_of=AS_OF), cl, _products())
    a = _row(s, "A")
    assert a["share"] == pytest.approx(1.5) and bool(a["over_base"])
    assert sw.share_summary(s)["over_base"] == 1


def test_the_one_formula_matches_the_key_account_portfolio():
    # on the potential basis the share is block 7's share_of_wallet, client by client
    facts = Facts(_sales(), as_of=AS_OF)
    ours = sw.client_shares(facts, _clients(), bases=("potential",)).set_index(C.client_id)
    theirs = portfolio_measures(facts, _clients()).set_index(C.client_id)
    pd.testing.assert_series_equal(ours["share"], theirs["share_of_wallet"].reindex(ours.index),
                                   check_names=False)


def test_summary_and_distribution_by_hand(shares):
    s = sw.share_summary(shares)
    # shares known: A .3, B .25, C 0, E 0 → median (0 + .25)/2, mean .55/4; Σ ours / Σ base = 350 / 2900
    assert s[["clients", "with_share", "on_wallet", "on_potential", "no_base", "active"]].tolist() == [
        5, 4, 3, 1, 1, 2]
    assert s["median"] == pytest.approx(0.125) and s["mean"] == pytest.approx(0.1375)
    assert s["weighted"] == pytest.approx(350 / 2900)
    d = sw.share_distribution(shares)
    # C, E in [0, 10 %); A (.3) and B (.25, on the cut → the upper band) in [25 %, 50 %)
    assert d["clients"].tolist() == [2, 0, 2, 0, 0]
    assert d["reading"].tolist() == list(sw.BAND_READINGS)
    # bought elsewhere: C 600 + E 1000; A 500 − 150 + B 800 − 200
    assert d["headroom"].tolist() == [1600.0, 0.0, 950.0, 0.0, 0.0]
    assert d["client_share"].iloc[0] == 0.5
    u = sw.share_summary(shares, measure="units")
    assert u["with_share"] == 2 and u["weighted"] == pytest.approx((15 + 20) / (50 + 100))


def test_map_by_hand(shares):
    m = sw.share_wallet_map(shares)
    # size cut = median of the bases 500, 800, 600, 1000 = 700; share cut 50 %
    assert m.size_cuts == (700.0,) and m.share_cuts == (0.5,)
    cells = m.clients.set_index(C.client_id)["cell"].to_dict()
    assert cells == {"A": "low_low", "B": "high_low", "C": "low_low", "E": "high_low"}
    grow = m.cells.set_index("cell").loc["high_low"]
    assert grow["action"] == "grow_share" and grow["clients"] == 2
    # B 800 − 200 + E 1000 − 0; share 200 / 1800
    assert grow["headroom"] == 1600.0 and grow["share"] == pytest.approx(200 / 1800)
    m3 = sw.share_wallet_map(shares, grid=3, size_cuts=(550, 900))
    # A 500 → low; C 600, B 800 → mid; E 1000 → high. Shares: A .3 mid (25–50 %), B .25 mid (on the cut)
    assert m3.clients.set_index(C.client_id)["cell"].to_dict() == {
        "A": "low_mid", "B": "mid_mid", "C": "mid_low", "E": "high_low"}
    assert len(m3.cells) == 9


def test_loyalty_link_by_hand(shares):
    link = sw.loyalty_link(shares, surveys=_surveys(), loyalty=_loyalty())
    t = link.tenure.set_index("group")
    # A 2.97 y and C 1.50 y in 1–3; B 0.67 y under 1; E never bought (no tenure)
    assert t["clients"].to_dict() == {"0-1": 1, "1-3": 2, "3-5": 0, "5+": 0}
    assert t.loc["1-3", "mean"] == pytest.approx(0.15) and t.loc["1-3", "weighted"] == pytest.approx(150 / 1100)
    # latest answers: A csat 5 / nps 9 (2025), B 3 / 5, C 4 / 8
    assert link.csat.set_index("group")["clients"].to_dict() == {3.0: 1, 4.0: 1, 5.0: 1}
    nps = link.nps.set_index("group")
    assert nps["clients"].to_dict() == {"detractor": 1, "passive": 1, "promoter": 1}
    assert nps.loc["promoter", "mean"] == pytest.approx(0.3)
    mem = link.membership.set_index("group")
    # A is a member; E joined after as_of: not yet
    assert mem["clients"].to_dict() == {"member": 1, "non_member": 3}
    assert mem.loc["non_member", "mean"] == pytest.approx(0.25 / 3)
    c = link.correlations.set_index("measure")
    # share vs tenure over A, B, C: ranks (3, 2, 1) vs (3, 1, 2): Σd² = 2 → rho = 1 − 12/24 = 0.5
    assert c.loc["tenure_years", "n"] == 3 and c.loc["tenure_years", "rho"] == pytest.approx(0.5)
    # share vs member over A, B, C, E: ranks x (4, 3, 1.5, 1.5), y (4, 2, 2, 2): 3 / √(4.5·3)
    assert c.loc["member", "rho"] == pytest.approx(3 / math.sqrt(13.5))
    assert link.missing == ()


def test_latest_answer_takes_rank_and_suppliers_together():
    sv = pd.DataFrame({C.date: pd.to_datetime(["2025-01-01", "2025-02-01"]),
                       C.client_id: ["A", "A"], C.suppliers_used: [3.0, 4.0], C.our_rank: [2.0, np.nan]})
    a = sw.latest_answers(sv, columns=(C.suppliers_used, C.our_rank)).set_index(C.client_id)
    # the February answer has no rank: the pair comes from January
    assert a.loc["A", C.suppliers_used] == 3 and a.loc["A", C.our_rank] == 2


def test_war_estimates_and_comparison_by_hand(shares):
    w = sw.war_estimates(_clients(), _surveys()).set_index(C.client_id)
    # A: latest survey 1st of 2 → 2/3; C: the survey (5th of 4) comes first and is impossible;
    # E: the clients table, 1st of 1 → 1
    assert w.loc["A", "war_share"] == pytest.approx(2 / 3) and w.loc["A", "source"] == "surveys"
    assert not w.loc["C", "valid"] and w.loc["C", "source"] == "surveys"
    assert w.loc["E", "war_share"] == 1.0 and w.loc["E", "source"] == "clients"
    est = sw.war_estimates(_clients(), _surveys())
    assert est.attrs["invalid"] == 1
    cmp = sw.war_vs_actual(shares, est)
    # pairs on the wallet basis: A (.3, 2/3), E (0, 1) → |diff| (0.3667 + 1) / 2
    assert cmp.n == 2 and cmp.pairs[C.client_id].tolist() == ["A", "E"]
    assert cmp.mean_abs_diff == pytest.approx((2 / 3 - 0.3 + 1) / 2)
    assert cmp.mean_diff == pytest.approx(cmp.mean_abs_diff)
    assert math.isnan(cmp.rho)  # two pairs cannot give a correlation
    from_clients = sw.war_estimates(_clients(), _surveys(), sources=("clients",)).set_index(C.client_id)
    assert from_clients.loc["C", "war_share"] == pytest.approx(2 / 3)


def test_growth_plan_with_a_target_by_hand(shares):
    plan = sw.growth_plan(shares, target_share=0.4)
    # headroom = (0.4 − share) × base: E 0.4·1000, C 0.4·600, B 0.15·800, A 0.1·500
    assert plan[C.client_id].tolist() == ["E", "C", "B", "A"]
    assert plan["headroom"].tolist() == pytest.approx([400, 240, 120, 50])
    assert plan["rank"].tolist() == [1, 2, 3, 4]
    assert plan["cum_headroom"].iloc[-1] == pytest.approx(810) == plan.attrs["total"]
    seg = sw.growth_plan(shares, target_share=0.4, segment=S2)
    assert seg[C.client_id].tolist() == ["E", "C"] and seg.attrs["total"] == pytest.approx(640)


def test_growth_plan_from_peers_by_hand(shares):
    plan = sw.growth_plan(shares, min_peers=2).set_index(C.client_id)
    # peers with sales: A .3, B .25 (both in S1) → 75th percentile .25 + .75·.05 = .2875;
    # S2 has no active peer → the same percentile over all active clients
    assert plan.loc["A", "target"] == pytest.approx(0.2875) and plan.loc["A", "target_source"] == "segment"
    assert plan.loc["C", "target_source"] == "all"
    # A is above its target (0); B (.2875 − .25)·800; C .2875·600; E .2875·1000
    assert plan["headroom"].to_dict() == pytest.approx({"E": 287.5, "C": 172.5, "B": 30.0, "A": 0.0})
    assert plan.attrs["clients_to_grow"] == 3


@pytest.mark.parametrize(("call", "name"), [
    (lambda s: sw.growth_plan(s, target_share=1.5), "target_share"),
    (lambda s: sw.growth_plan(s, quantile=1.0), "quantile"),
    (lambda s: sw.share_distribution(s, cuts=(0.5, 0.2)), "cuts"),
    (lambda s: sw.share_wallet_map(s, grid=4), "grid"),
    (lambda s: sw.share_wallet_map(s, actions={"high_low": "grow_share"}), "actions"),
    (lambda s: sw.loyalty_link(s, tenure_bands=(3, 1)), "tenure_bands"),
])
def test_bad_parameters_are_explained(shares, call, name):
    with pytest.raises(KBDataError) as err:
        call(shares)
    assert name in err.value.message("bg") and "Поправете" in err.value.message("bg")


# --------------------------------------------------------------------------- degrading honestly
def test_sales_only_frame_says_what_it_needs():
    sales = _sales()[[C.date, C.client_id, C.revenue]]
    facts = Facts(sales, as_of=AS_OF)
    s = sw.client_shares(facts)
    assert s["share"].isna().all() and set(s.attrs["missing"]) == {"clients", "sales.quantity"}
    assert sw.share_distribution(s)["clients"].sum() == 0
    assert sw.growth_plan(s).attrs["total"] == 0
    assert len(sw.share_wallet_map(s).clients) == 0
    link = sw.loyalty_link(s)
    assert set(link.missing) == {"surveys", "loyalty"}
    w = sw.war_estimates()
    assert set(w.attrs["missing"]) == {"surveys.our_rank", "clients.our_rank"}
    cmp = sw.war_vs_actual(s, w)
    assert cmp.n == 0 and "clients.wallet" in cmp.missing
    rows = v.share_of_wallet_figures(s, "bg", plan=sw.growth_plan(s), war=cmp, link=link,
                                     share_map=sw.share_wallet_map(s))
    assert all(is_missing(r.value) for r in rows)
    assert v.t("share_of_wallet.need.quantity", "en") in v.units_note(s, "en")


def test_missing_wallet_column_falls_back_to_potential():
    cl = _clients().drop(columns=[C.wallet, C.wallet_units])
    s = sw.client_shares(Facts(_sales(), as_of=AS_OF), cl, _products())
    assert "clients.wallet" in s.attrs["missing"]
    assert set(s["basis"].dropna()) == {"potential"}
    assert _row(s, "A")["share"] == pytest.approx(150 / 1000)


def test_mixed_units_are_not_summed():
    sales = _sales()
    sales.loc[sales[C.client_id] == "B", C.product_id] = "P2"
    prods = pd.DataFrame({C.product_id: ["P1", "P2"], C.unit: ["л", "кг"]})
    s = sw.client_shares(Facts(sales, as_of=AS_OF), _clients(), prods)
    assert "units.mixed" in s.attrs["missing"] and s["share_units"].isna().all()
    assert s["share"].notna().sum() == 4  # the value share is still there
    assert "единици" in v.units_note(s, "bg")


def test_one_client_and_empty_sales():
    one = _sales().loc[lambda d: d[C.client_id] == "A"]
    s = sw.client_shares(Facts(one, as_of=AS_OF), _clients().iloc[:1], _products())
    assert len(s) == 1 and _row(s, "A")["share"] == pytest.approx(0.3)
    assert sw.rank_correlation(s["share"], s["tenure_years"])["n"] == 1
    empty = _sales().iloc[:0]
    e = sw.client_shares(Facts(empty, as_of=AS_OF))
    assert len(e) == 0 and "clients" in e.attrs["missing"]
    assert sw.growth_plan(e).empty


def test_russian_demo_company_degrades_honestly(demo_dataset):
    ds = demo_dataset
    facts = Facts.of(ds)
    s = sw.client_shares(facts, ds.clients, ds.products)
    # no wallet (the potential is the base), no unit of measure, no supplier ranking
    assert "clients.wallet" in s.attrs["missing"] and "products.unit" in s.attrs["missing"]
    assert set(s["basis"].dropna()) == {"potential"} and s["share"].notna().sum() > 100
    assert s["share_units"].isna().all()
    war = sw.war_vs_actual(s, sw.war_estimates(ds.clients, ds.surveys))
    assert war.n == 0
    link = sw.loyalty_link(s, surveys=ds.surveys, loyalty=ds.loyalty)
    assert link.missing == () and link.membership["clients"].sum() == s["share"].notna().sum()
    plan = sw.growth_plan(s)
    assert plan.attrs["total"] > 0 and (plan["headroom"] >= 0).all()
    rows = v.share_of_wallet_figures(s, "bg", currency="EUR", plan=plan, war=war, link=link,
                                     share_map=sw.share_wallet_map(s))
    by = {r.label: r for r in rows}
    assert is_missing(by[v.t("share_of_wallet.kf.on_wallet", "bg")].value)
    assert is_missing(by[v.t("share_of_wallet.kf.war_gap", "bg")].value)
    assert not is_missing(by[v.t("share_of_wallet.kf.weighted", "bg")].value)


# --------------------------------------------------------------------------- views
_ALLOWED_LATIN = {"csat", "NPS", "wallet", "unit", "wallet_units", "potential_units", "suppliers_used",
                  "our_rank", "potential", "loyalty"}


def _latin_words(texts) -> set[str]:
    return {w for text in texts for w in re.findall(r"[A-Za-z_]{2,}", str(text))} - _ALLOWED_LATIN


def _all_texts(shares, lang):
    link = sw.loyalty_link(shares, surveys=_surveys(), loyalty=_loyalty())
    plan = sw.growth_plan(shares, target_share=0.4)
    cmp = sw.war_vs_actual(shares, sw.war_estimates(_clients(), _surveys()))
    smap = sw.share_wallet_map(shares)
    frames = [v.shares_table(shares, lang), v.distribution_table(sw.share_distribution(shares), lang),
              v.reading_guide_table(lang), v.map_table(smap, lang), v.correlation_table(link, lang),
              v.war_table(cmp, lang), v.growth_table(plan, lang),
              key_figures_table(v.share_of_wallet_figures(shares, lang, share_map=smap, plan=plan, war=cmp,
                                                          link=link), lang)]
    frames += [v.group_table(getattr(link, k), k, lang) for k in ("tenure", "csat", "nps", "membership")]
    texts = [v.basis_note(shares, lang), v.units_note(shares, lang), v.war_text(cmp, lang),
             v.growth_text(plan, lang)]
    for f in frames:
        texts += list(f.columns) + [x for col in f.columns for x in f[col]]
    return frames, texts


def test_views_in_bulgarian_have_no_english_word(shares):
    _frames, texts = _all_texts(shares, "bg")
    assert _latin_words(texts) == set()


def test_views_in_bulgarian_by_hand(shares):
    table = v.shares_table(shares, "bg")
    base = v.t("share_of_wallet.col.base", "bg")
    # largest base first: E 1000 (wallet), B 800 (potential), C 600, A 500
    assert table[base].tolist() == ["1\xa0000\xa0€", "800\xa0€", "600\xa0€", "500\xa0€"]
    assert table[v.t("share_of_wallet.col.basis", "bg")].tolist()[:2] == ["общи покупки", "потенциал"]
    assert table[v.t("share_of_wallet.col.share", "bg")].tolist()[-1] == "30,0%"
    assert v.t("share_of_wallet.col.share_units", "bg") in table.columns
    plan = sw.growth_plan(shares, target_share=0.4)
    text = v.growth_text(plan, "bg")
    assert "810\xa0€" in text and "4 клиента" in text and "40%" in text
    note = v.basis_note(shares, "bg")
    assert "4 клиента от 5 клиента" in note and "1 клиент спрямо потенциала" in note
    link = sw.loyalty_link(shares, surveys=_surveys(), loyalty=_loyalty())
    tenure = v.group_table(link.tenure, "tenure", "bg")
    assert tenure.iloc[:, 0].tolist() == ["под 1 година", "1–3 години", "3–5 години", "5 години и повече"]
    corr = v.correlation_table(link, "bg").iloc[0, 1]
    assert "0,50" in corr and "3 клиента" in corr
    war = v.war_text(sw.war_vs_actual(shares, sw.war_estimates(_clients(), _surveys())), "bg")
    assert "2 клиента" in war and "68,3%" in war and "p = —" in war


def test_views_in_english_by_hand(shares):
    table = v.shares_table(shares, "en", currency="EUR")
    assert table["Client's purchases of the category"].iloc[0] == "€\xa01,000"
    dist = v.distribution_table(sw.share_distribution(shares), "en")
    assert dist["Share band"].tolist()[0] == "0% – 10%" and dist["Share band"].tolist()[-1] == "75% and more"
    assert v.cell_label("high_low", "en") == "large wallet, small share"
    assert v.action_label("grow_share", "en") == "grow the share"
    assert "clients.wallet" in v.NEEDS


def test_correlation_text_strength_and_verdict():
    row = {"measure": "nps", "n": 40, "rho": -0.42, "p_value": 0.0004}
    assert v.correlation_text(row, "en") == (
        "likelihood to recommend (NPS): a moderate link, the share falls as it rises "
        "(Spearman's ρ = -0.42, p < 0.001, 40 clients; unlikely to be chance)").replace("-0.42", "−0.42")
    row = {"measure": "csat", "n": 2, "rho": float("nan"), "p_value": float("nan")}
    assert "too few" in v.correlation_text(row, "en")


# --------------------------------------------------------------------------- charts
def test_map_chart_artists(shares):
    m = sw.share_wallet_map(shares)
    ax = ch.plot_share_map(m, lang="bg", currency="EUR")
    grow = [c for c in ax.collections if c.get_gid() == "action:grow_share"][0]
    assert len(grow.get_offsets()) == 2
    assert ax.get_xscale() == "log"
    cuts = [ln for ln in ax.lines if ln.get_gid() == "size_cut"]
    assert len(cuts) == 1 and cuts[0].get_xdata()[0] == 700
    assert ax.get_title(loc="left") == v.t("share_of_wallet.chart.map.title", "bg")
    plt.close("all")


def test_bar_and_war_chart_artists(shares):
    link = sw.loyalty_link(shares, surveys=_surveys(), loyalty=_loyalty())
    ax = ch.plot_share_by_group(link, "tenure", lang="bg")
    assert len(ax.patches) == 4
    counts = [a.get_text() for a in ax.texts if a.get_gid() == "counts"]
    assert counts == ["1 клиент", "2 клиенти", "0 клиенти", "0 клиенти"]
    assert ax.patches[1].get_height() == pytest.approx(0.15)  # median of .3 and 0
    ax = ch.plot_share_by_group(link.membership, "membership", lang="en")
    assert len(ax.patches) == 2
    cmp = sw.war_vs_actual(shares, sw.war_estimates(_clients(), _surveys()))
    ax = ch.plot_war_vs_actual(cmp, lang="en")
    diag = [ln for ln in ax.lines if ln.get_gid() == "diagonal"][0]
    assert list(diag.get_xdata()) == [0, 1] and list(diag.get_ydata()) == [0, 1]
    pts = [c for c in ax.collections if c.get_gid() == "clients"][0].get_offsets()
    assert np.allclose(np.asarray(pts), [[0.3, 2 / 3], [0.0, 1.0]])
    ax = ch.plot_share_distribution(sw.share_distribution(shares), lang="en")
    assert [p.get_height() for p in ax.patches] == [2, 0, 2, 0, 0]
    plt.close("all")


def test_charts_on_empty_results_say_so():
    e = sw.client_shares(Facts(_sales().iloc[:0], as_of=AS_OF))
    for ax in (ch.plot_share_map(sw.share_wallet_map(e), lang="bg"),
               ch.plot_share_by_group(sw.loyalty_link(e), "membership", lang="bg"),
               ch.plot_war_vs_actual(sw.war_vs_actual(e, sw.war_estimates()), lang="bg"),
               ch.plot_share_distribution(sw.share_distribution(e), lang="bg")):
        assert [a for a in ax.texts if a.get_gid() == "empty"]
    plt.close("all")


# --------------------------------------------------------------------------- widget
def test_growth_widget(shares):
    box = growth_explorer(shares, target_share=0.4, peers=False, lang="bg")
    assert box.current.attrs["total"] == pytest.approx(810)
    assert "810\xa0€" in box.summary.value and "Делта ЕООД" in box.table.value
    box.segment.value = S2
    assert box.current.attrs["total"] == pytest.approx(640)
    box.target.value = 0.5
    assert box.current.attrs["total"] == pytest.approx(0.5 * 600 + 0.5 * 1000)
    box.segment.value = None
    box.peers.value = True
    assert box.target.disabled and box.current.attrs["target_share"] is None
