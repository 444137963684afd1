"""Charts of block 1 (profitability).

Each draws one result of :mod:`kbcore.analyses.profitability` and computes nothing beyond layout.

All take ``lang`` (texts from the catalogue, numbers by Babel) and ``ax`` (draw into an
existing axes, or a new 10 × 5.5 in figure in the kbcore style) and return the axes.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from kbcore.charts.style import (
    COLORS,
    fmt_money_short,
    money_formatter,
    new_axes,
    pct_formatter,
    style,
)
from kbcore.i18n import fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.profitability import equal_clients

__all__ = ["plot_yearly", "plot_whale_curve", "plot_concession", "plot_concentration"]

_LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}


def _isnan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _footnote(
    ax: Axes, text: str, color: str = COLORS["neutral"], below: float | None = None
) -> None:
    """A small note under the axes (below the x label), kept inside the figure by the layout."""
    if below is None:
        below = -52 if ax.get_xlabel() else -34
    text = "\n".join(textwrap.fill(part, 85) for part in text.split("\n"))
    ax.annotate(
        text,
        (0, 0),
        xytext=(0, below),
        xycoords="axes fraction",
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=11,
        color=color,
        gid="footnote",
    )


def _pct(value, lang: str, digits: int = 0) -> str:
    return fmt_pct(value, lang, digits).replace("-", "\u2212")


# --------------------------------------------------------------------------- yearly
def plot_yearly(yearly: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Revenue (bars) against gross margin and client profit (lines) by year.

    All three share one money axis, so a profit line that stays flat while the revenue bars
    climb shows the block's point at a glance. Each bar and point carries its value; a
    partial year (``months`` < 12) is starred and named in a footnote.

    Parameters
    ----------
    yearly : DataFrame
        :func:`kbcore.analyses.profitability.yearly_summary`.
    lang : str
        Language of texts and numbers.
    ax : Axes, optional
        Where to draw; a new figure when None.
    """
    with style():
        ax = new_axes(ax)
        x = np.arange(len(yearly))
        partial = (
            (yearly["months"] < 12).to_numpy()
            if "months" in yearly.columns
            else np.zeros(len(yearly), dtype=bool)
        )
        labels = [
            f"{int(y)}*" if p else str(int(y)) for y, p in zip(yearly["year"], partial, strict=True)
        ]
        revenue = yearly[C.revenue].to_numpy(dtype="float64")
        ax.bar(
            x, revenue, width=0.62, color=COLORS["revenue"], label=t("col.revenue", lang), zorder=2
        )
        top = np.nanmax(np.abs(revenue)) if len(revenue) else 1.0
        top = top if top > 0 else 1.0
        for xi, value in zip(x, revenue, strict=True):
            ax.annotate(
                fmt_money_short(value, lang),
                (xi, max(value, 0)),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=12,
                color=COLORS["text"],
            )
        lines_drawn = 0
        label_at = {0, len(x) - 1}  # direct labels at the first and the last year
        for column, key, offset in (
            ("gross_margin", "col.gross_margin", 10),
            ("profit", "col.profit", -12),
        ):
            values = yearly[column].to_numpy(dtype="float64")
            if np.isnan(values).all():
                continue
            (line,) = ax.plot(
                x, values, marker="o", color=COLORS[column], label=t(key, lang), zorder=3
            )
            line.set_gid(column)
            lines_drawn += 1
            for xi, value in zip(x, values, strict=True):
                if np.isnan(value) or xi not in label_at:
                    continue
                ax.annotate(
                    fmt_money_short(value, lang),
                    (xi, value),
                    xytext=(0, offset),
                    textcoords="offset points",
                    ha="center",
                    va="bottom" if offset > 0 else "top",
                    fontsize=12,
                    color=COLORS[column],
                    fontweight="bold",
                    bbox=_LABEL_BOX,
                    zorder=4,
                )
        if not lines_drawn and len(yearly):
            ax.text(
                0.5,
                0.5,
                t("yearly.no_cost", lang),
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=12,
                color=COLORS["loss"],
                bbox=_LABEL_BOX,
            )
        low = min(
            0.0,
            float(np.nanmin(yearly[["gross_margin", "profit"]].to_numpy(dtype="float64")))
            if lines_drawn
            else 0.0,
        )
        # room below the lowest point for its label, above the bars for the legend
        ax.set_ylim(low - 0.09 * top, top * 1.3)
        ax.axhline(0, color=COLORS["neutral"], linewidth=1, zorder=1)
        ax.set_xticks(x, labels)
        ax.yaxis.set_major_formatter(money_formatter(lang))
        ax.set_ylabel(t("yearly.ylabel", lang))
        ax.set_title(t("yearly.title", lang))
        handles, names = ax.get_legend_handles_labels()
        order = sorted(range(len(names)), key=lambda i: names[i] != t("col.revenue", lang))
        ax.legend([handles[i] for i in order], [names[i] for i in order], loc="upper left", ncols=3)
        if partial.any():
            years = ", ".join(
                t("yearly.partial_year", lang, year=int(y), months=int(m))
                for y, m in zip(
                    yearly.loc[partial, "year"], yearly.loc[partial, "months"], strict=True
                )
            )
            _footnote(ax, t("yearly.partial", lang, years=years))
    return ax


# --------------------------------------------------------------------------- whale curve
def plot_whale_curve(
    curve: pd.DataFrame, summary: pd.Series, *, lang: str = "en", ax: Axes | None = None
) -> Axes:
    """The whale curve: cumulative share of profit against the share of clients, best first.

    Draws the curve from the origin, the 100 % line (total profit), the peak (marked and
    annotated with its height and the number of clients) and a red band over the
    unprofitable tail with its client count and loss. When the total profit is ≤ 0 (shares
    undefined) the curve is drawn in money and the catalogue note is shown.

    Parameters
    ----------
    curve : DataFrame
        :func:`kbcore.analyses.profitability.whale_curve`.
    summary : Series
        :func:`kbcore.analyses.profitability.whale_summary` of that curve.
    lang : str
        Language of texts and numbers.
    ax : Axes, optional
        Where to draw; a new figure when None.
    """
    with style():
        ax = new_axes(ax)
        n = len(curve)
        in_money = summary["note"] is not None
        ax.set_title(t("whale.title", lang))
        ax.set_xlabel(t("whale.xlabel", lang))
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.set_xlim(0, 1)
        if n == 0:
            ax.text(
                0.5,
                0.5,
                t("whale.note.empty", lang),
                transform=ax.transAxes,
                ha="center",
                va="center",
                color=COLORS["loss"],
            )
            return ax
        x = np.concatenate([[0.0], curve["client_share"].to_numpy(dtype="float64")])
        column = "cum_value" if in_money else "cum_share"
        y = np.concatenate([[0.0], curve[column].to_numpy(dtype="float64")])
        ax.fill_between(x, 0, y, color=COLORS["shade"], zorder=1, linewidth=0)
        (line,) = ax.plot(x, y, color=COLORS["profit"], zorder=3, label=t("whale.curve", lang))
        line.set_gid("whale")

        # unprofitable tail
        losers = int(summary["unprofitable_clients"])
        if losers:
            tail_start = (n - losers) / n
            span = ax.axvspan(tail_start, 1.0, color=COLORS["shade_loss"], zorder=0, linewidth=0)
            span.set_gid("tail")
            wide = 1.0 - tail_start > 0.3
            ax.text(
                (tail_start + 1.0) / 2 if wide else 0.985,
                0.06,
                tn(
                    "whale.tail",
                    losers,
                    lang,
                    loss=fmt_money_short(-summary["unprofitable_loss"], lang),
                ),
                transform=ax.get_xaxis_transform(),
                ha="center" if wide else "right",
                va="bottom",
                fontsize=12,
                color=COLORS["loss"],
                fontweight="bold",
                bbox=_LABEL_BOX,
                zorder=5,
            )

        peak_x = summary["peak_client_share"]
        if in_money:
            ax.yaxis.set_major_formatter(money_formatter(lang))
            ax.set_ylabel(t("whale.ylabel_money", lang))
            peak_y = summary["peak_value"]
            peak_text = fmt_money_short(peak_y, lang)
            ax.axhline(0, color=COLORS["neutral"], linewidth=1)
            _footnote(ax, t(summary["note"], lang), COLORS["loss"])
        else:
            ax.yaxis.set_major_formatter(pct_formatter(lang))
            ax.set_ylabel(t("whale.ylabel", lang))
            peak_y = summary["peak_share"]
            peak_text = _pct(peak_y, lang)
            hundred = ax.axhline(
                1.0, color=COLORS["neutral"], linestyle="--", linewidth=1.5, zorder=2
            )
            hundred.set_gid("hundred")
            ax.text(
                0.985,
                0.975,
                t(
                    "whale.total_line",
                    lang,
                    hundred=_pct(1.0, lang),
                    total=fmt_money_short(summary["total"], lang),
                ),
                transform=ax.get_yaxis_transform(),
                ha="right",
                va="top",
                fontsize=12,
                color=COLORS["neutral"],
                bbox=_LABEL_BOX,
                zorder=4,
            )
        low = min(0.0, float(np.nanmin(y)))
        ax.set_ylim(low * 1.15 if low < 0 else 0, float(np.nanmax(y)) * 1.3)
        ax.plot(
            [peak_x],
            [peak_y],
            marker="o",
            markersize=11,
            color=COLORS["loss"],
            zorder=6,
            gid="peak_marker",
            linestyle="none",
        )
        right = peak_x < 0.5  # the two-line label takes about a third of the width
        ax.annotate(
            tn(
                "whale.peak",
                int(summary["peak_clients"]),
                lang,
                peak=peak_text,
                share=_pct(summary["peak_client_share"], lang),
            ),
            (peak_x, peak_y),
            xytext=(25 if right else -25, 12),
            textcoords="offset points",
            ha="left" if right else "right",
            va="bottom",
            fontsize=13,
            fontweight="bold",
            color=COLORS["text"],
            arrowprops={"arrowstyle": "-", "color": COLORS["text"], "linewidth": 1},
            bbox=_LABEL_BOX,
            zorder=7,
            gid="peak",
        )
    return ax


# --------------------------------------------------------------------------- concessions
def plot_concession(
    concession: pd.DataFrame,
    *,
    lang: str = "en",
    ax: Axes | None = None,
    threshold: float | None = None,
) -> Axes:
    """Share of revenue against share of profit: concession clients vs all other clients.

    Two pairs of bars (blue = revenue share, orange = profit share; red when the profit
    share is negative), each labelled with its value; under each pair the group's client
    count and average discount. When profit shares are undefined (total profit ≤ 0) only the
    revenue shares are drawn, with the catalogue note.

    Parameters
    ----------
    concession : DataFrame
        :func:`kbcore.analyses.profitability.concession_clients`.
    lang : str
        Language of texts and numbers.
    ax : Axes, optional
        Where to draw; a new figure when None.
    threshold : float, optional
        The discount threshold named in the label; default ``concession.attrs["threshold"]``.
    """
    with style():
        ax = new_axes(ax)
        threshold = concession.attrs.get("threshold") if threshold is None else threshold
        x = np.arange(len(concession))
        width = 0.36
        revenue = concession["revenue_share"].to_numpy(dtype="float64")
        profit = concession["profit_share"].to_numpy(dtype="float64")
        profit_ok = not np.isnan(profit).all()
        rev_bars = ax.bar(
            x - width / 2 if profit_ok else x,
            revenue,
            width,
            color=COLORS["revenue"],
            label=t("col.revenue_share", lang),
            zorder=2,
        )
        heights = [revenue]
        bar_sets = [(rev_bars, revenue)]
        if profit_ok:
            colors = [COLORS["loss"] if v < 0 else COLORS["profit"] for v in profit]
            prof_bars = ax.bar(
                x + width / 2,
                np.nan_to_num(profit),
                width,
                color=colors,
                label=t("col.profit_share", lang),
                zorder=2,
            )
            heights.append(profit)
            bar_sets.append((prof_bars, profit))
        for bars, values in bar_sets:
            for bar, value in zip(bars, values, strict=True):
                if np.isnan(value):
                    continue
                ax.annotate(
                    _pct(value, lang),
                    (bar.get_x() + bar.get_width() / 2, value),
                    xytext=(0, 5 if value >= 0 else -5),
                    textcoords="offset points",
                    ha="center",
                    va="bottom" if value >= 0 else "top",
                    fontsize=13,
                    fontweight="bold",
                    color=COLORS["text"],
                )
        all_values = np.concatenate(heights)
        all_values = all_values[~np.isnan(all_values)]
        high = max(1.0, float(all_values.max())) if all_values.size else 1.0
        low = min(0.0, float(all_values.min())) if all_values.size else 0.0
        ax.set_ylim(low - (0.1 * (high - low) if low < 0 else 0), high * 1.3)
        ax.axhline(0, color=COLORS["neutral"], linewidth=1, zorder=1)
        labels = []
        for _, row in concession.iterrows():  # two display rows, not data rows
            if row["group"] == "concession":
                name = (
                    t("concession.group.concession", lang, threshold=_pct(threshold, lang))
                    if threshold is not None
                    else t("concession.group.concession_plain", lang)
                )
            else:
                name = t("concession.group.other", lang)
            detail = tn(
                "concession.detail",
                int(row["clients"]),
                lang,
                rate=_pct(row["discount_rate"], lang, 1),
            )
            labels.append(f"{name}\n{detail}")
        ax.set_xticks(x, labels)
        ax.tick_params(axis="x", length=0)
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_ylabel(t("concession.ylabel", lang))
        ax.set_title(t("concession.title", lang))
        handles = [Patch(color=COLORS["revenue"], label=t("col.revenue_share", lang))]
        if profit_ok:
            handles.append(Patch(color=COLORS["profit"], label=t("col.profit_share", lang)))
        ax.legend(handles=handles, loc="upper center", ncols=2)
        if not profit_ok:  # below the three-line group labels
            _footnote(ax, t("concession.note.nonpositive_total", lang), COLORS["loss"], below=-72)
    return ax


# --------------------------------------------------------------------------- concentration
def plot_concentration(
    curve: pd.DataFrame,
    conc: pd.Series,
    *,
    lang: str = "en",
    ax: Axes | None = None,
    top: float = 0.2,
) -> Axes:
    """Pareto (Lorenz) curve of revenue: cumulative share of revenue against share of clients.

    Clients are ranked from the largest; the diagonal is the "all clients equal" reference;
    the top-20 % point is marked with its share; a box states the verdict, the largest
    client's and the top 10's shares and the HHI with its effective number of clients.

    Parameters
    ----------
    curve : DataFrame
        The revenue curve: :func:`~kbcore.analyses.profitability.whale_curve` with
        ``measure="revenue"`` (``client_share``, ``cum_share``).
    conc : Series
        :func:`kbcore.analyses.profitability.concentration`.
    lang : str
        Language of texts and numbers.
    ax : Axes, optional
        Where to draw; a new figure when None.
    top : float
        Where the top-share marker stands (the ``top`` used by ``concentration``).
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("conc.title", lang))
        ax.set_xlabel(t("conc.xlabel", lang))
        ax.set_ylabel(t("conc.ylabel", lang))
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_xlim(0, 1)
        ax.grid(True, axis="both")
        if len(curve) == 0 or curve["cum_share"].isna().all():
            ax.set_ylim(0, 1.05)
            ax.text(
                0.5,
                0.5,
                t("conc.verdict.unknown", lang),
                transform=ax.transAxes,
                ha="center",
                va="center",
                color=COLORS["loss"],
                wrap=True,
            )
            return ax
        x = np.concatenate([[0.0], curve["client_share"].to_numpy(dtype="float64")])
        y = np.concatenate([[0.0], curve["cum_share"].to_numpy(dtype="float64")])
        ax.fill_between(x, x, y, color=COLORS["shade"], zorder=1, linewidth=0)
        (line,) = ax.plot(x, y, color=COLORS["revenue"], zorder=3, label=t("conc.curve", lang))
        line.set_gid("pareto")
        ax.plot(
            [0, 1],
            [0, 1],
            color=COLORS["neutral"],
            linestyle="--",
            linewidth=1.5,
            zorder=2,
            label=t("conc.equal", lang),
        )
        ax.set_ylim(0, max(1.05, float(np.nanmax(y)) * 1.05))

        share = conc["top20pct_share"]
        ax.plot(
            [top, top], [0, share], color=COLORS["text"], linestyle=":", linewidth=1.5, zorder=2
        )
        ax.plot(
            [top],
            [share],
            marker="o",
            markersize=11,
            color=COLORS["profit"],
            zorder=5,
            linestyle="none",
            gid="top20_marker",
        )
        ax.annotate(
            t("conc.top20", lang, top=_pct(top, lang), share=_pct(share, lang)),
            (top, share),
            xytext=(18, -14),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=13,
            fontweight="bold",
            color=COLORS["text"],
            bbox=_LABEL_BOX,
            zorder=6,
            gid="top20",
        )
        box = t(
            "conc.box",
            lang,
            level=t(f"conc.level.{conc['verdict']}", lang),
            top1=_pct(conc["top1_share"], lang, 1),
            top10=_pct(conc["top10_share"], lang, 1),
            hhi=fmt_number(conc["hhi"], lang, 3),
            effective=equal_clients(conc["effective_clients"], lang),
        )
        level_color = {"high": COLORS["loss"], "moderate": COLORS["profit"]}.get(
            conc["verdict"], COLORS["gross_margin"]
        )
        ax.text(
            0.97,
            0.05,
            box,
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=12.5,
            linespacing=1.5,
            color=COLORS["text"],
            zorder=6,
            gid="verdict",
            bbox={
                "boxstyle": "round,pad=0.6",
                "facecolor": "white",
                "edgecolor": level_color,
                "linewidth": 2,
            },
        )
        ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.55))
    return ax
