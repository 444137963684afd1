"""Charts of program 004, topic 2 (ABC by three measures).

Each draws a computed result (:func:`~kbcore.analyses.abc_three.combination_summary`) and
computes nothing beyond layout; texts come from the catalogue (``abc_three.*``), money through
the locale formatters. All take ``lang`` and ``ax`` and return the axes.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap

from kbcore.analyses.abc_three import ABC3_CLASSES
from kbcore.charts.style import COLORS, new_axes, style
from kbcore.i18n import fmt_number, t, tn
from kbcore.views.abc_three import strategy_label

__all__ = ["SHARE_COLORS", "plot_abc_grid", "plot_class_heatmap"]

SHARE_COLORS = {"A": "#2e8b57", "B": "#e0b000", "C": "#c0392b"}
"""Our share class: green (high), amber (medium), red (low: room to grow)."""
_OFFSET = {"A": -0.27, "B": 0.0, "C": 0.27}


def plot_abc_grid(summary: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Sales class (rows, A on top) × potential class (columns), with the share classes as bubbles.

    Each cell of the 3 × 3 grid holds three bubbles side by side, one per share class (A, B, C,
    coloured :data:`SHARE_COLORS`; one scatter artist per share class, gid ``share_<class>``),
    their area ∝ the number of clients of the combination, the number written beside each.

    ``summary`` is :func:`~kbcore.analyses.abc_three.combination_summary` (27 rows).
    """
    with style():
        ax = new_axes(ax)
        grid = summary.set_index("combination")
        top = float(summary["clients"].max()) if len(summary) else 0.0
        top = top if top > 0 else 1.0
        x_of = {p: i for i, p in enumerate(ABC3_CLASSES)}
        y_of = {s: len(ABC3_CLASSES) - 1 - i for i, s in enumerate(ABC3_CLASSES)}
        for w in ABC3_CLASSES:
            xs, ys, sizes, counts = [], [], [], []
            for s in ABC3_CLASSES:
                for p in ABC3_CLASSES:
                    n = int(grid.loc[f"{s}-{p}-{w}", "clients"]) if f"{s}-{p}-{w}" in grid.index else 0
                    xs.append(x_of[p] + _OFFSET[w])
                    ys.append(y_of[s])
                    sizes.append(0.0 if n == 0 else 40 + 1600 * np.sqrt(n / top))
                    counts.append(n)
            ax.scatter(xs, ys, s=sizes, color=SHARE_COLORS[w], alpha=0.8, edgecolor=COLORS["text"],
                       linewidth=0.6, zorder=3, gid=f"share_{w}",
                       label=f"{w} · {t(f'abc_three.share.{w}', lang)}")
            for x, y, n in zip(xs, ys, counts, strict=True):
                if n:
                    ax.annotate(fmt_number(n, lang), (x, y), xytext=(0, -24), textcoords="offset points",
                                ha="center", va="top", fontsize=11, color=COLORS["text"], zorder=4)
        for k in (0.5, 1.5):
            ax.axvline(k, color=COLORS["neutral"], linewidth=1, zorder=1)
            ax.axhline(k, color=COLORS["neutral"], linewidth=1, zorder=1)
        ax.set_xlim(-0.5, 2.5)
        ax.set_ylim(-0.5, 2.5)
        ax.set_xticks(range(3), [f"{p}\n{t(f'abc_three.potential.{p}', lang)}" for p in ABC3_CLASSES])
        ax.set_yticks([y_of[s] for s in ABC3_CLASSES],
                      [textwrap.fill(f"{s} · {t(f'abc_three.sales.{s}', lang)}", 12) for s in ABC3_CLASSES])
        ax.grid(False)
        ax.set_xlabel(t("abc_three.chart.grid.xlabel", lang))
        ax.set_ylabel(t("abc_three.chart.grid.ylabel", lang))
        ax.set_title(t("abc_three.chart.grid.title", lang))
        legend = ax.legend(title=t("abc_three.chart.grid.legend", lang), loc="upper left",
                           bbox_to_anchor=(1.01, 1.0), frameon=False)
        for handle in legend.legend_handles:
            handle.set_sizes([120])
        ax.annotate(t("abc_three.chart.grid.size", lang), (1.01, 0.0), xycoords="axes fraction",
                    ha="left", va="bottom", fontsize=11, color=COLORS["neutral"], gid="footnote")
        if int(summary["clients"].sum()) == 0:
            ax.text(1, 1, t("abc_three.chart.empty", lang), ha="center", va="center", color=COLORS["loss"],
                    gid="empty", zorder=5)
    return ax


def plot_class_heatmap(summary: pd.DataFrame, sales_class: str = "A", *, lang: str = "en",
                       ax: Axes | None = None) -> Axes:
    """One sales class as a 3 × 3 heatmap: potential class (rows) × share class (columns).

    The colour is the number of clients of the cell; each cell names its number of clients and its
    strategy (gid ``cell_<potential><share>``). ``summary`` is
    :func:`~kbcore.analyses.abc_three.combination_summary`.
    """
    if sales_class not in ABC3_CLASSES:
        raise ValueError(f"sales_class must be one of A, B, C, not {sales_class!r}")
    with style():
        ax = new_axes(ax)
        part = summary.loc[summary["sales_class"] == sales_class].set_index(["potential_class", "share_class"])
        index = pd.MultiIndex.from_product([ABC3_CLASSES, ABC3_CLASSES])
        part = part.reindex(index)
        counts = part["clients"].fillna(0).to_numpy(dtype="float64").reshape(3, 3)
        cmap = LinearSegmentedColormap.from_list("kb_abc3", ["#ffffff", COLORS["revenue"]])
        vmax = max(float(counts.max()), 1.0)
        image = ax.imshow(counts, cmap=cmap, vmin=0, vmax=vmax, aspect="auto")
        image.set_gid("heatmap")
        strategies = part["strategy"].to_numpy().reshape(3, 3)
        for i, p in enumerate(ABC3_CLASSES):
            for j, w in enumerate(ABC3_CLASSES):
                dark = counts[i, j] > 0.55 * vmax
                text = (tn("abc_three.chart.heatmap.clients", counts[i, j], lang) + "\n"
                        + textwrap.fill(strategy_label(strategies[i, j], lang), 18))
                ax.text(j, i, text, ha="center", va="center", fontsize=12,
                        color="white" if dark else COLORS["text"], gid=f"cell_{p}{w}")
        ax.set_xticks(range(3), [f"{w}\n{t(f'abc_three.share.{w}', lang)}" for w in ABC3_CLASSES])
        ax.set_yticks(range(3), [textwrap.fill(f"{p} · {t(f'abc_three.potential.{p}', lang)}", 14)
                                 for p in ABC3_CLASSES])
        ax.grid(False)
        ax.set_xlabel(t("abc_three.chart.heatmap.xlabel", lang))
        ax.set_ylabel(t("abc_three.chart.heatmap.ylabel", lang))
        ax.set_title(t("abc_three.chart.heatmap.title", lang, cls=sales_class,
                       label=t(f"abc_three.sales.{sales_class}", lang)))
    return ax
