"""Block 9 · charts of the key account manager: the profile against its targets, and where the time goes.

Layout only: the levels and targets come from :func:`kbcore.analyses.assessment.assess`, the
recorded hours from :func:`kbcore.analyses.kam_time.time_split`; every text from the catalogue
(``b9.chart.*``) or the questionnaire in ``lang``.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure as MplFigure

from kbcore.analyses.assessment import AssessmentResult, Questionnaire
from kbcore.charts.style import COLORS, pct_formatter, style
from kbcore.i18n import fmt_number, fmt_pct, t
from kbcore.schema import C
from kbcore.views.kam import kind_label, kind_order, profile_status
from kbcore.views.labels import fit_label

__all__ = ["STATUS_COLORS", "KIND_COLORS", "plot_competencies", "plot_role_time", "plot_recorded_time",
           "plot_time_split"]

STATUS_COLORS = {"strength": COLORS["gross_margin"], "weakness": COLORS["loss"], "not_answered": COLORS["neutral"]}
"""A strength green, a weakness red, a competency not answered grey."""

KIND_COLORS = ("#4a7fb5", "#e07b00", "#2e8b57", "#8e6bb0", "#8c8c8c", "#c0392b")
"""Colours of the kinds of contact, in the order of the records (visits, meetings, calls, e-mails …)."""


def _title(text: str, example: bool, lang: str) -> str:
    return t("kf.example", lang, label=text) if example else text


def plot_competencies(q: Questionnaire, result: AssessmentResult, *, lang: str = "en", ax: Axes | None = None,
                      example: bool = False) -> Axes:
    """One row per competency: your level against the target level.

    Your level is a dot (green at or above the target, red below, grey not answered; gid ``level``) and the target (a black tick, gid ``target``), joined by a red line
    where the level falls short (gid ``shortfall``). The template's order, top to bottom; the
    sections' titles on the right. ``example`` says "(example)" in the title.
    """
    with style():
        qs = result.questions.reset_index(drop=True)
        n = len(qs)
        if ax is None:
            _fig, ax = plt.subplots(figsize=(13, max(5.0, 0.42 * n + 2.0)))
        y = np.arange(n)[::-1].astype(float)
        status = profile_status(result).to_numpy()
        level = qs["answer"].to_numpy(dtype=float)
        target = qs["threshold"].to_numpy(dtype=float)
        short = status == "weakness"
        if short.any():
            ax.hlines(y[short], level[short], target[short], color=STATUS_COLORS["weakness"], linewidth=3,
                      alpha=0.5, gid="shortfall")
        ax.scatter(target, y, marker="|", s=420, linewidths=3, color=COLORS["text"], zorder=4, gid="target",
                   label=t("b9.chart.target", lang))
        for s in ("strength", "weakness"):
            m = status == s
            if m.any():
                ax.scatter(level[m], y[m], s=140, color=STATUS_COLORS[s], zorder=5, gid="level",
                           label=t(f"b9.status.{s}", lang))
        m = status == "not_answered"
        if m.any():
            ax.scatter(np.full(int(m.sum()), q.low - 0.25), y[m], s=140, facecolors="white", linewidths=2,
                       edgecolors=STATUS_COLORS["not_answered"], zorder=5, gid="level",
                       label=t("b9.status.not_answered", lang))
        ax.set_yticks(y, [fit_label(q.question(x).text[lang], 52) for x in qs["question_id"]], fontsize=10)
        ax.set_xticks(list(q.values), [fit_label(p.label[lang], 11, 3) for p in q.scale], fontsize=10)
        ax.set_xlim(q.low - 0.5, q.high + 0.4)
        ax.set_ylim(-0.8, n - 0.2)
        # the sections: a thin line between them, the title at the right edge
        sections = qs["section"].tolist()
        for i in range(1, n):
            if sections[i] != sections[i - 1]:
                ax.axhline(y[i] + 0.5, color=COLORS["neutral"], linewidth=0.6, alpha=0.6)
        starts = [i for i in range(n) if i == 0 or sections[i] != sections[i - 1]]
        for i in starts:
            ax.text(1.01, y[i], fit_label(q.section(sections[i]).title[lang], 22), transform=ax.get_yaxis_transform(),
                    va="center", fontsize=9, color=COLORS["neutral"])
        ax.set_title(_title(t("b9.chart.profile_title", lang), example, lang))
        ax.set_xlabel(t("b9.chart.profile_xlabel", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 1.5 / max(n, 1)), ncol=4, frameon=False,
                  fontsize=10)
        return ax


def plot_role_time(q: Questionnaire, result: AssessmentResult, *, lang: str = "en", ax: Axes | None = None,
                   example: bool = False) -> Axes:
    """Horizontal bars: the share of working time each role (section) takes by your own account.

    One bar per section in the template's order (gid ``role``); a role without a share says so.
    """
    with style():
        if ax is None:
            _fig, ax = plt.subplots(figsize=(10, 5.5))
        s = result.sections
        y = np.arange(len(s))[::-1]
        shares = s["time_share"].to_numpy(dtype=float)
        ax.barh(y, np.nan_to_num(shares), color=COLORS["revenue"], height=0.6, gid="role")
        for yi, v in zip(y, shares, strict=True):
            text = t("b9.chart.no_share", lang) if math.isnan(v) else fmt_pct(v, lang)
            ax.text((0 if math.isnan(v) else v) + 0.01, yi, text, va="center", fontsize=11, color=COLORS["text"])
        top = float(np.nanmax(shares)) if not np.isnan(shares).all() else 0.0
        ax.set_xlim(0, max(0.3, top * 1.3))
        ax.set_yticks(y, [fit_label(q.section(x).title[lang], 30) for x in s["section"]], fontsize=10)
        ax.xaxis.set_major_formatter(pct_formatter(lang))
        ax.set_title(_title(t("b9.chart.roles_title", lang), example, lang))
        ax.set_xlabel(t("b9.chart.roles_xlabel", lang))
        ax.grid(axis="y", visible=False)
        return ax


def plot_recorded_time(split: pd.DataFrame, people: list[str], *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """One stacked bar per person: the estimated hours of each kind of contact.

    One bar segment per person and kind (gid ``kind``); the key accounts' share is written at the
    bar's end. Without records the axes say what is needed.
    """
    with style():
        if ax is None:
            _fig, ax = plt.subplots(figsize=(10, 5.5))
        rows = split[split[C.manager].isin(people)] if split is not None and len(split) else pd.DataFrame()
        ax.set_title(t("b9.chart.recorded_title", lang))
        if rows.empty:
            ax.text(0.5, 0.5, fit_label(t("b9.chart.no_records", lang), 40), transform=ax.transAxes,
                    ha="center", va="center", fontsize=12, color=COLORS["neutral"])
            ax.set_axis_off()
            return ax
        kinds = kind_order(rows[C.kind])
        hours = (rows.pivot_table(index=C.manager, columns=C.kind, values="hours", aggfunc="sum")
                 .reindex(index=people, columns=kinds).fillna(0.0))
        y = np.arange(len(people))[::-1]
        left = np.zeros(len(people))
        for i, k in enumerate(kinds):
            v = hours[k].to_numpy(dtype=float)
            ax.barh(y, v, left=left, height=0.6, color=KIND_COLORS[i % len(KIND_COLORS)], gid="kind",
                    label=kind_label(k, lang), edgecolor="white", linewidth=0.5)
            left += v
        first = rows.drop_duplicates(C.manager).set_index(C.manager).reindex(people)
        for yi, total, ka in zip(y, left, first["person_ka_share"], strict=True):
            text = t("b9.chart.hours", lang, n=fmt_number(total, lang, 0))
            if pd.notna(ka):
                text += " · " + t("b9.chart.ka_share", lang, share=fmt_pct(ka, lang))
            ax.text(total + left.max() * 0.01, yi, text, va="center", fontsize=10, color=COLORS["text"])
        ax.set_xlim(0, left.max() * 1.6 if left.max() > 0 else 1)
        pad = max(0.0, (4 - len(people)) / 2)
        ax.set_ylim(-0.7 - pad, len(people) - 0.3 + pad)
        ax.set_yticks(y, [fit_label(p, 24) for p in people], fontsize=10)
        ax.set_xlabel(t("b9.chart.recorded_xlabel", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=len(kinds), fontsize=10, frameon=False)
        return ax


def plot_time_split(q: Questionnaire, result: AssessmentResult, split: pd.DataFrame, people: list[str], *,
                    lang: str = "en", example: bool = False) -> MplFigure:
    """Side by side: your own time by role and the recorded time from the CRM.

    Left :func:`plot_role_time`, right :func:`plot_recorded_time` (the key-account managers).
    """
    with style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(17, max(6.0, 0.45 * max(len(people), 7) + 2.5)),
                                          gridspec_kw={"width_ratios": [1, 1.2], "wspace": 0.35})
        plot_role_time(q, result, lang=lang, ax=left, example=example)
        plot_recorded_time(split, people, lang=lang, ax=right)
        return fig
