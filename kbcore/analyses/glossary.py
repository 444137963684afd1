"""Block 2 · The shared vocabulary («общий понятийный аппарат»): the glossary and its matching quiz.

Block 2 of the seminar starts by agreeing on words: what the company calls a customer base, a
client card, a key account, a decision maker. The glossary is a YAML template the trainer edits,
``data/templates/kb_glossary.yaml``::

    id: kb_glossary                   # = the file's stem
    program: kb                       # kb (000) or kpi (004)
    block: 2
    title / source: {en: …, ru: …, bg: …}
    intro: {en: …, ru: …, bg: …}      # optional
    terms:                            # 4 … 40 entries
      - id: customer_base             # lower_case, unique
        term: {en: …, ru: …, bg: …}
        definition: {en: …, ru: …, bg: …}

:func:`read_glossary` validates it on load with the assessment engine's clear errors (a
:class:`~kbcore.errors.TemplateError` naming the file, the key and what to do): unknown or
missing keys, a text without one of en / ru / bg, ids that are not ``lower_case`` or appear
twice, two terms with the same name or the same definition in one language.

:func:`matching_quiz` draws the term-and-definition exercise: ``n`` terms numbered 1 … n and
their definitions in a shuffled order lettered A, B, …; the answer is, for each letter, the
number of its term. The draw is a pure function of the glossary's ids, ``n`` and ``seed``
(NumPy's ``default_rng`` seeded with both), so every participant and every run sees the same
quiz. Everything here returns ids and numbers; the views pick the texts in a language.

Source: the seminar program, block 2 («Создание общего понятийного аппарата по теме»); the
definitions are the template's (see its header for their literature).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kbcore.analyses._template import (
    TEXT_LANGS,
    read_template,
    template_error,
    template_keys,
    template_texts,
)
from kbcore.paths import TEMPLATES_DIR

__all__ = ["GLOSSARY_ID", "TEXT_LANGS", "Term", "Glossary", "Quiz", "glossary_template", "read_glossary",
           "matching_quiz", "LETTERS", "QUIZ_SEED"]

GLOSSARY_ID = "kb_glossary"
"""The packaged glossary of block 2 (``data/templates/kb_glossary.yaml``)."""
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""The letters of the shuffled definitions, in order."""
QUIZ_SEED = 23
"""The default seed of :func:`matching_quiz`: with the packaged glossary and six terms it draws the
seminar's core words (customer base, client list, client card, key account, cost to serve, share
of the client's purchases)."""

# The glossary is a trainer's template of the assessment family: its errors speak of a template
# of that kind (kbcore.errors.TEMPLATE_KINDS has no kind of its own for a glossary yet).
_KIND = "glossary"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"id", "program", "block", "title", "intro", "source", "terms"}
_TERM_KEYS = {"id", "term", "definition"}
_PROGRAMS = ("kb", "kpi")
_MIN_TERMS, _MAX_TERMS = 4, 40


@dataclass(frozen=True)
class Term:
    """One entry: its id, the term and its definition in every language."""

    id: str
    term: Mapping[str, str]
    definition: Mapping[str, str]


@dataclass(frozen=True)
class Glossary:
    """A validated glossary (:func:`read_glossary`); ``example`` is True for the packaged one."""

    id: str
    program: str
    block: int
    title: Mapping[str, str]
    intro: Mapping[str, str] | None
    source: Mapping[str, str]
    terms: tuple[Term, ...]
    path: Path | None = None
    example: bool = False

    def term(self, term_id: str) -> Term:
        """The entry ``term_id`` (``KeyError`` when the glossary has none)."""
        for x in self.terms:
            if x.id == term_id:
                return x
        raise KeyError(term_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """The entries' ids in the template's order."""
        return tuple(x.id for x in self.terms)


@dataclass(frozen=True)
class Quiz:
    """A term-and-definition matching exercise (:func:`matching_quiz`).

    ``terms`` are the ids of the terms numbered 1 … n (in the template's order); ``definitions``
    the ids whose definitions are lettered A, B, … (shuffled); ``answer[i]`` is the number of the
    term that definition ``LETTERS[i]`` names.
    """

    terms: tuple[str, ...]
    definitions: tuple[str, ...]
    answer: tuple[int, ...]
    seed: int

    def number(self, letter: str) -> int:
        """The number of the term that definition ``letter`` (A, B, …) names."""
        i = LETTERS.index(str(letter).strip().upper())
        if i >= len(self.answer):
            raise KeyError(letter)
        return self.answer[i]


def _texts(value, file, key: str, *, required: bool = True):
    return template_texts(_KIND, value, file, key, required=required)


def _keys(node, allowed: set[str], file, key: str, required: tuple[str, ...], example: str) -> None:
    template_keys(_KIND, node, allowed, file, key, required, example, shape_key="terms")


def glossary_template(data, *, file=None, example: bool = False) -> Glossary:
    """Validate a parsed glossary (the module's format) into a :class:`Glossary`.

    Every rule broken raises a :class:`~kbcore.errors.TemplateError` naming the file, the key
    and what to do.
    """
    _keys(data, _TOP_KEYS, file, "", ("id", "program", "block", "title", "source", "terms"), "…")
    gid = data["id"]
    if not isinstance(gid, str) or not _ID.match(gid):
        template_error(_KIND, "wrong_shape", file, "id", form="id: kb_glossary")
    if file is not None and Path(file).stem != gid:
        template_error(_KIND, "wrong_shape", file, "id", form=f"id: {Path(file).stem}")
    if data["program"] not in _PROGRAMS:
        template_error(_KIND, "scores_unknown", file, "program", values=data["program"], allowed=", ".join(_PROGRAMS))
    block = data["block"]
    if isinstance(block, bool) or not isinstance(block, int) or block < 1:
        template_error(_KIND, "wrong_shape", file, "block", form="block: 2")
    items = data["terms"]
    if not isinstance(items, list):
        template_error(_KIND, "wrong_shape", file, "terms", form="terms: [{id: …, term: {…}, definition: {…}}]")
    if not _MIN_TERMS <= len(items) <= _MAX_TERMS:
        template_error(_KIND, "count", file, "terms", low=_MIN_TERMS, high=_MAX_TERMS, n=len(items))
    terms, seen = [], set()
    for i, item in enumerate(items):
        key = f"terms[{i + 1}]"
        _keys(item, _TERM_KEYS, file, key, ("id", "term", "definition"), "{en: …, ru: …, bg: …}")
        tid = item["id"]
        if not isinstance(tid, str) or not _ID.match(tid):
            template_error(_KIND, "wrong_shape", file, f"{key}.id", form="id: client_card")
        if tid in seen:
            template_error(_KIND, "duplicate_id", file, f"{key}.id", id=tid)
        seen.add(tid)
        terms.append(Term(tid, _texts(item["term"], file, f"{key}.term"),
                          _texts(item["definition"], file, f"{key}.definition")))
    for part in ("term", "definition"):
        for lang in TEXT_LANGS:
            texts: dict[str, str] = {}
            for x in terms:
                folded = getattr(x, part)[lang].casefold()
                if folded in texts:
                    template_error(_KIND, "duplicate_id", file, f"terms.{x.id}.{part}.{lang}", id=texts[folded])
                texts[folded] = x.id
    return Glossary(id=gid, program=data["program"], block=block, title=_texts(data["title"], file, "title"),
                    intro=_texts(data.get("intro"), file, "intro", required=False),
                    source=_texts(data["source"], file, "source"), terms=tuple(terms),
                    path=None if file is None else Path(file), example=example)


def read_glossary(path=None) -> Glossary:
    """Read and validate a glossary: ``None`` is the packaged ``kb_glossary``, else a YAML path.

    A missing file, one that is not UTF-8 or not YAML, or one that breaks a rule of
    :func:`glossary_template` raises a :class:`~kbcore.errors.TemplateError` (also a
    ``ValueError``) naming the file, the key and what to do.
    """
    default = TEMPLATES_DIR / f"{GLOSSARY_ID}.yaml"
    data, file = read_template(_KIND, path, default)
    packaged = file.resolve() == default.resolve()
    return glossary_template(data, file=file, example=packaged)


def matching_quiz(glossary: Glossary, n: int = 6, seed: int = QUIZ_SEED) -> Quiz:
    """``n`` terms and their definitions shuffled: the term-and-definition exercise, deterministic.

    The terms are drawn from the glossary without replacement and numbered 1 … n in the
    template's order; their definitions are lettered A, B, … in a shuffled order that never
    leaves a definition opposite its own term (a derangement, so no pair is given away). The
    draw uses ``numpy.random.default_rng([crc32 of the ids], n, seed])``: the same glossary,
    ``n`` and ``seed`` give the same quiz on every run.
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 2 <= n <= min(len(glossary.terms), len(LETTERS)):
        raise ValueError(f"n: pass a whole number from 2 to {min(len(glossary.terms), len(LETTERS))}")
    rng = np.random.default_rng([zlib.crc32(" ".join(glossary.ids).encode()), n, int(seed)])
    chosen = np.sort(rng.choice(len(glossary.terms), size=n, replace=False))
    terms = tuple(glossary.ids[i] for i in chosen)
    while True:
        order = rng.permutation(n)
        if not (order == np.arange(n)).any():
            break
    definitions = tuple(terms[i] for i in order)
    answer = tuple(int(i) + 1 for i in order)
    return Quiz(terms=terms, definitions=definitions, answer=answer, seed=int(seed))
