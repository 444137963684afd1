"""Block 5 widget: the growth goal slider that redraws the plan by segment («управление будущим»)."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt

from kbcore.analyses.planning import Goals, plan_by_client, plan_by_segment
from kbcore.charts.creation import plot_plan_by_segment
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views.planning import plan_summary_text

__all__ = ["plan_explorer"]


def plan_explorer(facts: Facts, clients=None, *, goals: Goals | None = None,
                  year: int | None = None, lang: str = "en", **plan_kwargs) -> widgets.VBox:
    """Sliders for the growth goal and the new-clients goal that redraw the plan by segment.

    ``facts`` is the notebook's :class:`~kbcore.facts.Facts`: a slider move re-plans from its
    (already reduced) facts, never from the sales lines.

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
        plan = plan_by_client(facts, clients, goals=current, year=year, **plan_kwargs)
        seg = plan_by_segment(plan, facts=facts, clients=clients)
        summary.value = plan_summary_text(plan, lang)
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
