"""Topic 6 widget (program 004): pick a candidate segmentation and a behaviour measure, see its segments."""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt

from kbcore.analyses.segment_profit import BEHAVIOUR_MEASURES, SegmentationReview, segment_behaviour
from kbcore.charts.segment_profit import plot_behaviour
from kbcore.i18n import t
from kbcore.views.segment_profit import candidate_label, measure_label, segments_table, test_text

__all__ = ["segmentation_explorer"]


def segmentation_explorer(review: SegmentationReview, *, candidate: str | None = None, measure: str = "orders",
                          currency: str = "EUR", top: int = 12, lang: str = "en") -> widgets.VBox:
    """One candidate segmentation at a time: its segments' size and profit, and how they differ.

    A drop-down picks the candidate (those the data allows, best first), another the behaviour
    measure (revenue, order frequency, average order, margin %). Every change redraws, from the same
    ``review`` (nothing is computed again but the grouping): the segments' table
    (:func:`~kbcore.views.segment_profit.segments_table`), the test in a sentence
    (:func:`~kbcore.views.segment_profit.test_text`) and the boxes of the measure per segment
    (:func:`~kbcore.charts.segment_profit.plot_behaviour`).

    Parameters
    ----------
    review : SegmentationReview
        :func:`~kbcore.analyses.segment_profit.review_segmentations` of the notebook's facts.
    candidate : str, optional
        The one shown first (default the best).
    measure : str
        The behaviour measure shown first.
    currency : str
        The currency of the money (EUR for the Bulgarian company).

    Returns
    -------
    VBox
        With ``box.candidate`` and ``box.measure`` (drop-downs), ``box.summary`` (HTML line),
        ``box.table`` (HTML table), ``box.chart`` (Output) and ``box.current`` (the candidate's
        segment table), for tests and trainers.
    """
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="480px")
    names = list(review.summary["candidate"])
    first = candidate if candidate in names else (review.best or (names[0] if names else None))
    pick = widgets.Dropdown(options=[(candidate_label(c, lang), c) for c in names], value=first,
                            description=t("segment_profit.widget.candidate", lang), style=style, layout=layout)
    what = widgets.Dropdown(options=[(measure_label(m, lang), m) for m in BEHAVIOUR_MEASURES],
                            value=measure if measure in BEHAVIOUR_MEASURES else "orders",
                            description=t("segment_profit.widget.measure", lang), style=style, layout=layout)
    summary = widgets.HTML()
    table = widgets.HTML()
    chart = widgets.Output()

    def redraw(_change=None):
        cand = pick.value
        if cand is None:
            summary.value = html.escape(t("segment_profit.best.none", lang))
            table.value = ""
            box.current = None
            return
        seg = review.tables[cand]
        summary.value = html.escape(test_text(review.tests, cand, lang))
        table.value = segments_table(seg, cand, lang, currency=currency, top=top).to_html(index=False, escape=True)
        tests = review.tests.loc[(review.tests["candidate"] == cand) & (review.tests["measure"] == what.value)]
        labels = review.labels.set_index("client_id")[cand]
        chart.clear_output(wait=True)
        with chart:
            fig, ax = plt.subplots()
            plot_behaviour(segment_behaviour(review.pnl, labels), cand, what.value,
                           test=tests.iloc[0] if len(tests) else None, currency=currency, lang=lang, ax=ax)
            plt.show()
            plt.close(fig)
        box.current = seg

    for control in (pick, what):
        control.observe(redraw, names="value")
    box = widgets.VBox([pick, what, summary, table, chart])
    box.candidate = pick
    box.measure = what
    box.summary = summary
    box.table = table
    box.chart = chart
    box.current = None
    redraw()
    return box
