"""Charts of topic 9 (program 004): incentive plans.

Each draws one computed result of :mod:`kbcore.analyses.incentives` and computes nothing beyond
layout; texts come from the catalogue (``incentives.*``), money and shares through the locale
formatters (the currency is a parameter: EUR for the Bulgarian company). All take ``lang`` and
``ax`` and return the axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from kbcore.charts.style import COLORS, empty_axes, money_formatter, new_axes, pct_formatter, style
from kbcore.i18n import t

__all__ = ["plot_payout_curve", "plot_payouts", "plot_pay_vs_attainment", "plot_plan_comparison"]


def plot_payout_curve(curve: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """The pay curve of :func:`~kbcore.analyses.incentives.curve_points`.

    x = attainment, y = share of the target incentive; the curve (gid ``curve``), a dashed line
    at the threshold (gid ``threshold``) and at 100 % (gid ``quota``), and at the attainment cap
    (gid ``cap``) when there is one.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("incentives.chart.curve.title", lang))
        if curve.empty:
            return empty_axes(ax, "incentives.chart.curve.empty", lang)
        ax.plot(curve["attainment"], curve["payout"], color=COLORS["revenue"], linewidth=2.5,
                gid="curve", zorder=3)
        ax.axvline(1.0, color=COLORS["neutral"], linestyle="--", linewidth=1.2, gid="quota")
        if curve.attrs.get("threshold"):
            ax.axvline(curve.attrs["threshold"], color=COLORS["neutral"], linestyle=":",
                       linewidth=1.2, gid="threshold")
        if curve.attrs.get("cap") is not None:
            ax.axvline(curve.attrs["cap"], color=COLORS["loss"], linestyle="--", linewidth=1.2, gid="cap")
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_xlabel(t("incentives.chart.curve.x", lang))
        ax.set_ylabel(t("incentives.chart.curve.y", lang))
        return ax


def plot_payouts(yearly: pd.DataFrame, *, currency: str = "EUR", lang: str = "en",
                 ax: Axes | None = None) -> Axes:
    """Variable pay a month per manager: horizontal bars, the highest at the top, and the median.

    ``yearly`` is :func:`~kbcore.analyses.incentives.yearly_pay` of one year or of the whole
    selection (a manager in several years: his mean). Bars carry gid ``pay:<manager>``, the
    median line gid ``median``.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("incentives.chart.payouts.title", lang))
        data = yearly.loc[yearly["pay_per_month"].notna()]
        if data.empty:
            return empty_axes(ax, "incentives.chart.empty", lang)
        data = data.groupby("manager", sort=False)["pay_per_month"].mean().sort_values()
        y = np.arange(len(data))
        bars = ax.barh(y, data.to_numpy("float64"), color=COLORS["revenue"], zorder=2)
        for bar, name in zip(bars, data.index, strict=True):
            bar.set_gid(f"pay:{name}")
        ax.set_yticks(y, [str(m) for m in data.index])
        med = float(data.median())
        ax.axvline(med, color=COLORS["profit"], linestyle="--", linewidth=1.5, gid="median",
                   label=t("incentives.chart.payouts.median", lang))
        ax.xaxis.set_major_formatter(money_formatter(lang, currency))
        ax.legend(loc="lower right")
        return ax


def plot_pay_vs_attainment(payouts: pd.DataFrame, *, currency: str = "EUR", lang: str = "en",
                           ax: Axes | None = None) -> Axes:
    """Variable pay against plan attainment, one dot per manager and period.

    The dots carry gid ``periods``, the dashed line at 100 % gid ``quota``: a plan whose pay
    follows performance draws a rising cloud.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("incentives.chart.scatter.title", lang))
        data = payouts.loc[payouts["in_plan"].fillna(False).astype(bool) & payouts["attainment"].notna()]
        if data.empty:
            return empty_axes(ax, "incentives.chart.empty", lang)
        ax.scatter(data["attainment"].to_numpy("float64"), data["variable_pay"].to_numpy("float64"),
                   s=30, alpha=0.7, color=COLORS["revenue"], linewidth=0, gid="periods", zorder=3)
        ax.axvline(1.0, color=COLORS["neutral"], linestyle="--", linewidth=1.2, gid="quota")
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.yaxis.set_major_formatter(money_formatter(lang, currency))
        ax.set_xlabel(t("incentives.chart.scatter.x", lang))
        ax.set_ylabel(t("incentives.chart.scatter.y", lang))
        return ax


def plot_plan_comparison(comparison: pd.DataFrame, *, lang: str = "en", quota_band=(0.6, 0.7),
                         ax: Axes | None = None) -> Axes:
    """The plans side by side: the share at plan, the 60–70 % band, the cost of sales.

    Bars (gid ``at_quota:<plan>``) give each plan's share of manager-periods at plan, the shaded
    band (gid ``band``) the rule of thumb, and the text above each bar (gid ``cost:<plan>``) its
    cost of sales (pay / revenue).
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("incentives.chart.compare.title", lang))
        data = comparison.loc[comparison["at_quota"].notna()]
        if data.empty:
            return empty_axes(ax, "incentives.chart.empty", lang)
        plans = comparison.attrs.get("plans", {})
        names = [plans[p].label(lang) if p in plans else str(p) for p in data["plan"]]
        x = np.arange(len(data))
        bars = ax.bar(x, data["at_quota"].to_numpy("float64"), color=COLORS["revenue"], zorder=2,
                      label=t("incentives.chart.compare.at_quota", lang))
        for bar, pid, cost in zip(bars, data["plan"], data["cost_of_sales"], strict=True):
            bar.set_gid(f"at_quota:{pid}")
            label = pct_formatter(lang, 1)(cost, None) if pd.notna(cost) else "—"
            ax.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        xytext=(0, 4), textcoords="offset points", ha="center", va="bottom",
                        gid=f"cost:{pid}")
        lo, hi = quota_band
        ax.axhspan(lo, hi, color=COLORS["gross_margin"], alpha=0.15, gid="band",
                   label=t("incentives.chart.compare.band", lang), zorder=1)
        ax.set_xticks(x, names, rotation=15, ha="right")
        ax.set_ylim(0, 1.05)
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_ylabel(t("incentives.chart.compare.at_quota", lang))
        ax.set_xlabel(t("incentives.chart.compare.cost_note", lang))
        ax.legend(loc="upper right")
        return ax
