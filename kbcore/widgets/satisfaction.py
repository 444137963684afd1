"""Topic 7 widget (program 004): the cut (segment, manager, wave) and the confidence level of NPS."""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd

from kbcore.analyses.satisfaction import CSAT_SCALE, CUTS, satisfaction_by
from kbcore.charts.satisfaction import plot_nps_by_group
from kbcore.i18n import fmt_pct, t
from kbcore.views.satisfaction import by_note, by_table

__all__ = ["LEVELS", "nps_explorer"]

LEVELS = (0.80, 0.90, 0.95, 0.99)
"""The confidence levels offered."""

_STYLE = {"description_width": "initial"}


def nps_explorer(answers: pd.DataFrame, *, by: str = "segment", level: float = 0.95, wave="latest",
                 min_n: int = 30, csat_scale=CSAT_SCALE, top_box: int = 2, alpha: float = 0.05,
                 lang: str = "en") -> widgets.VBox:
    """NPS and CSAT by the cut and at the confidence level the user picks.

    A drop-down chooses the cut (segment, manager or wave), another the confidence level (80, 90,
    95 or 99 %); every change recomputes :func:`~kbcore.analyses.satisfaction.satisfaction_by`
    on the same ``answers`` (nothing is read again) and shows its note
    (:func:`~kbcore.views.satisfaction.by_note`), its table
    (:func:`~kbcore.views.satisfaction.by_table`) and the chart
    (:func:`~kbcore.charts.satisfaction.plot_nps_by_group`).

    Parameters
    ----------
    answers : DataFrame
        :func:`~kbcore.analyses.satisfaction.survey_answers` of the company.
    by, level, wave, min_n, csat_scale, top_box
        The starting values (the notebook's parameters), as in ``satisfaction_by``.
    alpha : float
        The significance level of the verdicts (default 0.05).

    Returns
    -------
    VBox
        With ``box.cut`` and ``box.level`` (drop-downs), ``box.note`` (HTML), ``box.table``
        (HTML), ``box.output`` (the chart) and ``box.current`` (the latest table).
    """
    layout = widgets.Layout(width="420px")
    cut = widgets.Dropdown(options=[(t(f"satisfaction.widget.cut.{c}", lang), c) for c in CUTS],
                           value=by if by in CUTS else "segment", description=t("satisfaction.widget.cut", lang),
                           style=_STYLE, layout=layout)
    levels = sorted({*LEVELS, float(level)})
    conf = widgets.Dropdown(options=[(fmt_pct(v, lang, 0), v) for v in levels], value=float(level),
                            description=t("satisfaction.widget.level", lang), style=_STYLE, layout=layout)
    note = widgets.HTML()
    table = widgets.HTML()
    out = widgets.Output()

    def redraw(_change=None):
        res = satisfaction_by(answers, by=cut.value, wave=wave, level=conf.value, min_n=min_n,
                              csat_scale=csat_scale, top_box=top_box)
        note.value = html.escape(by_note(res, lang, alpha=alpha))
        table.value = by_table(res, lang, alpha=alpha).to_html(index=False, escape=True)
        box.current = res
        out.clear_output(wait=True)
        with out:
            fig, ax = plt.subplots(figsize=(10, max(3.5, 0.45 * len(res) + 1.5)))
            plot_nps_by_group(res, lang=lang, ax=ax)
            plt.show()

    box = widgets.VBox([cut, conf, note, table, out])
    box.cut, box.level, box.note, box.table, box.output = cut, conf, note, table, out
    box.current = None
    for control in (cut, conf):
        control.observe(redraw, names="value")
    redraw()
    return box
