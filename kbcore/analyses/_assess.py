"""Private helpers shared by the assessment analyses of blocks 3 and 9 (idic, customer_equity, handover, kam_time).

* :func:`table` — a dataset's table or None (a sales-only export has no optional tables);
* :func:`ids` — client and person ids compared as stripped text;
* :func:`missing` — the ``missing`` ids in order, without blanks and repeats;
* :func:`abc_window` — the ABC class by revenue of every client buying in the last N months
  (segmentation's :func:`~kbcore.analyses.segmentation.abc`, default cuts 80/95);
* :func:`client_discount_rate` — a client's discount / list revenue from its facts.
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses._window import months_back, span
from kbcore.analyses.segmentation import abc
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = ["table", "ids", "missing", "abc_window", "client_discount_rate", "has_discount"]


def table(ds, name: str) -> pd.DataFrame | None:
    """``ds.<name>`` when the dataset has that table with at least one row, else None."""
    frame = getattr(ds, name, None)
    if frame is None or not isinstance(frame, pd.DataFrame) or frame.empty:
        return None
    return frame


def ids(series: pd.Series) -> pd.Series:
    """Ids as stripped text (string dtype)."""
    return series.astype("string").str.strip()


def missing(*items: str) -> tuple[str, ...]:
    """The non-blank ids in their first order, once each."""
    return tuple(dict.fromkeys(i for i in items if i))


def has_discount(facts: Facts) -> bool:
    """True when the sales lines carry a discount (``discount`` or ``list_revenue`` column)."""
    cols = facts.sales.columns
    return C.discount in cols or C.list_revenue in cols


def client_discount_rate(per_client: pd.DataFrame) -> pd.Series:
    """The discount / list_revenue per row of a facts frame (NaN when the list revenue ≤ 0)."""
    lst = per_client[C.list_revenue].astype("float64")
    return (per_client[C.discount].astype("float64") / lst).where(lst > 0)


def abc_window(facts: Facts, at: pd.Timestamp, months: int) -> pd.DataFrame:
    """Facts per client over the last ``months`` to ``at`` with its ABC class by revenue.

    Returns the columns of ``facts.clients`` plus ``abc`` (segmentation's rule: A up to 80 %,
    B up to 95 % of the cumulated positive revenue, C the rest and every client with revenue ≤ 0).
    """
    lo, hi = months_back(at, months)
    per = facts.clients(*span(facts, lo, hi))
    classes = abc(per, measure=C.revenue)[[C.client_id, "abc"]]
    out = per.assign(**{C.client_id: ids(per[C.client_id])}).merge(
        classes.assign(**{C.client_id: ids(classes[C.client_id])}), on=C.client_id, how="left")
    out["abc"] = out["abc"].fillna("C").astype("string")
    return out
