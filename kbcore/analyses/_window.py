"""Private helpers that keep the analyses linear in the number of sales lines.

* :func:`span` — a window that cuts nothing off the facts' sales is the open window, so that
  ``facts.clients(end=as_of)`` on the default analysis date shares the facts context's cached
  ``facts.clients()`` instead of reducing the same rows a second time;
* :func:`years` — facts per client and calendar year over whole years are rows of the cached
  ``facts.periods("year")``;
* :func:`id_codes` — integer codes of client (or product) ids, so that grouping, counting
  distinct pairs and looking up a universe of ids run on integers, not on text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kbcore.facts import Facts, period_bounds

__all__ = ["span", "id_codes", "months_back", "years", "sort_by"]


def span(facts: Facts, start=None, end=None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """``(start, end)`` as midnight timestamps, or ``(None, None)`` when they cut no sales line.

    The facts of [start, end] are the facts of the open window when ``start`` is on or before
    the first sales day (or None) and ``end`` on or after the last one (or None), both days
    included as in :func:`kbcore.facts.between`: the open window's cached facts then answer.
    A window that does cut lines keeps its bounds, so it shares the cache with every other
    caller that asks for the same window.
    """
    lo, hi = period_bounds(start, end)
    if lo is None and hi is None:
        return lo, hi
    first, last = facts.first_day(), facts.last_day()
    if first is None:
        return lo, hi
    if (lo is None or lo <= first) and (hi is None or hi >= last):
        return None, None
    return lo, hi


def months_back(end, months: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The last ``months`` calendar months up to ``end``, both days included: ``(lo, hi)``.

    ::

        hi = end (midnight)
        lo = hi + 1 day − months        (31 Dec, 12 → 1 Jan; 30 Jun, 6 → 1 Jan; 15 Mar, 1 → 16 Feb)

    An end on a month's last day gives whole calendar months. The window before it, of the same
    length, is ``months_back(lo − 1 day, months)``. The one definition of "the last N months" of
    the key-account, DMU and completeness analyses.
    """
    if int(months) <= 0:
        raise ValueError(f"months must be > 0, not {months!r}")
    hi = pd.Timestamp(end).normalize()
    return hi + pd.Timedelta(days=1) - pd.DateOffset(months=int(months)), hi


def id_codes(ids: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of ids compared as stripped text, and the ids they stand for.

    Returns ``(codes, uniques)``: ``uniques`` is the sorted :class:`~pandas.Index` (string
    dtype) of the distinct stripped ids, ``codes[i]`` the position of row i's stripped id in it,
    −1 for a missing id. The text is stripped once per distinct value, not once per row.
    """
    raw_codes, raw = pd.factorize(ids.astype("string"), sort=False)
    if not len(raw):
        return np.full(len(ids), -1, dtype=np.int64), pd.Index([], dtype="string")
    stripped = pd.Index(raw, dtype="string").str.strip()
    to_final, uniques = pd.factorize(stripped, sort=True)
    codes = np.where(raw_codes >= 0, to_final[np.maximum(raw_codes, 0)], -1).astype(np.int64)
    return codes, pd.Index(uniques, dtype="string")


def years(facts: Facts, first_year: int, last_year: int, end=None) -> pd.DataFrame:
    """``facts.periods("year", f"{first_year}-01-01", end)``, ``end`` in ``last_year`` or after.

    When ``end`` cuts no sales line of ``last_year`` (it is 31 December, or on or after the
    last sales day), the window holds whole calendar years: its rows are the rows of those
    years in the open window's cached ``facts.periods("year")``, taken as they are.
    """
    lo = pd.Timestamp(year=int(first_year), month=1, day=1)
    dec31 = pd.Timestamp(year=int(last_year), month=12, day=31)
    hi = dec31 if end is None else min(period_bounds(None, end)[1], dec31)
    last = facts.last_day()
    if last is not None and hi >= min(dec31, last):
        full = facts.periods("year")
        keep = (full["period"] >= int(first_year)) & (full["period"] <= int(last_year))
        return full.loc[keep].reset_index(drop=True)
    return facts.periods("year", lo, hi)


def _sort_key(values: pd.Series) -> np.ndarray | None:
    """An int64 key that sorts like ``values`` (missing values last), or None if unsupported."""
    if pd.api.types.is_datetime64_dtype(values.dtype):
        key = values.to_numpy(dtype="datetime64[ns]").view("int64").copy()
        key[values.isna().to_numpy()] = np.iinfo(np.int64).max
        return key
    if pd.api.types.is_string_dtype(values.dtype) or isinstance(values.dtype, pd.StringDtype):
        codes, uniques = pd.factorize(values, sort=True)
        return np.where(codes >= 0, codes, len(uniques)).astype(np.int64)
    if pd.api.types.is_integer_dtype(values.dtype) and not values.isna().any():
        return values.to_numpy(dtype="int64")
    return None


def _steps(values: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """(row > previous row, row == previous row) for rows 1…n−1; None with missing values."""
    if values.isna().any():
        return None
    if pd.api.types.is_datetime64_dtype(values.dtype) or pd.api.types.is_integer_dtype(
        values.dtype
    ):
        v = values.to_numpy(dtype="datetime64[ns]" if values.dtype.kind == "M" else "int64")
        return v[1:] > v[:-1], v[1:] == v[:-1]
    if isinstance(values.dtype, pd.StringDtype):
        arr = pa.array(values.array)
        later, prev = arr.slice(1), arr.slice(0, len(arr) - 1)
        return (pc.greater(later, prev).to_numpy(zero_copy_only=False),
                pc.equal(later, prev).to_numpy(zero_copy_only=False))
    return None


def _in_order(frame: pd.DataFrame, columns: list[str]) -> bool:
    """True when ``frame`` is sorted ascending by ``columns`` (no missing value in them)."""
    later = np.zeros(len(frame) - 1, dtype=bool)
    equal = np.ones(len(frame) - 1, dtype=bool)
    for c in columns:
        steps = _steps(frame[c])
        if steps is None:
            return False
        up, same = steps
        later |= equal & up
        equal &= same
    return bool((later | equal).all())


def sort_by(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame.sort_values(columns, kind="stable")`` (ascending, missing last), on integer keys.

    A frame already in that order (checked row against row, no sort) is returned as it is.
    Otherwise text keys are sorted through their sorted distinct values (one factorisation
    each) instead of comparing text row by row.
    """
    if len(frame) < 2 or _in_order(frame, columns):
        return frame
    keys = [_sort_key(frame[c]) for c in columns]
    if any(k is None for k in keys):
        return frame.sort_values(columns, kind="stable")
    order = np.lexsort(keys[::-1])  # lexsort is stable; its last key is the primary one
    return frame.take(order)
