"""Charts of block 5 (creating the customer base) and of block 6's planning control.

Each draws one result of :mod:`kbcore.analyses.card`, :mod:`~kbcore.analyses.profile`,
:mod:`~kbcore.analyses.planning` or :mod:`~kbcore.analyses.passport` and computes nothing
beyond layout; labels come from the views (:mod:`kbcore.views.profile`,
:mod:`kbcore.views.labels`). All take ``lang`` and ``ax`` and return the axes.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from kbcore.analyses.planning import PVA_COLUMNS
from kbcore.charts.style import (
    COLORS,
    empty_axes,
    fmt_money_short,
    money_formatter,
    new_axes,
    pct_formatter,
    style,
)
from kbcore.i18n import catalogue, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.labels import group_tick_labels, label
from kbcore.views.profile import trait_label, typical_text

__all__ = [
    "PLAN_COLORS",
    "plot_card_trend",
    "plot_profile",
    "plot_plan_by_segment",
    "plot_plan_vs_actual",
    "plot_manager_load",
    "plot_passport",
]

PLAN_COLORS = {
    "base": "#b8c7d9",  # light blue-grey: last year
    "baseline": COLORS["revenue"],  # blue: what the trend brings
    "uplift": COLORS["profit"],  # orange: what the goal adds
    "new": COLORS["gross_margin"],  # green: new clients
    "top": COLORS["profit"],
    "rest": COLORS["neutral"],
    "behind": COLORS["loss"],
    "ahead": COLORS["gross_margin"],
}
"""Colours of block 5's charts (same meaning, same colour)."""

_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}


def _empty(ax: Axes, lang: str) -> Axes:
    return empty_axes(ax, "creation.no_data", lang)


# --------------------------------------------------------------------------- card
def plot_card_trend(years: pd.DataFrame, *, client: str | None = None, lang: str = "en",
                    ax: Axes | None = None) -> Axes:
    """A client's revenue (bars) and gross margin (line) by year: the card's small trend.

    Parameters
    ----------
    years : DataFrame
        ``ClientCard.years`` (``year, revenue, gross_margin``).
    client : str, optional
        The client's name, put in the title ("<client>: revenue and gross margin by year").
    """
    with style():
        ax = new_axes(ax)
        if client is not None and str(client).strip():
            ax.set_title(t("card.trend.chart_title", lang,
                           client=textwrap.shorten(str(client), 50, placeholder="…")))
        else:
            ax.set_title(t("card.trend.title", lang))
        if years.empty:
            return _empty(ax, lang)
        x = np.arange(len(years))
        rev = years[C.revenue].to_numpy(dtype="float64")
        ax.bar(x, rev, color=COLORS["revenue"], width=0.6, label=t("col.revenue", lang), zorder=2)
        gm = years["gross_margin"].to_numpy(dtype="float64")
        if not np.isnan(gm).all():
            (line,) = ax.plot(x, gm, marker="o", color=COLORS["gross_margin"],
                              label=t("col.gross_margin", lang), zorder=3)
            line.set_gid("gross_margin")
        for xi, v in zip(x, rev, strict=True):
            ax.annotate(fmt_money_short(v, lang), (xi, max(v, 0)), xytext=(0, 3),
                        textcoords="offset points", ha="center", va="bottom", fontsize=11)
        ax.set_xticks(x, [str(int(y)) for y in years["year"]])
        top = np.nanmax(np.abs(rev)) if len(rev) else 1.0
        ax.set_ylim(min(0.0, float(np.nanmin(np.r_[rev, np.nan_to_num(gm)]))), (top or 1.0) * 1.25)
        ax.yaxis.set_major_formatter(money_formatter(lang))
        ax.axhline(0, color=COLORS["neutral"], linewidth=1)
        ax.legend(loc="upper left", ncols=2)
    return ax


# --------------------------------------------------------------------------- profile
def plot_profile(
    profile, *, category: str = "all", lang: str = "en", ax: Axes | None = None
) -> Axes:
    """The client profile.

    For each trait, the share of top clients and of the rest that match it (typical value, or above
    the top's lower quartile). Traits used in the match score are in bold.

    Parameters
    ----------
    profile : ClientProfile
        :func:`kbcore.analyses.profile.client_profile`.
    category : str
        Which category's profile (default ``"all"``).
    """
    with style():
        ax = new_axes(ax)
        table = profile.table
        rows = table.loc[table["category"] == category] if len(table) else table
        ax.set_title(t("profile.chart.title", lang, category=label(category, lang, 40)))
        if rows.empty:
            return _empty(ax, lang)
        rows = rows.iloc[::-1]
        y = np.arange(len(rows))
        h = 0.38
        ax.barh(y + h / 2, rows["top_match"].to_numpy(dtype="float64"), height=h,
                color=PLAN_COLORS["top"], label=t("profile.top", lang,
                                                  share=fmt_pct(profile.top_share, lang)))
        ax.barh(y - h / 2, rows["rest_match"].to_numpy(dtype="float64"), height=h,
                color=PLAN_COLORS["rest"], label=t("profile.rest", lang))
        names = []
        for trait, kind, typical, bound in zip(rows["trait"], rows["kind"], rows["typical"],
                                               rows["bound"], strict=True):
            head = trait_label(trait, lang)
            text = typical_text(kind, typical, bound, lang, trait=trait)
            names.append(f"{head}: {textwrap.shorten(text, 30, placeholder='…')}")
        ax.set_yticks(y, names)
        for tick, used in zip(ax.get_yticklabels(), rows["used"], strict=True):
            tick.set_fontweight("bold" if used else "normal")
        ax.set_xlim(0, 1.0)
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.set_xlabel(t("profile.chart.xlabel", lang))
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False,
                  fontsize=11)
        ax.set_title(ax.get_title(), pad=30)
    return ax


# --------------------------------------------------------------------------- plan
def plot_plan_by_segment(seg: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Last year's revenue against the plan by segment.

    The plan stacked as baseline + uplift from the goal + new clients.

    Parameters
    ----------
    seg : DataFrame
        :func:`kbcore.analyses.planning.plan_by_segment`.
    """
    with style():
        ax = new_axes(ax)
        year = seg.attrs.get("year")
        ax.set_title(t("plan.chart.title", lang, year=year if year is not None else ""))
        if seg.empty:
            return _empty(ax, lang)
        data = seg.iloc[::-1]
        y = np.arange(len(data))
        h = 0.38
        base = data["revenue_base"].to_numpy(dtype="float64")
        bl = data["baseline"].to_numpy(dtype="float64")
        up = data["uplift"].to_numpy(dtype="float64")
        new = data["new_clients_plan"].to_numpy(dtype="float64")
        by = seg.attrs.get("base_year", "")
        ax.barh(y - h / 2, base, height=h, color=PLAN_COLORS["base"],
                label=t("plan.chart.base", lang, year=by))
        ax.barh(y + h / 2, bl, height=h, color=PLAN_COLORS["baseline"],
                label=t("col.baseline", lang))
        ax.barh(y + h / 2, up, left=bl, height=h, color=PLAN_COLORS["uplift"],
                label=t("col.uplift", lang))
        ax.barh(y + h / 2, new, left=bl + up, height=h, color=PLAN_COLORS["new"],
                label=t("col.new_clients_plan", lang))
        plan = data["plan"].to_numpy(dtype="float64")
        for yi, p, g in zip(y, plan, data["plan_growth"], strict=True):
            text = fmt_money_short(p, lang)
            if pd.notna(g):
                text += f" ({'+' if g >= 0 else ''}{fmt_pct(g, lang)})".replace("-", "\u2212")
            ax.annotate(text, (p, yi + h / 2), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=11, bbox=_BOX)
        ax.set_yticks(y, group_tick_labels(data[C.segment], C.segment, lang))
        right = float(np.nanmax(np.r_[plan, base])) if len(plan) else 1.0
        ax.set_xlim(0, (right or 1.0) * 1.35)
        ax.xaxis.set_major_formatter(money_formatter(lang))
        ax.legend(loc="lower right", fontsize=11)
    return ax


def _pva_title(pva: pd.DataFrame, lang: str) -> str:
    """The plan-versus-actual title: its year (``attrs["start"]``) and what the rows are.

    "Plan versus actual 2025 by manager" for a table by manager, segment or region made by
    :func:`~kbcore.analyses.planning.plan_vs_actual`; without its period, "Plan versus actual".
    """
    start = pva.attrs.get("start")
    if start is None or pd.isna(start):
        return t("pva.chart.title", lang)
    year = pd.Timestamp(start).year
    by = [c for c in pva.columns if c not in PVA_COLUMNS]
    key = f"pva.chart.title.{by[0]}" if len(by) == 1 else ""
    return t(key if key in catalogue() else "pva.chart.title.year", lang, year=year)


def plot_plan_vs_actual(pva: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Plan against actual by group (manager, segment …), with the completion of each.

    Bars: plan (light) and actual (green when the pace is on plan, red when behind); the
    label is the completion (actual / plan).

    Parameters
    ----------
    pva : DataFrame
        :func:`kbcore.analyses.planning.plan_vs_actual`.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(_pva_title(pva, lang))
        if pva.empty:
            return _empty(ax, lang)
        key = pva.columns[0]
        data = pva.iloc[::-1]
        y = np.arange(len(data))
        h = 0.38
        plan = data["plan"].to_numpy(dtype="float64")
        actual = data["actual"].to_numpy(dtype="float64")
        pace = data["pace"].to_numpy(dtype="float64")
        colors = [PLAN_COLORS["ahead"] if (np.isnan(p) or p >= 1) else PLAN_COLORS["behind"]
                  for p in pace]
        ax.barh(y + h / 2, plan, height=h, color=PLAN_COLORS["base"], label=t("col.plan", lang))
        ax.barh(y - h / 2, actual, height=h, color=colors, label=t("col.actual", lang))
        for yi, a, c in zip(y, actual, data["completion"], strict=True):
            if pd.notna(c):
                ax.annotate(fmt_pct(c, lang), (a, yi - h / 2), xytext=(4, 0),
                            textcoords="offset points", va="center", fontsize=11, bbox=_BOX)
        ax.set_yticks(y, group_tick_labels(data[key], key, lang))
        right = float(np.nanmax(np.r_[plan, actual])) if len(plan) else 1.0
        ax.set_xlim(0, (right or 1.0) * 1.2)
        ax.xaxis.set_major_formatter(money_formatter(lang))
        ax.legend(loc="lower right")
    return ax


def plot_manager_load(load: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Clients per manager (bars, key clients darker) with each manager's plan as a label.

    Parameters
    ----------
    load : DataFrame
        :func:`kbcore.analyses.planning.manager_load`.
    """
    with style():
        ax = new_axes(ax)
        ax.set_title(t("load.chart.title", lang))
        if load.empty:
            return _empty(ax, lang)
        data = load.iloc[::-1]
        y = np.arange(len(data))
        clients = data["clients"].to_numpy(dtype="float64")
        key = data["key_clients"].to_numpy(dtype="float64")
        ax.barh(y, clients - key, color=COLORS["revenue"], label=t("col.clients", lang))
        ax.barh(y, key, left=clients - key, color=COLORS["profit"],
                label=t("col.key_clients", lang))
        mean = load.attrs.get("clients_mean")
        if mean is None:  # a table made by hand, not by manager_load
            mean = float(np.mean(clients)) if len(clients) else 0.0
        ax.axvline(mean, color=COLORS["neutral"], linestyle="--", linewidth=1.5,
                   label=t("load.chart.mean", lang))
        for yi, c, p in zip(y, clients, data["plan"], strict=True):
            ax.annotate(t("load.chart.plan", lang, plan=fmt_money_short(p, lang)), (c, yi),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=11)
        ax.set_yticks(y, group_tick_labels(data[C.manager], C.manager, lang))
        ax.set_xlim(0, (float(np.nanmax(clients)) if len(clients) else 1.0) * 1.45 or 1.0)
        ax.set_xlabel(t("col.clients", lang))
        ax.legend(loc="lower right")
    return ax


# --------------------------------------------------------------------------- passport
def plot_passport(
    passport: pd.DataFrame,
    *,
    measure: str = C.revenue,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """The passport as bars.

    ``measure`` (revenue by default) per region or segment, each labelled with its penetration (our
    clients / companies in the market) or, without a market table, its number of active clients.

    Parameters
    ----------
    passport : DataFrame
        :func:`kbcore.analyses.passport.passport`.
    measure : str
        A money column of the passport (``revenue``, ``revenue_12m``, ``gross_margin``,
        ``potential``, ``market_volume``).
    """
    with style():
        ax = new_axes(ax)
        by = passport.attrs.get("by", passport.columns[0])
        title = f"passport.chart.title.{by}"
        ax.set_title(t(title, lang) if title in catalogue()
                     else t("passport.chart.title", lang, by=t(f"col.{by}", lang)))
        if passport.empty:
            return _empty(ax, lang)
        data = passport.iloc[::-1]
        y = np.arange(len(data))
        values = data[measure].to_numpy(dtype="float64")
        ax.barh(y, np.nan_to_num(values), color=COLORS["revenue"], label=t(f"col.{measure}", lang))
        has_pen = data["penetration"].notna().any()
        for yi, v, pen, act in zip(y, values, data["penetration"], data["active_clients"],
                                   strict=True):
            if has_pen:
                text = t("passport.chart.penetration", lang,
                         pct=fmt_pct(pen, lang, 1) if pd.notna(pen) else "—")
            else:
                text = tn("passport.chart.active", int(act), lang)
            ax.annotate(f"{fmt_money_short(v, lang)} · {text}", (np.nan_to_num(v), yi),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=11)
        ax.set_yticks(y, group_tick_labels(data[by], by, lang))
        right = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
        ax.set_xlim(0, (right or 1.0) * 1.6)
        ax.xaxis.set_major_formatter(money_formatter(lang))
        ax.set_xlabel(t(f"col.{measure}", lang))
    return ax
