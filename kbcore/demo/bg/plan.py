"""The Bulgarian demo company's clients as economics: who they are and how they buy.

One job: :func:`client_plan` — one row per client with the columns the shared machinery reads
(:mod:`kbcore.demo.sales`, :mod:`kbcore.demo.optional`: ``kind, conc, new, seg, region, a, b,
chan, one_time, potential, spend, freq, lines, disc, terms, visits, calls, g, key``) and the
Bulgarian company's own: the planted groups of truths 2–4 (``group``: ``aac`` large clients
with a small share of wallet, ``hidden`` small buyers with a large potential, ``decline`` /
``rise`` the CLTV trends, ``loser`` the industrial clients who move to a competitor in 2025),
and ``sow``, the planned share of wallet. Money in EUR a year at 2026 prices.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.bg.company import (
    AAC,
    AAC_SOW,
    CHANNELS,
    DECLINE_G,
    DECLINERS,
    EXISTING_SHARE,
    HIDDEN,
    HIDDEN_SOW,
    KEY_SHARE,
    LOSERS,
    MARKETPLACE,
    OBLASTI,
    ONE_TIME,
    RISE_G,
    RISERS,
    SEG_KEYS,
    SEGMENTS,
    WEBSITE,
)
from kbcore.demo.draws import choice
from kbcore.demo.timeline import Timeline

__all__ = ["client_plan"]


def client_plan(rng: np.random.Generator, cal: Timeline, n: int) -> pd.DataFrame:
    """Who the ``n`` clients are and how they buy (numbers only, see the module's docstring).

    * half the clients buy before the first day, the rest arrive over the years (more every
      year); a new client never orders again with a probability set by its channel;
    * oblast: the category market's share of the oblast × our relative share there (truth 1:
      Sofia and Plovdiv strong, Varna and Burgas white spots);
    * yearly purchases from us = potential × share of wallet (``sow``); orders a year grow with
      size ** 0.35; order dates thinned by the client's trend ``g`` (a yearly log-rate);
    * planted groups (truths 2–4): ``aac`` — large potential, share of wallet 12–22 %;
      ``hidden`` — large potential, share below 1.2 %; ``decline`` / ``rise`` — existing
      clients with a strong negative / positive trend; ``loser`` — four industrial clients
      (the first a large factory) whose industrial purchases fall in 2025.
    """
    nd = cal.n_days
    n_exist = int(round(n * EXISTING_SHARE))
    kind = np.array(["existing"] * n_exist + ["new"] * (n - n_exist))
    new = kind == "new"
    seg = choice(rng, [s.weight for s in SEGMENTS], n)
    w = np.array([o[4] * o[5] for o in OBLASTI])
    region = choice(rng, w, n)

    a = np.zeros(n, dtype=np.int64)
    u = rng.random(n)
    growth = 0.4
    t_new = (np.sqrt(1 + (2 * growth + growth**2) * u) - 1) / growth
    a[new] = np.floor(t_new[new] * nd * 0.97).astype(np.int64)
    a = cal.snap(a)
    a[~new] = 0

    chan = np.empty(n, dtype=np.int64)
    for si, s in enumerate(SEGMENTS):
        m = seg == si
        chan[m] = choice(rng, s.channels, int(m.sum()))
    chan[~new] = choice(rng, (.40, .30, .20, .10, .0, .0), int((~new).sum()))
    one_time = np.zeros(n, dtype=bool)
    p_one = np.array([ONE_TIME[c] for c in CHANNELS])[chan]
    one_time[new] = rng.random(int(new.sum())) < p_one[new]

    med = np.array([s.potential for s in SEGMENTS])[seg]
    sig = np.array([s.sigma for s in SEGMENTS])[seg]
    potential = med * np.exp(sig * rng.standard_normal(n))
    lo = np.array([s.sow[0] for s in SEGMENTS])[seg]
    hi = np.array([s.sow[1] for s in SEGMENTS])[seg]
    sow = rng.uniform(lo, hi)
    sow[new] *= 0.7
    online = np.isin(chan, [CHANNELS.index(WEBSITE), CHANNELS.index(MARKETPLACE)]) & new
    sow[online] *= 0.6
    g = rng.normal(0.02, 0.10, n)

    # planted groups, drawn among ordinary clients that stay
    group = np.full(n, "", dtype=object)
    b_default = np.full(n, nd - 1, dtype=np.int64)
    free = ~one_time
    ind = SEG_KEYS.index("industrial")

    def take(mask, k):
        idx = np.flatnonzero(mask & free & (group == ""))
        pick = idx[rng.permutation(len(idx))[:k]]
        return pick

    losers = take((seg == ind) & ~new, LOSERS)
    group[losers] = "loser"
    potential[losers] = [300e3, 70e3, 55e3, 45e3][:len(losers)]
    sow[losers] = [0.75, 0.6, 0.6, 0.6][:len(losers)]
    g[losers] = 0.0
    aac = take(~new | (a < nd * 0.3), AAC)
    group[aac] = "aac"
    potential[aac] = rng.uniform(420e3, 900e3, len(aac))
    sow[aac] = rng.uniform(*AAC_SOW, len(aac))
    g[aac] = rng.normal(0.03, 0.03, len(aac))
    hidden = take(np.ones(n, dtype=bool), HIDDEN)
    group[hidden] = "hidden"
    potential[hidden] = rng.uniform(250e3, 600e3, len(hidden))
    sow[hidden] = rng.uniform(*HIDDEN_SOW, len(hidden))
    big = potential * sow
    dec = take(~new & (big > np.quantile(big, 0.75)), DECLINERS)
    group[dec] = "decline"
    g[dec] = rng.uniform(*DECLINE_G, len(dec))
    potential[dec] *= 1.6
    rise = take(~new | (a < nd * 0.25), RISERS)
    group[rise] = "rise"
    g[rise] = rng.uniform(*RISE_G, len(rise))

    spend = potential * sow
    rel = spend / (med * (lo + hi) / 2)
    service = np.exp(0.6 * rng.standard_normal(n))
    freq = np.array([s.freq for s in SEGMENTS])[seg] * np.clip(rel, 0.05, 30) ** 0.35
    freq = np.clip(freq * service**0.8, 1.2, 80)
    # irregular buyers: a quarter of the small clients order rarely (BG/NBD material)
    rare = (rng.random(n) < 0.25) & (spend < np.quantile(spend, 0.5)) & (group == "")
    freq[rare] = rng.uniform(1.2, 3.0, int(rare.sum()))
    lines = np.array([s.lines for s in SEGMENTS])[seg] * np.clip(rel, 0.3, 4) ** 0.2
    lines = np.maximum(1.0, 0.8 * lines / service**0.25)
    disc = np.clip(np.array([s.discount for s in SEGMENTS])[seg] + rng.normal(0, 0.015, n),
                   0, 0.14)
    terms = np.zeros(n)
    for si, s in enumerate(SEGMENTS):
        m = seg == si
        days, probs = zip(*s.terms, strict=True)
        terms[m] = np.array(days)[choice(rng, probs, int(m.sum()))]
    visits = np.array([s.visits for s in SEGMENTS])[seg] * np.clip(rel, 0.2, 5) ** 0.35 * service
    visits[online] *= 0.2
    calls = np.array([s.calls for s in SEGMENTS])[seg] * np.clip(rel, 0.3, 3) ** 0.3

    churn = np.array([s.churn for s in SEGMENTS])[seg]
    life = rng.exponential(365.0 / churn)
    b = np.where(one_time, a, np.minimum(nd - 1, a + np.maximum(150, life).astype(np.int64)))
    keep = np.isin(group, ["aac", "loser", "hidden", "rise", "decline"])
    b[keep] = b_default[keep]
    b = np.maximum(a, b)

    key = np.zeros(n, dtype=bool)
    ordinary = np.flatnonzero(~one_time & (group != "decline") & (group != "hidden"))
    n_key = max(2, int(round(n * KEY_SHARE)))
    key[ordinary[np.argsort(-spend[ordinary], kind="stable")[:n_key]]] = True
    key[losers[:1]] = True
    visits[key] = np.maximum(visits[key], 10)
    calls[key] = np.maximum(calls[key], 12)

    return pd.DataFrame({
        "kind": kind, "conc": np.zeros(n, dtype=bool), "new": new, "seg": seg,
        "region": region, "a": a, "b": b, "chan": chan, "one_time": one_time,
        "potential": potential, "spend": spend, "sow": sow, "freq": freq, "lines": lines,
        "disc": disc, "terms": terms, "visits": visits, "calls": calls, "g": g, "key": key,
        "group": group,
    })
