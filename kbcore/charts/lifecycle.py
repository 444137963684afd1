"""Charts of block 2 (customer base and lifecycle).

Each draws one result of :mod:`kbcore.analyses.lifecycle` or :mod:`kbcore.analyses.completeness` and
computes nothing beyond layout; labels come from :mod:`kbcore.views.lifecycle` and
:mod:`kbcore.views.completeness`.

All take ``lang`` (texts from the catalogue, numbers by Babel) and ``ax`` (draw into an
existing axes, or a new 10 × 5.5 in figure in the kbcore style) and return the axes.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from kbcore.analyses.lifecycle import STAGES
from kbcore.charts.style import (
    COLORS,
    fmt_money_short,
    money_formatter,
    new_axes,
    pct_formatter,
    style,
)
from kbcore.i18n import fmt_date, fmt_number, fmt_pct, t
from kbcore.views.completeness import component_label, verdict_text
from kbcore.views.lifecycle import stage_label, stage_labels

__all__ = [
    "STAGE_COLORS",
    "plot_stage_summary",
    "plot_stage_counts",
    "plot_transition_matrix",
    "plot_completeness",
]

STAGE_COLORS = {
    "new": "#a6d96a",  # light green: just arrived
    "developing": "#9ecae1",  # light blue: growing
    "regular": "#4a7fb5",  # the company's blue: the steady core
    "key": "#6a3d9a",  # purple: the few that matter most
    "declining": "#f0a500",  # amber: warning
    "lost": "#c0392b",  # red: gone
    "won_back": "#2e8b57",  # green: came back
}
"""One colour per lifecycle stage, the same in every chart."""

_OK = COLORS["gross_margin"]
_NOT_OK = COLORS["loss"]
_LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}


def _date_label(value, lang: str) -> str:
    ts = pd.Timestamp(value)
    if ts.month == 12 and ts.day == 31:
        return str(ts.year)
    return fmt_date(ts, lang)


# --------------------------------------------------------------------------- stages over time
def plot_stage_summary(
    summary: pd.DataFrame,
    *,
    measure: str = "clients",
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Clients (or revenue) by lifecycle stage at each date, as stacked bars.

    Parameters
    ----------
    summary : DataFrame
        :func:`kbcore.analyses.lifecycle.stage_summary`.
    measure : {"clients", "revenue_window"}
        Number of clients per stage, or the revenue of the 12 months up to each date.
    lang : str
        Language of texts and numbers.
    ax : Axes, optional
        Where to draw; a new figure when None.

    Each bar is labelled with its total; the stages are stacked in ``STAGES`` order from the
    bottom, so the lost clients pile up on top. Dates at 31 December are shown as the year.
    """
    if measure not in ("clients", "revenue_window"):
        raise ValueError("measure must be 'clients' or 'revenue_window'")
    with style():
        ax = new_axes(ax)
        table = summary.pivot(index="as_of", columns="stage", values=measure)
        table = table.reindex(columns=list(STAGES)).fillna(0).sort_index()
        x = np.arange(len(table))
        bottom = np.zeros(len(table))
        for stage in STAGES:
            values = table[stage].to_numpy(dtype="float64")
            bars = ax.bar(x, values, bottom=bottom, width=0.66, color=STAGE_COLORS[stage],
                          label=stage_label(stage, lang), zorder=2)
            for bar in bars:
                bar.set_gid(stage)
            bottom = bottom + np.clip(values, 0, None)
        fmt = (lambda v: fmt_money_short(v, lang)) if measure != "clients" else (
            lambda v: fmt_number(v, lang))
        for xi, total in zip(x, bottom, strict=True):
            ax.annotate(fmt(total), (xi, total), xytext=(0, 4), textcoords="offset points",
                        ha="center", va="bottom", fontsize=12, color=COLORS["text"])
        top = float(bottom.max()) if len(bottom) and bottom.max() > 0 else 1.0
        ax.set_ylim(0, top * 1.12)
        ax.set_xticks(x, [_date_label(d, lang) for d in table.index])
        if measure == "clients":
            ax.set_ylabel(t("lc.chart.clients", lang))
            ax.set_title(t("lc.chart.counts_title", lang))
        else:
            ax.yaxis.set_major_formatter(money_formatter(lang))
            ax.set_ylabel(t("lc.chart.revenue", lang))
            ax.set_title(t("lc.chart.revenue_title", lang))
        handles, names = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  fontsize=11, frameon=False)
    return ax


def plot_stage_counts(counts: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Clients per stage at one date, as horizontal bars labelled with count and share.

    Parameters
    ----------
    counts : DataFrame
        :func:`kbcore.analyses.lifecycle.stage_counts`; ``counts.attrs["as_of"]`` (optional)
        goes into the title.
    """
    with style():
        ax = new_axes(ax)
        counts = counts.set_index("stage").reindex(list(STAGES))
        y = np.arange(len(STAGES))[::-1]
        values = counts["clients"].fillna(0).to_numpy(dtype="float64")
        shares = counts["client_share"].to_numpy(dtype="float64")
        bars = ax.barh(y, values, color=[STAGE_COLORS[s] for s in STAGES], height=0.66, zorder=2)
        for bar, stage in zip(bars, STAGES, strict=True):
            bar.set_gid(stage)
        top = values.max() if len(values) and values.max() > 0 else 1.0
        for yi, value, share in zip(y, values, shares, strict=True):
            ax.annotate(f"{fmt_number(value, lang)} ({fmt_pct(share, lang)})", (value, yi),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=12,
                        color=COLORS["text"])
        ax.set_xlim(0, top * 1.25)
        ax.set_yticks(y, stage_labels(STAGES, lang))
        ax.set_xlabel(t("lc.chart.clients", lang))
        as_of = counts.attrs.get("as_of")
        title = (t("lc.chart.counts_at", lang, date=fmt_date(as_of, lang)) if as_of is not None
                 else t("lc.chart.counts_now", lang))
        ax.set_title(title)
        ax.grid(axis="y", visible=False)
    return ax


# --------------------------------------------------------------------------- transitions
def plot_transition_matrix(
    matrix: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None
) -> Axes:
    """The transition matrix as a heatmap.

    Rows = stage at the earlier date, columns = stage at the later one, each cell labelled with its
    number of clients.

    Parameters
    ----------
    matrix : DataFrame
        :func:`kbcore.analyses.lifecycle.transition_matrix` (its ``attrs`` dates go into the
        title). The diagonal (clients that stayed) is outlined.
    """
    with style():
        ax = new_axes(ax)
        values = matrix.to_numpy(dtype="float64")
        top = values.max() if values.size and values.max() > 0 else 1.0
        image = ax.imshow(values, cmap="Blues", vmin=0, vmax=top, aspect="auto")
        image.set_gid("heatmap")
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                v = values[i, j]
                ax.text(j, i, fmt_number(v, lang) if v else "·", ha="center", va="center",
                        fontsize=11, color="white" if v > 0.55 * top else COLORS["text"])
        for k, stage in enumerate(matrix.columns):
            if stage in matrix.index:
                i = list(matrix.index).index(stage)
                ax.add_patch(_cell(k, i))
        rows = stage_labels(matrix.index, lang)
        cols = stage_labels(matrix.columns, lang)
        ax.set_yticks(np.arange(len(rows)), rows)
        ax.set_xticks(np.arange(len(cols)), cols, fontsize=11, rotation=30, ha="left",
                      rotation_mode="anchor")
        ax.tick_params(axis="x", labeltop=True, labelbottom=False, top=True, bottom=False)
        ax.xaxis.set_label_position("top")
        ax.grid(False)
        frm, to = matrix.attrs.get("from_date"), matrix.attrs.get("to_date")
        ax.set_ylabel(t("lc.chart.from", lang, date=fmt_date(frm, lang) if frm is not None else ""))
        ax.set_xlabel(t("lc.chart.to", lang, date=fmt_date(to, lang) if to is not None else ""))
        ax.set_title(t("lc.chart.transition_title", lang), pad=12)
    return ax


def _cell(col: int, row: int) -> Rectangle:
    return Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=COLORS["text"],
                     linewidth=1.5, gid="diagonal")


# --------------------------------------------------------------------------- completeness
def plot_completeness(
    completeness: pd.DataFrame,
    verdict=None,
    *,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Known share of each component of the customer base, with its threshold and the verdict.

    Parameters
    ----------
    completeness : DataFrame
        :func:`kbcore.analyses.completeness.base_completeness`.
    verdict : Verdict, optional
        :func:`kbcore.analyses.completeness.base_verdict`; its sentence
        (:func:`kbcore.views.completeness.verdict_text`) is the title.

    Bars are green when the component is known for enough clients, red when not; a black tick
    marks each threshold, and "not in the data" replaces the value of an absent component.
    """
    with style():
        ax = new_axes(ax)
        n = len(completeness)
        y = np.arange(n)[::-1]
        shares = completeness["known_share"].fillna(0).to_numpy(dtype="float64")
        colors = [_OK if ok else _NOT_OK for ok in completeness["ok"]]
        bars = ax.barh(y, shares, color=colors, height=0.62, zorder=2)
        for bar, comp in zip(bars, completeness["component"], strict=True):
            bar.set_gid(str(comp))
        for yi, row in zip(y, completeness.itertuples(index=False), strict=True):
            ax.plot([row.threshold, row.threshold], [yi - 0.42, yi + 0.42], color=COLORS["text"],
                    linewidth=2.5, zorder=3, gid="threshold")
            label = (fmt_pct(row.known_share, lang) if row.available
                     else t("base.chart.absent", lang))
            ax.annotate(label, (max(row.known_share if row.available else 0, 0), yi),
                        xytext=(5, 0), textcoords="offset points", va="center", fontsize=12,
                        color=COLORS["text"], bbox=_LABEL_BOX, zorder=4)
        ax.set_xlim(0, 1.18)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.set_yticks(y, [component_label(c, lang) for c in completeness["component"]])
        ax.set_xlabel(t("base.chart.xlabel", lang))
        ax.grid(axis="y", visible=False)
        title = t("base.chart.title", lang)
        if verdict is not None:
            title = "\n".join(textwrap.wrap(verdict_text(verdict, lang), 60))
        ax.set_title(title, fontsize=15)
    return ax
