"""Views of topic 6 (program 004): the segmentation scorecard in a person's words.

The analysis (:mod:`kbcore.analyses.segment_profit`) returns numbers and ids; here they become
tables with headers from the catalogue (``segment_profit.*``), every number formatted for the
language (money through ``fmt_money`` with the company's currency, shares through ``fmt_pct``,
counts through ``tn``), notes, and the topic's key figures. Every ``*_table`` returns a DataFrame
of text (the headers already translated), ready to show. What the data did not allow is written as
missing, never as a number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.analyses.segment_profit import (
    CANDIDATES,
    UNKNOWN,
    SegmentationReview,
    SegmentationTemplate,
)
from kbcore.i18n import catalogue, fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.views.figures import Figure, missing

__all__ = [
    "NEEDS",
    "need_key",
    "candidate_label",
    "kind_label",
    "segment_label",
    "measure_label",
    "effect_text",
    "strategy_label",
    "strategy_action",
    "criterion_label",
    "criterion_question",
    "p_text",
    "review_note",
    "candidates_table",
    "segments_table",
    "tests_table",
    "test_text",
    "stability_table",
    "scorecard_table",
    "criteria_table",
    "best_text",
    "strategies_table",
    "segment_profit_figures",
]

NEEDS = {
    "clients": "segment_profit.need.clients",
    "clients.industry": "segment_profit.need.industry",
    "clients.segment": "segment_profit.need.segment",
    "clients.size": "segment_profit.need.size",
    "clients.region": "segment_profit.need.region",
    "surveys.needs": "segment_profit.need.needs",
    "sales": "segment_profit.need.sales",
    "sales.cost": "segment_profit.need.cost",
    "clients.manager": "segment_profit.need.manager",
}
"""The catalogue id (a ``need.*`` text) of each missing input id of the analyses."""


def need_key(missing_id: str) -> str:
    """The catalogue id that names a missing input (``"clients.industry"`` → its ``need`` text)."""
    return NEEDS.get(missing_id, "segment_profit.need.sales")


def _pct(value, lang: str, digits: int = 1) -> str:
    return fmt_pct(value, lang, digits) if value is not None and np.isfinite(value) else "—"


def _money(value, lang: str, currency: str) -> str:
    return fmt_money(value, lang, currency=currency) if value is not None and np.isfinite(value) else "—"


def _num(value, lang: str, digits: int = 0) -> str:
    return fmt_number(value, lang, digits) if value is not None and np.isfinite(value) else "—"


def _frame(columns: dict[str, list], lang: str) -> pd.DataFrame:
    """A text frame whose headers are the catalogue texts of ``segment_profit.col.<key>``."""
    return pd.DataFrame({t(f"segment_profit.col.{k}", lang): pd.array([str(x) for x in v], dtype="string")
                         for k, v in columns.items()})


# --------------------------------------------------------------------------- labels
def candidate_label(candidate: str, lang: str = "en") -> str:
    """A candidate segmentation in words ("by industry", "ABC by revenue")."""
    return t(f"segment_profit.candidate.{candidate}", lang)


def kind_label(kind: str, lang: str = "en") -> str:
    """"internal (our classes)" / "external (the market's)"."""
    return t(f"segment_profit.kind.{kind}", lang)


def segment_label(candidate: str, segment, lang: str = "en") -> str:
    """A segment id in words.

    The catalogue name of an RFM segment, a stage or a revenue band; a card value as written;
    :data:`UNKNOWN` as "(not recorded)".
    """
    if segment is None or (not isinstance(segment, str) and pd.isna(segment)) or segment == UNKNOWN:
        return t("segment_profit.unknown", lang)
    key = {"rfm": f"rfm.segment.{segment}", "stage": f"stage.{segment}",
           "revenue_band": f"segment_profit.band.{segment}",
           "abc": f"segment_profit.abc.{segment}"}.get(candidate)
    if key and key in catalogue():
        return t(key, lang)
    return str(segment)


def measure_label(measure: str, lang: str = "en") -> str:
    """A behaviour measure or a scorecard measure in words."""
    return t(f"segment_profit.measure.{measure}", lang)


def effect_text(effect, lang: str = "en") -> str:
    """"no difference" / "small" / "medium" / "large" (— when the test could not be made)."""
    if effect is None or (not isinstance(effect, str) and pd.isna(effect)):
        return "—"
    return t(f"segment_profit.effect.{effect}", lang)


def strategy_label(strategy, lang: str = "en") -> str:
    """A strategy id in a few words ("invest and grow")."""
    if strategy is None or (not isinstance(strategy, str) and pd.isna(strategy)):
        return missing("segment_profit.need.cost", lang)
    return t(f"segment_profit.strategy.{strategy}", lang)


def strategy_action(strategy, lang: str = "en") -> str:
    """What to do with a segment of that strategy, in one sentence."""
    if strategy is None or (not isinstance(strategy, str) and pd.isna(strategy)):
        return ""
    return t(f"segment_profit.strategy.{strategy}.action", lang)


def criterion_label(criterion, lang: str = "en") -> str:
    """A scorecard criterion's name as the template writes it."""
    return criterion.label.get(lang) or criterion.label["en"]


def criterion_question(criterion, lang: str = "en") -> str:
    """What the criterion asks (the template's question, else the measure in words)."""
    if criterion.question:
        return criterion.question.get(lang) or criterion.question["en"]
    return measure_label(criterion.measure, lang)


def p_text(p: float, lang: str = "en") -> str:
    """"p = 0.042", or "p < 0.001" for a smaller one, "p = —" when unknown."""
    if p is None or not np.isfinite(p):
        return "p = —"
    return "p < " + fmt_number(0.001, lang, 3) if p < 0.001 else "p = " + fmt_number(p, lang, 3)


# --------------------------------------------------------------------------- notes
def review_note(review: SegmentationReview, lang: str = "en", *, currency: str = "EUR") -> str:
    """What was measured: the window, the clients, the rates, and what the data lacked."""
    if review.window is None:
        return t("segment_profit.note.no_sales", lang)
    text = t("segment_profit.note.window", lang, start=fmt_date(review.window[0], lang),
             end=fmt_date(review.window[1], lang), clients=tn("ui.count.clients", len(review.pnl), lang))
    if "sales.cost" in review.missing:
        text += " " + t("segment_profit.note.no_cost", lang)
    if "clients.manager" in review.missing:
        text += " " + t("segment_profit.note.no_reach", lang)
    if review.template.ours:
        text += " " + t("segment_profit.note.ours", lang)
    return text


# --------------------------------------------------------------------------- tables
def candidates_table(review: SegmentationReview, lang: str = "en") -> pd.DataFrame:
    """Every candidate asked for: kind, segments, classified share — or what it would need."""
    c = review.candidates
    status = [t("segment_profit.available", lang) if ok else missing(need_key(m), lang)
              for ok, m in zip(c["available"], c["missing"], strict=True)]
    return _frame({
        "candidate": [candidate_label(x, lang) for x in c["candidate"]],
        "kind": [kind_label(k, lang) for k in c["kind"]],
        "changes": [t("segment_profit.changes.yes" if d else "segment_profit.changes.no", lang)
                    for d in c["dynamic"]],
        "segments": [_num(n, lang) if ok else "—" for n, ok in zip(c["segments"], c["available"], strict=True)],
        "known_share": [_pct(v, lang) for v in c["known_share"]],
        "status": status,
    }, lang)


def segments_table(table: pd.DataFrame, candidate: str, lang: str = "en", *, currency: str = "EUR",
                   top: int | None = None) -> pd.DataFrame:
    """Size and profit of each segment of one candidate, largest revenue first.

    Without cost the margin and profit columns say what they need.
    """
    rows = table.head(top) if top else table
    no_cost = bool(rows["profit"].isna().all()) if len(rows) else False
    cost_missing = missing("segment_profit.need.cost", lang)
    return _frame({
        "segment": [segment_label(candidate, s, lang) for s in rows["segment"]],
        "clients": [_num(n, lang) for n in rows["clients"]],
        "client_share": [_pct(v, lang) for v in rows["client_share"]],
        "revenue": [_money(v, lang, currency) for v in rows["revenue"]],
        "revenue_share": [_pct(v, lang) for v in rows["revenue_share"]],
        "profit": [cost_missing if no_cost else _money(v, lang, currency) for v in rows["profit"]],
        "profit_share": [cost_missing if no_cost else _pct(v, lang) for v in rows["profit_share"]],
        "profit_margin": [cost_missing if no_cost else _pct(v, lang) for v in rows["profit_margin"]],
        "median_orders": [_num(v, lang, 1) for v in rows["median_orders"]],
        "median_avg_order": [_money(v, lang, currency) for v in rows["median_avg_order"]],
        "growth": [_pct(v, lang) for v in rows["growth"]],
    }, lang)


def tests_table(tests: pd.DataFrame, lang: str = "en", *, candidate: str | None = None) -> pd.DataFrame:
    """The Kruskal–Wallis tests (of one candidate, or of all): measure, groups, H, p, ε², effect."""
    rows = tests if candidate is None else tests.loc[tests["candidate"] == candidate]
    cols = {}
    if candidate is None:
        cols["candidate"] = [candidate_label(c, lang) for c in rows["candidate"]]
    cols.update({
        "measure": [measure_label(m, lang) + (" *" if circ else "")
                    for m, circ in zip(rows["measure"], rows["circular"], strict=True)],
        "groups": [_num(n, lang) for n in rows["groups"]],
        "clients": [_num(n, lang) for n in rows["n"]],
        "h": [_num(h, lang, 1) for h in rows["h"]],
        "p_value": [p_text(p, lang) for p in rows["p_value"]],
        "epsilon2": [_num(e, lang, 3) for e in rows["epsilon2"]],
        "effect": [effect_text(e, lang) for e in rows["effect"]],
    })
    return _frame(cols, lang)


def test_text(tests: pd.DataFrame, candidate: str, lang: str = "en") -> str:
    """One candidate's differentiation in a sentence: the strongest non-circular difference, or none."""
    rows = tests.loc[(tests["candidate"] == candidate)]
    fair = rows.loc[~rows["circular"] & rows["p_value"].notna()]
    name = candidate_label(candidate, lang)
    if not len(fair):
        return t("segment_profit.test.none", lang, candidate=name)
    sig = fair.loc[fair["significant"].fillna(False).astype(bool)]
    if not len(sig):
        text = t("segment_profit.test.no_difference", lang, candidate=name)
    else:
        best = sig.sort_values("epsilon2", ascending=False, kind="mergesort").iloc[0]
        text = t("segment_profit.test.strongest", lang, candidate=name,
                 measure=measure_label(best["measure"], lang), h=fmt_number(best["h"], lang, 1),
                 df=_num(best["df"], lang), p=p_text(best["p_value"], lang),
                 e2=fmt_number(best["epsilon2"], lang, 3), effect=effect_text(best["effect"], lang))
    circ = rows.loc[rows["circular"], "measure"]
    if len(circ):
        text += " " + t("segment_profit.test.circular", lang,
                        measures=", ".join(measure_label(m, lang) for m in circ))
    return text


def stability_table(review: SegmentationReview, lang: str = "en") -> pd.DataFrame:
    """Per candidate: how many clients stay in their segment from year to year, and the ARI.

    A card field says that its history is not kept (it is fixed by construction).
    """
    s = review.stability
    rows = {"candidate": [], "years": [], "clients": [], "stay_share": [], "ari": []}
    for cand in review.candidates.loc[review.candidates["available"], "candidate"]:
        part = s.loc[s["candidate"] == cand]
        rows["candidate"].append(candidate_label(cand, lang))
        if not CANDIDATES[cand].dynamic:
            rows["years"].append(t("segment_profit.static", lang))
            rows["clients"].append("—")
            rows["stay_share"].append("—")
            rows["ari"].append("—")
            continue
        if not len(part):
            rows["years"].append(t("segment_profit.stability.short", lang))
            rows["clients"].append("—")
            rows["stay_share"].append("—")
            rows["ari"].append("—")
            continue
        rows["years"].append(f"{part['from_date'].min().year}–{part['to_date'].max().year}")
        rows["clients"].append(_num(part["clients"].mean(), lang))
        rows["stay_share"].append(_pct(part["stay_share"].mean(), lang))
        rows["ari"].append(_num(part["ari"].mean(), lang, 2))
    return _frame(rows, lang)


def _mark(passed, value, measure: str, lang: str) -> str:
    if passed is None or pd.isna(passed) or not np.isfinite(value):
        return "—"
    shown = (_num(value, lang, 2) if measure in ("ari", "effect_size")
             else t("segment_profit.yes", lang) if measure == "actionable" and value >= 1
             else t("segment_profit.no", lang) if measure == "actionable"
             else _pct(value, lang))
    return ("✓ " if bool(passed) else "✗ ") + shown


def scorecard_table(review: SegmentationReview, lang: str = "en") -> pd.DataFrame:
    """The scorecard: a row per candidate (best first), a column per criterion.

    Each cell is ✓ or ✗ and the measured value; then the total score and the criteria met.
    """
    card = review.scorecard
    crit = review.template.criteria
    out = {t("segment_profit.col.rank", lang): [], t("segment_profit.col.candidate", lang): [],
           t("segment_profit.col.kind", lang): []}
    for k in crit:
        out[criterion_label(k, lang)] = []
    out[t("segment_profit.col.score", lang)] = []
    out[t("segment_profit.col.passed", lang)] = []
    for row in review.summary.itertuples(index=False):
        out[t("segment_profit.col.rank", lang)].append(_num(row.rank, lang))
        out[t("segment_profit.col.candidate", lang)].append(candidate_label(row.candidate, lang))
        out[t("segment_profit.col.kind", lang)].append(kind_label(row.kind, lang))
        mine = card.loc[card["candidate"] == row.candidate].set_index("criterion")
        for k in crit:
            r = mine.loc[k.id]
            out[criterion_label(k, lang)].append(_mark(r["passed"], r["value"], k.measure, lang))
        out[t("segment_profit.col.score", lang)].append(_pct(row.score, lang, 0))
        out[t("segment_profit.col.passed", lang)].append(
            t("segment_profit.passed_of", lang, passed=row.passed, criteria=row.criteria))
    return pd.DataFrame({k: pd.array(v, dtype="string") for k, v in out.items()})


def criteria_table(template: SegmentationTemplate, lang: str = "en") -> pd.DataFrame:
    """The template's criteria: name, what it asks, how we measure it, the bar and the weight."""
    return _frame({
        "criterion": [criterion_label(k, lang) for k in template.criteria],
        "question": [criterion_question(k, lang) for k in template.criteria],
        "how": [measure_label(k.measure, lang) for k in template.criteria],
        "threshold": [_num(k.threshold, lang, 2) if k.measure in ("ari", "effect_size")
                      else "—" if k.measure == "actionable" else _pct(k.threshold, lang, 0)
                      for k in template.criteria],
        "weight": [_num(k.weight, lang, 1 if k.weight != int(k.weight) else 0) for k in template.criteria],
    }, lang)


def best_text(review: SegmentationReview, lang: str = "en") -> str:
    """The best candidate and why, in a sentence (or why there is none)."""
    if review.best is None:
        return t("segment_profit.best.none", lang)
    row = review.summary.iloc[0]
    return t("segment_profit.best.text", lang, candidate=candidate_label(review.best, lang),
             kind=kind_label(row["kind"], lang), score=_pct(row["score"], lang, 0),
             passed=int(row["passed"]), criteria=int(row["criteria"]))


def strategies_table(strategies: pd.DataFrame, candidate: str, lang: str = "en", *,
                     currency: str = "EUR") -> pd.DataFrame:
    """How to manage each of the most important segments: its size, profit, growth, strategy, action."""
    no_cost = "sales.cost" in strategies.attrs.get("missing", [])
    cost_missing = missing("segment_profit.need.cost", lang)
    return _frame({
        "segment": [segment_label(candidate, s, lang) for s in strategies["segment"]],
        "clients": [_num(n, lang) for n in strategies["clients"]],
        "revenue": [_money(v, lang, currency) for v in strategies["revenue"]],
        "profit": [cost_missing if no_cost else _money(v, lang, currency) for v in strategies["profit"]],
        "profit_margin": [cost_missing if no_cost else _pct(v, lang) for v in strategies["profit_margin"]],
        "growth": [_pct(v, lang) for v in strategies["growth"]],
        "strategy": [strategy_label(s, lang) for s in strategies["strategy"]],
        "action": [strategy_action(s, lang) for s in strategies["strategy"]],
    }, lang)


# --------------------------------------------------------------------------- key figures
def segment_profit_figures(review: SegmentationReview, lang: str = "en", *, currency: str = "EUR",
                           strategies: pd.DataFrame | None = None) -> list[Figure]:
    """The topic's key figures.

    Candidates measured (of those asked), the best segmentation and its score, its most profitable
    segment and that segment's share of profit, the most differentiated candidate (ε²), the most
    stable candidate that changes over time, and the segments to restructure (losing money). A
    figure whose data is absent says what it needs (:func:`~kbcore.views.figures.missing`).
    """
    rows = []
    c = review.candidates
    rows.append(Figure(t("segment_profit.kf.candidates", lang),
                       t("segment_profit.kf.candidates_value", lang, available=int(c["available"].sum()),
                         asked=len(c))))
    label = t("segment_profit.kf.best", lang)
    if review.best is None:
        rows.append(Figure(label, missing("segment_profit.need.sales", lang), "sales"))
    else:
        s = review.summary.iloc[0]
        rows.append(Figure(label, f"{candidate_label(review.best, lang)} ({_pct(s['score'], lang, 0)})"))
    label = t("segment_profit.kf.top_segment", lang)
    if review.best is None or "sales.cost" in review.missing:
        what = "sales.cost" if review.best is not None else "sales"
        rows.append(Figure(label, missing(need_key(what), lang), what))
    else:
        table = review.tables[review.best]
        known = table.loc[table["segment"] != UNKNOWN].sort_values("profit", ascending=False, kind="mergesort")
        top = known.iloc[0]
        rows.append(Figure(label, f"{segment_label(review.best, top['segment'], lang)}: "
                                  f"{_money(top['profit'], lang, currency)} ({_pct(top['profit_share'], lang)})",
                           "sales.cost"))
    label = t("segment_profit.kf.most_different", lang)
    fair = review.tests.loc[~review.tests["circular"] & review.tests["significant"].fillna(False).astype(bool)]
    if len(fair):
        top = fair.sort_values("epsilon2", ascending=False, kind="mergesort").iloc[0]
        rows.append(Figure(label, f"{candidate_label(top['candidate'], lang)}, {measure_label(top['measure'], lang)}"
                                  f" (ε² = {fmt_number(top['epsilon2'], lang, 2)})"))
    else:
        rows.append(Figure(label, missing("segment_profit.need.sales", lang), "sales"))
    label = t("segment_profit.kf.most_stable", lang)
    st = review.stability
    if len(st):
        mean = st.groupby("candidate")["stay_share"].mean().sort_values(ascending=False, kind="mergesort")
        rows.append(Figure(label, f"{candidate_label(mean.index[0], lang)} ({_pct(mean.iloc[0], lang)})"))
    else:
        rows.append(Figure(label, missing("segment_profit.need.history", lang), "sales"))
    if strategies is not None:
        label = t("segment_profit.kf.restructure", lang)
        if "sales.cost" in strategies.attrs.get("missing", []):
            rows.append(Figure(label, missing("segment_profit.need.cost", lang), "sales.cost"))
        else:
            n = int((strategies["strategy"] == "restructure").sum())
            rows.append(Figure(label, tn("segment_profit.count.segments", n, lang), "sales.cost"))
    return rows
