"""Block 6 · Risk of refusal to cooperate after the first order.

The seminar's model «Риск отказа от сотрудничества при первом заказе»: a client who placed
one order and never a second one cost us the whole effort of winning it. This module
measures that risk on the company's own history:

* :func:`new_clients` — one row per new client: its first order (date, size, discount), how
  many orders followed, when the second one came, and the groups it belongs to
  (acquisition cohort, acquisition channel, segment, manager, first-order size band and
  discount band);
* :func:`second_order_conversion` — the share of new clients who ordered a second time, by
  any of those groups (the clients who had time to reorder only);
* :func:`time_to_second_order` — the time to the second order as a Kaplan–Meier survival
  curve, overall or per group, with the clients still waiting treated as right-censored;
* :func:`first_order_risk` — today's one-order clients ranked by the risk that they never
  order again, with the id of the reason and the numbers it cites.

Results hold ids and numbers only (group values, band numbers, level and reason ids); group
labels, band texts, the cohort note, the reasons in words and the key figures are in
:mod:`kbcore.views.retention`.

Definitions (the demo company's README, truth 4)
------------------------------------------------
order
    One document: a distinct (doc_id, date) of a client's shipment lines, from
    ``facts.orders()`` (:class:`kbcore.facts.Facts`; two documents on one day are two orders).
new client
    A client whose card was created on or after ``start`` (``clients.created``) and whose
    first order lies in [start, as_of]. Without a ``created`` date (a sales-only export)
    the first order must fall at least ``lead_in_days`` after ``start``: clients who were
    already buying before the data begins usually order in its first weeks, so they are not
    mistaken for new ones.
followed
    A new client whose first order was at least ``min_follow_days`` before ``as_of`` (default
    183 days: on the demo data that is 2025-07-01), so that it had time to order again.
    Conversion rates are computed over the followed clients only.
second-order conversion
    followed clients with ≥ 2 orders / followed clients; the one-order share is its
    complement.

Sources: seminar program block 6 («Модель „Риск отказа от сотрудничества при первом
заказе“»); the Kaplan–Meier estimator: E. L. Kaplan and P. Meier, "Nonparametric estimation
from incomplete observations", *JASA* 53 (1958), 457–481, computed by
:func:`scipy.stats.ecdf` on :class:`scipy.stats.CensoredData`. The risk score is our reading
(see :func:`first_order_risk`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from kbcore.analyses._window import sort_by, span
from kbcore.facts import Facts, period_bounds
from kbcore.schema import C

__all__ = [
    "GROUPINGS",
    "NEW_CLIENT_COLUMNS",
    "CONVERSION_COLUMNS",
    "CURVE_COLUMNS",
    "RISK_COLUMNS",
    "RISK_LEVELS",
    "UNKNOWN",
    "ALL",
    "new_clients",
    "second_order_conversion",
    "time_to_second_order",
    "km_median",
    "survival_at",
    "reorder_timing",
    "first_order_risk",
]

UNKNOWN = "unknown"
"""The group value of a client whose segment, channel or manager is not recorded."""
ALL = "all"
"""The group id of all new clients together (no grouping)."""

GROUPINGS = ("cohort", C.acquisition_channel, C.segment, C.manager, "size_band", "discount_band")
"""The columns of :func:`new_clients` that :func:`second_order_conversion` can group by."""

_ORDERED = ("cohort", "size_band", "discount_band")

NEW_CLIENT_COLUMNS = [
    C.client_id,
    C.name,
    "first_date",
    "first_revenue",
    "first_discount_rate",
    "orders",
    "second_date",
    "days_to_second",
    "repeat",
    "days_observed",
    "followed",
    "cohort",
    C.acquisition_channel,
    C.segment,
    C.manager,
    "size_band",
    "discount_band",
]
CONVERSION_COLUMNS = [
    "group_id",
    "clients",
    "repeat_clients",
    "one_order_clients",
    "one_order_share",
    "second_order_rate",
    "median_days_to_second",
]
CURVE_COLUMNS = ["group_id", "days", "survival", "reordered", "clients", "events"]
RISK_COLUMNS = [
    "rank",
    C.client_id,
    C.name,
    C.acquisition_channel,
    C.segment,
    C.manager,
    "first_date",
    "first_revenue",
    "size_band",
    "days_since_first",
    "channel_one_order_share",
    "size_one_order_share",
    "base_risk",
    "repeat_later_share",
    "risk",
    "risk_level",
    "overdue",
    "reason",
]
RISK_LEVELS = ("high", "medium", "low")
"""Risk level ids (people's names: catalogue ``ret.level.<id>``)."""
RISK_REASONS = ("ret.reason.overdue", "ret.reason.waiting", "ret.reason.days")
"""The waiting part of a risk reason (catalogue ids): beyond the typical reorder time, within
it, or no typical time known (no repeat client in the history)."""
_LABEL_ATTRS = ("size_edges", "discount_edges")


# --------------------------------------------------------------------------- new clients
def _text(series: pd.Series) -> pd.Series:
    out = series.astype("string").str.strip()
    return out.mask(out == "").fillna(UNKNOWN)


def _card_column(card: pd.DataFrame | None, ids: pd.Index, column: str) -> pd.Series:
    if card is None or column not in card.columns:
        return pd.Series(UNKNOWN, index=ids, dtype="string")
    return _text(card[column].reindex(ids))


def _size_bands(values: pd.Series, bands: int | tuple | list) -> tuple[pd.Series, list[float]]:
    """Band number (1, 2, …) of each value and the band edges (inner edges only)."""
    if isinstance(bands, int):
        if bands < 1:
            raise ValueError(f"size_bands must be ≥ 1 or a list of edges, not {bands!r}")
        qs = np.linspace(0, 1, bands + 1)[1:-1]
        edges = sorted(set(np.round(values.quantile(qs).to_numpy(dtype="float64"), 2)))
        edges = [e for e in edges if not math.isnan(e)]
    else:
        edges = sorted(float(e) for e in bands)
    band = np.searchsorted(np.asarray(edges, dtype="float64"), values.to_numpy("float64"),
                           side="left") + 1
    return pd.Series(band, index=values.index, dtype="int64"), edges


def new_clients(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    *,
    start=None,
    as_of=None,
    min_follow_days: int = 183,
    lead_in_days: int = 90,
    size_bands: int | tuple | list = 4,
    discount_edges: tuple | list = (0.05, 0.10, 0.15),
) -> pd.DataFrame:
    """One row per new client: its first order, what followed, and its groups.

    Parameters
    ----------
    facts : Facts
        The company's facts (:class:`kbcore.facts.Facts`); the orders are ``facts.orders()``
        up to ``as_of``.
    clients : DataFrame, optional
        Client cards: ``created`` defines who is new; ``name``, ``acquisition_channel``,
        ``segment`` and ``manager`` (the current manager) name the groups. Missing columns
        give the group ``"unknown"``.
    start : date-like, optional
        First day of the acquisition period; default the first day of the month of the first
        sale (2021-01-01 on the demo data).
    as_of : date-like, optional
        The day of the analysis ("today"); default ``facts.as_of`` (the last sales date).
        Orders after it are ignored.
    min_follow_days : int
        A client is *followed* (enters the conversion rates) when its first order is at least
        this many days before ``as_of``. Default 183 (six months).
    lead_in_days : int
        Only without ``clients.created``: the first order must come at least this many days
        after ``start`` (default 90).
    size_bands : int or list of float
        First-order size bands: a number of quantile bands (default 4, quartiles of the new
        clients' first orders) or the inner edges in money (``[10_000, 50_000]`` → three
        bands: ≤ 10 000, ≤ 50 000, above).
    discount_edges : list of float
        Inner edges of the first-order discount-rate bands (default 5 %, 10 %, 15 % → four
        bands: < 5 %, 5–10 %, 10–15 %, ≥ 15 %).

    Returns
    -------
    DataFrame
        :data:`NEW_CLIENT_COLUMNS`, sorted by ``client_id``::

            first_revenue       = revenue of the first order (earliest date, then doc_id)
            first_discount_rate = discount / list_revenue of the first order
            orders              = number of orders up to as_of
            days_to_second      = second order date − first order date (NaN with one order)
            repeat              = orders ≥ 2
            days_observed       = as_of − first order date
            followed            = days_observed ≥ min_follow_days
            cohort              = year of the first order

        ``attrs``: ``start``, ``as_of``, ``rule`` ("created" or "first_order"),
        ``size_edges``, ``discount_edges``, ``min_follow_days``, ``lead_in_days``, ``known``
        (the group columns the client cards have: ``acquisition_channel``, ``segment``,
        ``manager``).
    """
    if min_follow_days < 0 or lead_in_days < 0:
        raise ValueError("min_follow_days and lead_in_days must be ≥ 0")
    edges_d = sorted(float(e) for e in discount_edges)
    lo, hi = period_bounds(start, as_of)
    if hi is None and facts.has_sales:
        hi = facts.as_of
    orders = facts.orders(*span(facts, None, hi))
    if lo is None:  # the first day of the month of the first sale: exports cover whole months
        lo = orders[C.date].min().to_period("M").to_timestamp() if len(orders) else None
    attrs = {"start": lo, "as_of": hi, "min_follow_days": int(min_follow_days),
             "lead_in_days": int(lead_in_days), "discount_edges": edges_d}
    orders = sort_by(orders, [C.client_id, C.date, C.doc_id])
    rank = orders.groupby(C.client_id, sort=False).cumcount()
    first = orders.loc[rank == 0].set_index(C.client_id)
    second = orders.loc[rank == 1].set_index(C.client_id)[C.date]
    count = orders.groupby(C.client_id, sort=True).size()

    card = None
    if clients is not None and C.client_id in clients.columns:
        card = clients.assign(**{C.client_id: clients[C.client_id].astype("string")})
        card = card.drop_duplicates(C.client_id).set_index(C.client_id)
    has_created = card is not None and C.created in card.columns
    attrs["rule"] = "created" if has_created else "first_order"
    attrs["known"] = tuple(c for c in (C.acquisition_channel, C.segment, C.manager)
                           if card is not None and c in card.columns)

    ids = first.index
    first_date = first[C.date]
    if lo is None:
        keep = pd.Series(False, index=ids)
    else:
        by_first = first_date >= lo + pd.Timedelta(days=int(lead_in_days))
        if has_created:
            created = card[C.created].reindex(ids)
            in_period = (created >= lo) & (first_date >= lo)
            keep = in_period.where(created.notna(), by_first).astype(bool)
        else:
            keep = by_first
    ids = ids[keep.to_numpy()].sort_values()
    first = first.loc[ids]
    out = pd.DataFrame(index=ids)
    out[C.name] = (_card_column(card, ids, C.name).replace(UNKNOWN, pd.NA)
                   if card is not None and C.name in card.columns
                   else pd.Series(pd.NA, index=ids, dtype="string"))
    out["first_date"] = first[C.date]
    out["first_revenue"] = first[C.revenue].astype("float64")
    lst = first[C.list_revenue].astype("float64")
    out["first_discount_rate"] = (first[C.discount].astype("float64") / lst).where(lst > 0)
    out["orders"] = count.reindex(ids).astype("int64")
    out["second_date"] = second.reindex(ids).astype("datetime64[ns]")
    out["days_to_second"] = (out["second_date"] - out["first_date"]).dt.days.astype("float64")
    out["repeat"] = out["orders"] >= 2
    out["days_observed"] = ((hi - out["first_date"]).dt.days.astype("int64")
                            if hi is not None else pd.Series(dtype="int64"))
    out["followed"] = out["days_observed"] >= int(min_follow_days)
    out["cohort"] = out["first_date"].dt.year.astype("int64")
    for column in (C.acquisition_channel, C.segment, C.manager):
        out[column] = _card_column(card, ids, column)
    size, edges_s = _size_bands(out["first_revenue"], size_bands)
    out["size_band"] = size
    rate = out["first_discount_rate"].fillna(0.0).to_numpy("float64")
    out["discount_band"] = np.searchsorted(np.asarray(edges_d), rate, side="right") + 1
    out["discount_band"] = out["discount_band"].astype("int64")
    attrs["size_edges"] = edges_s
    out.index.name = C.client_id
    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    out = out[NEW_CLIENT_COLUMNS].sort_values(C.client_id, kind="stable").reset_index(drop=True)
    out.attrs.update(attrs)
    return out


def _label_attrs(new: pd.DataFrame) -> dict:
    """The attrs of ``new`` that the views need to name groups (band edges)."""
    return {k: new.attrs[k] for k in _LABEL_ATTRS if k in new.attrs}


# --------------------------------------------------------------------------- conversion
def second_order_conversion(
    new: pd.DataFrame, *, by: str | None = None, followed_only: bool = True
) -> pd.DataFrame:
    """Second-order conversion of new clients, overall or by group.

    Parameters
    ----------
    new : DataFrame
        :func:`new_clients`.
    by : str, optional
        One of :data:`GROUPINGS` (``"cohort"``, ``"acquisition_channel"``, ``"segment"``,
        ``"manager"``, ``"size_band"``, ``"discount_band"``); None gives one row
        :data:`ALL`.
    followed_only : bool
        Count only clients who had ``min_follow_days`` to reorder (default True; False counts
        every new client, including the most recent ones, which lowers the rates).

    Returns
    -------
    DataFrame
        :data:`CONVERSION_COLUMNS`::

            second_order_rate     = clients with ≥ 2 orders / clients
            one_order_share       = 1 − second_order_rate
            median_days_to_second = median days to the second order of the repeat clients

        ``group_id`` is the group's value (a channel, segment or manager as recorded,
        :data:`UNKNOWN`, a band number, a cohort year, or :data:`ALL`); its people's name is
        :func:`kbcore.views.retention.group_label`. Bands and cohorts in their natural order;
        other groups by ``second_order_rate`` ascending (the weakest first), then by value,
        :data:`UNKNOWN` last. ``attrs``: ``by`` and the band edges of ``new``.
    """
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)} or None, not {by!r}")
    rows = new.loc[new["followed"]] if followed_only else new
    key = pd.Series(ALL, index=rows.index) if by is None else rows[by]
    grouped = rows.groupby(key, sort=True)
    out = pd.DataFrame(
        {
            "clients": grouped.size(),
            "repeat_clients": grouped["repeat"].sum(),
            "median_days_to_second": grouped["days_to_second"].median(),
        }
    )
    out["clients"] = out["clients"].astype("int64")
    out["repeat_clients"] = out["repeat_clients"].astype("int64")
    out["one_order_clients"] = out["clients"] - out["repeat_clients"]
    out["second_order_rate"] = out["repeat_clients"] / out["clients"]
    out["one_order_share"] = out["one_order_clients"] / out["clients"]
    out.index.name = "group_id"
    out = out.reset_index()
    if by is not None and by not in _ORDERED:
        out["_unknown"] = out["group_id"] == UNKNOWN
        out["_name"] = out["group_id"].astype(str)
        out = out.sort_values(["_unknown", "second_order_rate", "_name"],
                              kind="stable").drop(columns=["_unknown", "_name"])
    out = out[CONVERSION_COLUMNS].reset_index(drop=True)
    out.attrs.update(_label_attrs(new), by=by)
    return out


# --------------------------------------------------------------------------- survival
def _durations(new: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(days, event) per client: days to the second order, or days observed (censored)."""
    event = new["repeat"].to_numpy(dtype=bool)
    days = np.where(event, new["days_to_second"].to_numpy("float64"),
                    new["days_observed"].to_numpy("float64"))
    return days, event


def _km(days: np.ndarray, event: np.ndarray) -> pd.DataFrame:
    """Kaplan–Meier survival S(t) = Π_{t_i ≤ t} (1 − d_i / n_i) through scipy.stats.ecdf."""
    frame = pd.DataFrame({"days": [0.0], "survival": [1.0], "events": [0]})
    if len(days) == 0:
        return frame.iloc[0:0]
    if event.any():
        data = stats.CensoredData(uncensored=days[event], right=days[~event])
        sf = stats.ecdf(data).sf
        times, surv = sf.quantiles.astype("float64"), sf.probabilities.astype("float64")
    else:
        times, surv = np.unique(days), np.ones(len(np.unique(days)))
    counts = pd.Series(days[event]).value_counts()
    events = counts.reindex(times, fill_value=0).to_numpy("int64")
    curve = pd.DataFrame({"days": times, "survival": surv, "events": events})
    if len(curve) and curve["days"].iloc[0] == 0:
        return curve
    return pd.concat([frame, curve], ignore_index=True)


def time_to_second_order(
    new: pd.DataFrame, *, by: str | None = None, min_clients: int = 20
) -> pd.DataFrame:
    """Time to the second order as a Kaplan–Meier survival curve (right-censored at as_of).

    Every new client enters, the recent ones too: a client with two orders has its event at
    ``days_to_second``; a client with one order is *censored* at ``days_observed`` (it may
    still reorder after as_of). ``survival`` S(t) is the estimated share of new clients who
    have not placed a second order t days after the first one::

        S(t) = Π over event days t_i ≤ t of (1 − d_i / n_i)

    d_i = second orders on day t_i, n_i = clients still waiting and observed that long
    (Kaplan & Meier 1958; computed by :func:`scipy.stats.ecdf` on
    :class:`scipy.stats.CensoredData`). ``reordered`` = 1 − S(t).

    Parameters
    ----------
    new : DataFrame
        :func:`new_clients`.
    by : str, optional
        A grouping of :data:`GROUPINGS`: one curve per group (groups with fewer than
        ``min_clients`` clients and the "unknown" group are left out).
    min_clients : int
        Smallest group that gets its own curve (default 20).

    Returns
    -------
    DataFrame
        :data:`CURVE_COLUMNS`, one row per day with an event or a censoring (a step curve
        starting at day 0 with survival 1, unless second orders came on day 0), ``group_id``
        the group's value as in :func:`second_order_conversion` (:data:`ALL` without
        ``by``), ``clients`` = the group's size, ``events`` = second orders on that day.
        Sorted by group, days. ``attrs``: ``by`` and the band edges of ``new``.
    """
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)} or None, not {by!r}")
    parts = []
    if by is None:
        groups = [(ALL, new)]
    else:
        groups = []
        for value, rows in new.groupby(by, sort=True):
            if value == UNKNOWN or len(rows) < min_clients:
                continue
            groups.append((value, rows))
    for value, rows in groups:
        days, event = _durations(rows)
        curve = _km(days, event)
        curve.insert(0, "group_id", value)
        curve["clients"] = len(rows)
        parts.append(curve)
    if not parts:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in CURVE_COLUMNS}).astype(
            {"group_id": "object", "clients": "int64", "events": "int64"})
    else:
        out = pd.concat(parts, ignore_index=True)
        out["reordered"] = 1.0 - out["survival"]
        out = out[CURVE_COLUMNS]
    out.attrs.update(_label_attrs(new), by=by)
    return out


def km_median(curve: pd.DataFrame) -> pd.Series:
    """Median time to the second order per curve group: the first day S(t) ≤ 0.5.

    NaN when fewer than half of the group's clients reorder within the observed time.
    """
    hit = curve.loc[curve["survival"] <= 0.5]
    med = hit.groupby("group_id", sort=False)["days"].min()
    return med.reindex(curve["group_id"].unique()).astype("float64")


def survival_at(curve: pd.DataFrame, days):
    """S(days) read from one curve (a right-continuous step function).

    The share of clients still without a second order ``days`` after the first. A number for a
    number, an array for an array.
    """
    d = curve["days"].to_numpy("float64")
    s = curve["survival"].to_numpy("float64")
    pos = np.searchsorted(d, np.asarray(days, dtype="float64"), side="right") - 1
    out = np.where(pos >= 0, s[np.clip(pos, 0, None)], 1.0)
    return float(out) if np.ndim(days) == 0 else out


def reorder_timing(new: pd.DataFrame, *, quantiles=(0.5, 0.75, 0.9)) -> pd.Series:
    """How long repeat clients took to order again: quantiles of ``days_to_second``.

    Over the followed clients who did reorder (index ``p50``, ``p75``, ``p90`` …). "Typical
    second order after N days" in the risk list is ``p50``.
    """
    rows = new.loc[new["followed"] & new["repeat"], "days_to_second"]
    values = rows.quantile(list(quantiles)) if len(rows) else pd.Series(np.nan, index=quantiles)
    return pd.Series(values.to_numpy("float64"), index=[f"p{round(q * 100)}" for q in quantiles])


# --------------------------------------------------------------------------- risk list
def first_order_risk(
    new: pd.DataFrame,
    *,
    recent_days: int = 90,
    min_group: int = 20,
    high: float = 0.6,
    medium: float = 0.4,
) -> pd.DataFrame:
    """Today's one-order clients ranked by the risk that they never order again.

    Who: new clients with exactly one order whose first order is at most ``recent_days``
    before as_of. The score is a transparent rule (our reading of the seminar model):

    1. **Group rates.** From the followed clients: the one-order share of the client's
       acquisition channel (p_channel) and of its first-order size band (p_size). A group
       with fewer than ``min_group`` followed clients, or "unknown", takes the overall share.
    2. **Base risk** = (p_channel + p_size) / 2 — the chance, judged by similar clients, that
       a new client never orders again.
    3. **Waiting.** A client who has waited t days without a second order is more at risk
       than one who ordered yesterday. Of the n followed clients who did reorder, k took
       longer than t days; W(t) = (k + 1) / (n + 1) (the add-one rule of Laplace, so that W never
       reaches 0 on a finite history). A client is either a "never" client (probability
       base_risk) or a repeat client who has not reordered yet (probability
       (1 − base_risk) · W(t)); after t days without a second order (Bayes)::

           risk = base_risk / (base_risk + (1 − base_risk) · W(t))

       At t = 0 the risk is (about) the base risk; at the median reorder time (W ≈ ½) it is
       about 2p / (1 + p); it approaches but never reaches 1 when the client has waited longer
       than any repeat client ever took.
    4. **Level**: high when risk ≥ ``high`` (0.6), medium when ≥ ``medium`` (0.4), else low.
       ``overdue`` = t is beyond the median time repeat clients took to reorder.

    Parameters
    ----------
    new : DataFrame
        :func:`new_clients`.
    recent_days : int
        How far back a first order counts as "today's" (default 90 days: the clients whose
        second order can still be won; on the demo company 85 % of the repeat clients have
        reordered by then, so older one-order clients are mostly gone — block 2 calls them
        lost or declining).
    min_group : int
        Smallest group whose own rate is used (default 20 followed clients).
    high, medium : float
        Risk thresholds of the levels.

    Returns
    -------
    DataFrame
        :data:`RISK_COLUMNS`, sorted by risk (descending), then first-order revenue
        (descending), then client_id; ``rank`` from 1. ``repeat_later_share`` is W(t).
        ``risk_level`` is an id of :data:`RISK_LEVELS`; ``reason`` the id of the waiting part
        of the reason (:data:`RISK_REASONS`), whose numbers are in the row (the channel's and
        the size band's one-order shares, the days since the first order) and in ``attrs``
        (``median_days_to_second``). The reasons in words are
        :func:`kbcore.views.retention.risk_table`'s.
    """
    if not 0 <= medium <= high <= 1:
        raise ValueError("need 0 ≤ medium ≤ high ≤ 1")
    followed = new.loc[new["followed"]]
    overall = float((~followed["repeat"]).mean()) if len(followed) else np.nan

    def rates(column: str) -> pd.Series:
        g = followed.groupby(column)["repeat"].agg(["size", "mean"])
        r = (1.0 - g["mean"]).where(g["size"] >= min_group)
        return r.drop(UNKNOWN, errors="ignore")

    cand = new.loc[(new["orders"] == 1) & (new["days_observed"] <= int(recent_days))].copy()
    p_ch = cand[C.acquisition_channel].map(rates(C.acquisition_channel)).astype("float64")
    p_sz = cand["size_band"].map(rates("size_band")).astype("float64")
    cand["channel_one_order_share"] = p_ch.fillna(overall)
    cand["size_one_order_share"] = p_sz.fillna(overall)
    cand["base_risk"] = (cand["channel_one_order_share"] + cand["size_one_order_share"]) / 2
    cand["days_since_first"] = cand["days_observed"].astype("int64")
    took = np.sort(followed.loc[followed["repeat"], "days_to_second"].to_numpy("float64"))
    # W(t) with the add-one (Laplace) rule: (k + 1) / (n + 1), k of n repeat clients took longer
    # than t; so no client is called certainly lost only because no repeat client in the history
    # ever took that long, and a longer wait still ranks higher
    n_took = len(took)
    k = n_took - np.searchsorted(took, cand["days_since_first"].to_numpy("float64"), side="right")
    later = (k + 1.0) / (n_took + 1.0)
    cand["repeat_later_share"] = later
    p = cand["base_risk"]
    denom = p + (1.0 - p) * later
    cand["risk"] = (p / denom.where(denom > 0)).fillna(1.0).where(p.notna())
    level = np.where(cand["risk"] >= high, "high",
                     np.where(cand["risk"] >= medium, "medium", "low"))
    cand["risk_level"] = pd.Series(level, index=cand.index, dtype="string")
    median = reorder_timing(new).get("p50", np.nan)
    cand["overdue"] = (cand["days_since_first"] > median) if not math.isnan(median) else False
    cand = cand.sort_values(["risk", "first_revenue", C.client_id],
                            ascending=[False, False, True], kind="stable")
    cand["rank"] = np.arange(1, len(cand) + 1, dtype="int64")
    if math.isnan(median):
        reason = pd.Series("ret.reason.days", index=cand.index)
    else:
        reason = pd.Series(np.where(cand["overdue"].astype(bool), "ret.reason.overdue",
                                    "ret.reason.waiting"), index=cand.index)
    cand["reason"] = reason.astype("string")
    out = cand[RISK_COLUMNS].reset_index(drop=True)
    out.attrs.update(_label_attrs(new))
    out.attrs.update({"overall_one_order_share": overall, "median_days_to_second": median,
                      "recent_days": int(recent_days)})
    return out
