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

import pandas as pd

from kbcore.facts.reduce import (
    FREQS,
    as_of_date,
    between,
    documents,
    facts_of,
    orders_of,
    period_bounds,
)

__all__ = ["Facts"]


class Facts:
    """The facts of one company's sales over one period, as of one analysis date.

    Parameters
    ----------
    sales : DataFrame
        Canonical sales lines (``client_id``, ``date``, ``revenue`` required).
    start, end : date-like, optional
        The analysed period: only lines dated in [start, end] (both days included) count.
    as_of : date-like, optional
        The analysis date. Default: the last sales day of the period — never the clock, so the
        same data gives the same numbers (see :func:`~kbcore.facts.reduce.as_of_date`).

    Notes
    -----
    ``as_of`` does not cut the period: analyses that look at "what was known that day" ask for
    windows ending at ``as_of`` (``facts.clients(end=facts.as_of)``).
    """

    def __init__(self, sales: pd.DataFrame, *, start=None, end=None, as_of=None):
        self.start, self.end = period_bounds(start, end)
        self.sales = between(sales, self.start, self.end)
        """The period's sales lines (for the few analyses that need lines, such as products)."""
        self._as_of = as_of
        self._cache: dict[tuple, pd.DataFrame] = {}

    def __repr__(self) -> str:
        period = f"{self.start and self.start.date()}..{self.end and self.end.date()}"
        return f"Facts({len(self.sales)} lines, period {period}, as_of={self._as_of!r})"

    @classmethod
    def of(cls, dataset, *, start=None, end=None, as_of=None) -> Facts:
        """The facts of a :class:`~kbcore.ingest.Dataset`'s sales."""
        return cls(dataset.sales, start=start, end=end, as_of=as_of)

    @cached_property
    def as_of(self) -> pd.Timestamp:
        """The analysis date.

        The ``as_of`` given, else the last sales day (ValueError without either).
        """
        return as_of_date(self.sales, self._as_of)

    @property
    def has_sales(self) -> bool:
        """True when the period has at least one sales line."""
        return len(self.sales) > 0

    @cached_property
    def documents(self) -> pd.DataFrame:
        """The one reduction of the period's lines (see :func:`~kbcore.facts.reduce.documents`)."""
        return documents(self.sales)

    def _window(self, start, end) -> pd.DataFrame:
        lo, hi = period_bounds(start, end)
        return between(self.documents, lo, hi)

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
