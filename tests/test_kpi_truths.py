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


def test_truth6_who_answers_and_what_they_say_against_what_they_do(bg):
    """Topic 7: non-response bias, stated against revealed loyalty and timing, through the workbook's calls.

    What the clients did after a wave is measured on the waves with a full year after them
    (2022–2024; the 2025 wave has none): the respondents bought ≥ 1.5 × more before the survey and
    churned ≥ 5 points less after it; the NPS class hardly separates churn while the purchase trend
    and the days since the last purchase do; answers within 14 days after a delivery score higher.
    """
    from kbcore.analyses import satisfaction as sat

    ds, facts = bg
    answers = sat.survey_answers(ds.surveys, ds.clients, as_of=facts.as_of)
    after = sat.complete_waves(facts, answers)
    assert after == ["2022", "2023", "2024"]
    assert 0.35 <= sat.response_rates(answers).attrs["total"]["rate"] <= 0.45  # 40 % answer
    # non-response bias, on the waves with a full year after them
    nr = sat.nonresponse_bias(facts, answers, ds.clients, wave=after)
    assert nr.revenue_test["median_ratio"] >= 1.5 and nr.revenue_test["p_value"] < 0.001  # 3.1 ×
    churn = nr.churn.set_index("group")
    assert churn.loc["non_respondent", "rate"] - churn.loc["respondent", "rate"] >= 0.05  # 11.5 % against 3.2 %
    assert nr.churn_test["p_value"] < 0.001
    # the notebook asks for every wave: the engine keeps only the complete windows for churn itself
    every = sat.nonresponse_bias(facts, answers, ds.clients, wave="all").churn.set_index("group")
    assert every[["n", "churned"]].equals(churn[["n", "churned"]])
    # stated against revealed loyalty
    sr = sat.stated_vs_revealed(facts, answers, wave="all")
    assert set(sr.rows["wave"]) == set(after)
    sep = sr.separation.set_index("predictor")
    assert sep.loc["nps", "low"] < 0.5 and sep.loc["nps", "p_value"] > 0.05  # NPS: not told from a coin toss
    assert sep.loc["recency", "low"] > 0.5 and sep.loc["recency", "auc"] >= sep.loc["nps", "auc"] + 0.1
    assert sep.loc["trend", "auc"] > sep.loc["nps", "auc"] and sep.loc["trend", "p_value"] < 0.05
    trend = sr.by_trend.set_index("group")["rate"]
    classes = sr.by_class.set_index("group")["rate"]
    assert trend["falling"] >= 2.5 * trend["flat"]  # those buying less churn several times more
    assert trend["falling"] - trend["flat"] > classes["detractor"] - classes["promoter"]
    # timing: answers right after a delivery score higher
    tm = sat.timing_effect(facts, answers, within_days=14, wave="all")
    assert tm.test["csat_diff"] >= 0.2 and tm.test["csat_p"] < 0.001
    assert tm.test["diff"] > 0 and tm.test["p_value"] < 0.001


# --------------------------------------------------------------------------- topic 10: the example KPI tree
def test_topic10_the_example_kpi_tree_is_computed_and_the_checks_find_its_planted_gaps(bg):
    from kbcore.analyses import kpi_tree as kt

    ds, facts = bg
    tree = kt.load_kpi_tree()
    values = kt.kpi_values(tree, ds, facts).set_index("kpi")  # as the notebook: the tree's year, 2025
    computable = values.loc[values["formula"] != kt.MANUAL]
    assert computable["actual"].notna().all() and (computable["status"] != "needs_data").all()
    assert values.loc["profile_met", "status"] == "needs_data" and values.loc["profile_met", "needs"] == "manual"
    # the KPIs of topics 7-9 in the tree: NPS near 0 (promoters ≈ detractors, truth 6), about a third of the
    # buyers in the programme (truth 7), most managers at their 2025 quota (truth 8: above the 60-70 % band)
    assert -20 < values.loc["nps", "actual"] < 20
    assert 0.2 < values.loc["loyalty_participation", "actual"] < 0.6
    assert 0.7 < values.loc["share_at_quota", "actual"] <= 0.9
    # the example's story: it keeps its clients but wins few new ones
    assert values.loc["client_retention", "status"] == "met" and values.loc["new_clients", "attainment"] < 0.7
    findings = kt.check_tree(tree, values.reset_index(), staff=ds.staff)
    errors = set(findings.loc[findings["severity"] == "error", ["id", "kind"]].itertuples(index=False, name=None))
    assert errors == {("on_time_delivery", "goal_unmeasured"), ("nps", "kpi_no_target"),
                      ("loyalty_participation", "kpi_no_owner")}
    assert set(findings.loc[findings["severity"] == "warning", "kind"]) == {"needs_data"}  # the cascade adds up
    for part in tree.cascade:  # every team of the cascade is a team of the staff table with its own sales
        team = kt.kpi_values(tree, ds, facts, scope=(part.by, part.to)).set_index("kpi")
        assert team.loc[part.kpi, "actual"] > 0


def test_truth8_the_uncapped_accelerator_overpays_one_clients_windfall(bg):
    """Topic 9: Христо Любенов's 2025 windfall (one client's one-off orders) through the plan simulator.

    ≈ 202 % of his 2025 revenue target while the other managers reach 94–129 %; the uncapped
    accelerator (plan C) pays him several times the median and the windfall flag names him, the
    capped plan (B) does not; the quotas do not follow potential (Теодора Христова).
    """
    from kbcore.analyses import incentives as inc

    ds, facts = bg
    lines = inc.manager_lines(facts, ds.products, ds.clients)
    results = inc.manager_results(facts, ds.products, ds.clients, ds.staff, ds.targets, lines=lines)
    y2025 = results.loc[results["period"].str.startswith("2025")]
    yearly = y2025.groupby("manager")[["revenue", "revenue_target"]].sum()
    attainment = (yearly["revenue"] / yearly["revenue_target"]).dropna()
    assert attainment.idxmax() == "Христо Любенов"
    assert attainment["Христо Любенов"] == pytest.approx(2.02, abs=0.05)
    others = attainment.drop("Христо Любенов")
    assert others.min() > 0.9 and others.max() < 1.35
    potential = inc.territory_potential(ds.clients, ds.market, lines=lines)
    plans = inc.load_incentive_plans_template()
    cmp = inc.compare_plans(results, plans, potential=potential, years=[2024, 2025])
    conc = inc.client_concentration(lines)
    flags = {p: inc.overpay_flags(cmp.attrs["payouts"][p], conc, years=[2025]) for p in ("accel_nocap", "quota_cap")}
    named = flags["accel_nocap"].loc[flags["accel_nocap"]["flagged"]]
    assert named["manager"].tolist() == ["Христо Любенов"] and named["multiple"].iloc[0] >= 3
    assert not flags["quota_cap"]["flagged"].any()
    capped = flags["quota_cap"].set_index("manager").loc["Христо Любенов", "multiple"]
    assert capped < 2 < named["multiple"].iloc[0]
    fair = inc.territory_fairness(cmp.attrs["payouts"]["quota_cap"], potential, years=[2024, 2025])
    assert fair["manager"].iloc[0] == "Теодора Христова"  # the most potential per unit of plan
    by = cmp.set_index("plan")
    assert by.loc["quota_cap", "fairness_per_target_rho"] > 0.5 and by.loc["quota_cap", "fairness_per_target_p"] < 0.05


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
    # the needs the respondents state: different in behaviour (margin), but known only for those who answered
    assert tests.loc[("needs", "margin_pct"), "p_value"] < 1e-4
    assert card.loc[("needs", "differentiable"), "passed"] and not card.loc[("needs", "measurable"), "passed"]
