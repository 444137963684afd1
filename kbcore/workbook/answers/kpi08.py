"""Expected answers of program 004, topic 8's exercises (solutions/kpi/08_loyalty_programme.py).

Each answer is computed through the same kbcore functions the topic's workbook uses, on the
Bulgarian demo company (``kpi…`` ids: :func:`kbcore.workbook.checks.demo_company`), so a change
in an analysis or in the demo data changes the expected answer with it; nothing here is a
hard-coded number. A choice's answer is the number of the option the data's answer is, in the
order the exercise lists them.

The exercises follow the topic's story: the participation rate (kpi8.1), the breakage (kpi8.2),
the difference in differences' uplift (kpi8.3), where the naive comparison lies against its
interval (kpi8.4), the uplift with a 6-month window (kpi8.5), the return with a dearer point
(kpi8.6) and, for the analyst, the share of the members in the estimate whose own sales grew more
than their comparable non-members' (kpi8.7).
"""

from __future__ import annotations

from kbcore.analyses.loyalty_programme import (
    load_loyalty_template,
    programme_cost,
    programme_effect,
    programme_kpis,
    programme_roi,
)
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

POSITIONS = ("inside", "above", "below")
"""The options of exercise kpi8.4 (where the naive gap lies against the DiD's interval), in the order its text
lists them."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _kpis(ds):
    return once(ds, "kpi8.kpis", lambda: programme_kpis(_facts(ds), ds.loyalty))


def _template():
    return load_loyalty_template()


def _effect(ds, window: int = 12):
    return once(ds, f"kpi8.effect.{window}", lambda: programme_effect(_facts(ds), ds.loyalty, ds.clients,
                                                                      window=window))


def _cost(ds, value_per_point: float):
    tpl = _template()
    return programme_cost(_kpis(ds), value_per_point=value_per_point, fixed_cost_per_year=tpl.fixed_cost_per_year,
                          cost_per_member_per_year=tpl.cost_per_member_per_year)


@exercise("kpi8.1", hint="ex.kpi8.1.hint", kind="share", tol=0.002, style="read")
def participation_rate(ds):
    """Members among the clients who bought in the last 12 months / those clients."""
    return float(_kpis(ds).participation_rate)


@exercise("kpi8.2", hint="ex.kpi8.2.hint", kind="share", tol=0.002, style="read")
def breakage(ds):
    """Points expired unused / points issued."""
    return float(_kpis(ds).breakage)


@exercise("kpi8.3", hint="ex.kpi8.3.hint", kind="share", tol=0.002, style="read")
def did_uplift(ds):
    """The difference in differences per member / the members' mean sales before joining (12 months)."""
    return float(_effect(ds).relative_uplift)


@exercise("kpi8.4", hint="ex.kpi8.4.hint", kind="choice", options=len(POSITIONS), style="read")
def naive_against_interval(ds):
    """Option of where the naive gap lies against the difference in differences' 95 % interval."""
    e = _effect(ds)
    where = "above" if e.naive > e.ci_high else "below" if e.naive < e.ci_low else "inside"
    return option_number("kpi8.4", where, POSITIONS)


@exercise("kpi8.5", hint="ex.kpi8.5.hint", kind="share", tol=0.002, style="rerun")
def did_uplift_six_months(ds):
    """The relative uplift with 6 months before and after joining."""
    return float(_effect(ds, 6).relative_uplift)


@exercise("kpi8.6", hint="ex.kpi8.6.hint", kind="share", tol=0.005, style="rerun")
def roi_at_two_cents(ds):
    """The programme's return a year when a redeemed point costs us 0.02 (the template's other costs)."""
    tpl = _template()
    return float(programme_roi(_effect(ds), _kpis(ds), _cost(ds, 0.02), margin_rate=tpl.margin_rate).roi)


@exercise("kpi8.7", hint="ex.kpi8.7.hint", kind="share", tol=0.002, style="analyst")
def members_with_positive_effect(ds):
    """Share of the members in the estimate whose own difference (d) is above zero."""
    used = _effect(ds).members
    used = used.loc[used["status"] == "used", "d"]
    return float((used > 0).mean()) if len(used) else float("nan")
