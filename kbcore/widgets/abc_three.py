"""Program 004, topic 2 widget: the three cut levels and the measure of the ABC by three measures."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display

from kbcore.analyses.abc_three import (
    ABC3_CLASSES,
    COMBINATIONS,
    classify,
    client_measures,
    combination_clients,
    combination_summary,
)
from kbcore.charts.abc_three import plot_class_heatmap
from kbcore.i18n import t, tn
from kbcore.views.abc_three import (
    class_table,
    clients_view,
    combination_label,
    measure_note,
    missing_notes,
    strategy_label,
)

__all__ = ["abc_three_explorer"]


def abc_three_explorer(facts, clients=None, products=None, *, measure: str = "value",
                       sales_cuts=(0.8, 0.95), potential_cuts=(0.8, 0.95), share_thresholds=(0.5, 0.2),
                       sales_class: str = "A", combination: str = "A-A-C", currency: str = "EUR",
                       start=None, end=None, months: int | None = 12, max_rows: int = 20,
                       lang: str = "en") -> widgets.VBox:
    """The measure, the three cut levels, the sales class shown and the combination whose clients are listed.

    The measure is value or volume; the three range sliders are the sales cuts, the potential cuts
    and the share thresholds.

    Every change recomputes :func:`~kbcore.analyses.abc_three.classify` (the client measures of
    each measure are computed once, by :func:`~kbcore.analyses.abc_three.client_measures`) and
    redraws the 3 × 3 heatmap of the chosen sales class
    (:func:`~kbcore.charts.abc_three.plot_class_heatmap`), its table and the client list of the
    chosen combination.

    Parameters
    ----------
    facts : Facts
        The notebook's facts.
    clients, products : DataFrame, optional
        ``ds.clients`` (potential, wallet, in money and units) and ``ds.products`` (unit).
    measure, sales_cuts, potential_cuts, share_thresholds, sales_class, combination
        Start values (share thresholds as (A from, B from)).
    currency : str
        The currency of the money shown (EUR for the Bulgarian company).
    start, end, months
        The window (see :func:`~kbcore.analyses.abc_three.client_measures`).

    Returns
    -------
    VBox
        With ``box.measure``, ``box.sliders`` (dict ``"sales"``, ``"potential"``, ``"share"``),
        ``box.sales_class``, ``box.combination``, ``box.note`` (HTML), ``box.output`` (heatmap and
        table), ``box.clients`` (the list), ``box.current`` (the latest ``classify`` result) and
        ``box.summary`` (its ``combination_summary``) exposed for tests and trainers.
    """
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="520px")
    measures_cache: dict[str, object] = {}

    def measures(kind: str):
        if kind not in measures_cache:
            measures_cache[kind] = client_measures(facts, clients, products, measure=kind, start=start,
                                                   end=end, months=months)
        return measures_cache[kind]

    chooser = widgets.ToggleButtons(options=[(t("abc_three.widget.value", lang), "value"),
                                             (t("abc_three.widget.volume", lang), "volume")],
                                    value=measure, description=t("abc_three.widget.measure", lang),
                                    style=style)
    sliders = {
        "sales": widgets.FloatRangeSlider(value=(float(sales_cuts[0]), float(sales_cuts[1])), min=0.5,
                                          max=0.99, step=0.01, readout_format=".0%",
                                          description=t("abc_three.widget.sales_cuts", lang), style=style,
                                          layout=layout, continuous_update=False),
        "potential": widgets.FloatRangeSlider(value=(float(potential_cuts[0]), float(potential_cuts[1])),
                                              min=0.5, max=0.99, step=0.01, readout_format=".0%",
                                              description=t("abc_three.widget.potential_cuts", lang),
                                              style=style, layout=layout, continuous_update=False),
        "share": widgets.FloatRangeSlider(value=(float(share_thresholds[1]), float(share_thresholds[0])),
                                          min=0.01, max=1.0, step=0.01, readout_format=".0%",
                                          description=t("abc_three.widget.share_thresholds", lang),
                                          style=style, layout=layout, continuous_update=False),
    }
    cls = widgets.ToggleButtons(options=list(ABC3_CLASSES), value=sales_class,
                                description=t("abc_three.widget.sales_class", lang), style=style)
    combo = widgets.Dropdown(options=[(f"{c} · {combination_label(c, lang)}", c) for c in COMBINATIONS],
                             value=combination, description=t("abc_three.widget.combination", lang),
                             style=style, layout=layout)
    note = widgets.HTML()
    out = widgets.Output()
    listing = widgets.Output()

    def cut(pair):
        a, b = float(pair[0]), float(pair[1])
        return (a, b) if b > a else (a, min(1.0, round(a + 0.01, 2)))

    def show_clients(_change=None):
        result = box.current
        if result is None:
            return
        part = combination_clients(result, combo.value)
        strategy = part["strategy"].iloc[0] if len(part) else None
        listing.clear_output(wait=True)
        with listing:
            display(widgets.HTML(tn("abc_three.widget.clients_of", len(part), lang, combination=combo.value,
                                    meaning=combination_label(combo.value, lang),
                                    strategy=strategy_label(strategy, lang))))
            if len(part):
                display(clients_view(part, lang, currency=currency, max_rows=max_rows))

    def show_class(_change=None):
        summary = box.summary
        if summary is None:
            return
        out.clear_output(wait=True)
        with out:
            fig, ax = plt.subplots()
            plot_class_heatmap(summary, cls.value, lang=lang, ax=ax)
            plt.show()
            display(class_table(summary, cls.value, lang, currency=currency))

    def redraw(_change=None):
        low, high = sliders["share"].value
        result = classify(measures(chooser.value), sales_cuts=cut(sliders["sales"].value),
                          potential_cuts=cut(sliders["potential"].value),
                          share_thresholds=(float(high), float(low)) if high > low
                          else (min(1.0, float(low) + 0.01), float(low)))
        box.current = result
        box.summary = combination_summary(result)
        note.value = "<br>".join([measure_note(result, lang), *missing_notes(result, lang)])
        show_class()
        show_clients()

    box = widgets.VBox([chooser, *sliders.values(), note, cls, out, combo, listing])
    box.measure = chooser
    box.sliders = sliders
    box.sales_class = cls
    box.combination = combo
    box.note = note
    box.output = out
    box.clients = listing
    box.current = None
    box.summary = None
    chooser.observe(redraw, names="value")
    for s in sliders.values():
        s.observe(redraw, names="value")
    cls.observe(show_class, names="value")
    combo.observe(show_clients, names="value")
    redraw()
    return box
