"""Topic 9 (program 004) · incentive plans: hand-computed cases, edge cases, template, views, charts, widget."""

from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore.analyses import incentives as inc  # noqa: E402
from kbcore.charts import incentives as ch  # noqa: E402
from kbcore.errors import KBDataError, TemplateError  # noqa: E402
from kbcore.facts import Facts  # noqa: E402
from kbcore.schema import C  # noqa: E402
from kbcore.views import incentives as v  # noqa: E402
from kbcore.views.figures import is_missing, key_figures_table  # noqa: E402
from kbcore.widgets.incentives import plan_simulator  # noqa: E402

AS_OF = pd.Timestamp("2025-06-30")


# --------------------------------------------------------------------------- a small company
def _sales() -> pd.DataFrame:
    rows = [  # date, client, revenue, cost, quantity, product, manager on the line
        ("2025-01-01", "A", 100.0, 60.0, 10.0, "P1", "M1"),
        ("2025-02-10", "B", 200.0, 150.0, 20.0, "P2", "M1"),
        ("2025-03-31", "C", 300.0, np.nan, 30.0, "P1", "M2"),   # no cost on M2's only Q1 line
        ("2025-04-15", "A", 50.0, 30.0, 5.0, "P1", "M1"),
        ("2025-05-20", "D", 400.0, 300.0, 40.0, "P2", None),    # no manager: the card says M2
        ("2025-07-05", "A", 999.0, 1.0, 1.0, "P1", "M1"),       # after the analysis date
    ]
    return pd.DataFrame({
        C.date: pd.to_datetime([r[0] for r in rows]),
        C.client_id: pd.array([r[1] for r in rows], dtype="string"),
        C.revenue: [r[2] for r in rows], C.cost: [r[3] for r in rows],
        C.quantity: [r[4] for r in rows],
        C.product_id: pd.array([r[5] for r in rows], dtype="string"),
        C.manager: pd.array([r[6] for r in rows], dtype="string"),
    })


def _products() -> pd.DataFrame:
    return pd.DataFrame({C.product_id: ["P1", "P2"], C.is_target: [True, False], C.unit: ["л", "л"]})


def _clients() -> pd.DataFrame:
    return pd.DataFrame({C.client_id: ["A", "B", "C", "D"], C.manager: ["M1", "M1", "M2", "M2"],
                         C.potential: [1000.0, 500.0, 3000.0, 4000.0]})


def _staff() -> pd.DataFrame:
    return pd.DataFrame({
        C.person: ["M1", "M2", "M3"], C.role: ["manager"] * 3, C.team: ["T1", "T1", "T2"],
        C.hired: pd.to_datetime(["2020-01-01", "2019-01-01", "2025-05-01"]),
        C.left: pd.to_datetime([None, "2025-05-15", None]),
        C.base_pay: [1000.0, 2000.0, 1500.0],
    })


def _targets() -> pd.DataFrame:
    rows = [("2025", "revenue", "M1", 1200.0), ("2025-Q1", "new_clients", "M1", 1.0),
            ("2025-01", "revenue", "M2", 100.0), ("2025-02", "revenue", "M2", 100.0),
            ("2025-03", "revenue", "M2", 100.0), ("2025-Q2", "revenue", "M3", 500.0),
            ("2025", "revenue", None, 99999.0)]   # the company's target: not a manager's
    return pd.DataFrame(rows, columns=[C.period, C.kpi, C.manager, C.target])


@pytest.fixture()
def results() -> pd.DataFrame:
    return inc.manager_results(Facts(_sales(), as_of=AS_OF), _products(), _clients(), _staff(),
                               _targets(), freq="quarter", lead_in_days=0)


def _row(frame, manager, period):
    return frame.set_index(["manager", "period"]).loc[(manager, period)]


# --------------------------------------------------------------------------- results per manager
def test_manager_results_by_hand(results):
    r = _row(results, "M1", "2025-Q1")
    assert r["revenue"] == pytest.approx(300.0)               # 100 + 200
    assert r["gross_margin"] == pytest.approx(90.0)           # 300 − (60 + 150)
    assert r["target_products_revenue"] == pytest.approx(100.0)  # P1 only
    assert r["quantity"] == pytest.approx(30.0)
    assert r["new_clients"] == 2                               # A (1 Jan) and B (10 Feb)
    # the yearly target spread by days: 1200 × 90 / 365
    assert r["revenue_target"] == pytest.approx(1200 * 90 / 365)
    assert r["revenue_attainment"] == pytest.approx(300 / (1200 * 90 / 365))
    assert r["new_clients_attainment"] == pytest.approx(2.0)   # 2 / 1 (exact quarter target)
    assert r["base_pay_period"] == pytest.approx(3000.0)       # 1000 × 3 months × 1
    r = _row(results, "M2", "2025-Q1")
    assert math.isnan(r["gross_margin"])                        # no line with a cost
    assert r["revenue_target"] == pytest.approx(300.0)         # three months summed
    assert r["revenue_attainment"] == pytest.approx(1.0)
    r = _row(results, "M2", "2025-Q2")
    assert r["revenue"] == pytest.approx(400.0)                # D's line, by the client card
    assert math.isnan(r["revenue_target"]) and math.isnan(r["revenue_attainment"])
    assert r["employed"] == pytest.approx(45 / 91)             # 1 April – 15 May of 91 days
    assert r["base_pay_period"] == pytest.approx(2000 * 3 * 45 / 91)
    r = _row(results, "M3", "2025-Q2")                         # a target, no sale yet
    assert r["revenue"] == 0 and r["revenue_attainment"] == 0
    assert r["employed"] == pytest.approx(61 / 91)
    r = _row(results, "M1", "2025-Q2")
    assert r["revenue"] == pytest.approx(50.0)                 # the July line is after the date
    assert results.attrs["target_sources"] == {"pro_rata": 2, "exact": 2, "sum": 1}


def test_manager_results_lead_in_and_incomplete_periods():
    facts = Facts(_sales(), as_of=pd.Timestamp("2025-05-31"))
    res = inc.manager_results(facts, _products(), _clients(), _staff(), _targets())
    # Q2 is not complete on 31 May; new clients need a year of history before the period
    assert set(res["period"]) == {"2025-Q1"}
    assert res["new_clients"].isna().all()
    monthly = inc.manager_results(facts, _products(), _clients(), _staff(), _targets(),
                                  freq="month", complete_only=False)
    assert "2025-05" in set(monthly["period"])
    assert _row(monthly, "M2", "2025-01")["revenue_target"] == pytest.approx(100.0)


def test_manager_results_degrade_without_optional_tables():
    sales = _sales()[[C.date, C.client_id, C.revenue]]
    res = inc.manager_results(Facts(sales, as_of=AS_OF))
    assert res.empty and "sales.manager" in res.attrs["missing"]
    res = inc.manager_results(Facts(_sales().drop(columns=[C.cost]), as_of=AS_OF),
                              clients=_clients())
    assert not res.empty
    assert {"staff", "targets", "sales.cost", "products.is_target"} <= set(res.attrs["missing"])
    assert res["base_pay"].isna().all() and res["revenue_attainment"].isna().all()
    assert (res["team"] == "unknown").all()


def test_manager_results_empty_sales():
    empty = _sales().iloc[:0]
    res = inc.manager_results(Facts(empty, as_of=AS_OF), staff=_staff(), targets=_targets())
    assert res.empty


def test_targets_refuse_bad_values():
    bad = _targets().assign(**{C.target: ["x", 1, 1, 1, 1, 1, 1]})
    with pytest.raises(KBDataError):
        inc.manager_targets(bad, [("2025-Q1", pd.Timestamp("2025-01-01"), pd.Timestamp("2025-03-31"))])
    bad = _targets().assign(**{C.period: ["2025/1"] * 7})
    with pytest.raises(KBDataError) as err:
        inc.manager_targets(bad, [("2025-Q1", pd.Timestamp("2025-01-01"), pd.Timestamp("2025-03-31"))])
    assert "2025-Q2" in err.value.message("en")


def test_margin_target_reads_as_gross_margin():
    tg = pd.DataFrame({C.period: ["2025"], C.kpi: ["margin"], C.manager: ["M1"], C.target: [365.0]})
    out = inc.manager_targets(tg, [("2025-01", pd.Timestamp("2025-01-01"), pd.Timestamp("2025-01-31"))])
    assert out[C.kpi].tolist() == ["gross_margin"]
    assert out[C.target].iloc[0] == pytest.approx(31.0)       # 365 × 31 / 365


# --------------------------------------------------------------------------- the pay curve
@pytest.mark.parametrize(("a", "expected"), [
    (0.7, 0.0),              # below the threshold 80 %: nothing
    (0.8, 0.4),              # at the threshold: 40 % of the target incentive
    (0.9, 0.7),              # 0.4 + 3 × 0.1   (rate = (1 − 0.4) / (1 − 0.8) = 3)
    (1.0, 1.0),              # the target incentive at 100 %
    (1.2, 1.9),              # 1 + 1.5 × 3 × 0.2  (accelerator 1.5)
])
def test_payout_curve_by_hand(a, expected):
    f = inc.payout_curve([a], threshold=0.8, payout_at_threshold=0.4, accelerator=1.5)
    assert f[0] == pytest.approx(expected)


def test_payout_curve_cap_threshold_one_and_nan():
    # cap at 110 %: 1 + 4.5 × 0.1 = 1.45 whatever the attainment above
    assert inc.payout_curve([1.2, 2.0], threshold=0.8, payout_at_threshold=0.4, accelerator=1.5,
                            cap=1.1) == pytest.approx([1.45, 1.45])
    # threshold 100 %: nothing below, 1 at 100 %, rate 1 × accelerator 2 above
    assert inc.payout_curve([0.99, 1.0, 1.5], threshold=1.0, accelerator=2) == pytest.approx([0, 1, 2])
    # threshold 0, nothing at it, no acceleration: pay = attainment (linear)
    assert inc.payout_curve([0.0, 0.5, 1.7]) == pytest.approx([0.0, 0.5, 1.7])
    assert math.isnan(inc.payout_curve([np.nan])[0])


# --------------------------------------------------------------------------- simulating a plan
def _plan(**kw) -> inc.Plan:
    base = dict(id="b", name={"en": "B", "ru": "B", "bg": "Б"}, kpis={"revenue": 0.7, "new_clients": 0.3},
                mechanic="quota", target_incentive=0.3, threshold=0.8, payout_at_threshold=0.4,
                accelerator=1.5)
    base.update(kw)
    return inc.Plan(**base)


def _results(att_rev, att_new, *, actual=None, target=None, teams=None, base=1000.0) -> pd.DataFrame:
    n = len(att_rev)
    managers = [f"M{i + 1}" for i in range(n)]
    actual = actual if actual is not None else [1000.0 * a for a in att_rev]
    target = target if target is not None else [1000.0] * n
    return pd.DataFrame({
        "manager": managers, "team": teams or ["T1"] * n, "period": ["2025-Q1"] * n,
        "start": pd.Timestamp("2025-01-01"), "end": pd.Timestamp("2025-03-31"), "months": 3.0,
        "employed": 1.0, C.base_pay: base, "base_pay_period": base * 3,
        "revenue": actual, "revenue_target": target, "revenue_attainment": att_rev,
        "new_clients": [np.nan] * n, "new_clients_target": [np.nan] * n,
        "new_clients_attainment": att_new,
    })


def test_simulate_quota_plan_by_hand():
    res = _results([0.9, 1.2, 0.7], [1.0, np.nan, np.nan])
    pay = inc.simulate(res, _plan()).set_index("manager")
    # TI = 0.3 × 1000 × 3 months = 900
    assert pay.loc["M1", "target_incentive"] == pytest.approx(900)
    # M1: 0.7 × f(0.9) + 0.3 × f(1.0) = 0.7 × 0.7 + 0.3 × 1 = 0.79 → 711; attainment 0.7×0.9+0.3×1
    assert pay.loc["M1", "main_pay"] == pytest.approx(711)
    assert pay.loc["M1", "attainment"] == pytest.approx(0.93)
    # M2: no new-clients target → revenue alone: f(1.2) = 1.9 → 1710
    assert pay.loc["M2", "main_pay"] == pytest.approx(1710)
    assert pay.loc["M3", "main_pay"] == 0                       # 70 % < threshold
    assert pay["reached"].tolist() == [False, True, False]
    assert pay.loc["M2", "total_pay"] == pytest.approx(3000 + 1710)
    capped = inc.simulate(res, _plan(cap_kind="multiple", cap=1.5)).set_index("manager")
    assert capped.loc["M2", "main_pay"] == pytest.approx(1350)  # 1.5 × 900
    money = inc.simulate(res, _plan(cap_kind="amount_per_month", cap=100)).set_index("manager")
    assert money.loc["M2", "main_pay"] == pytest.approx(300)    # 100 × 3 months
    fixed = inc.simulate(res, _plan(incentive_basis="amount_per_month", target_incentive=200))
    assert fixed.set_index("manager").loc["M2", "main_pay"] == pytest.approx(600 * 1.9)


def test_simulate_commission_contest_and_pool_by_hand():
    res = _results([1.2, 1.1, 0.9], [np.nan] * 3, actual=[1200.0, 800.0, 900.0],
                   target=[1000.0, 727.2727272727, 1000.0], teams=["T1", "T1", "T2"])
    plan = _plan(kpis={"revenue": 1}, mechanic="commission", rates={"revenue": 0.01})
    pay = inc.simulate(res, plan).set_index("manager")
    assert pay["main_pay"].tolist() == pytest.approx([12, 8, 9])   # 1 % of revenue
    capped = inc.simulate(res, inc.plan_with(plan, cap_kind="attainment", cap=1.1)).set_index("manager")
    assert capped.loc["M1", "main_pay"] == pytest.approx(11)       # 1 % of min(1200, 1.1 × 1000)
    contest = inc.Contest(kpi="revenue", prizes=(2.0, 1.0), prizes_in="base_pay", min_attainment=1.0)
    pay = inc.simulate(res, _plan(kpis={"revenue": 1}, mechanic="none", contest=contest))
    # M1 (120 %) wins 2 monthly base pays, M2 (110 %) one; M3 (90 %) is not eligible
    assert pay.set_index("manager")["contest_pay"].tolist() == pytest.approx([2000, 1000, 0])
    pool = inc.Pool(kpi="revenue", level="team", share=0.1, base="above_target", split="base_pay")
    res2 = res.assign(base_pay_period=[3000.0, 6000.0, 3000.0], revenue_target=[1000.0, 900.0, 1000.0])
    pay = inc.simulate(res2, _plan(kpis={"revenue": 1}, mechanic="none", pool=pool)).set_index("manager")
    # T1: 0.1 × (1200 + 800 − 1000 − 900) = 10, by base pay 3000 : 6000; T2 below target: 0
    assert pay["pool_pay"].tolist() == pytest.approx([10 / 3, 20 / 3, 0])
    equal = inc.simulate(res2, _plan(kpis={"revenue": 1}, mechanic="none",
                                     pool=inc.Pool(share=0.1, split="equal")))
    assert equal["pool_pay"].tolist() == pytest.approx([5, 5, 0])
    company = inc.simulate(res2, _plan(kpis={"revenue": 1}, mechanic="none",
                                       pool=inc.Pool(share=0.1, level="company", base="all", split="equal")))
    assert company["pool_pay"].tolist() == pytest.approx([290 / 3] * 3)  # 0.1 × 2900 / 3


def test_simulate_without_targets_or_base_pay():
    res = _results([np.nan, np.nan], [np.nan, np.nan])
    pay = inc.simulate(res, _plan())
    assert not pay["in_plan"].any() and pay["main_pay"].isna().all()
    assert pay.attrs["missing_kpis"] == ["new_clients"]   # revenue has targets (no attainment here)
    res = _results([1.0, 1.0], [np.nan, np.nan]).assign(**{C.base_pay: np.nan})
    assert not inc.simulate(res, _plan())["in_plan"].any()     # 30 % of an unknown base pay


# --------------------------------------------------------------------------- judging a plan
def test_plan_summary_by_hand():
    res = _results([0.9, 1.2, 0.7, 1.0], [np.nan] * 4)
    pay = inc.simulate(res, _plan(kpis={"revenue": 1}))
    potential = pd.Series([100.0, 400.0, 50.0, 300.0], index=["M1", "M2", "M3", "M4"])
    potential.attrs["basis"] = "clients.potential"
    s = inc.plan_summary(pay, potential=potential)
    # pays: 0.7, 1.9, 0, 1 × 900 = 630, 1710, 0, 900; revenue 900 + 1200 + 700 + 1000 = 3800
    assert s["variable_pay"] == pytest.approx(3240)
    assert s["base_pay"] == pytest.approx(12000)
    assert s["cost_of_sales"] == pytest.approx((12000 + 3240) / 3800)
    assert s["at_quota"] == pytest.approx(0.5)                 # M2 and M4
    assert s["quota_rule_ok"] == 0.0                            # 50 % is outside 60–70 %
    assert s["pay_rho"] == pytest.approx(1.0)                   # ranks agree exactly
    # per month: 210, 570, 0, 300 → median 255; the best performer (M2) is also the highest paid
    assert s["median_pay"] == pytest.approx(255)
    assert s["top_to_median"] == pytest.approx(570 / 255)
    assert s["max_to_median"] == pytest.approx(570 / 255)
    assert s.attrs["top_performer"] == "M2"
    assert s["fairness_rho"] == pytest.approx(1.0)              # attainment ranks = potential ranks
    assert s.attrs["basis"] == "clients.potential"
    none = inc.plan_summary(pay, years=["2024"])
    assert math.isnan(none["variable_pay"]) and math.isnan(none["at_quota"])


def test_compare_plans_side_by_side():
    res = _results([0.9, 1.2, 0.7, 1.0], [np.nan] * 4)
    plans = [_plan(id="b", kpis={"revenue": 1}), _plan(id="c", kpis={"revenue": 1}, accelerator=3)]
    out = inc.compare_plans(res, plans)
    assert out["plan"].tolist() == ["b", "c"]
    assert list(out.columns) == ["plan", *inc.SUMMARY_FIELDS]
    # the stronger accelerator pays M2 more: 1 + 3 × 3 × 0.2 = 2.8 × 900
    assert out.set_index("plan").loc["c", "variable_pay"] == pytest.approx(630 + 2520 + 0 + 900)
    assert set(out.attrs["payouts"]) == {"b", "c"}


def test_territory_potential_both_bases():
    pot = inc.territory_potential(_clients())
    assert pot.to_dict() == {"M1": 1500.0, "M2": 7000.0}
    assert pot.attrs["basis"] == "clients.potential"
    lines = pd.DataFrame({C.manager: ["M1", "M2", "M1"], C.region: ["R1", "R1", "R2"],
                          C.revenue: [30.0, 10.0, 5.0]})
    market = pd.DataFrame({C.segment: ["S", "S"], C.region: ["R1", "R2"], C.companies: [10, 4],
                           C.consumption_per_company: [100.0, 50.0]})
    pot = inc.territory_potential(None, market, lines=lines)
    # R1: 1000 shared 3 : 1; R2: 200 all M1 → M1 = 750 + 200, M2 = 250
    assert pot.to_dict() == pytest.approx({"M1": 950.0, "M2": 250.0})
    assert pot.attrs["basis"] == "market"
    none = inc.territory_potential(None, None)
    assert none.empty and none.attrs["basis"] is None


# --------------------------------------------------------------------------- windfalls
def test_client_concentration_by_hand():
    lines = pd.DataFrame({
        C.date: pd.to_datetime(["2024-03-01", "2024-04-01", "2025-03-01", "2025-04-01", "2025-05-01"]),
        C.client_id: ["A", "B", "A", "B", "C"], C.manager: ["M1"] * 5,
        C.revenue: [100.0, 100.0, 100.0, 120.0, 580.0]})
    out = inc.client_concentration(lines).set_index("year")
    assert math.isnan(out.loc["2024", "growth"])
    r = out.loc["2025"]
    assert r["revenue"] == 800 and r["top_client"] == "C"
    assert r["top_client_share"] == pytest.approx(580 / 800)
    assert r["growth"] == pytest.approx(600)                   # 800 − 200
    assert r["top_growth_share"] == pytest.approx(580 / 600)  # C rose 580 of the 600


def test_overpay_flags_by_hand():
    res = _results([1.0, 1.0, 1.0, 1.9], [np.nan] * 4)
    pay = inc.simulate(res, _plan(kpis={"revenue": 1}, accelerator=2))
    # pays a month: 300, 300, 300, (1 + 2 × 3 × 0.9) × 300 = 1920 → median 300, M4 at 6.4×
    conc = pd.DataFrame({"manager": ["M1", "M2", "M3", "M4"], "year": ["2025"] * 4,
                         "top_client": ["a", "b", "c", "d"], "top_client_share": [0.1, 0.5, 0.1, 0.45],
                         "top_growth_client": ["a", "b", "c", "d"],
                         "top_growth_share": [0.2, 0.2, 0.2, 0.9]})
    flags = inc.overpay_flags(pay, conc, k=2.0, max_client_share=0.4, max_growth_share=0.5)
    top = flags.iloc[0]
    assert top["manager"] == "M4" and top["multiple"] == pytest.approx(6.4)
    assert top["flagged"] and top["reason"] == "both"
    assert flags["flagged"].sum() == 1                         # M2 is concentrated but not overpaid
    capped = inc.simulate(res, _plan(kpis={"revenue": 1}, accelerator=2, cap_kind="multiple", cap=1.5))
    assert not inc.overpay_flags(capped, conc, k=2.0)["flagged"].any()  # 1.5 × TI: 1.5 medians


# --------------------------------------------------------------------------- the template
def test_default_template_loads():
    plans = inc.load_incentive_plans_template()
    assert [p.id for p in plans] == ["linear", "quota_cap", "accel_nocap", "contest", "team_pool"]
    b = plans[1]
    assert b.weights == pytest.approx({"revenue": 0.7, "new_clients": 0.3})
    assert (b.threshold, b.payout_at_threshold, b.accelerator, b.cap_kind, b.cap) == (0.8, 0.4, 1.5, "multiple", 2.0)
    assert plans[2].cap_kind is None
    assert plans[3].contest.prizes == (2.0, 1.0, 0.5)
    assert plans[4].pool.split == "base_pay"
    assert all(p.example for p in plans)


def _data(**plan):
    node = {"id": "p", "name": {"en": "P", "ru": "П", "bg": "П"}, "kpis": {"revenue": 1},
            "mechanic": "quota", "target_incentive": {"share_of_base": 0.3}}
    node.update(plan)
    return {"plans": [node]}


@pytest.mark.parametrize(("change", "problem", "key"), [
    ({"kpis": {"profit": 1}}, "incentive_choice", "plans[0].kpis.profit"),
    ({"mechanic": "bonus"}, "incentive_choice", "plans[0].mechanic"),
    ({"threshold": 1.5}, "out_of_range", "plans[0].threshold"),
    ({"accelerator": "two"}, "not_number", "plans[0].accelerator"),
    ({"cap": {"attainment": 0.5}}, "too_small", "plans[0].cap.attainment"),
    ({"cap": {"ceiling": 2}}, "incentive_choice", "plans[0].cap"),
    ({"kpis": {"revenue": 0}}, "weights_zero", "plans[0].kpis"),
    ({"target_incentive": None}, "missing_key", "plans[0].target_incentive"),
    ({"id": "Plan B"}, "bad_id", "plans[0].id"),
    ({"colour": "red"}, "unknown_key", "plans[0]"),
    ({"mechanic": "commission"}, "missing_key", "plans[0].rates"),
    ({"contest": {"kpi": "revenue", "prizes": []}}, "wrong_shape", "plans[0].contest.prizes"),
    ({"pool": {"kpi": "revenue", "share": 2}}, "out_of_range", "plans[0].pool.share"),
])
def test_template_errors_name_the_key(change, problem, key):
    with pytest.raises(TemplateError) as err:
        inc.incentive_plans(_data(**change), file="plans.yaml")
    assert err.value.problem == problem and err.value.where == key
    for lang in ("en", "ru", "bg"):
        assert err.value.message(lang)


def test_template_duplicate_ids_and_file_errors(tmp_path):
    data = _data()
    data["plans"] = data["plans"] * 2
    with pytest.raises(TemplateError) as err:
        inc.incentive_plans(data)
    assert err.value.problem == "duplicate_id"
    with pytest.raises(TemplateError):
        inc.load_incentive_plans_template(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("plans: [\n", encoding="utf-8")
    with pytest.raises(KBDataError):
        inc.load_incentive_plans_template(bad)


def test_plan_with_checks_arguments():
    plan = _plan(cap_kind="attainment", cap=1.5)
    assert inc.plan_with(plan, threshold=0.9).threshold == 0.9
    assert inc.plan_with(plan, cap_kind=None).cap_kind is None
    assert inc.plan_with(plan, kpis={"margin": 1}).kpis == {"gross_margin": 1.0}
    with pytest.raises(ValueError):
        inc.plan_with(plan, threshold=1.2)
    with pytest.raises(ValueError):
        inc.plan_with(plan, cap=0.5)
    with pytest.raises(ValueError):
        inc.plan_with(plan, kpis={"revenue": 0})


# --------------------------------------------------------------------------- views
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _comparison():
    res = _results([0.9, 1.2, 0.7, 1.0], [np.nan] * 4)
    plans = inc.load_incentive_plans_template()
    return res, inc.compare_plans(res, plans[1:3])


def test_views_in_bulgarian_have_no_english_and_bulgarian_numbers():
    res, cmp = _comparison()
    table = v.comparison_table(cmp, "bg")
    text = " ".join(table.columns) + " " + " ".join(table.to_numpy().ravel())
    assert not _LATIN_WORD.search(text), _LATIN_WORD.findall(text)
    assert "12 000 €" in text.replace("\xa0", " ").replace("\u202f", " ")   # Σ base pay
    plan = cmp.attrs["plans"]["quota_cap"]
    sentence = v.plan_text(plan, "bg")
    assert not _LATIN_WORD.search(sentence) and "30% от основната заплата" in sentence
    pay = v.payout_table(cmp.attrs["payouts"]["quota_cap"], "bg")
    assert not _LATIN_WORD.search(" ".join(pay.columns))
    assert v.quota_text(inc.plan_summary(cmp.attrs["payouts"]["quota_cap"]), "bg").startswith("Планът")
    assert "1 234,50 €" == v.fmt_money(1234.5, "bg", currency="EUR", digits=2).replace("\xa0", " ").replace(
        "\u202f", " ")


def test_views_in_english_and_missing_figures():
    res, cmp = _comparison()
    table = v.comparison_table(cmp, "en")
    assert table.iloc[:, 0].tolist()[0] == "Managers"
    rows = v.incentives_figures(cmp, "en")
    kf = key_figures_table(rows, "en")
    assert "(example)" in kf.iloc[0, 0]
    assert is_missing(kf.iloc[-1, 1])                   # no territory potential given
    empty = inc.manager_results(Facts(_sales()[[C.date, C.client_id, C.revenue]], as_of=AS_OF))
    rows = v.incentives_figures(cmp.iloc[:0], "bg", results=empty)
    assert is_missing(rows[0].value) and rows[0].needs == "sales.manager"
    assert is_missing(v.results_note(empty, "en"))
    note = v.results_note(inc.manager_results(Facts(_sales(), as_of=AS_OF), _products(), _clients(),
                                              _staff(), _targets()), "en")
    assert "days" in note


def test_flags_and_fairness_text():
    res = _results([1.0, 1.0, 1.0, 1.9], [np.nan] * 4)
    pay = inc.simulate(res, _plan(kpis={"revenue": 1}, accelerator=2))
    conc = pd.DataFrame({"manager": ["M4"], "year": ["2025"], "top_client": ["d"],
                         "top_client_share": [0.6], "top_growth_client": ["d"], "top_growth_share": [0.9]})
    flags = inc.overpay_flags(pay, conc)
    assert "M4" in v.flags_text(flags, "en")
    assert v.flags_table(flags, "bg", only_flagged=True).shape[0] == 1
    potential = pd.Series([1.0, 2.0, 3.0, 4.0], index=["M1", "M2", "M3", "M4"])
    potential.attrs["basis"] = "market"
    s = inc.plan_summary(pay, potential=potential)
    assert "market potential" in v.fairness_text(s, "en")
    assert is_missing(v.fairness_text(inc.plan_summary(pay), "en"))


# --------------------------------------------------------------------------- charts
def test_charts_draw_their_artists():
    plan = inc.load_incentive_plans_template()[1]
    curve = inc.curve_points(plan)
    ax = ch.plot_payout_curve(curve, lang="bg")
    line = next(a for a in ax.lines if a.get_gid() == "curve")
    assert max(line.get_ydata()) == pytest.approx(2.0)           # the 2 × TI cap
    assert {a.get_gid() for a in ax.lines} >= {"curve", "quota", "threshold"}
    plt.close(ax.figure)
    ax = ch.plot_payout_curve(inc.curve_points(inc.load_incentive_plans_template()[0]))
    assert any(txt.get_gid() == "empty" for txt in ax.texts)
    plt.close(ax.figure)
    res, cmp = _comparison()
    pay = cmp.attrs["payouts"]["accel_nocap"]
    ax = ch.plot_payouts(inc.yearly_pay(pay), lang="en")
    bars = {p.get_gid(): p.get_width() for p in ax.patches if p.get_gid()}
    assert bars["pay:M2"] == pytest.approx(pay.set_index("manager").loc["M2", "variable_pay"] / 3)
    plt.close(ax.figure)
    ax = ch.plot_pay_vs_attainment(pay, lang="en")
    assert len(next(c for c in ax.collections if c.get_gid() == "periods").get_offsets()) == 4
    plt.close(ax.figure)
    ax = ch.plot_plan_comparison(cmp, lang="bg")
    heights = {p.get_gid(): p.get_height() for p in ax.patches if (p.get_gid() or "").startswith("at_quota")}
    assert heights["at_quota:quota_cap"] == pytest.approx(0.5)
    plt.close(ax.figure)
    ax = ch.plot_plan_comparison(cmp.iloc[:0])
    assert any(txt.get_gid() == "empty" for txt in ax.texts)
    plt.close("all")


# --------------------------------------------------------------------------- widget
def test_widget_changes_the_plan():
    res = _results([0.9, 1.2, 0.7, 1.0], [1.0, 1.0, 1.0, 1.0])
    plans = inc.load_incentive_plans_template()
    box = plan_simulator(res, plans, lang="bg")
    box.plan.value = 2                                  # C: accelerator without cap
    assert box.current.id == "accel_nocap_changed" and box.current.cap_kind is None
    box.cap.value = 1.1
    assert box.current.cap_kind == "attainment" and box.current.cap == pytest.approx(1.1)
    box.weight.value = 1.0
    assert box.current.weights == pytest.approx({"revenue": 1.0})
    assert len(box.comparison) == len(plans) + 1
    assert "Търговец" in box.payouts.value
    plt.close("all")


# --------------------------------------------------------------------------- other companies
def test_sales_only_export_degrades():
    sales = _sales()[[C.date, C.client_id, C.revenue]]
    res = inc.manager_results(Facts(sales, as_of=AS_OF))
    cmp = inc.compare_plans(res, inc.load_incentive_plans_template())
    assert cmp["variable_pay"].isna().all()
    assert is_missing(v.incentives_figures(cmp, "bg", results=res)[0].value)


@pytest.mark.parametrize("demo", ["bg", "ru"])
def test_demo_companies_run(demo):
    import kbcore

    ds = kbcore.load(None, demo="bg") if demo == "bg" else kbcore.load(None)
    facts = Facts.of(ds)
    lines = inc.manager_lines(facts, ds.products, ds.clients)
    res = inc.manager_results(facts, ds.products, ds.clients, ds.staff, ds.targets, lines=lines)
    assert len(res) and res["revenue_attainment"].notna().any() and res["base_pay"].notna().all()
    potential = inc.territory_potential(ds.clients, ds.market, lines=lines)
    cmp = inc.compare_plans(res, inc.load_incentive_plans_template(), potential=potential)
    by = cmp.set_index("plan")
    assert by["at_quota"].between(0, 1).all()
    # the uncapped accelerator never pays less than the same plan with a cap
    assert by.loc["accel_nocap", "variable_pay"] >= by.loc["quota_cap", "variable_pay"]
    flags = inc.overpay_flags(cmp.attrs["payouts"]["accel_nocap"], inc.client_concentration(lines))
    assert len(flags)
    kf = key_figures_table(v.incentives_figures(cmp, "bg", flags=flags), "bg")
    assert len(kf) == 7


# --------------------------------------------------------------------------- fairness per manager (topic 9's workbook)
def test_territory_fairness_by_hand():
    res = _results([0.9, 1.2, 0.7, 1.0], [np.nan] * 4)
    pay = inc.simulate(res, _plan(kpis={"revenue": 1}))
    potential = pd.Series([8000.0, 4000.0, 2000.0], index=["M1", "M2", "M3"])
    potential.attrs["basis"] = "clients.potential"
    fair = inc.territory_fairness(pay, potential)
    # yearly target = 1000 × 12 / 3 months = 4000; potential / 4000 = 2, 1, 0.5; M4 has none (last)
    assert fair["manager"].tolist() == ["M1", "M2", "M3", "M4"]
    assert fair["yearly_target"].tolist() == pytest.approx([4000.0] * 4)
    assert fair["potential_per_target"].tolist()[:3] == pytest.approx([2.0, 1.0, 0.5])
    assert math.isnan(fair["potential_per_target"].iloc[3])
    assert fair["revenue_attainment"].tolist() == pytest.approx([0.9, 1.2, 0.7, 1.0])
    assert fair.attrs["basis"] == "clients.potential" and fair.attrs["missing"] == []
    bare = inc.territory_fairness(pay)
    assert bare["potential"].isna().all() and bare.attrs["missing"] == ["clients.potential", "market"]
    assert inc.territory_fairness(pay, potential, years=["2024"]).empty
    table = v.fairness_table(fair, "en")
    assert table.iloc[0].tolist()[-1] == "2.0×" and table.shape == (4, 6)


def test_attainment_table_and_per_target_fairness_text():
    res = _results([0.9, 1.2, 0.7, 1.0], [np.nan] * 4, teams=["T2", "T1", "T1", "T2"])
    table = v.attainment_table(res, "en", years=[2025])
    # sorted by team then name: M2, M3 (T1), M1, M4 (T2); one column per period
    assert table.iloc[:, 0].tolist() == ["M2", "M3", "M1", "M4"]
    assert table["2025-Q1"].tolist() == ["120%", "70%", "90%", "100%"]
    assert v.attainment_table(res, "en", years=[2024]).shape[0] == 0
    pay = inc.simulate(res, _plan(kpis={"revenue": 1}))
    potential = pd.Series([4.0, 1.0, 3.0, 2.0], index=["M1", "M2", "M3", "M4"])
    potential.attrs["basis"] = "clients.potential"
    s = inc.plan_summary(pay, potential=potential)
    text = v.fairness_text(s, "en", per_target=True)
    assert "per unit of the yearly revenue target" in text
    assert v.fmt_number(s["fairness_per_target_rho"], "en", 2) in text


def test_revenue_coverage_by_hand(results):
    cov = inc.revenue_coverage(results, Facts(_sales(), as_of=AS_OF))
    # 2025-Q1 and Q2: 100 + 200 + 300 + 50 + 400 = 1050, every line has a manager (D's from the card)
    assert cov["managers_revenue"] == pytest.approx(1050) and cov["company_revenue"] == pytest.approx(1050)
    assert cov["share"] == pytest.approx(1.0) and cov.attrs["first"] == "2025-Q1"
    assert "every sale has a manager" in v.coverage_text(cov, "en")
    bare = inc.manager_results(Facts(_sales(), as_of=AS_OF), _products(), None, _staff(), _targets(),
                               lead_in_days=0)
    part = inc.revenue_coverage(bare, Facts(_sales(), as_of=AS_OF))
    assert part["share"] == pytest.approx(650 / 1050)   # D's 400 has no manager without the cards
    assert "62%" in v.coverage_text(part, "en")
    none = inc.revenue_coverage(bare, Facts(_sales(), as_of=AS_OF), years=[2024])
    assert math.isnan(none["share"]) and is_missing(v.coverage_text(none, "en"))
