"""Charts of block 7 (key accounts).

Each draws one computed result and computes nothing beyond layout; texts come from the
catalogue (``ka7.*``), money and shares through the locale formatters. All take ``lang`` and
``ax`` and return the axes. ``candidates=True`` (the company flags no key account) changes the
titles and legends to say "candidate key accounts".
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from kbcore.analyses.ka_portfolio import KA_RANGE, QUADRANT_KEYS
from kbcore.charts.profitability import plot_whale_curve
from kbcore.charts.style import COLORS, fmt_money_short, money_formatter, new_axes, style
from kbcore.i18n import fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.key_accounts import item_label, quadrant_label

__all__ = ["KA_COLOR", "plot_ka_whale", "plot_ka_matrix", "plot_ka_yearly", "plot_ka_needed", "plot_advantage"]

KA_COLOR = "#e07b00"
"""Key accounts are orange in every chart of the block (the eye goes to them)."""
OTHER_COLOR = "#4a7fb5"
_BOX = {"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}


def _footnote(ax: Axes, text: str, below: float = -52) -> None:
    ax.annotate(textwrap.fill(text, 95), (0, 0), xytext=(0, below), xycoords="axes fraction",
                textcoords="offset points", ha="left", va="top", fontsize=11, color=COLORS["neutral"],
                gid="footnote")


# --------------------------------------------------------------------------- whale curve
def plot_ka_whale(curve: pd.DataFrame, summary: pd.Series, marks: pd.DataFrame, *, candidates: bool = False,
                  lang: str = "en", ax: Axes | None = None) -> Axes:
    """Block 1's whale curve with the key accounts marked on it.

    Parameters
    ----------
    curve, summary : DataFrame, Series
        :func:`~kbcore.analyses.profitability.whale_curve` and its
        :func:`~kbcore.analyses.profitability.whale_summary`.
    marks : DataFrame
        :func:`~kbcore.analyses.key_accounts.ka_on_whale_curve` of the same P&L: one orange dot per
        key account on the curve (one artist, gid ``key_accounts``); those off the curve are counted
        in a footnote.
    """
    with style():
        ax = plot_whale_curve(curve, summary, lang=lang, ax=new_axes(ax))
        ax.set_title(t("ka7.whale.title_candidates" if candidates else "ka7.whale.title", lang))
        on = marks.loc[marks["on_curve"]]
        in_money = summary.get("note") is not None if len(curve) else False
        y = on["cum_value" if in_money else "cum_share"].to_numpy(dtype="float64")
        if len(on):
            ax.scatter(on["client_share"].to_numpy(dtype="float64"), y, s=70, color=KA_COLOR,
                       edgecolor=COLORS["text"], linewidth=0.8, zorder=8, gid="key_accounts",
                       label=t("ka7.whale.marker_candidates" if candidates else "ka7.whale.marker", lang))
            share = on["client_share"].max()
            if share < 0.3:  # the key accounts sit at the very start: show that part wide
                ax.set_xlim(0, min(1.0, max(0.1, share * 4)))
            ax.legend(loc="upper left")
        off = int((~marks["on_curve"]).sum())
        if off:
            _footnote(ax, tn("ka7.whale.off", off, lang))
    return ax


# --------------------------------------------------------------------------- matrix
def plot_ka_matrix(result, measures: pd.DataFrame, *, key_accounts=None, candidates: bool = False,
                   lang: str = "en", ax: Axes | None = None) -> Axes:
    """The key-account selection matrix: attractiveness (y) against our strength (x), a bubble per client.

    Bubble area ∝ the client's revenue of the last 12 months (``measures.revenue_12m``); the key
    accounts orange with a dark edge (one artist, gid ``key_accounts``), the other clients blue and
    transparent (gid ``others``); the cut lines dashed; each quadrant named by its strategy.

    Parameters
    ----------
    result : PortfolioResult
        :func:`~kbcore.analyses.ka_portfolio.portfolio_scores`.
    measures : DataFrame
        :func:`~kbcore.analyses.ka_portfolio.portfolio_measures` (``client_id, revenue_12m``).
    key_accounts : iterable of str, optional
        The accounts to highlight (default: the table's ``key_account`` flag).
    """
    with style():
        ax = new_axes(ax)
        table = result.table
        placed = table.loc[table["attractiveness"].notna() & table["strength"].notna()]
        rev = pd.Series(pd.to_numeric(measures["revenue_12m"], errors="coerce").to_numpy("float64"),
                        index=measures[C.client_id].astype("string").to_numpy())
        rev = rev[~rev.index.duplicated()]
        size = placed[C.client_id].map(rev).astype("float64").fillna(0.0).clip(lower=0).to_numpy()
        top = size.max() if len(size) and size.max() > 0 else 1.0
        area = 12 + 900 * np.sqrt(size / top)
        if key_accounts is not None:
            is_ka = placed[C.client_id].isin(pd.Index(list(key_accounts), dtype="string")).to_numpy(dtype=bool)
        else:
            is_ka = placed[C.key_account].astype("boolean").fillna(False).to_numpy(dtype=bool)
        x = placed["strength"].to_numpy(dtype="float64")
        y = placed["attractiveness"].to_numpy(dtype="float64")
        ax.scatter(x[~is_ka], y[~is_ka], s=area[~is_ka], color=OTHER_COLOR, alpha=0.25, linewidth=0,
                   gid="others", label=t("ka7.matrix.others", lang), zorder=2)
        ax.scatter(x[is_ka], y[is_ka], s=area[is_ka], color=KA_COLOR, alpha=0.85, edgecolor=COLORS["text"],
                   linewidth=1, gid="key_accounts", zorder=3,
                   label=t("ka7.whale.marker_candidates" if candidates else "ka7.whale.marker", lang))
        cut_a, cut_s = result.cut_lines["attractiveness"], result.cut_lines["strength"]
        ax.axhline(cut_a, color=COLORS["neutral"], linestyle="--", linewidth=1.5, zorder=1, gid="cut_attractiveness")
        ax.axvline(cut_s, color=COLORS["neutral"], linestyle="--", linewidth=1.5, zorder=1, gid="cut_strength")
        ax.set_xlim(0.5, 10.5)
        ax.set_ylim(-0.3, 11.8)
        ax.set_yticks([2, 4, 6, 8, 10])
        corners = {"high_high": (10.4, 11.7, "right"), "high_low": (0.6, 11.7, "left"),
                   "low_high": (10.4, -0.2, "right"), "low_low": (0.6, -0.2, "left")}
        for key in QUADRANT_KEYS:
            cx, cy, ha = corners[key]
            ax.text(cx, cy, quadrant_label(result.quadrants.get(key), lang), ha=ha,
                    va="top" if cy > 5 else "bottom", fontsize=13, fontweight="bold", color=COLORS["text"],
                    bbox=_BOX, zorder=5, gid=f"quadrant_{key}")
        ax.set_xlabel(t("ka7.matrix.xlabel", lang))
        ax.set_ylabel(t("ka7.matrix.ylabel", lang))
        ax.set_title(t("ka7.matrix.title", lang))
        legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=2, frameon=False)
        for handle in legend.legend_handles:
            handle.set_sizes([80])
        unplaced = len(table) - len(placed)
        if not len(placed):
            ax.text(5.5, 6, t("ka7.matrix.empty", lang), ha="center", va="center", color=COLORS["loss"], bbox=_BOX)
        elif unplaced:
            _footnote(ax, tn("ka7.matrix.unplaced", unplaced, lang), below=-78)
    return ax


# --------------------------------------------------------------------------- by year
def plot_ka_yearly(totals: pd.DataFrame, *, candidates: bool = False, lang: str = "en",
                   ax: Axes | None = None) -> Axes:
    """The key accounts' revenue and gross margin by year (bars), their share of revenue written above.

    ``totals`` is :attr:`~kbcore.analyses.key_accounts.KaYearly.totals`. A partial year is starred
    and named in a footnote; without cost only revenue is drawn and a note says why.
    """
    with style():
        ax = new_axes(ax)
        x = np.arange(len(totals))
        partial = (totals["months"] < 12).to_numpy()
        labels = [f"{int(yr)}*" if p else str(int(yr)) for yr, p in zip(totals["year"], partial, strict=True)]
        rev = totals["revenue_ka"].to_numpy(dtype="float64")
        gm = totals["gross_margin_ka"].to_numpy(dtype="float64")
        has_gm = not np.isnan(gm).all()
        width = 0.38 if has_gm else 0.6
        ax.bar(x - (width / 2 if has_gm else 0), np.nan_to_num(rev), width=width, color=COLORS["revenue"],
               label=t("col.ka7.revenue_ka", lang), gid="revenue", zorder=2)
        if has_gm:
            ax.bar(x + width / 2, np.nan_to_num(gm), width=width, color=COLORS["gross_margin"],
                   label=t("col.ka7.gross_margin_ka", lang), gid="gross_margin", zorder=2)
        peak = np.nanmax(rev) if len(rev) and not np.isnan(rev).all() else 1.0
        peak = peak if peak > 0 else 1.0
        for xi, value, share in zip(x, rev, totals["revenue_share"], strict=True):
            if np.isnan(value):
                continue
            text = fmt_money_short(value, lang)
            if not pd.isna(share):
                text += "\n" + t("ka7.yearly.share", lang, share=fmt_pct(share, lang))
            ax.annotate(text, (xi - (width / 2 if has_gm else 0), value), xytext=(0, 4), textcoords="offset points",
                        ha="center", va="bottom", fontsize=11, color=COLORS["text"])
        if not has_gm and len(totals):
            ax.text(0.98, 0.95, t("ka7.yearly.no_cost", lang), transform=ax.transAxes, ha="right", va="top",
                    fontsize=12, color=COLORS["loss"], bbox=_BOX)
        ax.set_ylim(0, peak * 1.35)
        ax.set_xticks(x, labels)
        ax.yaxis.set_major_formatter(money_formatter(lang))
        ax.set_ylabel(t("ka7.yearly.ylabel", lang))
        ax.set_title(t("ka7.yearly.title_candidates" if candidates else "ka7.yearly.title", lang))
        ax.legend(loc="upper left", ncols=2)
        if partial.any():
            years = ", ".join(t("ka7.yearly.partial_year", lang, year=int(yr), months=int(m)) for yr, m in
                              zip(totals.loc[partial, "year"], totals.loc[partial, "months"], strict=True))
            _footnote(ax, t("ka7.yearly.partial", lang, years=years), below=-34)
    return ax


# --------------------------------------------------------------------------- how many
def plot_ka_needed(need, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Goal against cumulative headroom: how many accounts, largest headroom first, reach the goal.

    ``need`` is :class:`~kbcore.analyses.ka_portfolio.KeyAccountNeed`. The step line is the
    cumulative captured headroom (gid ``curve``), the dashed line the goal (gid ``goal``), the
    shaded band the literature's usual 15–35 key accounts (gid ``range``); today's key accounts
    are orange dots on the line (gid ``key_accounts``); the number needed is marked.
    """
    with style():
        ax = new_axes(ax)
        curve = need.curve
        ax.set_title(t("ka7.need.title", lang))
        ax.set_xlabel(t("ka7.need.xlabel", lang))
        ax.set_ylabel(t("ka7.need.ylabel", lang))
        ax.yaxis.set_major_formatter(money_formatter(lang))
        if curve.empty:
            ax.text(0.5, 0.5, t("ka7.need.empty", lang), transform=ax.transAxes, ha="center", va="center",
                    color=COLORS["loss"], bbox=_BOX)
            ax.axhline(need.goal, color=COLORS["loss"], linestyle="--", gid="goal",
                       label=t("ka7.need.goal", lang, goal=fmt_money_short(need.goal, lang)))
            ax.legend(loc="upper right")
            return ax
        rank = curve["rank"].to_numpy(dtype="float64")
        cum = curve["cum_captured"].to_numpy(dtype="float64")
        n = len(curve)
        shown = n if need.accounts_needed is None else min(n, max(KA_RANGE[1] + 5, 2 * need.accounts_needed))
        ax.step(np.concatenate([[0], rank[:shown]]), np.concatenate([[0], cum[:shown]]), where="post",
                color=COLORS["profit"], linewidth=2.5, gid="curve", label=t("ka7.need.curve", lang))
        ax.axvspan(KA_RANGE[0], KA_RANGE[1], color="#b9d0e8", alpha=0.6, zorder=0, gid="range",
                   label=t("ka7.need.range", lang))
        ax.axhline(need.goal, color=COLORS["loss"], linestyle="--", linewidth=1.8, gid="goal",
                   label=t("ka7.need.goal", lang, goal=fmt_money_short(need.goal, lang)))
        is_ka = curve[C.key_account].astype("boolean").fillna(False).to_numpy(dtype=bool)[:shown]
        if is_ka.any():
            ax.scatter(rank[:shown][is_ka], cum[:shown][is_ka], s=45, color=KA_COLOR, edgecolor=COLORS["text"],
                       linewidth=0.7, zorder=5, gid="key_accounts", label=t("ka7.need.is_ka", lang))
        if need.accounts_needed is not None:
            k = need.accounts_needed
            ax.plot([k], [cum[k - 1]], marker="o", markersize=12, color=COLORS["loss"], zorder=6, gid="needed",
                    linestyle="none")
            ax.annotate(tn("ka7.need.needed", k, lang), (k, cum[k - 1]), xytext=(14, -28),
                        textcoords="offset points", fontsize=13, fontweight="bold", bbox=_BOX, zorder=7,
                        arrowprops={"arrowstyle": "-", "color": COLORS["text"], "linewidth": 1})
        ax.set_xlim(0, max(shown, KA_RANGE[1] + 2))
        ax.set_ylim(0, max(float(np.nanmax(cum[:shown])), need.goal) * 1.15)
        ax.legend(loc="upper left", fontsize=11)
    return ax


# --------------------------------------------------------------------------- advantage
ADVANTAGE_COLORS = {"yes": "#2e8b57", "partly": "#9ccc65", "no": "#e57373", "missing": "#d9d9d9"}


def plot_advantage(result, template, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Per checklist item, how many key accounts score yes (2), partly (1), no (0) or are not scored.

    Horizontal stacked bars, one row per item in the template's order (the first at the top); one
    bar container per level (gids ``yes``, ``partly``, ``no``, ``missing``). The title says
    "(example)" while the checklist is the packaged example.
    """
    with style():
        ax = new_axes(ax)
        items = result.items.set_index("item")
        ids = [i.id for i in template.items]
        total = len(result.scores)
        counts = {"yes": items.loc[ids, "yes"].to_numpy(dtype="float64"),
                  "partly": items.loc[ids, "partly"].to_numpy(dtype="float64"),
                  "no": items.loc[ids, "no"].to_numpy(dtype="float64")}
        counts["missing"] = total - items.loc[ids, "scored"].to_numpy(dtype="float64")
        y = np.arange(len(ids))[::-1]
        left = np.zeros(len(ids))
        names = {"yes": "col.ka7.yes", "partly": "col.ka7.partly", "no": "col.ka7.no", "missing": "ka7.adv.missing"}
        handles = []
        for level, values in counts.items():
            bars = ax.barh(y, values, left=left, color=ADVANTAGE_COLORS[level], height=0.65, gid=level,
                           hatch="//" if level == "missing" else None, edgecolor="white")
            handles.append(Patch(facecolor=ADVANTAGE_COLORS[level], hatch="//" if level == "missing" else None,
                                 label=t(names[level], lang)))
            for rect, value in zip(bars, values, strict=True):
                if value >= max(1, 0.06 * max(total, 1)):
                    ax.text(rect.get_x() + rect.get_width() / 2, rect.get_y() + rect.get_height() / 2,
                            f"{int(value)}", ha="center", va="center", fontsize=11, color=COLORS["text"])
            left = left + values
        ax.set_yticks(y, [textwrap.fill(item_label(i, lang), 38) for i in template.items], fontsize=11)
        ax.set_xlim(0, max(total, 1))
        ax.set_xlabel(t("ka7.adv.xlabel", lang))
        title = t("ka7.adv.title", lang)
        ax.set_title(t("kf.example", lang, label=title) if result.example else title)
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=4, frameon=False)
    return ax
