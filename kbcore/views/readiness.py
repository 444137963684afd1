"""Block 8 · Is the company ready for key accounts? The three questionnaires side by side, the 7S gaps, the team chart.

The scores come from the assessment engine (:func:`kbcore.analyses.assessment.assess`) for the
three readiness questionnaires of block 8 — the six success factors (``ka_readiness_ksf``),
SAMA's eleven factors (``ka_sama``) and the 7S model (``ka_7s``); the key-account team chart and
its findings from :mod:`kbcore.analyses.raci`. These views put them in words: every score that
comes from example answers says "example" next to it, the example team chart says it is an
example, and a chart a participant filled in names its file.

The combined reading is ours: the company is as ready for key accounts as the weakest of the
three views says (a chain is as strong as its weakest link) — the lowest overall score, with
its questionnaire's verdict, is where the work starts.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from kbcore.analyses.assessment import AssessmentResult, Questionnaire
from kbcore.analyses.raci import Raci
from kbcore.i18n import fmt_number, fmt_pct, t, tn
from kbcore.views.assessment import captioned
from kbcore.views.display import styled
from kbcore.views.figures import Figure, example

__all__ = [
    "Assessed",
    "weakest",
    "readiness_table",
    "readiness_html",
    "target_gaps_table",
    "raci_chart",
    "raci_styled",
    "raci_html",
    "raci_findings_table",
    "readiness_figures",
]


@dataclass(frozen=True)
class Assessed:
    """One questionnaire with its result and where its answers came from (``file``, ``saved``, ``example``)."""

    q: Questionnaire
    result: AssessmentResult
    source: str = "example"


def _verdict_label(a: Assessed, lang: str) -> str:
    if not a.result.verdict:
        return "—"
    return next(v for v in a.q.verdicts if v.id == a.result.verdict).label[lang]


def _weakest_section(a: Assessed) -> tuple[str | None, float]:
    s = a.result.sections.dropna(subset=["score"])
    if s.empty:
        return None, math.nan
    row = s.loc[s["score"].idxmin()]
    return str(row["section"]), float(row["score"])


def weakest(items: Sequence[Assessed]) -> Assessed | None:
    """The questionnaire with the lowest overall score (ties: the first given); None when nothing is answered."""
    scored = [a for a in items if not math.isnan(a.result.overall)]
    return min(scored, key=lambda a: a.result.overall) if scored else None


def _score(value: float, source: str, lang: str) -> str:
    return "—" if math.isnan(value) else captioned(fmt_pct(value, lang), source, lang)


def readiness_table(items: Sequence[Assessed], lang: str = "en") -> pd.DataFrame:
    """One row per questionnaire: answered, overall score, verdict, weakest section, gaps — headers in words.

    A score from example answers reads "56 % (example)".
    """
    rows = []
    for a in items:
        section, score = _weakest_section(a)
        rows.append({
            t("b8r.h.questionnaire", lang): a.q.title[lang],
            t("assess.h.answered", lang): f"{a.result.answered} / {a.result.total}",
            t("b8r.h.overall", lang): _score(a.result.overall, a.source, lang),
            t("b8r.h.verdict", lang): _verdict_label(a, lang),
            t("b8r.h.weakest", lang): ("—" if section is None
                                       else f"{a.q.section(section).title[lang]} — {_score(score, a.source, lang)}"),
            t("assess.h.gaps", lang): int(len(a.result.gaps)),
        })
    return pd.DataFrame(rows)


def readiness_html(items: Sequence[Assessed], lang: str = "en") -> str:
    """The verdict of the three views together: the weakest one and its weakest section (HTML)."""
    low = weakest(items)
    if low is None:
        return f"<p>{t('b8r.none_answered', lang)}</p>"
    parts = []
    if any(a.source == "example" for a in items):
        parts.append(f"<p><i>{t('b8r.example_note', lang)}</i></p>")
    section, score = _weakest_section(low)
    parts.append("<p><b>" + t("b8r.weakest", lang, title=t("b8r.quote", lang, text=html.escape(low.q.title[lang])),
                              score=_score(low.result.overall, low.source, lang),
                              verdict=html.escape(_verdict_label(low, lang))) + "</b></p>")
    if section is not None:
        parts.append("<p>" + t("b8r.weakest_section", lang, section=html.escape(low.q.section(section).title[lang]),
                               score=_score(score, low.source, lang)) + "</p>")
    unanswered = [a for a in items if math.isnan(a.result.overall)]
    if unanswered:
        parts.append("<p>" + t("b8r.unanswered", lang,
                               titles=", ".join(t("b8r.quote", lang, text=html.escape(a.q.title[lang]))
                                                for a in unanswered)) + "</p>")
    parts.append(f"<p>{t('b8r.rule', lang)}</p>")
    return "\n".join(parts)


def target_gaps_table(q: Questionnaire, result: AssessmentResult, lang: str = "en", *,
                      source: str = "saved") -> pd.DataFrame:
    """Sections by how far the target lies above today (largest first): today, target, the distance.

    For a questionnaire that asks for a target (7S). The distance is in percentage points of
    the maximum score; sections without a target are left out.
    """
    s = result.sections.dropna(subset=["score", "target_score"])
    s = s.assign(_d=s["target_score"] - s["score"]).sort_values("_d", ascending=False, kind="stable")
    return pd.DataFrame({
        t("assess.h.section", lang): [q.section(x).title[lang] for x in s["section"]],
        t("b8r.h.today", lang): [_score(v, source, lang) for v in s["score"]],
        t("b8r.h.target", lang): [_score(v, source, lang) for v in s["target_score"]],
        t("b8r.h.distance", lang): [t("b8r.pp", lang, n=fmt_number(v * 100, lang)) for v in s["_d"]],
    })


# =========================================================================== the team chart
def raci_chart(raci: Raci, table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The team chart in words: one row per activity, one column per function, the letters in the cells."""
    out = table.copy()
    out.columns = [raci.labels["functions"][f][lang] for f in table.columns]
    out.insert(0, t("b8r.h.activity", lang), [raci.labels["activities"][a][lang] for a in table.index])
    return out.reset_index(drop=True)


def _cell_colour(value) -> str:
    text = str(value)
    if "A" in text:
        return "background-color: #f6c89f; font-weight: bold; text-align: center"
    if "R" in text:
        return "background-color: #cfe3f5; text-align: center"
    if text.strip() in ("C", "I", "C/I"):
        return "color: #555555; text-align: center"
    return ""


def raci_styled(raci: Raci, table: pd.DataFrame, lang: str = "en"):
    """:func:`raci_chart` as a styled table: A cells orange and bold, R cells blue."""
    chart = raci_chart(raci, table, lang)
    letters = list(chart.columns[1:])
    return styled(chart, lang, max_rows=None).map(_cell_colour, subset=letters)


def _name(raci: Raci, kind: str, ident, lang: str) -> str:
    labels = raci.labels[kind].get(str(ident))
    return labels[lang] if labels else str(ident)


def raci_findings_table(raci: Raci, findings: pd.DataFrame, lang: str = "en", *, activities: int | None = None,
                        ) -> pd.DataFrame:
    """One row per finding of :func:`kbcore.analyses.raci.check_raci`: what, where, in detail, what to do.

    ``activities`` is the number of activities of the chart (for "on 9 of 12 activities").
    """
    total = len(raci.activities) if activities is None else activities
    rows = []
    for _, f in findings.iterrows():
        kind = f["finding"]
        if pd.notna(f["activity"]):
            where = _name(raci, "activities", f["activity"], lang)
        else:
            where = _name(raci, "functions", f["function"], lang)
        fields = {"count": fmt_number(f["count"], lang), "total": fmt_number(total, lang),
                  "share": fmt_pct(f["share"], lang) if pd.notna(f["share"]) else "—",
                  "functions": ", ".join(_name(raci, "functions", x, lang) for x in f["functions"]),
                  "where": where}
        if kind == "several_accountable":
            detail = tn(f"b8r.raci.detail.{kind}", int(f["count"]), lang, functions=fields["functions"])
        else:
            detail = t(f"b8r.raci.detail.{kind}", lang, **fields)
        rows.append({
            t("b8r.h.finding", lang): t(f"b8r.raci.finding.{kind}", lang),
            t("b8r.h.where", lang): where,
            t("b8r.h.detail", lang): detail,
            t("assess.h.action", lang): t(f"b8r.raci.action.{kind}", lang, **fields),
        })
    columns = [t(f"b8r.h.{c}", lang) for c in ("finding", "where", "detail")] + [t("assess.h.action", lang)]
    return pd.DataFrame(rows, columns=columns)


def raci_html(raci: Raci, findings: pd.DataFrame, lang: str = "en", *, filled: bool = False,
              overload_share: float = 0.7) -> str:
    """The chart's title and how to fill it in, whose chart it is (the example or the participant's), the findings (HTML).

    The example's findings are marked "example"; without findings, what the chart passed.
    """
    parts = []
    if "title" in raci.texts:
        parts.append(f"<h4>{html.escape(raci.texts['title'][lang])}</h4>")
    if "intro" in raci.texts:
        parts.append(f"<p>{html.escape(raci.texts['intro'][lang])}</p>")
    if "source" in raci.texts:
        parts.append(f"<p>{t('assess.source', lang, source=html.escape(raci.texts['source'][lang].rstrip('.')))}</p>")
    parts.append(f"<p><b>{t('b8r.raci.who.file' if filled else 'b8r.raci.who.example', lang)}</b></p>")
    if findings.empty:
        parts.append("<p>" + t("b8r.raci.clean", lang, share=fmt_pct(overload_share, lang)) + "</p>")
        return "\n".join(parts)
    count = tn("b8r.raci.count", len(findings), lang)
    parts.append("<p>" + (example(count, lang) if not filled else count) + "</p>")
    kinds = findings["finding"].value_counts(sort=False)
    items = "".join(f"<li>{t(f'b8r.raci.finding.{k}', lang)}: {fmt_number(n, lang)}</li>" for k, n in kinds.items())
    parts.append(f"<ul>{items}</ul>")
    return "\n".join(parts)


# =========================================================================== key figures
def readiness_figures(items: Sequence[Assessed], findings: pd.DataFrame | None = None, lang: str = "en", *,
                      raci_filled: bool = False) -> list[Figure]:
    """Key figures: each questionnaire's overall score and verdict, the weakest, the team chart's findings."""
    figures = []
    for a in items:
        label = captioned(a.q.title[lang], a.source, lang)
        if math.isnan(a.result.overall):
            figures.append(Figure(label, t("assess.nothing_answered", lang)))
            continue
        verdict = _verdict_label(a, lang)
        value = fmt_pct(a.result.overall, lang) + ("" if verdict == "—" else f" — {verdict}")
        figures.append(Figure(label, value))
    low = weakest(items)
    if low is not None:
        figures.append(Figure(captioned(t("b8r.fig.weakest", lang), low.source, lang), low.q.title[lang]))
    if findings is not None:
        label = t("b8r.fig.raci", lang)
        figures.append(Figure(label if raci_filled else example(label, lang), fmt_number(len(findings), lang)))
    return figures
