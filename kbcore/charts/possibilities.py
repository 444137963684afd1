"""Charts of block 3 («Возможности клиентской базы»): layout only.

* :func:`plot_idic` — each IDIC principle's score in the data beside the self-assessment;
* :func:`plot_equity` — customer equity at each year-end, with the value of the value-creating
  clients beside it (the difference is what the loss-makers cost);
* :func:`plot_handover` — the clients of the manager who left against comparable clients.

The numbers come from :mod:`kbcore.views.possibilities` (``idic_compare``) and the analyses
:mod:`kbcore.analyses.customer_equity` and :mod:`kbcore.analyses.handover`; texts from the
catalogue (``b3.chart.*``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from kbcore.analyses.customer_equity import CustomerEquity
from kbcore.analyses.handover import GROUPS, HandoverEffect
from kbcore.charts.style import COLORS, money_formatter, new_axes, pct_formatter, style
from kbcore.i18n import fmt_date, fmt_pct, t
from kbcore.views.labels import short_person_name
from kbcore.views.possibilities import principle_label

__all__ = ["plot_idic", "plot_equity", "plot_handover"]


def _example(title: str, example: bool, lang: str) -> str:
    return t("kf.example", lang, label=title) if example else title


def plot_idic(compare: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
              example: bool = False) -> Axes:
    """The four principles: the data's score (gid ``data``) and the self-assessment (gid ``self``).

    Horizontal bar pairs, IDIC order from the top, 0 … 100 %; a score the data cannot give reads
    "no data" where its bar would be. ``example`` marks the self-assessment as an example in the
    legend and the title.
    """
    with style():
        ax = new_axes(ax)
        n = len(compare)
        y = np.arange(n)[::-1].astype(float)
        h = 0.36
        own_label = t("b3.chart.self", lang)
        if example:
            own_label = t("kf.example", lang, label=own_label)
        for values, offset, color, gid, label in (
                (compare["data"], h / 2, COLORS["revenue"], "data", t("b3.chart.data", lang)),
                (compare["self"], -h / 2, COLORS["profit"], "self", own_label)):
            v = values.to_numpy(dtype=float)
            bars = ax.barh(y + offset, np.nan_to_num(v), height=h, color=color, label=label)
            for bar in bars:
                bar.set_gid(gid)
            for yi, value in zip(y + offset, v, strict=True):
                text = t("b3.chart.no_data", lang) if math.isnan(value) else fmt_pct(value, lang)
                ax.text((0 if math.isnan(value) else value) + 0.01, yi, text, va="center", fontsize=11,
                        color=COLORS["neutral"] if math.isnan(value) else COLORS["text"])
        ax.set_yticks(y, [principle_label(p, lang) for p in compare["principle"]])
        ax.set_xlim(0, 1.15)
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.set_xlabel(t("b3.chart.idic_xlabel", lang))
        ax.set_title(_example(t("b3.chart.idic_title", lang), example, lang))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, frameon=False)
        return ax


def plot_equity(ce: CustomerEquity, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Customer equity at each year-end beside the value of the value-creating clients.

    Bars ``equity`` and ``positive`` (gids) per year-end; a year the data cannot value reads "not
    measured".
    """
    with style():
        ax = new_axes(ax)
        y = ce.by_year
        x = np.arange(len(y), dtype=float)
        w = 0.38
        pos = y["equity_positive"].to_numpy(dtype=float)
        eq = y["equity"].to_numpy(dtype=float)
        for values, offset, color, gid, key in ((pos, -w / 2, COLORS["gross_margin"], "positive", "b3.chart.positive"),
                                                (eq, w / 2, COLORS["revenue"], "equity", "b3.chart.equity")):
            bars = ax.bar(x + offset, np.nan_to_num(values), width=w, color=color, label=t(key, lang))
            for bar in bars:
                bar.set_gid(gid)
        top = np.nanmax(np.concatenate([pos, eq, [0.0]])) if np.isfinite(np.concatenate([pos, eq])).any() else 1.0
        for xi, value in zip(x, eq, strict=True):
            if math.isnan(value):
                ax.text(xi, max(top, 1.0) * 0.02, t("b3.chart.not_measured", lang), ha="center", va="bottom",
                        rotation=90, fontsize=11, color=COLORS["neutral"])
        ax.axhline(0, color=COLORS["text"], linewidth=1)
        ax.set_xticks(x, [fmt_date(d, lang) for d in y["as_of"]])
        ax.yaxis.set_major_formatter(money_formatter(lang))
        ax.set_ylabel(t("b3.chart.equity_ylabel", lang))
        ax.set_title(t("b3.chart.equity_title", lang, years=ce.horizon_years,
                       rate=fmt_pct(ce.discount_rate, lang, 1)))
        ax.grid(axis="x", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False)
        return ax


def plot_handover(h: HandoverEffect, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Handed-over clients against comparable clients.

    The share still buying a window after the handover and the revenue after / before (gids
    ``handed_over`` and ``comparable``); the share expected for the handed-over clients' mix is a
    dashed tick (gid ``expected``).
    """
    with style():
        ax = new_axes(ax)
        if h.manager is None or h.groups.empty:
            ax.text(0.5, 0.5, t("b3.chart.no_handover", lang), transform=ax.transAxes, ha="center",
                    va="center", wrap=True)
            ax.set_axis_off()
            ax.set_title(t("b3.chart.handover_title_none", lang))
            return ax
        g = h.groups.set_index("group").reindex(list(GROUPS))
        metrics = ("still_buying_share", "revenue_ratio")
        x = np.arange(len(metrics), dtype=float)
        w = 0.36
        for i, (group, color) in enumerate(zip(GROUPS, (COLORS["profit"], COLORS["revenue"]), strict=True)):
            values = g.loc[group, list(metrics)].to_numpy(dtype=float)
            offset = (i - 0.5) * w
            bars = ax.bar(x + offset, np.nan_to_num(values), width=w, color=color,
                          label=t(f"b3.group.{group}", lang))
            for bar, value in zip(bars, values, strict=True):
                bar.set_gid(group)
                ax.annotate(fmt_pct(value, lang), (bar.get_x() + bar.get_width() / 2, np.nan_to_num(value)),
                            xytext=(0, 4), textcoords="offset points", ha="center", va="bottom", fontsize=12)
        if not math.isnan(h.expected_still_buying):
            ax.hlines(h.expected_still_buying, x[0] - w, x[0], colors=COLORS["text"], linestyles="--",
                      linewidth=2, gid="expected", label=t("b3.chart.expected", lang))
        ax.set_xticks(x, [t(f"b3.chart.{m}", lang) for m in metrics])
        ax.set_ylim(0, max(1.2, float(np.nanmax(g[list(metrics)].to_numpy(dtype=float))) * 1.15))
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_title(t("b3.chart.handover_title", lang, manager=short_person_name(h.manager),
                       date=fmt_date(h.date, lang)))
        ax.grid(axis="x", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=3, frameon=False)
        return ax
