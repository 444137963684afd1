"""Block 1 widgets: the cost-to-serve sliders that redraw the whale curve."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt

from kbcore.analyses.profitability import CostToServeRates, client_pnl, whale_curve, whale_summary
from kbcore.charts.profitability import plot_whale_curve
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views.profitability import whale_summary_text

__all__ = ["cost_to_serve_explorer"]


def cost_to_serve_explorer(facts: Facts, clients=None, interactions=None, *,
                           rates: CostToServeRates | None = None, lang: str = "en", start=None,
                           end=None) -> widgets.VBox:
    """Sliders for the cost-to-serve rates that redraw the whale curve and its summary.

    ``facts`` is the notebook's :class:`~kbcore.facts.Facts`: a slider re-prices the same
    facts per client (kept by the context), it never reduces the sales lines again.

    Returns the widget box; ``box.sliders`` (a dict) and ``box.summary`` (the HTML line)
    are exposed for tests and for trainers who want to set values from code.
    """
    rates = rates or CostToServeRates()
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="480px")
    sliders = {
        "per_order": widgets.FloatSlider(value=rates.per_order, min=0, max=10000, step=250,
                                         description=t("widget.cts.per_order", lang), style=style,
                                         layout=layout, continuous_update=False),
        "per_delivery": widgets.FloatSlider(value=rates.per_delivery, min=0, max=15000, step=250,
                                            description=t("widget.cts.per_delivery", lang),
                                            style=style, layout=layout, continuous_update=False),
        "per_visit": widgets.FloatSlider(value=rates.per_visit, min=0, max=30000, step=500,
                                         description=t("widget.cts.per_visit", lang), style=style,
                                         layout=layout, continuous_update=False),
        "credit_rate": widgets.FloatSlider(value=rates.credit_rate, min=0, max=0.4, step=0.01,
                                           description=t("widget.cts.credit_rate", lang),
                                           style=style, layout=layout, continuous_update=False,
                                           readout_format=".0%"),
    }
    summary = widgets.HTML()
    out = widgets.Output()

    def redraw(_change=None):
        current = CostToServeRates(**{k: float(s.value) for k, s in sliders.items()})
        pnl = client_pnl(facts, clients, interactions, rates=current, start=start, end=end)
        curve = whale_curve(pnl)
        summ = whale_summary(curve)
        summary.value = whale_summary_text(summ, lang)
        out.clear_output(wait=True)
        with out:
            fig, ax = plt.subplots()
            plot_whale_curve(curve, summ, lang=lang, ax=ax)
            plt.show()
        box.current = (pnl, curve, summ)

    for s in sliders.values():
        s.observe(redraw, names="value")
    box = widgets.VBox([*sliders.values(), summary, out])
    box.sliders = sliders
    box.summary = summary
    redraw()
    return box
