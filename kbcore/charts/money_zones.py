"""Chart of the three money zones (:mod:`kbcore.analyses.money_zones`): layout only."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from kbcore.analyses.money_zones import ZONES
from kbcore.charts.style import COLORS, fmt_money_short, money_formatter, new_axes, style
from kbcore.i18n import t
from kbcore.schema import C
from kbcore.views.money_zones import place_label

__all__ = ["ZONE_COLORS", "plot_money_zones"]

ZONE_COLORS = {
    "money_in_hand": COLORS["gross_margin"],  # green: ours already
    "money_on_table": COLORS["profit"],  # orange: the eye goes here, closest to win
    "money_in_market": "#9dbbd9",  # pale blue: large, far away
}
"""One colour per zone, the same in every block-6 chart."""


def _group_labels(table: pd.DataFrame, keys: list[str], lang: str) -> list[str]:
    labels = []
    for _, row in table[keys].iterrows():  # a few display rows
        parts = [place_label(row[k], lang) for k in keys]
        labels.append(textwrap.fill(" · ".join(parts), 28))
    return labels


def _title(keys: list[str], zones: tuple[str, ...], lang: str) -> str:
    """"Three money zones by segment", "Money in hand and on the table by region" …: one title per view."""
    grouping = "_".join(keys) or "all"
    by = t(f"zone.chart.by.{grouping}", lang) if grouping in ("segment", "region", "segment_region") else ""
    if "money_in_market" in zones:
        key = "zone.chart.title"
    elif zones == ("money_in_hand", "money_on_table"):
        key = "zone.chart.title_clients"
    else:
        key = "zone.chart.title_some"
    names = ", ".join(t(f"zone.{z}", lang) for z in zones)
    return t(key, lang, by=by, zones=names).strip()


def plot_money_zones(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    ax: Axes | None = None,
    zones: tuple[str, ...] = ZONES,
    top: int | None = 12,
) -> Axes:
    """Stacked horizontal bars: money in hand, on the table and in the market per group.

    One bar per segment (or region, or segment · region) of
    :func:`kbcore.analyses.money_zones.zone_table`, the zones stacked in the order "in hand →
    on the table → in the market" (from ours to the farthest). The money in hand of each
    group is written at the end of its bar (it is often too thin to see next to the market).
    A zone that is unknown (NaN: no potential, no market table) is not drawn and a footnote
    says so.

    Parameters
    ----------
    table : DataFrame
        :func:`~kbcore.analyses.money_zones.zone_table` (its key columns are ``segment``
        and/or ``region``).
    lang : str
        Language of texts and numbers.
    ax : Axes, optional
        Where to draw; a new figure when None.
    zones : tuple of str
        The zones to draw (e.g. ``("money_in_hand", "money_on_table")`` to look at the
        client base without the market).
    top : int, optional
        At most this many groups (the table's first rows; default 12).
    """
    keys = [k for k in (C.segment, C.region) if k in table.columns]
    zones = tuple(z for z in ZONES if z in zones)
    view = table.head(top) if top else table
    with style():
        ax = new_axes(ax)
        ax.set_title(_title(keys, zones, lang))
        y = np.arange(len(view))[::-1]
        left = np.zeros(len(view))
        unknown = []
        handles = []
        for zone in zones:
            values = view[zone].to_numpy("float64")
            if np.isnan(values).all():
                unknown.append(t(f"zone.{zone}", lang))
                continue
            values = np.nan_to_num(values, nan=0.0)
            bars = ax.barh(y, values, left=left, height=0.62, color=ZONE_COLORS[zone],
                           label=t(f"zone.{zone}", lang), zorder=2)
            for bar in bars:
                bar.set_gid(zone)
            handles.append(Patch(color=ZONE_COLORS[zone], label=t(f"zone.{zone}", lang)))
            left = left + values
        total = float(left.max()) if len(left) else 0.0
        if "money_in_hand" in zones:
            for yi, end, hand in zip(y, left, view["money_in_hand"].to_numpy("float64"),
                                     strict=True):
                ax.annotate(
                    t("zone.chart.in_hand_label", lang, money=fmt_money_short(hand, lang)),
                    (end, yi), xytext=(5, 0), textcoords="offset points", va="center",
                    ha="left", fontsize=11, color=ZONE_COLORS["money_in_hand"],
                    fontweight="bold",
                )
        ax.set_yticks(y, _group_labels(view, keys, lang))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.set_xlim(0, total * 1.3 if total > 0 else 1.0)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.xaxis.set_major_formatter(money_formatter(lang))
        ax.set_xlabel(t("zone.chart.xlabel", lang))
        if handles:
            ax.legend(handles=handles, loc="lower right")
        if unknown:
            ax.annotate(
                t("zone.chart.unknown", lang, zones=", ".join(unknown)), (0, 0),
                xytext=(0, -52), xycoords="axes fraction", textcoords="offset points",
                ha="left", va="top", fontsize=11, color=COLORS["neutral"], gid="footnote",
            )
    return ax
