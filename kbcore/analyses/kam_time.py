"""Block 9 · Equipping the key account manager: where our people's recorded time goes.

The seminar's block 9 lists the roles of a key account manager and the time each takes. Where
the company records its contacts with clients (the CRM ``interactions`` table), the time of
each of our people can be estimated from the records: records of each kind × the minutes a
record of that kind usually takes. The minutes are **assumptions to edit** (:data:`MINUTES`),
not measurements: a company that times its visits should put its own figures.

Sources: the seminar's block 9 («Оснащение менеджера по ключевым клиентам»); activity-based
time estimates as in R. S. Kaplan and S. R. Anderson, "Time-driven activity-based costing",
*Harvard Business Review* 82(11), 2004 (time per activity × number of activities). The
default minutes: our reading.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from kbcore.analyses._assess import ids, missing, table
from kbcore.analyses._window import months_back
from kbcore.analyses.key_accounts import key_account_ids
from kbcore.facts import as_of_date, between
from kbcore.schema import C

__all__ = ["MINUTES", "TIME_COLUMNS", "time_split"]

MINUTES = {"visit": 120.0, "meeting": 90.0, "call": 10.0, "email": 5.0}
"""Minutes per record of each kind (assumptions to edit): a visit 120 including travel, a
meeting 90, a call 10, an e-mail 5. A kind not listed has unknown time (NaN hours)."""

TIME_COLUMNS = [C.manager, C.role, C.kind, "records", "minutes", "hours", "share",
                "ka_records", "ka_hours", "person_hours", "person_ka_share"]


def _empty(gaps: tuple[str, ...]) -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="string" if c in (C.manager, C.role, C.kind)
                                     else "float64") for c in TIME_COLUMNS})
    out.attrs["missing"] = gaps
    return out


def time_split(ds, *, as_of=None, months: int = 12,
               minutes: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Per person and kind of contact: the records of the last months and the estimated hours.

    Parameters
    ----------
    ds : Dataset
        The company's tables: ``interactions`` (date, client_id, manager, kind) required for
        any figure; ``staff`` (roles) and ``clients`` (the ``key_account`` flag) when present.
    as_of : date-like, optional
        The analysis date (default: the last sales day, as :class:`~kbcore.facts.Facts`).
    months : int
        The window: the last ``months`` to ``as_of`` (default 12).
    minutes : mapping, optional
        Minutes per record of each kind; default :data:`MINUTES` (keys compared
        case-insensitively; a mapping given replaces the defaults entirely).

    Returns
    -------
    DataFrame
        ``TIME_COLUMNS``, one row per person (``interactions.manager``) and kind, sorted by
        person and kind::

            records         = the person's records of the kind in the window
            hours           = records × minutes / 60           (NaN for a kind without minutes)
            share           = hours / person_hours             (the kind's share of the time)
            ka_records      = records with a key account (clients.key_account)
            ka_hours        = ka_records × minutes / 60
            person_hours    = Σ hours of the person over the kinds with known minutes
            person_ka_share = Σ ka_hours / person_hours       (same on each row of a person)

        ``role`` is the staff role of the person (NA without a staff table or when the name
        is not in it). ``attrs["missing"]``: ``"interactions"`` (no table: empty result),
        ``"manager"`` / ``"kind"`` (no such column: empty result), ``"minutes"`` (some kind
        has no minutes), ``"staff"``, ``"key_accounts"`` (no flag: the ka columns NaN).

    Source: Kaplan & Anderson (2004); the minutes are assumptions (module docstring).
    """
    inter = table(ds, "interactions")
    if inter is None:
        return _empty(("interactions",))
    gaps = [c for c in (C.manager, C.kind, C.date) if c not in inter.columns]
    if gaps:
        return _empty(missing(*gaps))
    if int(months) < 1:
        raise ValueError(f"months must be ≥ 1, not {months!r}")
    per_kind = {str(k).strip().casefold(): float(v)
                for k, v in (MINUTES if minutes is None else minutes).items()}
    at = as_of_date(getattr(ds, "sales", None), as_of)
    lo, hi = months_back(at, months)
    rows = between(inter, lo, hi)
    frame = pd.DataFrame({
        C.manager: ids(rows[C.manager]),
        C.kind: rows[C.kind].astype("string").str.strip().str.casefold(),
        C.client_id: ids(rows[C.client_id]) if C.client_id in rows.columns else pd.NA,
    }).dropna(subset=[C.manager, C.kind])
    ka = key_account_ids(table(ds, "clients"))
    frame["ka"] = frame[C.client_id].isin(ka).fillna(False).astype("int64")
    grouped = frame.groupby([C.manager, C.kind], sort=True)
    out = pd.DataFrame({"records": grouped.size(), "ka_records": grouped["ka"].sum()}).reset_index()
    out["minutes"] = out[C.kind].map(per_kind).astype("float64")
    out["hours"] = out["records"] * out["minutes"] / 60.0
    out["ka_hours"] = out["ka_records"] * out["minutes"] / 60.0
    person = out.groupby(C.manager)[["hours", "ka_hours"]].transform("sum")
    out["person_hours"] = person["hours"]
    out["share"] = (out["hours"] / person["hours"]).where(person["hours"] > 0)
    out["person_ka_share"] = (person["ka_hours"] / person["hours"]).where(person["hours"] > 0)
    staff = table(ds, "staff")
    if staff is not None and {C.person, C.role} <= set(staff.columns):
        roles = pd.Series(staff[C.role].astype("string").to_numpy(), index=ids(staff[C.person]).to_numpy())
        roles = roles[~roles.index.duplicated()]
        out[C.role] = out[C.manager].map(roles).astype("string")
    else:
        out[C.role] = pd.Series(pd.NA, index=out.index, dtype="string")
    if not len(ka):
        out[["ka_records", "ka_hours", "person_ka_share"]] = np.nan
    out = out.astype({C.manager: "string", C.kind: "string", "records": "int64",
                      "ka_records": "float64"})[TIME_COLUMNS]
    out.attrs["missing"] = missing(
        "minutes" if out["minutes"].isna().any() else "",
        "" if staff is not None and C.role in staff.columns else "staff",
        "" if len(ka) else "key_accounts")
    out.attrs["window"] = (lo, hi)
    return out.reset_index(drop=True)
