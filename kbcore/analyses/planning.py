"""Block 5 · «Управление будущим» (managing the future): from company goals to a plan by client.

The seminar's block 5 ends the creation of the customer base with planning through it: a plan
is not "last year + 15 % for everybody", it starts from what each client will buy anyway (its
**baseline**, from its own trend) and adds the growth the company wants where there is room
for it (the client's **potential headroom**). Block 6 uses the same plan to manage: load per
manager and plan-versus-actual control.

* :class:`Goals` — the company's goals for the plan year (growth, margin rate, new clients);
* :func:`client_baseline` — each client's last full year and its trend → baseline;
* :func:`new_client_revenue` — the median first-year revenue of recent new clients;
* :func:`plan_by_client` — the plan for next year per client (baseline + allocated gap);
* :func:`plan_by_segment` — the same plan summed by segment, with the new clients' part;
* :func:`manager_load` — clients, key clients, revenue and plan per manager;
* :func:`plan_vs_actual` — plan against actual by manager or segment;
* :func:`targets_vs_actual` — the company's own targets (``targets`` table) against actual.

Every sales number comes from one :class:`kbcore.facts.Facts` (the sales reduced once), and
the planning date defaults to ``facts.as_of``. The plan is **our model's** plan (the clients'
own trends plus the goal spread over their headroom), not a plan the company wrote: the
company's own targets are the ``targets`` table (:func:`targets_vs_actual`).

Source: seminar program block 5
(«Технология создания клиентской базы», «управление будущим») and block 6 (management
functions through the customer base); the allocation of a growth goal by headroom (potential
minus current purchases) is the "share of wallet" planning of key account management (M.
McDonald, B. Rogers, *Key Account Management*, Butterworth-Heinemann 1998, ch. 6); the rest
is our reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kbcore.analyses._window import span, years
from kbcore.analyses.lifecycle import client_stages
from kbcore.facts import Facts, between, period_bounds
from kbcore.schema import C

__all__ = [
    "Goals",
    "BASELINE_COLUMNS",
    "PLAN_COLUMNS",
    "SEGMENT_PLAN_COLUMNS",
    "LOAD_COLUMNS",
    "PVA_COLUMNS",
    "NEW_CLIENTS",
    "UNKNOWN",
    "FULL_YEAR_FROM",
    "base_year",
    "client_baseline",
    "new_client_revenue",
    "new_clients_won",
    "plan_by_client",
    "plan_by_segment",
    "manager_load",
    "plan_vs_actual",
    "targets_vs_actual",
]

UNKNOWN = "unknown"
"""The label of a missing segment / manager / region in the plan tables."""
FULL_YEAR_FROM = (12, 15)
"""(month, day) from which the year of the planning date counts as a full year."""
NEW_CLIENTS = "new_clients"
"""The label of the new clients' row in :func:`plan_by_segment` and :func:`plan_vs_actual`."""

BASELINE_COLUMNS = [
    C.client_id,
    "revenue_base",
    "revenue_prev",
    "revenue_prev2",
    "gross_margin_base",
    "margin_rate",
    "growth_last",
    "growth_prev",
    "trend",
    "first_date",
    "last_date",
    "days_since_last",
    "lost",
    "baseline",
]
PLAN_COLUMNS = [
    C.client_id,
    C.name,
    C.segment,
    C.manager,
    C.region,
    "key_account",
    "revenue_base",
    "trend",
    "lost",
    "baseline",
    C.potential,
    "headroom",
    "weight",
    "uplift",
    "plan",
    "plan_growth",
    "margin_rate",
    "plan_margin",
    "over_potential",
]
SEGMENT_PLAN_COLUMNS = [
    C.segment,
    "clients",
    "revenue_base",
    "baseline",
    "uplift",
    "new_clients",
    "new_clients_plan",
    "plan",
    "plan_growth",
    "plan_margin",
    "plan_share",
]
LOAD_COLUMNS = [
    C.manager,
    "clients",
    "key_clients",
    "lost_clients",
    "revenue_base",
    "baseline",
    "plan",
    "plan_growth",
    "clients_share",
    "plan_share",
    "load_index",
]
PVA_COLUMNS = ["plan", "actual", "deviation", "completion", "expected", "pace"]


# --------------------------------------------------------------------------- goals
@dataclass(frozen=True)
class Goals:
    """The company's goals for the plan year.

    Attributes
    ----------
    growth : float
        Revenue growth of the plan year over the last full year (0.15 = +15 %)::

            plan total = (1 + growth) × revenue of the last full year (all clients)

    margin_rate : float or None
        Target gross-margin rate of the plan year (0.20 = 20 %), or None for no margin goal.
        The plan's margin at each client's own current rate is compared with it
        (``attrs["margin_goal"]`` and ``attrs["plan_margin"]`` of :func:`plan_by_client`).
    new_clients : int
        How many new clients the plan year should bring (≥ 0). Their revenue is
        ``new_clients × new_client_revenue`` and is part of the plan total.
    new_client_revenue : float or None
        First-year revenue of one new client; None = the median first-year revenue of the
        clients won in the year before the last (:func:`new_client_revenue`).
    """

    growth: float = 0.15
    margin_rate: float | None = None
    new_clients: int = 0
    new_client_revenue: float | None = None

    def __post_init__(self) -> None:
        if not _finite(self.growth) or self.growth <= -1:
            raise ValueError(f"Goals.growth must be a number > -1 (a share), not {self.growth!r}")
        if self.margin_rate is not None and (
            not _finite(self.margin_rate) or not -1 <= self.margin_rate <= 1
        ):
            raise ValueError(
                f"Goals.margin_rate must be a share between -1 and 1 or None, not {self.margin_rate!r}"
            )
        if (
            isinstance(self.new_clients, bool)
            or not isinstance(self.new_clients, (int, np.integer))
            or self.new_clients < 0
        ):
            raise ValueError(f"Goals.new_clients must be a whole number ≥ 0, not {self.new_clients!r}")
        if self.new_client_revenue is not None and (
            not _finite(self.new_client_revenue) or self.new_client_revenue < 0
        ):
            raise ValueError(
                "Goals.new_client_revenue must be a number ≥ 0 or None, "
                f"not {self.new_client_revenue!r}"
            )


def _finite(value) -> bool:
    return isinstance(value, (int, float, np.floating, np.integer)) and math.isfinite(value)


def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


# --------------------------------------------------------------------------- baseline
def base_year(facts: Facts, as_of=None) -> int:
    """The last full calendar year of the sales up to ``as_of`` (default ``facts.as_of``).

    A year is full when ``as_of`` is on or after its ``FULL_YEAR_FROM`` (15 December: the last
    two weeks of a Russian year are New Year holidays with few shipments, so an export whose
    last shipment is on 27 December still holds the whole year): ``as_of`` = 2025-12-31 or
    2025-12-20 → 2025; ``as_of`` = 2025-06-30 → 2024.
    """
    ts = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    return ts.year if (ts.month, ts.day) >= FULL_YEAR_FROM else ts.year - 1


def client_baseline(
    facts: Facts,
    *,
    as_of=None,
    trend_clip: tuple[float, float] = (-0.3, 0.3),
    lost_days: int | None = None,
    stages: pd.DataFrame | None = None,
    lost_stages: tuple[str, ...] = ("lost",),
    declining_stages: tuple[str, ...] = ("declining",),
    declining_factor: float = 0.8,
) -> pd.DataFrame:
    """Each client's baseline for the next year: its last full year moved by its own trend.

    Only sales up to ``as_of`` are used. With Y the last full year (:func:`base_year`) and
    R_Y a client's revenue in year Y (facts by year)::

        growth_last = R_Y / R_{Y−1} − 1       (NaN when R_{Y−1} ≤ 0 or the first purchase
                                               is not before year Y−1)
        growth_prev = R_{Y−1} / R_{Y−2} − 1   (NaN when R_{Y−2} ≤ 0 or the first purchase
                                               is not before year Y−2)
        trend       = mean of the known growths, clipped to trend_clip; 0 when none is known
                      (a client new in Y keeps its level)
        lost        = the client's lifecycle stage at as_of is in lost_stages
                      (or, only when ``lost_days`` is given, days since the last purchase
                      > lost_days)
        baseline    = 0 if lost else max(R_Y, 0) × (1 + trend)
                      × declining_factor when the client's stage is in declining_stages
                      (block 2 sees a silence longer than the client's own rhythm before
                      the yearly revenue shows it)

    The stages are block 2's (:func:`kbcore.analyses.lifecycle.client_stages` with its
    default rules unless ``stages`` is passed), so "lost" and "declining" mean the same here
    as in every other block.

    A first, partial year is never the base of a growth: the ramp-up of a new client is not
    its trend. So a client in decline carries its decline into the baseline (down to −30 % a year by
    default), a lost client plans nothing, and a client that grew fast is not assumed to grow
    faster than +30 %.

    Parameters
    ----------
    facts : Facts
        The company's sales facts (:class:`~kbcore.facts.Facts`).
    as_of : date-like, optional
        The planning date; default ``facts.as_of``.
    trend_clip : (float, float)
        Bounds of the yearly trend (default −30 % … +30 %).
    lost_days : int, optional
        Only without ``stages``: a client without a purchase for more than this many days is
        lost, and no client is treated as declining (a simpler rule for a what-if). Default
        None: block 2's stages decide.
    stages : DataFrame, optional
        ``client_id, stage`` (block 2's :func:`kbcore.analyses.lifecycle.client_stages`);
        default: computed from ``facts`` at ``as_of`` with the default stage rules.
    lost_stages : tuple of str
        Stages that count as lost (default ``("lost",)``).
    declining_stages, declining_factor
        Stages whose baseline is multiplied by ``declining_factor`` (default ``("declining",)``
        and 0.8), when ``stages`` is given.

    Returns
    -------
    DataFrame
        One row per client with a purchase in Y−2 … Y: ``client_id, revenue_base (R_Y),
        revenue_prev, revenue_prev2, gross_margin_base, margin_rate (= gross_margin_base /
        revenue_base), growth_last, growth_prev, trend, first_date, last_date,
        days_since_last, lost, baseline``, sorted by client_id. ``attrs``: ``base_year``,
        ``as_of``.

    Source: seminar program block 5 («управление будущим»); the trend rule is our reading.
    """
    lo, hi = trend_clip
    if not (_finite(lo) and _finite(hi)) or lo > hi or lo <= -1:
        raise ValueError(f"trend_clip must be (low, high) with -1 < low ≤ high, not {trend_clip!r}")
    if lost_days is not None and lost_days < 0:
        raise ValueError(f"lost_days must be ≥ 0, not {lost_days!r}")
    if not _finite(declining_factor) or declining_factor < 0:
        raise ValueError(f"declining_factor must be a number ≥ 0, not {declining_factor!r}")
    as_of = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    year = base_year(facts, as_of)
    yearly = years(facts, year - 2, year, end=as_of)
    whole = facts.clients(*span(facts, None, as_of))
    rev = yearly.pivot_table(
        index=C.client_id, columns="period", values=C.revenue, aggfunc="sum"
    ).reindex(columns=[year - 2, year - 1, year])
    gm = yearly.loc[yearly["period"] == year].set_index(C.client_id)["gross_margin"]
    out = pd.DataFrame(index=rev.index)
    out["revenue_base"] = rev[year].fillna(0.0)
    out["revenue_prev"] = rev[year - 1].fillna(0.0)
    out["revenue_prev2"] = rev[year - 2].fillna(0.0)
    out["gross_margin_base"] = gm.reindex(out.index)
    positive = out["revenue_base"] > 0
    out["margin_rate"] = (out["gross_margin_base"] / out["revenue_base"]).where(positive)
    dates = whole.set_index(C.client_id)[["first_date", "last_date"]].reindex(out.index)
    out["first_date"] = dates["first_date"]
    out["last_date"] = dates["last_date"]
    first_year = out["first_date"].dt.year
    # a growth counts only when the client already bought before the earlier year began
    # (a first, partial year would show the ramp-up as growth)
    out["growth_last"] = (out["revenue_base"] / out["revenue_prev"] - 1).where(
        (out["revenue_prev"] > 0) & (first_year < year - 1)
    )
    out["growth_prev"] = (out["revenue_prev"] / out["revenue_prev2"] - 1).where(
        (out["revenue_prev2"] > 0) & (first_year < year - 2)
    )
    out["trend"] = out[["growth_last", "growth_prev"]].mean(axis=1).clip(lo, hi).fillna(0.0)
    out["days_since_last"] = (as_of - out["last_date"]).dt.days.astype("float64")
    if stages is None and lost_days is None:
        stages = client_stages(facts, as_of=as_of)
    if stages is not None and C.client_id in stages.columns and "stage" in stages.columns:
        stage = stages.assign(**{C.client_id: _ids(stages[C.client_id])}).drop_duplicates(
            C.client_id
        ).set_index(C.client_id)["stage"]
        out["lost"] = stage.reindex(out.index).isin(list(lost_stages)).fillna(False).astype(bool)
        declining = stage.reindex(out.index).isin(list(declining_stages)).fillna(False)
    else:
        out["lost"] = (out["days_since_last"] > lost_days).fillna(True).astype(bool)
        declining = pd.Series(False, index=out.index)
    base = out["revenue_base"].clip(lower=0.0) * (1.0 + out["trend"])
    base = base.where(~declining.astype(bool), base * declining_factor)
    out["baseline"] = base.where(~out["lost"], 0.0).astype("float64")
    out = out.rename_axis(C.client_id).reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    out = out.sort_values(C.client_id, kind="mergesort").reset_index(drop=True)[BASELINE_COLUMNS]
    out.attrs["base_year"] = int(year)
    out.attrs["as_of"] = as_of
    return out


def new_client_revenue(facts: Facts, *, as_of=None, days: int = 365) -> pd.Series:
    """What one new client brings in its first year: the median over recent new clients.

    A client is a *recent new client* when its first purchase (first order) is in the window
    ``(as_of − 2·days, as_of − days]`` — it has had a full first year — and at least ``days``
    after the first sales date (before that, "first purchase in the data" may be an old
    client). Its first-year revenue is the money of its orders (``facts.orders``, up to
    ``as_of``, default ``facts.as_of``) dated in ``[first order, first order + days)``::

        new_client_revenue = median of first-year revenue over the recent new clients

    Returns
    -------
    Series
        ``clients`` (how many recent new clients), ``median``, ``mean`` (NaN when none),
        ``window_start``, ``window_end``.

    Source: our reading of the seminar's block 5 (a goal in new clients must be turned into
    money at what a new client really brings).
    """
    if days <= 0:
        raise ValueError(f"days must be > 0, not {days!r}")
    empty = pd.Series(
        {"clients": 0, "median": np.nan, "mean": np.nan, "window_start": pd.NaT, "window_end": pd.NaT},
        dtype="object",
        name="new_client_revenue",
    )
    if not facts.has_sales:
        return empty
    as_of = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    orders = facts.orders(*span(facts, None, as_of))
    if orders.empty:
        return empty
    data_start = orders[C.date].min()
    first = orders.groupby(C.client_id, sort=True)[C.date].min().rename("first")
    w_hi = as_of - pd.Timedelta(days=days)
    w_lo = as_of - pd.Timedelta(days=2 * days)
    earliest = data_start + pd.Timedelta(days=days)
    recent = first[(first > w_lo) & (first <= w_hi) & (first >= earliest)]
    out = empty.copy()
    out["window_start"] = max(w_lo + pd.Timedelta(days=1), earliest)
    out["window_end"] = w_hi
    if recent.empty:
        return out
    sel = orders.loc[orders[C.client_id].isin(recent.index), [C.client_id, C.date, C.revenue]]
    sel = sel.loc[sel[C.date] < sel[C.client_id].map(recent) + pd.Timedelta(days=days)]
    first_year = sel.groupby(C.client_id)[C.revenue].sum()
    out["clients"] = int(first_year.size)
    out["median"] = float(first_year.median())
    out["mean"] = float(first_year.mean())
    return out


def new_clients_won(facts: Facts, *, year: int) -> int:
    """How many clients made their first purchase (first shipment in the data) in ``year``.

    Counted only when the sales start before that year (otherwise every client of the first
    year of data would look new); 0 then. A natural default for the new-clients goal: as many
    new clients as last year.

    Source: our reading of the seminar's block 5.
    """
    if not facts.has_sales:
        return 0
    known = facts.clients(end=f"{int(year)}-12-31")
    if known.empty or known["first_date"].min().year >= int(year):
        return 0
    return int((known["first_date"].dt.year == int(year)).sum())


# --------------------------------------------------------------------------- plan
def _client_info(clients: pd.DataFrame | None, sales: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    """name, segment, manager, region, key_account, potential per client id (``ids``)."""
    info = pd.DataFrame(index=pd.Index(ids, name=C.client_id, dtype="string"))
    cl = None
    if clients is not None and C.client_id in clients.columns and len(clients):
        cl = clients.assign(**{C.client_id: _ids(clients[C.client_id])}).drop_duplicates(
            C.client_id
        ).set_index(C.client_id)
    for col in (C.name, C.segment, C.manager, C.region):
        values = (
            cl[col].astype("string").reindex(info.index)
            if cl is not None and col in cl.columns
            else pd.Series(pd.NA, index=info.index, dtype="string")
        )
        info[col] = values.str.strip().replace("", pd.NA)
    # the manager of the client's last sales line stands in for a missing card manager
    if C.manager in sales.columns and info[C.manager].isna().any() and len(sales):
        last = sales.loc[sales[C.manager].notna(), [C.client_id, C.date, C.manager]]
        last = last.assign(**{C.client_id: _ids(last[C.client_id])}).sort_values(
            [C.client_id, C.date, C.manager], kind="mergesort"
        ).drop_duplicates(C.client_id, keep="last").set_index(C.client_id)[C.manager]
        info[C.manager] = info[C.manager].fillna(last.astype("string").reindex(info.index))
    info[C.name] = info[C.name].fillna(pd.Series(info.index, index=info.index, dtype="string"))
    for col in (C.segment, C.manager, C.region):
        info[col] = info[col].fillna(UNKNOWN)
    if cl is not None and C.key_account in cl.columns:
        info["key_account"] = cl[C.key_account].reindex(info.index).fillna(False).astype(bool)
    else:
        info["key_account"] = False
    if cl is not None and C.potential in cl.columns:
        info[C.potential] = pd.to_numeric(cl[C.potential], errors="coerce").reindex(info.index)
    else:
        info[C.potential] = np.nan
    info[C.potential] = info[C.potential].astype("float64")
    return info


def plan_by_client(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    *,
    goals: Goals = Goals(),
    year: int | None = None,
    as_of=None,
    trend_clip: tuple[float, float] = (-0.3, 0.3),
    lost_days: int | None = None,
    stages: pd.DataFrame | None = None,
    declining_factor: float = 0.8,
) -> pd.DataFrame:
    """The plan for next year per client: baseline + its part of the gap to the company goal.

    This is our model's plan (the clients' own trends plus the goal), not the company's: a
    view must say so. The plan is made on ``as_of`` (default: 31 December of ``year − 1``, or
    ``facts.as_of`` when earlier; only sales up to it are used), so a plan for a past year can be
    checked against what happened (:func:`plan_vs_actual`). With R_Y the company's revenue of
    the last full year Y (all clients), B_i the baselines (:func:`client_baseline`)::

        goal        = (1 + goals.growth) × R_Y
        new_plan    = goals.new_clients × new-client revenue  (Goals or :func:`new_client_revenue`)
        gap         = goal − new_plan − Σ B_i
        headroom_i  = max(potential_i − B_i, 0)                       (potential known)
                    = B_i × median(headroom / B over clients with a known potential)  (unknown)
        weight_i    = headroom_i, or B_i when no client has a potential; 0 for lost clients
        uplift_i    = max(gap, 0) × weight_i / Σ weight
        plan_i      = B_i + uplift_i
        plan_growth = plan_i / R_Y,i − 1                              (NaN when R_Y,i ≤ 0)
        plan_margin = plan_i × margin_rate_i   (the client's own gross-margin rate of year Y)

    When the baselines alone beat the goal (gap < 0) nobody is planned below its own trend:
    plan = baseline and ``attrs["gap"]`` is negative. ``over_potential`` marks a plan above
    the client's potential.

    Parameters
    ----------
    facts : Facts
        The company's sales facts (:class:`~kbcore.facts.Facts`); the sales lines only for the
        manager of a client's last line.
    clients : DataFrame, optional
        name, segment, manager, region, key_account, potential. Missing → ``name`` = the ID,
        segment/region ``"unknown"``, manager from the client's last sales line (else
        ``"unknown"``), allocation by baseline (revenue share).
    goals : Goals
        The company's goals.
    year : int, optional
        The plan year; default the year after the last full year of the sales.
    as_of : date-like, optional
        The planning date (see above). Must leave ``year − 1`` as the last full year.
    trend_clip, lost_days, stages, declining_factor
        As in :func:`client_baseline`. ``stages`` must be the stages on the planning date
        (block 2's ``client_stages(facts, as_of=...)`` with the same ``as_of``), or a plan
        for a past year would see its future.

    Returns
    -------
    DataFrame
        ``client_id, name, segment, manager, region, key_account, revenue_base, trend, lost,
        baseline, potential, headroom, weight, uplift, plan, plan_growth, margin_rate,
        plan_margin, over_potential``, sorted by plan descending then client_id.
        ``attrs``: ``year``, ``base_year``, ``as_of``, ``goals``, ``revenue_base`` (R_Y),
        ``goal``, ``baseline``, ``new_clients``, ``new_client_revenue``, ``new_plan``,
        ``gap``, ``plan_total`` (Σ plan + new_plan), ``plan_margin`` (Σ plan_margin),
        ``margin_goal`` (plan_total × goals.margin_rate, or NaN), ``allocation``
        ("potential" or "revenue").

    Source: seminar program block 5 («управление будущим»: from goals to a plan by segment
    and client); headroom allocation after McDonald & Rogers (1998), ch. 6.
    """
    if not facts.has_sales:
        raise ValueError("plan_by_client needs sales")
    last = facts.as_of
    if year is None:
        year = base_year(facts, as_of if as_of is not None else last) + 1
    year = int(year)
    if as_of is None:
        as_of = min(pd.Timestamp(f"{year - 1}-12-31"), last)
    as_of = pd.Timestamp(as_of).normalize()
    by = base_year(facts, as_of)
    if by != year - 1:
        raise ValueError(
            f"cannot plan {year} on {as_of.date()}: the last full year of data is {by}, "
            f"so the plan year is {by + 1}"
        )
    base = client_baseline(
        facts, as_of=as_of, trend_clip=trend_clip, lost_days=lost_days, stages=stages,
        declining_factor=declining_factor,
    )
    info = _client_info(clients, between(facts.sales, *span(facts, None, as_of)),
                        pd.Index(base[C.client_id]))
    frame = base.set_index(C.client_id).join(info)
    b = frame["baseline"]
    pot = frame[C.potential]
    known = pot.notna()
    headroom = (pot - b).clip(lower=0.0)
    active = ~frame["lost"]
    ratio_ok = known & (b > 0) & active
    if ratio_ok.any():
        allocation = "potential"
        median_ratio = float((headroom[ratio_ok] / b[ratio_ok]).median())
        headroom = headroom.where(known, b * median_ratio)
        weight = headroom.where(active, 0.0)
    else:
        allocation = "revenue"
        weight = b.where(active, 0.0)
    frame["headroom"] = headroom.astype("float64")
    frame["weight"] = weight.astype("float64")

    revenue_base = float(frame["revenue_base"].sum())
    goal = (1.0 + goals.growth) * revenue_base
    if goals.new_client_revenue is not None:
        per_new = float(goals.new_client_revenue)
    else:
        per_new = float(new_client_revenue(facts, as_of=as_of)["median"])
    new_plan = goals.new_clients * per_new if goals.new_clients and math.isfinite(per_new) else 0.0
    baseline_total = float(b.sum())
    gap = goal - new_plan - baseline_total
    total_weight = float(frame["weight"].sum())
    share = frame["weight"] / total_weight if total_weight > 0 else 0.0 * frame["weight"]
    frame["uplift"] = (max(gap, 0.0) * share).astype("float64")
    frame["plan"] = frame["baseline"] + frame["uplift"]
    frame["plan_growth"] = (frame["plan"] / frame["revenue_base"] - 1).where(
        frame["revenue_base"] > 0
    )
    frame["plan_margin"] = frame["plan"] * frame["margin_rate"]
    frame["over_potential"] = (frame["plan"] > pot).fillna(False).astype(bool)
    out = frame.rename_axis(C.client_id).reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    out = out.sort_values(["plan", C.client_id], ascending=[False, True], kind="mergesort")
    out = out.reset_index(drop=True)[PLAN_COLUMNS]
    plan_total = float(out["plan"].sum()) + new_plan
    out.attrs.update(
        year=year,
        base_year=int(by),
        as_of=as_of,
        goals=goals,
        revenue_base=revenue_base,
        goal=goal,
        baseline=baseline_total,
        new_clients=int(goals.new_clients),
        new_client_revenue=per_new,
        new_plan=float(new_plan),
        gap=float(gap),
        plan_total=plan_total,
        plan_margin=float(out["plan_margin"].sum(min_count=1)),
        margin_goal=(plan_total * goals.margin_rate if goals.margin_rate is not None else np.nan),
        allocation=allocation,
    )
    return out


def _new_client_segments(facts: Facts, clients: pd.DataFrame | None, as_of) -> pd.Series:
    """Share of each segment among the clients whose first purchase was in the last 2 years."""
    if clients is None or C.segment not in clients.columns or not facts.has_sales:
        return pd.Series(dtype="float64")
    known = facts.clients(*span(facts, None, as_of))
    recent = known.loc[known["first_date"] > pd.Timestamp(as_of) - pd.Timedelta(days=730), C.client_id]
    seg = clients.assign(**{C.client_id: _ids(clients[C.client_id])}).drop_duplicates(
        C.client_id
    ).set_index(C.client_id)[C.segment].astype("string")
    seg = seg.reindex(pd.Index(recent.astype("string"))).fillna(UNKNOWN)
    # value_counts of a string column gives a pyarrow double (<NA>, not NaN, downstream): plain floats
    return seg.value_counts(normalize=True).sort_index().astype("float64")


def plan_by_segment(
    plan: pd.DataFrame,
    *,
    facts: Facts | None = None,
    clients: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The plan summed by segment, with the new clients' part.

    Sums of :func:`plan_by_client` per segment. The new clients' plan (``attrs["new_plan"]``)
    is split over the segments in proportion to the segments of the clients won in the last
    two years (up to the plan's date) when ``facts`` and ``clients`` (with ``segment``) are
    given; otherwise it is
    one row ``segment = "new_clients"``::

        new_clients_s      = goals.new_clients × share_s   (a share, not rounded)
        new_clients_plan_s = new_plan × share_s
        plan_s             = Σ plan_i + new_clients_plan_s
        plan_growth_s      = plan_s / Σ revenue_base_i − 1
        plan_share_s       = plan_s / Σ_s plan_s

    Returns
    -------
    DataFrame
        ``segment, clients, revenue_base, baseline, uplift, new_clients, new_clients_plan,
        plan, plan_growth, plan_margin, plan_share``, sorted by plan descending then segment.
        ``attrs`` as the plan's.

    Source: seminar program block 5 (a plan by segment from the company's goals).
    """
    g = plan.groupby(C.segment, sort=True)
    out = pd.DataFrame(
        {
            "clients": g.size(),
            "revenue_base": g["revenue_base"].sum(),
            "baseline": g["baseline"].sum(),
            "uplift": g["uplift"].sum(),
            "plan_existing": g["plan"].sum(),
            "plan_margin": g["plan_margin"].sum(min_count=1),
        }
    )
    out.index = out.index.astype("string")
    new_plan = float(plan.attrs.get("new_plan", 0.0) or 0.0)
    n_new = float(plan.attrs.get("new_clients", 0) or 0)
    out["new_clients"] = 0.0
    out["new_clients_plan"] = 0.0
    if new_plan > 0 or n_new > 0:
        shares = pd.Series(dtype="float64")
        if facts is not None and clients is not None:
            shares = _new_client_segments(facts, clients, plan.attrs.get("as_of"))
        if shares.empty:
            shares = pd.Series({NEW_CLIENTS: 1.0})
        shares = shares.astype("float64")
        shares.index = shares.index.astype("string")
        for seg in shares.index:
            if seg not in out.index:
                out.loc[seg] = 0.0
        out["new_clients"] = (n_new * shares).reindex(out.index).fillna(0.0)
        out["new_clients_plan"] = (new_plan * shares).reindex(out.index).fillna(0.0)
    out["plan"] = out.pop("plan_existing") + out["new_clients_plan"]
    out["plan_growth"] = (out["plan"] / out["revenue_base"] - 1).where(out["revenue_base"] > 0)
    total = float(out["plan"].sum())
    out["plan_share"] = out["plan"] / total if total > 0 else np.nan
    out["clients"] = out["clients"].astype("int64")
    out = out.rename_axis(C.segment).reset_index()
    out[C.segment] = out[C.segment].astype("string")
    out = out.sort_values(["plan", C.segment], ascending=[False, True], kind="mergesort")
    out = out.reset_index(drop=True)[SEGMENT_PLAN_COLUMNS]
    out.attrs.update(plan.attrs)
    return out


# --------------------------------------------------------------------------- managers
def manager_load(
    plan: pd.DataFrame,
    stages: pd.DataFrame | None = None,
    *,
    key_stages: tuple[str, ...] = ("key",),
) -> pd.DataFrame:
    """Clients, key clients, revenue and plan per manager: who carries how much of the base.

    ``plan`` is :func:`plan_by_client` (or any client table with ``client_id, manager`` and
    optionally ``key_account, lost, revenue_base, baseline, plan``). A key client is a client
    with ``key_account`` true or, when ``stages`` (block 2) is given, whose stage is in
    ``key_stages``. Lost clients are counted apart and not in ``clients``::

        clients       = active (not lost) clients of the manager
        clients_share = clients / Σ clients
        plan_share    = plan / Σ plan
        plan_growth   = plan / revenue_base − 1
        load_index    = clients / mean clients per manager   (1 = an average load)

    Returns
    -------
    DataFrame
        ``manager, clients, key_clients, lost_clients, revenue_base, baseline, plan,
        plan_growth, clients_share, plan_share, load_index``, sorted by plan descending then
        manager. ``attrs["clients_mean"]``: the mean clients per manager (load index 1).

    Source: seminar program block 6 (assignment of clients to managers and their load).
    """
    frame = pd.DataFrame({C.client_id: _ids(plan[C.client_id])})
    frame[C.manager] = (
        plan[C.manager].astype("string").fillna(UNKNOWN) if C.manager in plan.columns else UNKNOWN
    )
    lost = plan["lost"].astype(bool) if "lost" in plan.columns else pd.Series(False, index=plan.index)
    key = (
        plan["key_account"].fillna(False).astype(bool)
        if "key_account" in plan.columns
        else pd.Series(False, index=plan.index)
    )
    if stages is not None and "stage" in stages.columns:
        st = stages.assign(**{C.client_id: _ids(stages[C.client_id])}).drop_duplicates(
            C.client_id
        ).set_index(C.client_id)["stage"]
        key = key | frame[C.client_id].map(st).isin(list(key_stages)).fillna(False).to_numpy()
    frame["active"] = (~lost).astype("int64").to_numpy()
    frame["key"] = (key & ~lost).astype("int64").to_numpy()
    frame["lost"] = lost.astype("int64").to_numpy()
    for col in ("revenue_base", "baseline", "plan"):
        frame[col] = plan[col].astype("float64").to_numpy() if col in plan.columns else np.nan
    g = frame.groupby(C.manager, sort=True)
    out = pd.DataFrame(
        {
            "clients": g["active"].sum(),
            "key_clients": g["key"].sum(),
            "lost_clients": g["lost"].sum(),
            "revenue_base": g["revenue_base"].sum(min_count=1),
            "baseline": g["baseline"].sum(min_count=1),
            "plan": g["plan"].sum(min_count=1),
        }
    )
    out["plan_growth"] = (out["plan"] / out["revenue_base"] - 1).where(out["revenue_base"] > 0)
    n = float(out["clients"].sum())
    out["clients_share"] = out["clients"] / n if n > 0 else np.nan
    total = float(out["plan"].sum())
    out["plan_share"] = out["plan"] / total if total > 0 else np.nan
    mean = out["clients"].mean() if len(out) else np.nan
    out["load_index"] = out["clients"] / mean if mean and mean > 0 else np.nan
    for col in ("clients", "key_clients", "lost_clients"):
        out[col] = out[col].astype("int64")
    out = out.rename_axis(C.manager).reset_index()
    out[C.manager] = out[C.manager].astype("string")
    out = out.sort_values(["plan", C.manager], ascending=[False, True], na_position="last",
                          kind="mergesort")
    out = out.reset_index(drop=True)[LOAD_COLUMNS]
    out.attrs["clients_mean"] = float(mean) if len(out) else np.nan
    return out


# --------------------------------------------------------------------------- control
def _year_bounds(plan: pd.DataFrame, start, end) -> tuple[pd.Timestamp, pd.Timestamp]:
    year = plan.attrs.get("year")
    if (start is None or end is None) and year is None:
        raise ValueError("give start and end, or a plan made by plan_by_client (attrs['year'])")
    lo, hi = period_bounds(
        start if start is not None else f"{year}-01-01",
        end if end is not None else f"{year}-12-31",
    )
    return lo, hi


def plan_vs_actual(
    plan: pd.DataFrame,
    facts: Facts,
    *,
    by: tuple[str, ...] | str = (C.manager,),
    start=None,
    end=None,
) -> pd.DataFrame:
    """Plan against actual revenue by manager, segment or region (the control function).

    Actual = revenue of the facts over [start, end] (default the plan year) up to
    ``facts.as_of``. A planned client counts in its plan row's group; clients
    that bought without being in the plan (new clients) make one group
    ``"new_clients"`` whose plan is ``attrs["new_plan"]``. With d the days of the period
    up to ``facts.as_of`` (the last sales day unless given) and D the days of the period::

        deviation  = actual − plan
        completion = actual / plan                 (NaN when plan ≤ 0)
        expected   = plan × d / D                  (the plan to date, evenly spread)
        pace       = actual / expected             (on track ≥ 1)

    Parameters
    ----------
    plan : DataFrame
        :func:`plan_by_client` (its ``attrs`` give the year and the new clients' plan).
    facts : Facts
        The company's sales facts (:class:`~kbcore.facts.Facts`): the actual.
    by : str or tuple of str
        Columns of ``plan`` to group by (default ``("manager",)``; ``("segment",)``, …).
    start, end : date-like, optional
        The control period; default 1 January … 31 December of the plan year.

    Returns
    -------
    DataFrame
        ``<by columns>, plan, actual, deviation, completion, expected, pace`` sorted by plan
        descending then the by columns; the new-clients row last. ``attrs``: ``start``,
        ``end``, ``covered_days``, ``period_days``, totals ``plan``, ``actual``.

    Source: seminar program block 6 (plan-versus-actual control through the customer base).
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    missing = [c for c in by if c not in plan.columns]
    if missing:
        raise ValueError(f"plan has no column {', '.join(missing)} to group by")
    lo, hi = _year_bounds(plan, start, end)
    last = _last_day(facts, lo - pd.Timedelta(days=1))
    if last < lo:
        actual = pd.Series(dtype="float64", index=pd.Index([], dtype="string", name=C.client_id))
    else:
        actual = facts.clients(lo, min(last, hi)).set_index(C.client_id)[C.revenue]
    frame = plan[[C.client_id, *by, "plan"]].copy()
    frame[C.client_id] = _ids(frame[C.client_id])
    for col in by:
        frame[col] = frame[col].astype("string").fillna(UNKNOWN)
    frame["actual"] = frame[C.client_id].map(actual).fillna(0.0).astype("float64")
    out = frame.groupby(list(by), sort=True)[["plan", "actual"]].sum().reset_index()
    out = out.sort_values(["plan", *by], ascending=[False] + [True] * len(by), kind="mergesort")
    outside = actual[~actual.index.isin(frame[C.client_id])]
    new_plan = float(plan.attrs.get("new_plan", 0.0) or 0.0)
    if len(outside) or new_plan > 0:
        row = {col: NEW_CLIENTS for col in by}
        row.update(plan=new_plan, actual=float(outside.sum()))
        out = pd.concat([out, pd.DataFrame([row])], ignore_index=True)
    for col in by:
        out[col] = out[col].astype("string")
    out["deviation"] = out["actual"] - out["plan"]
    out["completion"] = (out["actual"] / out["plan"]).where(out["plan"] > 0)
    period_days = (hi - lo).days + 1
    covered = int(min(max((min(last, hi) - lo).days + 1, 0), period_days))
    out["expected"] = out["plan"] * covered / period_days
    out["pace"] = (out["actual"] / out["expected"]).where(out["expected"] > 0)
    out = out.reset_index(drop=True)[[*by, *PVA_COLUMNS]]
    out.attrs.update(
        start=lo,
        end=hi,
        covered_days=covered,
        period_days=period_days,
        plan=float(out["plan"].sum()),
        actual=float(out["actual"].sum()),
    )
    return out


def _last_day(facts: Facts, default: pd.Timestamp) -> pd.Timestamp:
    """``facts.as_of``, or ``default`` when the facts have neither sales nor an ``as_of``."""
    try:
        return facts.as_of
    except ValueError:
        return default


def targets_vs_actual(
    targets: pd.DataFrame | None,
    facts: Facts,
    clients: pd.DataFrame | None = None,
    *,
    year: int,
) -> pd.DataFrame:
    """The company's own yearly targets (``targets`` table) against actual, per manager.

    Actual per manager and year: ``revenue`` and ``margin`` (gross margin) of the clients
    the manager holds (the client card's manager, else the manager of the client's last
    sales line, as in :func:`plan_by_client`); ``new_clients`` = clients whose first
    purchase ever is in the year. Only targets whose period is the year ("2025") count::

        completion = actual / target     (NaN when target ≤ 0)

    Parameters
    ----------
    targets : DataFrame or None
        The company's targets: ``period, manager, kpi (revenue | margin | new_clients),
        target``. Rows of a business line, product class, region or client (those columns
        set) and rows without a manager are not a manager's targets and are left out.
    facts : Facts
        The company's sales facts (:class:`~kbcore.facts.Facts`): the actual; the sales lines
        only for the manager of a client's last line.
    clients : DataFrame, optional
        The clients table (the card's manager).
    year : int
        The target year.

    Returns
    -------
    DataFrame
        ``manager, kpi, target, actual, deviation, completion`` sorted by manager, kpi; empty when
        there are no targets for the year (or no targets table).

    Source: seminar program block 6 (control of the plan through the customer base).
    """
    cols = [C.manager, C.kpi, C.target, "actual", "deviation", "completion"]
    empty = pd.DataFrame({c: pd.Series(dtype="string" if c in (C.manager, C.kpi) else "float64")
                          for c in cols})
    if targets is None or not {C.period, C.manager, C.kpi, C.target} <= set(targets.columns):
        return empty
    tg = targets.loc[targets[C.period].astype("string").str.strip() == str(year)]
    tg = tg.loc[tg[C.manager].notna()]  # a manager's own targets: not those of a line, class …
    for other in (C.business_line, C.category, C.region, C.client_id):
        if other in tg.columns:
            tg = tg.loc[tg[other].isna()]
    if tg.empty:
        return empty
    in_year = facts.clients(f"{year}-01-01", f"{year}-12-31")
    whole = facts.clients(end=f"{year}-12-31")
    ids = pd.Index(whole[C.client_id].astype("string"))
    info = _client_info(clients, between(facts.sales, None, f"{year}-12-31"), ids)
    f = in_year.set_index(C.client_id)
    frame = pd.DataFrame(index=ids)
    frame[C.manager] = info[C.manager]
    frame["revenue"] = f[C.revenue].reindex(ids).fillna(0.0)
    frame["margin"] = f["gross_margin"].reindex(ids)
    first = whole.set_index(C.client_id)["first_date"].reindex(ids)
    frame["new_clients"] = (first.dt.year == year).astype("float64")
    actual = frame.groupby(C.manager).agg(
        revenue=("revenue", "sum"), margin=("margin", lambda s: s.sum(min_count=1)),
        new_clients=("new_clients", "sum"),
    )
    long = actual.stack().rename("actual").rename_axis([C.manager, C.kpi]).reset_index()
    tg = pd.DataFrame({
        C.manager: tg[C.manager].astype("string").str.strip(),
        C.kpi: tg[C.kpi].astype("string").str.strip(),
        C.target: pd.to_numeric(tg[C.target], errors="coerce").astype("float64"),
    }).groupby([C.manager, C.kpi], as_index=False)[C.target].sum()
    long[C.manager] = long[C.manager].astype("string")
    long[C.kpi] = long[C.kpi].astype("string")
    out = tg.merge(long, on=[C.manager, C.kpi], how="left")
    out["actual"] = out["actual"].astype("float64").fillna(0.0)
    out["deviation"] = out["actual"] - out[C.target]
    out["completion"] = (out["actual"] / out[C.target]).where(out[C.target] > 0)
    out = out.sort_values([C.manager, C.kpi], kind="mergesort").reset_index(drop=True)
    return out[cols]

