"""Views of topic 9 (program 004): incentive plans in a person's words.

The analysis (:mod:`kbcore.analyses.incentives`) returns numbers and ids; here they become
tables with headers from the catalogue (``incentives.*``), money through ``fmt_money`` with the
company's currency, shares through ``fmt_pct``, counts through ``tn``, the plan described in a
sentence, notes, and the topic's key figures. What the data did not allow is written as missing,
never as a number.
"""

from __future__ import annotations

import math

import pandas as pd

from kbcore.analyses.incentives import Plan, yearly_pay
from kbcore.i18n import fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.views.figures import Figure, example, missing

__all__ = [
    "NEEDS",
    "need_key",
    "kpi_label",
    "plan_label",
    "plan_text",
    "results_note",
    "results_table",
    "coverage_text",
    "payout_table",
    "comparison_table",
    "quota_text",
    "fairness_text",
    "attainment_table",
    "fairness_table",
    "flags_table",
    "flags_text",
    "incentives_figures",
]

NEEDS = {
    "sales.manager": "incentives.need.manager",
    "sales.cost": "incentives.need.cost",
    "products.is_target": "incentives.need.is_target",
    "products.unit": "incentives.need.units",
    "units.mixed": "incentives.need.units",
    "sales.quantity": "incentives.need.units",
    "sales.product_id": "incentives.need.is_target",
    "staff": "incentives.need.staff",
    "staff.base_pay": "incentives.need.base_pay",
    "targets": "incentives.need.targets",
    "clients.potential": "incentives.need.potential",
    "market": "incentives.need.potential",
}
"""The catalogue id (a ``need.*`` text) of each missing input id of the analyses."""

_SUMMARY_ROWS = ("managers", "manager_periods", "revenue", "base_pay", "variable_pay", "total_pay",
                 "cost_of_sales", "variable_to_revenue", "at_quota", "pay_rho", "top_to_median",
                 "max_to_median", "fairness_rho")
_MONEY = {"revenue", "base_pay", "variable_pay", "total_pay", "top_performer_pay", "median_pay"}
_PCT = {"cost_of_sales": 2, "variable_to_revenue": 2, "at_quota": 0}
_RATIO = {"pay_rho", "fairness_rho", "fairness_per_target_rho", "top_to_median", "max_to_median"}


def need_key(missing_id: str) -> str:
    """The catalogue id that names a missing input (``"staff"`` → its ``need`` text)."""
    return NEEDS.get(missing_id, "incentives.need.targets")


def _frame(columns: dict[str, list], lang: str) -> pd.DataFrame:
    return pd.DataFrame({t(f"incentives.col.{k}", lang): pd.array(v, dtype="string")
                         for k, v in columns.items()})


def _na(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _pct(value, lang: str, digits: int = 0) -> str:
    return fmt_pct(value, lang, digits)


def _times(value, lang: str) -> str:
    return "—" if _na(value) else t("incentives.times", lang, x=fmt_number(value, lang, 1))


def _managers(n, lang: str) -> str:
    return tn("incentives.count.managers", int(n), lang)


# --------------------------------------------------------------------------- labels
def kpi_label(kpi: str, lang: str = "en") -> str:
    """A KPI id in words ("revenue", "new clients" …)."""
    return t(f"incentives.kpi.{kpi}", lang)


def plan_label(plan: Plan, lang: str = "en") -> str:
    """The plan's name, marked "(example)" while its numbers are an illustration."""
    return example(plan.label(lang), lang) if plan.example else plan.label(lang)


def plan_text(plan: Plan, lang: str = "en", *, currency: str = "EUR") -> str:
    """The plan's mechanics in one sentence: KPIs and weights, incentive, curve, cap, contest, pool."""
    kpis = ", ".join(f"{kpi_label(k, lang)} {_pct(w, lang)}" for k, w in plan.weights.items())
    parts = [t("incentives.describe.kpis", lang, kpis=kpis)]
    if plan.mechanic == "quota":
        ti = (t("incentives.describe.ti_share", lang, share=_pct(plan.target_incentive, lang))
              if plan.incentive_basis == "share_of_base"
              else t("incentives.describe.ti_amount", lang,
                     amount=fmt_money(plan.target_incentive, lang, currency=currency)))
        parts.append(t("incentives.describe.quota", lang, ti=ti, threshold=_pct(plan.threshold, lang),
                       floor=_pct(plan.payout_at_threshold, lang),
                       accelerator=fmt_number(plan.accelerator, lang, 1)))
    elif plan.mechanic == "commission":
        rates = ", ".join(f"{_pct(r, lang, 2)} · {kpi_label(k, lang)}" for k, r in plan.rates.items())
        parts.append(t("incentives.describe.commission", lang, rates=rates))
    if plan.mechanic != "none":
        if plan.cap_kind is None:
            parts.append(t("incentives.describe.cap.none", lang))
        elif plan.cap_kind == "attainment":
            parts.append(t("incentives.describe.cap.attainment", lang, value=_pct(plan.cap, lang)))
        elif plan.cap_kind == "multiple":
            parts.append(t("incentives.describe.cap.multiple", lang, value=fmt_number(plan.cap, lang, 1)))
        else:
            parts.append(t("incentives.describe.cap.amount_per_month", lang,
                           value=fmt_money(plan.cap, lang, currency=currency)))
    if plan.contest is not None:
        c = plan.contest
        prizes = " / ".join(fmt_number(p, lang, 1) if c.prizes_in == "base_pay"
                            else fmt_money(p, lang, currency=currency) for p in c.prizes)
        parts.append(t(f"incentives.describe.contest.{c.prizes_in}", lang, prizes=prizes,
                       kpi=kpi_label(c.kpi, lang), every=t(f"incentives.every.{c.every}", lang)))
    if plan.pool is not None:
        p = plan.pool
        parts.append(t("incentives.describe.pool", lang, share=_pct(p.share, lang, 1),
                       level=t(f"incentives.level.{p.level}", lang), kpi=kpi_label(p.kpi, lang),
                       base=t(f"incentives.base.{p.base}", lang),
                       split=t(f"incentives.split.{p.split}", lang)))
    return "; ".join(parts) + "."


# --------------------------------------------------------------------------- notes and tables
def results_note(results: pd.DataFrame, lang: str = "en") -> str:
    """What the results cover: managers, periods, how the targets were found, what is missing."""
    if results.empty:
        why = [m for m in results.attrs.get("missing", ()) if m in NEEDS] or ["sales.manager"]
        why = ["sales.manager"] if "sales.manager" in why else why
        return missing(need_key(why[0]), lang)
    periods = sorted(results["period"].dropna().unique())
    text = t("incentives.note.results", lang, managers=_managers(results["manager"].nunique(), lang),
             freq=t(f"incentives.freq.{results.attrs.get('freq', 'quarter')}", lang),
             first=periods[0], last=periods[-1])
    sources = results.attrs.get("target_sources", {})
    if sources.get("pro_rata"):
        text += " " + t("incentives.note.pro_rata", lang)
    for m in results.attrs.get("missing", ()):
        if m in NEEDS:
            text += " " + t("incentives.note.needs", lang, what=t(need_key(m), lang))
    return text


def coverage_text(coverage: pd.Series, lang: str = "en", *, currency: str = "EUR") -> str:
    """:func:`~kbcore.analyses.incentives.revenue_coverage` in one sentence."""
    if _na(coverage["share"]):
        return missing("incentives.need.manager", lang)
    key = "incentives.note.coverage_all" if coverage["share"] >= 0.995 else "incentives.note.coverage"
    return t(key, lang, managers=fmt_money(coverage["managers_revenue"], lang, currency=currency),
             company=fmt_money(coverage["company_revenue"], lang, currency=currency),
             share=_pct(coverage["share"], lang), first=coverage.attrs.get("first"),
             last=coverage.attrs.get("last"))


def results_table(results: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                  period: str | None = None, kpis=("revenue", "new_clients")) -> pd.DataFrame:
    """One period's results per manager: actual, target and attainment of ``kpis``."""
    rows = results if period is None else results.loc[results["period"] == period]
    cols = {"manager": list(rows["manager"]), "period": list(rows["period"])}
    for k in kpis:
        money = k in ("revenue", "gross_margin", "target_products_revenue")
        digits = 0 if k == "new_clients" else 1

        def fmt(v, money=money, digits=digits):
            return fmt_money(v, lang, currency=currency) if money else fmt_number(v, lang, digits)
        cols[f"actual_{k}"] = [fmt(v) for v in rows[k]]
        cols[f"target_{k}"] = [fmt(v) for v in rows[f"{k}_target"]]
        cols[f"attainment_{k}"] = [_pct(v, lang) for v in rows[f"{k}_attainment"]]
    out = pd.DataFrame({_col_name(c, lang): pd.array(v, dtype="string") for c, v in cols.items()})
    return out


def _col_name(key: str, lang: str) -> str:
    for prefix in ("actual_", "target_", "attainment_"):
        if key.startswith(prefix):
            return t(f"incentives.col.kpi_{prefix[:-1]}", lang, kpi=kpi_label(key[len(prefix):], lang))
    return t(f"incentives.col.{key}", lang)


def payout_table(payouts: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                 year: str | None = None) -> pd.DataFrame:
    """A plan's pay per manager (a year, or the whole history), the highest pay first."""
    per = yearly_pay(payouts)
    if year is not None:
        per = per.loc[per["year"] == str(year)]
    per = per.sort_values(["pay_per_month", "manager"], ascending=[False, True], kind="mergesort")
    return _frame({
        "manager": list(per["manager"]), "team": list(per["team"]), "year": list(per["year"]),
        "attainment": [_pct(v, lang) for v in per["attainment"]],
        "base_pay": [fmt_money(v, lang, currency=currency) for v in per["base_pay"]],
        "variable_pay": [fmt_money(v, lang, currency=currency) for v in per["variable_pay"]],
        "pay_per_month": [fmt_money(v, lang, currency=currency) for v in per["pay_per_month"]],
        "total_pay": [fmt_money(v, lang, currency=currency) for v in per["total_pay"]],
    }, lang)


def _summary_value(field: str, value, lang: str, currency: str) -> str:
    if field in _MONEY:
        return fmt_money(value, lang, currency=currency)
    if field in _PCT:
        return _pct(value, lang, _PCT[field])
    if field in ("top_to_median", "max_to_median"):
        return _times(value, lang)
    if field in _RATIO:
        return "—" if _na(value) else fmt_number(value, lang, 2)
    return "—" if _na(value) else fmt_number(value, lang)


def comparison_table(comparison: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                     fields=_SUMMARY_ROWS) -> pd.DataFrame:
    """The plans side by side: one row per figure, one column per plan (its name)."""
    plans = comparison.attrs.get("plans", {})
    out = {t("incentives.col.figure", lang): [t(f"incentives.sum.{f}", lang) for f in fields]}
    for _, row in comparison.iterrows():
        plan = plans.get(row["plan"])
        name = plan.label(lang) if plan is not None else str(row["plan"])
        out[name] = [_summary_value(f, row[f], lang, currency) for f in fields]
    return pd.DataFrame({k: pd.array(v, dtype="string") for k, v in out.items()})


def quota_text(summary: pd.Series, lang: str = "en", *, quota_band=(0.6, 0.7)) -> str:
    """The share at quota against the rule of thumb: too easy, about right or too hard."""
    s = summary["at_quota"]
    if _na(s):
        return missing("incentives.need.targets", lang)
    lo, hi = quota_band
    verdict = "low" if s < lo - 1e-9 else "high" if s > hi + 1e-9 else "ok"
    return t(f"incentives.quota.{verdict}", lang, share=_pct(s, lang), lo=_pct(lo, lang), hi=_pct(hi, lang))


def _strength(rho: float) -> str:
    a = abs(rho)
    return "none" if a < 0.1 else "weak" if a < 0.3 else "moderate" if a < 0.5 else "strong"


def fairness_text(summary: pd.Series, lang: str = "en", *, alpha: float = 0.05,
                  per_target: bool = False) -> str:
    """Attainment against territory potential in one sentence (what the potential was taken from).

    ``per_target``: against the potential per unit of the yearly revenue target (the summary's
    ``fairness_per_target_rho``) instead of the potential itself.
    """
    basis = summary.attrs.get("basis")
    field = "fairness_per_target" if per_target else "fairness"
    rho, p = summary[f"{field}_rho"], summary[f"{field}_p"]
    if basis is None:
        return missing("incentives.need.potential", lang)
    if _na(rho):
        return t("incentives.fair.too_few", lang)
    words = t(f"incentives.basis.{basis.replace('.', '_')}", lang)
    if per_target:
        words = t("incentives.basis.per_target", lang, basis=words)
    return t("incentives.fair.text", lang, basis=words,
             strength=t(f"incentives.strength.{_strength(rho)}", lang), rho=fmt_number(rho, lang, 2),
             p=fmt_number(p, lang, 3),
             verdict=t("incentives.fair.rich" if rho > 0 and p < alpha else
                       "incentives.fair.poor" if rho < 0 and p < alpha else "incentives.fair.none", lang))


def attainment_table(results: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                     kpi: str = "revenue", years=None) -> pd.DataFrame:
    """Each manager's attainment of one KPI per period, with his team and monthly base pay.

    One row per manager (sorted by team, then name), one column per period of ``years`` (all
    when None): actual / target of ``kpi`` as a percentage; "—" where there was no target.
    """
    rows = results
    if years is not None:
        keep = {str(y) for y in years}
        rows = rows.loc[rows["period"].astype(str).str.slice(0, 4).isin(keep)]
    col = f"{kpi}_attainment"
    if rows.empty or col not in rows.columns:
        return _frame({"manager": [], "team": [], "base_pay_month": []}, lang)
    wide = rows.pivot_table(index="manager", columns="period", values=col, aggfunc="first",
                            dropna=False)
    info = rows.groupby("manager")[["team", "base_pay"]].last().reindex(wide.index)
    order = sorted(wide.index, key=lambda m: (str(info.loc[m, "team"]), str(m)))
    out = {t("incentives.col.manager", lang): [str(m) for m in order],
           t("incentives.col.team", lang): ["—" if pd.isna(info.loc[m, "team"]) else str(info.loc[m, "team"])
                                             for m in order],
           t("incentives.col.base_pay_month", lang): [fmt_money(info.loc[m, "base_pay"], lang, currency=currency)
                                                      for m in order]}
    for period in sorted(wide.columns):
        out[str(period)] = [_pct(wide.loc[m, period], lang) for m in order]
    return pd.DataFrame({k: pd.array(v, dtype="string") for k, v in out.items()})


def fairness_table(fairness: pd.DataFrame, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """:func:`~kbcore.analyses.incentives.territory_fairness` in words."""
    return _frame({
        "manager": list(fairness["manager"]), "team": list(fairness["team"]),
        "revenue_attainment": [_pct(v, lang) for v in fairness["revenue_attainment"]],
        "potential": [fmt_money(v, lang, currency=currency) for v in fairness["potential"]],
        "yearly_target": [fmt_money(v, lang, currency=currency) for v in fairness["yearly_target"]],
        "potential_per_target": [_times(v, lang) for v in fairness["potential_per_target"]],
    }, lang)


def flags_table(flags: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                only_flagged: bool = False) -> pd.DataFrame:
    """:func:`~kbcore.analyses.incentives.overpay_flags` in words."""
    f = flags.loc[flags["flagged"]] if only_flagged else flags
    return _frame({
        "manager": list(f["manager"]), "year": list(f["year"]),
        "pay_per_month": [fmt_money(v, lang, currency=currency) for v in f["pay_per_month"]],
        "multiple": [_times(v, lang) for v in f["multiple"]],
        "revenue_attainment": [_pct(v, lang) for v in f["revenue_attainment"]],
        "top_client_share": [_pct(v, lang) for v in f["top_client_share"]],
        "top_growth_share": [_pct(v, lang) for v in f["top_growth_share"]],
        "flagged": [t(f"incentives.reason.{r}", lang) if fl else t("incentives.reason.none", lang)
                    for fl, r in zip(f["flagged"], f["reason"], strict=True)],
    }, lang)


def flags_text(flags: pd.DataFrame, lang: str = "en", *, k: float = 2.0) -> str:
    """The flagged managers in one sentence, or that the plan pays no windfall."""
    f = flags.loc[flags["flagged"]]
    if f.empty:
        return t("incentives.flags.none", lang, k=fmt_number(k, lang, 1))
    names = ", ".join(f"{m} ({y}, {_times(x, lang)})" for m, y, x in zip(
        f["manager"], f["year"], f["multiple"], strict=True))
    return t("incentives.flags.some", lang, managers=names, k=fmt_number(k, lang, 1))


# --------------------------------------------------------------------------- key figures
def incentives_figures(comparison: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                       results: pd.DataFrame | None = None,
                       flags: pd.DataFrame | None = None) -> list[Figure]:
    """The topic's key figures: per plan its cost, share at quota and highest pay; fairness; windfalls.

    Per plan the cost of sales, the share at quota and the highest pay against the median; the
    link of attainment to territory potential; the flagged windfalls. The plans are examples until the trainer sets the company's own: each label says so.
    """
    rows = []
    plans = comparison.attrs.get("plans", {})
    if results is not None and results.empty:
        why = [m for m in results.attrs.get("missing", ()) if m in NEEDS] or ["sales.manager"]
        why = ["sales.manager"] if "sales.manager" in why else why
        return [Figure(t("incentives.kf.plans", lang), missing(need_key(why[0]), lang), why[0])]
    for _, row in comparison.iterrows():
        plan = plans.get(row["plan"])
        name = plan_label(plan, lang) if plan is not None else str(row["plan"])
        if _na(row["at_quota"]):
            rows.append(Figure(t("incentives.kf.plan", lang, plan=name),
                               missing("incentives.need.targets", lang), "targets"))
            continue
        value = t("incentives.kf.plan_value", lang, cost=_pct(row["cost_of_sales"], lang, 1),
                  at_quota=_pct(row["at_quota"], lang), max=_times(row["max_to_median"], lang))
        rows.append(Figure(t("incentives.kf.plan", lang, plan=name), value, "targets"))
    fair = comparison["fairness_rho"].dropna() if len(comparison) else pd.Series(dtype=float)
    label = t("incentives.kf.fairness", lang)
    if comparison.attrs.get("basis") is None:
        rows.append(Figure(label, missing("incentives.need.potential", lang), "clients.potential"))
    else:
        rows.append(Figure(label, fmt_number(fair.iloc[0], lang, 2) if len(fair) else "—",
                           "clients.potential"))
    if flags is not None:
        f = flags.loc[flags["flagged"]]
        rows.append(Figure(t("incentives.kf.flagged", lang),
                           _managers(len(f), lang) if len(f) else t("incentives.kf.no_flags", lang)))
    return rows
