"""Answer files of the questionnaires: reading a filled-in form, saving answers, finding a group's files.

One file holds one participant's answers to one questionnaire, whatever wrote it:

- the notebook's form saves a CSV (UTF-8 with a BOM, ``;``-separated, as Russian Excel opens it)
  with the columns ``questionnaire; participant; date; section; question_id; question; answer;
  target; time_share; comment``;
- the spreadsheet form the build writes (``exercises/<prog>/<lang>/forms/<id>.xlsx``) has the same
  columns under headers in the participant's language, and the participant's name and the date
  on a second sheet;
- any CSV or Excel table with at least ``question_id`` and ``answer`` columns (a trainer's own).

Headers are recognised by their id or by their text in any language of the catalogue
(``assess.col.<column>``). Files are only read here, never changed; :func:`save_answers` and
:class:`AnswerSession` never overwrite an earlier file: each new sitting gets a new file name
(``<questionnaire>__<participant>__<date>.csv``, then ``…__2.csv`` …). Within one sitting the form
keeps its own file up to date on every change (written to a temporary file and moved into place,
so that a crash never leaves half a file).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import pandas as pd

from kbcore.errors import TemplateError
from kbcore.i18n import LANGS, catalogue

__all__ = [
    "FILE_COLUMNS",
    "read_sheet",
    "read_answer_file",
    "answer_file_name",
    "participant_slug",
    "save_answers",
    "write_csv",
    "save_new_file",
    "Sitting",
    "AnswerSession",
    "answer_files",
    "latest_answers",
]

FILE_COLUMNS = ("questionnaire", "participant", "date", "section", "question_id", "question", "answer",
                "target", "time_share", "comment")
"""The columns of an answer file, in order."""

_EXCEL = (".xlsx", ".xlsm", ".xls", ".ods")
_SEP = "__"


def _error(kind: str, problem: str, file, **fields):
    raise TemplateError(problem, kind=kind, file=file, **fields)


def read_sheet(path, kind: str = "answers", *, sheet=0) -> pd.DataFrame:
    """A table from a CSV (``,`` or ``;``, UTF-8 with or without BOM) or an Excel file, as text.

    ``kind`` names the input in the errors (:data:`kbcore.errors.TEMPLATE_KINDS`): a missing
    file (``template.scores_not_found``), a CSV that is not UTF-8 (``template.scores_not_utf8``)
    or a file that is not a table (``template.scores_unreadable``) is a
    :class:`~kbcore.errors.TemplateError`. A ``;``-separated file may use decimal commas: they are
    left as text for the caller's parser.
    """
    path = Path(path)
    if not path.is_file():
        _error(kind, "scores_not_found", path)
    if path.suffix.lower() in _EXCEL:
        try:
            return pd.read_excel(path, dtype=str, sheet_name=sheet, engine="calamine")
        except Exception as exc:  # noqa: BLE001 - a broken workbook or a missing engine
            _error(kind, "scores_unreadable", path, reason=type(exc).__name__)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        _error(kind, "scores_not_utf8", path)
    first = text.splitlines()[0] if text.strip() else ""
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, skip_blank_lines=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        _error(kind, "scores_unreadable", path, reason=type(exc).__name__)


def _header_names() -> dict[str, str]:
    """Every way a header of :data:`FILE_COLUMNS` may be written (id or text in a language), folded."""
    names = {}
    cat = catalogue()
    for col in FILE_COLUMNS:
        names[col.casefold()] = col
        for lang in LANGS:
            text = cat.get(f"assess.col.{col}", {}).get(lang)
            if text:
                names[text.strip().casefold()] = col
    return names


def read_answer_file(path) -> tuple[pd.DataFrame, dict]:
    """The answer table of a file (headers as :data:`FILE_COLUMNS`) and its ``about``: participant, date.

    The table is text, as typed; the questionnaire's engine
    (:func:`kbcore.analyses.assessment.parse_answers`) checks it. ``about`` comes from the
    ``participant`` and ``date`` columns, else from the workbook's second sheet (the
    spreadsheet form's "about" sheet: name in B1, date in B2), else the file's name.
    """
    path = Path(path)
    table = read_sheet(path)
    names = _header_names()
    table = table.rename(columns=lambda c: names.get(str(c).strip().casefold(), str(c).strip()))
    about = {"participant": None, "date": None, "file": str(path)}
    for key in ("participant", "date"):
        if key in table.columns:
            values = [v for v in table[key].dropna().astype(str).str.strip() if v and v != "nan"]
            if values:
                about[key] = values[0]
    if path.suffix.lower() in _EXCEL and (about["participant"] is None or about["date"] is None):
        try:
            sheet = pd.read_excel(path, sheet_name=1, header=None, dtype=str, engine="calamine")
        except (ValueError, IndexError):   # no second sheet
            sheet = None
        if sheet is not None and sheet.shape[1] >= 2:
            cells = [None if pd.isna(v) else str(v).strip() for v in sheet.iloc[:2, 1].tolist()]
            cells += [None] * (2 - len(cells))
            about["participant"] = about["participant"] or cells[0] or None
            about["date"] = about["date"] or (cells[1][:10] if cells[1] else None)
    if about["participant"] is None:
        parts = path.stem.split(_SEP)
        about["participant"] = parts[1] if len(parts) >= 2 else path.stem
    return table, about


def participant_slug(name: str) -> str:
    """The participant's name as it goes into a file name: letters and digits of any script, ``-``."""
    slug = re.sub(r"[^\w]+", "-", str(name or "").strip(), flags=re.UNICODE).strip("-_")
    return slug[:60]


def answer_file_name(questionnaire: str, participant: str, date: dt.date, n: int = 1) -> str:
    """``<questionnaire>__<participant>__<YYYY-MM-DD>.csv`` (``…__<n>.csv`` from the second on)."""
    tail = "" if n == 1 else f"{_SEP}{n}"
    return f"{questionnaire}{_SEP}{participant_slug(participant)}{_SEP}{date.isoformat()}{tail}.csv"


def _file_table(answers: pd.DataFrame, questionnaire: str, participant: str, date: dt.date,
                questions: dict[str, tuple[str, str]] | None) -> pd.DataFrame:
    questions = questions or {}
    out = pd.DataFrame({
        "questionnaire": questionnaire, "participant": participant, "date": date.isoformat(),
        "section": [questions.get(q, ("", ""))[0] for q in answers["question_id"]],
        "question_id": answers["question_id"],
        "question": [questions.get(q, ("", ""))[1] for q in answers["question_id"]],
        "answer": answers["answer"].map(lambda v: "" if pd.isna(v) else f"{v:g}"),
        "target": answers["target"].map(lambda v: "" if pd.isna(v) else f"{v:g}"),
        "time_share": answers["time_share"].map(lambda v: "" if pd.isna(v) else f"{round(v * 100, 2):g}"),
        "comment": answers["comment"].fillna(""),
    })
    return out[list(FILE_COLUMNS)]


def write_csv(table: pd.DataFrame, path: Path, *, exclusive: bool) -> None:
    """Write ``table`` as the answer files are written (UTF-8 with a BOM, ``;``).

    ``exclusive``: create the file, and fail with ``FileExistsError`` if it exists (never replaces
    one); otherwise write a temporary file and move it into place (never half a file).
    """
    data = table.to_csv(sep=";", index=False, lineterminator="\n").encode("utf-8-sig")
    if exclusive:
        with open(path, "xb") as f:      # never replaces a file that exists
            f.write(data)
        return
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def save_new_file(body: pd.DataFrame, folder, *, name_id: str, participant: str, date: dt.date,
                  kind: str = "answers") -> Path:
    """Write ``body`` as a new file ``<name_id>__<participant>__<date>[__n].csv`` in ``folder``; never overwrites.

    An empty participant name (``template.answers_no_name``) or a folder that cannot be made
    (``template.answers_folder``) is a :class:`~kbcore.errors.TemplateError` of ``kind``.
    """
    if not participant_slug(participant):
        _error(kind, "answers_no_name", None)
    folder = Path(folder).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _error(kind, "answers_folder", folder, reason=type(exc).__name__)
    for n in range(1, 10_000):
        path = folder / answer_file_name(name_id, participant, date, n)
        try:
            write_csv(body, path, exclusive=True)
            return path
        except FileExistsError:
            continue
    raise RuntimeError(f"no free file name in {folder}")  # pragma: no cover


def save_answers(answers: pd.DataFrame, folder, *, questionnaire: str, participant: str,
                 date: dt.date | None = None, questions: dict[str, tuple[str, str]] | None = None) -> Path:
    """Save canonical answers as a new file in ``folder`` and return its path; never overwrites.

    ``questions`` maps a question id to (section title, question text) written beside the
    answers for people (one language). An empty participant name is a
    :class:`~kbcore.errors.TemplateError` (``template.answers_no_name``).
    """
    date = date or dt.date.today()
    return save_new_file(_file_table(answers, questionnaire, participant, date, questions), folder,
                         name_id=questionnaire, participant=participant, date=date)


class Sitting:
    """One sitting of a participant at a form: the first save makes a new file, later saves update it.

    ``body(table, participant, date)`` turns what is saved into the file's table. The first
    :meth:`save` picks a file name no earlier sitting used (:func:`save_new_file`), so earlier
    files are never overwritten; later saves rewrite this sitting's own file (a temporary file
    moved into place). ``path`` is None until the first save.
    """

    def __init__(self, folder, *, name_id: str, participant: str, body, date: dt.date | None = None,
                 kind: str = "answers"):
        self.folder, self.name_id, self.participant, self.kind = folder, name_id, participant, kind
        self.body, self.date, self.path = body, date, None

    def save(self, table: pd.DataFrame) -> Path:
        """Write ``table`` to this sitting's file and return its path."""
        self.date = self.date or dt.date.today()
        content = self.body(table, self.participant, self.date)
        if self.path is None:
            self.path = save_new_file(content, self.folder, name_id=self.name_id, participant=self.participant,
                                      date=self.date, kind=self.kind)
        else:
            write_csv(content, self.path, exclusive=False)
        return self.path


class AnswerSession(Sitting):
    """A sitting at a questionnaire's form (:class:`Sitting` writing the answer file's columns)."""

    def __init__(self, folder, *, questionnaire: str, participant: str, date: dt.date | None = None,
                 questions: dict[str, tuple[str, str]] | None = None):
        super().__init__(folder, name_id=questionnaire, participant=participant, date=date,
                         body=lambda answers, who, day: _file_table(answers, questionnaire, who, day, questions))
        self.questionnaire = questionnaire


def answer_files(folder, questionnaire: str) -> list[Path]:
    """The answer files of ``questionnaire`` in ``folder`` (CSV and Excel), sorted by name.

    A file belongs to the questionnaire when its name starts with ``<questionnaire>__`` or, for
    other names, when its ``questionnaire`` column names it. Temporary and hidden files are skipped.
    """
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~$")) or path.suffix.lower() not in (".csv", *_EXCEL):
            continue
        if path.name.startswith(questionnaire + _SEP):
            out.append(path)
            continue
        if _SEP in path.stem:
            continue    # a file saved for another questionnaire
        try:
            table, _ = read_answer_file(path)
        except TemplateError:
            continue
        if "questionnaire" in table.columns and (table["questionnaire"].astype(str).str.strip()
                                                 == questionnaire).any():
            out.append(path)
    return out


def latest_answers(folder, questionnaire: str, participant: str | None = None) -> list[tuple[Path, dict]]:
    """Each participant's latest answer file of ``questionnaire`` in ``folder``, with its ``about``.

    Latest by the date in the file (or its name), then by the sitting number; ``participant``
    keeps only that person (compared as :func:`participant_slug`, apart from case). Files that
    cannot be read are skipped here; reading them for scoring says what is wrong.
    """
    best: dict[str, tuple[tuple, Path, dict]] = {}
    for path in answer_files(folder, questionnaire):
        try:
            _, about = read_answer_file(path)
        except TemplateError:
            continue
        who = participant_slug(about["participant"]).casefold()
        if participant is not None and who != participant_slug(participant).casefold():
            continue
        parts = path.stem.split(_SEP)
        n = int(parts[3]) if len(parts) >= 4 and parts[3].isdigit() else 1
        key = (str(about.get("date") or ""), n, path.stat().st_mtime_ns)
        if who not in best or key > best[who][0]:
            best[who] = (key, path, about)
    return [(p, a) for _, p, a in sorted(best.values(), key=lambda x: x[1].name)]
