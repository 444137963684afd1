"""Views of topic 8 (program 004): the loyalty programme in a person's words.

The analysis (:mod:`kbcore.analyses.loyalty_programme`) returns numbers and ids; here they
become tables with headers from the catalogue (``loyalty_programme.*``), every number formatted
for the language (money through ``fmt_money`` with the company's currency, shares through
``fmt_pct``, counts through ``tn``), notes, and the topic's key figures. What the data did not
allow is written as missing, never as a number; what comes from the template's example values
is labelled as an example.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kbcore.analyses.loyalty_programme import (
    LoyaltyEffect,
    LoyaltyTemplate,
    ProgrammeCost,
    ProgrammeKPIs,
    ProgrammeROI,
)
from kbcore.i18n import fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.views.figures import Figure, example, missing

__all__ = [
    "NEEDS",
    "need_key",
    "indicator_label",
    "kpi_table",
    "points_note",
    "cost_table",
    "effect_table",
    "effect_text",
    "naive_text",
    "excluded_text",
    "roi_text",
    "goals_table",
    "goals_plan_table",
    "loyalty_programme_figures",
]

NEEDS = {
    "loyalty": "loyalty_programme.need.loyalty",
    "loyalty.points_earned": "loyalty_programme.need.points",
    "loyalty.points_redeemed": "loyalty_programme.need.redeemed",
    "loyalty.points_expired": "loyalty_programme.need.expired",
    "clients": "loyalty_programme.need.clients",
    "sales.cost": "loyalty_programme.need.cost",
    "effect": "loyalty_programme.need.effect",
}
"""The catalogue id (a ``need.*`` text) of each missing input id of the analyses."""


def need_key(missing_id: str) -> str:
    """The catalogue id that names a missing input (``clients.<column>`` → the matching column)."""
    if missing_id.startswith("clients.") and missing_id not in NEEDS:
        return "loyalty_programme.need.match"
    return NEEDS.get(missing_id, "loyalty_programme.need.loyalty")


def _money(value, lang: str, currency: str) -> str:
    return fmt_money(value, lang, currency=currency)


def _pct(value, lang: str, digits: int = 1) -> str:
    return fmt_pct(value, lang, digits)


def _finite(value) -> bool:
    return value is not None and isinstance(value, (int, float, np.floating, np.integer)) and math.isfinite(value)


def _frame(columns: dict[str, list], lang: str) -> pd.DataFrame:
    """A text frame whose headers are the catalogue texts of ``loyalty_programme.col.<key>``."""
    return pd.DataFrame({t(f"loyalty_programme.col.{k}", lang): pd.array(v, dtype="string")
                         for k, v in columns.items()})


def _members(n, lang: str) -> str:
    return tn("loyalty_programme.count.members", int(n), lang)


def _months(n, lang: str) -> str:
    return tn("loyalty_programme.count.months", int(n), lang)


def indicator_label(indicator: str, lang: str = "en") -> str:
    """An indicator id (``participation_rate``) in words."""
    return t(f"loyalty_programme.indicator.{indicator}", lang)


# --------------------------------------------------------------------------- the KPIs
def kpi_table(kpis: ProgrammeKPIs, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """The programme's indicators: what, the value, and how it is computed (in words).

    A value whose data is absent says what it needs.
    """
    no_loyalty = "loyalty" in kpis.missing
    gone = missing(need_key("loyalty"), lang)

    def count(v):
        return gone if no_loyalty else fmt_number(v, lang)

    def share(v, need=None):
        if no_loyalty:
            return gone
        if need and need in kpis.missing:
            return missing(need_key(need), lang)
        return _pct(v, lang)

    def points(v, need):
        if no_loyalty:
            return gone
        return missing(need_key(need), lang) if need in kpis.missing else fmt_number(v, lang)

    rows = [
        ("eligible", fmt_number(kpis.eligible, lang)),
        ("members", count(kpis.members)),
        ("eligible_members", count(kpis.eligible_members)),
        ("participation_rate", share(kpis.participation_rate)),
        ("non_participation_rate", share(kpis.non_participation_rate)),
        ("active_members", count(kpis.active_members)),
        ("active_rate", share(kpis.active_rate)),
        ("member_revenue", gone if no_loyalty else _money(kpis.member_revenue, lang, currency)),
        ("members_share", share(kpis.members_share)),
        ("points_issued", points(kpis.points_issued, "loyalty.points_earned")),
        ("points_redeemed", points(kpis.points_redeemed, "loyalty.points_redeemed")),
        ("points_expired", points(kpis.points_expired, "loyalty.points_expired")),
        ("outstanding", points(kpis.outstanding, "loyalty.points_redeemed")
         if "loyalty.points_earned" not in kpis.missing else missing(need_key("loyalty.points_earned"), lang)),
        ("redemption_rate", share(kpis.redemption_rate, "loyalty.points_redeemed")
         if "loyalty.points_earned" not in kpis.missing else missing(need_key("loyalty.points_earned"), lang)),
        ("breakage", share(kpis.breakage, "loyalty.points_expired")),
    ]
    months = {"eligible": kpis.windows.get("eligible"), "active": kpis.windows.get("active"),
              "share": kpis.windows.get("share")}

    def how(key):
        n = {"eligible": "eligible", "eligible_members": "eligible", "participation_rate": "eligible",
             "non_participation_rate": "eligible", "active_members": "active", "active_rate": "active",
             "member_revenue": "share", "members_share": "share"}.get(key)
        if n and months[n]:
            lo, hi = months[n]
            m = round(((hi + pd.Timedelta(days=1)) - lo).days / 30.44)
            return t(f"loyalty_programme.how.{key}", lang, months=_months(m, lang))
        return t(f"loyalty_programme.how.{key}", lang)

    return _frame({"indicator": [indicator_label(k, lang) for k, _ in rows],
                   "value": [v for _, v in rows],
                   "how": [how(k) for k, _ in rows]}, lang)


def points_note(kpis: ProgrammeKPIs, lang: str = "en") -> str:
    """What the points figures are, and what the absence of expired points means."""
    text = t("loyalty_programme.note.points", lang)
    if "loyalty.points_expired" in kpis.missing and "loyalty.points_earned" not in kpis.missing \
            and "loyalty" not in kpis.missing:
        text += " " + t("loyalty_programme.note.expired_unknown", lang,
                        what=t(need_key("loyalty.points_expired"), lang),
                        outstanding=fmt_number(kpis.outstanding, lang))
    return text


# --------------------------------------------------------------------------- the cost
def cost_table(cost: ProgrammeCost, lang: str = "en", *, currency: str = "EUR",
               is_example: bool = True) -> pd.DataFrame:
    """The programme's cost a year, by component.

    "(example)" stands in the header while the template's values are examples.
    """
    red = (_money(cost.redemptions, lang, currency) if _finite(cost.redemptions)
           else missing(need_key((cost.missing or ("loyalty.points_redeemed",))[0]), lang))
    total = (_money(cost.total, lang, currency) if _finite(cost.total)
             else missing(need_key((cost.missing or ("loyalty.points_redeemed",))[0]), lang))
    how = [t("loyalty_programme.cost.how.redemptions", lang,
             points=fmt_number(cost.redeemed_per_year, lang) if _finite(cost.redeemed_per_year) else "—",
             value=fmt_money(cost.value_per_point, lang, currency=currency, digits=3)),
           t("loyalty_programme.cost.how.fixed", lang), t("loyalty_programme.cost.how.per_member", lang),
           t("loyalty_programme.cost.how.total", lang)]
    header = t("loyalty_programme.col.per_year", lang)
    out = _frame({"component": [t(f"loyalty_programme.cost.{k}", lang)
                                for k in ("redemptions", "fixed", "per_member", "total")],
                  "per_year": [red, _money(cost.fixed, lang, currency), _money(cost.per_member, lang, currency),
                               total],
                  "how": how}, lang)
    if is_example:
        out = out.rename(columns={header: example(header, lang)})
    return out


# --------------------------------------------------------------------------- the effect
def effect_table(effect: LoyaltyEffect, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """The naive comparison and the difference-in-differences side by side, with their intervals."""
    if effect.n == 0:
        what = missing(need_key(effect.missing[0] if "loyalty" in effect.missing else "effect"), lang)
        return _frame({"estimate": [t("loyalty_programme.est.naive", lang), t("loyalty_programme.est.did", lang)],
                       "per_member": [what, what], "interval": ["—", "—"], "relative": ["—", "—"]}, lang)

    def interval(lo, hi):
        if not (_finite(lo) and _finite(hi)):
            return "—"
        return t("loyalty_programme.interval", lang, low=_money(lo, lang, currency), high=_money(hi, lang, currency))

    rel = lambda v: _pct(v / effect.pre_mean, lang) if effect.pre_mean else "—"  # noqa: E731
    return _frame({
        "estimate": [t("loyalty_programme.est.naive", lang), t("loyalty_programme.est.did", lang)],
        "per_member": [_money(effect.naive, lang, currency), _money(effect.did, lang, currency)],
        "interval": [interval(effect.naive_low, effect.naive_high), interval(effect.ci_low, effect.ci_high)],
        "relative": [rel(effect.naive), rel(effect.did)],
    }, lang)


def naive_text(effect: LoyaltyEffect, lang: str = "en", *, currency: str = "EUR") -> str:
    """The naive comparison in words: what a member bought after joining against a non-member.

    ::

        non-members' mean = post_mean − naive   (naive = mean over the members of post_i − the
                                                 non-members' mean in the same months)

    Its share is taken on the members' sales before joining, like the uplift's; a gap at or below
    zero (members buy less) is said as "less", with its size.
    """
    if effect.n == 0 or not _finite(effect.naive):
        return missing(need_key("loyalty" if "loyalty" in effect.missing else "effect"), lang)
    gap = abs(effect.naive)
    rel = _pct(gap / effect.pre_mean, lang) if effect.pre_mean else "—"
    key = "loyalty_programme.naive.text" if effect.naive > 0 else "loyalty_programme.naive.text_less"
    return t(key, lang, window=_months(effect.window, lang), members=_money(effect.post_mean, lang, currency),
             others=_money(effect.post_mean - effect.naive, lang, currency), gap=_money(gap, lang, currency), rel=rel)


def excluded_text(effect: LoyaltyEffect, lang: str = "en") -> str:
    """Which members are in the estimate, and which are left out and why."""
    total = effect.n + sum(effect.excluded.values())
    text = t("loyalty_programme.effect.used", lang, used=_members(effect.n, lang), total=fmt_number(total, lang),
             window=_months(effect.window, lang))
    parts = [tn(f"loyalty_programme.excluded.{k}", v, lang) for k, v in effect.excluded.items() if v]
    if parts:
        text += " " + t("loyalty_programme.effect.left_out", lang, reasons="; ".join(parts))
    text += " " + t(f"loyalty_programme.effect.controls.{effect.controls}", lang)
    return text


def effect_text(effect: LoyaltyEffect, lang: str = "en", *, currency: str = "EUR") -> str:
    """The estimate in one paragraph: the DiD with its interval and formula, then the naive gap."""
    if effect.n == 0:
        return missing(need_key("loyalty" if "loyalty" in effect.missing else "effect"), lang)
    pct = fmt_number(100 * effect.level, lang)
    text = t("loyalty_programme.effect.did", lang, did=_money(effect.did, lang, currency),
             window=_months(effect.window, lang), pct=pct,
             low=_money(effect.ci_low, lang, currency), high=_money(effect.ci_high, lang, currency))
    if _finite(effect.relative_uplift):
        text += " " + t("loyalty_programme.effect.relative", lang, did=_money(effect.did, lang, currency),
                        pre=_money(effect.pre_mean, lang, currency), rel=_pct(effect.relative_uplift, lang))
    if _finite(effect.ci_low) and effect.ci_low > 0:
        text += " " + t("loyalty_programme.effect.significant", lang)
    elif _finite(effect.ci_low):
        text += " " + t("loyalty_programme.effect.not_significant", lang)
    text += " " + t("loyalty_programme.effect.naive", lang, naive=_money(effect.naive, lang, currency))
    return text


def roi_text(roi: ProgrammeROI, lang: str = "en", *, currency: str = "EUR", is_example: bool = True) -> str:
    """The return a year in one paragraph (or what it needs), labelled when the costs are examples."""
    if not _finite(roi.roi):
        what = roi.missing[0] if roi.missing else "effect"
        return t("loyalty_programme.roi.missing", lang, what=t(need_key(what), lang))
    source = t("loyalty_programme.roi.source.assumed" if roi.margin_assumed else "loyalty_programme.roi.source.cost",
               lang)
    text = t("loyalty_programme.roi.text", lang, members=_members(roi.members, lang),
             revenue=_money(roi.incremental_revenue, lang, currency),
             margin=_money(roi.incremental_margin, lang, currency), rate=_pct(roi.margin_rate, lang),
             source=source, cost=_money(roi.cost, lang, currency), roi=_pct(roi.roi, lang, 0),
             low=_pct(roi.roi_low, lang, 0), high=_pct(roi.roi_high, lang, 0))
    if is_example:
        text += " " + t("loyalty_programme.roi.example", lang)
    return text


# --------------------------------------------------------------------------- the goals
def _indicator_value(indicator: str, value, lang: str, currency: str) -> str:
    if not _finite(value):
        return "—"
    if indicator in ("programme_cost", "incremental_revenue", "incremental_margin"):
        return _money(value, lang, currency)
    return _pct(value, lang)


def goals_table(scorecard: pd.DataFrame, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """:func:`~kbcore.analyses.loyalty_programme.goal_scorecard` in words.

    Goal, indicator, value, target and verdict, in the template's order.
    """
    texts = scorecard.attrs.get("texts", {})
    verdicts = []
    for v, m, target in zip(scorecard["value"], scorecard["met"], scorecard["target"], strict=True):
        if not _finite(v):
            verdicts.append(t("loyalty_programme.met.no_value", lang))
        elif not _finite(target):
            verdicts.append(t("loyalty_programme.met.no_target", lang))
        else:
            verdicts.append(t("loyalty_programme.met.yes" if bool(m) else "loyalty_programme.met.no", lang))
    return _frame({
        "goal": [texts.get(g, {}).get(lang) or texts.get(g, {}).get("en") or g for g in scorecard["goal"]],
        "indicator": [indicator_label(i, lang) for i in scorecard["indicator"]],
        "value": [_indicator_value(i, v, lang, currency) for i, v in zip(scorecard["indicator"], scorecard["value"],
                                                                          strict=True)],
        "target": [_indicator_value(i, v, lang, currency) for i, v in zip(scorecard["indicator"],
                                                                           scorecard["target"], strict=True)],
        "verdict": verdicts,
    }, lang)


def goals_plan_table(template: LoyaltyTemplate, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """The template's goals before any measurement: goal, the indicator that measures it, its target.

    The target's header is labelled an example while the template's values are examples.
    """
    def target(g):
        if g.target is None:
            return t("loyalty_programme.met.no_target", lang)
        sign = "≥" if g.better == "higher" else "≤"
        return f"{sign} {_indicator_value(g.indicator, g.target, lang, currency)}"

    out = _frame({
        "goal": [g.text.get(lang) or g.text.get("en") or g.id for g in template.goals],
        "indicator": [indicator_label(g.indicator, lang) for g in template.goals],
        "target": [target(g) for g in template.goals],
    }, lang)
    if template.example:
        header = t("loyalty_programme.col.target", lang)
        out = out.rename(columns={header: example(header, lang)})
    return out


# --------------------------------------------------------------------------- key figures
def loyalty_programme_figures(kpis: ProgrammeKPIs, lang: str = "en", *, currency: str = "EUR",
                              cost: ProgrammeCost | None = None, effect: LoyaltyEffect | None = None,
                              roi: ProgrammeROI | None = None, is_example: bool = True) -> list[Figure]:
    """The topic's key figures (rows for :func:`~kbcore.views.figures.key_figures_table`).

    Participation rate, active members, members' share of sales, redemption rate, breakage,
    the programme's cost a year (example-labelled while the template's values are examples), the
    naive gap and the DiD per member, the relative uplift and the ROI. A figure whose data is
    absent says what it needs.
    """
    rows = []
    no = "loyalty" in kpis.missing
    gone = missing(need_key("loyalty"), lang)
    rows.append(Figure(t("loyalty_programme.kf.participation", lang),
                       gone if no else _pct(kpis.participation_rate, lang), "loyalty"))
    rows.append(Figure(t("loyalty_programme.kf.active", lang),
                       gone if no else f"{fmt_number(kpis.active_members, lang)} ({_pct(kpis.active_rate, lang)})",
                       "loyalty"))
    rows.append(Figure(t("loyalty_programme.kf.members_share", lang),
                       gone if no else _pct(kpis.members_share, lang), "loyalty"))
    for label, value, need in (("redemption", kpis.redemption_rate, "loyalty.points_redeemed"),
                               ("breakage", kpis.breakage, "loyalty.points_expired")):
        absent = [m for m in ("loyalty", "loyalty.points_earned", need) if m in kpis.missing]
        rows.append(Figure(t(f"loyalty_programme.kf.{label}", lang),
                           missing(need_key(absent[0]), lang) if absent else _pct(value, lang),
                           absent[0] if absent else need))
    if cost is not None:
        label = t("loyalty_programme.kf.cost", lang)
        label = example(label, lang) if is_example else label
        if _finite(cost.total) and not no:
            rows.append(Figure(label, _money(cost.total, lang, currency), "loyalty"))
        else:
            what = "loyalty" if no else (cost.missing or ("loyalty.points_redeemed",))[0]
            rows.append(Figure(label, missing(need_key(what), lang), what))
    if effect is not None:
        what = "loyalty" if "loyalty" in effect.missing else "effect"
        for key, value in (("naive", effect.naive), ("did", effect.did)):
            label = t(f"loyalty_programme.kf.{key}", lang, window=_months(effect.window, lang))
            rows.append(Figure(label, _money(value, lang, currency) if effect.n else missing(need_key(what), lang),
                               "loyalty"))
        rows.append(Figure(t("loyalty_programme.kf.uplift", lang),
                           _pct(effect.relative_uplift, lang) if effect.n and _finite(effect.relative_uplift)
                           else missing(need_key(what), lang), "loyalty"))
    if roi is not None:
        label = t("loyalty_programme.kf.roi", lang)
        label = example(label, lang) if is_example or roi.margin_assumed else label
        if _finite(roi.roi):
            rows.append(Figure(label, _pct(roi.roi, lang, 0), "loyalty"))
        else:
            what = roi.missing[0] if roi.missing else "effect"
            rows.append(Figure(label, missing(need_key(what), lang), what))
    return rows
