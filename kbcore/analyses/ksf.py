"""Block 6 · KSF/CSF: what clients value, and how we and our competitors score on it.

The seminar's model «KSF & CSF» (key / critical success factors, КФУ): the factors on which a
client chooses a supplier (delivery time, assortment in stock, price, payment terms, technical
advice, reliability, documents …), each with a weight (how much it matters to the client),
and a score of every player on every factor (1 = poor … 5 = excellent). The weighted score
says who the client would choose; the gaps per factor say where to invest::

    weighted_score(player) = Σ_f weight_f × score_{player, f}
    gap_to_best_f          = score_{us, f} − max over competitors of score_{c, f}
    weighted_gap_f         = weight_f × gap_to_best_f

A factor where we are behind the best competitor and that weighs a lot is the first to fix; a
factor where we are ahead is an argument for the sales pitch. (Sources: seminar program
block 6; the weighted factor table is the classic competitive-strength assessment, e.g.
A. A. Thompson, A. J. Strickland, *Strategic Management*, ch. "Competitive strength
assessment".)

The input is a small table the trainer or the sales team fills in: the editable template
``data/templates/ksf.csv`` (:data:`TEMPLATE`). Reading the file (:func:`read_ksf`) is kept
apart from the analysis (:func:`validate_ksf`, :func:`ksf_scores`), which takes a DataFrame.
The template holds an **example** (a typical industrial distributor), not the company's own
scores: a result computed from it carries ``example = True``, and every view of it says so.
The people's names of players and factors and the key figures are in :mod:`kbcore.views.ksf`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kbcore.errors import KBDataError
from kbcore.paths import TEMPLATES_DIR

__all__ = [
    "TEMPLATE",
    "US",
    "TEXT_COLUMNS",
    "SCALE",
    "KsfScores",
    "read_ksf",
    "validate_ksf",
    "with_scores",
    "ksf_scores",
]

TEMPLATE = TEMPLATES_DIR / "ksf.csv"
"""The editable KSF template (UTF-8 CSV): factor, factor_ru, weight, us, competitor_1, …"""
US = "us"
"""The column of our own scores."""
TEXT_COLUMNS = ("factor", "factor_ru", "note")
"""Text columns; every other column after ``weight`` is a player's scores."""
SCALE = (1.0, 5.0)
"""The default score range."""
_WEIGHT_TOL = 1e-6


# =========================================================================== I/O: the template
def read_ksf(path=TEMPLATE) -> pd.DataFrame:
    """Read a KSF table from a CSV (UTF-8, ``,`` or ``;``) or Excel file and validate it.

    This is the only function of the module that touches a file. A ``;``-separated file
    (Russian Excel's "CSV") may use decimal commas ("0,2"). Returns :func:`validate_ksf` of
    the table, so every error is a :class:`~kbcore.errors.KBDataError` naming the file;
    ``attrs["example"]`` is True when the file is the template (:data:`TEMPLATE`), whose
    scores are an example, not the company's.

    Parameters
    ----------
    path : str or Path
        Default: the template :data:`TEMPLATE`.
    """
    path = Path(path)
    if not path.is_file():
        raise KBDataError("ksf.file_missing", file=path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        raw = pd.read_excel(path, dtype=str)
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise KBDataError("ksf.encoding", file=path) from None
        first = text.splitlines()[0] if text.strip() else ""
        sep = ";" if first.count(";") > first.count(",") else ","
        raw = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, skip_blank_lines=True)
        if sep == ";":
            raw = raw.apply(lambda col: col.str.replace(",", ".", regex=False)
                            if col.name not in TEXT_COLUMNS else col)
    table = validate_ksf(raw, file=path)
    table.attrs["example"] = path.resolve() == Path(TEMPLATE).resolve()
    return table


# =========================================================================== the analysis
def validate_ksf(table: pd.DataFrame, *, scale=SCALE, file=None) -> pd.DataFrame:
    """Check a KSF table and return it clean: numbers as floats, weights summing to 1.

    Rules: columns ``factor``, ``weight``, ``us`` and at least one competitor column (any
    column that is not ``factor``, ``factor_ru`` or ``note``); at least one factor; factors
    unique and not empty; weights numbers ≥ 0 with a positive sum; scores numbers within
    ``scale`` (default 1–5; an empty score is not allowed). Weights that do not sum to 1 are
    normalised (weight / Σ weight) and the result's ``attrs["note"]`` says so
    (``"ksf.note.normalised"``, with ``attrs["weight_sum"]``).

    Raises
    ------
    KBDataError
        ``ksf.missing_columns``, ``ksf.no_competitors``, ``ksf.empty``,
        ``ksf.duplicate_factor``, ``ksf.not_number``, ``ksf.weight_negative``,
        ``ksf.weight_zero``, ``ksf.score_range`` — with the offending rows as examples.
    """
    lo, hi = float(scale[0]), float(scale[1])
    if not lo < hi:
        raise ValueError(f"scale must be (low, high) with low < high, not {scale!r}")
    df = table.copy()
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in ("factor", "weight", US) if c not in df.columns]
    if missing:
        raise KBDataError("ksf.missing_columns", file=file, column=", ".join(missing),
                          columns=", ".join(missing))
    players = [c for c in df.columns if c not in (*TEXT_COLUMNS, "weight")]
    players = [US] + [c for c in players if c != US]
    if len(players) < 2:
        raise KBDataError("ksf.no_competitors", file=file)
    df["factor"] = df["factor"].astype("string").str.strip()
    df = df.loc[df["factor"].notna() & (df["factor"] != "")].reset_index(drop=True)
    if df.empty:
        raise KBDataError("ksf.empty", file=file)
    dup = df["factor"][df["factor"].duplicated()]
    if len(dup):
        raise KBDataError("ksf.duplicate_factor", file=file, column="factor",
                          examples=[f"'{v}'" for v in dup.unique()])
    for col in ("weight", *players):
        values = pd.to_numeric(df[col].astype("string").str.strip(), errors="coerce")
        bad = values.isna()
        if bad.any():
            raise KBDataError(
                "ksf.not_number", file=file, column=col,
                examples=[f"{df.loc[i, 'factor']}: '{'' if pd.isna(df.loc[i, col]) else df.loc[i, col]}'"
                          for i in df.index[bad]])
        df[col] = values.astype("float64")
    neg = df["weight"] < 0
    if neg.any():
        raise KBDataError("ksf.weight_negative", file=file, column="weight",
                          examples=[f"{f}: {w:g}" for f, w in
                                    zip(df.loc[neg, "factor"], df.loc[neg, "weight"],
                                        strict=True)])
    total = float(df["weight"].sum())
    if total <= 0:
        raise KBDataError("ksf.weight_zero", file=file, column="weight")
    for col in players:
        out = (df[col] < lo) | (df[col] > hi)
        if out.any():
            raise KBDataError(
                "ksf.score_range", file=file, column=col, low=f"{lo:g}", high=f"{hi:g}",
                examples=[f"{f}: {v:g}" for f, v in zip(df.loc[out, "factor"],
                                                          df.loc[out, col], strict=True)])
    note = None
    if abs(total - 1.0) > _WEIGHT_TOL:
        df["weight"] = df["weight"] / total
        note = "ksf.note.normalised"
    if "factor_ru" in df.columns:
        df["factor_ru"] = df["factor_ru"].astype("string").str.strip()
    else:
        df["factor_ru"] = pd.Series(pd.NA, index=df.index, dtype="string")
    df = df[["factor", "factor_ru", "weight", *players]].reset_index(drop=True)
    df.attrs.update({"players": players, "note": note, "weight_sum": total, "scale": (lo, hi)})
    return df


@dataclass
class KsfScores:
    """The result of :func:`ksf_scores`.

    Attributes
    ----------
    factors : DataFrame
        One row per factor, by weight descending then factor: ``factor, factor_ru, weight``,
        the players' scores, ``best_competitor`` (the column name; ties → the first in the
        table), ``best_competitor_score``, ``gap_to_best`` (us − best competitor),
        ``weighted_gap`` (weight × gap_to_best).
    totals : DataFrame
        One row per player: ``player``, ``weighted_score``, ``rank`` (1 = best; ties share
        the rank), ``gap_to_us`` (weighted_score − ours); sorted by score descending, then
        "us" first, then the table's order.
    players : list of str
        "us" first, then the competitors in the table's order.
    note : str or None
        A catalogue id when the weights were normalised (its text takes ``total``).
    weight_sum : float
        The sum of the weights as they were written.
    example : bool
        True when the table is the template's example (:func:`read_ksf` of :data:`TEMPLATE`),
        not the company's own scores: whatever shows the result must say "example".
    """

    factors: pd.DataFrame
    totals: pd.DataFrame
    players: list = field(default_factory=list)
    note: str | None = None
    weight_sum: float = 1.0
    example: bool = False


def with_scores(table: pd.DataFrame, factor: str, **scores: float) -> pd.DataFrame:
    """A copy of a KSF table with the scores of one factor changed: a what-if for the workbook.

    ``with_scores(ksf_table, "Price", us=4)`` — what if a new price list lifted our price score
    to 4? Pass the result to :func:`ksf_scores` and read who leads.

    Parameters
    ----------
    table : DataFrame
        A KSF table (:func:`read_ksf`).
    factor : str
        The factor as written in the table (column ``factor``) or its Russian name
        (``factor_ru``).
    **scores : float
        A player's column (``us``, ``competitor_1`` …) and its new score on ``factor``.

    Returns
    -------
    DataFrame
        The table validated again (scores within its scale,
        :func:`validate_ksf`) with the table's ``example``, ``note`` and
        ``weight_sum``: a what-if on the template's example still says "example".

    Raises
    ------
    KeyError
        For a factor or a player that is not in the table.
    """
    names = table["factor"].astype("string").str.strip()
    row = names == str(factor).strip()
    if "factor_ru" in table.columns:
        row |= table["factor_ru"].astype("string").str.strip() == str(factor).strip()
    row = row.fillna(False).to_numpy(dtype=bool)
    if not row.any():
        raise KeyError(f"factor {factor!r} is not in the KSF table; its factors: {', '.join(map(str, names))}")
    players = table.attrs.get("players") or [c for c in table.columns if c not in ("factor", "factor_ru",
                                                                                    "note", "weight")]
    unknown = [p for p in scores if p not in players]
    if unknown:
        raise KeyError(f"player(s) {', '.join(unknown)} not in the KSF table; its players: {', '.join(players)}")
    out = table.copy()
    for player, score in scores.items():
        out[player] = out[player].astype("float64")
        out.loc[row, player] = float(score)
    out = validate_ksf(out, scale=table.attrs.get("scale", SCALE))
    out.attrs.update({k: table.attrs[k] for k in ("example", "note", "weight_sum") if k in table.attrs})
    return out


def ksf_scores(table: pd.DataFrame) -> KsfScores:
    """Weighted scores per player and our gap to the best competitor per factor.

    Parameters
    ----------
    table : DataFrame
        A KSF table (:func:`validate_ksf` is applied when it has not been).

    Returns
    -------
    KsfScores
        See the module's formulas; ``example`` carries ``table.attrs["example"]``.
    """
    example = bool(table.attrs.get("example", False))
    if "players" not in table.attrs:
        table = validate_ksf(table)
    players = list(table.attrs["players"])
    rivals = [p for p in players if p != US]
    f = table.copy()
    scores = f[rivals].to_numpy("float64")
    best = np.argmax(scores, axis=1)
    f["best_competitor"] = pd.Series([rivals[i] for i in best], index=f.index, dtype="string")
    f["best_competitor_score"] = scores.max(axis=1)
    f["gap_to_best"] = f[US] - f["best_competitor_score"]
    f["weighted_gap"] = f["weight"] * f["gap_to_best"]
    f = f.sort_values(["weight", "factor"], ascending=[False, True], kind="stable")
    f = f.reset_index(drop=True)
    f.attrs = {"scale": table.attrs.get("scale", SCALE)}
    weighted = {p: float((table["weight"] * table[p]).sum()) for p in players}
    totals = pd.DataFrame({"player": players, "weighted_score": [weighted[p] for p in players]})
    totals["order"] = np.arange(len(players))
    totals["rank"] = totals["weighted_score"].round(9).rank(ascending=False,
                                                            method="min").astype("int64")
    totals["gap_to_us"] = totals["weighted_score"] - weighted[US]
    totals = totals.sort_values(["weighted_score", "order"], ascending=[False, True],
                                kind="stable").drop(columns="order").reset_index(drop=True)
    totals["player"] = totals["player"].astype("string")
    return KsfScores(factors=f, totals=totals, players=players, note=table.attrs.get("note"),
                     weight_sum=float(table.attrs.get("weight_sum", 1.0)), example=example)
