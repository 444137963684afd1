"""Charts of topic 5 (program 004): the share of wallet.

Each draws one computed result of :mod:`kbcore.analyses.share_of_wallet` and computes nothing
beyond layout; texts come from the catalogue (``share_of_wallet.*``), money and shares through
the locale formatters (the currency is a parameter: EUR for the Bulgarian company). All take
``lang`` and ``ax`` and return the axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, NullFormatter

from kbcore.analyses.share_of_wallet import LoyaltyLink, ShareMap, WarComparison
from kbcore.charts.style import (
    COLORS,
    empty_axes,
    fmt_money_short,
    fmt_number_short,
    new_axes,
    pct_formatter,
    style,
)
from kbcore.i18n import t, tn
from kbcore.views.share_of_wallet import action_label, band_label, group_label

__all__ = [
    "ACTION_COLORS",
    "plot_share_map",
    "plot_share_by_group",
    "plot_war_vs_actual",
    "plot_share_distribution",
]

ACTION_COLORS = {
    "grow_share": "#e07b00",  # orange: where the growth is (the eye goes here)
    "develop": "#f2b366",
    "defend": "#2e8b57",
    "retain": "#4a7fb5",
    "serve_efficiently": "#8c8c8c",
}
"""The colour of each map action (a trainer's own action is grey)."""


_empty = empty_axes


def plot_share_map(share_map: ShareMap, *, currency: str = "EUR", unit: str | None = None,
                   lang: str = "en", ax: Axes | None = None) -> Axes:
    """The share × wallet-size map: a dot per client, the cut lines, each cell's action.

    x = the client's base (its purchases of the category a year, log scale), y = our share
    (shown up to 110 %: a share above is drawn at the top edge); colour = the cell's action (one
    scatter per action, gid ``action:<id>``); dashed cut lines (gid ``size_cut``, ``share_cut``).
    """
    with style():
        ax = new_axes(ax)
        cl = share_map.clients.loc[share_map.clients["base"] > 0]
        ax.set_title(t("share_of_wallet.chart.map.title", lang))
        if not len(cl):
            return _empty(ax, "share_of_wallet.chart.map.empty", lang)
        y = cl["share"].clip(upper=1.1)
        for action in dict.fromkeys(share_map.cells["action"]):
            m = (cl["action"] == action).to_numpy(dtype=bool)
            if not m.any():
                continue
            ax.scatter(cl["base"].to_numpy("float64")[m], y.to_numpy("float64")[m], s=36, alpha=0.7,
                       color=ACTION_COLORS.get(action, COLORS["neutral"]), linewidth=0,
                       label=action_label(action, lang), gid=f"action:{action}", zorder=3)
        ax.set_xscale("log")
        for cut in share_map.size_cuts:
            if np.isfinite(cut) and cut > 0:
                ax.axvline(cut, color=COLORS["neutral"], linestyle="--", linewidth=1.5, gid="size_cut", zorder=1)
        for cut in share_map.share_cuts:
            ax.axhline(cut, color=COLORS["neutral"], linestyle="--", linewidth=1.5, gid="share_cut", zorder=1)
        ax.set_ylim(-0.03, 1.13)
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        if share_map.measure == "units":
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_number_short(v, lang)))
            ax.set_xlabel(t("share_of_wallet.chart.map.x_units", lang, unit=unit or ""))
        else:
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_money_short(v, lang, currency)))
            ax.set_xlabel(t("share_of_wallet.chart.map.x", lang))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_ylabel(t("share_of_wallet.chart.map.y", lang))
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=10, frameon=False)
    return ax


_BAR_TITLES = {"tenure": "share_of_wallet.chart.bars.tenure",
               "membership": "share_of_wallet.chart.bars.membership",
               "csat": "share_of_wallet.chart.bars.csat", "nps": "share_of_wallet.chart.bars.nps"}


def plot_share_by_group(table: pd.DataFrame | LoyaltyLink, kind: str = "tenure", *, stat: str = "median",
                        lang: str = "en", ax: Axes | None = None) -> Axes:
    """The share by group as bars (median by default), each bar labelled with its clients.

    ``table`` is a :func:`~kbcore.analyses.share_of_wallet.share_by` table, or the whole
    :class:`~kbcore.analyses.share_of_wallet.LoyaltyLink` (its ``kind`` table is drawn):
    ``kind`` = tenure, membership, csat or nps. Bars gid ``bars``, count labels gid ``counts``.
    """
    if isinstance(table, LoyaltyLink):
        table = getattr(table, kind)
    with style():
        ax = new_axes(ax)
        ax.set_title(t(_BAR_TITLES[kind], lang))
        if not len(table) or not (table["clients"] > 0).any():
            return _empty(ax, "share_of_wallet.chart.bars.empty", lang)
        labels = [group_label(kind, g, lang) for g in table["group"]]
        values = table[stat].astype("float64").fillna(0.0).to_numpy()
        x = np.arange(len(table))
        ax.bar(x, values, color=COLORS["revenue"], gid="bars")
        ax.set_xticks(x, labels)
        top = max(float(values.max()), 0.01)
        for i, (v, n) in enumerate(zip(values, table["clients"], strict=True)):
            ax.annotate(tn("ui.count.clients", int(n), lang), (i, v), xytext=(0, 4), textcoords="offset points",
                        ha="center", va="bottom", fontsize=11, gid="counts")
        ax.set_ylim(0, top * 1.2)
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_ylabel(t("share_of_wallet.chart.bars.y", lang) if stat == "median"
                      else t(f"share_of_wallet.col.{stat}", lang))
    return ax


def plot_war_vs_actual(comparison: WarComparison, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """The Wallet Allocation Rule's share (y) against the measured share (x), with the diagonal.

    A dot per client with both (gid ``clients``); the dashed diagonal is "rule = measured"
    (gid ``diagonal``): above it the rule overestimates.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("share_of_wallet.chart.war.title", lang))
        p = comparison.pairs
        if not len(p):
            return _empty(ax, "share_of_wallet.chart.war.empty", lang)
        ax.plot([0, 1], [0, 1], color=COLORS["neutral"], linestyle="--", linewidth=1.5, gid="diagonal",
                label=t("share_of_wallet.chart.war.diagonal", lang), zorder=1)
        ax.scatter(p["share"].to_numpy("float64"), p["war_share"].to_numpy("float64"), s=40, alpha=0.7,
                   color=COLORS["profit"], linewidth=0, gid="clients", zorder=3)
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_aspect("equal", adjustable="box")
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_xlabel(t("share_of_wallet.chart.war.x", lang))
        ax.set_ylabel(t("share_of_wallet.chart.war.y", lang))
        ax.legend(loc="upper left")
    return ax


def plot_share_distribution(dist: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """The clients by share band (bars, gid ``bars``), each bar labelled with its count."""
    with style():
        ax = new_axes(ax)
        ax.set_title(t("share_of_wallet.chart.dist.title", lang))
        if not len(dist) or not dist["clients"].sum():
            return _empty(ax, "share_of_wallet.chart.bars.empty", lang)
        x = np.arange(len(dist))
        values = dist["clients"].to_numpy("float64")
        ax.bar(x, values, color=COLORS["revenue"], gid="bars")
        ax.set_xticks(x, [band_label(lo, up, lang) for lo, up in zip(dist["lower"], dist["upper"], strict=True)])
        for i, v in enumerate(values):
            ax.annotate(tn("ui.count.clients", int(v), lang), (i, v), xytext=(0, 4), textcoords="offset points",
                        ha="center", va="bottom", fontsize=11, gid="counts")
        ax.set_ylim(0, max(values.max(), 1) * 1.2)
        ax.set_ylabel(t("share_of_wallet.chart.dist.y", lang))
    return ax
