"""The Bulgarian demo company's planted truths (data/demo_bg/README.md), found through the functions
program 004's workbooks use (tests/test_demo_bg.py checks the files themselves with plain pandas)."""

from __future__ import annotations

import pytest

import kbcore
from kbcore.analyses import abc_three as a3
from kbcore.analyses import clv
from kbcore.analyses import market_potential as mp
from kbcore.analyses import sales_drilldown as sd
from kbcore.analyses import share_of_wallet as sw
from kbcore.analyses.profitability import client_pnl, rates_for
from kbcore.facts import Facts

Y2024, Y2025 = ("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-12-31")


@pytest.fixture(scope="module")
def bg():
    ds = kbcore.load(None, demo="bg")
    return ds, Facts.of(ds)


def test_loaded_in_euro_with_the_leva_history_converted(bg):
    ds, facts = bg
    assert ds.currency == "EUR" and set(ds.sales["currency"].unique()) == {"EUR"}
    assert str(facts.as_of.date()) == "2026-06-30"
    converted = [i for i in ds.quality.issues if i.code == "currency.converted"]
    assert {i.table for i in converted} == {"sales", "targets"}


def test_truth1_varna_and_burgas_are_the_white_spots(bg):
    ds, facts = bg
    potential = mp.build_up(ds.market, ds.clients)
    shares = mp.territory_shares(potential, mp.our_sales(facts, ds.clients, ds.products, as_of="2025-12-31"))
    spots = set(shares.loc[shares["white_spot"], "region"])
    assert spots == {"Варна", "Бургас"}
    top2 = shares.sort_values("market_share", ascending=False)["region"].head(2).tolist()
    assert set(top2) == {"София (столица)", "Пловдив"}


def test_truth2_large_clients_with_large_potential_and_a_small_share(bg):
    ds, facts = bg
    classes = a3.abc_three(facts, ds.clients, ds.products, end="2025-12-31")
    aa = classes[(classes["sales_class"] == "A") & (classes["potential_class"] == "A")]
    small = aa[(aa["share_base"] == "wallet") & (aa["share"] < 0.25)]
    assert len(small) >= 10  # README: 16 researched clients at 12-25 % of their wallet
    assert (classes["combination"] == "A-A-C").sum() >= 10
    assert ((classes["sales_class"] == "C") & (classes["potential_class"] == "A")).sum() >= 35
    assert small["strategy"].isin(["grow_share"]).mean() > 0.5


def test_truth3_the_industrial_line_hides_a_volume_loss_behind_prices(bg):
    ds, facts = bg
    bridge = sd.variance_bridge(facts, ds.products, ds.clients, period0=Y2024, period1=Y2025,
                                level="business_line").set_index("item")
    industry = bridge.loc["Индустрия"]
    assert industry["change"] > 0 and industry["volume"] < 0 and industry["price"] > -industry["volume"]
    for line in ("Автомобилни масла и течности", "Транспорт и агро"):
        assert bridge.loc[line, "volume"] > 0
    parts = bridge.loc["total", ["volume", "mix", "price", "new", "lost", "other"]].sum()
    assert parts == pytest.approx(bridge.loc["total", "change"], rel=1e-9)
    clients = sd.variance_clients(facts, ds.products, ds.clients, period0=Y2024, period1=Y2025,
                                  path={"business_line": "Индустрия"})
    top = sd.top_contributors(clients, "volume", 4)
    assert top["client_id"].iloc[0] == "К00464"  # the foundry that moved to a competitor
    assert "К00510" in set(top["client_id"])  # the second planted loser (README: the top four)


def test_truth4_declining_clients_weigh_less_than_their_average_and_bgnbd_fits(bg):
    ds, facts = bg
    yearly = clv.client_yearly_value(facts, ds.clients, ds.interactions, rates=rates_for(ds.currency),
                                     measure="revenue")
    value = clv.weighted_client_value(yearly).set_index("client_id")
    wide = yearly.pivot(index="client_id", columns="year", values="value").fillna(0.0)
    early, late = wide[[2021, 2022]].mean(axis=1), wide[[2024, 2025]].mean(axis=1)
    large = wide.mean(axis=1) >= wide.mean(axis=1).quantile(0.8)
    decliners = wide.index[large & (late < 0.4 * early)]
    assert len(decliners) >= 15
    assert (value.loc[decliners, "weighted_value"] < value.loc[decliners, "mean_value"]).all()
    summary = clv.clv_summary(facts, unit="W", end="2025-12-31")
    model = clv.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    assert model.repeat_buyers >= 900 and model.unit == "W"
    alive = model.p_alive(summary["frequency"], summary["recency"], summary["T"])
    assert (alive < 0.5).sum() >= 100  # the dormant clients


def test_client_profit_in_euro_is_plausible(bg):
    ds, facts = bg
    pnl = client_pnl(facts, ds.clients, ds.interactions, rates=rates_for(ds.currency), start=Y2025[0], end=Y2025[1])
    assert 0.05 < (pnl["profit"] < 0).mean() < 0.3  # some loss-making clients, not all (rouble rates would)
    assert 0 < pnl["profit"].sum() < pnl["gross_margin"].sum()


def test_truth5_share_of_wallet_grows_with_tenure_and_membership_and_the_war_agrees(bg):
    ds, facts = bg
    shares = sw.client_shares(facts, ds.clients, ds.products, as_of="2025-12-31")
    link = sw.loyalty_link(shares, surveys=ds.surveys, loyalty=ds.loyalty, as_of="2025-12-31")
    rho = link.correlations.set_index("measure")
    assert rho.loc["tenure_years", "rho"] > 0.15 and rho.loc["tenure_years", "p_value"] < 0.01
    members = link.membership.set_index("group")
    assert members.loc["member", "median"] > members.loc["non_member", "median"]
    war = sw.war_estimates(ds.clients, ds.surveys, as_of="2025-12-31")
    compared = sw.war_vs_actual(shares, war)
    assert compared.n >= 300 and compared.rho >= 0.45  # 0.48 as of 2025-12-31 (0.69 on the last 12 months)


def test_truth7_the_loyalty_programmes_uplift_lies_in_the_matched_estimates_interval(bg):
    """Topic 8: members against comparable never-members, 12 months before and after joining.

    The planted uplift (×1.12 on a member's orders) lies in the estimate's 95 % interval, which
    excludes 0; the naive comparison of members with non-members lies above the interval.
    """
    from kbcore.analyses import loyalty_programme as lp
    from kbcore.demo.bg.company import LOYALTY_UPLIFT

    ds, facts = bg
    effect = lp.programme_effect(facts, ds.loyalty, ds.clients)
    low, high = effect.ci_low / effect.pre_mean, effect.ci_high / effect.pre_mean
    assert effect.n >= 200
    assert 0 < low <= LOYALTY_UPLIFT <= high
    assert effect.naive / effect.pre_mean > high  # self-selection: the naive figure overstates


def test_truth9_the_market_segment_differs_in_order_frequency_the_territory_does_not(bg):
    """Topic 6: the workbook's review of the candidate segmentations (review_segmentations).

    By market segment the clients' orders a year differ beyond chance (Kruskal–Wallis, small p); by
    territory no behaviour measure does, so the territory fails "differentiable" while the market
    segment meets every criterion and ranks first.
    """
    from kbcore.analyses import segment_profit as sgp

    ds, facts = bg
    review = sgp.review_segmentations(facts, ds.clients, surveys=ds.surveys, interactions=ds.interactions,
                                      contacts=ds.contacts, currency=ds.currency)
    tests = review.tests.set_index(["candidate", "measure"])
    assert tests.loc[("segment", "orders"), "p_value"] < 1e-4      # 1.2e-07 on 2025-07 … 2026-06
    assert tests.loc[("segment", "orders"), "epsilon2"] > 0.03
    assert tests.loc[("region", "orders"), "p_value"] > 0.05       # 0.12
    assert not tests.loc["region", "significant"].any()
    card = review.scorecard.set_index(["candidate", "criterion"])
    assert not card.loc[("region", "differentiable"), "passed"]
    assert card.loc[("segment", "differentiable"), "passed"]
    assert review.best == "segment"
