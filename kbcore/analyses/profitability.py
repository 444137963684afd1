"""Block 1 · Main errors in sales management.

Who earns the company's money?

The seminar's claim: chasing gross sales volume is the main error in sales management —
revenue grows, profit does not, because clients won with concessions and served at great
cost give the margin back. This module turns it into numbers:

* :func:`yearly_summary` — revenue, gross margin and client profit by calendar year;
* :func:`client_pnl` — one P&L line per client after a transparent cost to serve
  (:class:`CostToServeRates`);
* :func:`whale_curve` / :func:`whale_summary` — cumulative profit by client, ranked;
* :func:`concession_clients` — revenue share against profit share of deep-discount clients;
* :func:`concentration` — dependence on a few clients (top-N shares, HHI, a verdict);
* :func:`yearly_growth` — growth of a yearly measure between the first and last full years.

Every function starts from a :class:`~kbcore.facts.Facts` context (the one reduction of sales
lines), never reads files, never plots, never prints, and returns numbers and ids: the texts
people read (key figures, the dependence verdict) are in :mod:`kbcore.views.profitability`.
Cost-to-serve model and whale curve follow R. S. Kaplan and V. G. Narayanan, "Measuring and
managing customer profitability", *Journal of Cost Management* 15(5), 2001, pp. 5–15.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from kbcore.analyses._window import id_codes
from kbcore.facts import Facts, between, period_bounds
from kbcore.schema import C

__all__ = [
    "CostToServeRates",
    "DEFAULT_RATES",
    "EUR_RATES",
    "RATES_BY_CURRENCY",
    "rates_for",
    "VISIT_KINDS",
    "PNL_COLUMNS",
    "YEARLY_COLUMNS",
    "CURVE_COLUMNS",
    "CONCESSION_COLUMNS",
    "client_pnl",
    "yearly_summary",
    "whale_curve",
    "whale_summary",
    "concession_clients",
    "concentration",
    "yearly_growth",
]

DAYS_PER_YEAR = 365.0
VISIT_KINDS = ("visit",)
"""Values of ``interactions.kind`` that count as a sales visit (compared case-insensitively)."""

PNL_COLUMNS = [
    C.client_id,
    C.name,
    C.revenue,
    C.cost,
    "gross_margin",
    C.discount,
    "discount_rate",
    "orders",
    "deliveries",
    "visits",
    "cts_orders",
    "cts_deliveries",
    "cts_visits",
    "cts_credit",
    "cost_to_serve",
    "profit",
    "profit_margin",
]
YEARLY_COLUMNS = [
    "year",
    "clients",
    C.revenue,
    C.cost,
    "gross_margin",
    "gross_margin_pct",
    "cost_to_serve",
    "profit",
    "profit_pct",
    "months",
]
CURVE_COLUMNS = ["rank", C.client_id, "value", "cum_value", "cum_share", "client_share"]
CONCESSION_COLUMNS = [
    "group",
    "clients",
    C.revenue,
    "revenue_share",
    "gross_margin",
    "profit",
    "profit_share",
    "discount_rate",
]
GROUPS = ("concession", "other")

NOTE_TOTAL = "whale.note.nonpositive_total"
NOTE_EMPTY = "whale.note.empty"
NOTE_CONCESSION = "concession.note.nonpositive_total"


# --------------------------------------------------------------------------- cost to serve
@dataclass(frozen=True)
class CostToServeRates:
    """Rates of the cost-to-serve model (what serving a client costs besides the goods).

    Activity-based costing in its simplest, transparent form (Kaplan & Narayanan 2001): each
    activity a client causes has a rate, and the client's cost to serve is Σ activity count ×
    rate. Set the rates to your company's own figures (total cost of the activity in a year /
    number of times it happened).

    Attributes
    ----------
    per_order : float
        RUB per order (a sales document): order entry, picking, invoicing, accounting.
        Default 1 500.
    per_delivery : float
        RUB per delivery, i.e. per distinct day with shipments to the client: transport and
        unloading. Same-day orders travel together, so they count once. Default 2 500.
    per_visit : float
        RUB per sales visit (an ``interactions`` row whose ``kind`` is "visit"): the
        manager's time, travel, per diem. Default 6 000.
    credit_rate : float
        Annual cost of money (a share: 0.16 = 16 % a year) tied up in the client's payment
        terms (``clients.payment_terms_days``): every rouble of revenue waits that many days
        before it is paid. Default 0.16 (about the Bank of Russia key rate of 2023–2025 plus
        a bank margin; set your own cost of borrowing).

    Formula
    -------
    ::

        cts_orders     = orders × per_order
        cts_deliveries = deliveries × per_delivery
        cts_visits     = visits × per_visit
        cts_credit     = max(revenue, 0) × payment_terms_days / 365 × credit_rate
        cost_to_serve  = cts_orders + cts_deliveries + cts_visits + cts_credit
    """

    per_order: float = 1500.0
    per_delivery: float = 2500.0
    per_visit: float = 6000.0
    credit_rate: float = 0.16

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
                raise ValueError(f"CostToServeRates.{f.name} must be a number ≥ 0, not {value!r}")


DEFAULT_RATES = CostToServeRates()
"""The rates in roubles (program 000's company)."""

EUR_RATES = CostToServeRates(per_order=15.0, per_delivery=25.0, per_visit=60.0, credit_rate=0.06)
"""The rates in euro, for a company in the euro area (program 004's Bulgarian company): EUR 15 an
order, EUR 25 a delivery, EUR 60 a visit (our estimates of a Bulgarian distributor's costs, about a
hundredth of the rouble rates with lower wages and distances), money at 6 % a year (the ECB deposit
rate of 2025, about 2 %, plus a bank's margin). Replace them with your own."""

RATES_BY_CURRENCY = {"RUB": DEFAULT_RATES, "EUR": EUR_RATES}
"""Default cost-to-serve rates by the data's currency (``Dataset.currency``)."""


def rates_for(currency: str | None) -> CostToServeRates:
    """The default cost-to-serve rates of a currency (ISO code); the rouble rates when it is None."""
    if currency is None:
        return DEFAULT_RATES
    if currency not in RATES_BY_CURRENCY:
        raise ValueError(f"no default cost-to-serve rates in {currency!r}: give CostToServeRates in it "
                         f"(defaults exist in {', '.join(RATES_BY_CURRENCY)})")
    return RATES_BY_CURRENCY[currency]


def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _analysis_period(
    facts: Facts, start, end
) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """[start, end] ∩ the facts' period, open sides closed by the first and last sales date."""
    lo, hi = period_bounds(start, end)
    if lo is not None and facts.start is not None:
        lo = max(lo, facts.start)
    if hi is not None and facts.end is not None:
        hi = min(hi, facts.end)
    if lo is None:
        lo = facts.first_day()
    if hi is None:
        hi = facts.last_day()
    return lo, hi


def _visits(
    interactions: pd.DataFrame | None, lo, hi, by_year: bool, visit_kinds: tuple[str, ...]
) -> pd.DataFrame:
    """Visits per client (and year) in [lo, hi]; an empty frame when they cannot be counted."""
    keys = [C.client_id] + (["period"] if by_year else [])
    empty = pd.DataFrame(
        {k: pd.Series(dtype="string" if k == C.client_id else "int64") for k in keys}
    ).assign(visits=pd.Series(dtype="int64"))
    if (
        interactions is None
        or interactions.empty
        or C.kind not in interactions.columns
        or C.client_id not in interactions.columns
        or C.date not in interactions.columns
    ):
        return empty
    rows = between(interactions, lo, hi)
    kinds = {k.strip().casefold() for k in visit_kinds}
    # the kind is compared once per distinct value, not once per row
    kind_codes, kind_values = pd.factorize(rows[C.kind].astype("string"))
    is_visit = pd.Index(kind_values, dtype="string").str.strip().str.casefold().isin(kinds)
    rows = rows.loc[np.where(kind_codes >= 0, np.asarray(is_visit, dtype=bool)[kind_codes], False)]
    if rows.empty:
        return empty
    codes, ids = id_codes(rows[C.client_id])
    known = codes >= 0
    codes = codes[known]
    if not by_year:
        counts = np.bincount(codes, minlength=len(ids))
        seen = counts > 0
        return pd.DataFrame({C.client_id: ids[seen], "visits": counts[seen].astype("int64")})
    years = rows[C.date].dt.year.to_numpy()[known].astype("int64")
    first = int(years.min()) if len(years) else 0
    n_years = int(years.max()) - first + 1 if len(years) else 1
    counts = np.bincount(codes * n_years + (years - first), minlength=len(ids) * n_years)
    seen = np.flatnonzero(counts)
    return pd.DataFrame({C.client_id: ids[seen // n_years],
                         "period": (seen % n_years + first).astype("int64"),
                         "visits": counts[seen].astype("int64")})


def _client_attrs(clients: pd.DataFrame | None) -> pd.DataFrame:
    """client_id, name, payment_terms_days (one row per client) from the clients table."""
    out = pd.DataFrame(
        {
            C.client_id: pd.Series(dtype="string"),
            C.name: pd.Series(dtype="string"),
            C.payment_terms_days: pd.Series(dtype="float64"),
        }
    )
    if clients is None or clients.empty or C.client_id not in clients.columns:
        return out
    frame = pd.DataFrame({C.client_id: _ids(clients[C.client_id])})
    frame[C.name] = (
        clients[C.name].astype("string")
        if C.name in clients.columns
        else pd.Series(pd.NA, index=clients.index, dtype="string")
    )
    frame[C.payment_terms_days] = (
        pd.to_numeric(clients[C.payment_terms_days], errors="coerce").astype("float64")
        if C.payment_terms_days in clients.columns
        else np.nan
    )
    return frame.drop_duplicates(C.client_id, keep="first")


def _add_cost_to_serve(frame: pd.DataFrame, rates: CostToServeRates) -> pd.DataFrame:
    """Add the cost-to-serve columns, profit and ratios to a facts frame (with visits, terms)."""
    terms = frame[C.payment_terms_days].fillna(0.0).clip(lower=0.0)
    out = frame.assign(
        cts_orders=frame["orders"] * rates.per_order,
        cts_deliveries=frame["deliveries"] * rates.per_delivery,
        cts_visits=frame["visits"] * rates.per_visit,
        cts_credit=frame[C.revenue].clip(lower=0.0) * terms / DAYS_PER_YEAR * rates.credit_rate,
    )
    out["cost_to_serve"] = (
        out["cts_orders"] + out["cts_deliveries"] + out["cts_visits"] + out["cts_credit"]
    ).astype("float64")
    out["profit"] = out["gross_margin"] - out["cost_to_serve"]
    list_revenue = out[C.revenue] + out[C.discount]
    out["discount_rate"] = (out[C.discount] / list_revenue).where(list_revenue > 0)
    out["profit_margin"] = (out["profit"] / out[C.revenue]).where(out[C.revenue] > 0)
    return out


def client_pnl(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    *,
    rates: CostToServeRates = DEFAULT_RATES,
    start=None,
    end=None,
    visit_kinds: tuple[str, ...] = VISIT_KINDS,
) -> pd.DataFrame:
    """The client P&L: one line per client, from revenue down to profit after cost to serve.

    Parameters
    ----------
    facts : Facts
        The company's sales facts (:class:`~kbcore.facts.Facts`): orders, deliveries,
        revenue, cost and discount per client over the window.
    clients : DataFrame, optional
        ``name`` and ``payment_terms_days`` per client. Missing table, column or value →
        the client ID stands for the name; no payment terms → credit cost 0.
    interactions : DataFrame, optional
        CRM history; rows whose ``kind`` is one of ``visit_kinds`` (case-insensitive) dated in
        the analysed period are the client's visits. Missing table or ``kind`` column → 0
        visits.
    rates : CostToServeRates
        The cost-to-serve rates.
    start, end : date-like, optional
        A window inside the facts' period, both days included; ``None`` = the first / last
        sales date of the period. Sales and visits are both restricted to it.
    visit_kinds : tuple of str
        Interaction kinds that count as a visit (default ``("visit",)``).

    Returns
    -------
    DataFrame
        ``client_id, name, revenue, cost, gross_margin, discount, discount_rate, orders,
        deliveries, visits, cts_orders, cts_deliveries, cts_visits, cts_credit,
        cost_to_serve, profit, profit_margin``; one row per client with sales lines in the
        period, sorted by profit descending (ties by client_id; unknown profit last).

    Notes
    -----
    Formulas (the cost-to-serve part is documented in :class:`CostToServeRates`)::

        gross_margin  = revenue − cost
        discount_rate = discount / (revenue + discount)          (NaN when the list revenue ≤ 0)
        profit        = gross_margin − cost_to_serve
        profit_margin = profit / revenue                          (NaN when revenue ≤ 0)

    Without a ``cost`` column gross margin and profit are NaN: the cost to serve alone is
    shown. Visits to clients without sales in the period are not in the P&L (they are the
    cost of acquiring clients, not of serving them).

    Source: R. S. Kaplan and V. G. Narayanan, "Measuring and managing customer
    profitability", Journal of Cost Management 15(5), 2001 (customer P&L by activity-based
    cost to serve).
    """
    per_client = facts.clients(start, end)
    lo, hi = _analysis_period(facts, start, end)
    visits = _visits(interactions, lo, hi, by_year=False, visit_kinds=visit_kinds)
    attrs = _client_attrs(clients)
    frame = per_client.merge(visits, on=C.client_id, how="left").merge(
        attrs, on=C.client_id, how="left"
    )
    frame["visits"] = frame["visits"].fillna(0).astype("int64")
    frame[C.name] = frame[C.name].astype("string").fillna(frame[C.client_id])
    out = _add_cost_to_serve(frame, rates)
    out = out.sort_values(
        ["profit", C.client_id], ascending=[False, True], na_position="last", kind="mergesort"
    )
    return out[PNL_COLUMNS].reset_index(drop=True)


def yearly_summary(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    *,
    rates: CostToServeRates = DEFAULT_RATES,
    start=None,
    end=None,
    visit_kinds: tuple[str, ...] = VISIT_KINDS,
) -> pd.DataFrame:
    """Gross figures by calendar year: revenue, gross margin and client profit.

    The cost to serve is computed per client and year with the same formula as
    :func:`client_pnl` (orders, deliveries, visits and the credit cost of that year's
    revenue), then summed by year; so the years add up to the P&L of the whole period.

    Parameters
    ----------
    facts, clients, interactions, rates, start, end, visit_kinds
        As in :func:`client_pnl`.

    Returns
    -------
    DataFrame
        One row per calendar year with sales: ``year, clients, revenue, cost, gross_margin,
        gross_margin_pct, cost_to_serve, profit, profit_pct, months``, where::

            clients          = number of clients with at least one shipment in the year
            gross_margin_pct = gross_margin / revenue
            profit_pct       = profit / revenue        (NaN when revenue ≤ 0)
            months           = calendar months of the year inside the analysed period
                               (12 = a full year; fewer = a partial first or last year,
                               which should not be compared with full years)

    Source: the seminar's block 1 («Ориентация на валовые показатели сбыта как основная
    ошибка»); cost to serve after Kaplan & Narayanan (2001).
    """
    per_year = facts.periods("year", start, end)
    if per_year.empty:
        return pd.DataFrame(
            {
                c: pd.Series(dtype="int64" if c in ("year", "clients", "months") else "float64")
                for c in YEARLY_COLUMNS
            }
        )
    lo, hi = _analysis_period(facts, start, end)
    visits = _visits(interactions, lo, hi, by_year=True, visit_kinds=visit_kinds)
    frame = per_year.merge(visits, on=[C.client_id, "period"], how="left").merge(
        _client_attrs(clients), on=C.client_id, how="left"
    )
    frame["visits"] = frame["visits"].fillna(0).astype("int64")
    frame = _add_cost_to_serve(frame, rates)
    frame["active"] = (frame["deliveries"] > 0).astype("int64")

    by_year = frame.groupby("period", sort=True)
    out = pd.DataFrame(
        {
            "clients": by_year["active"].sum(),
            C.revenue: by_year[C.revenue].sum(),
            C.cost: by_year[C.cost].sum(min_count=1),
            "gross_margin": by_year["gross_margin"].sum(min_count=1),
            "cost_to_serve": by_year["cost_to_serve"].sum(),
            "profit": by_year["profit"].sum(min_count=1),
        }
    )
    out.index = out.index.rename("year").astype("int64")
    out = out.reset_index()
    positive = out[C.revenue] > 0
    out["gross_margin_pct"] = (out["gross_margin"] / out[C.revenue]).where(positive)
    out["profit_pct"] = (out["profit"] / out[C.revenue]).where(positive)
    first = pd.Timestamp(year=int(out["year"].min()), month=1, day=1) if lo is None else lo
    last = pd.Timestamp(year=int(out["year"].max()), month=12, day=31) if hi is None else hi
    first_month = np.where(out["year"] == first.year, first.month, 1)
    last_month = np.where(out["year"] == last.year, last.month, 12)
    out["months"] = (last_month - first_month + 1).clip(0, 12).astype("int64")
    out["clients"] = out["clients"].astype("int64")
    return out[YEARLY_COLUMNS]


# --------------------------------------------------------------------------- whale curve
def whale_curve(pnl: pd.DataFrame, *, measure: str = "profit") -> pd.DataFrame:
    """Clients ranked by ``measure`` (descending) with cumulative sums: the whale curve.

    Parameters
    ----------
    pnl : DataFrame
        A client table with ``client_id`` and ``measure`` (e.g. :func:`client_pnl`).
    measure : str
        The column to rank and accumulate: ``"profit"`` (the whale curve) or ``"revenue"``
        (the Pareto/Lorenz curve of revenue).

    Returns
    -------
    DataFrame
        ``rank, client_id, value, cum_value, cum_share, client_share`` with::

            cum_value_k    = Σ_{i ≤ k} value_i
            cum_share_k    = cum_value_k / Σ_i value_i     (NaN when the total is ≤ 0)
            client_share_k = k / n

        Clients whose measure is missing are left out. ``attrs["total"]`` holds the total and
        ``attrs["note"]`` a catalogue id when shares are undefined (total ≤ 0), else None.

    Notes
    -----
    The curve rises above 100 % (the best clients earn more than the whole profit), peaks,
    and falls back to 100 % as the unprofitable clients give part of it back. Kaplan and
    Narayanan report peaks of 150–300 % in real companies.

    Source: R. S. Kaplan and V. G. Narayanan, "Measuring and managing customer
    profitability", Journal of Cost Management 15(5), 2001, pp. 5–15.
    """
    data = pnl.loc[pnl[measure].notna(), [C.client_id, measure]]
    data = data.sort_values([measure, C.client_id], ascending=[False, True], kind="mergesort")
    n = len(data)
    values = data[measure].astype("float64").to_numpy()
    cum = np.cumsum(values)
    total = float(values.sum()) if n else 0.0
    curve = pd.DataFrame(
        {
            "rank": np.arange(1, n + 1, dtype="int64"),
            C.client_id: data[C.client_id].astype("string").to_numpy(),
            "value": values,
            "cum_value": cum,
            "cum_share": cum / total if total > 0 else np.full(n, np.nan),
            "client_share": np.arange(1, n + 1) / n if n else np.array([], dtype="float64"),
        }
    )
    curve[C.client_id] = curve[C.client_id].astype("string")
    curve.attrs["measure"] = measure
    curve.attrs["total"] = total
    curve.attrs["note"] = None if total > 0 else (NOTE_EMPTY if n == 0 else NOTE_TOTAL)
    return curve


def _top_count(n: int, share: float) -> int:
    """ceil(share × n), at least 1 when n > 0 (rounded first, so 0.2 × 15 is 3, not 4)."""
    if n == 0:
        return 0
    return max(1, math.ceil(round(share * n, 9)))


def whale_summary(curve: pd.DataFrame, *, top: float = 0.2) -> pd.Series:
    """The figures of a whale curve: its peak, the top clients' share and the unprofitable tail.

    Parameters
    ----------
    curve : DataFrame
        The output of :func:`whale_curve`.
    top : float
        The share of best clients for ``top20_share`` (default 0.2: the top 20 %).

    Returns
    -------
    Series
        ``clients`` n; ``total`` Σ value; ``peak_share`` = max cum_share; ``peak_value`` =
        max cum_value; ``peak_clients`` = the number of best clients at the peak (the first
        rank where cum_value is largest); ``peak_client_share`` = peak_clients / n;
        ``top20_clients`` = ceil(top × n); ``top20_share`` = their Σ value / total;
        ``unprofitable_clients`` = #{value < 0}; ``unprofitable_loss`` = Σ of the negative
        values (a negative number, 0 when none); ``note`` = a catalogue id when the total is
        ≤ 0 or the curve is empty (shares are then NaN), else None.

    Source: Kaplan & Narayanan (2001), see :func:`whale_curve`.
    """
    n = len(curve)
    values = curve["value"].to_numpy(dtype="float64") if n else np.array([], dtype="float64")
    cum = np.cumsum(values)
    total = float(values.sum()) if n else 0.0
    defined = total > 0
    k = _top_count(n, top)
    peak_at = int(np.argmax(cum)) if n else -1
    negative = values[values < 0]
    return pd.Series(
        {
            "clients": n,
            "total": total,
            "peak_share": float(cum[peak_at] / total) if defined else np.nan,
            "peak_value": float(cum[peak_at]) if n else np.nan,
            "peak_clients": peak_at + 1 if n else 0,
            "peak_client_share": (peak_at + 1) / n if n else np.nan,
            "top20_clients": k,
            "top20_share": float(cum[k - 1] / total) if defined else np.nan,
            "unprofitable_clients": int(negative.size),
            "unprofitable_loss": float(negative.sum()) if negative.size else 0.0,
            "note": None if defined else (NOTE_EMPTY if n == 0 else NOTE_TOTAL),
        },
        dtype="object",
        name="whale_summary",
    )


# --------------------------------------------------------------------------- concessions
def concession_clients(pnl: pd.DataFrame, *, threshold: float = 0.15) -> pd.DataFrame:
    """Clients won with concessions: their share of revenue against their share of profit.

    A client is a *concession client* when its discount rate — discount / (revenue +
    discount), i.e. its lines' discounts weighted by their list revenue — is at least
    ``threshold``. All other clients (including those without a known rate) are "other".

    Parameters
    ----------
    pnl : DataFrame
        :func:`client_pnl` (uses ``revenue, discount, discount_rate, gross_margin, profit``).
    threshold : float
        The discount rate from which a client counts as won with concessions (default 0.15).

    Returns
    -------
    DataFrame
        Two rows, ``group`` = "concession" then "other" (a group may have 0 clients):
        ``group, clients, revenue, revenue_share, gross_margin, profit, profit_share,
        discount_rate`` with::

            revenue_share = group revenue / total revenue     (NaN when total ≤ 0)
            profit_share  = group profit / total profit       (NaN when total ≤ 0)
            discount_rate = Σ discount / Σ (revenue + discount) of the group

        ``attrs["threshold"]`` keeps the threshold; ``attrs["note"]`` is a catalogue id
        when the total profit is ≤ 0 (profit shares undefined), else None.

    Source: the seminar's block 1 (clients «привлечены» with concessions: volume grows,
    profit does not); profitability after Kaplan & Narayanan (2001).
    """
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be a share between 0 and 1, not {threshold!r}")
    is_concession = (pnl["discount_rate"] >= threshold).fillna(False).astype(bool)
    frame = pd.DataFrame(
        {
            "group": np.where(is_concession, GROUPS[0], GROUPS[1]),
            C.revenue: pnl[C.revenue].astype("float64"),
            C.discount: pnl[C.discount].astype("float64"),
            "gross_margin": pnl["gross_margin"].astype("float64"),
            "profit": pnl["profit"].astype("float64"),
        }
    )
    grouped = frame.groupby("group", sort=False)
    out = pd.DataFrame(
        {
            "clients": grouped.size(),
            C.revenue: grouped[C.revenue].sum(),
            C.discount: grouped[C.discount].sum(),
            "gross_margin": grouped["gross_margin"].sum(min_count=1),
            "profit": grouped["profit"].sum(min_count=1),
        }
    ).reindex(list(GROUPS))
    empty = out["clients"].isna()
    out.loc[empty, ["clients", C.revenue, C.discount, "gross_margin", "profit"]] = 0.0
    out["clients"] = out["clients"].astype("int64")
    total_revenue = float(frame[C.revenue].sum())
    total_profit = float(frame["profit"].sum(min_count=1)) if len(frame) else 0.0
    out["revenue_share"] = out[C.revenue] / total_revenue if total_revenue > 0 else np.nan
    profit_defined = bool(total_profit > 0)
    out["profit_share"] = out["profit"] / total_profit if profit_defined else np.nan
    list_revenue = out[C.revenue] + out[C.discount]
    out["discount_rate"] = (out[C.discount] / list_revenue).where(list_revenue > 0)
    out = out.rename_axis("group").reset_index()[CONCESSION_COLUMNS]
    out["group"] = out["group"].astype("string")
    out.attrs["threshold"] = float(threshold)
    out.attrs["note"] = None if profit_defined or not len(frame) else NOTE_CONCESSION
    return out


# --------------------------------------------------------------------------- concentration
HHI_MODERATE = 0.10
HHI_HIGH = 0.18
TOP1_MODERATE = 0.10
TOP10_HIGH = 0.50


def concentration(
    pnl: pd.DataFrame,
    *,
    measure: str = "revenue",
    hhi_moderate: float = HHI_MODERATE,
    hhi_high: float = HHI_HIGH,
    top1_moderate: float = TOP1_MODERATE,
    top10_high: float = TOP10_HIGH,
    top: float = 0.2,
) -> pd.Series:
    """How much the business depends on a few clients: top-N shares, HHI and a verdict.

    Parameters
    ----------
    pnl : DataFrame
        A client table with ``measure`` (e.g. :func:`client_pnl`).
    measure : str
        The column whose distribution is measured (default ``"revenue"``).
    hhi_moderate, hhi_high : float
        HHI cut-offs on shares 0..1. ``hhi_high`` = 0.18 is the "highly concentrated" bound
        of the 2023 U.S. DOJ/FTC Merger Guidelines (§2.1, Guideline 1: HHI > 1 800);
        ``hhi_moderate`` = 0.10 is the "moderately concentrated" bound of the 1992/1997
        Horizontal Merger Guidelines (§1.51: 1 000–1 800).
    top1_moderate : float
        A single client with at least this share of revenue makes the dependence at least
        moderate. 0.10 is the bound from which IFRS 8 §34 (and US GAAP ASC 280-10-50-42)
        require a company to disclose its reliance on a single customer.
    top10_high : float
        The ten largest clients with at least this share make the dependence high ("half the
        business in ten hands", a common credit-analysis rule of thumb). Default 0.50.
    top : float
        The share of clients for ``top20pct_share`` (default 0.2).

    Returns
    -------
    Series
        ``clients``; ``top1_share``, ``top10_share``, ``top20pct_share`` (share of the
        largest client, of the 10 largest, of the largest ceil(top × n)); ``hhi``;
        ``effective_clients``; ``verdict`` ("low", "moderate", "high", or "unknown" when
        the total is ≤ 0 or there are no clients). With s_i = max(x_i, 0) / Σ_j max(x_j, 0)
        (a client with a negative measure, e.g. net returns, counts as 0)::

            hhi               = Σ s_i²          (1/n for n equal clients, 1 for one client)
            effective_clients = 1 / hhi         (how many equal clients give the same hhi)
            verdict = "high"      if hhi ≥ hhi_high or top10_share ≥ top10_high
                      "moderate"  elif hhi ≥ hhi_moderate or top1_share ≥ top1_moderate
                      "low"       otherwise

        Since hhi ≤ top1_share always (Σ s_i² ≤ max s_i · Σ s_i), hhi ≥ 0.10 implies a
        largest client of at least 10 %: the two "moderate" rules agree at their defaults.

    Source: Herfindahl–Hirschman index and cut-offs: U.S. Department of Justice and Federal
    Trade Commission, *Merger Guidelines* (2023), §2.1; *Horizontal Merger Guidelines*
    (1992, rev. 1997), §1.51. Single-customer 10 % bound: IFRS 8 *Operating Segments*, §34.
    """
    values = pnl[measure].dropna().astype("float64").clip(lower=0.0)
    values = np.sort(values.to_numpy())[::-1]
    n = int(values.size)
    total = float(values.sum()) if n else 0.0
    if total <= 0:
        return pd.Series(
            {
                "clients": n,
                "top1_share": np.nan,
                "top10_share": np.nan,
                "top20pct_share": np.nan,
                "hhi": np.nan,
                "effective_clients": np.nan,
                "verdict": "unknown",
            },
            dtype="object",
            name="concentration",
        )
    shares = values / total
    top1 = float(shares[0])
    top10 = float(shares[:10].sum())
    top20 = float(shares[: _top_count(n, top)].sum())
    hhi = float(np.square(shares).sum())
    if hhi >= hhi_high or top10 >= top10_high:
        verdict = "high"
    elif hhi >= hhi_moderate or top1 >= top1_moderate:
        verdict = "moderate"
    else:
        verdict = "low"
    return pd.Series(
        {
            "clients": n,
            "top1_share": top1,
            "top10_share": top10,
            "top20pct_share": top20,
            "hhi": hhi,
            "effective_clients": 1.0 / hhi,
            "verdict": verdict,
        },
        dtype="object",
        name="concentration",
    )


def yearly_growth(yearly: pd.DataFrame, column: str) -> pd.Series | None:
    """Growth of a yearly measure from the first to the last full year.

    Parameters
    ----------
    yearly : DataFrame
        :func:`yearly_summary` (``year``, ``months`` and ``column``).
    column : str
        The measure, e.g. ``"revenue"`` or ``"profit"``.

    Returns
    -------
    Series or None
        ``first_year, last_year`` (int), ``first, last`` (the measure in those years) and
        ``growth``::

            growth = last / first − 1          (NaN when first ≤ 0 or either value is unknown)

        The years compared are the first and the last full years (``months`` = 12); all
        years when fewer than two are full. None when there are fewer than two years.

    Source: the seminar's block 1 (revenue grows, profit does not); our reading.
    """
    years = yearly.loc[yearly["months"] == 12] if "months" in yearly.columns else yearly
    if len(years) < 2:
        years = yearly
    if len(years) < 2:
        return None
    first, last = years.iloc[0], years.iloc[-1]
    base, final = float(first[column]), float(last[column])
    growth = final / base - 1 if base > 0 and not math.isnan(final) else np.nan
    return pd.Series(
        {
            "first_year": int(first["year"]),
            "last_year": int(last["year"]),
            "first": base,
            "last": final,
            "growth": growth,
        },
        dtype="object",
        name=column,
    )
