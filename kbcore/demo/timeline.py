"""The demo company's calendar: its days, working days, years and price levels.

One job: the window of history the company is generated over — from ``end`` back ``years``
years — as day numbers (0 = the first day), with Russian public holidays and weekends as
non-working days (every order, return, visit or survey falls on a working day, see
:meth:`Timeline.snap`), the year of each day, and the price level of each year (the 2025 price
list deflated by yearly inflation). Nothing here draws a random number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.company import DEFAULT_INFLATION, INFLATION


def price_index(years: np.ndarray, last_year: int, inflation: dict | None = None,
                default: float = DEFAULT_INFLATION) -> np.ndarray:
    """Price level of each year relative to ``last_year`` (= 1.0)."""
    inflation = INFLATION if inflation is None else inflation
    out = np.ones(len(years))
    for i, y in enumerate(years):
        level = 1.0
        for k in range(int(y) + 1, last_year + 1):
            level /= 1.0 + inflation.get(k, default)
        out[i] = level
    return out


def holidays(year: int) -> list[pd.Timestamp]:
    """The Russian public holidays of ``year`` (New Year week, 23 Feb, 8 Mar, 1 and 9 May …)."""
    days = [(1, d) for d in range(1, 9)] + [(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)]
    return [pd.Timestamp(year, m, d) for m, d in days]


class Timeline:
    """The days of ``years`` years of history ending on ``end``.

    Attributes
    ----------
    start, end : Timestamp
        The first and the last day of the window.
    days : DatetimeIndex
        Every day of the window; a day number is a position in it.
    n_days : int
        Number of days.
    next_work : ndarray
        For each day number, the day number of the next working day (itself when working).
    last_work : int
        The last working day of the window.
    day_year : ndarray
        The calendar year of each day number.
    year_list : ndarray
        The calendar years of the window, first to last.
    price_level, day_level : ndarray
        The price level of each year of ``year_list`` and of each day (the last year = 1.0),
        times ``fx`` of the year when given.

    Parameters
    ----------
    years, end : the window: ``years`` years ending on ``end``.
    start : date-like, optional
        The first day instead (a window of any length; ``years`` is then ignored).
    holidays_of : callable, optional
        ``holidays_of(year)``: the public holidays (default: the Russian ones, :func:`holidays`).
    inflation, default_inflation : optional
        Yearly inflation of the price level (default: the Russian company's).
    fx : dict, optional
        A factor per year on the price level: the number of units of that year's currency per
        unit of the last year's (the Bulgarian company: 1.95583 leva per euro before 2026).
    """

    def __init__(self, years: int, end, *, start=None, holidays_of=None, inflation=None,
                 default_inflation: float = DEFAULT_INFLATION, fx: dict | None = None):
        self.end = pd.Timestamp(end).normalize()
        if start is None:
            self.start = self.end - pd.DateOffset(years=years) + pd.Timedelta(days=1)
        else:
            self.start = pd.Timestamp(start).normalize()
        holidays_of = holidays if holidays_of is None else holidays_of
        days = pd.date_range(self.start, self.end, freq="D")
        self.days = days
        self.n_days = len(days)
        hol = set()
        for y in range(self.start.year, self.end.year + 1):
            hol.update(holidays_of(y))
        working = (days.day_of_week < 5) & ~days.isin(list(hol))
        work_idx = np.flatnonzero(working)
        pos = np.searchsorted(work_idx, np.arange(self.n_days))
        self.next_work = work_idx[np.minimum(pos, len(work_idx) - 1)]
        self.last_work = int(work_idx[-1])
        self.day_year = days.year.to_numpy()
        self.year_list = np.arange(self.start.year, self.end.year + 1)
        self.price_level = price_index(self.year_list, self.end.year, inflation,
                                       default_inflation)
        if fx:
            self.price_level = self.price_level * np.array(
                [fx.get(int(y), 1.0) for y in self.year_list])
        self.day_level = self.price_level[self.day_year - self.start.year]

    def snap(self, day: np.ndarray) -> np.ndarray:
        """The next working day (the last one of the window at most)."""
        d = np.clip(day, 0, self.n_days - 1)
        return self.next_work[d]

    def dates(self, day: np.ndarray) -> pd.Series:
        """Day numbers as a ``datetime64[ns]`` Series."""
        base = np.datetime64(self.start.date(), "D")
        return pd.Series((base + day.astype("timedelta64[D]")).astype("datetime64[ns]"))
