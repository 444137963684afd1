"""Topic 8 widget (program 004): the window, the value of a point and the costs → the programme's ROI."""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from kbcore.analyses.loyalty_programme import (
    LoyaltyTemplate,
    ProgrammeKPIs,
    load_loyalty_template,
    programme_cost,
    programme_effect,
    programme_roi,
)
from kbcore.charts.loyalty_programme import plot_estimates
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.schema import C
from kbcore.views.loyalty_programme import cost_table, effect_table, effect_text, roi_text

__all__ = ["roi_explorer"]

_STYLE = {"description_width": "initial"}


def roi_explorer(facts: Facts, loyalty: pd.DataFrame | None, kpis: ProgrammeKPIs,
                 clients: pd.DataFrame | None = None, *, template: LoyaltyTemplate | None = None,
                 window: int | None = None, controls: str = "never", match_on=(C.segment,),
                 revenue_bands: int = 4, active_recent: int = 3, currency: str = "EUR",
                 lang: str = "en") -> widgets.VBox:
    """The before/after window, the value of a point and the programme's costs that redraw its ROI.

    A slider sets the window W in months (the effect is recomputed with
    :func:`~kbcore.analyses.loyalty_programme.programme_effect`, once per window: the results are
    kept), three number fields the value of a redeemed point, the fixed cost a year and the cost
    per member a year (:func:`~kbcore.analyses.loyalty_programme.programme_cost`), and a fourth the
    margin rate used when the sales have no cost. Every change shows the naive and DiD estimates,
    the cost table, the ROI paragraph and the estimates chart.

    Parameters
    ----------
    facts : Facts
        The notebook's facts.
    loyalty, clients : DataFrame
        ``ds.loyalty``, ``ds.clients``.
    kpis : ProgrammeKPIs
        :func:`~kbcore.analyses.loyalty_programme.programme_kpis` of the notebook.
    template : LoyaltyTemplate, optional
        The starting costs (default: the packaged example template).
    window : int, optional
        The starting window (default the template's).
    controls, match_on, revenue_bands, active_recent
        As in :func:`~kbcore.analyses.loyalty_programme.programme_effect`.
    currency : str
        The currency of the money (EUR for the Bulgarian company).

    Returns
    -------
    VBox
        With ``box.window`` (slider), ``box.value_per_point``, ``box.fixed``, ``box.per_member``,
        ``box.margin`` (number fields), ``box.summary`` (HTML), ``box.output`` (tables and chart),
        ``box.current`` (the latest ``ProgrammeROI``) and ``box.effect`` (the latest effect), for
        tests and trainers.
    """
    tpl = template if template is not None else load_loyalty_template()
    layout = widgets.Layout(width="420px")
    win = widgets.IntSlider(value=int(window or tpl.window_months), min=1, max=36, step=1, continuous_update=False,
                            description=t("loyalty_programme.widget.window", lang), style=_STYLE, layout=layout)

    def number(value, key, step):
        return widgets.BoundedFloatText(value=float(value), min=0.0, max=1e9, step=step,
                                        description=t(f"loyalty_programme.widget.{key}", lang), style=_STYLE,
                                        layout=layout)

    vpp = number(tpl.value_per_point, "value_per_point", 0.001)
    fixed = number(tpl.fixed_cost_per_year, "fixed", 1000.0)
    per = number(tpl.cost_per_member_per_year, "per_member", 1.0)
    margin = widgets.BoundedFloatText(value=float(tpl.margin_rate), min=0.0, max=1.0, step=0.01,
                                      description=t("loyalty_programme.widget.margin", lang), style=_STYLE,
                                      layout=layout)
    summary = widgets.HTML()
    out = widgets.Output()
    effects: dict[int, object] = {}

    def redraw(_change=None):
        w = int(win.value)
        if w not in effects:
            effects[w] = programme_effect(facts, loyalty, clients, window=w, controls=controls,
                                          match_on=match_on, revenue_bands=revenue_bands,
                                          active_recent=active_recent)
        effect = effects[w]
        cost = programme_cost(kpis, value_per_point=vpp.value, fixed_cost_per_year=fixed.value,
                              cost_per_member_per_year=per.value)
        roi = programme_roi(effect, kpis, cost, margin_rate=margin.value)
        summary.value = (html.escape(effect_text(effect, lang, currency=currency)) + "<br><br>"
                         + html.escape(roi_text(roi, lang, currency=currency, is_example=tpl.example)))
        box.current, box.effect = roi, effect
        out.clear_output(wait=True)
        with out:
            display(effect_table(effect, lang, currency=currency))
            display(cost_table(cost, lang, currency=currency, is_example=tpl.example))
            _fig, ax = plt.subplots()
            plot_estimates(effect, currency=currency, lang=lang, ax=ax)
            plt.show()

    box = widgets.VBox([win, vpp, fixed, per, margin, summary, out])
    box.window, box.value_per_point, box.fixed, box.per_member, box.margin = win, vpp, fixed, per, margin
    box.summary, box.output = summary, out
    box.current, box.effect = None, None
    for control in (win, vpp, fixed, per, margin):
        control.observe(redraw, names="value")
    redraw()
    return box
