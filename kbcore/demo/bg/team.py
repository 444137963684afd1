"""The Bulgarian demo company's sales team for topic 9: teams, quarterly targets, a windfall.

One job: truth 8 — :func:`windfall_client` and :func:`windfall_orders` (one manager's large
client places one-off project orders in 2025, which his targets did not foresee),
:func:`teams` (each manager's sales team: three by region group and the key accounts) and
:func:`quarterly_targets` (each manager's revenue and target-products revenue target per quarter
of 2024–2025, in leva, set so that about two managers in three reach 100 % in a quarter, with
quotas not fully adjusted to the territory's potential).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.bg.company import (
    ATTAINMENT,
    QUARTER_YEARS,
    SEG_KEYS,
    TEAMS,
    WINDFALL_MANAGER,
    WINDFALL_MONTHS,
    WINDFALL_SHARE,
)
from kbcore.demo.timeline import Timeline
from kbcore.schema import C

__all__ = ["windfall_client", "windfall_orders", "scale_windfall", "teams", "quarterly_targets"]


def windfall_client(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame) -> pd.DataFrame:
    """The plan with one client of the windfall manager marked ``group = "windfall"``.

    An existing construction or transport client of :data:`WINDFALL_MANAGER` (ordinary, not a key
    account, not in another planted group), kept buying to the end.
    """
    seg = np.array(SEG_KEYS)[plan["seg"].to_numpy()]
    ok = ((plan["m1"].to_numpy() == WINDFALL_MANAGER) & (plan["m2"].to_numpy() == WINDFALL_MANAGER)
          & np.isin(seg, ["construction", "transport"]) & ~plan["new"].to_numpy()
          & ~plan["key"].to_numpy() & ~plan["one_time"].to_numpy() & (plan["group"] == "").to_numpy())
    idx = np.flatnonzero(ok)
    if not len(idx):
        return plan
    pick = idx[int(rng.integers(len(idx)))]
    group = plan["group"].to_numpy().copy()
    group[pick] = "windfall"
    b = plan["b"].to_numpy().copy()
    b[pick] = cal.n_days - 1
    return plan.assign(group=group, b=b)


def windfall_orders(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame,
                    orders: dict) -> tuple[dict, np.ndarray]:
    """The orders with the windfall client's 2025 project orders added (re-sorted by day).

    Eight deliveries on working days between :data:`WINDFALL_MONTHS`; their value is set later
    (:func:`scale_windfall`). Returns the orders and a flag per order (True = the project).
    """
    pick = np.flatnonzero(plan["group"].to_numpy() == "windfall")
    flag = np.zeros(len(orders["client"]), dtype=bool)
    if not len(pick):
        return orders, flag
    lo, hi = ((pd.Timestamp(d) - cal.start).days for d in WINDFALL_MONTHS)
    if hi >= cal.n_days:
        return orders, flag
    days = np.unique(cal.snap(np.sort(rng.integers(lo, hi, 8))))
    ci = np.concatenate([orders["client"], np.full(len(days), pick[0])])
    t = np.concatenate([orders["day"], days])
    value = np.concatenate([orders["value"], np.full(len(days), 1.0)])
    flag = np.concatenate([flag, np.ones(len(days), dtype=bool)])
    o = np.lexsort((ci, t))
    return {"client": ci[o], "day": t[o], "value": value[o]}, flag[o]


def scale_windfall(cal: Timeline, plan: pd.DataFrame, lines: dict, wf: np.ndarray) -> dict:
    """The project lines' values: together :data:`WINDFALL_SHARE` × the manager's other 2025 lines.

    Values are the lines' ``target`` (order value at list prices before the discount, in the
    day's currency); a line's manager is ``m1`` before the client's ``switch`` day, else ``m2``.
    """
    if not wf.any():
        return lines
    c, d = lines["client"], lines["day"]
    mgr = np.where(d < plan["switch"].to_numpy()[c], plan["m1"].to_numpy()[c],
                   plan["m2"].to_numpy()[c])
    y25 = cal.day_year[d] == 2025
    ordinary = lines["target"][(mgr == WINDFALL_MANAGER) & y25 & ~wf].sum()
    w = lines["target"][wf]
    target = lines["target"].copy()
    target[wf] = w / w.sum() * WINDFALL_SHARE * ordinary
    return {**lines, "target": target}


def teams(staff: pd.DataFrame, mgr_names: list) -> pd.DataFrame:
    """The staff table with each sales manager's team (:data:`TEAMS`)."""
    team = dict(zip(mgr_names, (TEAMS[i] for i in range(len(mgr_names))), strict=True))
    names = staff[C.person].to_numpy(dtype=object)
    new = [team.get(p, t) for p, t in zip(names, staff[C.team].to_numpy(dtype=object), strict=True)]
    return staff.assign(**{C.team: pd.array(new, dtype="string")})


def quarterly_targets(rng: np.random.Generator, cal: Timeline, facts: pd.DataFrame,
                      mgrs: pd.DataFrame, potential: pd.Series) -> pd.DataFrame:
    """Each manager's ``revenue`` and ``target_products_revenue`` target per quarter (BGN).

    For a manager who works the whole quarter::

        target = actual without the windfall project / a,   rounded to 1 000 leva
        ln a   = m + h × z_manager + N(0, s)                (ATTAINMENT = (m, h, s))
        z      = standardised ln(potential of his clients / his 2024–2025 revenue)

    so a manager with more untapped potential beats his quota more easily, and the windfall
    manager's project lines count in his results but not in his targets.

    Parameters
    ----------
    facts : one row per sales line: ``day``, ``manager``, ``revenue`` (BGN), ``tp`` (revenue of
        target products), ``windfall`` (bool).
    mgrs : the sales team (``name``, ``hired``, ``left`` day numbers).
    potential : the potential (EUR) of each manager's clients, by manager name.
    """
    m, h, s = ATTAINMENT
    d = facts["day"].to_numpy()
    year = cal.day_year[d]
    quarter = (cal.days.month.to_numpy()[d] - 1) // 3 + 1
    f = facts.assign(year=year, quarter=quarter)
    f = f[np.isin(year, QUARTER_YEARS)]
    ordinary = f[~f["windfall"].to_numpy(dtype=bool)]
    act = ordinary.groupby([C.manager, "year", "quarter"])[[C.revenue, "tp"]].sum()
    total = f.groupby(C.manager)[C.revenue].sum()
    rows = []
    working = []
    for mi in mgrs.itertuples():
        if mi.hired <= (pd.Timestamp(f"{QUARTER_YEARS[0]}-01-01") - cal.start).days and \
                mi.left >= cal.n_days and mi.name in total.index:
            working.append(mi.name)
    head = np.log(potential.reindex(working).to_numpy() / total.reindex(working).to_numpy())
    z = (head - head.mean()) / head.std()
    for k, name in enumerate(working):
        for y in QUARTER_YEARS:
            for q in (1, 2, 3, 4):
                if (name, y, q) not in act.index:
                    continue
                r = act.loc[(name, y, q)]
                for kpi, col in (("revenue", C.revenue), ("target_products_revenue", "tp")):
                    a = np.exp(m + h * z[k] + rng.normal(0, s))
                    rows.append({C.period: f"{y}-Q{q}", C.kpi: kpi, C.manager: name,
                                 C.target: float(round(r[col] / a, -3)), C.currency: "BGN"})
    return pd.DataFrame(rows)
