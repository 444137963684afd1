"""Topic 9 widget (program 004): pick a plan, change its parameters, see what it pays."""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd

from kbcore.analyses.incentives import compare_plans, plan_summary, plan_with, simulate, yearly_pay
from kbcore.charts.incentives import plot_payouts
from kbcore.i18n import t
from kbcore.views.incentives import comparison_table, kpi_label, payout_table, plan_text, quota_text

__all__ = ["plan_simulator"]


def plan_simulator(results: pd.DataFrame, plans, *, potential: pd.Series | None = None,
                   years=None, currency: str = "EUR", quota_band=(0.6, 0.7),
                   lang: str = "en") -> widgets.VBox:
    """One plan's parameters on sliders; its pay per manager and the plans side by side.

    A drop-down picks a plan of ``plans``; sliders set its threshold, the share paid at the
    threshold, the accelerator above 100 %, the cap on attainment (0: none) and, for a plan of
    two KPIs or more, the weight of its first KPI (the others keep their proportions). Every
    change simulates the changed plan on the same ``results`` (nothing is read again:
    :func:`~kbcore.analyses.incentives.plan_with`, :func:`~kbcore.analyses.incentives.simulate`)
    and shows the plan in a sentence, the share at plan against the rule of thumb, the pay per
    manager (table and chart) and the side-by-side table of every plan with the changed one
    next to them.

    Parameters
    ----------
    results : DataFrame
        :func:`~kbcore.analyses.incentives.manager_results` of the notebook's facts.
    plans : sequence of Plan
        :func:`~kbcore.analyses.incentives.load_incentive_plans_template`.
    potential : Series, optional
        :func:`~kbcore.analyses.incentives.territory_potential` (for the fairness figures).
    years : iterable, optional
        The years judged (default all).
    currency : str
        The currency of the money (EUR for the Bulgarian company).

    Returns
    -------
    VBox
        With ``box.plan`` (drop-down), ``box.threshold``, ``box.floor``, ``box.accelerator``,
        ``box.cap``, ``box.weight`` (sliders), ``box.text``, ``box.payouts``, ``box.table`` (HTML),
        ``box.chart`` (Output), ``box.current`` (the changed Plan) and ``box.comparison`` (the
        latest side-by-side table), for tests and trainers.
    """
    plans = list(plans)
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="480px")

    def slider(key, lo, hi, step, fmt=".0%", **kw):
        return widgets.FloatSlider(min=lo, max=hi, step=step, description=t(key, lang, **kw),
                                   style=style, layout=layout, continuous_update=False,
                                   readout_format=fmt)

    pick = widgets.Dropdown(options=[(p.label(lang), i) for i, p in enumerate(plans)], value=0,
                            description=t("incentives.widget.plan", lang), style=style, layout=layout)
    threshold = slider("incentives.widget.threshold", 0.0, 1.0, 0.05)
    floor = slider("incentives.widget.floor", 0.0, 1.0, 0.05)
    accelerator = slider("incentives.widget.accelerator", 0.0, 4.0, 0.25, ".2f")
    cap = slider("incentives.widget.cap", 0.0, 3.0, 0.1)
    weight = slider("incentives.widget.weight", 0.0, 1.0, 0.05, kpi="")
    text, quota, payouts, table = widgets.HTML(), widgets.HTML(), widgets.HTML(), widgets.HTML()
    chart = widgets.Output()
    busy = {"loading": False}

    def load(_change=None):
        plan = plans[pick.value]
        busy["loading"] = True
        threshold.value, floor.value = plan.threshold, plan.payout_at_threshold
        accelerator.value = plan.accelerator
        cap.value = plan.cap if plan.cap_kind == "attainment" else 0.0
        kpis = list(plan.weights)
        weight.disabled = len(kpis) < 2
        weight.description = t("incentives.widget.weight", lang, kpi=kpi_label(kpis[0], lang))
        weight.value = plan.weights[kpis[0]]
        for control in (threshold, floor, accelerator, cap):
            control.disabled = plan.mechanic != "quota"
        busy["loading"] = False
        redraw()

    def changed_plan():
        plan = plans[pick.value]
        changes = {}
        if plan.mechanic == "quota":
            changes.update(threshold=threshold.value, payout_at_threshold=floor.value,
                           accelerator=accelerator.value)
            if cap.value >= 1.0:
                changes.update(cap_kind="attainment", cap=cap.value)
            elif plan.cap_kind == "attainment":
                changes.update(cap_kind=None)
        kpis = plan.weights
        if len(kpis) >= 2:
            first, rest = next(iter(kpis)), [k for k in kpis if k != next(iter(kpis))]
            others = sum(kpis[k] for k in rest)
            new = {first: weight.value}
            for k in rest:
                new[k] = (1 - weight.value) * (kpis[k] / others if others > 0 else 1 / len(rest))
            if sum(new.values()) > 0:
                changes["kpis"] = new
        out = plan_with(plan, **changes)
        return plan_with(out, name={lg: t("incentives.widget.changed", lg, plan=plan.label(lg))
                                    for lg in ("en", "ru", "bg")}, id=f"{plan.id}_changed")

    def redraw(_change=None):
        if busy["loading"]:
            return
        plan = changed_plan()
        pay = simulate(results, plan)
        summary = plan_summary(pay, potential=potential, years=years, quota_band=quota_band)
        text.value = html.escape(plan_text(plan, lang, currency=currency))
        quota.value = html.escape(quota_text(summary, lang, quota_band=quota_band))
        chosen = pay if years is None else pay.loc[pay["period"].str.slice(0, 4).isin(
            [str(y) for y in years])]
        chosen.attrs = dict(pay.attrs)
        payouts.value = payout_table(chosen, lang, currency=currency).to_html(index=False, escape=True)
        comparison = compare_plans(results, [*plans, plan], potential=potential, years=years,
                                   quota_band=quota_band)
        table.value = comparison_table(comparison, lang, currency=currency).to_html(index=False,
                                                                                   escape=True)
        with chart:
            chart.clear_output(wait=True)
            plot_payouts(yearly_pay(chosen), currency=currency, lang=lang)
            plt.show()
        box.current, box.comparison = plan, comparison

    pick.observe(load, names="value")
    for control in (threshold, floor, accelerator, cap, weight):
        control.observe(redraw, names="value")
    box = widgets.VBox([pick, threshold, floor, accelerator, cap, weight, text, quota, chart,
                        payouts, table])
    box.plan, box.threshold, box.floor, box.accelerator = pick, threshold, floor, accelerator
    box.cap, box.weight, box.text, box.quota = cap, weight, text, quota
    box.payouts, box.table, box.chart = payouts, table, chart
    box.current, box.comparison = None, None
    load()
    return box
