"""The calibration of the demo company's sales so that planted truth 1 holds.

One job: revenue grows every year while profit after cost to serve stays flat. From block 1's
yearly figures of the generated lines (:func:`yearly_profit`, block 1's default cost-to-serve
rates :data:`RATES`) :func:`calibrate` finds each year's volume factor and extra discount of
the ordinary clients. It draws no random number: the lines and returns it scales were drawn
before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.sales import amounts, return_lines
from kbcore.demo.timeline import Timeline

# the planted path of truth 1 (see calibrate): yearly revenue growth, profit around flat
REVENUE_GROWTH = (0.19, 0.14, 0.17, 0.12, 0.15, 0.13)
PROFIT_WOBBLE = (0.0, 0.04, -0.02, 0.03, -0.03, 0.01)
VOLUME_LIMITS = (0.75, 1.33)  # the calibration never moves a year's volume further than this
EXTRA_LIMITS = (-0.03, 0.04)  # … nor its extra discount
CALIBRATE_MIN_CLIENTS = 300  # smaller companies are left as generated (too noisy to steer)

RATES = {"per_order": 1500.0, "per_delivery": 2500.0, "per_visit": 6000.0, "credit_rate": 0.16}
"""The cost-to-serve defaults of block 1 the planted truths are tuned for (documentation)."""


def yearly_profit(cal: Timeline, plan: pd.DataFrame, lines: dict, returns: dict,
                  visit_client: np.ndarray, visit_day: np.ndarray) -> dict[str, np.ndarray]:
    """Block 1's yearly figures (default cost-to-serve rates), computed with numpy.

    The same definitions as :func:`kbcore.analyses.profitability.yearly_summary`: orders =
    documents with shipments, deliveries = distinct days with shipments per client,
    visits counted for client-years with sales lines, credit cost on the client-year's
    positive net revenue.
    """
    ny, n = len(cal.year_list), len(plan)
    sy = cal.day_year[lines["day"]] - cal.start.year
    ry = cal.day_year[returns["day"]] - cal.start.year
    sc = lines["client"]
    rc = returns["client"]
    cy = np.concatenate([sc * ny + sy, rc * ny + ry])
    rev = np.concatenate([lines["revenue"], returns["revenue"]])
    cost = np.concatenate([lines["cost"], returns["cost"]])
    lst = np.concatenate([lines["list_revenue"] * lines["ordinary"],
                          returns["list_revenue"] * returns["ordinary"]])
    rev_cy = np.bincount(cy, weights=rev, minlength=n * ny)
    active = np.bincount(cy, minlength=n * ny) > 0
    terms = np.repeat(plan["terms"].to_numpy(), ny)
    credit = np.clip(rev_cy, 0, None) * terms / 365 * RATES["credit_rate"]
    docs = np.unique(lines["order"] * 2 + lines["sub"], return_index=True)[1]
    orders = np.bincount(sy[docs], minlength=ny)
    deliveries = np.unique(sc * cal.n_days + lines["day"])
    deliveries = np.bincount(cal.day_year[deliveries % cal.n_days] - cal.start.year, minlength=ny)
    vk = visit_client * ny + (cal.day_year[visit_day] - cal.start.year)
    vk = vk[active[vk]]
    visits = np.bincount(vk % ny, minlength=ny)
    year_of = np.tile(np.arange(ny), n)
    out = {
        "revenue": np.bincount(cy % ny, weights=rev, minlength=ny),
        "cost": np.bincount(cy % ny, weights=cost, minlength=ny),
        "list_ordinary": np.bincount(cy % ny, weights=lst, minlength=ny),
        "credit": np.bincount(year_of, weights=credit, minlength=ny),
        "fixed": orders * RATES["per_order"] + deliveries * RATES["per_delivery"]
        + visits * RATES["per_visit"],
    }
    out["profit"] = out["revenue"] - out["cost"] - out["credit"] - out["fixed"]
    return out


def calibrate(cal: Timeline, plan: pd.DataFrame, lines: dict, picks: dict,
              visit_client: np.ndarray, visit_day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Yearly volume and extra discount so that revenue and profit follow the planted path.

    Revenue per day grows by ``REVENUE_GROWTH`` a year from the first full year; profit per
    day stays at the first full year's level times ``1 + PROFIT_WOBBLE``. With s the
    volume factor and Δ the extra discount of a year (R revenue, Cc cost, L ordinary list
    revenue, τ = credit / R, K the order, delivery and visit costs, R*, P* the targets)::

        s (R − Δ L) = R*            s Cc = R* (1 − τ) − K − P*

    solved and repeated a few times, because quantities are rounded and discounts capped.
    Years with fewer than 90 days in the window are left as generated, and so are
    companies of fewer than ``CALIBRATE_MIN_CLIENTS`` clients; the factors are kept within
    ``VOLUME_LIMITS`` and ``EXTRA_LIMITS``.
    """
    ny = len(cal.year_list)
    days = np.bincount(cal.day_year - cal.start.year, minlength=ny).astype("float64")
    volume, extra = np.ones(ny), np.zeros(ny)
    full = np.flatnonzero(days >= 300)
    if len(full) < 2 or len(plan) < CALIBRATE_MIN_CLIENTS:
        return volume, extra
    base = int(full[0])
    for _ in range(4):
        cur = amounts(cal, lines, volume, extra)
        ret = return_lines(cur, picks)
        y = yearly_profit(cal, plan, cur, ret, visit_client, visit_day)
        rate_r = y["revenue"][base] / days[base]
        rate_p = y["profit"][base] / days[base]
        for k in range(ny):
            if days[k] < 90 or y["revenue"][k] <= 0 or y["cost"][k] <= 0:
                continue
            step = k - base
            growth = np.prod([1 + REVENUE_GROWTH[j % len(REVENUE_GROWTH)] for j in range(step)])
            r_star = rate_r * growth * days[k]
            p_star = rate_p * (1 + PROFIT_WOBBLE[step % len(PROFIT_WOBBLE)] * (step > 0)) * days[k]
            tau = y["credit"][k] / y["revenue"][k]
            s = (r_star * (1 - tau) - y["fixed"][k] - p_star) / y["cost"][k]
            s = float(np.clip(volume[k] * s, *VOLUME_LIMITS) / volume[k])
            delta = (y["revenue"][k] - r_star / s) / max(y["list_ordinary"][k], 1.0)
            volume[k] *= s
            extra[k] = float(np.clip(extra[k] + delta, *EXTRA_LIMITS))
    return volume, extra
