"""Charts of topic 4 (program 004): customer lifetime value.

Each draws one computed result of :mod:`kbcore.analyses.clv` and computes nothing beyond layout;
texts come from the catalogue (``clv.chart.*``), money through the locale formatters (the
currency is a parameter: EUR for the Bulgarian company). All take ``lang`` and ``ax`` and return
the axes; the artists carry gids for tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, NullFormatter

from kbcore.charts.style import (
    COLORS,
    LINE_COLORS,
    empty_axes,
    fmt_money_short,
    money_formatter,
    new_axes,
    pct_formatter,
    style,
)
from kbcore.i18n import fmt_number, t
from kbcore.schema import C
from kbcore.views.clv import action_label, unit_label
from kbcore.views.labels import fit_label

__all__ = [
    "ACTION_COLORS",
    "plot_yearly_values",
    "plot_value_map",
    "plot_p_alive_matrix",
    "plot_clv_distribution",
    "plot_repeat_fit",
]

ACTION_COLORS = {
    "develop": "#e07b00",  # orange: where the future profit is
    "retain": "#2e8b57",
    "invest": "#4a7fb5",
    "reduce_cost": "#8c8c8c",
}
"""The colour of each map action (a trainer's own action is grey)."""


_empty = empty_axes


def _names(clients) -> dict[str, str]:
    if clients is None or C.name not in getattr(clients, "columns", ()):
        return {}
    c = clients[[C.client_id, C.name]].dropna()
    return dict(zip(c[C.client_id].astype(str).str.strip(), c[C.name].astype(str), strict=True))


def plot_yearly_values(yearly: pd.DataFrame, weighted: pd.DataFrame, *, top: int = 8, clients=None,
                       currency: str = "EUR", lang: str = "en", ax: Axes | None = None) -> Axes:
    """The yearly value of the ``top`` most valuable clients: one line per client (gid ``client:<id>``).

    Clients in the order of ``weighted``; a year without sales is drawn as 0. The y axis is
    the profit (or revenue, when the cost is missing) a year.
    """
    with style():
        ax = new_axes(ax)
        revenue = yearly.attrs.get("measure") == "revenue"
        ax.set_title(t("clv.chart.yearly.title_revenue" if revenue else "clv.chart.yearly.title", lang,
                       n=min(top, len(weighted))))
        years = list(weighted.attrs.get("weights", {})) or sorted(pd.unique(yearly["year"]).tolist())
        if not len(weighted) or not years:
            return _empty(ax, "clv.chart.empty", lang)
        ids = weighted[C.client_id].astype(str).head(top).tolist()
        wide = (yearly.pivot_table(index=C.client_id, columns="year", values="value", aggfunc="sum", observed=True)
                .reindex(index=ids, columns=years).fillna(0.0))
        names = _names(clients)
        for i, cid in enumerate(ids):
            ax.plot(years, wide.loc[cid].to_numpy("float64"), marker="o", linewidth=2,
                    color=LINE_COLORS[i % len(LINE_COLORS)],
                    label=fit_label(names.get(cid, cid), 28), gid=f"client:{cid}")
        ax.set_xticks(years, [str(y) for y in years])
        ax.axhline(0, color=COLORS["neutral"], linewidth=1)
        ax.yaxis.set_major_formatter(money_formatter(lang, currency))
        ax.set_ylabel(t("clv.chart.yearly.y_revenue" if revenue else "clv.chart.yearly.y", lang))
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=10, frameon=False)
    return ax


def _scale(axis_setter, values: np.ndarray) -> None:
    """Log scale when every value is positive, else symlog (profit can be negative)."""
    v = values[np.isfinite(values)]
    if len(v) and (v > 0).all():
        axis_setter("log")
    elif len(v):
        axis_setter("symlog", linthresh=max(float(np.nanmedian(np.abs(v[v != 0]))) if (v != 0).any() else 1.0, 1.0))


def _money_ticks(axis, lang: str, currency: str) -> FuncFormatter:
    """Money tick labels, none inside the linear band of a symlog axis but 0.

    Their labels ("−100 €", "0 €", "100 €") would run into each other there.
    """
    def label(v, _p):
        linthresh = getattr(axis.get_transform(), "linthresh", None)
        if linthresh is not None and 0 < abs(v) < linthresh * 1.5:
            return ""
        return fmt_money_short(v, lang, currency)
    return FuncFormatter(label)


def plot_value_map(value_map: pd.DataFrame, *, currency: str = "EUR", lang: str = "en",
                   ax: Axes | None = None) -> Axes:
    """The value × potential map: a dot per client coloured by its action, the two cut lines.

    x = the weighted yearly value, y = the potential (log scales; symlog when a value is ≤ 0);
    one scatter per action (gid ``action:<id>``), dashed cut lines (gid ``value_cut``,
    ``potential_cut``). Without a potential it says what it needs.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("clv.chart.map.title", lang))
        placed = value_map.loc[value_map["action"].notna()]
        if not len(placed):
            return _empty(ax, "clv.chart.map.empty", lang)
        x = placed["weighted_value"].to_numpy("float64")
        y = placed[C.potential].to_numpy("float64")
        for action in dict.fromkeys(placed["action"]):
            m = (placed["action"] == action).to_numpy(dtype=bool)
            ax.scatter(x[m], y[m], s=36, alpha=0.7, linewidth=0, zorder=3, gid=f"action:{action}",
                       color=ACTION_COLORS.get(action, COLORS["neutral"]), label=action_label(action, lang))
        _scale(ax.set_xscale, x)
        _scale(ax.set_yscale, y)
        vc, pc = value_map.attrs.get("value_cut"), value_map.attrs.get("potential_cut")
        if vc is not None and np.isfinite(vc):
            ax.axvline(vc, color=COLORS["neutral"], linestyle="--", linewidth=1.5, gid="value_cut", zorder=1)
        if pc is not None and np.isfinite(pc):
            ax.axhline(pc, color=COLORS["neutral"], linestyle="--", linewidth=1.5, gid="potential_cut", zorder=1)
        ax.xaxis.set_major_formatter(_money_ticks(ax.xaxis, lang, currency))
        ax.yaxis.set_major_formatter(_money_ticks(ax.yaxis, lang, currency))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel(t("clv.chart.map.x", lang))
        ax.set_ylabel(t("clv.chart.map.y", lang))
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=10, frameon=False)
    return ax


def plot_p_alive_matrix(matrix: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """P(alive) by frequency (y) and age at the last purchase (x): the classic heat map (gid ``matrix``).

    ``matrix`` is :func:`~kbcore.analyses.clv.p_alive_matrix`; dark = probably gone, light =
    probably still buying.
    """
    with style():
        ax = new_axes(ax)
        unit = matrix.attrs.get("unit")
        T = matrix.attrs.get("T", float(matrix.columns.max()) if len(matrix.columns) else 0.0)
        ax.set_title(t("clv.chart.palive.title", lang, age=unit_label(unit, lang, round(float(T), 1))
                       if unit else fmt_number(T, lang, 1)))
        if not matrix.size:
            return _empty(ax, "clv.chart.empty", lang)
        rec = np.asarray(matrix.columns, dtype="float64")
        freq = np.asarray(matrix.index, dtype="float64")
        img = ax.imshow(np.ma.masked_invalid(matrix.to_numpy("float64")), origin="lower", aspect="auto",
                        cmap="RdYlGn", vmin=0.0, vmax=1.0, interpolation="nearest",
                        extent=(rec.min(), rec.max(), freq.min() - 0.5, freq.max() + 0.5), gid="matrix")
        bar = ax.figure.colorbar(img, ax=ax, format=pct_formatter(lang))
        bar.set_label(t("clv.chart.palive.bar", lang))
        ax.grid(False)
        ax.set_xlabel(t("clv.chart.palive.x", lang, unit=t(f"clv.steps.{unit}", lang) if unit else "—"))
        ax.set_ylabel(t("clv.chart.palive.y", lang))
    return ax


def plot_clv_distribution(table: pd.DataFrame, *, bins: int = 30, currency: str = "EUR", lang: str = "en",
                          ax: Axes | None = None) -> Axes:
    """The CLV of the clients as a histogram on a log x axis (gid ``bars``); CLV ≤ 0 is left out (noted)."""
    with style():
        ax = new_axes(ax)
        ax.set_title(t("clv.chart.dist.title", lang))
        v = table["clv"].to_numpy("float64") if len(table) else np.zeros(0)
        v = v[np.isfinite(v) & (v > 0)]
        if not len(v):
            return _empty(ax, "clv.chart.dist.empty", lang)
        lo, hi = float(v.min()), float(v.max())
        edges = np.geomspace(lo, hi if hi > lo else lo * 10, int(bins) + 1)
        _n, _e, patches = ax.hist(v, bins=edges, color=COLORS["revenue"])
        for p in patches:
            p.set_gid("bars")
        ax.axvline(float(np.median(v)), color=COLORS["profit"], linestyle="--", linewidth=2, gid="median",
                   label=t("clv.chart.dist.median", lang, value=fmt_money_short(float(np.median(v)), lang, currency)))
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: fmt_money_short(x, lang, currency)))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel(t("clv.chart.dist.x", lang))
        ax.set_ylabel(t("clv.chart.dist.y", lang))
        ax.legend(loc="upper right")
    return ax


def plot_repeat_fit(counts: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Actual against expected clients by number of repeat purchases (gids ``actual``, ``expected``).

    ``counts`` is :func:`~kbcore.analyses.clv.expected_repeat_counts`; the last class is "or more".
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("clv.chart.fit.title", lang, model=counts.attrs.get("model") or ""))
        if not len(counts) or not counts["actual"].sum():
            return _empty(ax, "clv.chart.empty", lang)
        x = np.arange(len(counts))
        width = 0.4
        ax.bar(x - width / 2, counts["actual"].to_numpy("float64"), width, color=COLORS["revenue"],
               label=t("clv.col.actual", lang), gid="actual")
        ax.bar(x + width / 2, counts["expected"].to_numpy("float64"), width, color=COLORS["profit"],
               label=t("clv.col.expected", lang), gid="expected")
        last = int(counts["frequency"].max())
        open_label = t("clv.or_more", lang, n=fmt_number(last, lang))
        if len(counts) > 10:  # many classes: the open class's label on two lines, clear of its neighbour
            open_label = open_label.replace(" ", "\n", 1)
        ax.set_xticks(x, [open_label if f == last and counts.attrs.get("open_ended")
                          else fmt_number(f, lang) for f in counts["frequency"]])
        ax.set_xlabel(t("clv.chart.fit.x", lang))
        ax.set_ylabel(t("clv.chart.fit.y", lang))
        ax.legend(loc="upper right")
    return ax
