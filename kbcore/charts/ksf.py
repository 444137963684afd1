"""Chart of the KSF/CSF comparison (:mod:`kbcore.analyses.ksf`): layout only."""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from kbcore.analyses.ksf import US, KsfScores
from kbcore.charts.style import COLORS, new_axes, style
from kbcore.i18n import fmt_number, fmt_pct, t
from kbcore.views.ksf import factor_label, labelled, player_label

__all__ = ["PLAYER_STYLES", "plot_ksf"]

PLAYER_STYLES = [("#4a7fb5", "s"), ("#8e6bb8", "D"), ("#7f7f7f", "^"), ("#b8860b", "v"),
                 ("#17becf", "P")]
"""(colour, marker) of the competitors in their order; "us" is always the orange circle."""


def plot_ksf(scores: KsfScores, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Dot plot of the factor scores: us against every competitor, factor by factor.

    One row per factor (the heaviest on top) labelled with its weight; our dot on the row,
    the competitors' marks just below it; a bar from our score to the best competitor's, green when we are ahead and red when we
    are behind. The legend carries each player's weighted score (Σ weight × score). The title
    says "(example)" when the scores come from the template's example.

    Parameters
    ----------
    scores : KsfScores
        :func:`kbcore.analyses.ksf.ksf_scores`.
    lang : str
        Language of texts and numbers.
    ax : Axes, optional
        Where to draw; a new figure when None.
    """
    f = scores.factors
    totals = scores.totals.set_index("player")["weighted_score"]
    rivals = [p for p in scores.players if p != US]
    with style():
        ax = new_axes(ax)
        y = np.arange(len(f))[::-1]
        for yi, (_, row) in zip(y, f.iterrows(), strict=True):  # a few factor rows
            gap = row["gap_to_best"]
            if gap != 0:
                ax.plot([row[US], row["best_competitor_score"]], [yi, yi], linewidth=7,
                        alpha=0.35, solid_capstyle="butt", zorder=1,
                        color=COLORS["gross_margin"] if gap > 0 else COLORS["loss"],
                        gid="gap")
        handles = []
        for k, player in enumerate(rivals):
            color, marker = PLAYER_STYLES[k % len(PLAYER_STYLES)]
            offset = -0.24 - 0.14 * k  # below our dot, so that equal scores stay visible
            ax.scatter(f[player], y + offset, s=90, color=color, marker=marker, zorder=3,
                       gid=f"player:{player}")
            handles.append(Line2D([], [], color=color, marker=marker, linestyle="none",
                                  markersize=9, label=_legend(player, totals, lang)))
        ax.scatter(f[US], y, s=220, color=COLORS["profit"], marker="o", zorder=4,
                   edgecolor="white", linewidth=1.5, gid=f"player:{US}")
        handles.insert(0, Line2D([], [], color=COLORS["profit"], marker="o", linestyle="none",
                                 markersize=13, label=_legend(US, totals, lang)))
        labels = [
            textwrap.fill(factor_label(row, lang), 36) + "\n"
            + t("ksf.chart.weight", lang, weight=fmt_pct(row["weight"], lang, 0))
            for _, row in f.iterrows()
        ]
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, labelsize=11)
        lo, hi = scores.factors.attrs.get("scale", (1.0, 5.0))
        ax.set_xlim(lo - 0.3, hi + 0.3)
        ax.set_xticks(np.arange(lo, hi + 1))
        ax.set_ylim(-0.7, len(f) - 0.3)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.set_xlabel(t("ksf.chart.xlabel", lang))
        ax.set_title(labelled(scores, t("ksf.chart.title", lang), lang))
        ax.legend(handles=handles, title=t("ksf.chart.legend", lang), loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    return ax


def _legend(player: str, totals, lang: str) -> str:
    return f"{player_label(player, lang)}: {fmt_number(totals[player], lang, 2)}"
