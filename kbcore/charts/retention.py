"""Charts of the risk after the first order (:mod:`kbcore.analyses.retention`): layout only."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from kbcore.analyses.retention import GROUPINGS
from kbcore.charts.style import COLORS, new_axes, pct_formatter, style
from kbcore.i18n import fmt_pct, t, tn
from kbcore.views.retention import group_label

__all__ = ["GROUP_COLORS", "plot_conversion", "plot_time_to_second"]

GROUP_COLORS = ["#4a7fb5", "#e07b00", "#2e8b57", "#c0392b", "#8e6bb8", "#7f7f7f", "#b8860b",
                "#17becf", "#d4a6c8", "#5a5a5a"]
"""Colours of the curves of up to ten groups (then they repeat)."""


def _pct(value, lang: str) -> str:
    return fmt_pct(value, lang, 0).replace("-", "\u2212")


def _titled(key: str, by: str | None, lang: str) -> str:
    """The chart's title, with its grouping ("… by acquisition channel") when there is one."""
    title = t(key, lang)
    if by in GROUPINGS:
        title += "\n" + t("ret.chart.by", lang, by=t(f"ret.by.{by}", lang))
    return title


def plot_conversion(conv: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
                    top: int | None = 15) -> Axes:
    """Second-order conversion by group.

    100 % bars split into "ordered again" and "one order only", with the one-order share and the
    number of clients written on each bar.

    Parameters
    ----------
    conv : DataFrame
        :func:`kbcore.analyses.retention.second_order_conversion` (in its order: the weakest
        groups first, or bands and cohorts in their natural order).
    lang : str
        Language of texts and numbers.
    ax : Axes, optional
        Where to draw; a new figure when None.
    top : int, optional
        At most this many groups (default 15).
    """
    view = conv.head(top) if top else conv
    with style():
        ax = new_axes(ax)
        y = np.arange(len(view))[::-1]
        repeat = view["second_order_rate"].to_numpy("float64")
        one = view["one_order_share"].to_numpy("float64")
        bars_r = ax.barh(y, repeat, height=0.62, color=COLORS["gross_margin"], zorder=2)
        bars_o = ax.barh(y, one, left=repeat, height=0.62, color=COLORS["loss"], zorder=2)
        for bar in bars_r:
            bar.set_gid("repeat")
        for bar in bars_o:
            bar.set_gid("one_order")
        for yi, r, o, n in zip(y, repeat, one, view["clients"].to_numpy(), strict=True):
            if o > 0:
                ax.annotate(_pct(o, lang), (r + o, yi), xytext=(-6, 0),
                            textcoords="offset points", ha="right", va="center", fontsize=12,
                            color="white", fontweight="bold")
            ax.annotate(tn("ret.chart.n", n, lang), (1.0, yi),
                        xytext=(6, 0), textcoords="offset points", ha="left", va="center",
                        fontsize=11, color=COLORS["text"])
        by = conv.attrs.get("by")
        ax.set_yticks(y, [textwrap.fill(group_label(conv, by, g, lang), 30)
                          for g in view["group_id"]])
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, 1.0)
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.set_xlabel(t("ret.chart.conv_xlabel", lang))
        ax.set_title(_titled("ret.chart.conv_title", by, lang))
        ax.legend(handles=[Patch(color=COLORS["gross_margin"], label=t("ret.chart.repeat", lang)),
                           Patch(color=COLORS["loss"], label=t("ret.chart.one_order", lang))],
                  loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2)
    return ax


def plot_time_to_second(curve: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
                        max_days: int | None = 365) -> Axes:
    """Kaplan–Meier curves of the time to the second order.

    The share of new clients who have ordered again, t days after their first order (1 − S(t)), one
    step line per group.

    The end of each line carries the group's name and its share at ``max_days``; a dotted
    line marks 50 % (where a curve crosses it is the group's median time to reorder).

    Parameters
    ----------
    curve : DataFrame
        :func:`kbcore.analyses.retention.time_to_second_order`.
    lang : str
        Language of texts and numbers.
    ax : Axes, optional
        Where to draw; a new figure when None.
    max_days : int, optional
        Right end of the time axis (default 365 days).
    """
    with style():
        ax = new_axes(ax)
        groups = list(dict.fromkeys(curve["group_id"]))
        by = curve.attrs.get("by")
        right = float(max_days) if max_days else float(curve["days"].max() if len(curve) else 1)
        ends = []
        for i, group in enumerate(groups):
            part = curve.loc[curve["group_id"] == group]
            name = group_label(curve, by, group, lang)
            days = part["days"].to_numpy("float64")
            share = part["reordered"].to_numpy("float64")
            keep = days <= right
            x = np.append(days[keep], right)
            yv = np.append(share[keep], share[keep][-1] if keep.any() else 0.0)
            color = GROUP_COLORS[i % len(GROUP_COLORS)]
            (line,) = ax.step(x, yv, where="post", color=color, linewidth=2.5, label=name)
            line.set_gid(f"km:{group}")
            n = int(part["clients"].iloc[0]) if len(part) else 0
            ends.append((yv[-1], f"{name} · {_pct(yv[-1], lang)} ({tn('ret.chart.n', n, lang)})",
                         color))
        ax.axhline(0.5, color=COLORS["neutral"], linestyle=":", linewidth=1.2, zorder=1)
        ax.set_xlim(0, right)
        ax.set_ylim(0, 1.0)
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_xlabel(t("ret.chart.km_xlabel", lang))
        ax.set_ylabel(t("ret.chart.km_ylabel", lang))
        ax.set_title(_titled("ret.chart.km_title", by, lang))
        if len(groups) > 1:  # legend in the order of the curves' ends, the highest first
            handles, labels = ax.get_legend_handles_labels()
            order = sorted(range(len(ends)), key=lambda k: (-ends[k][0], labels[k]))
            ax.legend([handles[k] for k in order],
                      [f"{labels[k]} · {_pct(ends[k][0], lang)}" for k in order],
                      loc="lower right", fontsize=11)
        elif ends:
            value, label, color = ends[0]
            ax.annotate(label, (right, value), xytext=(-6, 8), textcoords="offset points",
                        ha="right", va="bottom", fontsize=12, color=color, fontweight="bold")
    return ax
