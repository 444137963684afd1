"""The assessment engine: questionnaires, their answers, scores, gaps, evidence and the group's view.

Half of program 000 is assessed, not computed from sales lines: the possibilities of the
customer base (block 3), its audit (block 4), the company's readiness for key accounts (block 8)
and the key account manager's profile (block 9), and a self-assessment in blocks 1 and 2. Every
one is a **questionnaire**: a YAML template in ``data/templates/`` (its format below), validated
on load by :func:`read_questionnaire`, answered in one of three ways that give the same table
(the notebook's form, the spreadsheet form the build writes, a file passed as a parameter;
:mod:`kbcore.ingest.answers` reads and saves them) and scored here.

The template::

    id: ka_readiness_ksf              # = the file's stem
    program: kb                       # kb (000) or kpi (004)
    block: 8
    title / intro / source: {en: …, ru: …, bg: …}
    ours: true                        # our reading of the author's unpublished model
    placeholder: false                # true: neutral placeholder text for the trainer to replace
    scale: [{value: 1, label: {en, ru, bg}}, …]   # ascending integers, 3–7 points
    gap_below: 3                      # an answer below this is a gap (when no target applies)
    ask_target: false                 # every question asks "today" and "target" (7S)
    ask_time: false                   # every question asks the % of working time it takes
    verdicts: [{from: 0.0, id: …, label: {…}, text: {…}}, …]   # optional, by the overall score
    sections:
      - id: …, title: {…}, weight: 1
        questions:
          - id: …, text: {…}, weight: 1, target: 4 (optional), action: {…},
            evidence: card_completeness (optional: a measure of kbcore.analyses.evidence)

The scoring (our reading of the usual weighted self-assessment scorecard, e.g. the EFQM-style
"percentage of the maximum"):

- the **level** of an answer ``a`` on a scale ``lo … hi`` is ``(a − lo) / (hi − lo)``;
- a **section's score** is the weighted mean of its answered questions' levels,
  ``Σ w_q · level_q / Σ w_q`` (unanswered questions are left out and counted);
- the **overall score** is the weighted mean of the sections' scores by the section weights
  (sections without any answer left out) — block 3's "percentage of the possibilities used";
- a question is a **gap** when its answer is below its target: the participant's own target
  (``ask_target``), else the question's ``target`` (a competency profile), else the template's
  ``gap_below``; its **priority** is ``(target − a) / (hi − lo) · w_q · w_s / max(w_s)``, and the
  gaps are ranked by priority (ties: the template's order);
- **evidence**: a question that names a measure is set beside the measured share ``s``
  (0 … 1) read on the same scale, ``lo + s · (hi − lo)``; the answer **disagrees** with the data
  when it is more than ``tolerance`` scale points away (default 1: "mostly" = 4 against 41 % = 2.6);
- the **group's view** (:func:`group_view`): per question the distribution of the answers, the
  mean, median and interquartile range, and the consensus of Tastle & Wierman (2007, "Consensus and
  dissention: a measure of ordinal dispersion", International Journal of Approximate Reasoning 45):
  ``Cns = 1 + Σ p_i · log2(1 − |X_i − μ| / (hi − lo))``, 1 when everyone gives the same answer, 0
  when the group splits evenly between the two ends; the questions with the least consensus are
  the discussion starters.

Everything here returns ids and numbers; the texts of a questionnaire are carried by the
:class:`Questionnaire` in every language and chosen by the views.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kbcore.analyses._template import (
    TEXT_LANGS,
    read_template,
    template_error,
    template_keys,
    template_number,
    template_texts,
)
from kbcore.ingest.answers import latest_answers, read_answer_file, read_sheet
from kbcore.paths import TEMPLATES_DIR

__all__ = [
    "TEXT_LANGS",
    "ANSWER_COLUMNS",
    "ScalePoint",
    "Question",
    "Section",
    "Verdict",
    "Questionnaire",
    "AssessmentResult",
    "GroupView",
    "questionnaire_template",
    "questionnaire_table_data",
    "read_questionnaire",
    "questionnaire_path",
    "questionnaires",
    "parse_answers",
    "empty_answers",
    "example_answers",
    "Answers",
    "load_answers",
    "group_answers",
    "assess",
    "group_view",
    "consensus",
]


ANSWER_COLUMNS = ("question_id", "answer", "target", "time_share", "comment")
"""The canonical answers: one row per question of the questionnaire, in its order. ``answer`` and
``target`` are scale values (NaN = not answered), ``time_share`` a share 0 … 1 of working time
(NaN = not given), ``comment`` free text."""

_KIND = "questionnaire"
_ANSWERS = "answers"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"id", "program", "block", "title", "intro", "source", "ours", "placeholder", "scale",
             "gap_below", "ask_target", "ask_time", "verdicts", "sections"}
_SECTION_KEYS = {"id", "title", "weight", "questions"}
_QUESTION_KEYS = {"id", "text", "weight", "target", "action", "evidence"}
_VERDICT_KEYS = {"from", "id", "label", "text"}
_PROGRAMS = ("kb", "kpi")


# =========================================================================== the template
@dataclass(frozen=True)
class ScalePoint:
    """One answer of the scale: its value and its label in every language."""

    value: int
    label: Mapping[str, str]


@dataclass(frozen=True)
class Question:
    """One statement to rate: its section, weight, optional fixed target, gap action, evidence."""

    id: str
    section: str
    text: Mapping[str, str]
    action: Mapping[str, str]
    weight: float = 1.0
    target: float | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class Section:
    """A group of questions with its title and weight."""

    id: str
    title: Mapping[str, str]
    weight: float
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    """A verdict of the overall score: from ``start`` (0 … 1) up to the next verdict's start."""

    start: float
    id: str
    label: Mapping[str, str]
    text: Mapping[str, str]


@dataclass(frozen=True)
class Questionnaire:
    """A validated questionnaire template (:func:`read_questionnaire`)."""

    id: str
    program: str
    block: int
    title: Mapping[str, str]
    intro: Mapping[str, str] | None
    source: Mapping[str, str]
    ours: bool
    placeholder: bool
    scale: tuple[ScalePoint, ...]
    gap_below: float
    ask_target: bool
    ask_time: bool
    verdicts: tuple[Verdict, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    path: Path | None = None
    example: bool = False

    @property
    def low(self) -> int:
        """The lowest value of the scale."""
        return self.scale[0].value

    @property
    def high(self) -> int:
        """The highest value of the scale."""
        return self.scale[-1].value

    @property
    def values(self) -> tuple[int, ...]:
        """The scale's values, ascending."""
        return tuple(p.value for p in self.scale)

    def question(self, question_id: str) -> Question:
        """The question ``question_id`` (``KeyError`` when the questionnaire has none)."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def section(self, section_id: str) -> Section:
        """The section ``section_id`` (``KeyError`` when the questionnaire has none)."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def label(self, value, lang: str) -> str | None:
        """The label of a scale value in ``lang`` (None for a value off the scale or missing)."""
        for p in self.scale:
            if value is not None and not _isnan(value) and float(value) == p.value:
                return p.label[lang]
        return None

    def frame(self) -> pd.DataFrame:
        """One row per question in the template's order: ids, weights, fixed target, evidence."""
        weights = {s.id: s.weight for s in self.sections}
        return pd.DataFrame({
            "question_id": [q.id for q in self.questions],
            "section": [q.section for q in self.questions],
            "order": np.arange(len(self.questions)),
            "weight": [q.weight for q in self.questions],
            "section_weight": [weights[q.section] for q in self.questions],
            "fixed_target": [np.nan if q.target is None else q.target for q in self.questions],
            "evidence": [q.evidence for q in self.questions],
        })


def _isnan(value) -> bool:
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _form(example: str) -> dict:
    return {"form": example}


def _texts(value, file, key: str, *, required: bool = True):
    """A mapping of the three languages to non-empty text, or a TemplateError."""
    return template_texts(_KIND, value, file, key, required=required)


def _keys(node, allowed: set[str], file, key: str, required: Sequence[str], example: str) -> None:
    template_keys(_KIND, node, allowed, file, key, required, example)


def _ident(value, file, key: str, seen: set[str]) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        template_error(_KIND, "wrong_shape", file, key, **_form("id: top_management"))
    if value in seen:
        template_error(_KIND, "duplicate_id", file, key, id=value)
    seen.add(value)
    return value


def _flag(value, file, key: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        template_error(_KIND, "wrong_shape", file, key, **_form(f"{key.rsplit('.', 1)[-1]}: true"))
    return value


def _weight(value, file, key: str) -> float:
    if value is None:
        return 1.0
    weight = template_number(_KIND, value, file, key, low=0, example="1", what="weight")
    if weight == 0:
        template_error(_KIND, "zero", file, key, what="weight", example="1")
    return weight


def _count(items, file, key: str, low: int, high: int, example: str) -> list:
    if not isinstance(items, list):
        template_error(_KIND, "wrong_shape", file, key, **_form(example))
    if not items:
        template_error(_KIND, "empty", file, key, **_form(example))
    if not low <= len(items) <= high:
        template_error(_KIND, "count", file, key, low=low, high=high, n=len(items))
    return items


def questionnaire_template(data, *, file=None, measures: Sequence[str] | None = None,
                           example: bool = False) -> Questionnaire:
    """Validate a parsed questionnaire template (the module's format) into a :class:`Questionnaire`.

    ``measures`` are the evidence ids a question may name (default: none is checked). Every rule
    broken raises a :class:`~kbcore.errors.TemplateError` naming the file, the key and what to
    do: unknown or missing keys, texts without one of en / ru / bg, ids that are not
    ``lower_case`` or appear twice, a scale that is not 3–7 ascending integers, weights that are
    not positive numbers, a target or ``gap_below`` off the scale, verdicts not ascending from 0,
    an unknown measure.
    """
    _keys(data, _TOP_KEYS, file, "", ("id", "program", "block", "title", "source", "scale", "sections"),
          "…")
    qid = _ident(data["id"], file, "id", set())
    if file is not None and Path(file).stem != qid:
        template_error(_KIND, "wrong_shape", file, "id", **_form(f"id: {Path(file).stem}"))
    program = data["program"]
    if program not in _PROGRAMS:
        template_error(_KIND, "scores_unknown", file, "program", values=program, allowed=", ".join(_PROGRAMS))
    block = data["block"]
    if isinstance(block, bool) or not isinstance(block, int) or not 1 <= block <= 99:
        template_error(_KIND, "wrong_shape", file, "block", **_form("block: 8"))

    scale_in = _count(data["scale"], file, "scale", 3, 7, "- {value: 1, label: {en: …, ru: …, bg: …}}")
    scale, last = [], None
    for i, point in enumerate(scale_in):
        key = f"scale[{i + 1}]"
        _keys(point, {"value", "label"}, file, key, ("value", "label"), "{value: 1, label: {en: …}}")
        value = point["value"]
        if isinstance(value, bool) or not isinstance(value, int):
            template_error(_KIND, "not_number", file, f"{key}.value", what="scale", value=value, example="1")
        if last is not None and value <= last:
            template_error(_KIND, "not_ascending", file, "scale", **_form("0, 1, 2, 3, 4"))
        last = value
        scale.append(ScalePoint(value, _texts(point["label"], file, f"{key}.label")))
    lo, hi = scale[0].value, scale[-1].value

    gap_below = template_number(_KIND, data.get("gap_below", (lo + hi) / 2), file, "gap_below",
                                low=lo, high=hi, example=str((lo + hi) // 2), what="threshold")
    ask_target = _flag(data.get("ask_target"), file, "ask_target")
    ask_time = _flag(data.get("ask_time"), file, "ask_time")

    verdicts = []
    for i, v in enumerate(data.get("verdicts") or []):
        key = f"verdicts[{i + 1}]"
        _keys(v, _VERDICT_KEYS, file, key, ("from", "id", "label", "text"),
              "{from: 0.0, id: not_ready, label: {…}, text: {…}}")
        start = template_number(_KIND, v["from"], file, f"{key}.from", low=0, high=1, example="0.5",
                                what="threshold")
        if (not verdicts and start != 0) or (verdicts and start <= verdicts[-1].start):
            template_error(_KIND, "not_ascending", file, "verdicts", **_form("from: 0, from: 0.5, from: 0.75"))
        verdicts.append(Verdict(start, _ident(v["id"], file, f"{key}.id", {x.id for x in verdicts}),
                                _texts(v["label"], file, f"{key}.label"), _texts(v["text"], file, f"{key}.text")))

    sections, questions, seen_s, seen_q = [], [], set(), set()
    for i, s in enumerate(_count(data["sections"], file, "sections", 1, 12,
                                 "- {id: …, title: {…}, questions: […]}")):
        key = f"sections[{i + 1}]"
        _keys(s, _SECTION_KEYS, file, key, ("id", "title", "questions"), "{id: …, title: {…}, questions: […]}")
        sid = _ident(s["id"], file, f"{key}.id", seen_s)
        key = f"sections.{sid}"
        ids = []
        for j, q in enumerate(_count(s["questions"], file, f"{key}.questions", 1, 12,
                                     "- {id: …, text: {…}, action: {…}}")):
            qkey = f"{key}.questions[{j + 1}]"
            _keys(q, _QUESTION_KEYS, file, qkey, ("id", "text", "action"), "{id: …, text: {…}, action: {…}}")
            qid_ = _ident(q["id"], file, f"{qkey}.id", seen_q)
            qkey = f"{key}.{qid_}"
            target = q.get("target")
            if target is not None:
                target = template_number(_KIND, target, file, f"{qkey}.target", low=lo, high=hi,
                                         example=str(hi - 1), what="threshold")
            evidence = q.get("evidence")
            if evidence is not None and (not isinstance(evidence, str)
                                         or (measures is not None and evidence not in measures)):
                template_error(_KIND, "unknown_measure", file, f"{qkey}.evidence", value=evidence,
                               allowed=", ".join(sorted(measures or ())))
            questions.append(Question(qid_, sid, _texts(q["text"], file, f"{qkey}.text"),
                                      _texts(q["action"], file, f"{qkey}.action"),
                                      _weight(q.get("weight"), file, f"{qkey}.weight"), target, evidence))
            ids.append(qid_)
        sections.append(Section(sid, _texts(s["title"], file, f"{key}.title"),
                                _weight(s.get("weight"), file, f"{key}.weight"), tuple(ids)))
    clash = seen_s & seen_q
    if clash:
        template_error(_KIND, "duplicate_id", file, "sections", id=sorted(clash)[0])

    return Questionnaire(
        id=qid, program=program, block=block,
        title=_texts(data["title"], file, "title"), intro=_texts(data.get("intro"), file, "intro", required=False),
        source=_texts(data["source"], file, "source"), ours=_flag(data.get("ours"), file, "ours"),
        placeholder=_flag(data.get("placeholder"), file, "placeholder"), scale=tuple(scale),
        gap_below=gap_below, ask_target=ask_target, ask_time=ask_time, verdicts=tuple(verdicts),
        sections=tuple(sections), questions=tuple(questions),
        path=None if file is None else Path(file), example=example)


_TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm")
_ROW_KINDS = ("program", "block", "title", "intro", "source", "ours", "placeholder", "ask_target", "ask_time",
              "gap_below", "scale", "verdict", "section", "question")
_YES = {"1", "yes", "true", "да", "y", "д"}
_NO = {"0", "no", "false", "нет", "не", "n", ""}


def _cell(row, column) -> str:
    value = row.get(column)
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()


def _number(text: str):
    text = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return text                       # the template's own check names it
    return int(value) if value.is_integer() else value


def questionnaire_table_data(table: pd.DataFrame, *, file=None, qid: str | None = None) -> dict:
    """A questionnaire written as a table (CSV or Excel), as the template mapping of this module.

    One row per item, the kind in the column ``row``: ``program`` (``id`` = kb or kpi), ``block``
    (``value``), ``title``, ``intro``, ``source`` (texts in ``en``, ``ru``, ``bg``), ``ours``,
    ``placeholder``, ``ask_target``, ``ask_time`` (``value`` yes/no), ``gap_below`` (``value``),
    ``scale`` (``value`` and its label in ``en``/``ru``/``bg``), ``verdict`` (``id``, ``value`` =
    from, the label in ``en``/``ru``/``bg`` and its text in ``action_en``/``action_ru``/
    ``action_bg``), ``section`` (``id``, ``weight``, the title) and ``question`` (``id``, ``weight``,
    ``target``, ``evidence``, the statement in ``en``/``ru``/``bg`` and the action for a gap in
    ``action_*``) — a question belongs to the section above it. The questionnaire's id is ``qid``
    (the file's name). The result is validated by :func:`questionnaire_template` like a YAML file;
    a table without the columns ``row``, ``id``, ``en``, ``ru``, ``bg``, an unknown kind of row or a
    question above every section is a :class:`~kbcore.errors.TemplateError` naming the line.
    """
    table = table.rename(columns=lambda c: str(c).strip().lower())
    need = [c for c in ("row", "id", *TEXT_LANGS) if c not in table.columns]
    if need:
        template_error(_KIND, "scores_columns", file, missing=", ".join(need),
                       need="row, id, value, weight, target, evidence, en, ru, bg, action_en, action_ru, action_bg")
    data: dict = {"id": qid, "scale": [], "sections": []}
    verdicts = []
    for i, row in enumerate(table.to_dict("records"), start=2):
        kind = _cell(row, "row").lower()
        if not kind:
            continue
        texts = {lang: _cell(row, lang) for lang in TEXT_LANGS}
        actions = {lang: _cell(row, f"action_{lang}") for lang in TEXT_LANGS}
        value = _number(_cell(row, "value"))
        if kind not in _ROW_KINDS:
            template_error(_KIND, "scores_unknown", file, column="row", values=kind, allowed=", ".join(_ROW_KINDS),
                           examples=[f"line {i}: {kind}"])
        if kind == "program":
            data["program"] = _cell(row, "id")
        elif kind == "block":
            data["block"] = value
        elif kind in ("title", "intro", "source"):
            data[kind] = texts
        elif kind in ("ours", "placeholder", "ask_target", "ask_time"):
            flag = _cell(row, "value").lower()
            data[kind] = True if flag in _YES else False if flag in _NO else flag
        elif kind == "gap_below":
            data["gap_below"] = value
        elif kind == "scale":
            data["scale"].append({"value": value, "label": texts})
        elif kind == "verdict":
            verdicts.append({"from": value, "id": _cell(row, "id"), "label": texts, "text": actions})
        elif kind == "section":
            section = {"id": _cell(row, "id"), "title": texts, "questions": []}
            if _cell(row, "weight"):
                section["weight"] = _number(_cell(row, "weight"))
            data["sections"].append(section)
        else:
            if not data["sections"]:
                template_error(_KIND, "table_question_first", file, examples=[f"line {i}: {_cell(row, 'id')}"])
            question = {"id": _cell(row, "id"), "text": texts, "action": actions}
            for key in ("weight", "target"):
                if _cell(row, key):
                    question[key] = _number(_cell(row, key))
            if _cell(row, "evidence"):
                question["evidence"] = _cell(row, "evidence")
            data["sections"][-1]["questions"].append(question)
    if verdicts:
        data["verdicts"] = verdicts
    return {k: v for k, v in data.items() if v is not None}


def questionnaire_path(name) -> Path:
    """The file of a questionnaire: a path as given, or a packaged id (``"kb_audit"``: its YAML, CSV or Excel file)."""
    text = str(name)
    if _ID.match(text) and not Path(text).suffix:
        for suffix in (".yaml", *_TABLE_SUFFIXES):
            if (TEMPLATES_DIR / f"{text}{suffix}").is_file():
                return TEMPLATES_DIR / f"{text}{suffix}"
        return TEMPLATES_DIR / f"{text}.yaml"
    return Path(name)


def read_questionnaire(name, *, measures: Sequence[str] | None = None) -> Questionnaire:
    """Read and validate a questionnaire: a packaged id (``"ka_readiness_ksf"``), a YAML file or a table.

    A table is a CSV or Excel file in the form of :func:`questionnaire_table_data` (for a trainer
    who writes questionnaires in a spreadsheet). A missing file, one that is not UTF-8 or not
    YAML, or one that breaks a rule of :func:`questionnaire_template` raises a
    :class:`~kbcore.errors.TemplateError` (a ``KBDataError`` and a ``ValueError``) naming the file,
    the key and what to do. ``example`` of the result is True for a packaged template (the
    trainer has not replaced it).
    """
    path = questionnaire_path(name)
    if path.suffix.lower() in _TABLE_SUFFIXES:
        data = questionnaire_table_data(read_sheet(path, _KIND), file=path, qid=path.stem)
    else:
        data, path = read_template(_KIND, path, path)
    packaged = path.resolve().parent == TEMPLATES_DIR.resolve()
    return questionnaire_template(data, file=path, measures=measures, example=packaged)


def questionnaires(program: str | None = None, folder=None) -> list[str]:
    """The ids of the packaged questionnaires (of ``program``), sorted: files with a ``sections`` key."""
    out = []
    for path in sorted(Path(folder or TEMPLATES_DIR).glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^sections:", text, re.M) and re.search(r"^scale:", text, re.M):
            if program is None or re.search(rf"^program:\s*{program}\s*$", text, re.M):
                out.append(path.stem)
    return out


# =========================================================================== the answers
def empty_answers(q: Questionnaire) -> pd.DataFrame:
    """The canonical answers of ``q`` with nothing answered (one row per question)."""
    n = len(q.questions)
    return pd.DataFrame({"question_id": [x.id for x in q.questions], "answer": np.full(n, np.nan),
                         "target": np.full(n, np.nan), "time_share": np.full(n, np.nan),
                         "comment": [""] * n})


def _scale_value(q: Questionnaire, cell) -> float | None:
    """A cell as a scale value: a number, "3 — partly", "3." or a label in any language; NaN when empty.

    None when the cell is not on the scale.
    """
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return math.nan
    text = str(cell).strip()
    if not text or text.lower() in ("nan", "none", "—", "-"):
        return math.nan
    m = re.match(r"^([+-]?\d+(?:[.,]0+)?)(?:\s*(?:[—–\-:.)]\s*.*)?)?$", text)
    if m:
        value = float(m.group(1).replace(",", "."))
        return value if value in q.values else None
    folded = text.casefold()
    for p in q.scale:
        if any(folded == label.casefold() for label in p.label.values()):
            return float(p.value)
    return None


def _share(cell) -> float | None:
    """A share of working time typed as 25, "25 %", "0,25"? -> 0.25. NaN when empty, None when not a number."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return math.nan
    text = str(cell).strip().replace("\u00a0", "").replace(" ", "").rstrip("%").replace(",", ".")
    if not text or text.lower() == "nan":
        return math.nan
    try:
        value = float(text)
    except ValueError:
        return None
    if not 0 <= value <= 100:
        return None
    return value / 100


def parse_answers(q: Questionnaire, table: pd.DataFrame, *, file=None) -> pd.DataFrame:
    """Check a table of answers against ``q`` and return the canonical answers (:data:`ANSWER_COLUMNS`).

    ``table`` has a ``question_id`` column and an ``answer`` column (``target``, ``time_share`` and
    ``comment`` optional; other columns — the question's text, the section — are ignored); an
    answer is a scale value, "3 — partly" or a scale label in any language; an empty cell is "not
    answered"; a time share is a percentage of working time (``25``, ``25 %``). A questionnaire
    column naming another questionnaire, an unknown question, a question given twice, an answer
    off the scale or time shares over 100 % in total raise a
    :class:`~kbcore.errors.TemplateError` of kind ``answers`` naming the file, the rows and what to
    do. Questions the table does not list are "not answered". The table itself is not changed.
    """
    table = table.copy()
    table.columns = [str(c).strip() for c in table.columns]
    missing_cols = [c for c in ("question_id", "answer") if c not in table.columns]
    if missing_cols:
        template_error(_ANSWERS, "scores_columns", file, missing=", ".join(missing_cols),
                       need="question_id, answer")
    if "questionnaire" in table.columns:
        named = {str(v).strip() for v in table["questionnaire"].dropna() if str(v).strip()}
        if named - {q.id}:
            template_error(_ANSWERS, "answers_other", file, found=", ".join(sorted(named)), expected=q.id)
    ids = table["question_id"].astype("string").str.strip()
    table = table[ids.notna() & (ids != "")].assign(question_id=ids)
    rows = table.index + 2   # the header is line 1 of a sheet or a CSV
    known = {x.id for x in q.questions}
    unknown = ~table["question_id"].isin(known)
    if unknown.any():
        template_error(_ANSWERS, "scores_unknown", file, column="question_id",
                       values=", ".join(table.loc[unknown, "question_id"].head(3)),
                       allowed=", ".join(x.id for x in q.questions[:5]) + (" …" if len(q.questions) > 5 else ""),
                       examples=[f"line {r}: {v}" for r, v in zip(rows[unknown], table.loc[unknown, "question_id"],
                                                                  strict=True)])
    twice = table["question_id"].duplicated(keep=False)
    if twice.any():
        template_error(_ANSWERS, "answers_twice", file, column="question_id",
                       examples=[f"line {r}: {v}" for r, v in zip(rows[twice], table.loc[twice, "question_id"],
                                                                  strict=True)])
    out = empty_answers(q).set_index("question_id")
    for col in ("answer", "target"):
        if col not in table.columns:
            continue
        if col == "target" and not q.ask_target:
            continue
        values = [_scale_value(q, v) for v in table[col].tolist()]
        bad = [i for i, v in enumerate(values) if v is None]
        if bad:
            template_error(_ANSWERS, "answers_range", file, column=col, low=q.low, high=q.high,
                           examples=[f"line {rows[i]}: {table[col].iloc[i]}" for i in bad])
        out.loc[table["question_id"].to_numpy(), col] = values
    if q.ask_time and "time_share" in table.columns:
        values = [_share(v) for v in table["time_share"].tolist()]
        bad = [i for i, v in enumerate(values) if v is None]
        if bad:
            template_error(_ANSWERS, "answers_range", file, column="time_share", low=0, high=100,
                           examples=[f"line {rows[i]}: {table['time_share'].iloc[i]}" for i in bad])
        out.loc[table["question_id"].to_numpy(), "time_share"] = values
        total = float(np.nansum(out["time_share"].to_numpy(dtype=float)))
        if total > 1.005:
            template_error(_ANSWERS, "answers_time_total", file, column="time_share",
                           total=f"{total * 100:.0f}")
    if "comment" in table.columns:
        comments = table["comment"].fillna("").astype(str).str.strip().replace("nan", "")
        out.loc[table["question_id"].to_numpy(), "comment"] = comments.to_numpy()
    out = out.reset_index()
    return out[list(ANSWER_COLUMNS)]


def example_answers(q: Questionnaire, participant: int = 0) -> pd.DataFrame:
    """Example answers of an invented participant, the same on every run (label them as an example).

    Drawn from a generator seeded by the questionnaire's id and ``participant``: each answer is
    the scale's middle plus a participant's bias and noise, rounded to the scale, with about one
    question in twenty left unanswered; a target (``ask_target``) one or two points above the
    answer; time shares (``ask_time``) that add up to 100 %. For the reports and the trainer's
    group view when no real answers are given — never shown as anyone's result.
    """
    rng = np.random.default_rng([zlib.crc32(q.id.encode()), participant])
    n, lo, hi = len(q.questions), q.low, q.high
    mid = (lo + hi) / 2
    bias = rng.normal(0, (hi - lo) / 6)
    raw = mid + bias + rng.normal(0, (hi - lo) / 4, size=n)
    answers = np.clip(np.rint(raw), lo, hi)
    answers[rng.random(n) < 0.05] = np.nan
    out = empty_answers(q)
    out["answer"] = answers
    if q.ask_target:
        out["target"] = np.where(np.isnan(answers), np.nan,
                                 np.clip(answers + rng.integers(0, 3, size=n), lo, hi))
    if q.ask_time:
        weights = rng.gamma(2.0, 1.0, size=n)
        shares = np.round(weights / weights.sum() * 100) / 100
        out["time_share"] = shares
        excess = float(shares.sum()) - 1.0
        if excess > 0:
            out.loc[int(np.argmax(shares)), "time_share"] = float(shares.max()) - excess
    return out


@dataclass
class Answers:
    """Answers ready to score, with where they came from.

    ``table`` is canonical (:data:`ANSWER_COLUMNS`); ``source`` is ``"file"`` (a file given),
    ``"saved"`` (the participant's latest saved answers) or ``"example"`` (nothing given:
    :func:`example_answers`, to be labelled as an example); ``about`` holds ``participant``,
    ``date`` and ``file`` where known.
    """

    table: pd.DataFrame
    source: str
    about: dict


def load_answers(q: Questionnaire, *, answers_file=None, folder=None, participant: str | None = None) -> Answers:
    """The answers to show: the file given, else the participant's latest saved answers, else an example.

    ``answers_file`` (CSV or Excel: the spreadsheet form or a saved file) is read and checked
    (:func:`parse_answers`: a clear error for anything wrong, the file untouched). Without it the
    latest file of ``participant`` (or, without a name, the latest of anyone) in ``folder`` is
    used; without any, :func:`example_answers`.
    """
    if answers_file is not None:
        table, about = read_answer_file(answers_file)
        return Answers(parse_answers(q, table, file=answers_file), "file", about)
    if folder is not None:
        found = latest_answers(folder, q.id, participant or None)
        if found:
            path, about = max(found, key=lambda x: (str(x[1].get("date") or ""), x[0].stat().st_mtime_ns))
            table, about = read_answer_file(path)
            return Answers(parse_answers(q, table, file=path), "saved", about)
    return Answers(example_answers(q), "example", {"participant": None, "date": None, "file": None})


def group_answers(q: Questionnaire, folder=None, *, example_size: int = 12) -> tuple[list[pd.DataFrame], bool]:
    """Every participant's latest answers in ``folder``, and whether they are example answers.

    Each readable file is checked (:func:`parse_answers`): a file that breaks a rule raises its
    clear error naming the file, so that the trainer can fix or remove it. Without a folder, or
    with a folder holding no answers to ``q``, ``example_size`` example participants
    (:func:`example_answers`) and True.
    """
    sets = []
    if folder is not None:
        for path, _about in latest_answers(folder, q.id):
            table, _ = read_answer_file(path)
            sets.append(parse_answers(q, table, file=path))
    if sets:
        return sets, False
    return [example_answers(q, i) for i in range(1, example_size + 1)], True


# =========================================================================== scoring
@dataclass
class AssessmentResult:
    """The result of :func:`assess`.

    Attributes
    ----------
    questions : DataFrame
        One row per question in the template's order: ``question_id``, ``section``, ``order``,
        ``weight``, ``section_weight``, ``answer``, ``target`` (the one that applies: the
        participant's, the question's or NaN when ``gap_below`` applies), ``threshold`` (the
        value below which the answer is a gap), ``level`` (0 … 1), ``gap`` (bool), ``gap_size``
        (scale points below the threshold, 0 when none), ``priority``, ``time_share``,
        ``evidence`` (measure id or None), ``measured`` (share or NaN), ``measured_point`` (on
        the scale), ``disagree`` (bool), ``measure_missing`` (what the data lacks, or "").
    sections : DataFrame
        One row per section: ``section``, ``weight``, ``questions``, ``answered``, ``score``
        (0 … 1, NaN when nothing is answered), ``target_score`` (the mean level of the targets,
        NaN without targets), ``gaps``, ``time_share`` (the section's total, NaN without times).
    overall : float
        The weighted mean of the section scores (NaN when nothing is answered).
    verdict : str or None
        The id of the verdict of ``overall`` (None without verdicts or answers).
    gaps : DataFrame
        The gaps ranked: ``rank``, ``question_id``, ``section``, ``answer``, ``threshold``,
        ``gap_size``, ``priority``.
    answered, total : int
        Questions answered and asked.
    """

    questions: pd.DataFrame
    sections: pd.DataFrame
    overall: float
    verdict: str | None
    gaps: pd.DataFrame
    answered: int
    total: int


def _measured(measured) -> tuple[dict, dict]:
    """Shares and missing ids from a mapping or a frame of :func:`kbcore.analyses.evidence.measure`."""
    if measured is None:
        return {}, {}
    if isinstance(measured, pd.DataFrame):
        values = dict(zip(measured["measure"], measured["value"], strict=True))
        miss = dict(zip(measured["measure"], measured.get("missing", pd.Series([""] * len(measured))),
                        strict=True))
        return values, {k: (v if isinstance(v, str) else "") for k, v in miss.items()}
    return dict(measured), {}


def assess(q: Questionnaire, answers: pd.DataFrame, *, measured=None, tolerance: float = 1.0) -> AssessmentResult:
    """Score ``answers`` (canonical, :func:`parse_answers`) of questionnaire ``q``.

    ``measured`` gives the evidence: a mapping ``{measure id: share or NaN}`` or the frame of
    :func:`kbcore.analyses.evidence.measure` (its ``missing`` column is kept). ``tolerance`` is
    how many scale points an answer may lie from the measured point before it disagrees. The
    formulas are the module's.
    """
    if tolerance < 0:
        raise ValueError("tolerance: pass a number of scale points, 0 or more")
    span = float(q.high - q.low)
    frame = q.frame()
    ans = answers.set_index("question_id").reindex(frame["question_id"])
    df = frame.assign(answer=ans["answer"].to_numpy(dtype=float),
                      own_target=ans["target"].to_numpy(dtype=float),
                      time_share=ans["time_share"].to_numpy(dtype=float))
    target = df["own_target"] if q.ask_target else df["fixed_target"]
    df["target"] = target.astype(float)
    df["threshold"] = df["target"].fillna(q.gap_below)
    answered = df["answer"].notna()
    df["level"] = (df["answer"] - q.low) / span
    df["gap_size"] = (df["threshold"] - df["answer"]).clip(lower=0).where(answered, 0.0)
    df["gap"] = answered & (df["gap_size"] > 0)
    max_sw = float(df["section_weight"].max())
    df["priority"] = (df["gap_size"] / span) * df["weight"] * df["section_weight"] / max_sw

    shares, missing = _measured(measured)
    df["measured"] = [float(shares.get(e, np.nan)) if e else np.nan for e in df["evidence"]]
    df["measure_missing"] = [missing.get(e, "") if e else "" for e in df["evidence"]]
    df["measured_point"] = q.low + df["measured"] * span
    df["disagree"] = answered & df["measured"].notna() & ((df["answer"] - df["measured_point"]).abs()
                                                         > tolerance + 1e-9)

    w = df["weight"].where(answered, 0.0)
    g = df.assign(_wl=w * df["level"].fillna(0), _w=w, _n=answered.astype(int),
                  _tl=df["weight"] * ((df["target"] - q.low) / span),
                  _tw=df["weight"].where(df["target"].notna(), 0.0))
    sec = g.groupby("section", sort=False).agg(questions=("question_id", "size"), answered=("_n", "sum"),
                                               _wl=("_wl", "sum"), _w=("_w", "sum"), _tl=("_tl", "sum"),
                                               _tw=("_tw", "sum"), gaps=("gap", "sum"),
                                               time_share=("time_share", lambda s: s.sum(min_count=1)))
    sec = sec.reindex([s.id for s in q.sections])
    sec["score"] = (sec["_wl"] / sec["_w"]).where(sec["_w"] > 0)
    sec["target_score"] = (sec["_tl"] / sec["_tw"]).where(sec["_tw"] > 0)
    sec["weight"] = [s.weight for s in q.sections]
    sec = sec.reset_index().rename(columns={"index": "section"})
    sections = sec[["section", "weight", "questions", "answered", "score", "target_score", "gaps", "time_share"]]
    sections = sections.astype({"questions": int, "answered": int, "gaps": int})

    scored = sections["score"].notna()
    overall = (float((sections.loc[scored, "score"] * sections.loc[scored, "weight"]).sum()
                     / sections.loc[scored, "weight"].sum()) if scored.any() else math.nan)
    verdict = None
    if q.verdicts and not math.isnan(overall):
        verdict = [v.id for v in q.verdicts if v.start <= overall + 1e-12][-1]

    gaps = (df[df["gap"]].sort_values(["priority", "order"], ascending=[False, True], kind="stable")
            [["question_id", "section", "answer", "threshold", "gap_size", "priority"]].reset_index(drop=True))
    gaps.insert(0, "rank", np.arange(1, len(gaps) + 1))
    questions = df[["question_id", "section", "order", "weight", "section_weight", "answer", "target",
                    "threshold", "level", "gap", "gap_size", "priority", "time_share", "evidence",
                    "measured", "measured_point", "disagree", "measure_missing"]]
    return AssessmentResult(questions=questions, sections=sections, overall=overall, verdict=verdict,
                            gaps=gaps, answered=int(answered.sum()), total=len(df))


# =========================================================================== the group
def consensus(values, low: float, high: float) -> float:
    """Tastle & Wierman's (2007) consensus of ordinal answers on the scale ``low … high``.

    ``Cns = 1 + Σ_i p_i · log2(1 − |X_i − μ| / (high − low))`` over the scale's values ``X_i``
    with shares ``p_i`` and mean ``μ``: 1 when all answers agree, 0 when they split evenly
    between the two ends. NaN without answers.
    """
    arr = np.asarray(values, dtype=float)
    arr = arr[~np.isnan(arr)]
    if arr.size == 0:
        return math.nan
    width = float(high - low)
    mu = arr.mean()
    xs, counts = np.unique(arr, return_counts=True)
    p = counts / counts.sum()
    inner = 1 - np.abs(xs - mu) / width
    return float(1 + np.sum(p * np.log2(np.clip(inner, 1e-12, None))))


@dataclass
class GroupView:
    """The result of :func:`group_view`.

    Attributes
    ----------
    distribution : DataFrame
        Question × scale value: how many participants gave that answer (``question_id`` and one
        column per scale value), plus ``not_answered``.
    questions : DataFrame
        Per question: ``question_id``, ``section``, ``order``, ``n`` (answers), ``mean``,
        ``median``, ``q1``, ``q3`` (quartiles), ``low``, ``high``, ``consensus`` (Tastle &
        Wierman), ``gaps`` (participants for whom it is a gap), ``mean_target`` (``ask_target``).
        Sorted by consensus ascending (least agreement first), then template order.
    sections : DataFrame
        Per participant (``participant`` 1 … n, anonymous, in the order of the files) and
        section: ``score``; plus the overall score under section ``"overall"``.
    participants : int
        How many answer sets.
    """

    distribution: pd.DataFrame
    questions: pd.DataFrame
    sections: pd.DataFrame
    participants: int


def group_view(q: Questionnaire, answer_sets: Sequence[pd.DataFrame]) -> GroupView:
    """The group's answers side by side, anonymous: distribution, spread and consensus per question.

    ``answer_sets`` are canonical answers (:func:`parse_answers`), one per participant (the
    reader keeps each participant's latest file). The formulas are the module's.
    """
    frame = q.frame()
    results = [assess(q, a) for a in answer_sets]
    if not results:
        empty = pd.DataFrame(columns=["question_id"])
        return GroupView(empty, empty, pd.DataFrame(columns=["participant", "section", "score"]), 0)
    ans = np.column_stack([r.questions["answer"].to_numpy(dtype=float) for r in results])
    gap = np.column_stack([r.questions["gap"].to_numpy(dtype=bool) for r in results])
    tgt = np.column_stack([r.questions["target"].to_numpy(dtype=float) for r in results])
    dist = pd.DataFrame({"question_id": frame["question_id"]})
    for v in q.values:
        dist[v] = (ans == v).sum(axis=1)
    dist["not_answered"] = np.isnan(ans).sum(axis=1)
    with np.errstate(all="ignore"):
        known = ~np.isnan(ans)
        n = known.sum(axis=1)
        stats = pd.DataFrame({
            "question_id": frame["question_id"], "section": frame["section"], "order": frame["order"],
            "n": n,
            "mean": np.where(n > 0, np.nanmean(np.where(known, ans, np.nan), axis=1) if ans.size else np.nan,
                             np.nan),
            "median": [np.nanmedian(row) if (~np.isnan(row)).any() else np.nan for row in ans],
            "q1": [np.nanpercentile(row, 25) if (~np.isnan(row)).any() else np.nan for row in ans],
            "q3": [np.nanpercentile(row, 75) if (~np.isnan(row)).any() else np.nan for row in ans],
            "low": [np.nanmin(row) if (~np.isnan(row)).any() else np.nan for row in ans],
            "high": [np.nanmax(row) if (~np.isnan(row)).any() else np.nan for row in ans],
            "consensus": [consensus(row, q.low, q.high) for row in ans],
            "gaps": gap.sum(axis=1),
            "mean_target": [np.nanmean(row) if (~np.isnan(row)).any() else np.nan for row in tgt],
        })
    stats = stats.sort_values(["consensus", "order"], na_position="last", kind="stable").reset_index(drop=True)
    rows = []
    for i, r in enumerate(results, start=1):
        rows += [{"participant": i, "section": s, "score": v} for s, v in zip(r.sections["section"],
                                                                             r.sections["score"], strict=True)]
        rows.append({"participant": i, "section": "overall", "score": r.overall})
    return GroupView(distribution=dist, questions=stats, sections=pd.DataFrame(rows), participants=len(results))

