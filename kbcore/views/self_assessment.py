"""Blocks 1 and 2 · The participant's answers set against the company's figures, with where to see them.

:func:`kbcore.views.assessment.evidence_table` puts an answer beside the measured share; here the
table gains a column that points to the part of the workbook showing the figure (catalogue
``sa.where.<measure>``), so that "you said “mostly”, the data says 64 %" comes with "see section 2".
"""

from __future__ import annotations

from kbcore.analyses.assessment import AssessmentResult, Questionnaire
from kbcore.i18n import catalogue, t
from kbcore.views.assessment import captioned, evidence_notes, evidence_table

__all__ = ["evidence_where_table", "disagreements"]


def evidence_where_table(q: Questionnaire, result: AssessmentResult, lang: str = "en"):
    """:func:`~kbcore.views.assessment.evidence_table` plus "Where the workbook shows it".

    A figure the data cannot give says what it needs, in words (:func:`~kbcore.views.assessment.needs_text`).
    """
    table = evidence_table(q, result, lang)
    measures = result.questions.loc[result.questions["evidence"].notna(), "evidence"]
    where = [t(f"sa.where.{m}", lang) if f"sa.where.{m}" in catalogue() else t("sa.where.other", lang)
             for m in measures]
    table[t("sa.h.where", lang)] = where
    return table


def disagreements(q: Questionnaire, result: AssessmentResult, lang: str = "en", *, source: str = "saved") -> str:
    """The disagreements with the data as a Markdown list under a heading, or one line saying there are none.

    ``source`` "example" marks the heading "(example)": the answers are an example participant's.
    """
    notes = evidence_notes(q, result, lang)
    checked = result.questions["measured"].notna() & result.questions["answer"].notna()
    if not checked.any():
        return t("sa.evidence.unchecked", lang)
    if not notes:
        return t("sa.evidence.none", lang)
    heading = captioned(t("sa.evidence.heading", lang), source, lang)
    return f"**{heading}**\n\n" + "\n".join(f"- {n}" for n in notes)
