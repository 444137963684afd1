"""Topic 4 widgets (program 004): the weights, the discount rate and the horizon.

The recency weights redraw the weighted value and the map; the discount rate and the horizon
redraw the CLV table.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from kbcore.analyses.clv import (
    DEFAULT_YEAR_WEIGHTS,
    client_clv,
    map_cells,
    value_potential_map,
    value_trend,
    weighted_client_value,
)
from kbcore.charts.clv import plot_value_map
from kbcore.i18n import t
from kbcore.views.clv import (
    clv_settings_text,
    clv_table,
    map_table,
    measure_note,
    top_clients_table,
)

__all__ = ["value_explorer", "clv_explorer"]

_STYLE = {"description_width": "initial"}


def value_explorer(yearly: pd.DataFrame, clients: pd.DataFrame | None = None, *,
                   weights=DEFAULT_YEAR_WEIGHTS, value_cut="median", potential_cut="median",
                   since_first: bool = False, currency: str = "EUR", top: int = 15,
                   lang: str = "en") -> widgets.VBox:
    """Five recency weights (one slider per year, oldest → newest) that redraw the weighted value.

    Every change recomputes :func:`~kbcore.analyses.clv.weighted_client_value` on the same
    ``yearly`` table, the trend, the value × potential map
    (:func:`~kbcore.analyses.clv.value_potential_map` with ``clients``' potential) and shows
    the weights used (normalised), the most valuable clients, the map's cells and its chart.

    Parameters
    ----------
    yearly : DataFrame
        :func:`~kbcore.analyses.clv.client_yearly_value` of the notebook's facts.
    clients : DataFrame, optional
        ``ds.clients`` (names, potential).
    weights : sequence of float
        The starting weights, oldest → newest (only the newest ``len(years)`` are used).
    value_cut, potential_cut, since_first
        As in the analyses.
    currency : str
        The currency of the money (EUR for the Bulgarian company).

    Returns
    -------
    VBox
        With ``box.sliders`` (list, oldest → newest), ``box.note`` (HTML), ``box.table``
        (HTML), ``box.output`` (map table and chart), ``box.current`` (the latest weighted
        table) and ``box.map`` (the latest map), for tests and trainers.
    """
    years = list(yearly.attrs.get("years") or sorted(pd.unique(yearly["year"]).tolist()))
    w = [float(v) for v in weights][-len(years):] if years else []
    layout = widgets.Layout(width="420px")
    sliders = [widgets.FloatSlider(value=v, min=0.0, max=1.0, step=0.05, continuous_update=False,
                                   description=t("clv.widget.weight", lang, year=y), style=_STYLE, layout=layout)
               for y, v in zip(years[-len(w):] if w else [], w, strict=True)]
    note = widgets.HTML()
    table = widgets.HTML()
    out = widgets.Output()

    def redraw(_change=None):
        values = [s.value for s in sliders]
        if not sliders or sum(values) <= 0:
            note.value = html.escape(t("clv.widget.weights_zero", lang))
            return
        weighted = weighted_client_value(yearly, values, since_first=since_first)
        trend = value_trend(yearly)
        vmap = value_potential_map(weighted, clients, value_cut=value_cut, potential_cut=potential_cut)
        used = ", ".join(f"{y}: {v:.0%}" for y, v in weighted.attrs["weights"].items())
        note.value = html.escape(measure_note(yearly, lang)) + "<br>" + html.escape(
            t("clv.widget.weights_used", lang, weights=used))
        table.value = top_clients_table(weighted, trend, lang, clients=clients, currency=currency,
                                        top=top).to_html(index=False, escape=True)
        box.current, box.map = weighted, vmap
        out.clear_output(wait=True)
        with out:
            display(map_table(map_cells(vmap), lang, currency=currency))
            fig, ax = plt.subplots()
            plot_value_map(vmap, currency=currency, lang=lang, ax=ax)
            plt.show()

    box = widgets.VBox([*sliders, note, table, out])
    box.sliders, box.note, box.table, box.output = sliders, note, table, out
    box.current, box.map = None, None
    for s in sliders:
        s.observe(redraw, names="value")
    redraw()
    return box


def clv_explorer(summary: pd.DataFrame, model, spend_model=None, clients: pd.DataFrame | None = None, *,
                 discount_rate: float = 0.10, discount_period: str = "Y", horizon: int = 36, step: str = "M",
                 margin: float = 1.0, period: str = "Y", currency: str = "EUR", top: int = 15,
                 lang: str = "en") -> widgets.VBox:
    """The yearly discount rate, the horizon (in ``step`` units) and the margin → the CLV table.

    Every change recomputes :func:`~kbcore.analyses.clv.client_clv` with the fitted models and
    shows the assumptions in words (:func:`~kbcore.views.clv.clv_settings_text`) and the top
    ``top`` clients (:func:`~kbcore.views.clv.clv_table`).

    Parameters
    ----------
    summary : DataFrame
        :func:`~kbcore.analyses.clv.clv_summary`.
    model, spend_model
        The fitted purchase model (BG/NBD or Pareto/NBD, unit known) and Gamma-Gamma (optional).
    discount_rate, discount_period, horizon, step, margin, period
        The starting values (the notebook's parameters).

    Returns
    -------
    VBox
        With ``box.rate``, ``box.horizon``, ``box.margin`` (sliders), ``box.summary`` (HTML),
        ``box.table`` (HTML) and ``box.current`` (the latest :func:`client_clv` table).
    """
    layout = widgets.Layout(width="480px")
    rate = widgets.FloatSlider(value=float(discount_rate), min=0.0, max=0.30, step=0.01, readout_format=".0%",
                               continuous_update=False, style=_STYLE, layout=layout,
                               description=t("clv.widget.rate", lang, per=t(f"clv.per.{discount_period}", lang)))
    length = widgets.IntSlider(value=int(horizon), min=1, max=max(120, int(horizon)), step=1, continuous_update=False,
                               style=_STYLE, layout=layout,
                               description=t("clv.widget.horizon", lang, steps=t(f"clv.steps.{step}", lang)))
    share = widgets.FloatSlider(value=float(margin), min=0.05, max=1.0, step=0.05, readout_format=".0%",
                                continuous_update=False, style=_STYLE, layout=layout,
                                description=t("clv.widget.margin", lang))
    summary_line = widgets.HTML()
    table = widgets.HTML()

    def redraw(_change=None):
        tab = client_clv(summary, model, spend_model, period=period, horizon=int(length.value), step=step,
                         discount_rate=float(rate.value), discount_period=discount_period, margin=float(share.value))
        summary_line.value = html.escape(clv_settings_text(tab, lang))
        table.value = clv_table(tab, lang, clients=clients, currency=currency, top=top).to_html(index=False,
                                                                                                escape=True)
        box.current = tab

    box = widgets.VBox([rate, length, share, summary_line, table])
    box.rate, box.horizon, box.margin, box.summary, box.table = rate, length, share, summary_line, table
    box.current = None
    for control in (rate, length, share):
        control.observe(redraw, names="value")
    redraw()
    return box
