"""Views of planning («управление будущим»): the plan's summary in the people's words.

:mod:`kbcore.analyses.planning` returns numbers and ids (``unknown``, ``new_clients``); here
they become labelled rows and sentences. The plan is our model's (the clients' own trends plus
the goal spread over their headroom), never the company's own plan: the labels say so.
"""

from __future__ import annotations

import pandas as pd

from kbcore.i18n import fmt_money, t, tn
from kbcore.views.labels import people_labels

__all__ = ["plan_summary_table", "plan_summary_text", "plan_vs_actual_table"]

PACE_COLUMNS = ("expected", "pace")
"""The columns of plan-to-date: the same as plan and completion once the period is over."""


def plan_summary_table(plan: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The plan's totals as two columns ``figure`` (text) and ``value`` (money).

    The totals are :func:`~kbcore.analyses.planning.plan_by_client`'s ``attrs``; the money is to be
    formatted by the caller.

    Rows: revenue of the base year, the baselines, what the goal adds (0 when the baselines
    beat the goal), the new clients' plan, the model plan's total, its gross margin, and the
    margin goal when the goals have one.
    """
    a = plan.attrs
    rows = [
        (t("plan_summary.revenue_base", lang, year=a["base_year"]), a["revenue_base"]),
        (t("col.baseline", lang), a["baseline"]),
        (t("col.uplift", lang), max(a["gap"], 0.0)),
        (tn("plan_summary.new_clients", a["new_clients"], lang), a["new_plan"]),
        (t("plan_summary.total", lang, year=a["year"]), a["plan_total"]),
        (t("col.plan_margin", lang), a["plan_margin"]),
    ]
    goals = a.get("goals")
    if goals is not None and goals.margin_rate is not None:
        rows.append((t("plan_summary.margin_goal", lang), a["margin_goal"]))
    return pd.DataFrame(rows, columns=["figure", "value"])


def plan_summary_text(plan: pd.DataFrame, lang: str = "en") -> str:
    """One line (HTML) on the plan: total = baselines + added by the goal + new clients."""
    a = plan.attrs
    return t("widget.plan.summary", lang, year=a["year"],
             total=fmt_money(a["plan_total"], lang),
             baseline=fmt_money(a["baseline"], lang),
             gap=fmt_money(max(a["gap"], 0.0), lang),
             new=tn("plan.new_clients_count", a["new_clients"], lang),
             new_plan=fmt_money(a["new_plan"], lang))


def plan_vs_actual_table(pva: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.planning.plan_vs_actual` for people.

    The groups in the people's words (``new_clients`` reads "New clients"). Once the control
    period is over (its ``attrs`` say every day is covered), the plan to date equals the plan and
    the pace equals the completion: those two columns are left out rather than shown twice.
    The numbers are unchanged.
    """
    attrs = pva.attrs
    over = attrs.get("period_days") is not None and attrs.get("covered_days") == attrs.get("period_days")
    out = people_labels(pva.drop(columns=list(PACE_COLUMNS)) if over else pva, lang)
    out.attrs.update(attrs)
    return out
