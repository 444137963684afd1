"""The facts context: one company's sales reduced once, every question answered from that.

A notebook (or the runner) makes one :class:`Facts` for its (dataset, period, analysis date) and
passes it to every analysis. The sales lines are reduced once (:func:`~kbcore.facts.reduce.documents`,
on first use); facts per client, per client and period, and per order, over any window, are
re-aggregations of those rows, each computed once and kept::

    facts = Facts(ds.sales, start=start, end=end, as_of=as_of)
    facts.as_of                         # the analysis date (one rule for the whole package)
    facts.clients()                     # facts per client over the period
    facts.clients(start="2025-01-01")   # … over a window
    facts.periods("year")               # facts per client and year
    facts.orders(end=facts.as_of)       # one row per order

The results are shared: treat them as read-only (copy before changing a column).
"""

from __future__ import annotations

from functools import cached_property

import narwhals.stable.v2 as nw
import pandas as pd

from kbcore.facts.engine import lazy, lines_frame, materialise, to_pandas
from kbcore.facts.reduce import (
    FREQS,
    _as_frame,
    _docs_to_pandas,
    _reduced,
    _window,
    as_of_date,
    between,
    facts_of,
    orders_of,
    period_bounds,
)
from kbcore.schema import TABLES, C

__all__ = ["Facts"]


class Facts:
    """The facts of one company's sales over one period, as of one analysis date.

    Parameters
    ----------
    sales : DataFrame
        Canonical sales lines (``client_id``, ``date``, ``revenue`` required): a pandas frame,
        or a Polars (eager or lazy), DuckDB or PySpark frame. The lines are reduced on the
        engine the package chooses (:mod:`kbcore.facts.engine`: a large pandas frame on
        Polars, a native frame on its own engine); the facts are always pandas frames.
    start, end : date-like, optional
        The analysed period: only lines dated in [start, end] (both days included) count.
    as_of : date-like, optional
        The analysis date. Default: the last sales day of the period — never the clock, so the
        same data gives the same numbers (see :func:`~kbcore.facts.reduce.as_of_date`).
    engine : {"pandas", "polars", "duckdb"}, optional
        For a pandas input only: force the engine (tests and the benchmark; nobody else needs
        it).

    Notes
    -----
    ``as_of`` does not cut the period: analyses that look at "what was known that day" ask for
    windows ending at ``as_of`` (``facts.clients(end=facts.as_of)``).
    """

    def __init__(self, sales, *, start=None, end=None, as_of=None, engine: str | None = None):
        self.start, self.end = period_bounds(start, end)
        self._input = sales
        self._engine = engine
        self._as_of = as_of
        self._cache: dict[tuple, pd.DataFrame] = {}
        if not isinstance(sales, pd.DataFrame):
            lines_frame(sales, engine)  # the same early error for a frame without the columns

    def __repr__(self) -> str:
        period = f"{self.start and self.start.date()}..{self.end and self.end.date()}"
        kind = type(self._input).__module__.split(".")[0]
        return f"Facts({kind} lines, period {period}, as_of={self._as_of!r})"

    @classmethod
    def of(cls, dataset, *, start=None, end=None, as_of=None) -> Facts:
        """The facts of a :class:`~kbcore.ingest.Dataset`'s sales."""
        return cls(dataset.sales, start=start, end=end, as_of=as_of)

    @cached_property
    def sales(self) -> pd.DataFrame:
        """The period's sales lines, as pandas (for the few analyses that need lines, such as products).

        A pandas input is only filtered; another engine's lines are converted on first use.
        """
        if isinstance(self._input, pd.DataFrame):
            return between(self._input, self.start, self.end)
        lines = _window(_as_frame(self._input), self.start, self.end)
        names = lines.collect_schema().names()
        kinds = TABLES["sales"].columns
        of = lambda kind: [col for col in names if kinds.get(col) == kind]  # noqa: E731
        return to_pandas(lines, ids=of("id") + of("text"), dates=of("date"), numbers=of("number"))

    @cached_property
    def as_of(self) -> pd.Timestamp:
        """The analysis date.

        The ``as_of`` given, else the last sales day (ValueError without either).
        """
        if self._as_of is not None or isinstance(self._input, pd.DataFrame):
            return as_of_date(self.sales if self._as_of is None else None, self._as_of)
        last = self.last_day()
        if last is None:
            raise ValueError("there are no sales to take the analysis date from: pass as_of")
        return last

    @property
    def has_sales(self) -> bool:
        """True when the period has at least one sales line."""
        if isinstance(self._input, pd.DataFrame):
            return len(self.sales) > 0
        return self.last_day() is not None

    @cached_property
    def _docs(self):
        """The one reduction of the period's lines, kept on its engine (not sorted)."""
        lines, _ = lines_frame(self._input, self._engine)
        return materialise(_reduced(_window(lines, self.start, self.end)))

    @cached_property
    def documents(self) -> pd.DataFrame:
        """The one reduction of the period's lines (see :func:`~kbcore.facts.reduce.documents`).

        A pandas frame; on a large input it is big, so prefer :meth:`first_day`/:meth:`last_day`
        when only the first and last sales day are needed.
        """
        return _docs_to_pandas(self._docs)

    def _window(self, start, end):
        lo, hi = period_bounds(start, end)
        return _window(lazy(self._docs), lo, hi)

    def _days(self, start, end) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        key = ("days", *period_bounds(start, end))
        if key not in self._cache:
            days = self._window(start, end).select(
                nw.col(C.date).min().alias("first"), nw.col(C.date).max().alias("last"))
            row = to_pandas(days, dates=("first", "last")).iloc[0]
            self._cache[key] = tuple(None if pd.isna(d) else pd.Timestamp(d) for d in row)
        return self._cache[key]

    def first_day(self, start=None, end=None) -> pd.Timestamp | None:
        """The first sales day in [start, end] ∩ the period (None without sales)."""
        return self._days(start, end)[0]

    def last_day(self, start=None, end=None) -> pd.Timestamp | None:
        """The last sales day in [start, end] ∩ the period (None without sales)."""
        return self._days(start, end)[1]

    def _cached(self, key: tuple, make) -> pd.DataFrame:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def clients(self, start=None, end=None) -> pd.DataFrame:
        """Facts per client over [start, end] ∩ the period.

        See :func:`~kbcore.facts.reduce.client_facts` for the columns.
        """
        lo, hi = period_bounds(start, end)
        return self._cached(("clients", lo, hi), lambda: facts_of(self._window(lo, hi)))

    def periods(self, freq: str = "year", start=None, end=None) -> pd.DataFrame:
        """Facts per client and period (``freq`` = year, quarter or month) over [start, end]."""
        if freq not in FREQS:
            raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
        lo, hi = period_bounds(start, end)
        return self._cached(("periods", freq, lo, hi),
                            lambda: facts_of(self._window(lo, hi), freq))

    def orders(self, start=None, end=None) -> pd.DataFrame:
        """One row per order over [start, end] (see :func:`~kbcore.facts.reduce.client_orders`)."""
        lo, hi = period_bounds(start, end)
        return self._cached(("orders", lo, hi), lambda: orders_of(self._window(lo, hi)))
