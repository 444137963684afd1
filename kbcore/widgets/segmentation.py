"""Block 6 widgets: ABC cut sliders (and a measure selector) that redraw the ABC chart and table."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display

from kbcore.analyses.segmentation import abc, abc_summary
from kbcore.charts.segmentation import plot_abc
from kbcore.i18n import fmt_pct, t
from kbcore.views import display as ui
from kbcore.views.labels import measure_label
from kbcore.views.segmentation import clients_text

__all__ = ["abc_explorer"]


def abc_explorer(table, *, measures=("revenue", "gross_margin", "profit"), measure: str = "revenue",
                 cuts=(0.8, 0.95), lang: str = "en") -> widgets.VBox:
    """Two sliders for the ABC cuts (A up to, B up to) and a measure selector.

    Every change recomputes :func:`~kbcore.analyses.segmentation.abc` on ``table`` and redraws the
    chart and the summary table.

    Parameters
    ----------
    table : DataFrame
        A client table with the measures (e.g. block 1's ``client_pnl``).
    measures : tuple of str
        Measures offered in the selector (those absent or all unknown in ``table`` are dropped).
    measure, cuts, lang
        Start values.

    Returns
    -------
    VBox
        With ``box.sliders`` (dict ``"a"``, ``"b"``), ``box.measure`` (the selector),
        ``box.summary`` (HTML line), ``box.output`` (chart and table) and ``box.current``
        (the latest ``abc_summary``) exposed for tests and trainers. When the A slider is moved
        to or past the B slider, B is pushed up (cuts must satisfy a < b).
    """
    offered = [m for m in measures if m in table.columns and table[m].notna().any()]
    if measure not in offered:
        offered = [measure, *offered] if measure in table.columns else offered
    if not offered:
        raise ValueError("the table has none of the measures " + ", ".join(measures))
    start = measure if measure in offered else offered[0]
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="480px")
    sliders = {
        "a": widgets.FloatSlider(value=float(cuts[0]), min=0.5, max=0.95, step=0.01,
                                 description=t("widget.abc.cut_a", lang), style=style, layout=layout,
                                 continuous_update=False, readout_format=".0%"),
        "b": widgets.FloatSlider(value=float(cuts[1]), min=0.6, max=0.99, step=0.01,
                                 description=t("widget.abc.cut_b", lang), style=style, layout=layout,
                                 continuous_update=False, readout_format=".0%"),
    }

    selector = widgets.Dropdown(options=[(measure_label(m, lang), m) for m in offered], value=start,
                                description=t("widget.abc.measure", lang), style=style)
    summary = widgets.HTML()
    out = widgets.Output()

    def redraw(_change=None):
        a, b = float(sliders["a"].value), float(sliders["b"].value)
        if b <= a:
            b = min(0.99, round(a + 0.05, 2))
            sliders["b"].value = b  # triggers a redraw of its own
            return
        result = abc_summary(abc(table, measure=selector.value, cuts=(a, b)))
        row = result.set_index("abc")
        summary.value = t("widget.abc.summary", lang,
                          a=clients_text(row.loc["A", "clients"], lang),
                          a_share=fmt_pct(row.loc["A", "value_share"], lang),
                          b=clients_text(row.loc["B", "clients"], lang),
                          c=clients_text(row.loc["C", "clients"], lang))
        out.clear_output(wait=True)
        with out:
            fig, ax = plt.subplots()
            plot_abc(result, lang=lang, ax=ax)
            plt.show()

            display(ui.styled(result, lang, money=["value"], pct=["value_share"]))
        box.current = result

    for s in sliders.values():
        s.observe(redraw, names="value")
    selector.observe(redraw, names="value")
    box = widgets.VBox([selector, *sliders.values(), summary, out])
    box.sliders = sliders
    box.measure = selector
    box.summary = summary
    box.output = out
    box.current = None
    redraw()
    return box
