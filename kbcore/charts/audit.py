"""Block 4 charts: the audit's ten stages (data and self-assessment) and its consequences in money.

Layout only: the shares, verdicts and money come from :mod:`kbcore.analyses.audit` and
:mod:`kbcore.analyses.audit_report`; every word from the catalogue (``audit.*``).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from kbcore.charts.style import (
    COLORS,
    fmt_money_short,
    money_formatter,
    new_axes,
    pct_formatter,
    style,
)
from kbcore.i18n import fmt_pct, t
from kbcore.views.labels import fit_label

__all__ = ["VERDICT_COLORS", "plot_audit", "plot_audit_money"]

VERDICT_COLORS = {"ok": COLORS["gross_margin"], "weak": "#e6a700", "poor": COLORS["loss"],
                  "missing": "#cfcfcf"}
"""The colour of a stage's bar by the data's verdict."""


def plot_audit(report, *, lang: str = "en", ax: Axes | None = None, example: bool = False) -> Axes:
    """The ten stages as horizontal bars: the share by the data, coloured by its verdict.

    One bar per stage (gid ``stage``), stage 1 on top; its length is ``score`` (stage 10: the
    revenue not at risk), its colour the data's verdict (:data:`VERDICT_COLORS`); a stage the data
    cannot judge has a short grey bar written "no data". The self-assessment of each stage is a
    black diamond (gid ``self``; "(example)" in the legend when ``example``).
    """
    with style():
        ax = new_axes(ax)
        ax.figure.set_size_inches(11, 6.5)
        n = len(report)
        y = np.arange(n)[::-1]
        scores = report["score"].to_numpy(dtype=float)
        missing = np.isnan(scores)
        colours = [VERDICT_COLORS[v] for v in report["verdict"]]
        ax.barh(y, np.where(missing, 0.03, scores), color=colours, height=0.62, gid="stage")
        for yi, v, gone in zip(y, scores, missing, strict=True):  # a column right of the bars: no overlap
            text = t("audit.chart.no_data", lang) if gone else fmt_pct(v, lang)
            ax.text(1.03, yi, text, va="center", fontsize=11, color=COLORS["text"])
        own = report["self_score"].to_numpy(dtype=float)
        handles = [Patch(color=VERDICT_COLORS[v], label=t(f"audit.verdict_short.{v}", lang))
                   for v in ("ok", "weak", "poor", "missing") if v in set(report["verdict"])]
        if not np.isnan(own).all():
            label = t("audit.chart.self", lang)
            label = t("kf.example", lang, label=label) if example else label
            handles.append(ax.scatter(own, y, marker="D", s=70, color=COLORS["text"], zorder=4, gid="self",
                                      label=label))
        ax.set_yticks(y, [fit_label(t(f"audit.stage.{s}", lang), 40) for s in report["stage_id"]])
        ax.set_xlim(0, 1.16)
        ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.set_title(t("audit.chart.title", lang))
        ax.set_xlabel(t("audit.chart.xlabel", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=len(handles),
                  fontsize=10, frameon=False)
        return ax


def plot_audit_money(money, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Stage 10's consequences as horizontal bars (gid ``money``), one per consequence.

    A consequence the data cannot tell has no bar and is written "no data" at its place.
    """
    with style():
        ax = new_axes(ax)
        y = np.arange(len(money))[::-1]
        values = money["money"].to_numpy(dtype=float)
        ax.barh(y, np.nan_to_num(values), color=[COLORS["loss"], COLORS["profit"], COLORS["revenue"]][:len(y)],
                height=0.55, gid="money")
        top = np.nanmax(values) if not np.isnan(values).all() else 1.0
        for yi, v in zip(y, values, strict=True):
            text = t("audit.chart.no_data", lang) if np.isnan(v) else fmt_money_short(v, lang)
            ax.text((0 if np.isnan(v) else v) + top * 0.01, yi, text, va="center", fontsize=11,
                    color=COLORS["text"])
        ax.set_yticks(y, [fit_label(t(f"audit.money.{c}", lang), 34) for c in money["consequence"]])
        ax.set_xlim(0, top * 1.2 if top > 0 else 1.0)
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_major_formatter(money_formatter(lang))
        ax.set_title(t("audit.chart.money_title", lang))
        ax.set_xlabel(t("audit.chart.money_xlabel", lang))
        ax.grid(axis="y", visible=False)
        return ax
