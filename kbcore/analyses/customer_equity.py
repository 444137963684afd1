"""Block 3 · The customer base as an asset: customer equity and its change over the years.

The seminar's block 3 («Возможности клиентской базы») treats the customer base as an asset of
the company. Its value is the *customer equity*: the sum over the active clients of what each
is expected to earn for us over a horizon, discounted. Method (stated, so that anyone can redo
it by hand):

::

    annual profit π_i(E) = block 1's client profit after cost to serve (client_pnl) over the
                           12 months to the year-end E
    retention r(E)       = share of the buyers of the 12 months before that window who bought
                           again in it (per segment or overall)
    CLV_i(E)             = π_i(E) × Σ_{t=1..H} r^t / (1 + d)^t
    equity(E)            = Σ_i CLV_i(E)  over the clients buying in the 12 months to E

Loss-making clients keep their negative CLV: they reduce the equity. The sum of the positive
values only is shown beside it (``equity_positive``), so the cost of the loss-makers is seen.

Sources: S. Gupta, D. R. Lehmann and J. A. Stuart, "Valuing customers", *Journal of Marketing
Research* 41(1), 2004, pp. 7–18 (customer value = margin × Σ retention^t / (1 + discount)^t,
the customer base valued as the sum over customers); R. C. Blattberg and J. Deighton,
"Manage marketing by the customer equity test", *Harvard Business Review* 74(4), 1996,
pp. 136–144 (customer equity). Client profit after Kaplan & Narayanan (2001), see
:mod:`kbcore.analyses.profitability`. Defaults (5 years, 12 % a year): our reading, parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kbcore.analyses._assess import ids, missing
from kbcore.analyses._window import months_back, span
from kbcore.analyses.lifecycle import year_end_dates
from kbcore.analyses.profitability import DEFAULT_RATES, CostToServeRates, client_pnl
from kbcore.facts import Facts, period_bounds
from kbcore.schema import C

__all__ = [
    "EQUITY_YEAR_COLUMNS",
    "EQUITY_CLIENT_COLUMNS",
    "CustomerEquity",
    "clv_multiplier",
    "customer_equity",
]

EQUITY_YEAR_COLUMNS = ["year", "as_of", "clients", "retention", "multiplier", "annual_profit",
                       "equity", "equity_positive", "equity_change"]
EQUITY_CLIENT_COLUMNS = [C.client_id, "segment", "annual_profit", "retention", "multiplier", "clv"]


@dataclass(frozen=True)
class CustomerEquity:
    """The customer equity by year-end and per client at the analysis date.

    Attributes
    ----------
    by_year : DataFrame
        ``EQUITY_YEAR_COLUMNS``: one row per year-end of the period (31 December, or the
        analysis date for the last year): ``clients`` buying in the 12 months to it,
        overall ``retention`` and its ``multiplier``, Σ ``annual_profit``, ``equity`` = Σ CLV,
        ``equity_positive`` = Σ max(CLV, 0), ``equity_change`` = equity − the previous row's.
    clients : DataFrame
        ``EQUITY_CLIENT_COLUMNS`` at the analysis date, sorted by CLV descending.
    horizon_years, discount_rate : int, float
        The method's parameters.
    retention_by : str or None
        ``"segment"`` or None (overall).
    missing : tuple of str
        Ids of what the data did not allow: ``"cost"`` (no cost of goods: profit and equity
        unknown), ``"retention"`` (no previous year to measure it at the analysis date),
        ``"segment"`` (retention by segment asked, no segments: the overall rate is used).
    """

    by_year: pd.DataFrame
    clients: pd.DataFrame
    horizon_years: int
    discount_rate: float
    retention_by: str | None = None
    missing: tuple[str, ...] = field(default_factory=tuple)


def clv_multiplier(retention, *, horizon_years: int = 5, discount_rate: float = 0.12):
    """Σ_{t=1..H} r^t / (1 + d)^t: the years of profit a client is worth, discounted.

    ``retention`` is a number or an array (NaN stays NaN). With r = 2/3, H = 2, d = 0.1:
    (2/3)/1.1 + (4/9)/1.21 = 0.60606 + 0.36731 = 0.97337.

    Source: Gupta, Lehmann & Stuart (2004), eq. (1) with a finite horizon.
    """
    q = np.asarray(retention, dtype="float64") / (1.0 + float(discount_rate))
    total = np.zeros_like(q)
    term = np.ones_like(q)
    for _ in range(int(horizon_years)):
        term = term * q
        total = total + term
    return total if total.ndim else float(total)


def _buyers(facts: Facts, lo, hi) -> pd.Index:
    """Clients with at least one order (a shipment, not only returns) in [lo, hi]."""
    per = facts.clients(*span(facts, lo, hi))
    return pd.Index(ids(per.loc[per["orders"] > 0, C.client_id]).unique(), dtype="string")


def _segments(clients: pd.DataFrame | None) -> pd.Series | None:
    if clients is None or not {C.client_id, C.segment} <= set(clients.columns):
        return None
    seg = clients[C.segment].astype("string").str.strip().replace("", pd.NA)
    out = pd.Series(seg.to_numpy(), index=ids(clients[C.client_id]).to_numpy(), dtype="string")
    out = out[~out.index.duplicated()]
    return out if out.notna().any() else None


def _retention(prev: pd.Index, cur: pd.Index, segments: pd.Series | None,
               min_base: int) -> tuple[float, pd.Series | None]:
    """Overall retention and, with segments, the rate per segment (bases ≥ min_base only)."""
    kept = prev.isin(cur)
    overall = float(kept.mean()) if len(prev) else np.nan
    if segments is None or not len(prev):
        return overall, None
    seg = segments.reindex(prev).to_numpy()
    frame = pd.DataFrame({"segment": seg, "kept": kept}).dropna(subset=["segment"])
    grouped = frame.groupby("segment")["kept"]
    rates = grouped.mean().where(grouped.size() >= int(min_base)).dropna()
    return overall, rates


def _year_end(facts: Facts, clients, interactions, rates, at, segments, by_segment: bool,
              min_base, horizon_years, discount_rate) -> pd.DataFrame:
    """CLV per client buying in the 12 months to ``at``."""
    lo, hi = months_back(at, 12)
    pnl = client_pnl(facts, clients, interactions, rates=rates, start=lo, end=hi)
    pnl = pnl.loc[pnl["orders"] > 0]
    prev_lo, prev_hi = months_back(lo - pd.Timedelta(days=1), 12)
    first = facts.first_day()
    prev = _buyers(facts, prev_lo, prev_hi) if first is not None and first <= prev_hi else (
        pd.Index([], dtype="string"))
    cur = pd.Index(ids(pnl[C.client_id]), dtype="string")
    overall, seg_rates = _retention(prev, cur, segments if by_segment else None, min_base)
    out = pd.DataFrame({C.client_id: cur,
                        "annual_profit": pnl["profit"].astype("float64").to_numpy()})
    out["segment"] = (segments.reindex(cur).to_numpy() if segments is not None
                      else pd.array([pd.NA] * len(out), dtype="string"))
    out["segment"] = out["segment"].astype("string")
    r = np.full(len(out), overall)
    if seg_rates is not None and len(seg_rates):
        seg_r = out["segment"].map(seg_rates).astype("float64")
        r = seg_r.fillna(overall).to_numpy()
    out["retention"] = r
    out["multiplier"] = clv_multiplier(r, horizon_years=horizon_years, discount_rate=discount_rate)
    out["clv"] = out["annual_profit"] * out["multiplier"]
    out.attrs["overall"] = overall
    return out[EQUITY_CLIENT_COLUMNS]


def customer_equity(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    *,
    as_of=None,
    horizon_years: int = 5,
    discount_rate: float = 0.12,
    rates: CostToServeRates | None = None,
    by: str = "year",
    retention_by: str | None = None,
    min_base: int = 20,
) -> CustomerEquity:
    """The customer equity at each year-end of the period and per client at ``as_of``.

    Parameters
    ----------
    facts : Facts
        The company's sales facts.
    clients, interactions : DataFrame, optional
        As in :func:`~kbcore.analyses.profitability.client_pnl` (payment terms and visits for
        the cost to serve); ``clients.segment`` for the retention by segment.
    as_of : date-like, optional
        The analysis date (default ``facts.as_of``): the last row of ``by_year`` and the date
        of ``clients``. Nothing after it is used.
    horizon_years : int
        H, the years of future profit counted (default 5; our reading: the planning horizon of
        a B2B distributor, beyond which a forecast of a client's profit is guesswork).
    discount_rate : float
        d, the yearly discount rate (default 0.12, a cost of capital near the Bank of Russia key
        rate of 2023–2025; set your own).
    rates : CostToServeRates, optional
        The cost-to-serve rates of the client profit (default block 1's ``DEFAULT_RATES``).
    by : {"year"}
        The period of the series: year-ends (the only period: retention is a yearly rate).
    retention_by : {None, "segment"}
        None → one retention rate for all clients; ``"segment"`` → each segment's own rate
        when at least ``min_base`` of its clients bought in the previous 12 months, else the
        overall rate (also for clients without a segment).
    min_base : int
        The smallest segment base for a segment's own retention rate (default 20).

    Returns
    -------
    CustomerEquity
        ``by_year`` and ``clients`` (see :class:`CustomerEquity`), with the formulas of the
        module docstring. A year-end whose previous 12 months hold no sales (the first year)
        has retention NaN, so its equity is NaN: the rate is measured, never assumed. Without
        a cost of goods the profit, CLV and equity are NaN (``"cost"`` missing).

    Source: Gupta, Lehmann & Stuart (2004); Blattberg & Deighton (1996); see the module
    docstring.
    """
    if by != "year":
        raise ValueError(f"by must be 'year', not {by!r}")
    if retention_by not in (None, "segment"):
        raise ValueError(f"retention_by must be None or 'segment', not {retention_by!r}")
    if int(horizon_years) < 1:
        raise ValueError(f"horizon_years must be ≥ 1, not {horizon_years!r}")
    if not (isinstance(discount_rate, (int, float)) and math.isfinite(discount_rate)
            and discount_rate > -1):
        raise ValueError(f"discount_rate must be a number > −1, not {discount_rate!r}")
    rates = DEFAULT_RATES if rates is None else rates
    at = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    segments = _segments(clients)
    dates = [d for d in year_end_dates(facts, end=at) if d <= at]
    rows, last = [], None
    for date in dates:
        per = _year_end(facts, clients, interactions, rates, date, segments,
                        retention_by == "segment", min_base, horizon_years, discount_rate)
        overall = per.attrs["overall"]
        clv = per["clv"]
        rows.append({
            "year": int(date.year),
            "as_of": date,
            "clients": len(per),
            "retention": overall,
            "multiplier": clv_multiplier(overall, horizon_years=horizon_years,
                                         discount_rate=discount_rate),
            "annual_profit": per["annual_profit"].sum(min_count=1),
            "equity": clv.sum(min_count=len(per)) if len(per) else 0.0,
            "equity_positive": clv.clip(lower=0).sum(min_count=len(per)) if len(per) else 0.0,
        })
        last = per
    by_year = pd.DataFrame(rows, columns=EQUITY_YEAR_COLUMNS[:-1])
    by_year["equity_change"] = by_year["equity"].diff()
    by_year = by_year.astype({"year": "int64", "clients": "int64", "retention": "float64",
                              "multiplier": "float64", "annual_profit": "float64",
                              "equity": "float64", "equity_positive": "float64",
                              "equity_change": "float64"})
    if last is None:
        last = pd.DataFrame({c: pd.Series(dtype="float64") for c in EQUITY_CLIENT_COLUMNS})
        last[C.client_id] = last[C.client_id].astype("string")
        last["segment"] = last["segment"].astype("string")
    table = last.sort_values(["clv", C.client_id], ascending=[False, True], na_position="last",
                             kind="mergesort").reset_index(drop=True)
    no_cost = bool(len(table)) and table["annual_profit"].isna().all()
    no_retention = not len(by_year) or math.isnan(by_year["retention"].iloc[-1])
    return CustomerEquity(
        by_year=by_year,
        clients=table,
        horizon_years=int(horizon_years),
        discount_rate=float(discount_rate),
        retention_by=retention_by,
        missing=missing("cost" if no_cost else "", "retention" if no_retention else "",
                        "segment" if retention_by == "segment" and segments is None else ""),
    )
