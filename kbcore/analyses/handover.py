"""Block 3 · Protecting the company's accumulated experience («TBE»): when a manager leaves.

The seminar's block 3 asks what happens to the clients when their manager leaves, and whether
what the company recorded about them (CRM history, notes, people) protects the relationship.
This module compares; it does not claim causes:

* :func:`manager_departures` — the managers who left, the day, the clients they handed over;
* :func:`handover_effect` — the handed-over clients against comparable clients (same segment
  and ABC class before the day, not handed over): revenue in the window before and after, the
  share still buying, lifecycle stages at the day and a window later, and the knowledge
  recorded about each handed-over client before the day, split at its median.

How the data records a handover: ``sales.manager`` is the manager of each line, so a client's
lines change manager on the handover day (the demo company: ``kbcore/demo/clients.py``,
``assign_managers``: every client of the leaver moves to the successor on the leaving day);
``clients.manager`` holds only the current manager. The sales lines are therefore the record.

Sources: the seminar's block 3 («Работа с накопленным опытом компании и его защита»);
customer knowledge as an asset the company keeps when people move, after M. Gibbert,
M. Leibold and G. Probst, "Five styles of customer knowledge management", *European
Management Journal* 20(5), 2002. The rules (windows, the median split): our reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kbcore.analyses._assess import abc_window, ids, missing, table
from kbcore.analyses._window import months_back, span
from kbcore.analyses.lifecycle import STAGES, client_stages
from kbcore.facts import Facts, between, period_bounds
from kbcore.schema import C

__all__ = [
    "DEPARTURE_COLUMNS",
    "GROUPS",
    "HandoverEffect",
    "manager_departures",
    "handover_effect",
]

DEPARTURE_COLUMNS = [C.manager, C.left, "source", "clients", "handed_over", "successor",
                     "revenue_before"]
GROUPS = ("handed_over", "comparable")
"""Group ids of :func:`handover_effect` (catalogue ``handover.group.<id>``)."""
UNKNOWN = "unknown"
"""The segment value of a client without one (matched as a segment of its own)."""


def _at(facts: Facts, as_of) -> pd.Timestamp:
    return facts.as_of if as_of is None else period_bounds(None, as_of)[1]


def _lines(facts: Facts, at) -> pd.DataFrame | None:
    """client_id, manager, date, revenue of the lines up to ``at`` with a manager; None without."""
    sales = facts.sales
    if C.manager not in sales.columns:
        return None
    rows = between(sales, None, at)
    out = pd.DataFrame({C.client_id: ids(rows[C.client_id]), C.manager: ids(rows[C.manager]),
                        C.date: rows[C.date], C.revenue: rows[C.revenue].astype("float64")})
    return out.loc[out[C.manager].notna() & (out[C.manager] != "")]


def _departure(lines: pd.DataFrame, who: str, day: pd.Timestamp, months: int) -> dict:
    lo, hi = months_back(day, months)
    before = lines.loc[(lines[C.manager] == who) & lines[C.date].between(lo, hi)]
    clients = before[C.client_id].unique()
    after = lines.loc[(lines[C.date] > day) & lines[C.client_id].isin(clients)
                      & (lines[C.manager] != who)]
    successor = after[C.manager].mode()
    return {C.manager: who, C.left: day, "clients": len(clients),
            "handed_over": int(after[C.client_id].nunique()),
            "successor": successor.iat[0] if len(successor) else pd.NA,
            "revenue_before": float(before[C.revenue].sum())}


def manager_departures(
    ds,
    facts: Facts,
    *,
    as_of=None,
    window_months: int = 12,
    silent_months: int = 6,
) -> pd.DataFrame:
    """The managers who left, the day, and the clients they handed over.

    Parameters
    ----------
    ds : Dataset
        The company's tables: ``staff`` (``person``, ``left``) when present.
    facts : Facts
        The sales facts; ``sales.manager`` records who sold each line.
    as_of : date-like, optional
        The analysis date (default ``facts.as_of``); departures after it do not count.
    window_months : int
        The window before the day whose clients count as the leaver's (default 12).
    silent_months : int
        Without a staff table (or its ``left`` column): a manager whose last sales line is more
        than this many months before ``as_of`` while at least one of their clients bought from
        another manager afterwards has left (default 6; our reading). The day is then the
        manager's last sales day.

    Returns
    -------
    DataFrame
        ``DEPARTURE_COLUMNS``, one row per leaver, by day::

            clients        = clients with a line of the leaver in the window before the day
            handed_over    = of those, clients with a line of another manager after the day
            successor      = the manager of most of those later lines
            revenue_before = the leaver's revenue in the window before the day

        ``source`` is ``"staff"`` or ``"sales"``. Empty with ``attrs["missing"] =
        ("manager",)`` when the sales have no manager column.

    Source: our reading (module docstring).
    """
    at = _at(facts, as_of)
    lines = _lines(facts, at)
    empty = pd.DataFrame({c: pd.Series(dtype="object") for c in DEPARTURE_COLUMNS})
    if lines is None or lines.empty:
        empty.attrs["missing"] = ("manager",)
        return empty
    staff = table(ds, "staff")
    rows = []
    if staff is not None and {C.person, C.left} <= set(staff.columns):
        left = pd.to_datetime(staff[C.left], errors="coerce")
        gone = staff.loc[left.notna() & (left <= at)]
        for who, day in zip(ids(gone[C.person]), left.loc[gone.index], strict=True):
            rows.append(_departure(lines, who, pd.Timestamp(day).normalize(), window_months)
                        | {"source": "staff"})
    else:
        last = lines.groupby(C.manager)[C.date].max()
        limit = at - pd.DateOffset(months=int(silent_months))
        for who, day in last.loc[last < limit].items():
            row = _departure(lines, str(who), pd.Timestamp(day).normalize(), window_months)
            if row["handed_over"] > 0:
                rows.append(row | {"source": "sales"})
    out = pd.DataFrame(rows, columns=DEPARTURE_COLUMNS) if rows else empty
    if rows:
        out = out.sort_values([C.left, C.manager], kind="mergesort").reset_index(drop=True)
        out = out.astype({C.manager: "string", "source": "string", "successor": "string",
                          "clients": "int64", "handed_over": "int64", "revenue_before": "float64"})
    out.attrs["missing"] = ()
    return out


@dataclass(frozen=True)
class HandoverEffect:
    """The clients a manager handed over, against comparable clients.

    Attributes
    ----------
    manager : str or None
        The leaver (None when no departure was found).
    date : Timestamp or None
        The handover day D.
    window_months : int
        The length of the windows before and after D.
    after_end : Timestamp or None
        The end of the window after D (D + window, or ``as_of`` if earlier).
    clients : DataFrame
        One row per client of either group: ``client_id, group, segment, abc,
        revenue_before, revenue_after, still_buying, stage_at_date, stage_after,
        crm_records, notes, contacts, knowledge, high_knowledge`` (knowledge columns only for
        the handed-over clients).
    groups : DataFrame
        One row per group of ``GROUPS``: ``group, clients, revenue_before, revenue_after,
        revenue_ratio, still_buying, still_buying_share, churn_share``.
    stages : DataFrame
        ``group, stage, at_date, after``: clients per lifecycle stage at D and at the end of
        the window after (clients without a stage after — no purchase yet — are not there).
    protection : DataFrame
        ``knowledge`` ("high" ≥ median, "low" below), ``clients, median_knowledge,
        still_buying_share, revenue_ratio`` over the handed-over clients.
    expected_still_buying : float
        The comparable clients' share still buying, reweighted to the handed-over clients'
        mix of (segment, ABC) cells: Σ_cells n_handed(cell) × share_comparable(cell) /
        n_handed (cells without a comparable client left out).
    missing : tuple of str
        ``"manager"`` (no sales.manager), ``"departure"`` (nobody left), ``"segment"``
        (matched on ABC only), ``"interactions"``, ``"contacts"`` (knowledge partly or not
        measured), ``"window"`` (the window after D is shorter than ``window_months``).
    """

    manager: str | None
    date: pd.Timestamp | None
    window_months: int
    after_end: pd.Timestamp | None
    clients: pd.DataFrame
    groups: pd.DataFrame
    stages: pd.DataFrame
    protection: pd.DataFrame
    expected_still_buying: float = np.nan
    missing: tuple[str, ...] = field(default_factory=tuple)


def _group_rows(frame: pd.DataFrame, key: str, order) -> pd.DataFrame:
    g = frame.groupby(key, observed=True)
    out = pd.DataFrame({
        "clients": g.size(),
        "revenue_before": g["revenue_before"].sum(),
        "revenue_after": g["revenue_after"].sum(),
        "still_buying": g["still_buying"].sum(),
    }).reindex(list(order))
    out = out.fillna({"clients": 0, "revenue_before": 0.0, "revenue_after": 0.0,
                      "still_buying": 0})
    out["clients"] = out["clients"].astype("int64")
    out["still_buying"] = out["still_buying"].astype("int64")
    before = out["revenue_before"]
    out["revenue_ratio"] = (out["revenue_after"] / before).where(before > 0)
    n = out["clients"].where(out["clients"] > 0)
    out["still_buying_share"] = out["still_buying"] / n
    out["churn_share"] = 1.0 - out["still_buying_share"]
    return out.rename_axis(key).reset_index().astype({key: "string"})


def _knowledge(ds, handed: pd.Index, day: pd.Timestamp) -> tuple[pd.DataFrame, list[str]]:
    """CRM records, notes (records with a written note) up to the day and contacts per client."""
    out = pd.DataFrame(index=handed)
    gaps = []
    inter = table(ds, "interactions")
    if inter is not None and {C.date, C.client_id} <= set(inter.columns):
        rows = between(inter, None, day)
        cid = ids(rows[C.client_id])
        out["crm_records"] = cid.value_counts().reindex(handed).fillna(0).to_numpy("float64")
        if C.note in rows.columns:
            note = rows[C.note].astype("string").str.strip()
            has = (note.notna() & (note != "")).fillna(False).to_numpy(bool)
            out["notes"] = cid.loc[has].value_counts().reindex(handed).fillna(0).to_numpy("float64")
        else:
            out["notes"] = 0.0
    else:
        out["crm_records"] = np.nan
        out["notes"] = np.nan
        gaps.append("interactions")
    people = table(ds, "contacts")
    if people is not None and C.client_id in people.columns:
        out["contacts"] = ids(people[C.client_id]).value_counts().reindex(handed).fillna(0).to_numpy(
            "float64")
    else:
        out["contacts"] = np.nan
        gaps.append("contacts")
    parts = out[["crm_records", "notes", "contacts"]]
    out["knowledge"] = parts.sum(axis=1, min_count=1)
    med = out["knowledge"].median()
    out["high_knowledge"] = (out["knowledge"] >= med).where(out["knowledge"].notna())
    return out, gaps


def handover_effect(
    ds,
    facts: Facts,
    *,
    manager: str | None = None,
    window_months: int = 12,
    as_of=None,
) -> HandoverEffect:
    """What happened to the clients a leaving manager handed over, beside comparable clients.

    Parameters
    ----------
    ds : Dataset
        The company's tables: ``staff`` (who left), ``clients`` (segment, key-account flag
        for the stages), ``interactions`` and ``contacts`` (the recorded knowledge).
    facts : Facts
        The sales facts (``sales.manager`` needed).
    manager : str, optional
        The leaver; default the departure of :func:`manager_departures` with the most clients.
    window_months : int
        The windows before and after the day D (default 12).
    as_of : date-like, optional
        The analysis date (default ``facts.as_of``): the window after ends at it at the latest.

    Returns
    -------
    HandoverEffect
        With D the day and the windows B = the ``window_months`` to D, A = (D, D + window]::

            handed over  = clients with a sales line of the leaver in B and an order in B
            comparable   = clients buying in B, not handed over, in a (segment, ABC class in
                           B) cell of a handed-over client (ABC by revenue in B, cuts 80/95)
            revenue_before / after = net revenue in B / in A
            still_buying = at least one order in A;  churn_share = 1 − still_buying_share
            revenue_ratio = Σ revenue after / Σ revenue before       (NaN when before ≤ 0)
            stage_at_date, stage_after = lifecycle.client_stages at D and at the end of A
            knowledge    = CRM records up to D + those of them with a written note + contacts
                           (the contacts table holds no dates: today's contacts count)
            high_knowledge = knowledge ≥ the median of the handed-over clients

        A comparison, not a cause: the groups may differ in ways the cells do not catch. If the
        handed-over clients fare as the others do, that is the result.

    Source: our reading of the seminar's block 3 (module docstring).
    """
    at = _at(facts, as_of)
    deps = manager_departures(ds, facts, as_of=at, window_months=window_months)
    empty = _empty_effect(window_months, missing(*deps.attrs.get("missing", ()), "departure"))
    if deps.empty:
        return empty
    if manager is None:
        row = deps.sort_values(["clients", C.left], ascending=[False, True], kind="mergesort").iloc[0]
    else:
        match = deps.loc[deps[C.manager] == str(manager).strip()]
        if match.empty:
            return empty
        row = match.iloc[0]
    who, day = str(row[C.manager]), pd.Timestamp(row[C.left])
    lo, hi = months_back(day, window_months)
    after_end = min(day + pd.DateOffset(months=int(window_months)), at)
    gaps = ["window" if after_end < day + pd.DateOffset(months=int(window_months)) else ""]
    lines = _lines(facts, at)
    handed = pd.Index(lines.loc[(lines[C.manager] == who) & lines[C.date].between(lo, hi),
                                C.client_id].unique(), dtype="string")

    per = abc_window(facts, day, window_months)
    per = per.loc[per["orders"] > 0, [C.client_id, C.revenue, "abc"]].rename(
        columns={C.revenue: "revenue_before"})
    clients = table(ds, "clients")
    if clients is not None and {C.client_id, C.segment} <= set(clients.columns):
        seg = pd.Series(clients[C.segment].astype("string").str.strip().replace("", pd.NA).to_numpy(),
                        index=ids(clients[C.client_id]).to_numpy())
        seg = seg[~seg.index.duplicated()]
        per["segment"] = per[C.client_id].map(seg).fillna(UNKNOWN).astype("string")
    else:
        per["segment"] = pd.Series(UNKNOWN, index=per.index, dtype="string")
        gaps.append("segment")
    per["cell"] = per["segment"] + "|" + per["abc"]
    is_handed = per[C.client_id].isin(handed)
    cells = per.loc[is_handed, "cell"].unique()
    per["group"] = np.where(is_handed, GROUPS[0], np.where(per["cell"].isin(cells), GROUPS[1], ""))
    per = per.loc[per["group"] != ""].reset_index(drop=True)

    after = facts.clients(*span(facts, day + pd.Timedelta(days=1), after_end))
    after = after.assign(**{C.client_id: ids(after[C.client_id])}).set_index(C.client_id)
    per["revenue_after"] = per[C.client_id].map(after[C.revenue]).fillna(0.0).astype("float64")
    per["still_buying"] = (per[C.client_id].map(after["orders"]).fillna(0) > 0)

    st_at = client_stages(facts, clients, as_of=day).set_index(C.client_id)["stage"]
    st_after = client_stages(facts, clients, as_of=after_end).set_index(C.client_id)["stage"]
    st_at.index, st_after.index = st_at.index.astype("string"), st_after.index.astype("string")
    per["stage_at_date"] = per[C.client_id].map(st_at).astype("string")
    per["stage_after"] = per[C.client_id].map(st_after).astype("string")

    know, know_gaps = _knowledge(ds, pd.Index(per.loc[per["group"] == GROUPS[0], C.client_id]), day)
    per = per.merge(know, left_on=C.client_id, right_index=True, how="left")
    per["group"] = per["group"].astype("string")
    per = per.drop(columns="cell").sort_values(["group", C.client_id], kind="mergesort")
    per = per.reset_index(drop=True)

    groups = _group_rows(per, "group", GROUPS)
    stages = _stage_table(per)
    mine = per.loc[per["group"] == GROUPS[0]]
    protection = pd.DataFrame()
    if mine["knowledge"].notna().any():
        split = mine.assign(level=np.where(mine["high_knowledge"].fillna(False).astype(bool),
                                           "high", "low"))
        protection = _group_rows(split, "level", ("high", "low")).rename(columns={"level": "knowledge"})
        protection["median_knowledge"] = split.groupby("level")["knowledge"].median().reindex(
            ["high", "low"]).to_numpy()
        protection = protection[["knowledge", "clients", "median_knowledge", "still_buying_share",
                                 "revenue_ratio"]]
    comp = per.loc[per["group"] == GROUPS[1]]
    key = per["segment"] + "|" + per["abc"]
    rate = comp["still_buying"].groupby(key.loc[comp.index]).mean()
    expected = key.loc[mine.index].map(rate).astype("float64").mean()
    return HandoverEffect(
        manager=who, date=day, window_months=int(window_months), after_end=after_end,
        clients=per, groups=groups, stages=stages, protection=protection,
        expected_still_buying=float(expected),
        missing=missing(*gaps, *know_gaps),
    )


def _stage_table(per: pd.DataFrame) -> pd.DataFrame:
    """Clients per group and lifecycle stage at D and after (every group × stage listed)."""
    full = pd.MultiIndex.from_product([list(GROUPS), list(STAGES)], names=["group", "stage"])
    out = pd.DataFrame(index=full)
    for when, name in (("stage_at_date", "at_date"), ("stage_after", "after")):
        counts = per.groupby(["group", when], observed=True).size()
        counts.index = counts.index.set_names(["group", "stage"])
        out[name] = counts.reindex(full).fillna(0).astype("int64")
    return out.reset_index().astype({"group": "string", "stage": "string"})


def _empty_effect(window_months: int, gaps: tuple[str, ...]) -> HandoverEffect:
    return HandoverEffect(manager=None, date=None, window_months=int(window_months),
                          after_end=None, clients=pd.DataFrame(), groups=pd.DataFrame(),
                          stages=pd.DataFrame(), protection=pd.DataFrame(), missing=gaps)
