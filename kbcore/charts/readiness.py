"""Block 8 · The readiness for key accounts: the three questionnaires' overall scores on one chart.

Layout only: the scores come from :func:`kbcore.analyses.assessment.assess`, the questionnaires'
titles and verdicts from the templates in ``lang``, the chart's own words from the catalogue
(``b8r.chart.*``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from kbcore.analyses.assessment import GroupView, Questionnaire
from kbcore.charts.assessment import plot_group_answers
from kbcore.charts.style import COLORS, new_axes, pct_formatter, style
from kbcore.i18n import catalogue, fmt_pct, t
from kbcore.views.labels import fit_label
from kbcore.views.readiness import Assessed, weakest

__all__ = ["plot_readiness", "plot_group_readiness"]

_BANDS = ("#f6d5d1", "#fbe9c6", "#d8eed8", "#c4e3c4")  # light red, amber, green … behind the bars


def plot_readiness(items: Sequence[Assessed], *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """One horizontal bar per questionnaire: its overall score (0 … 100 %) over its verdict bands.

    Bars (gid ``score``) in the order given, top to bottom, the weakest in orange, the others in
    blue; behind each bar its questionnaire's verdict bands (gid ``band``, from light red to
    green); at the bar's end the score and the verdict. The bars are named by the short names
    ``b8r.short.<questionnaire id>`` of the catalogue, else by the questionnaire's title. A questionnaire without answers has no
    bar and says so. When any score comes from example answers the title says "(example)".
    """
    with style():
        ax = new_axes(ax)
        y = np.arange(len(items))[::-1]
        low = weakest(items)
        for yi, a in zip(y, items, strict=True):
            starts = [v.start for v in a.q.verdicts] + [1.0]
            for i in range(len(a.q.verdicts)):
                ax.barh(yi, starts[i + 1] - starts[i], left=starts[i], height=0.86,
                        color=_BANDS[min(i, len(_BANDS) - 1)], gid="band", zorder=1)
            score = a.result.overall
            if math.isnan(score):
                ax.text(0.01, yi, t("assess.chart.no_answer", lang), va="center", fontsize=12, color=COLORS["text"])
                continue
            colour = COLORS["profit"] if a is low else COLORS["revenue"]
            ax.barh(yi, score, height=0.42, color=colour, gid="score", zorder=3)
            verdict = next((v.label[lang] for v in a.q.verdicts if v.id == a.result.verdict), "")
            text = fmt_pct(score, lang) + (f" — {verdict}" if verdict else "")
            inside = score > 0.7
            ax.text(score - 0.015 if inside else score + 0.015, yi, text, va="center", ha="right" if inside else "left",
                    fontsize=12, color="white" if inside else COLORS["text"], fontweight="bold", zorder=4)
        ax.set_yticks(y, [_short(a.q, lang) for a in items], fontsize=12)
        ax.set_ylim(-0.6, len(items) - 0.4)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        title = t("b8r.chart.title", lang)
        ax.set_title(t("kf.example", lang, label=title) if any(a.source == "example" for a in items) else title)
        ax.set_xlabel(t("b8r.chart.xlabel", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(handles=[Patch(color=_BANDS[0], label=t("b8r.chart.band_low", lang)),
                           Patch(color=_BANDS[1], label=t("b8r.chart.band_mid", lang)),
                           Patch(color=_BANDS[2], label=t("b8r.chart.band_high", lang)),
                           Patch(color=COLORS["profit"], label=t("b8r.chart.weakest", lang))],
                  loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=10, frameon=False)
        return ax


def _short(q, lang: str) -> str:
    key = f"b8r.short.{q.id}"
    return t(key, lang) if key in catalogue() else fit_label(q.title[lang], 30)


def plot_group_readiness(q: Questionnaire, group: GroupView, *, lang: str = "en", top: int = 8,
                         ax: Axes | None = None, example: bool = False) -> Axes:
    """The group's answers with the least consensus (:func:`kbcore.charts.assessment.plot_group_answers`).

    The title names the questionnaire (its short name), so that the three group charts of the
    block are told apart: "The 7S model: where the group disagrees most (example)".
    """
    with style():
        ax = plot_group_answers(q, group, lang=lang, top=top, ax=ax, example=False)
        title = t("b8r.chart.group_title", lang, name=_short(q, lang))
        ax.set_title(t("kf.example", lang, label=title) if example else title)
        return ax
