"""Block 10 charts: the DMU (закупочный центр) of the key accounts.

Each ``plot_x(result, *, lang="en", ax=None) -> Axes`` draws a result of
:mod:`kbcore.analyses.dmu` / :mod:`kbcore.analyses.dmu_review` and computes nothing beyond
layout. Texts come from the catalogue (``dmu.chart.*``); account and people's names are fitted by
:func:`kbcore.views.labels.fit_label` / shortened by :func:`short_person_name`. Every item has its
own artist with a ``gid`` (``cell_<client>_<role>``, ``bar_<client>``, ``gap_<id>`` …) so that
tests can find it.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from kbcore.analyses.dmu import ATTITUDES, GAPS, ROLES
from kbcore.charts.style import COLORS, style
from kbcore.i18n import fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.dmu import account_labels, our_person_label, person_labels
from kbcore.views.labels import fit_label

__all__ = ["plot_role_coverage", "plot_attitudes", "plot_decider_recency", "plot_contact_matrix",
           "plot_gaps", "STRENGTH_COLORS"]

STRENGTH_COLORS = ("#f2f2f2", "#c6dbef", "#6baed6", "#2171b5")
"""Cell colours of strength 0 (none) … 3 (strong)."""
_COVERED, _NOT, _UNKNOWN = COLORS["gross_margin"], "#f6d5d1", "#e6e6e6"
_ATTITUDE_COLORS = {"champion": COLORS["gross_margin"], "neutral": "#b3b3b3",
                    "blocker": COLORS["loss"], "unknown": "#e6e6e6"}


def _axes(ax: Axes | None, rows: int, width: float = 11.0) -> Axes:
    if ax is not None:
        return ax
    _fig, new = plt.subplots(figsize=(width, max(4.0, 0.42 * rows + 2.2)))
    return new


def _ordered(coverage: pd.DataFrame, review: pd.DataFrame) -> pd.DataFrame:
    """Coverage rows in the order of the review (largest account on top) with their labels."""
    ids = review[C.client_id].astype("string").str.strip()
    cov = coverage.assign(**{C.client_id: coverage[C.client_id].astype("string").str.strip()})
    cov = cov.set_index(C.client_id).reindex(ids.loc[ids.isin(cov[C.client_id])]).reset_index()
    labels = account_labels(review)
    return cov.assign(_label=[fit_label(labels.get(c, c), 34, 1) for c in cov[C.client_id]])


# --------------------------------------------------------------------------- roles
def plot_role_coverage(coverage: pd.DataFrame, review: pd.DataFrame, *, lang: str = "en",
                       ax: Axes | None = None) -> Axes:
    """Key accounts × buying roles: green — we know a person in the role, red — nobody, grey — not recorded.

    One square per (account, role), ``gid`` ``cell_<client_id>_<role>``; the largest account on top.
    """
    with style():
        cov = _ordered(coverage, review)
        ax = _axes(ax, len(cov))
        n = len(cov)
        for i, row in enumerate(cov.to_dict("records")):
            y = n - 1 - i
            for j, r in enumerate(ROLES):
                v = row[f"has_{r}"]
                color = _UNKNOWN if pd.isna(v) else (_COVERED if v else _NOT)
                ax.add_patch(Rectangle((j - 0.45, y - 0.42), 0.9, 0.84, facecolor=color,
                                       edgecolor="white", gid=f"cell_{row[C.client_id]}_{r}"))
        ax.set_xlim(-0.6, len(ROLES) - 0.4)
        ax.set_ylim(-0.6, max(n, 1) - 0.4)
        ax.set_xticks(range(len(ROLES)), [t(f"dmu.role_short.{r}", lang) for r in ROLES],
                      rotation=30, ha="left", rotation_mode="anchor")
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", labelsize=12, length=0)
        ax.set_yticks(range(n)[::-1], list(cov["_label"]))
        ax.tick_params(axis="y", labelsize=11, length=0)
        ax.grid(False)
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.set_title(t("dmu.chart.roles.title", lang), pad=12)
        ax.legend(handles=[Patch(color=_COVERED, label=t("dmu.chart.roles.known", lang)),
                           Patch(color=_NOT, label=t("dmu.chart.roles.nobody", lang)),
                           Patch(color=_UNKNOWN, label=t("dmu.chart.roles.unrecorded", lang))],
                  loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=3)
    return ax


# --------------------------------------------------------------------------- attitudes
def plot_attitudes(coverage: pd.DataFrame, review: pd.DataFrame, *, lang: str = "en",
                   ax: Axes | None = None) -> Axes:
    """People of each account by attitude toward us: champions, neutral, blockers (stacked bars).

    One bar segment per (account, attitude) with people, ``gid`` ``bar_<client_id>_<attitude>``.
    """
    with style():
        cov = _ordered(coverage, review)
        ax = _axes(ax, len(cov))
        n = len(cov)
        y = np.arange(n)[::-1]
        left = np.zeros(n)
        for a in (*ATTITUDES, "unknown"):
            col = "attitude_unknown" if a == "unknown" else f"{a}s"
            values = pd.to_numeric(cov[col], errors="coerce").fillna(0).to_numpy(dtype="float64")
            for k in np.flatnonzero(values > 0):
                ax.barh(y[k], values[k], left=left[k], color=_ATTITUDE_COLORS[a], height=0.7,
                        edgecolor="white", gid=f"bar_{cov[C.client_id].iloc[k]}_{a}", zorder=2)
            left += values
        ax.set_yticks(y, list(cov["_label"]))
        ax.tick_params(axis="y", labelsize=11)
        ax.set_xlim(0, max(float(left.max()) if n else 0.0, 1.0) * 1.08)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(t("dmu.chart.attitudes.xlabel", lang))
        ax.grid(axis="y", visible=False)
        ax.set_title(t("dmu.chart.attitudes.title", lang))
        ax.legend(handles=[Patch(color=_ATTITUDE_COLORS[a], label=t(f"dmu.attitude.{a}", lang))
                           for a in (*ATTITUDES, "unknown")],
                  loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=4)
    return ax


# --------------------------------------------------------------------------- decider recency
def plot_decider_recency(coverage: pd.DataFrame, review: pd.DataFrame, *, lang: str = "en",
                         ax: Axes | None = None) -> Axes:
    """Days since we last spoke with the decider of each account, with the staleness line.

    Red bars are past ``coverage.attrs["stale_days"]``; an account without a known decider has no
    bar but the words "no decider known" (``gid`` ``bar_<client_id>`` / ``nobar_<client_id>``).
    """
    stale = int(coverage.attrs.get("stale_days", 180))
    with style():
        cov = _ordered(coverage, review)
        ax = _axes(ax, len(cov))
        n = len(cov)
        y = np.arange(n)[::-1]
        days = pd.to_numeric(cov["days_since_decider"], errors="coerce").to_numpy(dtype="float64")
        top = max(float(np.nanmax(days)) if np.isfinite(days).any() else 0.0, stale * 1.2)
        for k, row in enumerate(cov.to_dict("records")):
            cid = row[C.client_id]
            if np.isfinite(days[k]):
                color = COLORS["loss"] if days[k] > stale else COLORS["revenue"]
                ax.barh(y[k], max(days[k], top * 0.004), color=color, height=0.7, zorder=2,
                        gid=f"bar_{cid}")
                ax.annotate(tn("dmu.chart.days", days[k], lang) if days[k] else
                            t("dmu.chart.today", lang), (days[k], y[k]),
                            xytext=(4, 0), textcoords="offset points", va="center", fontsize=10)
            else:
                if pd.isna(row["no_decider"]):
                    key = "dmu.chart.recency.unrecorded"
                elif row["no_contacts"] is True or row["contacts"] == 0:
                    key = "dmu.decider.no_contacts"
                elif bool(row["no_decider"]):
                    key = "dmu.decider.unknown"
                else:
                    key = "dmu.decider.no_date"
                ax.annotate(t(key, lang), (0, y[k]), xytext=(4, 0), textcoords="offset points",
                            va="center", fontsize=10, color=COLORS["loss"], gid=f"nobar_{cid}")
        ax.axvline(stale, color=COLORS["neutral"], linestyle="--", linewidth=1.5, zorder=1)
        ax.annotate(tn("dmu.chart.recency.line", stale, lang), (stale, n - 0.4), xytext=(4, 0),
                    textcoords="offset points", va="bottom", fontsize=10,
                    color=COLORS["neutral"])
        ax.set_yticks(y, list(cov["_label"]))
        ax.tick_params(axis="y", labelsize=11)
        ax.set_xlim(0, top * 1.18)
        ax.set_ylim(-0.7, n + 0.3)
        ax.set_xlabel(t("dmu.chart.recency.xlabel", lang))
        ax.grid(axis="y", visible=False)
        ax.set_title(t("dmu.chart.recency.title", lang))
    return ax


# --------------------------------------------------------------------------- contact matrix
def plot_contact_matrix(matrix: pd.DataFrame, contacts: pd.DataFrame | None, account: str, *,
                        lang: str = "en", name: str | None = None, max_people: int = 15,
                        ax: Axes | None = None) -> Axes:
    """One account's contact matrix: the client's people (rows) × our people (columns).

    The colour is the strength (0 none … 3 strong), the number the interactions in the window; a
    black frame marks the owner of the relationship. One square per (their person, our person),
    ``gid`` ``cell_<i>_<j>``. At most ``max_people`` of the client's people (the strongest).
    """
    rows = matrix.loc[matrix[C.client_id].astype("string").str.strip() == str(account)]
    people = person_labels(contacts, lang)
    their_key = rows[C.contact_id].astype("string").fillna("\x00")
    order = rows.assign(_k=their_key).groupby("_k")["strength"].max().sort_values(
        ascending=False, kind="mergesort")
    their = list(order.index[:max_people])
    ours = sorted(set(rows[C.manager].astype("string").fillna("\x00")))
    role = (rows.groupby(rows[C.manager].astype("string").fillna("\x00"))["our_role"].first()
            if "our_role" in rows.columns else pd.Series(dtype="object"))
    with style():
        if ax is None:
            _fig, ax = plt.subplots(figsize=(max(8.0, 2.2 * len(ours) + 6), max(4.0, 0.6 * len(their) + 2.4)))
        grid = {(k, m): r for k, m, r in zip(their_key, rows[C.manager].astype("string").fillna("\x00"),
                                             rows.to_dict("records"), strict=True)}
        for i, k in enumerate(their):
            for j, m in enumerate(ours):
                r = grid.get((k, m))
                s = int(r["strength"]) if r is not None else 0
                owner = r is not None and not pd.isna(r["is_owner"]) and bool(r["is_owner"])
                y = len(their) - 1 - i
                ax.add_patch(Rectangle((j - 0.46, y - 0.44), 0.92, 0.88,
                                       facecolor=STRENGTH_COLORS[s],
                                       edgecolor=COLORS["text"] if owner else "white",
                                       linewidth=2.5 if owner else 1, gid=f"cell_{i}_{j}"))
                if r is not None:
                    ax.text(j, y, fmt_number(r["interactions"], lang), ha="center", va="center",
                            fontsize=13, color="white" if s >= 3 else COLORS["text"])
        labels_y = [t("dmu.matrix.client_level_short", lang) if k == "\x00"
                    else fit_label(people.get((str(account), k), k), 36, 2) for k in their]
        labels_x = [fit_label(our_person_label(None if m == "\x00" else m, role.get(m), lang), 18, 3)
                    for m in ours]
        ax.set_xlim(-0.6, max(len(ours), 1) - 0.4)
        ax.set_ylim(-0.6, max(len(their), 1) - 0.4)
        ax.set_xticks(range(len(ours)), labels_x)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(their))[::-1], labels_y)
        ax.tick_params(length=0, labelsize=11)
        ax.grid(False)
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.set_title(t("dmu.chart.matrix.title", lang, account=fit_label(name or account, 40, 1)),
                     pad=40 if len(ours) else 12)
        handles = [Patch(color=c, label=t(f"dmu.strength.{s}", lang))
                   for s, c in enumerate(STRENGTH_COLORS)]
        handles.append(Patch(facecolor="white", edgecolor=COLORS["text"], linewidth=2.5,
                             label=t("dmu.chart.matrix.owner", lang)))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3)
        if not len(their):
            ax.text(0.5, 0.5, t("dmu.chart.matrix.empty", lang), transform=ax.transAxes,
                    ha="center", va="center", color=COLORS["neutral"])
    return ax


# --------------------------------------------------------------------------- gaps
def plot_gaps(gaps: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """The DMU gaps over the reviewed accounts: accounts per gap, with the revenue at stake.

    One bar per gap (``gid`` ``gap_<id>``); a gap the data cannot show has no bar and reads
    "no data" (``gid`` ``nogap_<id>``).
    """
    with style():
        if ax is None:
            _fig, ax = plt.subplots(figsize=(11, 5.5))
        data = gaps.set_index("gap").reindex(list(GAPS))
        y = np.arange(len(GAPS))[::-1]
        counts = pd.to_numeric(data["accounts"], errors="coerce").to_numpy(dtype="float64")
        top = max(float(np.nanmax(counts)) if np.isfinite(counts).any() else 0.0, 1.0)
        for k, g in enumerate(GAPS):
            if np.isfinite(counts[k]):
                ax.barh(y[k], counts[k], color=COLORS["loss"] if counts[k] else COLORS["neutral"],
                        height=0.65, zorder=2, gid=f"gap_{g}")
                money = data["revenue_12m"].iloc[k]
                text = tn("dmu.chart.gaps.label", counts[k], lang,
                          share=fmt_pct(data["revenue_share"].iloc[k], lang)) \
                    if np.isfinite(money) else tn("dmu.count.accounts", counts[k], lang)
                ax.annotate(text, (counts[k], y[k]), xytext=(5, 0), textcoords="offset points",
                            va="center", fontsize=11)
            else:
                ax.annotate(t("dmu.chart.gaps.no_data", lang), (0, y[k]), xytext=(5, 0),
                            textcoords="offset points", va="center", fontsize=11,
                            color=COLORS["neutral"], gid=f"nogap_{g}")
        ax.set_yticks(y, [fit_label(t(f"dmu.gap.{g}", lang), 24, 2) for g in GAPS])
        ax.set_ylim(-0.6, len(GAPS) - 0.4)
        ax.set_xlim(0, top * 1.9)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(t("dmu.chart.gaps.xlabel", lang))
        ax.grid(axis="y", visible=False)
        ax.set_title(t("dmu.chart.gaps.title", lang))
    return ax

