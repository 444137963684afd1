"""Block 7 widget: sliders for the matrix criteria's weights and the cut lines that redraw the matrix."""

from __future__ import annotations

import dataclasses

import ipywidgets as widgets
import matplotlib.pyplot as plt

from kbcore.analyses.ka_portfolio import portfolio_scores, quadrant_summary
from kbcore.charts.key_accounts import plot_ka_matrix
from kbcore.i18n import t, tn
from kbcore.views.key_accounts import accounts_text, criterion_label, quadrant_label

__all__ = ["matrix_explorer"]


def matrix_explorer(measures, template, *, manual=None, key_accounts=None, candidates: bool = False,
                    lang: str = "en") -> widgets.VBox:
    """One slider per criterion weight (0–1) and one per cut line (1–10) that redraw the matrix.

    Every change recomputes :func:`~kbcore.analyses.ka_portfolio.portfolio_scores` on the same
    ``measures`` (nothing is read again) with the sliders' weights and the template's cut lines
    moved, then redraws :func:`~kbcore.charts.key_accounts.plot_ka_matrix` and a line with the key
    accounts per quadrant. A manual criterion without scores keeps its slider but has no effect.

    Returns
    -------
    VBox
        With ``box.weights`` (dict criterion → slider), ``box.cuts`` (dict axis → slider),
        ``box.summary`` (HTML line) and ``box.current`` (the latest PortfolioResult), for tests
        and trainers. When every weight of an axis is 0 the summary says so and nothing is redrawn.
    """
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="480px")
    weights = {c.id: widgets.FloatSlider(value=float(c.weight), min=0.0, max=1.0, step=0.05,
                                         description=criterion_label(c.id, lang), style=style, layout=layout,
                                         continuous_update=False)
               for c in template.criteria}
    cuts = {axis: widgets.FloatSlider(value=float(template.cut_lines[axis]), min=1.0, max=10.0, step=0.5,
                                      description=t(f"ka7.widget.cut_{axis}", lang), style=style, layout=layout,
                                      continuous_update=False)
            for axis in ("attractiveness", "strength")}
    summary = widgets.HTML()
    out = widgets.Output()

    def redraw(_change=None):
        current = dataclasses.replace(template, cut_lines={a: float(s.value) for a, s in cuts.items()})
        try:
            result = portfolio_scores(measures, current, manual=manual,
                                      weights={k: float(s.value) for k, s in weights.items()})
        except ValueError:
            summary.value = t("ka7.matrix.empty", lang)
            return
        table = quadrant_summary(result.table, measures, result.quadrants, key_accounts)
        counts = "; ".join(f"{quadrant_label(q, lang)} — {n}" for q, n in
                           zip(table["quadrant"], table["key_accounts"], strict=True))
        n = int(table["key_accounts"].sum())
        summary.value = (t("ka7.widget.summary", lang, counts=counts) + " (" + accounts_text(n, candidates, lang)
                         + ", " + tn("ui.count.clients", int(table["clients"].sum()), lang) + ")")
        out.clear_output(wait=True)
        with out:
            fig, ax = plt.subplots()
            plot_ka_matrix(result, measures, key_accounts=key_accounts, candidates=candidates, lang=lang, ax=ax)
            plt.show()
        box.current = result

    for s in [*weights.values(), *cuts.values()]:
        s.observe(redraw, names="value")
    box = widgets.VBox([*weights.values(), *cuts.values(), summary, out])
    box.weights = weights
    box.cuts = cuts
    box.summary = summary
    box.current = None
    redraw()
    return box
