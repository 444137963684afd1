"""Block 8 · The cross-functional key-account team as a RACI chart, and its check.

The seminar's block 8 builds a team of people from several departments around each key
account («Создание группы из различных сотрудников компании для проектной работы с К.А.»).
Who does what is written as a responsibility assignment matrix, RACI: for every activity of
the work with a key account (the rows) and every function of the company (the columns), a
letter — **R**esponsible (does the work), **A**ccountable (answers for the result; one per
activity), **C**onsulted (asked before), **I**nformed (told after) — as project management
uses it (e.g. PMI, *A Guide to the Project Management Body of Knowledge*); the
cross-functional key-account team after M. McDonald, B. Woodburn, *Key Account Management:
The Definitive Guide*, 2nd ed., 2007. The activities, the functions and the example filling
of the default template (:data:`TEMPLATE`, ``data/templates/ka_team_raci.yaml``) are **our
reading**; the trainer edits them.

* :func:`read_raci` — read and validate the template (:class:`Raci`);
* :func:`read_raci_answers` — read a chart a participant filled in (CSV or Excel);
* :func:`raci_table` — the chart as activities × functions of letters (the filled one, or the
  example);
* :func:`check_raci` — the findings: activities without an A, with several A, without an R;
  functions R or A on too many activities; functions without any letter.

A cell holds the letters of one function in one activity in the fixed order of
:data:`LETTERS` (``"A/R"``), or ``""`` when the function takes no part: an empty cell is the
participant's answer "no role", not an unknown. Like every analysis, the functions return
letters, ids and numbers; the labels are the template's own (en/ru/bg), chosen by the views.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kbcore.analyses._template import argument_number, read_template, template_error
from kbcore.ingest.answers import read_sheet
from kbcore.paths import TEMPLATES_DIR

__all__ = [
    "TEMPLATE",
    "LETTERS",
    "FINDINGS",
    "FINDING_COLUMNS",
    "Raci",
    "read_raci",
    "read_raci_answers",
    "raci_table",
    "check_raci",
]

TEMPLATE = TEMPLATES_DIR / "ka_team_raci.yaml"
"""The editable team chart (YAML, commented with its sources): an example until the trainer edits it."""
LETTERS = ("A", "R", "C", "I")
"""The letters of a cell, in the order a cell with several of them is written (``"A/R"``)."""
FINDINGS = ("no_accountable", "several_accountable", "no_responsible", "overloaded", "idle")
"""The ids of :func:`check_raci`'s findings, in the order they are listed."""
FINDING_COLUMNS = ["finding", "activity", "function", "functions", "count", "share"]
"""The columns of :func:`check_raci`'s result."""

_KIND = "raci"
_ANSWERS = "raci_answers"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP = ("id", "program", "block", "title", "intro", "source", "functions", "activities")
_LANGS = ("en", "ru", "bg")
_FUNCTION_FORM = "- {id: kam, label: {en: …, ru: …, bg: …}}"
_ACTIVITY_FORM = "- {id: account_plan, label: {en: …, ru: …, bg: …}, example: {kam: R, sales: A}}"
# separators people put between two letters, and the dashes they write for "no role"
_SEPARATORS = re.compile(r"[\s/,;+.\-–—]+")
# Cyrillic look-alikes typed on a Russian or Bulgarian keyboard: А and С are A and C
_LOOKALIKES = str.maketrans({"А": "A", "С": "C", "а": "A", "с": "C"})


@dataclass(frozen=True, eq=False)
class Raci:
    """A team chart as the template describes it.

    Attributes
    ----------
    functions : tuple of str
        The function ids (the columns), in the template's order.
    activities : tuple of str
        The activity ids (the rows), in the template's order.
    example : pandas.DataFrame
        The example filling: index ``activities``, columns ``functions``, cells of letters
        (``"A/R"``) or ``""``.
    labels : dict
        ``{"functions": {id: {lang: text}}, "activities": {id: {lang: text}}}``.
    texts : dict
        ``{"title" | "intro" | "source": {lang: text}}``.
    file : str or None
        The file it was read from.
    default : bool
        True when it is the packaged template (:data:`TEMPLATE`): an example, not the company's.
    """

    functions: tuple[str, ...]
    activities: tuple[str, ...]
    example: pd.DataFrame
    labels: dict
    texts: dict
    file: str | None = None
    default: bool = False


# =========================================================================== letters
def _normalise(cells: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(letters, bad)``: the cells written in :data:`LETTERS` order, and a mask of the unreadable ones.

    A cell is read apart from case, separators (``/ , ; +`` and spaces), dashes (``-`` is "no
    role") and the Cyrillic look-alikes А and С; a missing cell is ``""``. A cell holding
    anything but R, A, C and I is bad (its letters are ``""``).
    """
    raw = cells.astype("string").fillna("")
    flat = raw.stack() if len(raw.columns) else pd.Series([], dtype="string")
    text = (flat.str.translate(_LOOKALIKES).str.upper()
            .str.replace(_SEPARATORS, "", regex=True))
    bad = ~text.str.fullmatch(r"[RACI]*").fillna(False).astype(bool)
    text = text.where(~bad, "")
    parts = pd.DataFrame({x: np.where(text.str.contains(x, regex=False), x, "") for x in LETTERS},
                         index=text.index)
    joined = (parts["A"] + "/" + parts["R"] + "/" + parts["C"] + "/" + parts["I"]).str.replace(
        r"/+", "/", regex=True).str.strip("/")
    shape = dict(index=raw.index, columns=raw.columns)
    if not len(flat):
        return (pd.DataFrame("", **shape).astype(object), pd.DataFrame(False, **shape))
    letters = joined.astype(object).unstack().reindex(**shape).fillna("")
    return letters, bad.unstack().reindex(**shape).fillna(False).astype(bool)


def _has(table: pd.DataFrame, letter: str) -> pd.DataFrame:
    """A boolean frame: the cell holds ``letter``."""
    return table.apply(lambda col: col.astype(str).str.contains(letter, regex=False))


# =========================================================================== the template
def _fail(file, key, problem: str, **fields):
    template_error(_KIND, problem, file, key, **fields)


def _texts(value, file, key: str) -> dict:
    if not isinstance(value, dict) or any(not str(value.get(k) or "").strip() for k in _LANGS):
        _fail(file, key, "texts", langs="en, ru, bg")
    return {k: str(value[k]).strip() for k in _LANGS}


def _entries(raw, file, key: str, form: str, low: int, high: int, extra: tuple) -> list[dict]:
    """The list ``key`` of ``{id, label, …}`` entries, validated (count, ids, labels, keys)."""
    if not isinstance(raw, list):
        _fail(file, key, "wrong_shape", form=form)
    if not low <= len(raw) <= high:
        _fail(file, key, "count", low=str(low), high=str(high), n=len(raw))
    seen, out = set(), []
    for i, entry in enumerate(raw):
        where = f"{key}[{i}]"
        if not isinstance(entry, dict):
            _fail(file, where, "wrong_shape", form=form)
        odd = set(entry) - {"id", "label", *extra}
        if odd:
            _fail(file, where, "unknown_key", keys=", ".join(map(str, sorted(odd, key=str))),
                  allowed=", ".join(("id", "label", *extra)))
        if "id" not in entry:
            _fail(file, where, "missing_key", form=form)
        eid = entry["id"]
        if not isinstance(eid, str) or not _ID.match(eid):
            _fail(file, f"{where}.id", "bad_id", id=eid, example="account_plan")
        if eid in seen:
            _fail(file, f"{where}.id", "duplicate_id", id=eid)
        seen.add(eid)
        out.append({**entry, "label": _texts(entry.get("label"), file, f"{where}.label")})
    return out


def _raci(data, file, default: bool) -> Raci:
    if not isinstance(data, dict):
        _fail(file, None, "wrong_shape", form="functions: [...]\nactivities: [...]")
    odd = set(data) - set(_TOP)
    if odd:
        _fail(file, None, "unknown_key", keys=", ".join(map(str, sorted(odd, key=str))),
              allowed=", ".join(_TOP))
    for key, form in (("functions", _FUNCTION_FORM), ("activities", _ACTIVITY_FORM)):
        if key not in data:
            _fail(file, key, "missing_key", form=f"{key}:\n  {form}")
    texts = {k: _texts(data[k], file, k) for k in ("title", "intro", "source") if k in data}
    functions = _entries(data["functions"], file, "functions", _FUNCTION_FORM, 2, 15, ())
    activities = _entries(data["activities"], file, "activities", _ACTIVITY_FORM, 1, 30, ("example",))
    fids = [f["id"] for f in functions]
    aids = [a["id"] for a in activities]
    rows = []
    for i, act in enumerate(activities):
        example = act.get("example") or {}
        if not isinstance(example, dict):
            _fail(file, f"activities[{i}].example", "wrong_shape", form="{kam: R, sales: A}")
        wrong = sorted(set(map(str, example)) - set(fids))
        if wrong:
            _fail(file, f"activities[{i}].example", "raci_unknown_function", values=", ".join(wrong),
                  allowed=", ".join(fids))
        rows.append({str(k): "" if v is None else str(v) for k, v in example.items()})
    cells = pd.DataFrame(rows, index=pd.Index(aids, name="activity"), columns=fids, dtype=object)
    cells.columns.name = "function"
    letters, bad = _normalise(cells)
    if bad.to_numpy().any():
        act, fn = bad.stack().loc[lambda s: s].index[0]
        _fail(file, f"activities[{aids.index(act)}].example.{fn}", "raci_letters")
    labels = {"functions": {f["id"]: f["label"] for f in functions},
              "activities": {a["id"]: a["label"] for a in activities}}
    return Raci(tuple(fids), tuple(aids), letters, labels, texts,
                None if file is None else str(file), default)


def read_raci(path=None) -> Raci:
    """Read and validate a team chart template (YAML); default the packaged :data:`TEMPLATE`.

    Rules: ``functions`` (2–15) and ``activities`` (1–30) are lists of ``{id, label}`` with
    unique ids of lowercase Latin letters, digits and ``_`` and a label in en, ru and bg; an
    activity may have ``example: {function id: letters}`` (R, A, C, I, or several as
    ``A/R``); ``title``, ``intro`` and ``source`` when present are texts in en, ru and bg;
    ``id``, ``program`` and ``block`` are allowed and not checked.

    Raises
    ------
    TemplateError
        ``template.<problem>`` (a :class:`~kbcore.errors.KBDataError` and a ``ValueError``)
        naming the file, the key (``activities[2].example.finance``) and what to do.
    """
    data, path = read_template(_KIND, path, TEMPLATE)
    return _raci(data, path, path.resolve() == Path(TEMPLATE).resolve())


# =========================================================================== a filled chart
def _rows(positions) -> str:
    """Spreadsheet rows of table positions (the header is row 1): ``"3, 7"``."""
    return ", ".join(str(int(p) + 2) for p in positions)


def read_raci_answers(path, raci: Raci) -> pd.DataFrame:
    """Read a chart filled in by a participant: a CSV (``,`` or ``;``, UTF-8) or Excel file.

    The first column holds the activity ids (its header is free, e.g. ``activity``), the
    other columns are headed by function ids; cells hold R, A, C, I or several of them
    (``A/R``, ``a r``, ``A,R``), upper or lower case, or stay empty. Ids are read apart from
    case and surrounding spaces. Activities or functions of the template missing from the
    file are empty (no letters): :func:`check_raci` then reports them.

    Returns
    -------
    pandas.DataFrame
        Activities × functions (the template's order) of letters, as :func:`raci_table`.

    Raises
    ------
    TemplateError
        A missing or unreadable file (``template.scores_not_found`` …), no function column
        (``raci_no_columns``), an unknown function (``raci_unknown_function``) or activity
        (``raci_unknown_activity``, with its row), an activity given twice (``raci_twice``,
        rows), or cells that are not letters (``raci_letters``, with row and function).
        Rows are counted as in a spreadsheet, the header being row 1.
    """
    table = read_sheet(path, _ANSWERS)
    table = table.dropna(how="all")
    if len(table.columns) < 2:
        template_error(_ANSWERS, "raci_no_columns", path, allowed=", ".join(raci.functions))
    # a header repeated in a CSV arrives as "kam.1" (pandas renames it): read it back as "kam"
    functions = (pd.Index(table.columns[1:]).astype(str).str.strip().str.lower()
                 .str.replace(r"\.\d+$", "", regex=True))
    if functions.duplicated().any():
        template_error(_ANSWERS, "duplicate_id", path, id=functions[functions.duplicated()][0])
    unknown = [f for f in functions if f not in raci.functions]
    if unknown:
        template_error(_ANSWERS, "raci_unknown_function", path, values=", ".join(unknown),
                       allowed=", ".join(raci.functions))
    ids = table.iloc[:, 0].astype("string").str.strip().str.lower()
    where = np.arange(len(table))
    unknown = ~ids.isin(raci.activities).fillna(False).to_numpy()
    if unknown.any():
        template_error(_ANSWERS, "raci_unknown_activity", path, column=str(table.columns[0]),
                       values=", ".join(ids[unknown].fillna("").unique()), rows=_rows(where[unknown]),
                       allowed=", ".join(raci.activities))
    twice = ids.duplicated(keep=False).to_numpy()
    if twice.any():
        template_error(_ANSWERS, "raci_twice", path, column=str(table.columns[0]),
                       values=", ".join(ids[twice].unique()), rows=_rows(where[twice]))
    cells = pd.DataFrame(table.iloc[:, 1:].to_numpy(), index=pd.Index(ids.to_numpy(), name="activity"),
                         columns=pd.Index(functions, name="function"))
    letters, bad = _normalise(cells)
    if bad.to_numpy().any():
        pos = dict(zip(ids, where, strict=True))
        hits = bad.stack().loc[lambda s: s].index
        template_error(_ANSWERS, "raci_letters", path, examples=[
            f"{pos[a] + 2} · {f}: '{cells.loc[a, f]}'" for a, f in hits[:5]])
    return _frame(letters, raci)


def _frame(letters: pd.DataFrame, raci: Raci) -> pd.DataFrame:
    out = letters.reindex(index=list(raci.activities), columns=list(raci.functions)).fillna("")
    out.index.name, out.columns.name = "activity", "function"
    return out.astype(object)


def raci_table(raci: Raci, filled=None) -> pd.DataFrame:
    """The team chart: the ``filled`` one, or the template's example when ``filled`` is None.

    Parameters
    ----------
    raci : Raci
        :func:`read_raci`.
    filled : pandas.DataFrame, optional
        A chart of letters indexed by activity id with a column per function id (e.g.
        :func:`read_raci_answers`); its cells are read as :func:`read_raci_answers` reads them.

    Returns
    -------
    pandas.DataFrame
        Index the template's activities, columns its functions (in its order); cells of
        letters in :data:`LETTERS` order joined by ``/`` (``"A/R"``), ``""`` for no role
        (also for an activity or function the filled chart lacks).

    Raises
    ------
    TemplateError
        ``template.raci_unknown_activity`` / ``raci_unknown_function`` for ids the template
        does not know, ``template.raci_letters`` for cells that are not letters.
    """
    if filled is None:
        return _frame(raci.example, raci)
    filled = pd.DataFrame(filled)
    rows = pd.Index(filled.index).astype(str)
    cols = pd.Index(filled.columns).astype(str)
    wrong = [c for c in cols if c not in raci.functions]
    if wrong:
        template_error(_ANSWERS, "raci_unknown_function", values=", ".join(wrong),
                       allowed=", ".join(raci.functions))
    missing = ~rows.isin(raci.activities)
    if missing.any():
        template_error(_ANSWERS, "raci_unknown_activity", values=", ".join(rows[missing]),
                       rows=_rows(np.flatnonzero(missing)), allowed=", ".join(raci.activities))
    cells = pd.DataFrame(filled.to_numpy(), index=rows, columns=cols)
    letters, bad = _normalise(cells)
    if bad.to_numpy().any():
        template_error(_ANSWERS, "raci_letters", examples=[
            f"{a} · {f}: '{cells.loc[a, f]}'" for a, f in bad.stack().loc[lambda s: s].index[:5]])
    return _frame(letters, raci)


# =========================================================================== the check
def check_raci(table: pd.DataFrame, *, overload_share: float = 0.7) -> pd.DataFrame:
    """The findings of a team chart: what a RACI chart must not have.

    Rules (the RACI convention of project management, e.g. PMI's PMBOK Guide; the threshold
    of overload is our reading):

    * ``no_accountable`` — an activity without an A: nobody answers for the result;
    * ``several_accountable`` — an activity with more than one A (``count`` of them, the
      functions in ``functions``): the responsibility is split, so nobody has it;
    * ``no_responsible`` — an activity without an R: nobody does the work (an A/R cell counts
      as an R);
    * ``overloaded`` — a function that is R or A on more than ``overload_share`` of the
      activities: ``count`` = activities where it is R or A, ``share`` = count / activities;
    * ``idle`` — a function with no letter at all: it is in the team on paper only.

    Parameters
    ----------
    table : pandas.DataFrame
        Activities × functions of letters (:func:`raci_table`).
    overload_share : float, default 0.7
        The share of the activities, 0–1, above which a function's R or A is an overload.

    Returns
    -------
    pandas.DataFrame
        :data:`FINDING_COLUMNS`: one row per finding, in the order of :data:`FINDINGS` then
        of the chart; ``activity`` (for the activity findings) or ``function`` (for the
        function findings) is an id, the other is missing; ``functions`` is a tuple of the
        function ids involved; ``count`` an integer, ``share`` a float (missing where it does
        not apply). Empty when the chart has no finding.
    """
    overload_share = argument_number(overload_share, "overload_share", low=0, high=1)
    table = pd.DataFrame(table).fillna("").astype(str)
    acc, res = _has(table, "A"), _has(table, "R")
    any_letter = table.apply(lambda col: col.str.strip() != "")
    n_acc, n_res = acc.sum(axis=1), res.sum(axis=1)
    carries = (acc | res).sum(axis=0)
    share = carries / len(table) if len(table) else carries.astype(float) * np.nan
    holders = acc.apply(lambda row: tuple(row.index[row.to_numpy()]), axis=1) if len(table) else pd.Series(
        [], dtype=object)

    def activities(finding: str, mask: pd.Series, count: pd.Series, with_holders: bool) -> pd.DataFrame:
        idx = table.index[mask.to_numpy()]
        return pd.DataFrame({"finding": finding, "activity": idx.astype(str), "function": pd.NA,
                             "functions": list(holders[idx]) if with_holders else [()] * len(idx),
                             "count": count[idx].to_numpy(), "share": np.nan})

    def functions(finding: str, mask: pd.Series) -> pd.DataFrame:
        idx = table.columns[mask.to_numpy()]
        return pd.DataFrame({"finding": finding, "activity": pd.NA, "function": idx.astype(str),
                             "functions": [(f,) for f in idx.astype(str)],
                             "count": carries[idx].to_numpy(), "share": share[idx].to_numpy()})

    parts = [activities("no_accountable", n_acc == 0, n_acc, False),
             activities("several_accountable", n_acc > 1, n_acc, True),
             activities("no_responsible", n_res == 0, n_res, False),
             functions("overloaded", share > overload_share),
             functions("idle", ~any_letter.any(axis=0))]
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    if out is None:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in FINDING_COLUMNS})
    out["count"] = out["count"].astype("int64")
    out["share"] = out["share"].astype("float64")
    out["activity"] = out["activity"].astype("string")
    out["function"] = out["function"].astype("string")
    return out[FINDING_COLUMNS]
