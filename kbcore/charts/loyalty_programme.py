"""Charts of topic 8 (program 004): the loyalty programme.

Each draws one computed result of :mod:`kbcore.analyses.loyalty_programme` and computes nothing
beyond layout; texts come from the catalogue (``loyalty_programme.*``), money and shares through
the locale formatters (the currency is a parameter: EUR for the Bulgarian company). All take
``lang`` and ``ax`` and return the axes.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from kbcore.analyses.loyalty_programme import LoyaltyEffect, ProgrammeKPIs
from kbcore.charts.style import (
    COLORS,
    empty_axes,
    fmt_number_short,
    money_formatter,
    new_axes,
    style,
)
from kbcore.i18n import fmt_number, fmt_pct, t
from kbcore.views.loyalty_programme import indicator_label

__all__ = ["plot_funnel", "plot_points", "plot_event_time", "plot_estimates"]


def plot_funnel(kpis: ProgrammeKPIs, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """The programme's funnel: eligible clients → members among them → active members.

    Horizontal bars (gid ``funnel``), top to bottom, each labelled with its count and its share of
    the eligible clients.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("loyalty_programme.chart.funnel.title", lang))
        if "loyalty" in kpis.missing or not kpis.eligible:
            return empty_axes(ax, "loyalty_programme.chart.empty.loyalty", lang)
        keys = ("eligible", "eligible_members", "active_members")
        values = np.array([kpis.eligible, kpis.eligible_members, kpis.active_members], dtype="float64")
        y = np.arange(len(keys))[::-1]
        colors = [COLORS["neutral"], COLORS["revenue"], COLORS["gross_margin"]]
        ax.barh(y, values, color=colors, gid="funnel")
        ax.set_yticks(y, [indicator_label(k, lang) for k in keys])
        for yi, v in zip(y, values, strict=True):
            ax.annotate(f"{fmt_number(v, lang)} ({fmt_pct(v / values[0], lang, 0)})", (v, yi), xytext=(5, 0),
                        textcoords="offset points", va="center", fontsize=11, gid="counts")
        ax.set_xlim(0, values[0] * 1.25)
        ax.set_xlabel(t("loyalty_programme.chart.funnel.x", lang))
    return ax


def plot_points(kpis: ProgrammeKPIs, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Points issued, redeemed, expired and outstanding (bars, gid ``points``).

    An unknown one (expired points not recorded) is left out and named in the chart's note
    (gid ``note``).
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("loyalty_programme.chart.points.title", lang))
        if "loyalty" in kpis.missing or "loyalty.points_earned" in kpis.missing or not kpis.points_issued:
            return empty_axes(ax, "loyalty_programme.chart.empty.points", lang)
        keys = ["points_issued", "points_redeemed", "points_expired", "outstanding"]
        values = [kpis.points_issued, kpis.points_redeemed, kpis.points_expired, kpis.outstanding]
        shown = [(k, v) for k, v in zip(keys, values, strict=True) if v is not None and math.isfinite(v)]
        colors = {"points_issued": COLORS["revenue"], "points_redeemed": COLORS["gross_margin"],
                  "points_expired": COLORS["neutral"], "outstanding": COLORS["profit"]}
        x = np.arange(len(shown))
        ax.bar(x, [v for _, v in shown], color=[colors[k] for k, _ in shown], gid="points")
        ax.set_xticks(x, [indicator_label(k, lang) for k, _ in shown])
        for i, (_k, v) in enumerate(shown):
            ax.annotate(f"{fmt_number(v, lang)}\n{fmt_pct(v / kpis.points_issued, lang, 0)}", (i, v), xytext=(0, 4),
                        textcoords="offset points", ha="center", va="bottom", fontsize=11, gid="counts")
        ax.set_ylim(0, kpis.points_issued * 1.3)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_number_short(v, lang)))
        ax.set_ylabel(t("loyalty_programme.chart.points.y", lang))
        if len(shown) < len(keys):
            ax.text(0.99, 0.97, t("loyalty_programme.chart.points.no_expired", lang), transform=ax.transAxes,
                    ha="right", va="top", fontsize=10, color=COLORS["neutral"], gid="note")
    return ax


def plot_event_time(effect: LoyaltyEffect, *, currency: str = "EUR", lang: str = "en",
                    ax: Axes | None = None) -> Axes:
    """Members against their matched controls, month by month around joining (event time).

    Two lines (gid ``members``, ``controls``): the mean revenue a month of the members and of
    their controls, x = months from joining (0 = the joining month); a dashed vertical line
    where the post window starts (gid ``join``).
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("loyalty_programme.chart.event.title", lang))
        ev = effect.event
        if effect.n == 0 or not len(ev) or ev["members"].isna().all():
            return empty_axes(ax, "loyalty_programme.chart.empty.effect", lang)
        x = ev["month"].to_numpy()
        ax.plot(x, ev["members"].to_numpy("float64"), color=COLORS["profit"], marker="o", gid="members",
                label=t("loyalty_programme.chart.event.members", lang))
        ax.plot(x, ev["controls"].to_numpy("float64"), color=COLORS["revenue"], marker="o", gid="controls",
                label=t("loyalty_programme.chart.event.controls", lang))
        post = x[(ev["part"] == "post").to_numpy(dtype=bool)]
        start = float(post.min()) if len(post) else 0.0
        ax.axvline(start - 0.5, color=COLORS["neutral"], linestyle="--", linewidth=1.5, gid="join")
        ax.yaxis.set_major_formatter(money_formatter(lang, currency))
        ax.set_xlabel(t("loyalty_programme.chart.event.x", lang))
        ax.set_ylabel(t("loyalty_programme.chart.event.y", lang))
        ax.set_ylim(bottom=0)
        ax.legend(loc="upper left")
    return ax


def plot_estimates(effect: LoyaltyEffect, *, currency: str = "EUR", truth: float | None = None, lang: str = "en",
                   ax: Axes | None = None) -> Axes:
    """The naive comparison and the difference-in-differences, each a point with its interval.

    Points (gid ``naive``, ``did``) with error bars at the effect's confidence level; a line at
    zero (gid ``zero``); ``truth`` (a known planted effect, in a simulation) as a dotted line
    (gid ``truth``).
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("loyalty_programme.chart.est.title", lang,
                       pct=fmt_number(100 * effect.level, lang)))
        if effect.n == 0:
            return empty_axes(ax, "loyalty_programme.chart.empty.effect", lang)
        rows = [("naive", effect.naive, effect.naive_low, effect.naive_high, COLORS["neutral"]),
                ("did", effect.did, effect.ci_low, effect.ci_high, COLORS["profit"])]
        for i, (key, v, lo, hi, color) in enumerate(rows):
            err = None
            if math.isfinite(lo) and math.isfinite(hi):
                err = np.array([[v - lo], [hi - v]])
            bars = ax.errorbar([v], [i], xerr=err, fmt="o", color=color, capsize=6, markersize=9, linewidth=2.5)
            bars.lines[0].set_gid(key)
            for cap in bars.lines[1]:
                cap.set_gid(f"{key}_cap")
        ax.axvline(0, color=COLORS["text"], linewidth=1, gid="zero")
        if truth is not None and math.isfinite(truth):
            ax.axvline(truth, color=COLORS["gross_margin"], linestyle=":", linewidth=2, gid="truth",
                       label=t("loyalty_programme.chart.est.truth", lang))
            ax.legend(loc="lower right")
        ax.set_yticks([0, 1], [t("loyalty_programme.est.naive", lang), t("loyalty_programme.est.did", lang)])
        ax.set_ylim(-0.7, 1.7)
        ax.xaxis.set_major_formatter(money_formatter(lang, currency))
        ax.set_xlabel(t("loyalty_programme.chart.est.x", lang,
                        window=fmt_number(effect.window, lang)))
    return ax
