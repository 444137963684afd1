"""The facts layer: the ONE reduction of sales lines to facts per client and per client-period.

Every analysis starts from these facts and never goes back to the sales lines, so this module
is the only place that has to change to run on an engine larger than pandas (the design's
route is Narwhals, which runs the same expressions on pandas, Polars, DuckDB and PySpark).
That is why the code below uses only operations every engine has: filter, derived columns,
``group_by(...).agg(sum/min/max/len)``, ``drop_duplicates`` and a join on the group keys. No
loop ever runs over rows.

Measures (per client, or per client and period)
-----------------------------------------------
revenue
    Σ revenue of all lines (returns are negative lines, so this is net revenue).
cost
    Σ cost of goods of all lines. NaN when the sales have no ``cost`` column, or when none of
    the group's lines has a cost (lines with a cost are summed, lines without one count as 0).
gross_margin
    revenue − cost (NaN when cost is NaN).
discount
    Σ discount (money). 0 when the sales have no ``discount`` column.
list_revenue
    Σ list_revenue when the sales have that column, else revenue + discount.
lines
    Number of sales lines (returns included).
orders
    Number of distinct documents among the shipment lines (a shipment line is any line that
    is not a return), a document being the pair (``doc_id``, date) — 1C restarts its document
    numbers every year, so the number alone is not unique. Lines without a ``doc_id`` (or sales
    without the column) fall back to the day: all such lines of one day are one order, i.e.
    orders = distinct dates.
deliveries
    Number of distinct days with at least one shipment line: two orders shipped on the same day
    are one delivery.
returns
    Money of the return lines (revenue < 0, or quantity < 0 when there is a quantity column)
    as a positive number: −Σ revenue of those lines.
first_date, last_date
    First and last day with a shipment line (returns do not make a purchase).

Periods
-------
``freq="year"`` → ``period`` is the calendar year (int); ``"quarter"`` → ``"YYYY-Qn"``;
``"month"`` → ``"YYYY-MM"`` (text). Periods are computed as integers and formatted after the
reduction, on the few result rows.
"""  # noqa: D405, D407, D411 - "returns" is a measure of the list above, not a Returns section

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.errors import KBDataError
from kbcore.schema import C

__all__ = [
    "FACT_COLUMNS",
    "ORDER_COLUMNS",
    "DOCUMENT_COLUMNS",
    "as_of_date",
    "FREQS",
    "between",
    "documents",
    "facts_of",
    "orders_of",
    "reductions",
    "client_facts",
    "client_orders",
    "client_period_facts",
    "period_bounds",
]

FREQS = ("year", "quarter", "month")
"""Supported values of ``freq``."""

FACT_COLUMNS = [
    C.revenue,
    C.cost,
    "gross_margin",
    C.discount,
    C.list_revenue,
    "lines",
    "orders",
    "deliveries",
    "returns",
    "first_date",
    "last_date",
]
"""The measures of a facts table, in their order (after the key columns)."""

_REQUIRED = (C.client_id, C.date, C.revenue)


def _check_sales(sales: pd.DataFrame) -> None:
    missing = [col for col in _REQUIRED if col not in sales.columns]
    if missing:
        raise KBDataError(
            "facts.missing_columns",
            column=", ".join(missing),
            columns=", ".join(missing),
        )


def period_bounds(start=None, end=None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """``start`` and ``end`` as midnight timestamps (``None`` stays ``None``).

    Accepts anything :class:`pandas.Timestamp` accepts ("2024-01-31", a date, a Timestamp).
    """
    lo = None if start is None else pd.Timestamp(start).normalize()
    hi = None if end is None else pd.Timestamp(end).normalize()
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"start ({lo.date()}) is after end ({hi.date()})")
    return lo, hi


def as_of_date(sales: pd.DataFrame, as_of=None) -> pd.Timestamp:
    """The day of an analysis: ``as_of`` at midnight, or else the last sales date.

    Never the clock: the same data gives the same day, so the same numbers. Without ``as_of``
    and without any sales line there is no such day, and a ValueError says so.
    """
    if as_of is not None:
        return pd.Timestamp(as_of).normalize()
    if sales is None or not len(sales) or pd.isna(sales[C.date].max()):
        raise ValueError("there are no sales to take the analysis date from: pass as_of")
    return pd.Timestamp(sales[C.date].max()).normalize()


def between(df: pd.DataFrame, start=None, end=None, *, column: str = C.date) -> pd.DataFrame:
    """The rows of ``df`` whose ``column`` lies in [start, end], both days included.

    ``None`` leaves that side open, so ``between(sales)`` returns all rows. ``end`` includes
    its whole day (a time of day, if any, does not drop rows of the last day). ``df=None``
    returns ``None`` (an optional table that is absent stays absent).

    Parameters
    ----------
    df : DataFrame or None
        Any canonical table with a date column.
    start, end : str, date or Timestamp, optional
        First and last day of the period.
    column : str
        The date column (default ``date``).
    """
    if df is None:
        return None
    lo, hi = period_bounds(start, end)
    if lo is None and hi is None:
        return df
    keep = pd.Series(True, index=df.index)
    if lo is not None:
        keep &= df[column] >= lo
    if hi is not None:
        keep &= df[column] < hi + pd.Timedelta(days=1)
    return df.loc[keep]


def _is_return(lines: pd.DataFrame) -> pd.Series:
    """True for a return line: negative revenue, or negative quantity when there is a quantity."""
    is_return = lines[C.revenue].astype("float64") < 0
    if C.quantity in lines.columns:
        is_return |= lines[C.quantity].astype("float64").fillna(0) < 0
    return is_return


def _period_key(dates: pd.Series, freq: str) -> pd.Series:
    """Integer key per date: 2024 (year), 20241 (year*10 + quarter), 202403 (year*100 + month)."""
    if freq == "year":
        return dates.dt.year.astype("int64")
    if freq == "quarter":
        return (dates.dt.year * 10 + dates.dt.quarter).astype("int64")
    if freq == "month":
        return (dates.dt.year * 100 + dates.dt.month).astype("int64")
    raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")


def _period_label(keys: pd.Series, freq: str) -> pd.Series:
    """Format integer period keys (on the reduced rows only)."""
    if freq == "year":
        return keys.astype("int64")
    if freq == "quarter":
        return (keys // 10).astype(str) + "-Q" + (keys % 10).astype(str)
    return (keys // 100).astype(str) + "-" + (keys % 100).astype(str).str.zfill(2)


def _empty(keys: list[str], freq: str | None) -> pd.DataFrame:
    out = pd.DataFrame({C.client_id: pd.Series(dtype="string")})
    if freq is not None:
        out["period"] = pd.Series(dtype="int64" if freq == "year" else "string")
    for col in FACT_COLUMNS:
        if col in ("lines", "orders", "deliveries"):
            out[col] = pd.Series(dtype="int64")
        elif col in ("first_date", "last_date"):
            out[col] = pd.Series(dtype="datetime64[ns]")
        else:
            out[col] = pd.Series(dtype="float64")
    return out


# --- the one reduction of sales lines ------------------------------------------------------------

DOCUMENT_COLUMNS = [
    C.client_id,
    C.date,
    C.doc_id,
    "is_return",
    C.revenue,
    C.cost,
    "cost_lines",
    C.discount,
    C.list_revenue,
    "list_lines",
    "lines",
    "returns",
]
"""The columns of :func:`documents`, in their order."""

_REDUCTIONS = [0]


def reductions() -> int:
    """How many times sales lines were reduced (:func:`documents`) in this process.

    Every fact of an analysis comes from one such reduction; a notebook that shares one
    :class:`~kbcore.facts.Facts` context reduces its lines once. Tests read this counter.
    """
    return _REDUCTIONS[0]


def documents(sales: pd.DataFrame) -> pd.DataFrame:
    """THE reduction of sales lines: one row per client, day, document and kind (sale or return).

    Every other fact (per client, per client and period, per order, over any window) is a
    re-aggregation of these rows, so the sales lines are read once per facts context
    (:class:`~kbcore.facts.Facts`) however many windows and periods the analyses ask for.

    A document is the pair (``doc_id``, day): 1C restarts its numbers every year. Lines without
    a ``doc_id`` (or sales without the column) have ``doc_id = ""``, so all of a client's such
    lines of one day are one document. A return line (negative revenue, or negative quantity)
    goes to its own row with ``is_return = True``.

    Returns
    -------
    DataFrame
        ``client_id, date, doc_id, is_return, revenue, cost, cost_lines, discount,
        list_revenue, list_lines, lines, returns``, sorted by the four keys::

            revenue, cost, discount, list_revenue = Σ over the lines (cost and list_revenue
                                                    count only lines that have them:
                                                    cost_lines, list_lines)
            lines   = number of lines
            returns = Σ max(−revenue, 0) over the return lines

        ``date`` is the day (midnight). ``discount`` is 0 without a discount column,
        ``cost`` and ``list_revenue`` are 0 with ``cost_lines``/``list_lines`` = 0 when
        unknown.
    """
    _check_sales(sales)
    _REDUCTIONS[0] += 1
    if sales.empty:
        out = pd.DataFrame({col: pd.Series(dtype="float64") for col in DOCUMENT_COLUMNS})
        out[C.client_id] = out[C.client_id].astype("string")
        out[C.doc_id] = out[C.doc_id].astype("string")
        out[C.date] = out[C.date].astype("datetime64[ns]")
        out["is_return"] = out["is_return"].astype(bool)
        for col in ("cost_lines", "list_lines", "lines"):
            out[col] = out[col].astype("int64")
        return out
    revenue = sales[C.revenue].astype("float64")
    is_return = _is_return(sales)
    has_cost = C.cost in sales.columns
    has_list = C.list_revenue in sales.columns
    work = pd.DataFrame(
        {
            C.client_id: sales[C.client_id].astype("string"),
            C.date: sales[C.date].dt.normalize(),
            C.doc_id: (sales[C.doc_id].astype("string").fillna("")
                       if C.doc_id in sales.columns else ""),
            "is_return": is_return,
            C.revenue: revenue,
            C.cost: sales[C.cost].astype("float64") if has_cost else np.nan,
            C.discount: (sales[C.discount].astype("float64").fillna(0.0)
                         if C.discount in sales.columns else 0.0),
            C.list_revenue: sales[C.list_revenue].astype("float64") if has_list else np.nan,
            "returns": (-revenue).clip(lower=0.0).where(is_return, 0.0),
        },
        index=sales.index,
    )
    work[C.doc_id] = work[C.doc_id].astype("string")
    keys = [C.client_id, C.date, C.doc_id, "is_return"]
    out = work.groupby(keys, sort=True, observed=True).agg(
        revenue=(C.revenue, "sum"),
        cost=(C.cost, "sum"),
        cost_lines=(C.cost, "count"),
        discount=(C.discount, "sum"),
        list_revenue=(C.list_revenue, "sum"),
        list_lines=(C.list_revenue, "count"),
        lines=(C.revenue, "size"),
        returns=("returns", "sum"),
    )
    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    out[C.date] = out[C.date].astype("datetime64[ns]")
    for col in ("cost_lines", "list_lines", "lines"):
        out[col] = out[col].astype("int64")
    return out[DOCUMENT_COLUMNS]


def facts_of(docs: pd.DataFrame, freq: str | None = None) -> pd.DataFrame:
    """Facts per client (``freq=None``) or per client and period, from :func:`documents` rows.

    The measures are those of the module's docstring; a window is chosen by passing only its
    rows (:func:`between`). No sales line is read here.
    """
    if freq is not None and freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    keys = [C.client_id] if freq is None else [C.client_id, "period"]
    if docs.empty:
        return _empty(keys, freq)
    work = docs
    if freq is not None:
        work = docs.assign(period=_period_key(docs[C.date], freq))
    ship = ~work["is_return"]
    work = work.assign(ship_date=work[C.date].where(ship))
    grouped = work.groupby(keys, sort=True, observed=True)
    out = grouped.agg(
        revenue=(C.revenue, "sum"),
        cost=(C.cost, "sum"),
        cost_lines=("cost_lines", "sum"),
        discount=(C.discount, "sum"),
        list_revenue=(C.list_revenue, "sum"),
        list_lines=("list_lines", "sum"),
        lines=("lines", "sum"),
        returns=("returns", "sum"),
        first_date=("ship_date", "min"),
        last_date=("ship_date", "max"),
    )
    ships = work.loc[ship, [*keys, C.date]]
    orders = ships.groupby(keys, sort=False, observed=True).size()
    deliveries = ships.drop_duplicates().groupby(keys, sort=False, observed=True).size()
    out["orders"] = orders.reindex(out.index, fill_value=0).astype("int64")
    out["deliveries"] = deliveries.reindex(out.index, fill_value=0).astype("int64")

    # a sum over no known values is unknown, not 0
    out[C.cost] = out[C.cost].where(out.pop("cost_lines") > 0)
    list_known = out.pop("list_lines") > 0
    out[C.list_revenue] = out[C.list_revenue].where(list_known, out[C.revenue] + out[C.discount])
    out["gross_margin"] = out[C.revenue] - out[C.cost]
    out["lines"] = out["lines"].astype("int64")

    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    if freq is not None:
        out["period"] = _period_label(out["period"], freq)
        if freq != "year":
            out["period"] = out["period"].astype("string")
    for col in ("first_date", "last_date"):
        out[col] = out[col].astype("datetime64[ns]")
    return out[[*keys, *FACT_COLUMNS]]


def orders_of(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per order (see :func:`client_orders`) from :func:`documents` rows."""
    ships = docs.loc[~docs["is_return"]]
    out = ships[[C.client_id, C.doc_id, C.date, C.revenue, C.cost, C.discount, C.list_revenue,
                 "lines"]].copy()
    out[C.cost] = out[C.cost].where(ships["cost_lines"] > 0)
    out[C.list_revenue] = out[C.list_revenue].where(ships["list_lines"] > 0,
                                                    out[C.revenue] + out[C.discount])
    out["gross_margin"] = out[C.revenue] - out[C.cost]
    out = out.sort_values([C.client_id, C.date, C.doc_id], kind="mergesort")
    return out[ORDER_COLUMNS].reset_index(drop=True)


def client_period_facts(
    sales: pd.DataFrame, *, freq: str = "year", start=None, end=None
) -> pd.DataFrame:
    """Facts per client and period: one row per client × period with sales lines.

    Parameters
    ----------
    sales : DataFrame
        Canonical sales lines (``client_id``, ``date``, ``revenue`` required; ``cost``,
        ``discount``, ``list_revenue``, ``doc_id``, ``quantity`` used when present).
    freq : {"year", "quarter", "month"}
        Period length. ``period`` is an int year, ``"YYYY-Qn"`` or ``"YYYY-MM"``.
    start, end : date-like, optional
        Keep lines dated in [start, end], both days included.

    Returns
    -------
    DataFrame
        ``client_id, period, revenue, cost, gross_margin, discount, list_revenue, lines,
        orders, deliveries, returns, first_date, last_date``, sorted by client and period.
        The measures are defined in the module's docstring; in short::

            gross_margin = Σ revenue − Σ cost
            orders       = #distinct (doc_id, date) of non-return lines
                           (#distinct dates without doc_id)
            deliveries   = #distinct dates of non-return lines
            returns      = −Σ revenue of return lines

    Notes
    -----
    Missing optional columns: no ``cost`` → cost and gross_margin are NaN; no ``discount`` →
    discount is 0; no ``list_revenue`` → list_revenue = revenue + discount; no ``doc_id`` →
    orders = distinct days. An empty selection returns an empty frame with these columns.
    """
    _check_sales(sales)
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    return facts_of(documents(between(sales, start, end)), freq)


def client_facts(sales: pd.DataFrame, *, start=None, end=None) -> pd.DataFrame:
    """Facts per client over the whole period: one row per client with sales lines.

    The same measures as :func:`client_period_facts` (see the module's docstring), without
    the ``period`` column: ``client_id, revenue, cost, gross_margin, discount, list_revenue,
    lines, orders, deliveries, returns, first_date, last_date``, sorted by ``client_id``.

    Parameters
    ----------
    sales : DataFrame
        Canonical sales lines.
    start, end : date-like, optional
        Keep lines dated in [start, end], both days included.
    """
    _check_sales(sales)
    return facts_of(documents(between(sales, start, end)))


ORDER_COLUMNS = [
    C.client_id,
    C.doc_id,
    C.date,
    C.revenue,
    C.cost,
    "gross_margin",
    C.discount,
    C.list_revenue,
    "lines",
]
"""The columns of :func:`client_orders`, in their order."""


def client_orders(sales: pd.DataFrame, *, start=None, end=None) -> pd.DataFrame:
    """One row per order: the shipment lines of a client reduced to documents.

    An order is a distinct (``doc_id``, ``date``) pair of a client's shipment lines (lines that
    are not returns), exactly as ``orders`` in :func:`client_period_facts`; without a
    ``doc_id`` all shipment lines of a client's day are one order. Returns are left out: an
    order is what the client asked for, and its size is the shipped money.

    Used where the order itself matters: the first order of a client (its size and discount),
    the time to the second order, the rhythm of purchases.

    Parameters
    ----------
    sales : DataFrame
        Canonical sales lines.
    start, end : date-like, optional
        Keep lines dated in [start, end], both days included.

    Returns
    -------
    DataFrame
        ``client_id, doc_id, date, revenue, cost, gross_margin, discount, list_revenue,
        lines``, sorted by client, date and document. ``doc_id`` is ``""`` when the sales have
        no document numbers; ``cost`` is NaN when unknown, ``discount`` 0 when the sales have
        no discount column, ``list_revenue`` = revenue + discount when they have no list price.
        The number of rows per client equals ``orders`` of :func:`client_facts` for the same
        period.
    """
    _check_sales(sales)
    return orders_of(documents(between(sales, start, end)))
