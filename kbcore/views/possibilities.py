"""Views of block 3 («Возможности клиентской базы»): CRM principles, the base as an asset, TBE.

The four CRM principles, the base as an asset, the manager who left — in words.

The analyses return ids and numbers: :mod:`kbcore.analyses.idic` (the IDIC principles measured on
the data), :mod:`kbcore.analyses.customer_equity` (customer equity by year-end and per client),
:mod:`kbcore.analyses.handover` (the clients a leaving manager handed over, against comparable
clients) and the questionnaire engine (:mod:`kbcore.analyses.assessment`). Here they become tables
with headers in people's words (catalogue ``b3.*``), sentences and key figures. A figure the data
cannot give reads "— (no data: needs …)"; a self-assessment score made from example answers says
"example" in every header, sentence and key figure.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kbcore.analyses.assessment import AssessmentResult
from kbcore.analyses.customer_equity import CustomerEquity
from kbcore.analyses.handover import GROUPS, HandoverEffect
from kbcore.analyses.idic import ALL, PRINCIPLES
from kbcore.analyses.lifecycle import STAGES
from kbcore.i18n import catalogue, fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.views.assessment import captioned
from kbcore.views.figures import MISSING_MARK, Figure
from kbcore.views.labels import short_person_name
from kbcore.views.lifecycle import stage_label

__all__ = [
    "SIMILAR",
    "need_text",
    "missing_text",
    "principle_label",
    "idic_compare",
    "weakest_principle",
    "largest_gap",
    "idic_table",
    "idic_summary",
    "detail_note",
    "differentiation_table",
    "interaction_table",
    "customisation_table",
    "equity_table",
    "equity_method",
    "equity_summary",
    "value_destroyers",
    "handover_summary",
    "handover_table",
    "handover_stages_table",
    "protection_table",
    "possibilities_figures",
]

SIMILAR = 0.05
"""Two shares of clients still buying closer than this (5 percentage points) read as "about the
same" in the handover's summary (our reading: the noise of a few dozen clients)."""


# --------------------------------------------------------------------------- missing data
def _ids(missing) -> list[str]:
    """Missing ids from a tuple, a comma-joined text, NA or None; ``needs.`` prefixes dropped."""
    if missing is None or missing is pd.NA or (isinstance(missing, float) and math.isnan(missing)):
        return []
    items = missing.split(",") if isinstance(missing, str) else list(missing)
    out = [str(i).strip().removeprefix("needs.") for i in items]
    return list(dict.fromkeys(i for i in out if i))


def _need_key(item: str) -> str:
    key = f"b3.need.{item}"
    if key in catalogue():
        return key
    head = item.split(".")[0]
    return f"b3.need.{head}" if f"b3.need.{head}" in catalogue() else "b3.need.data"


def need_text(missing, lang: str = "en") -> str:
    """What the data would need, in words: "the CRM history, the discount of each sales line"."""
    keys = list(dict.fromkeys(_need_key(i) for i in _ids(missing))) or ["b3.need.data"]
    return ", ".join(t(k, lang) for k in keys)


def missing_text(missing, lang: str = "en") -> str:
    """A value the data cannot give: "— (no data: needs <what>)"."""
    return t("kf.missing", lang, mark=MISSING_MARK, what=need_text(missing, lang))


# --------------------------------------------------------------------------- IDIC
def principle_label(principle: str, lang: str = "en") -> str:
    """The people's name of an IDIC principle ("Identify" / «Идентификация»)."""
    return t(f"b3.idic.{principle}", lang)


def idic_compare(data: pd.DataFrame, result: AssessmentResult | None) -> pd.DataFrame:
    """The data's score of each principle beside the self-assessment's score of its section.

    ``data`` is :func:`kbcore.analyses.idic.idic_measures`; ``result`` the assessment of the IDIC
    questionnaire, whose sections are the principles. Returns ``principle, data, self,
    difference, missing`` with ``difference = self − data`` (NaN when either is unknown).
    """
    scores = data.set_index("principle")
    own = pd.Series(dtype="float64")
    if result is not None:
        own = result.sections.set_index("section")["score"].astype("float64")
    out = pd.DataFrame({"principle": list(PRINCIPLES)})
    out["data"] = [float(scores.at[p, "score"]) if p in scores.index else np.nan for p in PRINCIPLES]
    out["self"] = [float(own.get(p, np.nan)) for p in PRINCIPLES]
    out["difference"] = out["self"] - out["data"]
    out["missing"] = [scores.at[p, "missing"] if p in scores.index else pd.NA for p in PRINCIPLES]
    return out


def weakest_principle(compare: pd.DataFrame) -> str | None:
    """The principle with the lowest data score (the first in IDIC order on a tie); None if none."""
    known = compare.dropna(subset=["data"])
    return None if known.empty else str(known.loc[known["data"].idxmin(), "principle"])


def largest_gap(compare: pd.DataFrame) -> str | None:
    """The principle where the self-assessment and the data differ most (|self − data|)."""
    known = compare.dropna(subset=["difference"])
    return None if known.empty else str(known.loc[known["difference"].abs().idxmax(), "principle"])


def _times(value, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if math.isinf(value):
        return t("b3.idic.only_a", lang)
    return t("b3.times", lang, x=fmt_number(value, lang, 1))


def _measured(row, lang: str) -> str:
    """What the data measured for one principle, in words with its numbers."""
    p = row["principle"]
    if p == "identify":
        if pd.isna(row["value"]):
            return missing_text(row["missing"], lang)
        return t("b3.idic.m.identify", lang, fill=fmt_pct(row["value"], lang),
                 complete=fmt_pct(row["value_2"], lang))
    if p == "differentiate":
        if pd.isna(row["value"]) and pd.isna(row["value_2"]):
            return missing_text(row["missing"], lang)
        return t("b3.idic.m.differentiate", lang, contact=_times(row["value"], lang),
                 discount=_times(row["value_2"], lang))
    if p == "interact":
        if pd.isna(row["value"]):
            return missing_text(row["missing"], lang)
        return t("b3.idic.m.interact", lang, share=fmt_pct(row["value"], lang),
                 days=fmt_number(row["value_2"], lang))
    if pd.isna(row["score"]):
        return missing_text(row["missing"], lang)
    return t("b3.idic.m.customise", lang, segments=tn("b3.segments", int(row["value"]), lang),
             cv=fmt_pct(row["value_2"], lang))


def idic_table(compare: pd.DataFrame, data: pd.DataFrame, lang: str = "en", *,
               source: str = "saved") -> pd.DataFrame:
    """One row per principle: what the data measured, its score, the self-assessment, the difference."""
    by = data.set_index("principle")
    rows = [by.loc[p].to_dict() | {"principle": p} for p in compare["principle"]]
    own = captioned(t("b3.h.self", lang), source, lang)
    return pd.DataFrame({
        t("b3.h.principle", lang): [principle_label(p, lang) for p in compare["principle"]],
        t("b3.h.measured", lang): [_measured(r, lang) for r in rows],
        t("b3.h.data_score", lang): [fmt_pct(v, lang) for v in compare["data"]],
        own: [fmt_pct(v, lang) for v in compare["self"]],
        captioned(t("b3.h.difference", lang), source, lang): [
            _points(v, lang) for v in compare["difference"]],
    })


def _points(value, lang: str) -> str:
    """A difference of two shares in percentage points, signed: "+12 п. п."."""
    if pd.isna(value):
        return "—"
    sign = "+" if value > 0 else ""
    return t("b3.pp", lang, n=sign + fmt_number(value * 100, lang))


def idic_summary(compare: pd.DataFrame, lang: str = "en", *, source: str = "saved") -> str:
    """Two sentences: the weakest principle in the data, and where the self-assessment differs most."""
    weak = weakest_principle(compare)
    known = int(compare["data"].notna().sum())
    if weak is None:
        parts = [t("b3.idic.none_measured", lang)]
    else:
        score = float(compare.set_index("principle").at[weak, "data"])
        parts = [t("b3.idic.weakest", lang, principle=principle_label(weak, lang), score=fmt_pct(score, lang),
                   measured=t("b3.idic.measured_of", lang, n=known, total=len(PRINCIPLES)))]
    gap = largest_gap(compare)
    if gap is not None:
        row = compare.set_index("principle").loc[gap]
        key = "b3.idic.gap_self_higher" if row["difference"] > 0 else "b3.idic.gap_self_lower"
        sentence = t(key, lang, principle=principle_label(gap, lang), own=fmt_pct(row["self"], lang),
                     data=fmt_pct(row["data"], lang))
        parts.append(captioned(sentence, source, lang) if source == "example" else sentence)
    return " ".join(parts)


def _class(value, lang: str) -> str:
    return t("b3.all_clients", lang) if value == ALL else str(value)


def _cells(values, fmt, lang: str) -> list[str]:
    return [fmt(v) if pd.notna(v) else "—" for v in values]


def detail_note(detail: pd.DataFrame, lang: str = "en") -> str | None:
    """A sentence when part of a detail table cannot be filled (its ``attrs["missing"]``), else None."""
    gaps = _ids(detail.attrs.get("missing", ()))
    return t("b3.detail.needs", lang, what=need_text(gaps, lang)) if gaps else None


def differentiation_table(diff: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Differentiate: per ABC class the clients, revenue, discount rate, CRM records and visits a year."""
    return pd.DataFrame({
        t("b3.h.class", lang): [_class(v, lang) for v in diff["abc"]],
        t("b3.h.clients", lang): _cells(diff["clients"], lambda v: fmt_number(v, lang), lang),
        t("b3.h.revenue_12m", lang): _cells(diff["revenue"], lambda v: fmt_money(v, lang), lang),
        t("b3.h.discount_rate", lang): _cells(diff["discount_rate"], lambda v: fmt_pct(v, lang, 1), lang),
        t("b3.h.records_per_year", lang): _cells(diff["records_per_year"], lambda v: fmt_number(v, lang, 1), lang),
        t("b3.h.visits_per_year", lang): _cells(diff["visits_per_year"], lambda v: fmt_number(v, lang, 1), lang),
    })


def interaction_table(inter: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Interact: per ABC class the share of clients and of revenue in dialogue, recency, never contacted."""
    return pd.DataFrame({
        t("b3.h.class", lang): [_class(v, lang) for v in inter["abc"]],
        t("b3.h.clients", lang): _cells(inter["clients"], lambda v: fmt_number(v, lang), lang),
        t("b3.h.coverage", lang): _cells(inter["coverage"], lambda v: fmt_pct(v, lang), lang),
        t("b3.h.revenue_covered", lang): _cells(inter["revenue_covered_share"], lambda v: fmt_pct(v, lang, 1), lang),
        t("b3.h.median_days", lang): _cells(inter["median_days_since"], lambda v: fmt_number(v, lang), lang),
        t("b3.h.never", lang): _cells(inter["never"], lambda v: fmt_number(v, lang), lang),
    })


def customisation_table(cust: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Customise: per segment the categories bought per client, discount rate and payment terms."""
    return pd.DataFrame({
        t("b3.h.segment", lang): [_class(v, lang) for v in cust["segment"]],
        t("b3.h.clients", lang): _cells(cust["clients"], lambda v: fmt_number(v, lang), lang),
        t("b3.h.categories", lang): _cells(cust["categories_per_client"], lambda v: fmt_number(v, lang, 1), lang),
        t("b3.h.discount_rate", lang): _cells(cust["discount_rate"], lambda v: fmt_pct(v, lang, 1), lang),
        t("b3.h.terms_mean", lang): _cells(cust["terms_mean"], lambda v: fmt_number(v, lang), lang),
        t("b3.h.terms_std", lang): _cells(cust["terms_std"], lambda v: fmt_number(v, lang), lang),
    })


# --------------------------------------------------------------------------- customer equity
def equity_table(ce: CustomerEquity, lang: str = "en") -> pd.DataFrame:
    """Customer equity at each year-end: clients, retention, multiplier, profit, equity, change."""
    y = ce.by_year
    no_cost = "cost" in ce.missing
    money = (lambda v: missing_text("sales.cost", lang)) if no_cost else (
        lambda v: fmt_money(v, lang) if pd.notna(v) else t("b3.not_measured", lang))
    return pd.DataFrame({
        t("b3.h.year_end", lang): [fmt_date(d, lang) for d in y["as_of"]],
        t("b3.h.clients", lang): [fmt_number(v, lang) for v in y["clients"]],
        t("b3.h.retention", lang): [fmt_pct(v, lang) if pd.notna(v) else t("b3.not_measured", lang)
                                    for v in y["retention"]],
        t("b3.h.multiplier", lang): [fmt_number(v, lang, 2) for v in y["multiplier"]],
        t("b3.h.annual_profit", lang): [money(v) if no_cost else fmt_money(v, lang) for v in y["annual_profit"]],
        t("b3.h.equity", lang): [money(v) for v in y["equity"]],
        t("b3.h.equity_positive", lang): [money(v) for v in y["equity_positive"]],
        t("b3.h.equity_change", lang): [money(v) if pd.notna(v) or no_cost else "—" for v in y["equity_change"]],
    })


def equity_method(ce: CustomerEquity, lang: str = "en") -> str:
    """The method in words, with this run's horizon and discount rate (Markdown)."""
    by = t("b3.equity.by_segment", lang) if ce.retention_by == "segment" else t("b3.equity.overall", lang)
    return t("b3.equity.method", lang, years=tn("b3.years", ce.horizon_years, lang),
             rate=fmt_pct(ce.discount_rate, lang, 1), retention=by)


def equity_summary(ce: CustomerEquity, lang: str = "en") -> str:
    """The value of the base at the last year-end, its change, and the clients that destroy value."""
    y = ce.by_year.dropna(subset=["equity"])
    if "cost" in ce.missing:
        return t("b3.equity.no_cost", lang, what=need_text("sales.cost", lang))
    if y.empty:
        return t("b3.equity.no_retention", lang)
    last = y.iloc[-1]
    parts = [t("b3.equity.value", lang, date=fmt_date(last["as_of"], lang), equity=fmt_money(last["equity"], lang),
               positive=fmt_money(last["equity_positive"], lang))]
    if pd.notna(last["equity_change"]):
        key = ("b3.equity.flat" if abs(last["equity_change"]) < 0.5 else
               "b3.equity.up" if last["equity_change"] > 0 else "b3.equity.down")
        parts.append(t(key, lang, change=fmt_money(abs(last["equity_change"]), lang)))
    clv = ce.clients["clv"]
    negative = clv < 0
    if negative.any():
        parts.append(t("b3.equity.destroyers", lang, n=t("b3.clients_of", lang, n=fmt_number(int(negative.sum()), lang),
                                                           total=fmt_number(len(clv), lang)),
                       value=fmt_money(-clv[negative].sum(), lang)))
    return " ".join(parts)


def value_destroyers(ce: CustomerEquity, clients: pd.DataFrame | None = None, lang: str = "en", *,
                     top: int = 10) -> pd.DataFrame:
    """The ``top`` clients with the most negative value (CLV), worst first, with their names."""
    c = ce.clients.loc[ce.clients["clv"] < 0].sort_values("clv", kind="mergesort").head(top)
    names = pd.Series(dtype="string")
    if clients is not None and {"client_id", "name"} <= set(clients.columns):
        keyed = clients.assign(_id=clients["client_id"].astype("string").str.strip())
        names = keyed.drop_duplicates("_id").set_index("_id")["name"]
    return pd.DataFrame({
        t("b3.h.client", lang): c["client_id"].astype("string").to_numpy(),
        t("b3.h.name", lang): [str(names.get(i, "")) if pd.notna(names.get(i, pd.NA)) else ""
                               for i in c["client_id"]],
        t("b3.h.segment", lang): [str(s) if pd.notna(s) else "—" for s in c["segment"]],
        t("b3.h.annual_profit", lang): [fmt_money(v, lang) for v in c["annual_profit"]],
        t("b3.h.clv", lang): [fmt_money(v, lang) for v in c["clv"]],
    })


# --------------------------------------------------------------------------- the manager who left
def _group(group: str, lang: str) -> str:
    return t(f"b3.group.{group}", lang)


def _handover_gap(h: HandoverEffect) -> list[str]:
    """What stops the handover comparison: no manager in the sales, a period too short, or nobody left."""
    return [m for m in h.missing if m in ("manager", "period")][:1] or ["departure"]


def handover_summary(h: HandoverEffect, lang: str = "en") -> str:
    """Who left, when, how many clients were handed over, and how they fared beside comparable ones."""
    if h.manager is None:
        return t("b3.handover.none", lang, what=need_text(_handover_gap(h), lang))
    g = h.groups.set_index("group")
    mine, comp = g.loc[GROUPS[0]], g.loc[GROUPS[1]]
    parts = [t("b3.handover.who", lang, manager=short_person_name(h.manager), date=fmt_date(h.date, lang),
               clients=tn("b3.clients", int(mine["clients"]), lang), end=fmt_date(h.after_end, lang))]
    if mine["clients"] == 0 or comp["clients"] == 0:
        parts.append(t("b3.handover.no_comparison", lang))
        return " ".join(parts)
    diff = mine["still_buying_share"] - comp["still_buying_share"]
    key = ("b3.handover.same" if abs(diff) < SIMILAR else
           "b3.handover.better" if diff > 0 else "b3.handover.worse")
    parts.append(t(key, lang, mine=fmt_pct(mine["still_buying_share"], lang),
                   comparable=fmt_pct(comp["still_buying_share"], lang),
                   expected=fmt_pct(h.expected_still_buying, lang)))
    parts.append(t("b3.handover.revenue", lang, mine=fmt_pct(mine["revenue_ratio"], lang),
                   comparable=fmt_pct(comp["revenue_ratio"], lang)))
    if "window" in h.missing:
        parts.append(t("b3.handover.short_window", lang))
    parts.append(t("b3.handover.not_cause", lang))
    return " ".join(parts)


def handover_table(h: HandoverEffect, lang: str = "en") -> pd.DataFrame:
    """The two groups side by side: clients, revenue before and after, still buying, lost."""
    g = h.groups
    return pd.DataFrame({
        t("b3.h.group", lang): [_group(x, lang) for x in g["group"]],
        t("b3.h.clients", lang): [fmt_number(v, lang) for v in g["clients"]],
        t("b3.h.revenue_before", lang): [fmt_money(v, lang) for v in g["revenue_before"]],
        t("b3.h.revenue_after", lang): [fmt_money(v, lang) for v in g["revenue_after"]],
        t("b3.h.revenue_ratio", lang): [fmt_pct(v, lang) for v in g["revenue_ratio"]],
        t("b3.h.still_buying", lang): [fmt_pct(v, lang) for v in g["still_buying_share"]],
        t("b3.h.churn", lang): [fmt_pct(v, lang) for v in g["churn_share"]],
    })


def handover_stages_table(h: HandoverEffect, lang: str = "en") -> pd.DataFrame:
    """Lifecycle stages of both groups on the handover day and a window later (clients per stage)."""
    s = h.stages
    wide = s.pivot(index="stage", columns="group", values=["at_date", "after"]).reindex(list(STAGES))
    day, end = fmt_date(h.date, lang), fmt_date(h.after_end, lang)
    out = {t("b3.h.stage", lang): [stage_label(x, lang) for x in wide.index]}
    for group in GROUPS:
        out[t("b3.h.stage_at", lang, group=_group(group, lang), date=day)] = [
            fmt_number(v, lang) for v in wide[("at_date", group)]]
        out[t("b3.h.stage_at", lang, group=_group(group, lang), date=end)] = [
            fmt_number(v, lang) for v in wide[("after", group)]]
    return pd.DataFrame(out)


def protection_table(h: HandoverEffect, lang: str = "en") -> pd.DataFrame:
    """The handed-over clients split by the knowledge recorded about them before the handover."""
    p = h.protection
    return pd.DataFrame({
        t("b3.h.knowledge", lang): [t(f"b3.knowledge.{k}", lang) for k in p["knowledge"]],
        t("b3.h.clients", lang): [fmt_number(v, lang) for v in p["clients"]],
        t("b3.h.median_knowledge", lang): [fmt_number(v, lang) for v in p["median_knowledge"]],
        t("b3.h.still_buying", lang): [fmt_pct(v, lang) for v in p["still_buying_share"]],
        t("b3.h.revenue_ratio", lang): [fmt_pct(v, lang) for v in p["revenue_ratio"]],
    })


# --------------------------------------------------------------------------- key figures
def possibilities_figures(poss: AssessmentResult, compare: pd.DataFrame, ce: CustomerEquity,
                          h: HandoverEffect, lang: str = "en", *, poss_source: str = "saved",
                          idic_source: str = "saved") -> list[Figure]:
    """Block 3's key figures: possibilities used, IDIC in the data and the gap, equity, the handover."""
    used = (fmt_pct(poss.overall, lang) if not math.isnan(poss.overall) else t("assess.nothing_answered", lang))
    figures = [Figure(captioned(t("b3.kf.used", lang), poss_source, lang), used)]
    weak = weakest_principle(compare)
    if weak is None:
        figures.append(Figure(t("b3.kf.weakest", lang), missing_text(compare["missing"].iloc[0], lang), "clients"))
    else:
        score = float(compare.set_index("principle").at[weak, "data"])
        figures.append(Figure(t("b3.kf.weakest", lang), f"{principle_label(weak, lang)} — {fmt_pct(score, lang)}"))
    gap = largest_gap(compare)
    label = captioned(t("b3.kf.gap", lang), idic_source, lang)
    if gap is None:
        figures.append(Figure(label, missing_text(compare["missing"].dropna().iloc[0] if compare["missing"].notna().any()
                                                  else "data", lang), "interactions"))
    else:
        diff = float(compare.set_index("principle").at[gap, "difference"])
        figures.append(Figure(label, f"{principle_label(gap, lang)}: {_points(diff, lang)}"))
    y = ce.by_year.dropna(subset=["equity"])
    if "cost" in ce.missing:
        figures.append(Figure(t("b3.kf.equity", lang), missing_text("sales.cost", lang), "sales.cost"))
    elif y.empty:
        figures.append(Figure(t("b3.kf.equity", lang), t("b3.not_measured", lang)))
    else:
        last = y.iloc[-1]
        value = fmt_money(last["equity"], lang)
        if pd.notna(last["equity_change"]):
            value += " (" + t("b3.kf.change", lang, change=fmt_money(last["equity_change"], lang)) + ")"
        figures.append(Figure(t("b3.kf.equity_at", lang, date=fmt_date(last["as_of"], lang)), value))
        negative = int((ce.clients["clv"] < 0).sum())
        figures.append(Figure(t("b3.kf.destroyers", lang),
                              t("b3.clients_of", lang, n=fmt_number(negative, lang), total=fmt_number(len(ce.clients), lang))))
    if h.manager is None or h.groups.empty:
        figures.append(Figure(t("b3.kf.handover", lang), missing_text(_handover_gap(h), lang), "sales.manager"))
    else:
        g = h.groups.set_index("group")["still_buying_share"]
        figures.append(Figure(t("b3.kf.handover", lang), t("b3.kf.handover_value", lang,
                                                            mine=fmt_pct(g[GROUPS[0]], lang),
                                                            comparable=fmt_pct(g[GROUPS[1]], lang))))
    return figures
