"""Charts of topic 7 (program 004): customer satisfaction.

Each draws one computed result of :mod:`kbcore.analyses.satisfaction` and computes nothing
beyond layout; texts come from the catalogue (``satisfaction.*``), numbers through the locale
formatters. All take ``lang`` and ``ax`` and return the axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from kbcore.analyses.satisfaction import NonResponse, SampleSize, StatedRevealed
from kbcore.charts.style import COLORS, empty_axes, money_formatter, new_axes, pct_formatter, style
from kbcore.i18n import fmt_number, t
from kbcore.views.labels import fit_label
from kbcore.views.satisfaction import fmt_nps, group_label

__all__ = ["plot_nps_by_group", "plot_nonresponse", "plot_churn_by_class", "plot_margin_vs_n"]


def _nps_axis(lang: str) -> FuncFormatter:
    return FuncFormatter(lambda v, _p: fmt_nps(v, lang, 0))


def plot_nps_by_group(table: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """NPS of each group with its confidence interval, and the overall NPS.

    A dot per group (gid ``points``; hollow when the group is small), its interval as a
    horizontal line (gid ``intervals``), the overall NPS as a dashed vertical line (gid
    ``overall``). ``table`` is :func:`~kbcore.analyses.satisfaction.satisfaction_by`.
    """
    with style():
        ax = new_axes(ax)
        kind = table.attrs.get("by", "segment")
        ax.set_title(t(f"satisfaction.chart.by.title.{kind}", lang))
        rows = table.loc[table["n"] > 0]
        if not len(rows):
            return empty_axes(ax, "satisfaction.chart.empty", lang)
        rows = rows.iloc[::-1]
        y = np.arange(len(rows))
        ax.hlines(y, rows["low"].to_numpy("float64"), rows["high"].to_numpy("float64"), color=COLORS["revenue"],
                  linewidth=3, gid="intervals", zorder=2)
        small = rows["small"].to_numpy(dtype=bool)
        ax.scatter(rows["nps"].to_numpy("float64"), y, s=80, zorder=3, gid="points",
                   facecolors=np.where(small, "white", COLORS["profit"]).tolist(), edgecolors=COLORS["profit"],
                   linewidths=2)
        overall = table.attrs.get("overall")
        if overall is not None and overall["n"]:
            ax.axvline(overall["nps"], color=COLORS["neutral"], linestyle="--", linewidth=1.5, gid="overall",
                       label=t("satisfaction.chart.by.overall", lang, nps=fmt_nps(overall["nps"], lang)))
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=11, frameon=False)
        ax.axvline(0, color=COLORS["text"], linewidth=0.8, zorder=1)
        ax.set_yticks(y, [fit_label(group_label(kind, g, lang), 28) for g in rows["group"]])
        ax.xaxis.set_major_formatter(_nps_axis(lang))
        level = table.attrs.get("level", 0.95)
        ax.set_xlabel(t("satisfaction.chart.by.x", lang, level=fmt_number(100 * level, lang)))
    return ax


def plot_nonresponse(result: NonResponse, *, measure: str = "revenue", currency: str = "EUR", lang: str = "en",
                     ax: Axes | None = None) -> Axes:
    """Respondents against non-respondents: median revenue before (``measure="revenue"``) or churn after.

    Two bars (gid ``bars``); for churn, Wilson's intervals as error bars (gid ``intervals``).
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t(f"satisfaction.chart.nonresponse.{measure}", lang))
        table = result.revenue if measure == "revenue" else result.churn
        if "surveys.responded" in result.missing or "surveys" in result.missing or not (table["n"] > 0).all():
            return empty_axes(ax, "satisfaction.chart.no_nonresponse", lang)
        x = np.arange(len(table))
        col = "median" if measure == "revenue" else "rate"
        values = table[col].astype("float64").fillna(0.0).to_numpy()
        ax.bar(x, values, color=[COLORS["revenue"], COLORS["neutral"]], gid="bars", width=0.6)
        if measure == "churn":
            lo, hi = table["low"].to_numpy("float64"), table["high"].to_numpy("float64")
            ax.errorbar(x, values, yerr=[values - lo, hi - values], fmt="none", ecolor=COLORS["text"], capsize=8,
                        linewidth=2, gid="intervals")
            ax.yaxis.set_major_formatter(pct_formatter(lang))
            ax.set_ylabel(t("satisfaction.chart.churn.y", lang))
        else:
            ax.yaxis.set_major_formatter(money_formatter(lang, currency))
            ax.set_ylabel(t("satisfaction.chart.nonresponse.revenue_y", lang))
        ax.set_xticks(x, [group_label("respondent", g, lang) for g in table["group"]])
    return ax


def plot_churn_by_class(result: StatedRevealed, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Churn after the survey by NPS class (what clients said) and by purchase trend (what they did).

    Bars with Wilson's intervals: the NPS classes (gid ``bars:nps``), then, after a gap, the trend
    bands (gid ``bars:trend``); intervals gid ``intervals``.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("satisfaction.chart.stated.title", lang))
        if not len(result.rows):
            return empty_axes(ax, "satisfaction.chart.empty", lang)
        labels, pos = [], []
        for i, (table, kind, color, gid) in enumerate(((result.by_class, "nps_class", COLORS["profit"], "bars:nps"),
                                                         (result.by_trend, "trend", COLORS["revenue"], "bars:trend"))):
            x = np.arange(len(table)) + i * (len(result.by_class) + 1)
            v = table["rate"].astype("float64").fillna(0.0).to_numpy()
            ax.bar(x, v, color=color, gid=gid, width=0.7,
                   label=t(f"satisfaction.chart.stated.{'said' if i == 0 else 'did'}", lang))
            lo = table["low"].astype("float64").fillna(0.0).to_numpy()
            hi = table["high"].astype("float64").fillna(0.0).to_numpy()
            ax.errorbar(x, v, yerr=[np.clip(v - lo, 0, None), np.clip(hi - v, 0, None)], fmt="none",
                        ecolor=COLORS["text"], capsize=6, linewidth=1.5, gid="intervals")
            labels += [fit_label(group_label(kind, g, lang), 12) for g in table["group"]]
            pos += list(x)
        ax.set_xticks(pos, labels)
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_ylabel(t("satisfaction.chart.churn.y", lang))
        top = max(float(np.nanmax(np.r_[result.by_class["high"], result.by_trend["high"], 0.01])), 0.01)
        ax.set_ylim(0, top * 1.3)
        ax.legend(loc="upper left", fontsize=11)
    return ax


def plot_margin_vs_n(result: SampleSize, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """The NPS margin of error against the number of answers (log scale).

    The formula's ± half-width (gid ``formula``, upper and lower line), the range of random
    subsamples around the full NPS (gid ``draws``: vertical segments), the ±margin lines (gid
    ``margin``) and the company's own number of answers (gid ``have``).
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("satisfaction.chart.sample.title", lang))
        c = result.curve
        if not result.full["n"] or not len(c):
            return empty_axes(ax, "satisfaction.chart.empty", lang)
        n = c["n"].to_numpy("float64")
        hw = c["half_width"].to_numpy("float64")
        ax.plot(n, hw, color=COLORS["profit"], gid="formula", label=t("satisfaction.chart.sample.formula", lang))
        ax.plot(n, -hw, color=COLORS["profit"], gid="formula")
        ok = c["draw_low"].notna().to_numpy()
        if ok.any():
            ax.vlines(n[ok], (c["draw_low"] - result.full["nps"]).to_numpy("float64")[ok],
                      (c["draw_high"] - result.full["nps"]).to_numpy("float64")[ok], color=COLORS["revenue"],
                      linewidth=6, alpha=0.6, gid="draws", label=t("satisfaction.chart.sample.draws", lang))
        for sign in (1, -1):
            ax.axhline(sign * result.margin, color=COLORS["neutral"], linestyle="--", linewidth=1.2, gid="margin")
        ax.axvline(result.full["n"], color=COLORS["gross_margin"], linewidth=1.5, gid="have",
                   label=t("satisfaction.chart.sample.have", lang, n=fmt_number(result.full["n"], lang)))
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_number(v, lang)))
        ax.yaxis.set_major_formatter(_nps_axis(lang))
        ax.set_xlabel(t("satisfaction.chart.sample.x", lang))
        ax.set_ylabel(t("satisfaction.chart.sample.y", lang))
        ax.legend(loc="upper right", fontsize=11)
    return ax
