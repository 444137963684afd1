"""Block 5 · The worksheet of the key clients' goals and tasks: reading, saving, finding the latest.

The seminar's block 5 asks for «анализ целей и задач, стоящих перед клиентами компании»: for
each key client, what the client wants to achieve (its goal), what that means for us (the task),
what we offer for it, by when and who on our side answers for it. One row per goal and task::

    client_id; goal; task; offer; due; owner

The notebook's widget (:func:`kbcore.widgets.worksheets.goals_worksheet`) or a CSV / Excel file
the participant fills in give the same table; the client card shows a client's rows.

Files follow the answers of the questionnaires (:mod:`kbcore.ingest.answers`): one file per
participant and sitting, ``client_goals__<participant>__<YYYY-MM-DD>.csv`` (then ``…__2.csv`` …),
UTF-8 with a BOM, ``;``-separated, with the columns ``worksheet; participant; date`` and the six
above. A new sitting never overwrites an earlier file; within a sitting the widget keeps its own
file up to date on every change (a temporary file moved into place). Headers are recognised by
their id or by their text in any language of the catalogue (``sa.ws.col.<column>``). The due date
is kept as typed ("2026-03-31", "IV кв. 2026"): a manager's deadline is not always a day.

Without any file the packaged example (``data/templates/client_goals_example.csv``, two demo key
accounts) is used, and every view says it is an example.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kbcore.errors import TemplateError
from kbcore.i18n import LANGS, catalogue
from kbcore.ingest.answers import Sitting, latest_answers, read_sheet, save_new_file
from kbcore.paths import TEMPLATES_DIR

__all__ = [
    "WORKSHEET_ID",
    "WORKSHEET_COLUMNS",
    "WORKSHEET_FILE_COLUMNS",
    "EXAMPLE_WORKSHEET",
    "Worksheet",
    "empty_worksheet",
    "parse_worksheet",
    "read_worksheet",
    "save_worksheet",
    "WorksheetSession",
    "latest_worksheet",
    "example_worksheet",
    "load_worksheet",
]

WORKSHEET_ID = "client_goals"
"""The worksheet's id: the start of its file names."""
WORKSHEET_COLUMNS = ("client_id", "goal", "task", "offer", "due", "owner")
"""The canonical worksheet: the client, its goal, our task, what we offer, by when, who answers for it."""
WORKSHEET_FILE_COLUMNS = ("worksheet", "participant", "date", *WORKSHEET_COLUMNS)
"""The columns of a saved worksheet file, in order."""
EXAMPLE_WORKSHEET = TEMPLATES_DIR / "client_goals_example.csv"
"""The packaged example: goals and tasks of two demo key accounts."""

_KIND = "worksheet"
_REQUIRED = ("client_id", "goal")


def _error(problem: str, file, **fields):
    raise TemplateError(problem, kind=_KIND, file=file, **fields)


def empty_worksheet() -> pd.DataFrame:
    """The canonical worksheet with no rows (every column text)."""
    return pd.DataFrame({c: pd.Series(dtype="string") for c in WORKSHEET_COLUMNS})


def _header_names() -> dict[str, str]:
    names = {}
    cat = catalogue()
    for col in (*WORKSHEET_FILE_COLUMNS,):
        names[col.casefold()] = col
        for lang in LANGS:
            text = cat.get(f"sa.ws.col.{col}", {}).get(lang)
            if text:
                names[text.strip().casefold()] = col
    return names


def _clean(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    return text.mask(text.isin(["", "nan", "None", "<NA>"])).fillna("")


def parse_worksheet(table: pd.DataFrame, *, file=None) -> pd.DataFrame:
    """Check a table of goals and tasks and return the canonical worksheet (:data:`WORKSHEET_COLUMNS`).

    Headers by id or by their catalogue text in any language; other columns are ignored; the
    optional columns (``task``, ``offer``, ``due``, ``owner``) may be absent. Rows with nothing
    written are skipped. A table without ``client_id`` or ``goal``, or a row with text but no
    client, raises a :class:`~kbcore.errors.TemplateError` naming the file, the rows and what to
    do. The table itself is not changed.
    """
    names = _header_names()
    table = table.rename(columns=lambda c: names.get(str(c).strip().casefold(), str(c).strip()))
    missing = [c for c in _REQUIRED if c not in table.columns]
    if missing:
        _error("scores_columns", file, missing=", ".join(missing), need=", ".join(WORKSHEET_COLUMNS))
    out = pd.DataFrame({c: _clean(table[c]) if c in table.columns else pd.Series([""] * len(table), dtype="string",
                                                                                 index=table.index)
                        for c in WORKSHEET_COLUMNS})
    written = (out != "").any(axis=1)
    rows = table.index + 2   # the header is line 1 of a sheet or a CSV
    orphan = written & (out["client_id"] == "")
    if orphan.any():
        _error("ws_no_client", file, examples=[f"line {r}" for r in rows[orphan.to_numpy()]])
    return out.loc[written].reset_index(drop=True).astype("string")


def read_worksheet(path) -> tuple[pd.DataFrame, dict]:
    """The canonical worksheet of a file (CSV or Excel) and its ``about``: participant, date, file."""
    path = Path(path)
    raw = read_sheet(path)
    names = _header_names()
    raw = raw.rename(columns=lambda c: names.get(str(c).strip().casefold(), str(c).strip()))
    about = {"participant": None, "date": None, "file": str(path)}
    for key in ("participant", "date"):
        if key in raw.columns:
            values = [v for v in _clean(raw[key]) if v]
            if values:
                about[key] = values[0]
    return parse_worksheet(raw, file=path), about


def _file_table(table: pd.DataFrame, participant: str, date: dt.date) -> pd.DataFrame:
    out = table.reindex(columns=list(WORKSHEET_COLUMNS)).fillna("").astype(str)
    out.insert(0, "date", date.isoformat())
    out.insert(0, "participant", participant)
    out.insert(0, "worksheet", WORKSHEET_ID)
    if out.empty:   # keep who and when even before the first row
        out = pd.DataFrame([{**dict.fromkeys(WORKSHEET_FILE_COLUMNS, ""), "worksheet": WORKSHEET_ID,
                             "participant": participant, "date": date.isoformat()}])
    return out[list(WORKSHEET_FILE_COLUMNS)]


def save_worksheet(table: pd.DataFrame, folder, *, participant: str, date: dt.date | None = None) -> Path:
    """Save a worksheet as a new file in ``folder`` and return its path; never overwrites.

    An empty participant name is a :class:`~kbcore.errors.TemplateError`
    (``template.answers_no_name``); a folder that cannot be made, ``template.answers_folder``
    (:func:`kbcore.ingest.answers.save_new_file`).
    """
    date = date or dt.date.today()
    return save_new_file(_file_table(parse_worksheet(table), participant, date), folder, name_id=WORKSHEET_ID,
                         participant=participant, date=date, kind=_KIND)


class WorksheetSession(Sitting):
    """One sitting at the worksheet: the first save makes a new file, later saves update that file."""

    def __init__(self, folder, *, participant: str, date: dt.date | None = None):
        super().__init__(folder, name_id=WORKSHEET_ID, participant=participant, date=date, kind=_KIND,
                         body=lambda table, who, day: _file_table(parse_worksheet(table), who, day))


def latest_worksheet(folder, participant: str | None = None) -> tuple[Path, dict] | None:
    """The latest worksheet file in ``folder`` (of ``participant``, or of anyone), or None."""
    found = latest_answers(folder, WORKSHEET_ID, participant or None)
    if not found:
        return None
    return max(found, key=lambda x: (str(x[1].get("date") or ""), x[0].name, x[0].stat().st_mtime_ns))


def example_worksheet() -> pd.DataFrame:
    """The packaged example worksheet (two demo key accounts): label it as an example.

    ``attrs["example"]`` is True, and the client card carries it over (its goals are marked).
    """
    table, _ = read_worksheet(EXAMPLE_WORKSHEET)
    table.attrs["example"] = True
    return table


@dataclass
class Worksheet:
    """A worksheet ready to show: ``table`` (canonical), ``source`` ("file", "saved" or "example"), ``about``."""

    table: pd.DataFrame
    source: str
    about: dict = field(default_factory=dict)

    @property
    def example(self) -> bool:
        """True for the packaged example (label it as an example wherever it is shown)."""
        return self.source == "example"


def load_worksheet(goals_file=None, *, folder=None, participant: str | None = None) -> Worksheet:
    """The worksheet to show: the file given, else the participant's latest saved one, else the example.

    ``goals_file`` (CSV or Excel) is read and checked (:func:`parse_worksheet`); without it the
    latest file of ``participant`` (or of anyone, without a name) in ``folder``; without any, the
    packaged example (:func:`example_worksheet`).
    """
    if goals_file is not None:
        table, about = read_worksheet(goals_file)
        return Worksheet(table, "file", about)
    if folder is not None:
        found = latest_worksheet(folder, participant)
        if found is not None:
            table, about = read_worksheet(found[0])
            return Worksheet(table, "saved", about)
    return Worksheet(example_worksheet(), "example", {"participant": None, "date": None, "file": None})
