"""Charts of topic 10 (program 004): the KPI tree, the competency × KPI heatmap, self against manager.

Each draws one computed result of :mod:`kbcore.analyses.kpi_tree` and computes nothing beyond
layout; texts come from the catalogue (``kpi_tree.*``). All take ``lang`` and ``ax`` and return
the axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from kbcore.analyses.assessment import Questionnaire
from kbcore.analyses.kpi_tree import CompetencyKpi, KpiTree
from kbcore.charts.style import COLORS, empty_axes, new_axes, style
from kbcore.i18n import t
from kbcore.views.kpi_tree import kpi_label, owner_label

__all__ = ["STATUS_COLORS", "plot_tree", "plot_competency_heatmap", "plot_self_manager"]

STATUS_COLORS = {
    "met": "#2e8b57",
    "not_met": "#c0392b",
    "no_target": "#8c8c8c",
    "needs_data": "#e0b000",
}
"""The colour of each KPI status."""


def _short(text: str, n: int = 34) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def plot_tree(tree: KpiTree, values: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """The tree as a diagram: goals (left) → KPIs (middle) → owners (right), KPIs coloured by status.

    A line joins each goal to the KPIs that measure it and each KPI to its owner; a dashed line
    joins a KPI to the KPI it drives. Each KPI box has gid ``kpi:<id>`` and its status colour.
    """
    with style():
        ax = new_axes(ax)
        if not tree.kpis:
            return empty_axes(ax, "kpi_tree.chart.empty", lang)
        status = dict(zip(values["kpi"], values["status"], strict=True)) if len(values) else {}
        owners = list(dict.fromkeys(k.owner or "" for k in tree.kpis))
        n = max(len(tree.goals), len(tree.kpis), len(owners))

        def ys(m):
            return {i: n - (i + 0.5) * n / m for i in range(m)}

        gy, ky, oy = ys(len(tree.goals)), ys(len(tree.kpis)), ys(len(owners))
        gpos = {g.id: gy[i] for i, g in enumerate(tree.goals)}
        kpos = {k.id: ky[i] for i, k in enumerate(tree.kpis)}
        opos = {o: oy[i] for i, o in enumerate(owners)}
        x = (0.0, 1.0, 2.0)
        for k in tree.kpis:
            for g in k.goals:
                if g in gpos:
                    ax.plot([x[0] + 0.35, x[1] - 0.35], [gpos[g], kpos[k.id]], color=COLORS["neutral"], lw=0.8,
                            zorder=1)
            ax.plot([x[1] + 0.35, x[2] - 0.35], [kpos[k.id], opos[k.owner or ""]], color=COLORS["neutral"],
                    lw=0.6, alpha=0.6, zorder=1)
            if k.parent in kpos:
                ax.annotate("", xy=(x[1] - 0.3, kpos[k.parent]), xytext=(x[1] - 0.3, kpos[k.id]),
                            arrowprops={"arrowstyle": "->", "ls": "--", "color": COLORS["neutral"],
                                        "connectionstyle": "arc3,rad=0.4"}, zorder=1)
        box = {"boxstyle": "round,pad=0.3", "fc": "white", "ec": COLORS["neutral"]}
        for g in tree.goals:
            ax.text(x[0], gpos[g.id], _short(g.text[lang]), ha="center", va="center", fontsize=8, bbox=box,
                    gid=f"goal:{g.id}")
        for k in tree.kpis:
            c = STATUS_COLORS.get(status.get(k.id, "no_target"), STATUS_COLORS["no_target"])
            ax.text(x[1], kpos[k.id], _short(kpi_label(tree, k.id, lang)), ha="center", va="center", fontsize=8,
                    color="white", bbox={**box, "fc": c, "ec": c}, gid=f"kpi:{k.id}")
        for o in owners:
            ax.text(x[2], opos[o], _short(owner_label(o or None, lang)), ha="center", va="center", fontsize=8,
                    bbox=box, gid=f"owner:{o}")
        for i, key in enumerate(("goals", "kpis", "owners")):
            ax.text(x[i], n + 0.3, t(f"kpi_tree.chart.{key}", lang), ha="center", va="bottom", fontweight="bold")
        handles = [ax.scatter([], [], color=STATUS_COLORS[s], marker="s", label=t(f"kpi_tree.status.{s}", lang))
                   for s in STATUS_COLORS]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=4, frameon=False)
        ax.set_xlim(-0.6, 2.6)
        ax.set_ylim(-0.3, n + 1.0)
        ax.axis("off")
        ax.set_title(t("kpi_tree.chart.tree", lang))
    return ax


def plot_competency_heatmap(ck: CompetencyKpi, q: Questionnaire, tree: KpiTree, *, lang: str = "en",
                            ax: Axes | None = None) -> Axes:
    """The competency × KPI matrix as a heatmap: the rating where a KPI needs the competency.

    Colour from red (the scale's low end) to green (its high end); blank where the KPI does not
    need the competency; the rating is written in each cell (texts with gid ``cell``).
    """
    with style():
        ax = new_axes(ax)
        m = ck.matrix
        if m.empty:
            return empty_axes(ax, "kpi_tree.chart.empty", lang)
        data = np.ma.masked_invalid(m.to_numpy(dtype=float))
        im = ax.imshow(data, cmap="RdYlGn", vmin=q.low, vmax=q.high, aspect="auto")
        for i in range(m.shape[0]):
            for j in range(m.shape[1]):
                v = m.iat[i, j]
                if pd.notna(v):
                    ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=8, gid="cell")
        ax.set_yticks(range(m.shape[0]), [_short(q.question(c).text[lang].split(":")[0], 28) for c in m.index])
        ax.set_xticks(range(m.shape[1]), [_short(kpi_label(tree, k, lang), 24) for k in m.columns], rotation=40,
                      ha="right")
        ax.grid(False)
        ax.figure.colorbar(im, ax=ax, fraction=0.03)
        ax.set_title(t("kpi_tree.chart.heatmap", lang, rating=t(f"kpi_tree.rating.{ck.rating}", lang)))
    return ax


def plot_self_manager(ck: CompetencyKpi, q: Questionnaire, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Self-rating against the manager's rating per competency: two horizontal bars and the level needed.

    Bars have gids ``self`` and ``manager``; the level needed is a black tick (gid ``level``).
    """
    with style():
        ax = new_axes(ax)
        c = ck.competencies
        if c.empty:
            return empty_axes(ax, "kpi_tree.chart.empty", lang)
        y = np.arange(len(c))
        ax.barh(y - 0.2, c["self"].fillna(0), height=0.4, color=COLORS.get("accent", "#e07b00"),
                label=t("kpi_tree.col.self", lang), gid="self")
        ax.barh(y + 0.2, c["manager"].fillna(0), height=0.4, color=COLORS.get("primary", "#4a7fb5"),
                label=t("kpi_tree.col.manager", lang), gid="manager")
        ax.scatter(c["target"], y, marker="|", s=300, color="black", label=t("kpi_tree.chart.level", lang),
                   gid="level", zorder=3)
        ax.set_yticks(y, [_short(q.question(x).text[lang].split(":")[0], 28) for x in c["competency"]])
        ax.invert_yaxis()
        ax.set_xlim(0, q.high + 0.5)
        ax.set_xticks(list(q.values))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=3, frameon=False)
        ax.set_title(t("kpi_tree.chart.self_manager", lang))
    return ax
