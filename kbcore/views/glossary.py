"""Block 2 · The glossary in words: the table of terms and the term-and-definition quiz.

The glossary (:mod:`kbcore.analyses.glossary`) carries its terms in every language; the headers
come from the catalogue (``sa.gl.*``). The packaged glossary is an example the trainer may
replace: :func:`glossary_note` says so and where it rests.
"""

from __future__ import annotations

import html

import pandas as pd

from kbcore.analyses.glossary import LETTERS, Glossary, Quiz
from kbcore.i18n import t

__all__ = ["glossary_table", "quiz_terms_table", "quiz_definitions_table", "quiz_answer_text", "quiz_key_html",
           "glossary_note"]


def glossary_table(glossary: Glossary, lang: str = "en") -> pd.DataFrame:
    """One row per term in the template's order: the term and its definition in ``lang``."""
    return pd.DataFrame({
        t("sa.gl.h.term", lang): [x.term[lang] for x in glossary.terms],
        t("sa.gl.h.definition", lang): [x.definition[lang] for x in glossary.terms],
    })


def quiz_terms_table(glossary: Glossary, quiz: Quiz, lang: str = "en") -> pd.DataFrame:
    """The quiz's terms, numbered 1 … n."""
    return pd.DataFrame({
        t("sa.gl.h.number", lang): list(range(1, len(quiz.terms) + 1)),
        t("sa.gl.h.term", lang): [glossary.term(x).term[lang] for x in quiz.terms],
    })


def quiz_definitions_table(glossary: Glossary, quiz: Quiz, lang: str = "en") -> pd.DataFrame:
    """The quiz's definitions, lettered A, B, … in the shuffled order."""
    return pd.DataFrame({
        t("sa.gl.h.letter", lang): list(LETTERS[: len(quiz.definitions)]),
        t("sa.gl.h.definition", lang): [glossary.term(x).definition[lang] for x in quiz.definitions],
    })


def quiz_answer_text(quiz: Quiz, lang: str = "en") -> str:
    """The key of the quiz in one line, for the trainer: "A — 4, B — 1, …"."""
    pairs = ", ".join(f"{LETTERS[i]} — {n}" for i, n in enumerate(quiz.answer))
    return t("sa.gl.key", lang, pairs=pairs)


def quiz_key_html(quiz: Quiz, lang: str = "en") -> str:
    """The key of the quiz folded away: "Check yourself" opens it (HTML)."""
    return (f"<details><summary>{html.escape(t('sa.gl.check', lang))}</summary>"
            f"<p>{html.escape(quiz_answer_text(quiz, lang))}</p></details>")


def glossary_note(glossary: Glossary, lang: str = "en") -> str:
    """What the glossary rests on, and that the packaged one is an example to replace (HTML)."""
    parts = [t("assess.source", lang, source=html.escape(glossary.source[lang]))]
    if glossary.example:
        parts.append(t("sa.gl.packaged", lang))
    return " ".join(parts)
