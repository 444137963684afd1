"""Views of the assessment engine: a questionnaire's result and the group's view, in words.

The analysis (:mod:`kbcore.analyses.assessment`) returns ids and numbers; the questions' texts are
in the questionnaire itself (every language), the engine's own words in the catalogue
(``assess.*``). A result from example answers (no participant's answers were given) says
"example" in every caption and key figure (:func:`~kbcore.views.figures.example`), and a
template that is our reading of the author's unpublished model, or a placeholder, says so in its
introduction.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from kbcore.analyses.assessment import AssessmentResult, GroupView, Questionnaire
from kbcore.i18n import catalogue, fmt_number, fmt_pct, t, tn
from kbcore.views.card import field_label
from kbcore.views.figures import MISSING_MARK, Figure, example

__all__ = [
    "ANSWER_SOURCES",
    "needs_text",
    "answer_label",
    "captioned",
    "intro_html",
    "source_note",
    "result_html",
    "sections_table",
    "gaps_table",
    "evidence_table",
    "evidence_notes",
    "time_table",
    "group_table",
    "group_html",
    "assessment_figures",
]

ANSWER_SOURCES = ("file", "saved", "example")
"""Where the answers shown came from: a file given as a parameter, the participant's latest saved
answers, or example answers (nothing given)."""


def captioned(text: str, source: str, lang: str = "en") -> str:
    """``text`` marked "(example)" when the answers are example answers."""
    return example(text, lang) if source == "example" else text


def answer_label(q: Questionnaire, value, lang: str = "en") -> str:
    """"4 — Mostly" for a scale value; "not answered" for a missing one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("assess.not_answered", lang)
    label = q.label(value, lang)
    return f"{value:g} — {label}" if label else f"{value:g}"


def _section_title(q: Questionnaire, section: str, lang: str) -> str:
    return q.section(section).title[lang] if section != "overall" else t("assess.overall", lang)


def intro_html(q: Questionnaire, lang: str = "en") -> str:
    """The questionnaire's title, how to answer, its scale, and what it rests on (HTML)."""
    parts = [f"<h4>{html.escape(q.title[lang])}</h4>"]
    if q.intro:
        parts.append(f"<p>{html.escape(q.intro[lang])}</p>")
    scale = "; ".join(f"{p.value} — {html.escape(p.label[lang])}" for p in q.scale)
    parts.append(f"<p>{t('assess.scale', lang)}: {scale}.</p>")
    parts.append(f"<p>{source_note(q, lang)}</p>")
    return "\n".join(parts)


def source_note(q: Questionnaire, lang: str = "en") -> str:
    """What the questionnaire rests on: its source, "our reading", "placeholder", "packaged example"."""
    notes = [t("assess.source", lang, source=html.escape(q.source[lang].rstrip().rstrip(".")))]
    if q.placeholder:
        notes.append(t("assess.placeholder", lang))
    elif q.ours:
        notes.append(t("assess.ours", lang))
    if q.example and not (q.ours or q.placeholder):   # "ours" and "placeholder" already say the trainer replaces it
        notes.append(t("assess.packaged", lang))
    return " ".join(notes)


def result_html(q: Questionnaire, result: AssessmentResult, lang: str = "en", *, source: str = "saved",
                about: dict | None = None) -> str:
    """The headline of a result: whose answers, how many answered, the overall score and verdict (HTML)."""
    about = about or {}
    if source == "example":
        who = t("assess.who.example", lang)
    else:
        who = t("assess.who", lang, participant=html.escape(str(about.get("participant") or "—")),
                date=html.escape(str(about.get("date") or "—")))
    parts = [f"<p>{who} {tn('assess.answered', result.answered, lang, total=result.total)}</p>"]
    if math.isnan(result.overall):
        parts.append(f"<p>{t('assess.nothing_answered', lang)}</p>")
        return "\n".join(parts)
    score = captioned(t("assess.overall_score", lang), source, lang)
    parts.append(f"<p><b>{score}: {fmt_pct(result.overall, lang)}</b></p>")
    if result.verdict:
        v = next(x for x in q.verdicts if x.id == result.verdict)
        parts.append(f"<p><b>{html.escape(v.label[lang])}.</b> {html.escape(v.text[lang])}</p>")
    return "\n".join(parts)


def sections_table(q: Questionnaire, result: AssessmentResult, lang: str = "en") -> pd.DataFrame:
    """One row per section: title, answered, score, (target), gaps, (time share) — headers in words."""
    s = result.sections
    out = pd.DataFrame({
        t("assess.h.section", lang): [_section_title(q, x, lang) for x in s["section"]],
        t("assess.h.answered", lang): [f"{a} / {n}" for a, n in zip(s["answered"], s["questions"], strict=True)],
        t("assess.h.score", lang): [fmt_pct(v, lang) if pd.notna(v) else "—" for v in s["score"]],
    })
    if s["target_score"].notna().any():
        out[t("assess.h.target_score", lang)] = [fmt_pct(v, lang) if pd.notna(v) else "—"
                                                for v in s["target_score"]]
    out[t("assess.h.gaps", lang)] = s["gaps"].astype(int).to_numpy()
    if q.ask_time:
        out[t("assess.h.time_share", lang)] = [fmt_pct(v, lang) if pd.notna(v) else "—" for v in s["time_share"]]
    return out


def gaps_table(q: Questionnaire, result: AssessmentResult, lang: str = "en", *, top: int | None = 10) -> pd.DataFrame:
    """The ranked gaps: what you answered, what is expected, and the recommended action."""
    g = result.gaps if top is None else result.gaps.head(top)
    return pd.DataFrame({
        t("assess.h.rank", lang): g["rank"].to_numpy(),
        t("assess.h.section", lang): [_section_title(q, x, lang) for x in g["section"]],
        t("assess.h.question", lang): [q.question(x).text[lang] for x in g["question_id"]],
        t("assess.h.answer", lang): [answer_label(q, v, lang) for v in g["answer"]],
        t("assess.h.expected", lang): [answer_label(q, math.ceil(v - 1e-9), lang) for v in g["threshold"]],
        t("assess.h.action", lang): [q.question(x).action[lang] for x in g["question_id"]],
    })


def needs_text(ids: str, lang: str = "en") -> str:
    """What a measure lacks, in words: ``"needs.clients.segment,needs.interactions"`` → "…; …".

    The ids are those of :mod:`kbcore.analyses.evidence` (comma-separated); ``needs.clients.<column>``
    names the card field in words; an unknown id is shown as it is.
    """
    words = []
    for need in (x.strip() for x in str(ids or "").split(",")):
        if not need:
            continue
        if need in catalogue():
            words.append(t(need, lang))
        elif need.startswith("needs.clients."):
            words.append(t("needs.clients.column", lang, column=field_label(need[len("needs.clients."):], lang)))
        else:
            words.append(need)
    return "; ".join(dict.fromkeys(words))


def _measured_text(row, lang: str) -> str:
    if pd.notna(row["measured"]):
        return fmt_pct(row["measured"], lang)
    if row["measure_missing"]:
        return t("kf.missing", lang, mark=MISSING_MARK, what=needs_text(row["measure_missing"], lang))
    return MISSING_MARK


def evidence_table(q: Questionnaire, result: AssessmentResult, lang: str = "en") -> pd.DataFrame:
    """The questions the data can check: your answer, what the data says, and whether they agree."""
    e = result.questions[result.questions["evidence"].notna()]
    verdict = []
    for _, row in e.iterrows():
        if pd.isna(row["measured"]):
            verdict.append(t("assess.evidence.no_data", lang))
        elif pd.isna(row["answer"]):
            verdict.append(t("assess.not_answered", lang))
        elif row["disagree"]:
            verdict.append(t("assess.evidence.disagree", lang))
        else:
            verdict.append(t("assess.evidence.agree", lang))
    return pd.DataFrame({
        t("assess.h.question", lang): [q.question(x).text[lang] for x in e["question_id"]],
        t("assess.h.answer", lang): [answer_label(q, v, lang) for v in e["answer"]],
        t("assess.h.measure", lang): [t(f"evidence.{m}", lang) for m in e["evidence"]],
        t("assess.h.measured", lang): [_measured_text(r, lang) for _, r in e.iterrows()],
        t("assess.h.verdict", lang): verdict,
    })


def evidence_notes(q: Questionnaire, result: AssessmentResult, lang: str = "en") -> list[str]:
    """One sentence per disagreement: "You said “4 — Mostly”; the data says 41 % (…)"."""
    rows = result.questions[result.questions["disagree"]]
    return [t("assess.evidence.note", lang, question=q.question(r["question_id"]).text[lang].rstrip(". "),
              answer=q.label(r["answer"], lang), measured=fmt_pct(r["measured"], lang),
              measure=t(f"evidence.{r['evidence']}", lang))
            for _, r in rows.iterrows()]


def time_table(q: Questionnaire, result: AssessmentResult, lang: str = "en") -> pd.DataFrame:
    """The share of working time each section (role) takes by the participant's own account."""
    s = result.sections
    return pd.DataFrame({
        t("assess.h.section", lang): [_section_title(q, x, lang) for x in s["section"]],
        t("assess.h.time_share", lang): [fmt_pct(v, lang) if pd.notna(v) else "—" for v in s["time_share"]],
        t("assess.h.score", lang): [fmt_pct(v, lang) if pd.notna(v) else "—" for v in s["score"]],
    })


def group_table(q: Questionnaire, group: GroupView, lang: str = "en", *, top: int | None = 10) -> pd.DataFrame:
    """The questions by the group's consensus, least first: answers' spread, median, gaps."""
    g = group.questions if top is None else group.questions.head(top)
    dist = group.distribution.set_index("question_id")
    spread = [" · ".join(f"{v}:\u00a0{int(dist.at[x, v])}" for v in q.values) for x in g["question_id"]]
    return pd.DataFrame({
        t("assess.h.question", lang): [q.question(x).text[lang] for x in g["question_id"]],
        t("assess.h.n", lang): g["n"].astype(int).to_numpy(),
        t("assess.h.distribution", lang): spread,
        t("assess.h.median", lang): [fmt_number(v, lang, 1) if pd.notna(v) else "—" for v in g["median"]],
        t("assess.h.consensus", lang): [fmt_pct(v, lang) if pd.notna(v) else "—" for v in g["consensus"]],
        t("assess.h.group_gaps", lang): g["gaps"].astype(int).to_numpy(),
    })


def group_html(q: Questionnaire, group: GroupView, lang: str = "en", *, example_group: bool = False) -> str:
    """The group view's headline: how many answer sets, the overall scores' range, where to start (HTML)."""
    if group.participants == 0:
        return f"<p>{t('assess.group.none', lang)}</p>"
    overall = group.sections[group.sections["section"] == "overall"]["score"].dropna()
    who = tn("assess.group.sets", group.participants, lang)
    if example_group:
        who = example(who, lang)
    parts = [f"<p>{who}.</p>"]
    if len(overall):
        parts.append(f"<p>{t('assess.group.range', lang, low=fmt_pct(overall.min(), lang), median=fmt_pct(overall.median(), lang), high=fmt_pct(overall.max(), lang))}</p>")
    first = group.questions.dropna(subset=["consensus"]).head(1)
    if len(first):
        r = first.iloc[0]
        parts.append(f"<p>{t('assess.group.start', lang, question=html.escape(q.question(r['question_id']).text[lang]), consensus=fmt_pct(r['consensus'], lang))}</p>")
    return "\n".join(parts)


def assessment_figures(q: Questionnaire, result: AssessmentResult, lang: str = "en", *,
                       source: str = "saved") -> list[Figure]:
    """Key figures: the overall score with its verdict, the gaps, the disagreements with the data."""
    label = captioned(q.title[lang], source, lang)
    if math.isnan(result.overall):
        return [Figure(label, t("assess.nothing_answered", lang))]
    value = fmt_pct(result.overall, lang)
    if result.verdict:
        value += " — " + next(x for x in q.verdicts if x.id == result.verdict).label[lang]
    figures = [Figure(label, value),
               Figure(captioned(t("assess.fig.gaps", lang), source, lang), fmt_number(len(result.gaps), lang))]
    checked = result.questions["measured"].notna() & result.questions["answer"].notna()
    if checked.any():
        figures.append(Figure(captioned(t("assess.fig.disagree", lang), source, lang),
                              t("assess.fig.disagree_value", lang, n=int(result.questions["disagree"].sum()),
                                of=int(checked.sum()))))
    return figures
