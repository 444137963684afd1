"""Block 10 · The accounts under review and the DMU tables summed over them.

:mod:`kbcore.analyses.dmu` works per account; block 10's notebook also needs the accounts it
reviews (the flagged key accounts, or — when the client cards flag none — the largest clients by
revenue, labelled as such) and a few sums over them:

* :func:`review_accounts` — the accounts of the block, with their revenue of the last 12 months;
* :func:`gap_summary` — per DMU gap: how many accounts have it and the revenue at stake;
* :func:`buy_class_summary` — per buy class: accounts, the DMU the class needs, how many fall
  short of it;
* :func:`level_summary` — how many accounts have their highest contact at each level;
* :func:`largest_account` — the account the contact matrix shows by default.

Like every analysis, these return numbers, ids and flags; what the data did not allow is
``<NA>`` (never 0) and named in ``attrs["missing"]``.

Sources: key accounts are *selected* customers (McDonald, Millman & Rogers 1997), hence the
flag first; the DMU per buy class after Robinson, Faris & Wind 1967 (see
:data:`kbcore.analyses.dmu.BUY_CLASS_DMU`). The fallback to the largest clients and the summaries
are our reading.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.analyses._window import months_back
from kbcore.analyses.dmu import BUY_CLASS_DMU, BUY_CLASSES, GAPS, LEVELS
from kbcore.analyses.key_accounts import candidate_key_accounts, key_account_ids
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = [
    "REVIEW_COLUMNS",
    "GAP_SUMMARY_COLUMNS",
    "BUY_CLASS_SUMMARY_COLUMNS",
    "NO_CLASS",
    "NO_LEVEL",
    "review_accounts",
    "gap_summary",
    "buy_class_summary",
    "level_summary",
    "largest_account",
]

REVIEW_COLUMNS = [C.client_id, C.name, C.manager, "revenue_12m", "revenue_rank", "flagged"]
GAP_SUMMARY_COLUMNS = ["gap", "accounts", "account_share", "revenue_12m", "revenue_share"]
BUY_CLASS_SUMMARY_COLUMNS = ["buy_class", "accounts", "dmu_size", "key_roles", "min_contacts",
                             "median_contacts", "short_of_people", "missing_key_roles"]
NO_CLASS = "no_purchase"
"""The buy-class row of the accounts that bought nothing in the last 12 months."""
NO_LEVEL = "unknown"
"""The level row of the accounts whose contacts have no level we can read."""


def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def review_accounts(facts: Facts, clients: pd.DataFrame | None, *, pnl: pd.DataFrame | None = None,
                    share: float = 0.5, cap: int = 35, as_of=None,
                    window_months: int = 12) -> pd.DataFrame:
    """The accounts block 10 reviews: the flagged key accounts, else block 7's candidates.

    With W = the ``window_months`` months ending on A = ``as_of`` (default ``facts.as_of``)::

        revenue_12m  = net revenue of the client in W (0 when it bought nothing in W)
        revenue_rank = 1, 2 … by revenue_12m among the accounts (ties by client_id)
        accounts     = key_account_ids(clients)              when any client is flagged
                     = candidate_key_accounts(pnl, share, cap)   otherwise: the clients that
                       make the first ``share`` of the client profit, at most ``cap`` (block 7's
                       rule, so that both blocks name the same candidates); without ``pnl``
                       the revenue of W ranks them

    ``attrs["rule"]`` is ``"flag"`` or ``"candidates"`` (then ``attrs["missing"]`` holds
    ``"clients.key_account"``: the candidates are *accounts under review*, not key
    accounts). ``name`` and ``manager`` come from the client cards when they have them.

    Returns
    -------
    DataFrame
        :data:`REVIEW_COLUMNS`, sorted by revenue_rank; ``attrs``: rule, missing, as_of.

    Source: McDonald, Millman & Rogers 1997 (a key account is selected); the fallback is our
    reading.
    """
    as_of = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    lo, _ = months_back(as_of, window_months)
    window = facts.clients(lo, as_of)
    revenue = pd.Series(pd.to_numeric(window[C.revenue], errors="coerce").to_numpy(),
                        index=_ids(window[C.client_id])).groupby(level=0).sum()
    flagged = key_account_ids(clients)
    missing: list[str] = []
    if len(flagged):
        rule, ids = "flag", pd.Index(flagged, dtype="string")
    else:
        rule = "candidates"
        missing.append("clients.key_account")
        ranking = pnl if pnl is not None else pd.DataFrame(
            {C.client_id: revenue.index.to_numpy(), C.revenue: revenue.to_numpy()})
        ids = pd.Index(candidate_key_accounts(ranking, share=share, cap=cap), dtype="string")
    out = pd.DataFrame({C.client_id: ids})
    out["revenue_12m"] = revenue.reindex(ids).fillna(0.0).to_numpy(dtype="float64")
    for col in (C.name, C.manager):
        out[col] = pd.Series(pd.NA, index=out.index, dtype="string")
        if clients is not None and {C.client_id, col} <= set(clients.columns):
            cards = pd.Series(clients[col].astype("string").to_numpy(),
                              index=_ids(clients[C.client_id])).groupby(level=0).first()
            out[col] = pd.array(cards.reindex(ids).to_numpy(), dtype="string")
    out = out.sort_values(["revenue_12m", C.client_id], ascending=[False, True], kind="mergesort")
    out["revenue_rank"] = np.arange(1, len(out) + 1, dtype="int64")
    out["flagged"] = rule == "flag"
    out = out[REVIEW_COLUMNS].reset_index(drop=True)
    out.attrs.update(rule=rule, missing=missing, as_of=as_of)
    return out


def gap_summary(coverage: pd.DataFrame, review: pd.DataFrame) -> pd.DataFrame:
    """Per DMU gap: the accounts that have it and their revenue of the last 12 months.

    Over the accounts of ``coverage`` (:func:`~kbcore.analyses.dmu.dmu_coverage`), with
    ``revenue_12m`` from ``review`` (:func:`review_accounts`; an account it lacks counts 0)::

        accounts      = Σ [gap]                          (<NA> when the gap is <NA> everywhere:
                                                          the data to see it is missing)
        account_share = accounts / number of accounts
        revenue_12m   = Σ revenue_12m of those accounts  (the revenue at stake)
        revenue_share = revenue_12m / Σ revenue_12m of all accounts

    Returns
    -------
    DataFrame
        :data:`GAP_SUMMARY_COLUMNS`, one row per gap of :data:`~kbcore.analyses.dmu.GAPS`.

    Source: our reading.
    """
    ids = _ids(coverage[C.client_id])
    rev = pd.Series(review["revenue_12m"].to_numpy(dtype="float64"),
                    index=_ids(review[C.client_id])).groupby(level=0).sum()
    rev = pd.Series(rev.reindex(ids).fillna(0.0).to_numpy(), index=coverage.index)
    total, n = float(rev.sum()), len(coverage)
    rows = []
    for gap in GAPS:  # five gaps, not a loop over clients
        flag = coverage[gap].astype("boolean")
        if flag.notna().any():
            hit = flag.fillna(False).astype(bool)
            count, money = int(hit.sum()), float(rev[hit].sum())
            rows.append((gap, count, count / n if n else np.nan, money,
                         money / total if total > 0 else np.nan))
        else:
            rows.append((gap, pd.NA, np.nan, np.nan, np.nan))
    out = pd.DataFrame(rows, columns=GAP_SUMMARY_COLUMNS)
    out["accounts"] = out["accounts"].astype("Int64")
    for col in ("account_share", "revenue_12m", "revenue_share"):
        out[col] = out[col].astype("float64")
    out["gap"] = out["gap"].astype("string")
    return out


def buy_class_summary(coverage: pd.DataFrame, buy_class: pd.DataFrame) -> pd.DataFrame:
    """Per buy class: the accounts, the DMU the class needs and how many fall short of it.

    With the class of each account from ``buy_class`` (:func:`~kbcore.analyses.dmu.buy_class`;
    no purchase in the last 12 months → :data:`NO_CLASS`) and the spec
    :data:`~kbcore.analyses.dmu.BUY_CLASS_DMU`::

        accounts          = accounts of the class
        median_contacts   = median of their contacts            (NaN without a contacts table)
        short_of_people   = Σ [contacts < min_contacts]          (<NA> without a contacts table)
        missing_key_roles = Σ [some key role of the class has no person]
                                                                 (<NA> without buying roles)

    Returns
    -------
    DataFrame
        :data:`BUY_CLASS_SUMMARY_COLUMNS`, one row per class of
        :data:`~kbcore.analyses.dmu.BUY_CLASSES` and a last :data:`NO_CLASS` row (its DMU
        columns empty); ``key_roles`` is a tuple of role ids.

    Source: Robinson, Faris & Wind 1967; the thresholds are :data:`BUY_CLASS_DMU` (our reading).
    """
    klass = pd.Series(buy_class["buy_class"].astype("string").to_numpy(),
                      index=_ids(buy_class[C.client_id])).groupby(level=0).first()
    cov = coverage.assign(_class=pd.array(klass.reindex(_ids(coverage[C.client_id])).to_numpy(),
                                          dtype="string")).fillna({"_class": NO_CLASS})
    has_people = cov["no_contacts"].notna().any()
    has_roles = cov["has_decider"].notna().any()
    rows = []
    for k in (*BUY_CLASSES, NO_CLASS):  # four classes, not a loop over clients
        part = cov.loc[cov["_class"] == k]
        spec = BUY_CLASS_DMU.get(k)
        short = missing_roles = pd.NA
        median = np.nan
        if spec is not None and has_people:
            contacts = part["contacts"].astype("float64")
            median = float(contacts.median()) if len(part) else np.nan
            short = int((contacts < int(spec["min_contacts"])).sum())
        if spec is not None and has_roles:
            covered = part[[f"has_{r}" for r in spec["key_roles"]]].fillna(False).astype(bool)
            missing_roles = int((~covered.all(axis=1)).sum())
        rows.append((k, len(part), spec["dmu_size"] if spec else pd.NA,
                     tuple(spec["key_roles"]) if spec else (),
                     int(spec["min_contacts"]) if spec else pd.NA, median, short, missing_roles))
    out = pd.DataFrame(rows, columns=BUY_CLASS_SUMMARY_COLUMNS)
    for col in ("accounts", "min_contacts", "short_of_people", "missing_key_roles"):
        out[col] = out[col].astype("Int64")
    out["median_contacts"] = out["median_contacts"].astype("float64")
    for col in ("buy_class", "dmu_size"):
        out[col] = out[col].astype("string")
    return out


def level_summary(coverage: pd.DataFrame) -> pd.DataFrame:
    """How many accounts have their highest contact at each level, highest level first.

    Rows: owner, director, head, specialist (:data:`~kbcore.analyses.dmu.LEVELS` reversed),
    :data:`NO_LEVEL` (contacts, but no level or position we can read) and ``no_contacts``;
    columns ``level, accounts, account_share``. Without a contacts table every count is
    ``<NA>``.

    Source: the level ladder of :data:`~kbcore.analyses.dmu.LEVEL_LADDER` (our reading).
    """
    order = [*reversed(LEVELS), NO_LEVEL, "no_contacts"]
    n = len(coverage)
    if not coverage["no_contacts"].notna().any():
        counts = pd.Series(pd.NA, index=order, dtype="Int64")
        share = pd.Series(np.nan, index=order)
    else:
        none = coverage["no_contacts"].fillna(False).astype(bool)
        level = coverage["highest_level"].astype("string").fillna(NO_LEVEL).mask(none, "no_contacts")
        counts = level.value_counts().reindex(order, fill_value=0).astype("Int64")
        share = (counts.astype("float64") / n) if n else pd.Series(np.nan, index=order)
    return pd.DataFrame({"level": pd.array(order, dtype="string"),
                         "accounts": pd.array(counts.to_numpy(), dtype="Int64"),
                         "account_share": share.to_numpy(dtype="float64")})


def largest_account(review: pd.DataFrame, coverage: pd.DataFrame | None = None):
    """The account the contact matrix shows by default: the largest by revenue that has people.

    The account with revenue_rank 1 among those with contacts > 0 in ``coverage``; without such
    an account (or without ``coverage``), the largest account; None when there is none.

    Source: our reading.
    """
    if not len(review):
        return None
    ranked = review.sort_values("revenue_rank", kind="mergesort")
    if coverage is not None and len(coverage):
        people = pd.Series(coverage["contacts"].to_numpy(), index=_ids(coverage[C.client_id]))
        with_people = ranked.loc[people.reindex(_ids(ranked[C.client_id])).fillna(0).to_numpy() > 0]
        if len(with_people):
            return str(with_people[C.client_id].iloc[0])
    return str(ranked[C.client_id].iloc[0])

