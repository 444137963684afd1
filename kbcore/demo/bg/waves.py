"""The Bulgarian demo company's satisfaction surveys: yearly waves with the clients who did not answer.

One job: the surveys table of truth 6 (topic 7) — :func:`fade_orders` (a client who stops buying
thins its orders first, so that its purchases' trend reveals what its answers hide) and
:func:`survey_waves` (one row per client *asked* in each yearly wave, ``responded`` True or
False, CSAT and NPS on the answers only):

* each October wave (:data:`~kbcore.demo.bg.company.SURVEY_WAVES`) asks
  :data:`~kbcore.demo.bg.company.SURVEY_ASKED` of the clients that bought in the 12 months before;
* **non-response bias**: ``logit P(answer) = a + b × ln(rev12 / median rev12) − c × stopped``
  (:data:`~kbcore.demo.bg.company.RESPONSE_LOGIT`; rev12 = the 12 months' revenue before the
  invitation, stopped = its last purchase falls before it), so that the respondents are the
  larger, more active clients who churn less;
* **stated vs revealed**: the answers do not depend on what the client does next — the clients
  who stop or cut their purchases the next year answer like the others ("polite promoters"),
  while their purchases' trend before the wave already falls (:func:`fade_orders`);
* **timing**: an answer given within 14 days after a delivery scores
  :data:`~kbcore.demo.bg.company.DELIVERY_BONUS` higher on the CSAT scale.

A respondent's date is the day of its answer (0–30 days after the invitation), a
non-respondent's the day it was asked. Nothing here reads the clock.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.bg.company import (
    DELIVERY_BONUS,
    FADE_DAYS,
    FADE_FLOOR,
    RESPONSE_LOGIT,
    SURVEY_ASKED,
    SURVEY_WAVES,
)
from kbcore.demo.timeline import Timeline
from kbcore.schema import C

__all__ = ["NEEDS", "fade_orders", "survey_needs", "survey_waves"]


def fade_orders(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame,
                orders: dict) -> dict:
    """The orders with a stopping client's last months thinned (truth 6, revealed loyalty).

    For a client whose relationship ends before the window's last day (``b < n_days − 1``), an
    order on day t in (b − F, b] is kept with probability ``floor + (1 − floor) × (b − t) / F``
    (F = :data:`~kbcore.demo.bg.company.FADE_DAYS`, floor =
    :data:`~kbcore.demo.bg.company.FADE_FLOOR`): it buys less and less before it stops.
    """
    b = plan["b"].to_numpy()[orders["client"]]
    stops = b < cal.n_days - 1
    gap = (b - orders["day"]).astype("float64")
    p = np.where(stops & (gap < FADE_DAYS), FADE_FLOOR + (1 - FADE_FLOOR) * gap / FADE_DAYS, 1.0)
    keep = rng.random(len(gap)) < p
    return {k: v[keep] for k, v in orders.items()}


def survey_waves(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame,
                 sales_day: np.ndarray, sales_client: np.ndarray, eur: np.ndarray,
                 client_ids: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The surveys table (``date, wave, client_id, responded, csat, nps``) and each row's client.

    See the module's docstring for the rules; rows sorted by date and client.
    """
    n = len(plan)
    ship = sales_day[eur > 0] if len(eur) else sales_day
    ship_client = sales_client[eur > 0]
    b = plan["b"].to_numpy()
    a_, b_, c_ = RESPONSE_LOGIT
    parts = []
    for wave, when in SURVEY_WAVES.items():
        day0 = int(cal.snap(np.array([(pd.Timestamp(when) - cal.start).days]))[0])
        if day0 - 365 < 0 or day0 >= cal.n_days - 30:
            continue
        before = (sales_day >= day0 - 365) & (sales_day < day0)
        rev12 = np.bincount(sales_client[before], weights=eur[before], minlength=n)
        last = np.full(n, -1, dtype=np.int64)
        m = ship < day0
        np.maximum.at(last, ship_client[m], ship[m])
        active = np.flatnonzero(rev12 > 0)
        asked = active[rng.random(len(active)) < SURVEY_ASKED]
        med = float(np.median(rev12[asked]))
        stopped = b[asked] < day0
        logit = a_ + b_ * np.log(rev12[asked] / med) + c_ * stopped
        answer = rng.random(len(asked)) < 1 / (1 + np.exp(-logit))
        delay = np.minimum(rng.exponential(7.0, len(asked)).astype(np.int64), 30)
        day = np.where(answer, cal.snap(day0 + delay), day0)
        parts.append((np.full(len(asked), str(wave), dtype=object), asked, day, answer))
    wave = np.concatenate([p[0] for p in parts])
    ci = np.concatenate([p[1] for p in parts])
    day = np.concatenate([p[2] for p in parts])
    answer = np.concatenate([p[3] for p in parts])
    # timing: a delivery in the 14 days before the answer
    recent = _delivered_within(ship, ship_client, ci, day, 14)
    key = plan["key"].to_numpy()[ci]
    cash = plan["terms"].to_numpy()[ci] == 0
    mu = 3.95 + 0.2 * key - 0.3 * cash + DELIVERY_BONUS * recent
    csat = np.clip(np.round(mu + rng.normal(0, 0.8, len(ci))), 1, 5)
    nps = np.clip(np.round(2 * csat - 0.5 + rng.normal(0, 1.3, len(ci))), 0, 10)
    csat = np.where(answer, csat, np.nan)
    nps = np.where(answer, nps, np.nan)
    o = np.lexsort((ci, day))
    df = pd.DataFrame({
        C.date: cal.dates(day[o]),
        C.wave: pd.array(wave[o], dtype="string"),
        C.client_id: pd.array(client_ids[ci[o]], dtype="string"),
        C.responded: pd.array(answer[o], dtype="boolean"),
        C.csat: csat[o],
        C.nps: nps[o],
    })
    return df, ci[o]


def _delivered_within(ship_day: np.ndarray, ship_client: np.ndarray, ci: np.ndarray,
                      day: np.ndarray, days: int) -> np.ndarray:
    """Whether client ``ci[k]`` had a shipment in ``[day[k] − days, day[k]]``."""
    key = ship_client.astype(np.int64) * 10_000 + ship_day
    key = np.sort(key)
    q_hi = ci.astype(np.int64) * 10_000 + day
    q_lo = q_hi - days
    return np.searchsorted(key, q_hi, side="right") > np.searchsorted(key, q_lo, side="left")


NEEDS = ("цена", "бърза доставка", "техническа консултация", "широк асортимент", "отложено плащане")
"""The main needs a respondent can state (as the survey words them)."""
NEEDS_BY_SEGMENT = {
    "autoservice": (0.40, 0.15, 0.10, 0.30, 0.05),
    "transport": (0.20, 0.55, 0.10, 0.05, 0.10),
    "agro": (0.30, 0.15, 0.05, 0.05, 0.45),
    "industrial": (0.10, 0.15, 0.60, 0.10, 0.05),
    "retail": (0.25, 0.10, 0.05, 0.55, 0.05),
    "construction": (0.20, 0.15, 0.05, 0.05, 0.55),
}
"""Each segment's chances of each need (the order of :data:`NEEDS`): the needs follow the business."""
NEEDS_STREAM = 13
"""The needs draw from ``default_rng([seed, NEEDS_STREAM])``: adding them changed no other file."""


def survey_needs(seed: int, surveys: pd.DataFrame, ci: np.ndarray, plan: pd.DataFrame,
                 seg_keys) -> pd.DataFrame:
    """The surveys with each respondent's stated main need (``needs``; empty for non-respondents).

    A client has one main need, drawn from its segment's chances (:data:`NEEDS_BY_SEGMENT`; a client
    paying cash leans to price); in each wave it states it, or (15 %) another one at random — what a
    survey question really gets. From a stream of its own, so the other files stay as they were.
    """
    rng = np.random.default_rng([int(seed), NEEDS_STREAM])
    n = len(plan)
    seg = np.asarray(seg_keys, dtype=object)[plan["seg"].to_numpy()]
    p = np.array([NEEDS_BY_SEGMENT[s] for s in seg], dtype="float64")
    cash = plan["terms"].to_numpy() == 0
    p[cash, 0] += 0.3
    p /= p.sum(axis=1, keepdims=True)
    u = rng.random(n)
    main = (u[:, None] > np.cumsum(p, axis=1)).sum(axis=1)
    stated = np.where(rng.random(len(ci)) < 0.85, main[ci], rng.integers(0, len(NEEDS), len(ci)))
    answered = surveys[C.responded].to_numpy(dtype=bool)
    needs = np.where(answered, np.array(NEEDS, dtype=object)[stated], None)
    return surveys.assign(**{C.needs: pd.array(needs, dtype="string")})
