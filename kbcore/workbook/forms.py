"""The spreadsheet forms of the questionnaires, for participants who prefer Excel to the notebook's form.

``kbcore build`` writes one form per questionnaire and language of its program:
``exercises/<prog>/<lang>/forms/<questionnaire>.xlsx``. The first sheet lists the questions
(section, question id, the question, a cell for the answer with a drop-down of the scale, the
target or the share of working time when the questionnaire asks for them, a comment); the
second asks for the participant's name and the date and says what to do with the file. Its
headers are the answer file's columns in the form's language, so the same reader
(:func:`kbcore.ingest.answers.read_answer_file`) reads the form, the notebook's saved answers and a
trainer's own table. The bytes are the same on every build (fixed document date), so
``kbcore build --check`` can compare them.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter

from kbcore.analyses.assessment import Questionnaire, questionnaires, read_questionnaire
from kbcore.i18n import t

__all__ = ["FORMS_DIR", "form_bytes", "form_files"]

FORMS_DIR = "forms"
_FIXED = dt.datetime(2026, 1, 1)   # the document's creation date: fixed, so that builds are identical


def form_bytes(q: Questionnaire, lang: str) -> bytes:
    """The XLSX form of questionnaire ``q`` in ``lang``, as bytes."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"title": q.title[lang], "created": _FIXED})
    head = wb.add_format({"bold": True, "bg_color": "#dce8f4", "text_wrap": True, "valign": "top", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    grey = wb.add_format({"font_color": "#8c8c8c", "valign": "top"})
    fill = wb.add_format({"bg_color": "#fff4c2", "border": 1, "valign": "top"})
    bold = wb.add_format({"bold": True})

    ws = wb.add_worksheet(t("assess.form.sheet", lang))
    cols = ["questionnaire", "section", "question_id", "question", "answer"]
    if q.ask_target:
        cols.append("target")
    if q.ask_time:
        cols.append("time_share")
    cols.append("comment")
    widths = {"questionnaire": 14, "section": 26, "question_id": 16, "question": 70, "answer": 30,
              "target": 30, "time_share": 16, "comment": 36}
    for j, c in enumerate(cols):
        ws.write(0, j, t(f"assess.col.{c}", lang), head)
        ws.set_column(j, j, widths[c])
    choices = [f"{p.value} — {p.label[lang]}" for p in q.scale]
    listed = sum(len(c) + 1 for c in choices) <= 250   # Excel's limit for a typed list
    for i, question in enumerate(q.questions, start=1):
        values = {"questionnaire": (q.id, grey), "section": (q.section(question.section).title[lang], wrap),
                  "question_id": (question.id, grey), "question": (question.text[lang], wrap),
                  "answer": ("", fill), "target": ("", fill), "time_share": ("", fill), "comment": ("", fill)}
        for j, c in enumerate(cols):
            ws.write_string(i, j, *values[c])
    last = len(q.questions)
    for c in ("answer", "target"):
        if c in cols:
            j = cols.index(c)
            rule = ({"validate": "list", "source": choices} if listed else
                    {"validate": "integer", "criteria": "between", "minimum": q.low, "maximum": q.high})
            ws.data_validation(1, j, last, j, {**rule, "error_message": t("assess.form.xlsx_scale", lang,
                                                                          low=q.low, high=q.high)})
    if "time_share" in cols:
        j = cols.index("time_share")
        ws.data_validation(1, j, last, j, {"validate": "decimal", "criteria": "between", "minimum": 0,
                                           "maximum": 100})
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, last, len(cols) - 1)

    about = wb.add_worksheet(t("assess.form.sheet_about", lang))
    about.set_column(0, 0, 22)
    about.set_column(1, 1, 90)
    about.write(0, 0, t("assess.col.participant", lang), bold)
    about.write_string(0, 1, "", fill)
    about.write(1, 0, t("assess.col.date", lang), bold)
    about.write_string(1, 1, "", fill)
    lines = [q.title[lang], *([q.intro[lang]] if q.intro else []),
             t("assess.form.xlsx_scale_line", lang, scale="; ".join(choices)),
             t("assess.form.xlsx_howto", lang, id=q.id)]
    for k, line in enumerate(lines, start=3):
        about.merge_range(k, 0, k, 1, line, bold if k == 3 else wrap)
        about.set_row(k, 15 * max(1, len(line) // 100 + 1))
    wb.close()
    return buf.getvalue()


def form_files(root, langs_of) -> dict[Path, bytes]:
    """Every questionnaire's form: ``{root/exercises/<prog>/<lang>/forms/<id>.xlsx: bytes}``.

    ``langs_of(program)`` gives a program's languages. The questionnaires are the packaged ones
    of ``root/data/templates`` (:func:`~kbcore.analyses.assessment.questionnaires`).
    """
    root = Path(root)
    folder = root / "data" / "templates"
    files = {}
    for qid in questionnaires(folder=folder):
        q = read_questionnaire(folder / f"{qid}.yaml")
        for lang in langs_of(q.program):
            files[root / "exercises" / q.program / lang / FORMS_DIR / f"{q.id}.xlsx"] = form_bytes(q, lang)
    return files
