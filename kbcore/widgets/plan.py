"""Block 5 widget: the growth goal slider that redraws the plan by segment («управление будущим»)."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt

from kbcore.analyses.planning import Goals, plan_by_client, plan_by_segment
from kbcore.charts.creation import plot_plan_by_segment
from kbcore.i18n import fmt_money, fmt_number, t

__all__ = ["plan_explorer"]


def plan_explorer(sales, clients=None, *, goals: Goals | None = None, year: int | None = None,
                  lang: str = "en", **plan_kwargs) -> widgets.VBox:
    """Sliders for the growth goal and the new-clients goal that redraw the plan by segment.

    ``box.sliders`` (dict ``growth``, ``new_clients``), ``box.summary`` (HTML line),
    ``box.plan`` and ``box.segments`` (the last results) are exposed for tests.
    """
    goals = goals or Goals()
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="480px")
    sliders = {
        "growth": widgets.FloatSlider(value=goals.growth, min=-0.2, max=0.6, step=0.01,
                                      readout_format=".0%", description=t("widget.plan.growth", lang),
                                      style=style, layout=layout, continuous_update=False),
        "new_clients": widgets.IntSlider(value=int(goals.new_clients), min=0, max=500, step=10,
                                         description=t("widget.plan.new_clients", lang),
                                         style=style, layout=layout, continuous_update=False),
    }
    summary = widgets.HTML()
    out = widgets.Output()

    def redraw(_change=None):
        current = Goals(growth=float(sliders["growth"].value), margin_rate=goals.margin_rate,
                        new_clients=int(sliders["new_clients"].value),
                        new_client_revenue=goals.new_client_revenue)
        plan = plan_by_client(sales, clients, goals=current, year=year, **plan_kwargs)
        seg = plan_by_segment(plan, sales=sales, clients=clients)
        a = plan.attrs
        summary.value = t("widget.plan.summary", lang, year=a["year"],
                          total=fmt_money(a["plan_total"], lang),
                          baseline=fmt_money(a["baseline"], lang),
                          gap=fmt_money(max(a["gap"], 0.0), lang),
                          new=fmt_number(a["new_clients"], lang),
                          new_plan=fmt_money(a["new_plan"], lang))
        out.clear_output(wait=True)
        with out:
            _fig, ax = plt.subplots()
            plot_plan_by_segment(seg, lang=lang, ax=ax)
            plt.show()
        box.plan, box.segments = plan, seg

    box = widgets.VBox([*sliders.values(), summary, out])
    box.sliders, box.summary = sliders, summary
    for s in sliders.values():
        s.observe(redraw, names="value")
    redraw()
    return box
