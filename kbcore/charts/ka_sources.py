"""Charts of block 8's data side: market cells, candidates, relationship stages.

Layout only: every function draws a computed result (:mod:`kbcore.analyses.ka_sources`,
:mod:`kbcore.analyses.ka_relationship`) with texts from the catalogue (``b8.chart.*``). "How many key
accounts" is :func:`kbcore.charts.key_accounts.plot_ka_needed`, the same chart as block 7's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from kbcore.analyses.ka_relationship import RelationshipResult
from kbcore.analyses.ka_sources import KaCandidates
from kbcore.charts.style import (
    COLORS,
    money_formatter,
    new_axes,
    pct_formatter,
    style,
)
from kbcore.i18n import fmt_pct, t
from kbcore.schema import C
from kbcore.views.ka_sources import stage_label
from kbcore.views.labels import fit_label
from kbcore.views.money_zones import place_label

__all__ = ["STAGE_PALETTE", "plot_market_cells", "plot_candidates", "plot_relationship_stages"]

STAGE_PALETTE = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
"""Stages from pale (exploratory) to deep blue (integrated)."""


def _note(ax: Axes, text: str) -> None:
    ax.annotate(text, (0.5, 0.5), xycoords="axes fraction", ha="center", va="center", fontsize=13,
                color=COLORS["neutral"], gid="empty-note", wrap=True)


def plot_market_cells(cells: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
                      top: int | None = 10) -> Axes:
    """Market volume of each cell (pale bar) with our yearly revenue over it (dark bar).

    One row per cell of :func:`~kbcore.analyses.ka_sources.ka_market_cells` (the first ``top``:
    the most money to win), our market share written at the end; a white spot (a market cell
    without our clients) is labelled so. Without a market table only our revenue is drawn and a
    footnote says why.
    """
    view = cells.head(top) if top else cells
    has_market = view["market_volume"].notna().any()
    with style():
        ax = new_axes(ax)
        ax.set_title(t("b8.chart.cells.title", lang))
        y = np.arange(len(view))[::-1]
        volume = view["market_volume"].to_numpy("float64")
        ours = view["our_revenue"].to_numpy("float64")
        if has_market:
            bars = ax.barh(y, np.nan_to_num(volume), height=0.7, color="#9dbbd9", zorder=2,
                           label=t("b8.chart.cells.volume", lang))
            for bar in bars:
                bar.set_gid("market_volume")
        bars = ax.barh(y, ours, height=0.4, color=COLORS["revenue"], zorder=3,
                       label=t("b8.chart.cells.ours", lang))
        for bar in bars:
            bar.set_gid("our_revenue")
        end = np.fmax(np.nan_to_num(volume), ours)
        for yi, x, share, white in zip(y, end, view["market_share"].to_numpy("float64"),
                                       view["white_spot"].to_numpy(bool), strict=True):
            if white:
                text = t("b8.chart.cells.white", lang)
            elif np.isnan(share):
                continue
            else:
                text = t("b8.chart.cells.share", lang, share=fmt_pct(share, lang, 1))
            ax.annotate(text, (x, yi), xytext=(5, 0), textcoords="offset points", va="center",
                        ha="left", fontsize=11, color=COLORS["loss"] if white else COLORS["text"])
        labels = [fit_label(f"{place_label(s, lang)} · {place_label(r, lang)}", 34)
                  for s, r in zip(view[C.segment], view[C.region], strict=True)]
        ax.set_yticks(y, labels, fontsize=10)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="y", visible=False)
        top_x = float(end.max()) if len(end) else 0.0
        ax.set_xlim(0, top_x * 1.25 if top_x > 0 else 1.0)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.xaxis.set_major_formatter(money_formatter(lang))
        ax.set_xlabel(t("b8.chart.cells.xlabel", lang))
        ax.legend(loc="lower right")
        if not has_market:
            ax.annotate(t("b8.chart.cells.no_market", lang), (0, 0), xytext=(0, -52),
                        xycoords="axes fraction", textcoords="offset points", ha="left", va="top",
                        fontsize=11, color=COLORS["neutral"], gid="footnote")
    return ax


def plot_candidates(cands: KaCandidates, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Every client with a known potential: potential (log x) against our share of wallet (y).

    Grey dots the other clients, blue squares today's key accounts, orange dots the candidates
    (:func:`~kbcore.analyses.ka_sources.ka_candidates`); dashed lines mark the two thresholds
    (the candidates sit right of the vertical one and below the horizontal one). One artist per
    group (gid ``others``, ``key_accounts``, ``candidates``).
    """
    cl = cands.clients
    known = cl.loc[cl[C.potential].notna() & (cl[C.potential] > 0) & cl["share_of_wallet"].notna()]
    with style():
        ax = new_axes(ax)
        ax.set_title(t("b8.chart.cands.title", lang))
        ax.set_xlabel(t("b8.chart.cands.x", lang))
        ax.set_ylabel(t("b8.chart.cands.y", lang))
        if not len(known):
            _note(ax, t("b8.chart.cands.none", lang))
            ax.set_xticks([])
            ax.set_yticks([])
            return ax
        share = known["share_of_wallet"].clip(upper=1.2)
        ka = known["key_account"].to_numpy(bool)
        cand = known["candidate"].to_numpy(bool)
        other = ~ka & ~cand
        groups = (("others", other, dict(s=18, color=COLORS["neutral"], alpha=0.35, marker="o")),
                  ("candidates", cand, dict(s=40, color=COLORS["profit"], alpha=0.85, marker="o")),
                  ("key_accounts", ka, dict(s=70, color=COLORS["revenue"], marker="s",
                                            edgecolor="white", linewidth=0.8)))
        for gid, mask, kw in groups:
            art = ax.scatter(known.loc[mask, C.potential], share[mask], zorder=3,
                             label=f"{t(f'b8.chart.cands.{gid}', lang)} ({int(mask.sum())})", **kw)
            art.set_gid(gid)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(money_formatter(lang))
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_ylim(-0.03, min(1.2, float(share.max()) + 0.08))
        if cands.min_potential is not None and cands.min_potential > 0:
            ax.axvline(cands.min_potential, color=COLORS["profit"], linestyle="--", linewidth=1.3, zorder=2)
        ax.axhline(cands.max_share, color=COLORS["profit"], linestyle="--", linewidth=1.3, zorder=2)
        ax.legend(loc="center right")
    return ax


def plot_relationship_stages(result: RelationshipResult, *, lang: str = "en",
                             ax: Axes | None = None) -> Axes:
    """Key accounts per relationship stage, lowest stage at the top, estimated and set-by-hand stacked.

    One bar per stage of the template (:attr:`RelationshipResult.counts`), the estimated
    accounts in the stage's colour, the manual ones hatched after them; the count at the end.
    """
    counts = result.counts
    with style():
        ax = new_axes(ax)
        ax.set_title(t("b8.chart.stages.title", lang))
        if counts["total"].sum() == 0:
            _note(ax, t("b8.chart.stages.none", lang))
            ax.set_xticks([])
            ax.set_yticks([])
            return ax
        y = np.arange(len(counts))[::-1]
        colors = [STAGE_PALETTE[min(i, len(STAGE_PALETTE) - 1)] for i in range(len(counts))]
        est = ax.barh(y, counts["estimated"], color=colors, height=0.6, zorder=2,
                      label=t("b8.source.estimated", lang))
        for bar in est:
            bar.set_gid("estimated")
        handles = [Patch(facecolor=STAGE_PALETTE[2], label=t("b8.source.estimated", lang))]
        if counts["manual"].sum():
            man = ax.barh(y, counts["manual"], left=counts["estimated"], color=colors, hatch="//",
                          edgecolor="white", height=0.6, zorder=2)
            for bar in man:
                bar.set_gid("manual")
            handles.append(Patch(facecolor=STAGE_PALETTE[2], hatch="//", edgecolor="white",
                                 label=t("b8.source.manual", lang)))
        for yi, n in zip(y, counts["total"], strict=True):
            ax.annotate(str(int(n)), (n, yi), xytext=(5, 0), textcoords="offset points",
                        va="center", fontsize=12, fontweight="bold")
        ax.set_yticks(y, [stage_label(s, lang) for s in counts["stage"]])
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, max(1, counts["total"].max()) * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(t("b8.chart.stages.x", lang))
        ax.legend(handles=handles, loc="lower right")
    return ax
