"""Charts of block 6 (segmentation).

Each draws one result of :mod:`kbcore.analyses.segmentation` and computes nothing beyond layout.

All take ``lang`` (texts from the catalogue, numbers by Babel) and ``ax`` (draw into an
existing axes, or a new 10 × 5.5 in figure in the kbcore style) and return the axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap

from kbcore.analyses.segmentation import ABC_CLASSES, RFM_SEGMENTS, XYZ_CLASSES
from kbcore.charts.style import COLORS, new_axes, pct_formatter, style
from kbcore.i18n import fmt_number, fmt_pct, t, tn
from kbcore.views.labels import measure_label
from kbcore.views.segmentation import clients_text, measure_form

__all__ = ["SEGMENT_COLORS", "plot_pareto", "plot_abc", "plot_abc_xyz", "plot_rfm_segments"]

SEGMENT_COLORS = {
    "A": "#2e8b57",
    "B": "#4a7fb5",
    "C": "#b0b0b0",
    "good": "#2e8b57",  # champions, loyal …
    "watch": "#e0a100",  # need attention, about to sleep
    "risk": "#c0392b",  # at risk, can't lose
    "gone": "#8c8c8c",  # hibernating, lost
    "grow": "#4a7fb5",  # new, promising, potential loyalists
}
"""Block 6 palette: ABC classes and the RFM segment families."""

_RFM_FAMILY = {
    "champions": "good",
    "loyal": "good",
    "potential_loyalist": "grow",
    "new": "grow",
    "promising": "grow",
    "need_attention": "watch",
    "about_to_sleep": "watch",
    "at_risk": "risk",
    "cant_lose": "risk",
    "hibernating": "gone",
    "lost": "gone",
}
_LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}


def _pct(value, lang: str, digits: int = 0) -> str:
    return fmt_pct(value, lang, digits).replace("-", "\u2212")


# --------------------------------------------------------------------------- Pareto
def plot_pareto(curves: pd.DataFrame, table: pd.DataFrame | None = None, *, lang: str = "en",
                ax: Axes | None = None) -> Axes:
    """Pareto curves of revenue and profit: cumulative share against the share of clients.

    Draws one line per measure of ``curves`` (:func:`~kbcore.analyses.segmentation.pareto_curves`),
    the 80/20 reference (dashed lines at 20 % of clients and 80 % of the total), the 100 % line,
    and marks where each curve crosses 20 % of clients; the legend gives each measure's
    top-20 % share from ``table`` (:func:`~kbcore.analyses.segmentation.pareto_table`).
    """
    with style():
        ax = new_axes(ax)
        colors = {"revenue": COLORS["revenue"], "profit": COLORS["profit"],
                  "gross_margin": COLORS["gross_margin"]}
        shares = {} if table is None else dict(zip(table["measure"], table["top_share"], strict=True))
        top = 0.2 if table is None else table.attrs.get("top", 0.2)
        target = 0.8 if table is None else table.attrs.get("target", 0.8)
        high = 1.0
        for measure, part in curves.groupby("measure", sort=False):
            x = np.concatenate([[0.0], part["client_share"].to_numpy(dtype="float64")])
            y = np.concatenate([[0.0], part["cum_share"].to_numpy(dtype="float64")])
            high = max(high, float(np.nanmax(y)))
            label = measure_label(str(measure), lang)
            if measure in shares:
                label = t("pareto.label", lang, measure=label, top_clients=_pct(top, lang),
                          top=_pct(shares[measure], lang))
            (line,) = ax.plot(x, y, color=colors.get(measure, COLORS["neutral"]), label=label, zorder=3)
            line.set_gid(f"pareto_{measure}")
            if measure in shares and not np.isnan(shares[measure]):
                ax.plot([top], [shares[measure]], marker="o", markersize=9, linestyle="none",
                        color=colors.get(measure, COLORS["neutral"]), zorder=4)
        ax.axvline(top, color=COLORS["neutral"], linestyle="--", linewidth=1.2, zorder=1, gid="rule_x")
        ax.axhline(target, color=COLORS["neutral"], linestyle="--", linewidth=1.2, zorder=1, gid="rule_y")
        ax.axhline(1.0, color=COLORS["neutral"], linestyle=":", linewidth=1, zorder=1)
        ax.text(top, 0.02, " " + t("pareto.rule", lang), transform=ax.get_xaxis_transform(),
                color=COLORS["neutral"], fontsize=11, ha="left", va="bottom")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, high * 1.08)
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_xlabel(t("pareto.xlabel", lang))
        ax.set_ylabel(t("pareto.ylabel", lang))
        ax.set_title(t("pareto.title", lang))
        if len(curves):
            ax.legend(loc="lower right")
    return ax


# --------------------------------------------------------------------------- ABC
def plot_abc(summary: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """ABC classes: share of clients next to share of the measure, per class.

    ``summary`` is :func:`~kbcore.analyses.segmentation.abc_summary`; each bar carries its
    percentage, each class its number of clients; the cuts are named in the title line.
    """
    with style():
        ax = new_axes(ax)
        measure_id = summary.attrs.get("measure", "revenue")
        x = np.arange(len(summary))
        width = 0.38
        clients = summary["client_share"].to_numpy(dtype="float64")
        values = summary["value_share"].to_numpy(dtype="float64")
        b1 = ax.bar(x - width / 2, clients, width, color=COLORS["neutral"], alpha=0.55,
                    label=t("abc.bar.clients", lang), zorder=2, gid="clients")
        b2 = ax.bar(x + width / 2, values, width,
                    color=[SEGMENT_COLORS.get(c, COLORS["revenue"]) for c in summary["abc"]],
                    label=t("abc.bar.value", lang, of=measure_form(measure_id, "gen", lang)), zorder=2,
                    gid="value")
        for bars in (b1, b2):
            for bar in bars:
                h = bar.get_height()
                ax.annotate(_pct(h, lang), (bar.get_x() + bar.get_width() / 2, h), xytext=(0, 3),
                            textcoords="offset points", ha="center", va="bottom", fontsize=12)
        labels = [
            f"{c}\n{tn('abc.n_clients', n, lang)}"
            for c, n in zip(summary["abc"], summary["clients"], strict=True)
        ]
        ax.set_xticks(x, labels)
        ax.set_ylim(0, max(1.0, float(np.nanmax(np.concatenate([clients, values, [0]])))) * 1.15)
        ax.yaxis.set_major_formatter(pct_formatter(lang))
        ax.set_ylabel(t("abc.ylabel", lang))
        cuts = summary.attrs.get("cuts")
        title = t("abc.title", lang, by=measure_form(measure_id, "by", lang))
        if cuts:
            title += "\n" + t("abc.cuts", lang, a=_pct(cuts[0], lang), b=_pct(cuts[1], lang),
                              of=measure_form(measure_id, "gen", lang))
        ax.set_title(title, fontsize=14)
        ax.legend(loc="upper right")
    return ax


# --------------------------------------------------------------------------- ABC × XYZ
def plot_abc_xyz(matrix: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """The ABC×XYZ matrix as a heatmap: rows A, B, C; columns X, Y, Z, N.

    Each cell shows its number of clients and its share of the measure; the colour is the
    share of the measure (``matrix`` = :func:`~kbcore.analyses.segmentation.abc_xyz_matrix`).
    """
    with style():
        ax = new_axes(ax)
        grid = (
            matrix.set_index(["abc", "xyz"])
            .reindex(pd.MultiIndex.from_product([ABC_CLASSES, XYZ_CLASSES]))
        )
        share = grid["value_share"].to_numpy(dtype="float64").reshape(len(ABC_CLASSES), len(XYZ_CLASSES))
        count = grid["clients"].to_numpy(dtype="float64").reshape(share.shape)
        cmap = LinearSegmentedColormap.from_list("kb_abcxyz", ["#ffffff", COLORS["revenue"]])
        vmax = max(float(np.nanmax(share)) if share.size else 0.0, 1e-9)
        image = ax.imshow(np.nan_to_num(share), cmap=cmap, vmin=0, vmax=vmax, aspect="auto")
        image.set_gid("heatmap")
        for i in range(share.shape[0]):
            for j in range(share.shape[1]):
                dark = share[i, j] > 0.55 * vmax
                ax.text(j, i, t("abcxyz.cell_text", lang, clients=fmt_number(count[i, j], lang),
                                share=_pct(share[i, j], lang, 1)),
                        ha="center", va="center", fontsize=13,
                        color="white" if dark else COLORS["text"], gid=f"cell_{ABC_CLASSES[i]}{XYZ_CLASSES[j]}")
        ax.set_xticks(range(len(XYZ_CLASSES)), [t(f"xyz.class.{x}", lang).replace(": ", "\n")
                                                 for x in XYZ_CLASSES])
        ax.set_yticks(range(len(ABC_CLASSES)), list(ABC_CLASSES))
        ax.tick_params(axis="x", labelsize=12)
        ax.grid(False)
        of = measure_form(matrix.attrs.get("measure", "revenue"), "gen", lang)
        ax.set_title(t("abcxyz.title", lang, of=of))
        bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02,
                                 format=pct_formatter(lang))
        bar.set_label(t("abcxyz.colorbar", lang, of=of))
    return ax


# --------------------------------------------------------------------------- RFM
def plot_rfm_segments(summary: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
                      window_days: int = 365) -> Axes:
    """RFM segments as horizontal bars (best on top).

    Clients per segment, labelled with the count and the segment's share of the window's revenue;
    colours by family (growing, good, watch, at risk, gone). ``summary`` is
    :func:`~kbcore.analyses.segmentation.rfm_summary`.
    """
    with style():
        ax = new_axes(ax)
        data = summary.set_index("rfm_segment").reindex(list(RFM_SEGMENTS)).reset_index()
        y = np.arange(len(data))[::-1]
        counts = data["clients"].fillna(0).to_numpy(dtype="float64")
        colors = [SEGMENT_COLORS[_RFM_FAMILY[s]] for s in data["rfm_segment"]]
        bars = ax.barh(y, counts, color=colors, zorder=2, gid="segments")
        top = max(float(counts.max()) if counts.size else 0.0, 1.0)
        for bar, n, share in zip(bars, counts, data["monetary_share"], strict=True):
            ax.annotate(
                t("rfm.bar_label", lang, clients=clients_text(n, lang), share=_pct(share, lang)),
                (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                textcoords="offset points", ha="left", va="center", fontsize=11,
            )
        ax.set_yticks(y, [t(f"rfm.segment.{s}", lang) for s in data["rfm_segment"]])
        ax.set_xlim(0, top * 1.45)
        ax.set_xlabel(t("rfm.xlabel", lang))
        ax.set_title(tn("rfm.title", window_days, lang))
        ax.grid(axis="y", visible=False)
    return ax
