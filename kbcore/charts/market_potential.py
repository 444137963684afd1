"""Charts of program 004, topic 1 (market potential).

Each draws one computed result (:mod:`kbcore.analyses.market_potential`) and computes nothing beyond
layout; texts come from the catalogue (``market_potential.*``), money through the locale formatters
with the currency given (EUR for the Bulgarian company). All take ``lang`` and ``ax`` and return the
axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from kbcore.analyses.market_potential import METHODS
from kbcore.charts.style import (
    COLORS,
    fmt_number_short,
    money_formatter,
    new_axes,
    pct_formatter,
    style,
)
from kbcore.i18n import t
from kbcore.views.labels import fit_label
from kbcore.views.market_potential import CURRENCY, method_label, place_label

__all__ = ["METHOD_COLORS", "SPOT_COLOR", "plot_methods", "plot_territory_shares",
           "plot_client_potential"]

METHOD_COLORS = {"build_up": "#4a7fb5", "bottom_up": "#2e8b57", "chain_ratio": "#8e6bbf",
                 "index": "#e07b00"}
"""One colour per method, the same in every chart of the topic."""
SPOT_COLOR = "#e07b00"
"""White spots are orange (the eye goes to them)."""


def _axis_money(ax: Axes, axis: str, lang: str, currency: str, value: bool = True) -> None:
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(money_formatter(lang, currency) if value else
                               FuncFormatter(lambda v, _pos: fmt_number_short(v, lang)))


def plot_methods(comparison: pd.DataFrame, *, top: int = 10, lang: str = "en",
                 currency: str = CURRENCY, ax: Axes | None = None) -> Axes:
    """The potential of the first ``top`` territories by each method: a group of bars per territory.

    Horizontal bars, one per method with numbers (gid ``method_<id>``, in :data:`METHOD_COLORS`),
    territories in the comparison's order (the largest on top); money (or units) on the x axis.

    Parameters
    ----------
    comparison : DataFrame
        :func:`~kbcore.analyses.market_potential.compare_methods`.
    """
    with style():
        ax = new_axes(ax)
        rows = comparison.head(top)
        known = [m for m in METHODS if rows[m].notna().any()]
        n = max(len(known), 1)
        y = np.arange(len(rows))[::-1].astype("float64")
        height = 0.8 / n
        for i, m in enumerate(known):
            ax.barh(y + 0.4 - height * (i + 0.5), rows[m].fillna(0.0).to_numpy(dtype="float64"),
                    height=height, color=METHOD_COLORS[m], label=method_label(m, lang), gid=f"method_{m}")
        ax.set_yticks(y, [fit_label(place_label(r, lang)) for r in rows["region"]])
        value = comparison.attrs.get("measure", "value") == "value"
        _axis_money(ax, "x", lang, currency, value)
        ax.set_xlabel(t("market_potential.chart.potential" if value
                        else "market_potential.chart.potential_units", lang))
        ax.set_title(t("market_potential.chart.methods", lang))
        if known:
            ax.legend(loc="lower right")
    return ax


_OFFSETS = ((5, 4, "left"), (5, -13, "left"), (-5, 4, "right"), (-5, -13, "right"), (5, 15, "left"),
            (5, -24, "left"), (-5, 15, "right"), (-5, -24, "right"))
"""Where a point's name may go, in points from the point, tried in order (then the first one)."""


def _name_points(ax: Axes, points: list[tuple[str, float, float]], fontsize: float = 10) -> None:
    """Name each point (gid ``label``) where its name overlaps no name placed before (layout only).

    The largest x first; for each name the first offset of :data:`_OFFSETS` whose box (its width
    estimated from the number of characters) is free, else the first offset.
    """
    ax.autoscale_view()
    scale = ax.figure.dpi / 72.0
    placed: list[tuple[float, float, float, float]] = []
    for text, x, y in sorted(points, key=lambda p: -float(p[1])):
        px, py = ax.transData.transform((x, y))
        width, height = len(text) * fontsize * 0.6 * scale, fontsize * 1.2 * scale
        chosen = _OFFSETS[0]
        for dx, dy, ha in _OFFSETS:
            left = px + dx * scale - (width if ha == "right" else 0.0)
            bottom = py + dy * scale
            box = (left, bottom, left + width, bottom + height)
            if all(box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in placed):
                chosen = (dx, dy, ha)
                break
        dx, dy, ha = chosen
        left = px + dx * scale - (width if ha == "right" else 0.0)
        placed.append((left, py + dy * scale, left + width, py + dy * scale + height))
        ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize, ha=ha,
                    gid="label")


def plot_territory_shares(shares: pd.DataFrame, *, lang: str = "en", currency: str = CURRENCY,
                          label_top: int = 8, ax: Axes | None = None) -> Axes:
    """Potential (x) against our market share (y) per territory, white spots in orange.

    One dot per territory (gid ``territories``; white spots gid ``white_spots``), the rule's lines
    dashed (gid ``potential_line``, ``share_line``), the white spots and the ``label_top`` largest
    gaps named.

    Parameters
    ----------
    shares : DataFrame
        :func:`~kbcore.analyses.market_potential.territory_shares`.
    """
    with style():
        ax = new_axes(ax)
        a = shares.attrs
        spot = shares["white_spot"].to_numpy(dtype=bool)
        x = shares["potential"].to_numpy(dtype="float64")
        y = shares["market_share"].to_numpy(dtype="float64")
        ax.scatter(x[~spot], y[~spot], s=60, color=COLORS["revenue"], alpha=0.75, gid="territories",
                   label=t("market_potential.chart.territory", lang), zorder=3)
        ax.scatter(x[spot], y[spot], s=110, color=SPOT_COLOR, edgecolor=COLORS["text"], gid="white_spots",
                   label=t("market_potential.chart.white_spot", lang), zorder=4)
        if len(shares):
            ax.axvline(a["potential_threshold"], color=COLORS["neutral"], linestyle="--", linewidth=1.5,
                       gid="potential_line", zorder=1)
            ax.axhline(a["share_threshold"], color=COLORS["neutral"], linestyle="--", linewidth=1.5,
                       gid="share_line", zorder=1)
            ax.set_ylim(bottom=0)
            named = shares.loc[spot | (shares["rank"] <= label_top)]
            _name_points(ax, [(fit_label(place_label(row["region"], lang)), row["potential"], row["market_share"])
                              for _, row in named.iterrows()])
            ax.legend(loc="best")
        value = a.get("measure", "value") == "value"
        _axis_money(ax, "x", lang, currency, value)
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_xlabel(t("market_potential.chart.potential" if value
                        else "market_potential.chart.potential_units", lang))
        ax.set_ylabel(t("market_potential.chart.share", lang))
        ax.set_title(t("market_potential.chart.shares", lang))
        ax.set_ylim(bottom=0)
    return ax


def plot_client_potential(clients: pd.DataFrame, *, top: int = 15, lang: str = "en",
                          currency: str = CURRENCY, ax: Axes | None = None) -> Axes:
    """The clients with the largest untapped potential: our sales and the untapped part, stacked.

    Horizontal bars, the first ``top`` rows of the table (its order: largest untapped first, on
    top): our sales (gid ``our_sales``) then the untapped potential (gid ``untapped``); the two
    together are the client's potential.

    Parameters
    ----------
    clients : DataFrame
        :func:`~kbcore.analyses.market_potential.client_potentials` (one territory, or sorted as
        wished).
    """
    with style():
        ax = new_axes(ax)
        rows = clients.loc[clients["potential"].notna()].head(top)
        y = np.arange(len(rows))[::-1].astype("float64")
        ours = rows["our_sales"].clip(lower=0).to_numpy(dtype="float64")
        free = rows["untapped"].to_numpy(dtype="float64")
        ax.barh(y, ours, color=COLORS["revenue"], label=t("market_potential.chart.our_sales", lang),
                gid="our_sales")
        ax.barh(y, free, left=ours, color=COLORS["shade"], edgecolor=COLORS["revenue"],
                label=t("market_potential.chart.untapped", lang), gid="untapped")
        names = rows["name"].fillna(rows["client_id"]).astype(str)
        ax.set_yticks(y, [fit_label(n) for n in names])
        _axis_money(ax, "x", lang, currency)
        ax.set_xlabel(t("market_potential.chart.potential", lang))
        ax.set_title(t("market_potential.chart.clients", lang))
        if len(rows):
            ax.legend(loc="lower right")
    return ax
