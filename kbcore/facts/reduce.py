"""The facts layer: the ONE reduction of sales lines to facts per client and per client-period.

Every analysis starts from these facts and never goes back to the sales lines, so this module
is the only place that has to change to run on an engine larger than pandas. It is written once,
in Narwhals expressions, and runs on the engine of the lines it is given: pandas, Polars (eager
or lazy), DuckDB, PySpark (lazily, for data that outgrows one machine; see ``docs/scale.md``).
A large pandas frame is handed to Polars; which engine runs when is in
:mod:`kbcore.facts.engine`. The code uses only operations every engine has: filter, derived
columns, ``group_by(...).agg(sum/min/max/count/len/n_unique)`` and sorting of the results. No
loop ever runs over rows. The results (one row per client, client-period or order) always come
back as pandas frames, with money rounded to a millionth (:data:`~kbcore.facts.engine.MONEY_DECIMALS`)
so that every engine gives the same numbers, bit for bit.

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

import narwhals.stable.v2 as nw
import pandas as pd

from kbcore.facts.engine import lazy, lines_frame, to_pandas
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


def between(df, start=None, end=None, *, column: str = C.date):
    """The rows of ``df`` whose ``column`` lies in [start, end], both days included.

    ``None`` leaves that side open, so ``between(sales)`` returns all rows. ``end`` includes
    its whole day (a time of day, if any, does not drop rows of the last day). ``df=None``
    returns ``None`` (an optional table that is absent stays absent).

    Parameters
    ----------
    df : DataFrame or None
        Any canonical table with a date column: a pandas frame, or a frame of another engine
        (Polars, DuckDB, PySpark …, filtered there and returned as the same kind of frame).
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
    if not isinstance(df, pd.DataFrame):
        frame = df if isinstance(df, nw.DataFrame | nw.LazyFrame) else nw.from_native(df)
        frame = _window(frame, lo, hi, column)
        return frame if isinstance(df, nw.DataFrame | nw.LazyFrame) else frame.to_native()
    keep = pd.Series(True, index=df.index)
    if lo is not None:
        keep &= df[column] >= lo
    if hi is not None:
        keep &= df[column] < hi + pd.Timedelta(days=1)
    return df.loc[keep]


def _window(frame, lo: pd.Timestamp | None, hi: pd.Timestamp | None, column: str = C.date):
    """:func:`between` on a Narwhals frame (bounds already normalised), on its engine."""
    if lo is None and hi is None:
        return frame
    is_date = frame.collect_schema()[column] == nw.Date
    conds = []
    if lo is not None:
        conds.append(nw.col(column) >= (lo.date() if is_date else lo.to_pydatetime()))
    if hi is not None:
        after = hi + pd.Timedelta(days=1)
        conds.append(nw.col(column) < (after.date() if is_date else after.to_pydatetime()))
    return frame.filter(*conds)


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


def _is_return(names) -> nw.Expr:
    """True for a return line: negative revenue, or negative quantity when there is a quantity."""
    is_return = (nw.col(C.revenue) < 0).fill_null(False)
    if C.quantity in names:
        is_return = is_return | (nw.col(C.quantity).fill_null(0.0) < 0).fill_null(False)
    return is_return


def _number(name: str, pandas_like: bool) -> nw.Expr:
    """A money column as float64, NaN made null (pandas already treats NaN as null)."""
    expr = nw.col(name).cast(nw.Float64)
    return expr if pandas_like else expr.fill_nan(None)


def _reduce(lines: nw.DataFrame | nw.LazyFrame) -> nw.DataFrame | nw.LazyFrame:
    """:func:`documents` on a Narwhals frame of lines, on its engine (rows not sorted)."""
    schema = lines.collect_schema()
    names = schema.names()
    pandas_like = lines.implementation.is_pandas_like()
    revenue = _number(C.revenue, pandas_like)
    date = nw.col(C.date)
    if schema[C.date] == nw.String:
        date = date.str.to_datetime()
    # the day: on Polars a Date (four bytes: a cheaper key here and in every re-aggregation;
    # :func:`documents` gives it back as a timestamp), elsewhere the timestamp cut to its day
    polars = lines.implementation.is_polars()
    if schema[C.date] == nw.Date:
        day = date if polars else date.cast(nw.Datetime("us"))
    else:
        day = date.cast(nw.Date) if polars else date.dt.truncate("1d")
    client = nw.col(C.client_id)
    if schema[C.client_id] != nw.String:
        client = client.cast(nw.String)
    if C.doc_id in names:
        doc = nw.col(C.doc_id)
        doc = (doc if schema[C.doc_id] == nw.String else doc.cast(nw.String)).fill_null("")
    else:
        doc = nw.lit("", dtype=nw.String)
    has_cost, has_list = C.cost in names, C.list_revenue in names
    work = lines.select(
        client.alias(C.client_id),
        day.alias(C.date),
        doc.alias(C.doc_id),
        _is_return(names).alias("is_return"),
        revenue.alias(C.revenue),
        *([_number(C.cost, pandas_like).alias(C.cost)] if has_cost else []),
        *([_number(C.discount, pandas_like).fill_null(0.0).alias(C.discount)] if C.discount in names
          else []),
        *([_number(C.list_revenue, pandas_like).alias(C.list_revenue)] if has_list else []),
    )
    # lines without a client or a day belong to no document (pandas' group-by drops them too)
    work = work.drop_nulls(subset=[C.client_id, C.date])
    work = work.with_columns(
        nw.when(nw.col("is_return")).then((-nw.col(C.revenue)).clip(lower_bound=0.0))
        .otherwise(0.0).fill_null(0.0).alias("returns")
    )
    # a column the sales do not have is not aggregated: its constants are added to the documents
    aggs = [nw.col(C.revenue).sum()]
    if has_cost:
        aggs += [nw.col(C.cost).sum(), nw.col(C.cost).count().alias("cost_lines")]
    if C.discount in names:
        aggs.append(nw.col(C.discount).sum())
    if has_list:
        aggs += [nw.col(C.list_revenue).sum(), nw.col(C.list_revenue).count().alias("list_lines")]
    docs = work.group_by(_DOC_KEYS).agg(*aggs, nw.len().alias("lines"), nw.col("returns").sum())
    absent = {C.cost: not has_cost, "cost_lines": not has_cost, C.discount: C.discount not in names,
              C.list_revenue: not has_list, "list_lines": not has_list}
    consts = [nw.lit(0, dtype=nw.Int64).alias(col) if col.endswith("_lines")
              else nw.lit(0.0, dtype=nw.Float64).alias(col) for col, off in absent.items() if off]
    if consts:
        docs = docs.with_columns(*consts)
    return docs.select(DOCUMENT_COLUMNS)


_DOC_KEYS = [C.client_id, C.date, C.doc_id, "is_return"]


def _text_ids(frame, *cols):
    """Id columns that are categories on the engine (a Polars frame of categorical ids) as text."""
    schema = frame.collect_schema()
    cast = [nw.col(col).cast(nw.String) for col in cols if schema[col] == nw.Categorical]
    return frame.with_columns(*cast) if cast else frame


def _docs_to_pandas(docs) -> pd.DataFrame:
    """Documents (any engine) as the pandas frame :func:`documents` returns, sorted by the keys."""
    return to_pandas(
        _text_ids(docs, C.client_id, C.doc_id).sort(_DOC_KEYS), ids=(C.client_id, C.doc_id), dates=(C.date,),
        ints=("cost_lines", "list_lines", "lines"),
        floats=(C.revenue, C.cost, C.discount, C.list_revenue, "returns"), bools=("is_return",),
    )[DOCUMENT_COLUMNS]


def _as_frame(frame) -> nw.DataFrame | nw.LazyFrame:
    if not isinstance(frame, nw.DataFrame | nw.LazyFrame):
        frame = nw.from_native(frame)
    return lazy(frame)


def documents(sales, *, engine: str | None = None):
    """THE reduction of sales lines: one row per client, day, document and kind (sale or return).

    Every other fact (per client, per client and period, per order, over any window) is a
    re-aggregation of these rows, so the sales lines are read once per facts context
    (:class:`~kbcore.facts.Facts`) however many windows and periods the analyses ask for.

    A document is the pair (``doc_id``, day): 1C restarts its numbers every year. Lines without
    a ``doc_id`` (or sales without the column) have ``doc_id = ""``, so all of a client's such
    lines of one day are one document. A return line (negative revenue, or negative quantity)
    goes to its own row with ``is_return = True``.

    Parameters
    ----------
    sales : DataFrame
        Canonical sales lines: a pandas, Polars (eager or lazy), DuckDB or PySpark frame (any
        frame Narwhals knows). The reduction runs on that frame's engine; a pandas frame of
        many lines is reduced on Polars (see :mod:`kbcore.facts.engine`).
    engine : {"pandas", "polars", "duckdb"}, optional
        For a pandas input: force the engine (tests, benchmark).

    Returns
    -------
    DataFrame
        For a pandas input a pandas frame, else a frame of the input's engine (lazy for lazy
        engines), with ``client_id, date, doc_id, is_return, revenue, cost, cost_lines,
        discount, list_revenue, list_lines, lines, returns``, sorted by the four keys::

            revenue, cost, discount, list_revenue = Σ over the lines (cost and list_revenue
                                                    count only lines that have them:
                                                    cost_lines, list_lines)
            lines   = number of lines
            returns = Σ max(−revenue, 0) over the return lines

        ``date`` is the day (midnight). ``discount`` is 0 without a discount column,
        ``cost`` and ``list_revenue`` are 0 with ``cost_lines``/``list_lines`` = 0 when
        unknown.
    """
    lines, from_pandas = lines_frame(sales, engine)
    docs = _reduced(lines)
    if from_pandas:
        return _docs_to_pandas(docs)
    if docs.collect_schema()[C.date] == nw.Date:
        docs = docs.with_columns(nw.col(C.date).cast(nw.Datetime("us")))
    return _text_ids(docs, C.client_id, C.doc_id).sort(_DOC_KEYS).to_native()


def _period_key(date: nw.Expr, freq: str) -> nw.Expr:
    """Integer key per date: 2024 (year), 20241 (year*10 + quarter), 202403 (year*100 + month)."""
    year = date.dt.year().cast(nw.Int64)
    month = date.dt.month().cast(nw.Int64)
    if freq == "year":
        return year
    if freq == "quarter":
        return year * 10 + (month - 1) // 3 + 1
    if freq == "month":
        return year * 100 + month
    raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")


def _period_label(keys: pd.Series, freq: str) -> pd.Series:
    """Format integer period keys (on the reduced rows only; each distinct key formatted once)."""
    if freq == "year":
        return keys.astype("int64")
    distinct = pd.Series(keys.unique())
    if freq == "quarter":
        labels = (distinct // 10).astype(str) + "-Q" + (distinct % 10).astype(str)
    else:
        labels = (distinct // 100).astype(str) + "-" + (distinct % 100).astype(str).str.zfill(2)
    where = pd.Index(distinct).get_indexer(keys)
    return pd.Series(labels.to_numpy()[where], index=keys.index).astype("string")


def facts_of(docs, freq: str | None = None) -> pd.DataFrame:
    """Facts per client (``freq=None``) or per client and period, from :func:`documents` rows.

    The measures are those of the module's docstring; a window is chosen by passing only its
    rows (:func:`between`). No sales line is read here. ``docs`` may be of any engine (the
    re-aggregation runs there); the result is a pandas frame.
    """
    if freq is not None and freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    keys = [C.client_id] if freq is None else [C.client_id, "period"]
    work = _as_frame(docs)
    ret = nw.col("is_return").cast(nw.Int64)
    if freq is not None:
        work = work.with_columns(_period_key(nw.col(C.date), freq).alias("period"))
    work = work.with_columns(
        ret.alias("return_docs"),
        nw.when(~nw.col("is_return")).then(nw.col(C.date)).alias("ship_date"),
    )
    out = work.group_by(keys).agg(
        nw.col(C.revenue).sum(),
        nw.col(C.cost).sum(),
        nw.col("cost_lines").sum(),
        nw.col(C.discount).sum(),
        nw.col(C.list_revenue).sum(),
        nw.col("list_lines").sum(),
        nw.col("lines").sum(),
        nw.col("returns").sum(),
        nw.col("ship_date").min().alias("first_date"),
        nw.col("ship_date").max().alias("last_date"),
        nw.len().alias("docs"),
        nw.col("return_docs").sum(),
        # distinct shipment days; the return rows add one more value (null) when there are any
        nw.col("ship_date").n_unique().alias("days"),
    )
    has_return = nw.when(nw.col("return_docs") > 0).then(1).otherwise(0)
    out = out.with_columns(
        (nw.col("docs") - nw.col("return_docs")).alias("orders"),
        (nw.col("days") - has_return).alias("deliveries"),
        # a sum over no known values is unknown, not 0
        nw.when(nw.col("cost_lines") > 0).then(nw.col(C.cost)).alias(C.cost),
        nw.when(nw.col("list_lines") > 0).then(nw.col(C.list_revenue))
        .otherwise(nw.col(C.revenue) + nw.col(C.discount)).alias(C.list_revenue),
    ).with_columns(
        (nw.col(C.revenue) - nw.col(C.cost)).alias("gross_margin"),
    )
    out = _text_ids(out.select([*keys, *FACT_COLUMNS]), C.client_id).sort(keys)
    out = to_pandas(out, ids=(C.client_id,), dates=("first_date", "last_date"),
                    ints=("lines", "orders", "deliveries"),
                    floats=(C.revenue, C.cost, "gross_margin", C.discount, C.list_revenue,
                            "returns"))
    if freq is not None:
        out["period"] = _period_label(out["period"].astype("int64"), freq)
        if freq != "year":
            out["period"] = out["period"].astype("string")
    return out


def orders_of(docs) -> pd.DataFrame:
    """One row per order (see :func:`client_orders`) from :func:`documents` rows of any engine."""
    out = _as_frame(docs).filter(~nw.col("is_return")).with_columns(
        nw.when(nw.col("cost_lines") > 0).then(nw.col(C.cost)).alias(C.cost),
        nw.when(nw.col("list_lines") > 0).then(nw.col(C.list_revenue))
        .otherwise(nw.col(C.revenue) + nw.col(C.discount)).alias(C.list_revenue),
    ).with_columns(
        (nw.col(C.revenue) - nw.col(C.cost)).alias("gross_margin"),
    )
    out = _text_ids(out.select(ORDER_COLUMNS), C.client_id, C.doc_id).sort(
        [C.client_id, C.date, C.doc_id])
    return to_pandas(out, ids=(C.client_id, C.doc_id), dates=(C.date,), ints=("lines",),
                     floats=(C.revenue, C.cost, "gross_margin", C.discount, C.list_revenue))


def _period_lines(sales, start, end):
    """The lines of [start, end] as a Narwhals frame on the reducing engine."""
    lines, _ = lines_frame(sales)
    return _window(lines, *period_bounds(start, end))


def _reduced(lines):
    """:func:`_reduce`, counted (one reduction of sales lines)."""
    _REDUCTIONS[0] += 1
    return _reduce(lines)


def client_period_facts(
    sales: pd.DataFrame, *, freq: str = "year", start=None, end=None
) -> pd.DataFrame:
    """Facts per client and period: one row per client × period with sales lines.

    Parameters
    ----------
    sales : DataFrame
        Canonical sales lines (``client_id``, ``date``, ``revenue`` required; ``cost``,
        ``discount``, ``list_revenue``, ``doc_id``, ``quantity`` used when present): a pandas,
        Polars, DuckDB or PySpark frame (reduced on its engine; the result is pandas).
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
    lines = _period_lines(sales, start, end)
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    return facts_of(_reduced(lines), freq)


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
    return facts_of(_reduced(_period_lines(sales, start, end)))


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
    return orders_of(_reduced(_period_lines(sales, start, end)))
