"""Which engine reduces the sales lines, and the way back to pandas.

The reduction (:mod:`kbcore.facts.reduce`) is written once, in Narwhals expressions, and runs on
the engine of the frame it is given:

==========================================  ====================================================
input                                       engine
==========================================  ====================================================
pandas DataFrame (``kbcore.load``)          Polars: the used columns are handed over once
                                            (through Arrow), the reduction runs there
Polars DataFrame or LazyFrame               Polars
DuckDB relation                             DuckDB
PySpark DataFrame (or Dask, Ibis …)         that engine, lazily; the documents are cached there
==========================================  ====================================================

Only the small results (one row per client, client-period or order) come back as pandas frames,
so analyses never see an engine. The user chooses nothing: ``engine=`` exists for tests and the
benchmark.

**The rule for pandas input** (measured with ``tests/benchmark.py --crossover``, best of 3, on
the demo company's sales tiled to N lines; a notebook's use: ``Facts(sales)`` with clients,
years, months and orders; seconds, on a shared two-core machine):

========== ======= =======
lines      pandas  Polars
========== ======= =======
100        0.155   0.097
1 000      0.192   0.105
10 000     0.213   0.121
137 000    0.351   0.245
1 000 000  1.420   1.255
========== ======= =======

There is no crossover: with the hand-over, Polars is faster from a hundred lines up (the pandas
engine pays Narwhals' per-operation cost on small frames, and is slower at group-by on many keys
on large ones), so :data:`PANDAS_INPUT_ENGINE` is Polars for every pandas frame. At ten million
lines ``Facts(sales).clients()`` on a pandas frame took 3.8 s, a hand-written Polars group-by of the
same measures on a Polars frame 4.6 s (``tests/benchmark.py``, 2026-11-30; the text ids are grouped
as they are: as Polars categories they took twice as long on Polars 2.1; the day is grouped as a
Date).
"""

from __future__ import annotations

import narwhals.stable.v2 as nw
import pandas as pd
import polars as pl

from kbcore.errors import KBDataError
from kbcore.schema import C

__all__ = ["ENGINES", "MONEY_DECIMALS", "PANDAS_INPUT_ENGINE", "backend_of", "lazy", "lines_frame", "materialise",
           "to_pandas"]

PANDAS_INPUT_ENGINE = "polars"
"""The engine a pandas frame is reduced on (see the rule in the module's docstring)."""

ENGINES = ("pandas", "polars", "duckdb")
"""Values of ``engine=`` for a pandas input (tests and the benchmark); native inputs keep theirs."""

MONEY_DECIMALS = 6
"""Sums of money are rounded to a millionth of the money unit (see :func:`to_pandas`)."""

POLARS_ENGINE = "streaming"
"""Polars queries run on its streaming engine: for the reduction's group-by on four keys it is
two to three times faster than the in-memory engine, and it keeps memory bounded."""

REQUIRED = (C.client_id, C.date, C.revenue)
"""The columns every sales input must have."""

USED = (C.client_id, C.date, C.revenue, C.doc_id, C.quantity, C.cost, C.discount, C.list_revenue)
"""The columns the reduction reads (the others are never converted)."""


def _check(columns) -> None:
    missing = [col for col in REQUIRED if col not in columns]
    if missing:
        raise KBDataError(
            "facts.missing_columns",
            column=", ".join(missing),
            columns=", ".join(missing),
        )


def backend_of(frame: nw.DataFrame | nw.LazyFrame) -> str:
    """The engine of a Narwhals frame: ``pandas``, ``polars``, ``duckdb``, ``pyspark``, …."""
    impl = frame.implementation
    if impl.is_pandas_like():
        return "pandas"
    return str(impl.value)


def lines_frame(sales, engine: str | None = None) -> tuple[nw.DataFrame | nw.LazyFrame, bool]:
    """Sales lines as a Narwhals frame on the engine that will reduce them.

    Parameters
    ----------
    sales : pandas, Polars (eager or lazy), DuckDB, PySpark … frame, or a Narwhals frame
        Canonical sales lines.
    engine : {"pandas", "polars", "duckdb"}, optional
        For a pandas input only: force that engine (tests, benchmark). Default:
        :data:`PANDAS_INPUT_ENGINE`.

    Returns
    -------
    (frame, from_pandas)
        The lines (only the used columns), and whether the input was a pandas frame (so that
        frames derived from it go back as pandas).
    """
    from_pandas = isinstance(sales, pd.DataFrame)
    if from_pandas:
        _check(sales.columns)
        cols = [col for col in USED if col in sales.columns]
        if engine is None:
            engine = PANDAS_INPUT_ENGINE
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        lines = sales[cols]
        if engine == "polars":
            return nw.from_native(_to_polars(lines, nan_to_null=False).lazy()), True
        if engine == "duckdb":
            duckdb = _duckdb()
            return nw.from_native(duckdb.from_arrow(_to_polars(lines).to_arrow())), True
        return nw.from_native(lines, eager_only=True), True
    if engine is not None:
        raise ValueError("engine= applies to a pandas input only; other frames keep their engine")
    frame = sales if isinstance(sales, nw.DataFrame | nw.LazyFrame) else nw.from_native(sales)
    names = frame.collect_schema().names()
    _check(names)
    return lazy(frame).select([col for col in USED if col in names]), False


def _to_polars(lines: pd.DataFrame, *, nan_to_null: bool = True) -> pl.DataFrame:
    """A pandas frame as Polars, through Arrow without joining the chunks.

    Pandas' Arrow-backed text columns arrive in the chunks they were read in; Polars groups
    chunked columns as fast as joined ones, and leaving them saves a copy (0.27 s instead of
    0.70 s for the used columns of ten million lines, Polars 2.1).

    ``nan_to_null=False`` keeps a float NaN as NaN: for the reduction on Polars, which makes
    every money NaN null in its own query (:func:`~kbcore.facts.reduce._number`) and never
    compares a NaN quantity true, the hand-over is then 0.14 s instead of 0.38 s for the used
    columns of ten million lines (Polars 2.1 scans every float column for NaN when asked).
    """
    return pl.from_pandas(lines, nan_to_null=nan_to_null, rechunk=False)


def _duckdb():
    try:
        import duckdb
    except ImportError as exc:  # pragma: no cover - duckdb is a test/extra dependency
        raise ImportError("engine='duckdb' needs the duckdb package: pip install duckdb") from exc
    return duckdb


def materialise(frame: nw.DataFrame | nw.LazyFrame) -> nw.DataFrame | nw.LazyFrame:
    """Compute a frame once on its engine, so that later queries start from the result.

    Eager frames are already computed; a Polars LazyFrame is collected; a DuckDB relation is
    computed into an Arrow table that DuckDB queries in place; a Spark DataFrame is cached
    (``persist``: computed on the first query, kept by the executors); other lazy engines
    (Dask, Ibis) are left lazy.
    """
    if isinstance(frame, nw.DataFrame):
        return frame
    backend = backend_of(frame)
    native = frame.to_native()
    if backend == "polars":
        return nw.from_native(native.collect(engine=POLARS_ENGINE))
    if backend == "duckdb":
        duckdb = _duckdb()
        table = frame.collect("pyarrow").to_native()
        rel = duckdb.from_arrow(table)
        return nw.from_native(rel)
    if backend == "pyspark" or hasattr(native, "persist"):
        return nw.from_native(native.persist())
    return frame


def lazy(frame: nw.DataFrame | nw.LazyFrame) -> nw.DataFrame | nw.LazyFrame:
    """A Polars DataFrame as a LazyFrame (queries on it then run optimised and streaming)."""
    if isinstance(frame, nw.DataFrame) and frame.implementation.is_polars():
        return frame.lazy()
    return frame


def to_pandas(frame, *, ids=(), dates=(), ints=(), floats=(), bools=(), numbers=()) -> pd.DataFrame:
    """A Narwhals frame (of any engine) as a pandas frame with the facts' dtypes.

    ``ids`` become ``string``, ``dates`` ``datetime64[ns]`` (time zones dropped: the dates of
    sales are local days), ``ints`` ``int64``, ``floats`` ``float64`` (unknown = NaN),
    ``bools`` ``bool``, ``numbers`` ``float64`` as they are (not rounded: lines, not sums).
    The row order is kept.

    Money is rounded to :data:`MONEY_DECIMALS` decimals: a sum of floats depends on the order
    of the additions, which differs between engines (and between runs of a parallel one) in
    the last bits; rounded, every engine gives the same number, bit for bit.
    """
    if isinstance(frame, nw.LazyFrame):
        if backend_of(frame) == "polars":
            frame = nw.from_native(frame.to_native().collect(engine=POLARS_ENGINE))
        else:
            frame = frame.collect("pyarrow")
    out = frame.to_pandas() if isinstance(frame, nw.DataFrame) else frame
    out = out.reset_index(drop=True)
    for col in ids:
        out[col] = out[col].astype("string")
    for col in dates:
        if getattr(out[col].dtype, "tz", None) is not None:
            out[col] = out[col].dt.tz_localize(None)
        out[col] = out[col].astype("datetime64[ns]")
    for col in ints:
        out[col] = out[col].astype("int64")
    for col in floats:
        out[col] = out[col].astype("float64").round(MONEY_DECIMALS)
    for col in bools:
        out[col] = out[col].astype(bool)
    for col in numbers:
        out[col] = out[col].astype("float64")
    return out
