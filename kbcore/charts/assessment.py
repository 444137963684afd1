"""Charts of the assessment engine: a participant's scores by section, the group's answers per question.

Layout only: the scores and the distribution come from :mod:`kbcore.analyses.assessment`; the
section titles and question texts from the questionnaire in ``lang``.
"""

from __future__ import annotations

import math

import matplotlib
import numpy as np
from matplotlib.axes import Axes

from kbcore.analyses.assessment import AssessmentResult, GroupView, Questionnaire
from kbcore.charts.style import COLORS, new_axes, pct_formatter, style
from kbcore.i18n import fmt_pct, t
from kbcore.views.labels import fit_label

__all__ = ["plot_section_scores", "plot_group_answers"]


def plot_section_scores(q: Questionnaire, result: AssessmentResult, *, lang: str = "en", ax: Axes | None = None,
                        example: bool = False) -> Axes:
    """Horizontal bars: each section's score (0 … 100 %), the target where there is one, the overall line.

    Bars (gid ``score``) in the template's section order, top to bottom; the targets (the
    participant's own or the profile's) are black ticks (gid ``target``); the overall score is a
    dashed line (gid ``overall``). ``example`` says "(example)" in the title.
    """
    with style():
        ax = new_axes(ax)
        s = result.sections
        titles = [fit_label(q.section(x).title[lang], 34) for x in s["section"]]
        y = np.arange(len(s))[::-1]
        scores = s["score"].to_numpy(dtype=float)
        ax.barh(y, np.nan_to_num(scores), color=COLORS["revenue"], height=0.6, gid="score")
        for yi, v in zip(y, scores, strict=True):
            text = t("assess.chart.no_answer", lang) if math.isnan(v) else fmt_pct(v, lang)
            ax.text((0 if math.isnan(v) else v) + 0.01, yi, text, va="center", fontsize=11, color=COLORS["text"])
        targets = s["target_score"].to_numpy(dtype=float)
        if not np.isnan(targets).all():
            ax.scatter(targets, y, marker="|", s=500, linewidths=3, color=COLORS["text"], zorder=4, gid="target",
                       label=t("assess.chart.target", lang))
        if not math.isnan(result.overall):
            ax.axvline(result.overall, color=COLORS["profit"], linestyle="--", linewidth=2, gid="overall",
                       label=t("assess.chart.overall", lang, score=fmt_pct(result.overall, lang)))
        ax.set_yticks(y, titles)
        ax.set_xlim(0, 1.12)
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        title = q.title[lang]
        ax.set_title(t("kf.example", lang, label=title) if example else title)
        ax.set_xlabel(t("assess.chart.xlabel", lang))
        ax.grid(axis="y", visible=False)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False)
        return ax


def plot_group_answers(q: Questionnaire, group: GroupView, *, lang: str = "en", top: int = 8,
                       ax: Axes | None = None, example: bool = False) -> Axes:
    """The group's answers to the ``top`` questions with the least consensus, as 100 % stacked bars.

    One bar per question (least consensus on top), one segment per scale value from red (lowest)
    to green (highest), gid ``answers``; the consensus is written at the bar's end.
    """
    with style():
        ax = new_axes(ax)
        rows = group.questions.dropna(subset=["consensus"]).head(top)
        if rows.empty:
            ax.text(0.5, 0.5, t("assess.group.none", lang), transform=ax.transAxes, ha="center", va="center")
            ax.set_axis_off()
            return ax
        dist = group.distribution.set_index("question_id").loc[rows["question_id"], list(q.values)]
        shares = dist.to_numpy(dtype=float)
        shares = shares / np.maximum(shares.sum(axis=1, keepdims=True), 1)
        y = np.arange(len(rows))[::-1]
        colours = matplotlib.colormaps["RdYlGn"](np.linspace(0.08, 0.92, len(q.values)))
        left = np.zeros(len(rows))
        for i, p in enumerate(q.scale):
            ax.barh(y, shares[:, i], left=left, color=colours[i], height=0.6, gid="answers",
                    label=f"{p.value} — {p.label[lang]}", edgecolor="white", linewidth=0.5)
            left += shares[:, i]
        for yi, c in zip(y, rows["consensus"], strict=True):
            ax.text(1.01, yi, fmt_pct(c, lang), va="center", fontsize=11, color=COLORS["text"])
        ax.set_yticks(y, [fit_label(q.question(x).text[lang], 46) for x in rows["question_id"]], fontsize=10)
        ax.set_xlim(0, 1.1)
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        title = t("assess.chart.group_title", lang)
        ax.set_title(t("kf.example", lang, label=title) if example else title)
        ax.set_xlabel(t("assess.chart.group_xlabel", lang))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=min(len(q.values), 4), fontsize=10,
                  frameon=False)
        ax.grid(axis="y", visible=False)
        return ax
