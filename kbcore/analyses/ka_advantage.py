"""Block 7 · Key accounts as a source of competitive advantage: an editable checklist, scored per account.

The seminar's block 7 asks what the key accounts («К.А.») give the company beyond their money
(«К.А.» как инструмент создания дополнительных конкурентных преимуществ компании) and which
of the company's goals they serve. The author's list is unpublished; the default checklist
(:data:`TEMPLATE`, ``data/templates/ka_advantage.yaml``) is **our reading** of the public
literature on the relational value of key customers:

* M. McDonald, T. Millman, B. Rogers, "Key account management: theory, practice and
  challenges", *Journal of Marketing Management* 13(8), 1997 (key accounts as a source of
  learning, reference and stability);
* A. Walter, T. Ritter, H. G. Gemünden, "Value creation in buyer–seller relationships",
  *Industrial Marketing Management* 30(4), 2001 (direct functions of a customer: profit,
  volume, safeguard; indirect: innovation, market access, market information, reference).

Each item of the checklist serves a company goal (:data:`GOALS`) and is scored 0 (no),
1 (partly) or 2 (yes) per key account: from the data when it names a ``measure`` with two
thresholds, by hand (``measure: manual``) otherwise. A manual item without the trainer's
score is **missing**, never 0.

* :func:`load_advantage_template` / :func:`advantage_template` — read and validate the checklist;
* :func:`read_scores_table` — read a manual score table (CSV or Excel) into a DataFrame (also
  used for the portfolio matrix's manual scores);
* :func:`advantage_scores` — the scores per key account and the coverage of every item;

Like every analysis, the functions return numbers and ids; the texts of the items are the
template's own (en/ru/bg), chosen by the views.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kbcore.analyses._template import read_template, template_error, template_number
from kbcore.ingest.answers import read_sheet
from kbcore.paths import TEMPLATES_DIR
from kbcore.schema import C

__all__ = [
    "TEMPLATE",
    "MANUAL",
    "LEVELS",
    "GOALS",
    "DERIVED",
    "SCORE_COLUMNS",
    "ITEM_COLUMNS",
    "AdvantageItem",
    "AdvantageTemplate",
    "AdvantageResult",
    "advantage_template",
    "load_advantage_template",
    "read_scores_table",
    "advantage_scores",
]

TEMPLATE = TEMPLATES_DIR / "ka_advantage.yaml"
"""The editable checklist (YAML, commented with its sources): an example until the trainer edits it."""
MANUAL = "manual"
"""The ``measure`` of an item scored by hand."""
LEVELS = (0, 1, 2)
"""The scores of an item: 0 = no, 1 = partly, 2 = yes."""
GOALS = ("growth", "new_clients", "new_markets", "lower_costs", "stability", "innovation",
         "market_knowledge", "defence")
"""The company goals an item may serve (block 5's goals and the literature's indirect functions)."""
DERIVED = ("revenue_share",)
"""Measures computed here: ``revenue_share`` = revenue_12m / Σ revenue_12m of all clients."""
SCORE_COLUMNS = [C.client_id, "total", "known", "max_total", "index", "coverage"]
"""The columns of :attr:`AdvantageResult.scores` besides one column per item (after client_id)."""
ITEM_COLUMNS = ["item", "goal", "measure", "kind", "scored", "coverage", "mean", "yes", "partly",
                "no"]
"""The columns of :attr:`AdvantageResult.items`."""


# =========================================================================== the template
@dataclass(frozen=True)
class AdvantageItem:
    """One item of the checklist.

    Attributes
    ----------
    id : str
        The item's id (a template key): also its score column.
    text : dict
        ``{lang: text}`` for en, ru and bg.
    goal : str
        One of :data:`GOALS`.
    measure : str
        A measure column (or one of :data:`DERIVED`), or :data:`MANUAL`.
    thresholds : tuple of float or None
        ``(for_1, for_2)`` ascending; None for a manual item.
    """

    id: str
    text: dict
    goal: str
    measure: str
    thresholds: tuple[float, float] | None = None

    @property
    def manual(self) -> bool:
        """True when the item is scored by hand."""
        return self.measure == MANUAL


@dataclass(frozen=True)
class AdvantageTemplate:
    """The checklist as a template describes it.

    Attributes
    ----------
    items : tuple of AdvantageItem
        In the template's order.
    file : str or None
        The file it was read from.
    example : bool
        True when it is the packaged default (:data:`TEMPLATE`): an example, not the company's.
    """

    items: tuple[AdvantageItem, ...]
    file: str | None = None
    example: bool = False


_KIND = "advantage"
_ITEM_FORM = "{text: {en: …, ru: …, bg: …}, goal: growth, measure: manual}"


def _fail(file, key, problem: str, **fields):
    template_error(_KIND, problem, file, key, **fields)


def _number(value, file, key: str) -> float:
    return template_number(_KIND, value, file, key, example="0.3", what="threshold")


def advantage_template(data: dict, *, file=None, example: bool = False) -> AdvantageTemplate:
    """Validate a checklist given as a dict (the parsed YAML).

    Rules: a top-level ``items`` mapping with 1–12 items; each item has ``text`` with en, ru and
    bg (non-empty), a ``goal`` of :data:`GOALS` and a ``measure`` (a column name or ``manual``);
    a measured item has ``thresholds: [for_1, for_2]`` (numbers, for_1 < for_2); a manual item
    has none.

    Raises
    ------
    TemplateError
        A :class:`~kbcore.errors.KBDataError` (and a ``ValueError``) ``template.<problem>``
        naming the file, the key (``items.volume.thresholds``), the problem and what to do.
    """
    if not isinstance(data, dict):
        _fail(file, None, "wrong_shape", form=f"items: {{reference: {_ITEM_FORM}, …}}")
    if set(data) != {"items"}:
        odd = set(data) - {"items"}
        if odd:
            _fail(file, None, "unknown_key", keys=", ".join(map(str, sorted(odd, key=str))),
                  allowed="items")
        _fail(file, "items", "missing_key", form=f"items: {{reference: {_ITEM_FORM}, …}}")
    raw = data["items"]
    if not isinstance(raw, dict):
        _fail(file, "items", "wrong_shape", form=f"items: {{reference: {_ITEM_FORM}, …}}")
    if not 1 <= len(raw) <= 12:
        _fail(file, "items", "count", low="1", high="12", n=len(raw))
    items = []
    for iid, spec in raw.items():
        where = f"items.{iid}"
        if not isinstance(spec, dict):
            _fail(file, where, "wrong_shape", form=_ITEM_FORM)
        extra = set(spec) - {"text", "goal", "measure", "thresholds"}
        if extra:
            _fail(file, where, "unknown_key", keys=", ".join(map(str, sorted(extra, key=str))),
                  allowed="text, goal, measure, thresholds")
        text = spec.get("text")
        if not isinstance(text, dict) or any(not str(text.get(k) or "").strip()
                                             for k in ("en", "ru", "bg")):
            _fail(file, f"{where}.text", "texts", langs="en, ru, bg")
        goal = spec.get("goal")
        if goal not in GOALS:
            _fail(file, f"{where}.goal", "unknown_goal", what="goal", value=goal, allowed=", ".join(GOALS))
        measure = spec.get("measure")
        if not isinstance(measure, str) or not measure.strip():
            _fail(file, f"{where}.measure", "missing_key", form=f"measure: {MANUAL}")
        measure = measure.strip()
        thresholds = spec.get("thresholds")
        if measure == MANUAL:
            if thresholds is not None:
                _fail(file, f"{where}.thresholds", "manual_thresholds")
            cuts = None
        else:
            if not isinstance(thresholds, (list, tuple)) or len(thresholds) != 2:
                _fail(file, f"{where}.thresholds", "not_pair", value=thresholds, form="[0.1, 0.3]")
            cuts = (_number(thresholds[0], file, f"{where}.thresholds[0]"),
                    _number(thresholds[1], file, f"{where}.thresholds[1]"))
            if not cuts[0] < cuts[1]:
                _fail(file, f"{where}.thresholds", "not_ascending", form="[0.1, 0.3]")
        items.append(AdvantageItem(str(iid), {k: str(text[k]) for k in ("en", "ru", "bg")},
                                   goal, measure, cuts))
    return AdvantageTemplate(tuple(items), None if file is None else str(file), example)


def load_advantage_template(path=None) -> AdvantageTemplate:
    """Read and validate a checklist (YAML); default the packaged example :data:`TEMPLATE`.

    ``example`` is True when the file is the packaged template. Raises a
    :class:`~kbcore.errors.TemplateError` (a ``KBDataError`` and a ``ValueError``) when
    the file is missing, is not YAML or breaks a rule of :func:`advantage_template`.
    """
    data, path = read_template(_KIND, path, TEMPLATE)
    return advantage_template(data, file=path, example=path.resolve() == Path(TEMPLATE).resolve())


def read_scores_table(path, *, kind: str = "scores") -> pd.DataFrame:
    """Read a table of manual scores from a CSV (``,`` or ``;``, UTF-8) or Excel file.

    Returns the table as text columns (the scoring functions convert and validate the
    numbers). A ``;``-separated file may use decimal commas. Raises a
    :class:`~kbcore.errors.TemplateError` (``template.scores_not_found``,
    ``template.scores_not_utf8``, ``template.scores_unreadable``) when the file is missing or
    unreadable (:func:`kbcore.ingest.answers.read_sheet`, which reads the questionnaires'
    answer files too); ``kind`` (a :data:`~kbcore.errors.TEMPLATE_KINDS` entry, default
    ``"scores"``) names the table in those messages.
    """
    table = read_sheet(path, kind)
    if "score" in table.columns:
        table["score"] = table["score"].str.replace(",", ".", regex=False)
    return table


# =========================================================================== the scores
@dataclass
class AdvantageResult:
    """The result of :func:`advantage_scores`.

    Attributes
    ----------
    scores : DataFrame
        One row per key account: ``client_id``, one column per item (0/1/2, NaN = missing),
        ``total`` (Σ of the known scores), ``known`` (items scored), ``max_total`` (2 × known),
        ``index`` (total / max_total, NaN when nothing is known), ``coverage`` (known / items).
        Sorted by index descending (unknown last), then total descending, then client_id.
    items : DataFrame
        :data:`ITEM_COLUMNS`: per item its goal, measure, kind (``"measured"``/``"manual"``),
        ``scored`` (accounts with a score), ``coverage`` (scored / accounts), ``mean`` score,
        and the counts of 2 (``yes``), 1 (``partly``) and 0 (``no``).
    missing : list of str
        Items no account has a score for; ``"key_accounts"`` when there is no account.
    example : bool
        The checklist is the packaged example.
    manual_given : bool
        A manual score table was given.
    """

    scores: pd.DataFrame
    items: pd.DataFrame
    missing: list = field(default_factory=list)
    example: bool = False
    manual_given: bool = False


def _ids(values) -> pd.Series:
    return pd.Series(values).astype("string").str.strip()


def _measure_table(frames) -> pd.DataFrame:
    """The frames' columns by client_id (the first frame that has a column wins)."""
    out = None
    for frame in frames:
        if frame is None or C.client_id not in frame.columns:
            continue
        f = frame.assign(**{C.client_id: _ids(frame[C.client_id]).to_numpy()}).drop_duplicates(C.client_id)
        f = f.set_index(C.client_id)
        if out is None:
            out = f
        else:
            new = [c for c in f.columns if c not in out.columns]
            out = out.join(f[new], how="outer")
    if out is None:
        return pd.DataFrame(index=pd.Index([], dtype="string", name=C.client_id))
    if "revenue_12m" in out.columns and "revenue_share" not in out.columns:
        rev = pd.to_numeric(out["revenue_12m"], errors="coerce").astype("float64")
        total = float(rev.clip(lower=0).sum())
        out["revenue_share"] = rev / total if total > 0 else np.nan
    return out


_SCORES = "advantage_scores"


def _rows(manual: pd.DataFrame, mask) -> list[str]:
    """A few offending rows of the manual table, as typed: ``A · reference · 3``."""
    cols = [c for c in (C.client_id, "item", "score") if c in manual.columns]
    return [" · ".join(str(v).strip() for v in r)
            for r in manual.loc[mask, cols].head(5).itertuples(index=False)]


def _manual_table(manual, template: AdvantageTemplate) -> pd.DataFrame:
    names = [i.id for i in template.items if i.manual]
    if manual is None or not len(manual):
        return pd.DataFrame(columns=names, index=pd.Index([], dtype="string"), dtype="float64")
    need = {C.client_id, "item", "score"}
    if not need <= set(manual.columns):
        template_error(_SCORES, "scores_columns", missing=", ".join(sorted(need - set(manual.columns))),
                       need=f"{C.client_id}, item, score")
    m = pd.DataFrame({C.client_id: _ids(manual[C.client_id]).to_numpy(),
                      "item": _ids(manual["item"]).to_numpy(),
                      "score": pd.to_numeric(pd.Series(manual["score"]).to_numpy(), errors="coerce")})
    wrong = sorted(set(m["item"].dropna()) - set(names))
    if wrong:
        template_error(_SCORES, "scores_unknown", column="item", values=", ".join(wrong),
                       allowed=", ".join(names) or "—")
    bad = ~m["score"].isin(LEVELS)
    if bad.any():
        template_error(_SCORES, "scores_levels", column="score", examples=_rows(manual, bad.to_numpy()))
    twice = m.duplicated([C.client_id, "item"], keep=False)
    if twice.any():
        template_error(_SCORES, "scores_twice", column=f"{C.client_id}, item",
                       examples=_rows(manual, twice.to_numpy()))
    return m.pivot(index=C.client_id, columns="item", values="score").reindex(columns=names).astype("float64")


def advantage_scores(template: AdvantageTemplate, key_accounts, *frames, manual=None) -> AdvantageResult:
    """Score every key account 0/1/2 on each item of the checklist.

    Parameters
    ----------
    template : AdvantageTemplate
        :func:`load_advantage_template`.
    key_accounts : iterable of str
        The accounts to score.
    *frames : DataFrame
        Tables by ``client_id`` holding the measures the items name (e.g.
        :func:`~kbcore.analyses.ka_portfolio.portfolio_measures` and
        :func:`~kbcore.analyses.profile.client_features`); the first frame with a column wins.
        They should hold **every** client: ``revenue_share`` is computed over all of them.
    manual : DataFrame, optional
        The manager's scores: ``client_id, item, score`` (0, 1 or 2), one row per account and
        manual item (:func:`read_scores_table`).

    Returns
    -------
    AdvantageResult

    Notes
    -----
    ::

        measured item, value v, thresholds (t1, t2):
            score = 2 if v ≥ t2;  1 if t1 ≤ v < t2;  0 if v < t1;  missing if v unknown
            (a measure no frame has is missing for every account)
        revenue_share = revenue_12m / Σ revenue_12m over all clients of the frames (negatives as 0)
        manual item:  score = the typed score; missing when not typed
        total = Σ known scores;  known = number of known scores;  max_total = 2 × known
        index = total / max_total  (NaN when known = 0);  coverage = known / number of items

    Source: our reading of McDonald, Millman & Rogers (1997) and Walter, Ritter & Gemünden (2001);
    the 0/1/2 scale and the thresholds are the template's, to be replaced by the trainer.
    """
    ids = pd.Index(_ids(list(key_accounts) if key_accounts is not None else [])).dropna().unique()
    ids = pd.Index(ids, dtype="string", name=C.client_id).sort_values()
    table = _measure_table(frames)
    hand = _manual_table(manual, template)
    out = pd.DataFrame(index=ids)
    for item in template.items:
        if item.manual:
            out[item.id] = hand[item.id].reindex(ids).to_numpy(dtype="float64") if len(ids) else []
            continue
        if item.measure in table.columns:
            v = pd.to_numeric(table[item.measure], errors="coerce").astype("float64").reindex(ids)
            v = v.to_numpy(dtype="float64")
        else:
            v = np.full(len(ids), np.nan)
        t1, t2 = item.thresholds
        s = np.where(v >= t2, 2.0, np.where(v >= t1, 1.0, 0.0))
        out[item.id] = np.where(np.isnan(v), np.nan, s)
    names = [i.id for i in template.items]
    values = out[names].to_numpy(dtype="float64") if len(names) else np.empty((len(ids), 0))
    known = (~np.isnan(values)).sum(axis=1)
    out["total"] = np.nansum(values, axis=1) if len(ids) else []
    out["known"] = known.astype("int64")
    out["max_total"] = (2 * known).astype("int64")
    out["index"] = np.where(known > 0, out["total"] / np.where(known > 0, 2 * known, 1), np.nan)
    out["coverage"] = known / len(names)
    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    out = out.sort_values(["index", "total", C.client_id], ascending=[False, False, True],
                          na_position="last", kind="mergesort").reset_index(drop=True)
    out = out[[C.client_id, *names, *SCORE_COLUMNS[1:]]]
    n = len(ids)
    rows = []
    for item in template.items:
        col = out[item.id]
        scored = int(col.notna().sum())
        rows.append({"item": item.id, "goal": item.goal, "measure": item.measure,
                     "kind": "manual" if item.manual else "measured", "scored": scored,
                     "coverage": scored / n if n else np.nan,
                     "mean": float(col.mean()) if scored else np.nan,
                     "yes": int((col == 2).sum()), "partly": int((col == 1).sum()),
                     "no": int((col == 0).sum())})
    items = pd.DataFrame(rows, columns=ITEM_COLUMNS)
    for c in ("item", "goal", "measure", "kind"):
        items[c] = items[c].astype("string")
    missing = [r["item"] for r in rows if r["scored"] == 0]
    if not n:
        missing.append("key_accounts")
    return AdvantageResult(out, items, missing, template.example,
                           manual is not None and len(manual) > 0)


# =========================================================================== candidates
