"""Block 6 · How to manage the customer base: Pareto, ABC, XYZ, ABC×XYZ and RFM segmentation.

The seminar's block 6 («Как управлять клиентской базой»: «закон В. Парето», «сегментирование
КБ», «управление КБ на принципах CRM») turned into numbers:

* :func:`pareto` / :func:`pareto_table` / :func:`pareto_curves` — how far the company is from
  (or beyond) 80/20, for revenue and for client profit;
* :func:`abc` / :func:`abc_summary` — ABC classes by any measure (revenue, gross margin,
  profit) with the cumulative-share cuts as parameters;
* :func:`xyz` — XYZ classes by the regularity of monthly purchases (coefficient of variation);
* :func:`abc_xyz_matrix` / :data:`ABC_XYZ_ACTIONS` — the nine (+ "new") cells with the
  catalogue id of a management action for each;
* :func:`rfm` / :class:`RFMRules` / :data:`RFM_GRID` / :func:`rfm_summary` — recency,
  frequency, monetary scores with an explicit tie-safe rule and named segments (segment ids).

Every function starts from a :class:`~kbcore.facts.Facts` context (or from a client table such
as block 1's :func:`~kbcore.analyses.profitability.client_pnl`), never reads files, never
plots, never prints, and returns numbers and ids: the people's words (action texts, the RFM
rule table, the key figures) are in :mod:`kbcore.views.segmentation`. Ties are always broken by
``client_id``, never by row order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kbcore.analyses._window import span
from kbcore.facts import Facts, period_bounds
from kbcore.schema import C

__all__ = [
    "ABC_CLASSES",
    "XYZ_CLASSES",
    "ABC_XYZ_ACTIONS",
    "RFM_SEGMENTS",
    "RFM_GRID",
    "RFMRules",
    "DEFAULT_RFM_RULES",
    "XYZ_THRESHOLDS_CLASSIC",
    "XYZ_THRESHOLDS_CLIENTS",
    "last_full_months",
    "pareto",
    "pareto_table",
    "pareto_curves",
    "abc",
    "abc_summary",
    "xyz",
    "xyz_summary",
    "abc_xyz_matrix",
    "rfm",
    "rfm_summary",
]

ABC_CLASSES = ("A", "B", "C")
XYZ_CLASSES = ("X", "Y", "Z", "N")
"""XYZ classes; ``"N"`` = new / too short a history to judge regularity."""

XYZ_THRESHOLDS_CLASSIC = (0.10, 0.25)
"""The usual bounds of Russian XYZ practice (CV ≤ 10 % → X, ≤ 25 % → Y): made for the demand of
an item; the default of :func:`xyz`."""

XYZ_THRESHOLDS_CLIENTS = (0.50, 1.00)
"""Bounds for the monthly purchases of B2B clients (our reading): a client that buys every few
weeks has a monthly CV far above 25 %, so with the classic bounds nearly everybody is Z. On the
demo company (last 12 months) these give about 7 % X, 26 % Y, 57 % Z."""

_EPS = 1e-12


def last_full_months(as_of, months: int = 12) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The last ``months`` full calendar months up to ``as_of``: (first day, last day).

    ``as_of`` itself ends the window when it is the last day of its month; otherwise the
    window ends with the previous month (a partial month would look like a drop in purchases).
    """
    if int(months) < 1:
        raise ValueError(f"months must be ≥ 1, not {months!r}")
    at = pd.Timestamp(as_of).normalize()
    month_end = at + pd.offsets.MonthEnd(0)
    end = at if at == month_end else at.replace(day=1) - pd.Timedelta(days=1)
    start = (end.replace(day=1) - pd.DateOffset(months=int(months) - 1)).normalize()
    return pd.Timestamp(start), pd.Timestamp(end)


def _check_share(name: str, value: float) -> None:
    if not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 < value <= 1:
        raise ValueError(f"{name} must be a share in (0, 1], not {value!r}")


def _top_count(n: int, share: float) -> int:
    """ceil(share × n), at least 1 when n > 0 (rounded first: 0.2 × 15 is 3, not 4)."""
    if n == 0:
        return 0
    return max(1, math.ceil(round(share * n, 9)))


def _ranked(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """client_id and the measure, known values only, sorted by measure desc then client_id."""
    if measure not in table.columns:
        raise ValueError(f"the table has no column {measure!r} (columns: {', '.join(map(str, table.columns))})")
    data = pd.DataFrame(
        {
            C.client_id: table[C.client_id].astype("string"),
            "value": pd.to_numeric(table[measure], errors="coerce").astype("float64"),
        }
    )
    data = data.loc[data["value"].notna()]
    return data.sort_values(
        ["value", C.client_id], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)


# --------------------------------------------------------------------------- Pareto
def pareto(values_df: pd.DataFrame, measure: str = "revenue", *, top: float = 0.2,
           target: float = 0.8) -> pd.Series:
    """How far the company is from (or beyond) the 80/20 rule for one measure.

    Parameters
    ----------
    values_df : DataFrame
        A client table with ``client_id`` and ``measure`` (e.g. block 1's ``client_pnl`` for
        ``"revenue"``, ``"gross_margin"`` or ``"profit"``; or :func:`kbcore.facts.client_facts`).
    measure : str
        The column to rank clients by (descending; ties by ``client_id``).
    top : float
        The share of best clients ("the 20 %"), default 0.2.
    target : float
        The share of the measure ("the 80 %"), default 0.8.

    Returns
    -------
    Series
        ``measure``; ``clients`` n (clients with a known value); ``total`` Σ value;
        ``top_clients`` k = ceil(top × n); ``top_share`` = Σ of the k best / total (the
        "80" of 80/20: above 1 is possible for profit, when the rest lose money);
        ``target_clients`` = the fewest best clients whose cumulative sum reaches
        target × total; ``target_client_share`` = target_clients / n (the "20" of 80/20);
        ``gap`` = top_share − target (> 0: more concentrated than 80/20, < 0: less);
        ``note`` a catalogue id when the total is ≤ 0 (shares undefined), else None.

    Source: V. Pareto's principle as used in the seminar's block 6 («закон В. Парето»);
    J. M. Juran, "The non-Pareto principle; mea culpa", Quality Progress, 1975 ("vital few").
    """
    _check_share("top", top)
    _check_share("target", target)
    data = _ranked(values_df, measure)
    n = len(data)
    values = data["value"].to_numpy()
    total = float(values.sum()) if n else 0.0
    k = _top_count(n, top)
    defined = n > 0 and total > 0
    if defined:
        cum = np.cumsum(values)
        reached = np.nonzero(cum >= target * total - _EPS * abs(total))[0]
        target_clients = int(reached[0]) + 1 if reached.size else n
        top_share = float(cum[k - 1] / total)
    else:
        target_clients, top_share = 0, np.nan
    return pd.Series(
        {
            "measure": measure,
            "clients": n,
            "total": total,
            "top_clients": k,
            "top_share": top_share,
            "target_clients": target_clients if defined else np.nan,
            "target_client_share": target_clients / n if defined else np.nan,
            "gap": top_share - target if defined else np.nan,
            "top": float(top),
            "target": float(target),
            "note": None if defined else "pareto.note.nonpositive_total",
        },
        dtype="object",
        name=measure,
    )


def pareto_table(values_df: pd.DataFrame, measures=("revenue", "profit"), *, top: float = 0.2,
                 target: float = 0.8) -> pd.DataFrame:
    """:func:`pareto` for several measures.

    One row per measure (measures absent or all unknown in ``values_df`` are left out).

    Columns: ``measure, clients, top_share, target_clients, target_client_share, gap``.
    """
    rows = []
    for measure in measures:
        if measure not in values_df.columns or values_df[measure].notna().sum() == 0:
            continue
        rows.append(pareto(values_df, measure, top=top, target=target))
    cols = ["measure", "clients", "top_share", "target_clients", "target_client_share", "gap"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
    out = pd.DataFrame(rows)[cols].reset_index(drop=True)
    for col in ("top_share", "target_client_share", "gap"):
        out[col] = out[col].astype("float64")
    out["clients"] = out["clients"].astype("int64")
    out.attrs["top"], out.attrs["target"] = float(top), float(target)
    return out


def pareto_curves(values_df: pd.DataFrame, measures=("revenue", "profit")) -> pd.DataFrame:
    """The Pareto (Lorenz-type) curves.

    Cumulative share of each measure against the share of clients, best first (ties by
    ``client_id``).

    Returns a long table ``measure, rank, client_id, client_share, cum_share`` with
    ``client_share = rank / n`` and ``cum_share = Σ_{i ≤ rank} value_i / Σ value`` (a measure
    whose total is ≤ 0, or that is absent, is left out).
    """
    parts = []
    for measure in measures:
        if measure not in values_df.columns:
            continue
        data = _ranked(values_df, measure)
        n = len(data)
        total = float(data["value"].sum()) if n else 0.0
        if n == 0 or total <= 0:
            continue
        parts.append(
            pd.DataFrame(
                {
                    "measure": measure,
                    "rank": np.arange(1, n + 1, dtype="int64"),
                    C.client_id: data[C.client_id].to_numpy(),
                    "client_share": np.arange(1, n + 1) / n,
                    "cum_share": np.cumsum(data["value"].to_numpy()) / total,
                }
            )
        )
    if not parts:
        return pd.DataFrame(
            {
                "measure": pd.Series(dtype="string"),
                "rank": pd.Series(dtype="int64"),
                C.client_id: pd.Series(dtype="string"),
                "client_share": pd.Series(dtype="float64"),
                "cum_share": pd.Series(dtype="float64"),
            }
        )
    out = pd.concat(parts, ignore_index=True)
    out[C.client_id] = out[C.client_id].astype("string")
    return out


# --------------------------------------------------------------------------- ABC
def _check_cuts(cuts, name: str = "cuts") -> tuple[float, float]:
    """The ABC cuts (a, b) with 0 < a < b ≤ 1; ``name`` is the parameter named in the error."""
    try:
        a, b = (float(c) for c in cuts)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be two shares (a, b) with 0 < a < b ≤ 1, not {cuts!r}") from None
    if not (0 < a < b <= 1):
        raise ValueError(f"{name} must be two shares (a, b) with 0 < a < b ≤ 1, not {cuts!r}")
    return a, b


def abc(facts_or_pnl: pd.DataFrame, *, measure: str = "revenue", cuts=(0.8, 0.95)) -> pd.DataFrame:
    """ABC classes of clients by any measure (revenue, gross margin, profit …).

    Parameters
    ----------
    facts_or_pnl : DataFrame
        A client table with ``client_id`` and ``measure``: :func:`kbcore.facts.client_facts`
        (revenue, gross_margin) or block 1's ``client_pnl`` (also profit).
    measure : str
        The column to classify by (default ``"revenue"``).
    cuts : (float, float)
        Cumulative-share cuts (a, b) with 0 < a < b ≤ 1; default (0.80, 0.95).

    Returns
    -------
    DataFrame
        ``rank, client_id, value, share, cum_share_before, cum_share, abc``, sorted by rank.
        Clients are sorted by ``value`` descending, ties by ``client_id``; with
        ``P = Σ max(value, 0)`` (only positive contributions count)::

            share_i            = max(value_i, 0) / P
            cum_share_before_i = Σ_{j < i} share_j
            abc_i = "A" if cum_share_before_i < a
                    "B" elif cum_share_before_i < b
                    "C" otherwise;  and "C" whenever value_i ≤ 0

        **Boundary rule:** a client is in A while the cumulative share *before* it is below
        the cut, so the client that crosses (or exactly reaches) 80 % is still in A: with
        values 50, 30, 20 the first two are A (they make exactly 80 %), the third is B.
        Shares are compared after rounding to 12 decimals, so 0.8 computed as
        0.7999999999999999 counts as 0.8.

        **Negative measures** (profit of a loss-making client) and zero go to C: they
        contribute nothing to the company's total, and "A" must mean "earns money for us".
        Clients whose measure is unknown (NaN, e.g. profit without a cost column) are left
        out. ``attrs``: ``measure``, ``cuts``, ``total`` (P).

    Source: ABC analysis after H. F. Dickie, "ABC inventory analysis shoots for dollars, not
    pennies", Factory Management and Maintenance, 1951; applied to clients as in the seminar's
    block 6 (сегментирование КБ); the 80/95 cuts are the usual Russian practice.
    """
    a, b = _check_cuts(cuts)
    data = _ranked(facts_or_pnl, measure)
    positive = data["value"].clip(lower=0.0)
    total = float(positive.sum())
    if total > 0:
        cum = positive.cumsum().to_numpy() / total
    else:
        cum = np.zeros(len(data))
    before = np.concatenate([[0.0], cum[:-1]]) if len(data) else np.array([])
    before_r = np.round(before, 12)
    cls = np.where(before_r < a, "A", np.where(before_r < b, "B", "C"))
    cls = np.where(data["value"].to_numpy() > 0, cls, "C")
    out = pd.DataFrame(
        {
            "rank": np.arange(1, len(data) + 1, dtype="int64"),
            C.client_id: data[C.client_id].astype("string").to_numpy(),
            "value": data["value"].to_numpy(),
            "share": positive.to_numpy() / total if total > 0 else np.zeros(len(data)),
            "cum_share_before": before,
            "cum_share": cum,
            "abc": cls,
        }
    )
    out[C.client_id] = out[C.client_id].astype("string")
    out["abc"] = out["abc"].astype("string")
    out.attrs.update(measure=measure, cuts=(a, b), total=total)
    return out


def abc_summary(abc_df: pd.DataFrame) -> pd.DataFrame:
    """One row per ABC class: ``abc, clients, client_share, value, value_share``.

    ``value_share`` = Σ max(value, 0) of the class / Σ max(value, 0) of all (so negative
    profit does not make C's share negative); every class is listed (0 when empty).
    ``attrs`` carries over ``measure`` and ``cuts``.
    """
    n = len(abc_df)
    grouped = abc_df.groupby("abc", observed=True)
    out = pd.DataFrame(
        {
            "clients": grouped.size(),
            "value": grouped["value"].sum(),
            "positive": grouped["share"].sum(),
        }
    ).reindex(list(ABC_CLASSES))
    out = out.fillna(0.0)
    out["clients"] = out["clients"].astype("int64")
    out["client_share"] = out["clients"] / n if n else np.nan
    out["value_share"] = out.pop("positive")
    out = out.rename_axis("abc").reset_index()[["abc", "clients", "client_share", "value", "value_share"]]
    out["abc"] = out["abc"].astype("string")
    out.attrs.update({k: abc_df.attrs[k] for k in ("measure", "cuts") if k in abc_df.attrs})
    return out


# --------------------------------------------------------------------------- XYZ
def _check_thresholds(thresholds) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in thresholds)
    except (TypeError, ValueError):
        raise ValueError(f"thresholds must be two numbers (x, y) with 0 < x < y, not {thresholds!r}") from None
    if not (0 < x < y):
        raise ValueError(f"thresholds must be two numbers (x, y) with 0 < x < y, not {thresholds!r}")
    return x, y


_FREQ_MONTHS = {"month": 1, "quarter": 3}


def xyz(facts: Facts, *, start=None, end=None, thresholds=XYZ_THRESHOLDS_CLASSIC,
        min_periods: int = 6, freq: str = "month") -> pd.DataFrame:
    """XYZ classes of clients by the regularity of their purchases (coefficient of variation).

    Parameters
    ----------
    facts : Facts
        The company's facts (:class:`~kbcore.facts.Facts`): its monthly facts per client
        (``facts.periods("month", start, end)``) are the purchase series.
    start, end : date-like, optional
        The analysed window, both days included (inside the facts' period); ``None`` = the
        first / last sales date.
        Whole calendar months (quarters) from the month of ``start`` to the month of ``end``
        are used: pass full months.
    thresholds : (float, float)
        CV bounds (x, y): X when cv ≤ x, Y when cv ≤ y, Z above. Default (0.10, 0.25), the
        usual bounds of Russian XYZ practice (10 % / 25 %).
    min_periods : int
        A client whose history in the window is shorter than this many periods is ``"N"``
        (new / too short to judge). Default 6 months.
    freq : {"month", "quarter"}
        Period of the purchase series (default "month"). "quarter" = blocks of 3 months counted
        from the window's first month: give a window of whole quarters (a number of months
        divisible by 3), or the last block is short and looks like a drop.

    Returns
    -------
    DataFrame
        ``client_id, periods, active_periods, mean, std, cv, xyz``, sorted by client_id; one
        row per client with sales lines in the window. For each client the series is its
        revenue per period **from its first period with a purchase in the window to the end of
        the window**, periods without purchases counting as 0 (a client is not penalised for
        the months before it arrived; it is for the months after it went quiet)::

            mean = Σ x_t / n        std = sqrt(Σ (x_t − mean)² / n)   (population σ, ddof = 0)
            cv   = std / mean       (NaN when mean ≤ 0)
            xyz  = "N" if n < min_periods
                   "X" if cv ≤ x,  "Y" if cv ≤ y,  "Z" otherwise (and when cv is NaN)

        ``periods`` = n, ``active_periods`` = periods with at least one delivery. ``attrs``:
        ``thresholds``, ``min_periods``, ``freq``, ``window`` (first and last period start).

    Notes
    -----
    The 10 % / 25 % bounds come from inventory practice (demand of an item); a B2B client that
    buys every few weeks has a monthly CV far above 25 %, so expect many Z and consider
    quarterly periods or wider thresholds for your company — they are parameters.

    Source: XYZ analysis as used in Russian sales and inventory practice (e.g. the 10 / 25 %
    bounds in the "ABC-XYZ analysis" literature); the CV with the population σ as in the
    seminar's block 6 (сегментирование КБ). Our reading: the series starts at the client's
    first purchase in the window.
    """
    x_cut, y_cut = _check_thresholds(thresholds)
    if freq not in _FREQ_MONTHS:
        raise ValueError(f"freq must be 'month' or 'quarter', not {freq!r}")
    if int(min_periods) < 1:
        raise ValueError(f"min_periods must be ≥ 1, not {min_periods!r}")
    step = _FREQ_MONTHS[freq]
    lo, hi = period_bounds(start, end)
    cols = [C.client_id, "periods", "active_periods", "mean", "std", "cv", "xyz"]
    monthly = facts.periods("month", lo, hi)
    if monthly.empty:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
        out[C.client_id] = out[C.client_id].astype("string")
        out["xyz"] = out["xyz"].astype("string")
        return out
    if lo is None or hi is None:  # the open sides: the window's first / last sales day
        lo = facts.first_day(lo, hi) if lo is None else lo
        hi = facts.last_day(lo, hi) if hi is None else hi
    # "YYYY-MM" → months since year 0, parsed once per distinct period, not once per row
    codes, labels = pd.factorize(monthly["period"])
    labels = pd.Series(labels, dtype="string")
    per_label = (labels.str.slice(0, 4).astype("int64") * 12
                 + labels.str.slice(5, 7).astype("int64") - 1).to_numpy()
    month_idx = pd.Series(per_label[codes], index=monthly.index)
    first_window = lo.year * 12 + lo.month - 1
    last_window = hi.year * 12 + hi.month - 1
    period = (month_idx - first_window) // step  # 0-based period number in the window
    n_window = (last_window - first_window) // step + 1
    frame = pd.DataFrame(
        {
            C.client_id: monthly[C.client_id].astype("string"),
            "period": period.astype("int64"),
            C.revenue: monthly[C.revenue].astype("float64"),
            "deliveries": monthly["deliveries"].astype("int64"),
        }
    )
    per = frame.groupby([C.client_id, "period"], sort=True).agg(
        revenue=(C.revenue, "sum"), deliveries=("deliveries", "sum")
    ).reset_index()
    first = per.loc[per["deliveries"] > 0].groupby(C.client_id)["period"].min()
    first = first.reindex(per[C.client_id].unique())
    first = first.fillna(per.groupby(C.client_id)["period"].min())
    per["first"] = per[C.client_id].map(first).astype("int64")
    per = per.loc[per["period"] >= per["first"]]
    g = per.groupby(C.client_id, sort=True)
    out = pd.DataFrame(
        {
            "first": g["first"].first(),
            "sum": g[C.revenue].sum(),
            "active_periods": (per["deliveries"] > 0).groupby(per[C.client_id]).sum(),
        }
    )
    out["periods"] = (n_window - out["first"]).astype("int64")
    out["mean"] = out["sum"] / out["periods"]
    per = per.assign(mean=per[C.client_id].map(out["mean"]))
    sq = ((per[C.revenue] - per["mean"]) ** 2).groupby(per[C.client_id]).sum()
    empty_periods = out["periods"] - g.size()
    var = (sq + empty_periods * out["mean"] ** 2) / out["periods"]
    out["std"] = np.sqrt(var.clip(lower=0.0))
    out["mean"] = out["mean"].astype("float64")
    out["std"] = out["std"].astype("float64")
    out["cv"] = (out["std"] / out["mean"]).where(out["mean"] > 0).astype("float64")
    cv = out["cv"].round(12).to_numpy(dtype="float64", na_value=np.nan)
    cls = np.where(cv <= x_cut, "X", np.where(cv <= y_cut, "Y", "Z"))
    cls = np.where(out["periods"] < int(min_periods), "N", cls)
    out["xyz"] = pd.array(cls, dtype="string")
    out = out.rename_axis(C.client_id).reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    out["active_periods"] = out["active_periods"].astype("int64")
    out = out[cols].sort_values(C.client_id, kind="mergesort").reset_index(drop=True)
    out.attrs.update(thresholds=(x_cut, y_cut), min_periods=int(min_periods), freq=freq,
                     window=(lo.normalize(), hi.normalize()))
    return out


def xyz_summary(xyz_df: pd.DataFrame) -> pd.DataFrame:
    """One row per XYZ class (X, Y, Z, N): ``xyz, clients, client_share, median_cv``."""
    n = len(xyz_df)
    g = xyz_df.groupby("xyz", observed=True)
    out = pd.DataFrame({"clients": g.size(), "median_cv": g["cv"].median()}).reindex(list(XYZ_CLASSES))
    out["clients"] = out["clients"].fillna(0).astype("int64")
    out["client_share"] = out["clients"] / n if n else np.nan
    out = out.rename_axis("xyz").reset_index()[["xyz", "clients", "client_share", "median_cv"]]
    out["xyz"] = out["xyz"].astype("string")
    return out


# --------------------------------------------------------------------------- ABC × XYZ
ABC_XYZ_ACTIONS: dict[str, str] = {
    f"{a}{x}": f"abcxyz.action.{a}{x}" for a in ABC_CLASSES for x in XYZ_CLASSES
}
"""Cell ("AX" … "CN") → catalogue id of its management action (the table in words:
:func:`kbcore.views.segmentation.abc_xyz_actions`).

The actions are ours, after the usual reading of the matrix (A = the money, X = the rhythm):
keep and develop AX, stabilise AY/AZ through joint planning or framework contracts, grow B,
serve C at the lowest cost to serve, onboard N."""


def abc_xyz_matrix(abc_df: pd.DataFrame, xyz_df: pd.DataFrame) -> pd.DataFrame:
    """The ABC×XYZ matrix as a long table: one row per cell (3 × 4 = 12 rows, empty cells too).

    Parameters
    ----------
    abc_df : DataFrame
        :func:`abc` (its ``value`` is the money shown in the matrix).
    xyz_df : DataFrame
        :func:`xyz`. Clients of ``abc_df`` without an XYZ class (no purchases in the XYZ
        window) are counted in "N".

    Returns
    -------
    DataFrame
        ``cell, abc, xyz, clients, client_share, value, value_share, action_key`` with
        ``value_share`` = Σ max(value, 0) of the cell / Σ max(value, 0) of all clients and
        ``action_key`` the catalogue id of the cell's action (:data:`ABC_XYZ_ACTIONS`).
    """
    merged = abc_df[[C.client_id, "abc", "value", "share"]].merge(
        xyz_df[[C.client_id, "xyz"]], on=C.client_id, how="left"
    )
    merged["xyz"] = merged["xyz"].fillna("N")
    g = merged.groupby(["abc", "xyz"], observed=True)
    stats = pd.DataFrame({"clients": g.size(), "value": g["value"].sum(), "value_share": g["share"].sum()})
    index = pd.MultiIndex.from_product([ABC_CLASSES, XYZ_CLASSES], names=["abc", "xyz"])
    out = stats.reindex(index).fillna(0.0).reset_index()
    n = len(merged)
    out["clients"] = out["clients"].astype("int64")
    out["client_share"] = out["clients"] / n if n else np.nan
    out["cell"] = out["abc"] + out["xyz"]
    out["action_key"] = out["cell"].map(ABC_XYZ_ACTIONS)
    for col in ("cell", "abc", "xyz", "action_key"):
        out[col] = out[col].astype("string")
    out.attrs.update({k: abc_df.attrs[k] for k in ("measure", "cuts") if k in abc_df.attrs})
    return out[["cell", "abc", "xyz", "clients", "client_share", "value", "value_share", "action_key"]]


# --------------------------------------------------------------------------- RFM
RFM_SEGMENTS = (
    "champions",
    "loyal",
    "potential_loyalist",
    "new",
    "promising",
    "need_attention",
    "about_to_sleep",
    "at_risk",
    "cant_lose",
    "hibernating",
    "lost",
)
"""RFM segment ids, best first (people's names: catalogue ``rfm.segment.<id>``)."""

_GRID_RULES = (
    # (segment, recency scores, frequency scores) — first match wins
    ("lost", (1,), (1, 2)),
    ("champions", (5,), (4, 5)),
    ("loyal", (3, 4), (4, 5)),
    ("potential_loyalist", (4, 5), (2, 3)),
    ("new", (5,), (1,)),
    ("promising", (4,), (1,)),
    ("need_attention", (3,), (3,)),
    ("about_to_sleep", (3,), (1, 2)),
    ("cant_lose", (1, 2), (5,)),
    ("at_risk", (1, 2), (3, 4)),
    ("hibernating", (2,), (1, 2)),
)
RFM_GRID: dict[tuple[int, int], str] = {}
for _seg, _rs, _fs in _GRID_RULES:
    for _r in _rs:
        for _f in _fs:
            RFM_GRID.setdefault((_r, _f), _seg)
"""(R score, F score) → segment id: every one of the 25 cells has exactly one segment."""


@dataclass(frozen=True)
class RFMRules:
    """The scoring rules of :func:`rfm`.

    Fixed, explicit cut points (so equal values always get equal scores, whatever the row order).

    Attributes
    ----------
    window_days : int
        Frequency and monetary count the purchases of the last ``window_days`` days up to
        ``as_of`` (default 365: one year).
    recency_days : tuple of 4 ints
        Ascending day bounds (d1, d2, d3, d4): R = 5 when recency ≤ d1, 4 when ≤ d2, 3 when
        ≤ d3, 2 when ≤ d4, 1 above. Default (30, 90, 180, 365): bought this month / this
        quarter / this half-year / this year / longer ago.
    frequency : tuple of 4 ints
        Ascending bounds (f1, f2, f3, f4) on the purchase days in the window: F = 1 below f1,
        2 from f1, 3 from f2, 4 from f3, 5 from f4. Default (2, 6, 12, 24): once (or not at
        all) / a few times / every other month / monthly / twice a month.
    monetary : tuple of 4 numbers or None
        Ascending money bounds like ``frequency``; None (default) = quintiles of the clients'
        window revenue with ties sharing the lower score: M = 1 + floor(5 × (rank_min − 1) / n)
        among clients with revenue > 0 in the window (rank_min = the rank ascending with
        ``method="min"``), M = 1 for revenue ≤ 0.
    """

    window_days: int = 365
    recency_days: tuple = (30, 90, 180, 365)
    frequency: tuple = (2, 6, 12, 24)
    monetary: tuple | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.window_days, (int, np.integer)) or self.window_days < 1:
            raise ValueError(f"RFMRules.window_days must be a whole number ≥ 1, not {self.window_days!r}")
        for name in ("recency_days", "frequency", "monetary"):
            cuts = getattr(self, name)
            if cuts is None and name == "monetary":
                continue
            if len(tuple(cuts)) != 4 or list(cuts) != sorted(cuts) or len(set(cuts)) != 4:
                raise ValueError(f"RFMRules.{name} must be 4 strictly increasing bounds, not {cuts!r}")


DEFAULT_RFM_RULES = RFMRules()


def _score_up(values: np.ndarray, cuts) -> np.ndarray:
    """1 + the number of bounds ≤ value (higher value → higher score)."""
    return 1 + np.searchsorted(np.asarray(cuts, dtype="float64"), values, side="right")


def _score_quantile(values: pd.Series) -> np.ndarray:
    positive = values > 0
    out = np.ones(len(values), dtype="int64")
    if positive.any():
        ranks = values[positive].rank(method="min").to_numpy()
        n = int(positive.sum())
        out[positive.to_numpy()] = 1 + np.floor(5 * (ranks - 1) / n).astype("int64")
    return out


def rfm(facts: Facts, *, as_of=None, rules: RFMRules = DEFAULT_RFM_RULES) -> pd.DataFrame:
    """RFM scores and named segments of every client who bought on or before ``as_of``.

    Parameters
    ----------
    facts : Facts
        The company's facts (:class:`~kbcore.facts.Facts`): facts per client up to ``as_of``
        and over the window.
    as_of : date-like, optional
        The day of the analysis; default ``facts.as_of``. Only sales up to it are used.
    rules : RFMRules
        The cut points (see :class:`RFMRules`).

    Returns
    -------
    DataFrame
        ``client_id, last_date, recency_days, frequency, monetary, r, f, m, rfm_score,
        rfm_segment``, sorted by segment (best first), then monetary descending, then
        client_id::

            recency_days = as_of − the client's last purchase day (days; 0 = bought that day)
            frequency    = distinct purchase days in (as_of − window_days, as_of]
                           (``deliveries`` of the facts: two orders of one day count once)
            monetary     = net revenue in the same window
            r, f, m      = scores 1–5 by the fixed cut points of ``rules``
            rfm_score    = "rfm" as text, e.g. "545"
            rfm_segment  = RFM_GRID[(r, f)]        (the rule table in words:
                           :func:`kbcore.views.segmentation.rfm_rules`)

        Recency is the time since the last purchase, not the "age at the last purchase" of
        BTYD models. Scores come from fixed cut points (or, for M, quantiles whose ties share a
        score), never from row order: in B2B data most clients share a low frequency, and
        quintiles that split ties by position would make a third of them "champions".

    Source: RFM after A. M. Hughes, *Strategic Database Marketing* (1994); the segment names
    and the R×F grid follow the common segment grid (e.g. the ``rfm`` R package of Rsquared
    Academy, ``rfm_segment``), adapted: segments use R and F only, fixed cut points replace
    quintiles, and R = 1 with F = 1–2 (no purchase for over a year, rare before) is "lost"
    instead of "hibernating" (with the default window R = 1 always has F = 1).
    """
    if not isinstance(rules, RFMRules):
        raise ValueError("rules must be an RFMRules")
    cols = [C.client_id, "last_date", "recency_days", "frequency", "monetary", "r", "f", "m",
            "rfm_score", "rfm_segment"]
    if as_of is None and not facts.has_sales:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
        for c in (C.client_id, "rfm_score", "rfm_segment"):
            out[c] = out[c].astype("string")
        return out
    hi = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    history = facts.clients(*span(facts, None, hi))
    history = history.loc[history["last_date"].notna()]
    window = facts.clients(*span(facts, hi - pd.Timedelta(days=rules.window_days - 1), hi))
    frame = history[[C.client_id, "last_date"]].merge(
        window[[C.client_id, "deliveries", C.revenue]], on=C.client_id, how="left"
    )
    frame["recency_days"] = (hi - frame["last_date"].dt.normalize()).dt.days.astype("int64")
    frame["frequency"] = frame["deliveries"].fillna(0).astype("int64")
    frame["monetary"] = frame[C.revenue].fillna(0.0).astype("float64")
    rec_cuts = np.asarray(rules.recency_days, dtype="float64")
    frame["r"] = (5 - np.searchsorted(rec_cuts, frame["recency_days"].to_numpy(), side="left")).astype("int64")
    frame["f"] = _score_up(frame["frequency"].to_numpy(dtype="float64"), rules.frequency).astype("int64")
    if rules.monetary is None:
        frame["m"] = _score_quantile(frame["monetary"])
    else:
        frame["m"] = _score_up(frame["monetary"].to_numpy(), rules.monetary).astype("int64")
    frame["rfm_score"] = (
        frame["r"].astype(str) + frame["f"].astype(str) + frame["m"].astype(str)
    ).astype("string")
    grid = pd.Series(RFM_GRID)
    frame["rfm_segment"] = pd.array(
        grid.reindex(pd.MultiIndex.from_arrays([frame["r"], frame["f"]])).to_numpy(),
        dtype="string")
    order = {s: i for i, s in enumerate(RFM_SEGMENTS)}
    frame["_o"] = frame["rfm_segment"].map(order)
    frame = frame.sort_values(["_o", "monetary", C.client_id], ascending=[True, False, True],
                              kind="mergesort")
    out = frame[cols].reset_index(drop=True)
    out[C.client_id] = out[C.client_id].astype("string")
    out.attrs.update(as_of=hi, rules=rules)
    return out


def rfm_summary(rfm_df: pd.DataFrame) -> pd.DataFrame:
    """One row per RFM segment (all of :data:`RFM_SEGMENTS`, best first).

    ``rfm_segment, clients, client_share, monetary, monetary_share, median_recency``.

    ``monetary_share`` = the segment's window revenue / all clients' window revenue.
    """
    n = len(rfm_df)
    g = rfm_df.groupby("rfm_segment", observed=True)
    out = pd.DataFrame(
        {"clients": g.size(), "monetary": g["monetary"].sum(), "median_recency": g["recency_days"].median()}
    ).reindex(list(RFM_SEGMENTS))
    out["clients"] = out["clients"].fillna(0).astype("int64")
    out["monetary"] = out["monetary"].fillna(0.0)
    total = float(rfm_df["monetary"].sum()) if n else 0.0
    out["client_share"] = out["clients"] / n if n else np.nan
    out["monetary_share"] = out["monetary"] / total if total > 0 else np.nan
    out = out.rename_axis("rfm_segment").reset_index()
    out["rfm_segment"] = out["rfm_segment"].astype("string")
    return out[["rfm_segment", "clients", "client_share", "monetary", "monetary_share", "median_recency"]]
