"""The Bulgarian demo company's loyalty programme: who joins, what it changes, the points.

One job: truth 7 (topic 8) — :func:`members` decides, *before the sales are drawn*, who joins
and leaves the programme (launched :data:`~kbcore.demo.bg.company.LOYALTY_LAUNCH`), with a
self-selection: ``logit P(join) = a + b × ln(planned yearly purchases / the segment's median)``
(:data:`~kbcore.demo.bg.company.LOYALTY_JOIN`), so that the members are the larger clients;
:func:`uplift` plants the programme's true effect in the order lines (a member's order values ×
(1 + :data:`~kbcore.demo.bg.company.LOYALTY_UPLIFT`) from the day it joins to the day it leaves:
larger orders, not more of them); :func:`loyalty_table` writes the memberships with their tier
and points (1 point a euro bought as a member; redeemed first-in first-out; points unused
:data:`~kbcore.demo.bg.company.LOYALTY_EXPIRY_DAYS` after they were earned expire, and a leaving
member's balance lapses).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.bg.company import (
    BG,
    LOYALTY_EXPIRY_DAYS,
    LOYALTY_JOIN,
    LOYALTY_LAUNCH,
    LOYALTY_UPLIFT,
    SEGMENTS,
)
from kbcore.demo.company import TIERS
from kbcore.demo.timeline import Timeline
from kbcore.schema import C

__all__ = ["members", "uplift", "loyalty_table"]


def members(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each client's day of joining and of leaving the programme (−1 / n_days: never).

    Eligible: a client of the programme's segments that buys more than once. It joins with the
    probability of the module's logit, on day
    ``max(launch + Exp(420 days), a + 500)`` (staggered; at least 500 days after it started
    buying, so that a new client's ramp-up is over and its 12 months before joining are all a
    client's months: joining in the ramp-up would plant a growth no comparison of members and
    non-members could tell from the programme's), if it still is a client then and that is before
    the window's last 30 days. The planted groups of the other truths may join like anyone (were
    they kept out, the decliners among the non-members would make the members look better). It leaves 60–240 days after it stops buying, or (9 % of the members) quits 400–1000
    days after joining.
    """
    n, nd = len(plan), cal.n_days
    seg_key = np.array([s.key for s in SEGMENTS])[plan["seg"].to_numpy()]
    spend = plan["spend"].to_numpy()
    med = pd.Series(spend).groupby(seg_key).transform("median").to_numpy()
    a0, a1 = LOYALTY_JOIN
    p = 1 / (1 + np.exp(-(a0 + a1 * np.log(spend / med))))
    eligible = np.isin(seg_key, list(BG.loyalty_segments)) & ~plan["one_time"].to_numpy()
    launch = int(cal.snap(np.array([(LOYALTY_LAUNCH - cal.start).days]))[0])
    u = rng.random(n)
    wait = rng.exponential(420.0, n).astype(np.int64)
    a, b = plan["a"].to_numpy(), plan["b"].to_numpy()
    jday = cal.snap(np.maximum(launch + wait, a + 500))
    join = eligible & (u < p) & (jday <= b) & (jday < nd - 30)
    joined = np.where(join, jday, -1)
    stops = b < nd - 1
    left = np.full(n, nd, dtype=np.int64)
    gone = join & stops
    left[gone] = b[gone] + rng.integers(60, 241, n)[gone]
    quit_ = join & ~stops & (rng.random(n) < 0.09)
    left[quit_] = joined[quit_] + rng.integers(400, 1001, n)[quit_]
    left = np.where(left < nd, cal.snap(np.minimum(left, nd - 1)), nd)
    return joined, left


def uplift(lines: dict, joined: np.ndarray, left: np.ndarray) -> tuple[dict, np.ndarray]:
    """The lines with a member's order values × (1 + LOYALTY_UPLIFT) while it is a member."""
    c, d = lines["client"], lines["day"]
    on = (joined[c] >= 0) & (d >= joined[c]) & (d < left[c])
    target = np.where(on, lines["target"] * (1 + LOYALTY_UPLIFT), lines["target"])
    return {**lines, "target": target}, on


def loyalty_table(rng: np.random.Generator, cal: Timeline, joined: np.ndarray, left: np.ndarray,
                  sales_day: np.ndarray, sales_client: np.ndarray, eur: np.ndarray,
                  client_ids: np.ndarray) -> pd.DataFrame:
    """The memberships: joined, left, tier, points earned, redeemed and expired (to the end).

    points earned in a month = ⌊euro bought as a member in it⌋ (returns net, never below 0);
    each month the member redeems a share q of its balance (q = 0 for a quarter of the members,
    else U(3 %, 15 %)), oldest points first; a month's points still unused
    ``LOYALTY_EXPIRY_DAYS`` later expire, and what is left when the member leaves lapses
    (counted as expired). tier: the euro bought a year as a member (3 000 silver, 10 000 gold,
    30 000 platinum).
    """
    nd = cal.n_days
    idx = np.flatnonzero(joined >= 0)
    pos = np.full(len(joined), -1, dtype=np.int64)
    pos[idx] = np.arange(len(idx))
    month_of = (cal.days.year - cal.start.year) * 12 + cal.days.month - 1
    month_of = month_of.to_numpy()
    nm = int(month_of[-1]) + 1
    c = sales_client
    on = (joined[c] >= 0) & (sales_day >= joined[c]) & (sales_day < left[c])
    earn = np.zeros((len(idx), nm))
    np.add.at(earn, (pos[c[on]], month_of[sales_day[on]]), eur[on])
    earn = np.floor(np.maximum(earn, 0.0))
    q = np.where(rng.random(len(idx)) < 0.25, 0.0, rng.uniform(0.03, 0.15, len(idx)))
    life = int(round(LOYALTY_EXPIRY_DAYS / 365 * 12))
    lots = np.zeros((len(idx), nm))  # unused points by the month they were earned
    redeemed = np.zeros(len(idx))
    expired = np.zeros(len(idx))
    leave_m = np.where(left[idx] < nd, month_of[np.minimum(left[idx], nd - 1)], nm)
    for m in range(nm):
        lots[:, m] = earn[:, m]
        if m >= life:  # points earned `life` months ago lapse
            expired += lots[:, m - life]
            lots[:, m - life] = 0.0
        gone = leave_m == m
        expired[gone] += lots[gone].sum(axis=1)
        lots[gone] = 0.0
        want = np.floor(q * lots.sum(axis=1))
        redeemed += want
        cum = np.cumsum(lots, axis=1)  # oldest first
        take = np.minimum(lots, np.maximum(want[:, None] - (cum - lots), 0.0))
        lots -= take
    jd, ld = joined[idx], left[idx]
    rev = earn.sum(axis=1)
    years = np.maximum((np.minimum(ld, nd) - jd) / 365.0, 0.25)
    yearly = rev / years
    t1, t2, t3 = BG.loyalty_tiers
    tier = np.where(yearly >= t3, 3, np.where(yearly >= t2, 2, np.where(yearly >= t1, 1, 0)))
    left_dates = cal.dates(np.minimum(ld, nd - 1)).where(ld < nd)
    return pd.DataFrame({
        C.client_id: pd.array(client_ids[idx], dtype="string"),
        C.joined: cal.dates(jd),
        C.left: left_dates,
        C.tier: pd.array(np.asarray(TIERS, dtype=object)[tier], dtype="string"),
        C.points_earned: rev.astype("float64"),
        C.points_redeemed: redeemed.astype("float64"),
        C.points_expired: expired.astype("float64"),
    })
