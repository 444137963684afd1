"""The demo company's clients as economics, and its sales team.

One job: who the clients are and how they buy, as numbers (:func:`client_plan`: kind —
existing, new or concession —, segment, region, acquisition day and channel, size, share of
wallet, order frequency, lines, discount, payment terms, visits, trend, end of the
relationship, key accounts), the managers (:func:`managers`) and which manager serves each
client (:func:`assign_managers`). The client *cards* (names, addresses …) are
:mod:`kbcore.demo.cards`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.company import (
    CHANNELS,
    CONC_DISCOUNT,
    CONC_FREQ,
    CONC_POTENTIAL,
    CONC_VISITS,
    CONCESSION_CHANNELS,
    CONCESSION_SEGMENTS,
    CONCESSION_SHARE,
    EXISTING_CHANNELS,
    EXISTING_SHARE,
    FREQ_POWER,
    FREQ_SCALE,
    LINES_SCALE,
    MARKETPLACE,
    NEW_SOW,
    ONE_TIME,
    REGIONS,
    SEGMENTS,
    SERVICE_SIGMA,
    SPEND_SCALE,
    VISIT_SCALE,
    WEBSITE,
)
from kbcore.demo.draws import choice
from kbcore.demo.names import Names
from kbcore.demo.profile import RU, Profile
from kbcore.demo.timeline import Timeline


def sales_team(names: Names, cal: Timeline, profile: Profile = RU) -> pd.DataFrame:
    """The sales team: index, name, regions covered, day hired and day left (day numbers)."""
    rows = []
    for i, (regions, hired, left, female) in enumerate(profile.managers):
        name = names.full(female)
        h = 0 if hired is None else int(round(hired * cal.n_days))
        lf = cal.n_days if left is None else int(round(left * cal.n_days))
        rows.append((i, name, regions, h, lf))
    return pd.DataFrame(rows, columns=["idx", "name", "regions", "hired", "left"])


def client_plan(rng: np.random.Generator, cal: Timeline, n: int) -> pd.DataFrame:
    """Who the ``n`` clients are and how they buy: one row per client, numbers only."""
    nd = cal.n_days
    n_conc = max(2, int(round(n * CONCESSION_SHARE)))
    n_exist = int(round(n * EXISTING_SHARE))
    n_new = n - n_conc - n_exist
    kind = np.array(["existing"] * n_exist + ["new"] * n_new + ["concession"] * n_conc)
    conc = kind == "concession"
    new = kind != "existing"

    seg_w = [s.weight for s in SEGMENTS]
    seg = choice(rng, seg_w, n)
    cs_keys = [k for k, _ in CONCESSION_SEGMENTS]
    cs = choice(rng, [p for _, p in CONCESSION_SEGMENTS], n_conc)
    seg[conc] = [[s.key for s in SEGMENTS].index(cs_keys[i]) for i in cs]

    region = choice(rng, [r[3] for r in REGIONS], n)

    # acquisition day: existing clients are there from day 0; new ones arrive more and
    # more often (the sales push), concession clients mostly in the middle years
    a = np.zeros(n, dtype=np.int64)
    u = rng.random(n)
    growth = 0.45  # acquisition intensity grows ~ (1 + growth * t)
    t_new = (np.sqrt(1 + (2 * growth + growth**2) * u) - 1) / growth  # inverse CDF
    a[kind == "new"] = np.floor(t_new[kind == "new"] * nd).astype(np.int64)
    # (some were won shortly before the first day: their ramp-up is still visible)
    a[conc] = np.maximum(0, np.floor((rng.beta(1.6, 1.6, n_conc) - 0.15) * nd)).astype(np.int64)
    a = cal.snap(a)
    a[kind == "existing"] = 0

    # acquisition channel
    chan = np.empty(n, dtype=np.int64)
    for si, s in enumerate(SEGMENTS):
        m = (seg == si) & (kind == "new")
        chan[m] = choice(rng, s.channels, int(m.sum()))
    chan[conc] = choice(rng, CONCESSION_CHANNELS, n_conc)
    chan[kind == "existing"] = choice(rng, EXISTING_CHANNELS, n_exist)
    market_open = int(0.2 * nd)  # the marketplace shop opened ~ one year in
    early_mp = (chan == CHANNELS.index(MARKETPLACE)) & (a < market_open)
    chan[early_mp] = CHANNELS.index(WEBSITE)

    one_time = np.zeros(n, dtype=bool)
    p_one = np.array([ONE_TIME[c] for c in CHANNELS])[chan]
    one_time[kind == "new"] = rng.random(int((kind == "new").sum())) < p_one[kind == "new"]

    # size and buying behaviour
    med = np.array([s.potential for s in SEGMENTS])[seg] * SPEND_SCALE
    sig = np.array([s.sigma for s in SEGMENTS])[seg]
    potential = med * np.exp(sig * rng.standard_normal(n))
    potential[conc] = CONC_POTENTIAL * np.exp(0.4 * rng.standard_normal(n_conc))
    lo = np.array([s.sow[0] for s in SEGMENTS])[seg]
    hi = np.array([s.sow[1] for s in SEGMENTS])[seg]
    sow = rng.uniform(lo, hi)
    sow[conc] = rng.uniform(0.30, 0.50, n_conc)
    sow[kind == "new"] *= NEW_SOW
    online = np.isin(chan, [CHANNELS.index(WEBSITE), CHANNELS.index(MARKETPLACE)]) & new
    sow[online] *= 0.6
    spend = potential * sow  # yearly purchases from us at 2025 prices, once ramped up
    rel = spend / (med * (lo + hi) / 2)
    # how much service the client takes: orders, visits (lognormal, median 1)
    service = np.exp(SERVICE_SIGMA * rng.standard_normal(n))
    freq = np.array([s.freq for s in SEGMENTS])[seg] * np.clip(rel, 0.05, 30) ** FREQ_POWER
    freq = np.clip(freq * service**0.8 * FREQ_SCALE, 1.5, 150)
    freq[conc] = rng.uniform(*CONC_FREQ, n_conc)
    lines = np.array([s.lines for s in SEGMENTS])[seg] * np.clip(rel, 0.3, 4) ** 0.2
    lines = np.maximum(1.0, LINES_SCALE * lines / service**0.25)
    lines[conc] = 3.0
    disc = np.array([s.discount for s in SEGMENTS])[seg] + rng.normal(0, 0.015, n)
    disc = np.clip(disc, 0, 0.12)
    disc[conc] = rng.uniform(*CONC_DISCOUNT, n_conc)
    terms = np.zeros(n)
    for si, s in enumerate(SEGMENTS):
        m = seg == si
        days, probs = zip(*s.terms, strict=True)
        terms[m] = np.array(days)[choice(rng, probs, int(m.sum()))]
    terms[conc] = np.where(rng.random(n_conc) < 0.75, 60, 45)
    visits = np.array([s.visits for s in SEGMENTS])[seg] * np.clip(rel, 0.2, 5) ** 0.35
    visits = visits * service * VISIT_SCALE
    visits[online] *= 0.2
    visits[conc] = rng.uniform(*CONC_VISITS, n_conc)
    calls = np.array([s.calls for s in SEGMENTS])[seg] * np.clip(rel, 0.3, 3) ** 0.3
    calls[conc] = rng.uniform(18, 30, n_conc)
    g = rng.normal(0.02, 0.08, n)
    g[conc] = rng.normal(0.12, 0.05, n_conc)

    # the end of the relationship (churn), at least 120 days after the start
    churn = np.array([s.churn for s in SEGMENTS])[seg]
    churn[conc] = 0.05
    life = rng.exponential(365.0 / churn)
    b = np.where(one_time, a, np.minimum(nd - 1, a + np.maximum(120, life).astype(np.int64)))
    b = np.maximum(a, b)

    # key accounts: the largest ordinary clients and the largest concession clients
    key = np.zeros(n, dtype=bool)
    ordinary = np.flatnonzero(~conc & ~one_time)
    n_key = max(2, int(round(n * 0.014)))
    key[ordinary[np.argsort(-spend[ordinary], kind="stable")[:n_key]]] = True
    cidx = np.flatnonzero(conc)
    key[cidx[np.argsort(-spend[cidx], kind="stable")[: max(1, n_conc // 10)]]] = True
    visits[key & ~conc] = np.maximum(visits[key & ~conc], 10)
    b[key] = np.maximum(b[key], np.minimum(nd - 1, a[key] + 3 * 365))

    return pd.DataFrame({
        "kind": kind, "conc": conc, "new": new, "seg": seg, "region": region, "a": a, "b": b,
        "chan": chan, "one_time": one_time, "potential": potential, "spend": spend,
        "freq": freq, "lines": lines, "disc": disc, "terms": terms, "visits": visits,
        "calls": calls, "g": g, "key": key,
    })


def assign_managers(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame,
                    mgrs: pd.DataFrame, profile: Profile = RU) -> pd.DataFrame:
    """Each client's manager.

    One of the managers of its region working on its first day (the key-account manager takes about
    half of the concession clients).

    Adds ``m1`` (the first manager), ``m2`` (the manager after ``switch``, the day a leaving
    manager hands the clients over) to ``plan``.
    """
    n = len(plan)
    kam = profile.kam
    day, reg = plan["a"].to_numpy(), plan["region"].to_numpy()
    score = rng.random((n, len(mgrs)))
    for r in mgrs.itertuples():
        ok = np.isin(reg, r.regions) & (r.hired <= day) & (day < r.left)
        score[:, r.idx] = np.where(ok & (r.idx != kam), score[:, r.idx], -1.0)
    m1 = np.argmax(score, axis=1)
    m1 = np.where(score.max(axis=1) < 0, kam, m1)
    to_kam = plan["conc"].to_numpy() & (rng.random(n) < 0.55)
    m1[to_kam] = kam
    switch = np.full(n, cal.n_days + 1, dtype=np.int64)
    m2 = m1.copy()
    for old, new in profile.replacement.items():
        left = int(mgrs["left"].iat[old])
        moved = m1 == old
        m2[moved] = new
        switch[moved] = left
    return plan.assign(m1=m1, m2=m2, switch=switch)
