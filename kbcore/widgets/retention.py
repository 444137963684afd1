"""Block 6 (part b) widgets.

The risk after the first order by any grouping, and the ease weights of the three money zones.

Each function returns the widget box with its controls and outputs exposed as attributes
(``box.controls``, ``box.output``, ``box.current``), so that tests and trainers can set values
from code.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display

from kbcore.analyses.money_zones import MoneyZones, ZoneRules, next_rouble
from kbcore.analyses.retention import GROUPINGS, second_order_conversion, time_to_second_order
from kbcore.charts.retention import plot_conversion, plot_time_to_second
from kbcore.i18n import t
from kbcore.schema import C
from kbcore.views import display as ui
from kbcore.views.money_zones import next_rouble_table

__all__ = ["retention_explorer", "zone_weights_explorer"]

_STYLE = {"description_width": "initial"}


def retention_explorer(new, *, lang: str = "en", by: str = C.acquisition_channel,
                       max_days: int = 365) -> widgets.VBox:
    """A grouping selector that redraws the second-order conversion and the Kaplan–Meier curves.

    The curves of the new clients (:func:`kbcore.analyses.retention.new_clients`).

    ``box.controls`` = {"by": Dropdown, "max_days": IntSlider}; ``box.current`` = (conversion,
    curve) of the last redraw.
    """
    by_select = widgets.Dropdown(
        options=[(t(f"ret.by.{g}", lang), g) for g in GROUPINGS], value=by,
        description=t("ret.widget.by", lang), style=_STYLE)
    days = widgets.IntSlider(value=max_days, min=30, max=730, step=30,
                             description=t("ret.widget.max_days", lang), style=_STYLE,
                             continuous_update=False, layout=widgets.Layout(width="420px"))
    out = widgets.Output()

    def redraw(_change=None):
        conv = second_order_conversion(new, by=by_select.value)
        curve = time_to_second_order(new, by=by_select.value)
        out.clear_output(wait=True)
        with out:
            fig, axes = plt.subplots(1, 2, figsize=(16, 5.5))
            plot_conversion(conv, lang=lang, ax=axes[0])
            plot_time_to_second(curve, lang=lang, ax=axes[1], max_days=days.value)
            plt.show()
        box.current = (conv, curve)

    by_select.observe(redraw, names="value")
    days.observe(redraw, names="value")
    box = widgets.VBox([widgets.HBox([by_select, days]), out])
    box.controls = {"by": by_select, "max_days": days}
    box.output = out
    redraw()
    return box


def zone_weights_explorer(zones: MoneyZones, *, lang: str = "en", top: int = 15
                          ) -> widgets.VBox:
    """Sliders for the three ease weights of the money zones.

    They re-rank "where the next rouble is easiest"
    (:func:`kbcore.analyses.money_zones.next_rouble`).

    ``box.controls`` = {"weight_active", "weight_inactive", "weight_market": FloatSlider};
    ``box.current`` = the ranked table of the last redraw (ids and numbers; only its ``top``
    rows are put in words).
    """
    rules = zones.rules
    sliders = {
        name: widgets.FloatSlider(value=getattr(rules, name), min=0.0, max=1.0, step=0.05,
                                  description=t(f"zone.widget.{name}", lang), style=_STYLE,
                                  continuous_update=False, layout=widgets.Layout(width="460px"))
        for name in ("weight_active", "weight_inactive", "weight_market")
    }
    out = widgets.Output()

    def redraw(_change=None):
        current = ZoneRules(window_days=rules.window_days,
                            impute_potential=rules.impute_potential,
                            **{k: float(s.value) for k, s in sliders.items()})
        ranked = next_rouble(zones, rules=current, top=top)
        shown = next_rouble_table(ranked, lang)
        out.clear_output(wait=True)
        with out:
            display(ui.styled(shown[["rank", "what", "label", "money", "weight", "ease_score",
                                     "why"]], lang, money=["money", "ease_score"],
                              max_rows=top))
        box.current = ranked

    for s in sliders.values():
        s.observe(redraw, names="value")
    box = widgets.VBox([*sliders.values(), out])
    box.controls = sliders
    box.output = out
    redraw()
    return box
