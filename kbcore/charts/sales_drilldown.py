"""Charts of program 004, topic 3: the revenue bridge, actual against target, the top clients.

The bridge is a waterfall of the revenue change; actual against target is drawn per item of a
level; the top clients are those who explain a part of the change.

Each draws one computed result of :mod:`kbcore.analyses.sales_drilldown` and computes nothing
beyond layout; texts come from the catalogue (``sales_drilldown.*``), money through the locale
formatters in the currency given.
"""

from __future__ import annotations

from textwrap import fill

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kbcore.analyses.sales_drilldown import EFFECTS, SHARE_KPIS
from kbcore.charts.style import (
    COLORS,
    fmt_money_short,
    fmt_number_short,
    money_formatter,
    new_axes,
    pct_formatter,
    style,
)
from kbcore.i18n import t
from kbcore.schema import C
from kbcore.views.labels import fit_label
from kbcore.views.sales_drilldown import effect_label, item_label, kpi_label, kpi_value, level_label

__all__ = ["BRIDGE_COLORS", "plot_bridge", "plot_targets", "plot_contributors"]

BRIDGE_COLORS = {"total": COLORS["revenue"], "up": COLORS["gross_margin"], "down": COLORS["loss"],
                 "target": COLORS["neutral"]}
"""Totals blue, a part that raised the turnover green, one that lowered it red."""
TITLE_WIDTH = 42
"""Characters a chart title holds on one line beside the items' names (longer ones wrap)."""


def plot_bridge(bridge, *, item: str | None = None, lang: str = "en", ax: Axes | None = None,
                currency: str = "EUR", names: dict | None = None, against_target: bool = False) -> Axes:
    """The waterfall of a revenue change: base, each part (volume, mix, price, new, lost …), current.

    Parameters
    ----------
    bridge : DataFrame or Series
        :func:`~kbcore.analyses.sales_drilldown.variance_bridge` (the row of ``item``, default
        the last row: the total, or the only item) or one Series of
        :func:`~kbcore.analyses.sales_drilldown.pvm` / ``target_bridge``.
    against_target : bool
        The base is the target to date and the end the actual (a ``target_bridge``).

    The bars carry ``gid`` ``start``, ``effect_<part>`` and ``end``; a part that is NaN (no
    volume) or zero is not drawn.
    """
    with style():
        ax = new_axes(ax)
        if isinstance(bridge, pd.DataFrame):
            rows = bridge.loc[bridge["item"] == item] if item is not None else bridge.tail(1)
            row = rows.iloc[0] if len(rows) else None
            name = item_label(row["item"], lang, names) if row is not None else ""
        else:
            row, name = bridge, item_label(item, lang, names) if item is not None else ""
        ax.set_title(t("sales_drilldown.chart.bridge.title", lang, item=name))
        if row is None or (row["revenue0"] == 0 and row["revenue1"] == 0):
            ax.text(0.5, 0.5, t("sales_drilldown.chart.bridge.empty", lang), ha="center",
                    va="center", transform=ax.transAxes, color=COLORS["neutral"])
            ax.set_axis_off()
            return ax
        start_key = "target_start" if against_target else "start"
        end_key = "target_end" if against_target else "end"
        labels, bottoms, heights, colors, gids = [], [], [], [], []
        labels.append(t(f"sales_drilldown.chart.bridge.{start_key}", lang))
        bottoms.append(0.0)
        heights.append(float(row["revenue0"]))
        colors.append(BRIDGE_COLORS["target" if against_target else "total"])
        gids.append("start")
        level = float(row["revenue0"])
        for e in EFFECTS:
            v = row.get(e, np.nan)
            if pd.isna(v) or abs(float(v)) < 1e-9:
                continue
            v = float(v)
            labels.append(effect_label(e, lang))
            bottoms.append(level if v >= 0 else level + v)
            heights.append(abs(v))
            colors.append(BRIDGE_COLORS["up" if v >= 0 else "down"])
            gids.append(f"effect_{e}")
            level += v
        labels.append(t(f"sales_drilldown.chart.bridge.{end_key}", lang))
        bottoms.append(0.0)
        heights.append(float(row["revenue1"]))
        colors.append(BRIDGE_COLORS["total"])
        gids.append("end")
        x = np.arange(len(labels))
        bars = ax.bar(x, heights, bottom=bottoms, color=colors, width=0.6)
        for bar, gid in zip(bars, gids, strict=False):
            bar.set_gid(gid)
        signs = [1.0] + [1.0 if c == BRIDGE_COLORS["up"] else -1.0 for c in colors[1:-1]] + [1.0]
        for xi, b, h, s, g in zip(x, bottoms, heights, signs, gids, strict=False):
            value = h * (s if g.startswith("effect_") else 1.0)
            ax.annotate(fmt_money_short(value, lang, currency), (xi, b + h), xytext=(0, 4),
                        textcoords="offset points", ha="center", va="bottom", fontsize=10)
        for i in range(len(x) - 1):  # connectors between the bars
            top = bottoms[i] + heights[i] if gids[i] in ("start",) or colors[i] == BRIDGE_COLORS["up"] \
                else bottoms[i]
            ax.plot([x[i] + 0.3, x[i + 1] - 0.3], [top, top], color=COLORS["neutral"],
                    linewidth=1, linestyle=":")
        ax.set_xticks(x)
        ax.set_xticklabels([fit_label(s, 11) for s in labels], fontsize=10)
        ax.yaxis.set_major_formatter(money_formatter(lang, currency))
        ax.set_ylabel(t("sales_drilldown.chart.bridge.ylabel", lang))
        floating = [b for b, g in zip(bottoms, gids, strict=False) if g.startswith("effect_")]
        low = min([heights[0], heights[-1], *floating])
        high = max(b + h for b, h in zip(bottoms, heights, strict=False))
        if low > 0 and low > 0.5 * high:  # zoom on the changes: the totals' bars are cut, their
            span = high - low             # values are written on them
            ax.set_ylim(max(0.0, low - 1.5 * span), high + 0.15 * span)
    return ax


def plot_targets(targets_long: pd.DataFrame, *, kpi: str = "revenue", lang: str = "en",
                 ax: Axes | None = None, currency: str = "EUR", names: dict | None = None,
                 max_items: int = 15) -> Axes:
    """Actual against target to date, one pair of horizontal bars per item of the level.

    ``targets_long`` is :func:`~kbcore.analyses.sales_drilldown.target_table`; the first
    ``max_items`` items with a target for ``kpi`` are drawn in the table's order (bars carry
    ``gid`` ``actual`` and ``target``). Without ``ax`` the figure's height follows the number of
    items; the legend sits under the axes.
    """
    with style():
        data = targets_long.loc[targets_long[C.kpi] == kpi].head(int(max_items))
        if ax is None:  # a bar pair of half an inch per item
            _fig, ax = plt.subplots(figsize=(10, max(4.0, 0.5 * len(data) + 1.8)))
        level = targets_long.attrs.get("level", "company")
        ax.set_title(fill(t("sales_drilldown.chart.targets.title", lang, kpi=kpi_label(kpi, lang),
                            level=level_label(level, lang).lower()), TITLE_WIDTH))
        if data.empty:
            ax.text(0.5, 0.5, t("sales_drilldown.chart.targets.empty", lang), ha="center",
                    va="center", transform=ax.transAxes, color=COLORS["neutral"])
            ax.set_axis_off()
            return ax
        y = np.arange(len(data))[::-1]
        h = 0.38
        actual = data["actual"].to_numpy("float64")
        target = data["target_to_date"].to_numpy("float64")
        bars_a = ax.barh(y + h / 2, np.nan_to_num(actual), height=h, color=COLORS["revenue"],
                         label=t("sales_drilldown.chart.targets.actual", lang))
        bars_t = ax.barh(y - h / 2, target, height=h, color=COLORS["neutral"], alpha=0.6,
                         label=t("sales_drilldown.chart.targets.target", lang))
        for b in bars_a:
            b.set_gid("actual")
        for b in bars_t:
            b.set_gid("target")
        unit = targets_long.attrs.get("unit")
        for yi, a, c in zip(y, actual, data["completion"].to_numpy("float64"), strict=False):
            if not np.isnan(a):
                text = kpi_value(kpi, a, lang, currency=currency, unit=unit)
                if not np.isnan(c):
                    text += f"  ({kpi_value('market_share', c, lang)})"
                ax.annotate(text, (a, yi + h / 2), xytext=(4, 0), textcoords="offset points",
                            va="center", fontsize=10)
        ax.set_yticks(y)
        ax.set_yticklabels([fit_label(item_label(i, lang, names), 26) for i in data["item"]])
        ax.xaxis.set_major_locator(MaxNLocator(4))
        top = np.nanmax(np.concatenate([actual, target])) if len(data) else 0.0
        if np.isfinite(top) and top > 0:
            ax.set_xlim(0, top * 1.35)  # room for the values written after the bars
        if kpi in ("revenue", "target_products_revenue"):
            ax.xaxis.set_major_formatter(money_formatter(lang, currency))
        elif kpi in SHARE_KPIS:
            ax.xaxis.set_major_formatter(pct_formatter(lang))
        else:
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_number_short(v, lang)))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, frameon=False)
    return ax


def plot_contributors(top: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
                      currency: str = "EUR", names: dict | None = None) -> Axes:
    """The clients who explain most of a part of the change: one horizontal bar each.

    ``top`` is :func:`~kbcore.analyses.sales_drilldown.top_contributors` (its ``attrs["effect"]``
    names the part); a rise green, a fall red (``gid`` ``client``).
    """
    with style():
        ax = new_axes(ax)
        effect = top.attrs.get("effect", "change")
        ax.set_title(fill(t("sales_drilldown.chart.clients.title", lang,
                            effect=effect_label(effect, lang)), TITLE_WIDTH))
        y = np.arange(len(top))[::-1]
        v = top["contribution"].to_numpy("float64")
        bars = ax.barh(y, v, color=[BRIDGE_COLORS["up"] if x >= 0 else BRIDGE_COLORS["down"]
                                    for x in v], height=0.6)
        for b in bars:
            b.set_gid("client")
        ax.set_yticks(y)
        ax.set_yticklabels([fit_label(item_label(i, lang, names), 26) for i in top[C.client_id]])
        ax.axvline(0, color=COLORS["neutral"], linewidth=1)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.xaxis.set_major_formatter(money_formatter(lang, currency))
        ax.set_xlabel(t("sales_drilldown.chart.clients.xlabel", lang))
    return ax
