"""Expected answers of program 004, topic 9's exercises (solutions/kpi/09_staff_incentives.py).

Each answer is computed through the same kbcore functions the topic's workbook uses, on the
Bulgarian demo company (``kpi…`` ids: :func:`kbcore.workbook.checks.demo_company`), so a change
in an analysis or in the demo data changes the expected answer with it; nothing here is a
hard-coded number. A choice's answer is the number of the option the data's answer is, in the
order the exercise lists them.

The exercises follow the topic's story, on the example plans of the template tried on 2024–2025:
the share at quota of plan B (kpi9.1), the best performer's pay against the median under plan C
(kpi9.2), plan C rerun with a cap and the windfall manager's pay (kpi9.3), the plan whose pay
follows performance most closely (kpi9.4), plan C judged on 2025 alone (kpi9.5), the manager with
the most potential per unit of plan (kpi9.6) and, for the analyst, what the cap saves (kpi9.7).
"""

from __future__ import annotations

from kbcore.analyses.incentives import (
    client_concentration,
    compare_plans,
    load_incentive_plans_template,
    manager_lines,
    manager_results,
    overpay_flags,
    plan_summary,
    plan_with,
    simulate,
    territory_fairness,
    territory_potential,
    yearly_pay,
)
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

YEARS = (2024, 2025)
"""The years the workbook tries the plans on (its default)."""
PAY_YEAR = "2025"
"""The year whose pay per manager the workbook shows."""
PLANS = ("linear", "quota_cap", "accel_nocap", "contest", "team_pool")
"""The options of exercise kpi9.4 (plans A … E), in the order its text lists them."""
CAP = 1.5
"""The attainment cap of exercises kpi9.3 and kpi9.7 (150 %)."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _lines(ds):
    return once(ds, "kpi9.lines", lambda: manager_lines(_facts(ds), ds.products, ds.clients))


def _results(ds):
    return once(ds, "kpi9.results", lambda: manager_results(_facts(ds), ds.products, ds.clients, ds.staff,
                                                            ds.targets, lines=_lines(ds)))


def _potential(ds):
    return once(ds, "kpi9.potential", lambda: territory_potential(ds.clients, ds.market, lines=_lines(ds)))


def _plans():
    return {p.id: p for p in load_incentive_plans_template()}


def _comparison(ds):
    return once(ds, "kpi9.comparison", lambda: compare_plans(
        _results(ds), tuple(_plans().values()), potential=_potential(ds), years=YEARS))


def _row(ds, plan_id: str):
    return _comparison(ds).set_index("plan").loc[plan_id]


def _windfall_manager(ds) -> str:
    """The manager plan C's windfall flag names in the workbook's pay year."""
    flags = overpay_flags(_comparison(ds).attrs["payouts"]["accel_nocap"], client_concentration(_lines(ds)),
                          years=YEARS)
    named = flags.loc[flags["flagged"] & (flags["year"] == PAY_YEAR), "manager"]
    if len(named) != 1:
        raise ValueError(f"exercise kpi9.3: plan C should flag one manager in {PAY_YEAR}, not {list(named)}")
    return str(named.iloc[0])


def _capped(ds):
    return once(ds, "kpi9.capped", lambda: simulate(
        _results(ds), plan_with(_plans()["accel_nocap"], cap_kind="attainment", cap=CAP)))


@exercise("kpi9.1", hint="ex.kpi9.1.hint", kind="share", tol=0.005, style="read")
def quota_share_plan_b(ds):
    """Plan B's share of manager-periods at quota, 2024–2025."""
    return float(_row(ds, "quota_cap")["at_quota"])


@exercise("kpi9.2", hint="ex.kpi9.2.hint", kind="number", tol=0.03, style="read")
def top_to_median_plan_c(ds):
    """Plan C: the best performer's pay a month / the median manager's, 2024–2025 (shown with one decimal)."""
    return float(_row(ds, "accel_nocap")["top_to_median"])


@exercise("kpi9.3", hint="ex.kpi9.3.hint", kind="number", tol=0.002, style="rerun")
def windfall_pay_with_cap(ds):
    """Plan C capped at 150 % of attainment: the windfall manager's 2025 variable pay a month."""
    per = yearly_pay(_capped(ds)).set_index(["manager", "year"])
    return float(per.loc[(_windfall_manager(ds), PAY_YEAR), "pay_per_month"])


@exercise("kpi9.4", hint="ex.kpi9.4.hint", kind="choice", options=len(PLANS), style="read")
def plan_pay_follows_performance(ds):
    """Option of the plan whose variable pay follows attainment most closely (the largest ρ)."""
    cmp = _comparison(ds).sort_values("pay_rho", ascending=False)
    if round(cmp["pay_rho"].iloc[0], 2) == round(cmp["pay_rho"].iloc[1], 2):
        raise ValueError("exercise kpi9.4: two plans follow performance as closely; the options list one")
    return option_number("kpi9.4", cmp["plan"].iloc[0], PLANS)


@exercise("kpi9.5", hint="ex.kpi9.5.hint", kind="number", tol=0.03, style="rerun")
def highest_to_median_plan_c_2025(ds):
    """Plan C tried on 2025 alone: the highest pay a month / the median's (shown with one decimal)."""
    pay = _comparison(ds).attrs["payouts"]["accel_nocap"]
    return float(plan_summary(pay, potential=_potential(ds), years=[2025])["max_to_median"])


@exercise("kpi9.6", hint="ex.kpi9.6.hint", kind="number", tol=0.01, style="read")
def most_potential_per_plan(ds):
    """The largest territory potential per unit of the yearly revenue plan, 2024–2025 (shown with one decimal)."""
    fair = territory_fairness(_comparison(ds).attrs["payouts"]["accel_nocap"], _potential(ds), years=YEARS)
    return float(fair["potential_per_target"].max())


@exercise("kpi9.7", hint="ex.kpi9.7.hint", kind="number", tol=0.002, style="analyst")
def cap_saving(ds):
    """Plan C's variable pay over 2024–2025 minus that of plan C capped at 150 % (money)."""
    capped = plan_summary(_capped(ds), years=YEARS)["variable_pay"]
    return float(_row(ds, "accel_nocap")["variable_pay"] - capped)
