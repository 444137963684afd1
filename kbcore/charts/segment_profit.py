"""Charts of topic 6 (program 004): the segmentation scorecard, segments' profit, behaviour, stability.

Each draws one computed result of :mod:`kbcore.analyses.segment_profit` and computes nothing beyond
layout (sorting, clipping, choosing the top rows); texts come from the catalogue
(``segment_profit.*``), money and shares through the locale formatters (the currency is a parameter:
EUR for the Bulgarian company). All take ``lang`` and ``ax`` and return the axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap

from kbcore.analyses.segment_profit import UNKNOWN, SegmentationReview
from kbcore.charts.style import (
    COLORS,
    LINE_COLORS,
    empty_axes,
    money_formatter,
    new_axes,
    pct_formatter,
    style,
)
from kbcore.i18n import fmt_number, t
from kbcore.views.segment_profit import (
    candidate_label,
    criterion_label,
    measure_label,
    p_text,
    segment_label,
    strategy_label,
)

__all__ = ["STRATEGY_COLORS", "plot_scorecard", "plot_segments", "plot_behaviour", "plot_stability",
           "plot_strategies"]

STRATEGY_COLORS = {
    "invest": "#2e8b57",
    "defend": "#4a7fb5",
    "improve_margin": "#e07b00",
    "serve_efficiently": "#8c8c8c",
    "restructure": "#c0392b",
}
"""The colour of each strategy of :func:`~kbcore.analyses.segment_profit.segment_strategies`."""

_SCORE_CMAP = LinearSegmentedColormap.from_list("kb_score", ["#f6d5d1", "#fbf3d5", "#d3ead9"])


def plot_scorecard(review: SegmentationReview, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """The scorecard as a grid: a row per candidate (best at the top), a column per criterion.

    Each cell is coloured by its score (0 red … 1 green; image gid ``cells``) and marked ✓ or ✗
    (texts gid ``marks``; "—" where the criterion could not be measured).
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("segment_profit.chart.scorecard.title", lang))
        summary, card = review.summary, review.scorecard
        if not len(summary):
            return empty_axes(ax, "segment_profit.chart.empty", lang)
        crit = review.template.criteria
        cands = list(summary["candidate"])
        grid = np.full((len(cands), len(crit)), np.nan)
        marks = [["—"] * len(crit) for _ in cands]
        by = card.set_index(["candidate", "criterion"])
        for i, c in enumerate(cands):
            for j, k in enumerate(crit):
                row = by.loc[(c, k.id)]
                grid[i, j] = row["score"]
                if not pd.isna(row["passed"]):
                    marks[i][j] = "✓" if bool(row["passed"]) else "✗"
        ax.imshow(np.ma.masked_invalid(grid), cmap=_SCORE_CMAP, vmin=0, vmax=1, aspect="auto", gid="cells")
        for i in range(len(cands)):
            for j in range(len(crit)):
                ax.text(j, i, marks[i][j], ha="center", va="center", fontsize=15, gid="marks",
                        color=COLORS["gross_margin"] if marks[i][j] == "✓" else
                        COLORS["loss"] if marks[i][j] == "✗" else COLORS["neutral"])
        ax.set_xticks(range(len(crit)), [criterion_label(k, lang) for k in crit], rotation=20, ha="right")
        ax.set_yticks(range(len(cands)), [candidate_label(c, lang) for c in cands])
        ax.grid(False)
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
    return ax


def plot_segments(table: pd.DataFrame, candidate: str, *, currency: str = "EUR", top: int = 10,
                  lang: str = "en", ax: Axes | None = None) -> Axes:
    """Revenue and client profit of each segment (horizontal bars, the largest revenue at the top).

    Bars gid ``revenue`` and ``profit`` (profit is left out without cost; a loss is drawn red).
    At most ``top`` segments (the unrecorded group last, when it is among them).
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("segment_profit.chart.segments.title", lang, candidate=candidate_label(candidate, lang)))
        rows = table.head(int(top))
        if not len(rows):
            return empty_axes(ax, "segment_profit.chart.empty", lang)
        y = np.arange(len(rows))[::-1]
        has_profit = bool(rows["profit"].notna().any())
        h = 0.4 if has_profit else 0.7
        ax.barh(y + (h / 2 if has_profit else 0), rows["revenue"].to_numpy("float64"), height=h,
                color=COLORS["revenue"], label=t("segment_profit.chart.revenue", lang), gid="revenue")
        if has_profit:
            profit = rows["profit"].fillna(0.0).to_numpy("float64")
            ax.barh(y - h / 2, profit, height=h, gid="profit", label=t("segment_profit.chart.profit", lang),
                    color=[COLORS["profit"] if v >= 0 else COLORS["loss"] for v in profit])
        ax.set_yticks(y, [segment_label(candidate, s, lang) for s in rows["segment"]])
        ax.xaxis.set_major_formatter(money_formatter(lang, currency))
        ax.axvline(0, color=COLORS["neutral"], linewidth=1)
        ax.legend(loc="lower right")
    return ax


def plot_behaviour(behaviour: pd.DataFrame, candidate: str, measure: str = "orders", *,
                   test: pd.Series | None = None, currency: str = "EUR", top: int = 8, lang: str = "en",
                   ax: Axes | None = None) -> Axes:
    """How a behaviour measure is spread in each segment: a box per segment (median line, quartiles).

    ``behaviour`` is :func:`~kbcore.analyses.segment_profit.segment_behaviour`; the ``top``
    largest segments by clients are drawn (the unrecorded group left out), ordered by median. The
    title carries the test (``test``: a row of
    :func:`~kbcore.analyses.segment_profit.differentiation`): H, p and ε². Money measures are on a
    log scale. Boxes gid ``boxes``.
    """
    with style():
        ax = new_axes(ax)
        title = t("segment_profit.chart.behaviour.title", lang, measure=measure_label(measure, lang),
                  candidate=candidate_label(candidate, lang))
        data = behaviour.loc[(behaviour["segment"] != UNKNOWN) & behaviour[measure].notna()]
        if test is not None and np.isfinite(test["h"]):
            title += "\n" + t("segment_profit.chart.behaviour.test", lang, h=fmt_number(test["h"], lang, 1),
                              p=p_text(test["p_value"], lang), e2=fmt_number(test["epsilon2"], lang, 3))
        ax.set_title(title)
        if not len(data):
            return empty_axes(ax, "segment_profit.chart.empty", lang)
        sizes = data.groupby("segment").size().sort_values(ascending=False, kind="mergesort").head(int(top))
        keep = data.loc[data["segment"].isin(sizes.index)]
        order = keep.groupby("segment")[measure].median().sort_values(kind="mergesort").index
        groups = [keep.loc[keep["segment"] == s, measure].to_numpy("float64") for s in order]
        money = measure in ("revenue", "avg_order")
        if money:
            groups = [g[g > 0] for g in groups]
        box = ax.boxplot(groups, patch_artist=True, showfliers=False, widths=0.6)
        for patch in box["boxes"]:
            patch.set_facecolor(COLORS["shade"])
            patch.set_edgecolor(COLORS["revenue"])
            patch.set_gid("boxes")
        for med in box["medians"]:
            med.set_color(COLORS["profit"])
            med.set_linewidth(2.5)
        ax.set_xticks(range(1, len(order) + 1), [segment_label(candidate, s, lang) for s in order],
                      rotation=20, ha="right")
        if money:
            ax.set_yscale("log")
            ax.yaxis.set_major_formatter(money_formatter(lang, currency))
        elif measure == "margin_pct":
            ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_ylabel(measure_label(measure, lang))
    return ax


def plot_stability(stability: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """The share of clients staying in their segment from one year to the next, a line per candidate.

    x = the later year of each pair; lines gid ``line:<candidate>``.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("segment_profit.chart.stability.title", lang))
        if not len(stability):
            return empty_axes(ax, "segment_profit.chart.stability.empty", lang)
        for i, (cand, part) in enumerate(stability.groupby("candidate", sort=False)):
            part = part.sort_values("to_date", kind="mergesort")
            ax.plot(part["to_date"].dt.year.to_numpy(), part["stay_share"].to_numpy("float64"), marker="o",
                    color=LINE_COLORS[i % len(LINE_COLORS)], label=candidate_label(cand, lang),
                    gid=f"line:{cand}")
        years = sorted(stability["to_date"].dt.year.unique())
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_ylabel(t("segment_profit.chart.stability.y", lang))
        ax.legend(loc="lower left")
    return ax


def plot_strategies(strategies: pd.DataFrame, candidate: str, *, lang: str = "en",
                    ax: Axes | None = None) -> Axes:
    """The most important segments on profit margin (x) × growth (y), a bubble's area its revenue.

    The dashed lines are the reference margin and the growth cut (``strategies.attrs``); the colour
    is the strategy (one scatter per strategy, gid ``strategy:<id>``), each bubble labelled.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("segment_profit.chart.strategies.title", lang, candidate=candidate_label(candidate, lang)))
        rows = strategies.loc[strategies["strategy"].notna() & strategies["profit_margin"].notna()]
        if not len(rows):
            return empty_axes(ax, "segment_profit.chart.strategies.empty", lang)
        rev = rows["revenue"].to_numpy("float64")
        size = 2500 * rev / max(float(rev.max()), 1.0) + 80
        growth = rows["growth"].fillna(0.0).to_numpy("float64")
        for strat in dict.fromkeys(rows["strategy"]):
            m = (rows["strategy"] == strat).to_numpy(dtype=bool)
            ax.scatter(rows["profit_margin"].to_numpy("float64")[m], growth[m], s=size[m], alpha=0.6,
                       color=STRATEGY_COLORS.get(strat, COLORS["neutral"]), linewidth=0,
                       label=strategy_label(strat, lang), gid=f"strategy:{strat}")
        for x, yv, s in zip(rows["profit_margin"], growth, rows["segment"], strict=True):
            ax.annotate(segment_label(candidate, s, lang), (x, yv), xytext=(6, 6), textcoords="offset points",
                        fontsize=10)
        ref = strategies.attrs.get("margin_ref")
        if ref is not None and np.isfinite(ref):
            ax.axvline(ref, color=COLORS["neutral"], linestyle="--", linewidth=1.5, gid="margin_ref")
        ax.axhline(strategies.attrs.get("growth_cut", 0.0), color=COLORS["neutral"], linestyle="--",
                   linewidth=1.5, gid="growth_cut")
        # one decimal when the margins (or growths) lie within 5 points: whole percents would repeat on the ticks
        for axis, values in ((ax.xaxis, rows["profit_margin"].to_numpy("float64")), (ax.yaxis, growth)):
            span = float(np.nanmax(values) - np.nanmin(values)) if len(values) > 1 else 0.0
            axis.set_major_formatter(pct_formatter(lang, 1 if span < 0.05 else 0))
        ax.set_xlabel(t("segment_profit.chart.strategies.x", lang))
        ax.set_ylabel(t("segment_profit.chart.strategies.y", lang))
        ax.margins(0.15)  # room for the largest bubbles at the edges
        legend = ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=10, frameon=False,
                           labelspacing=1.2)
        for handle in legend.legend_handles:  # one small marker each, not the bubbles' sizes
            handle.set_sizes([120])
    return ax
