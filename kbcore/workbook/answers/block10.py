"""Expected answers of block 10's exercises (solutions/kb/10_working_with_key_accounts.py).

Each answer is computed through the same kbcore functions the block uses, on the demo company,
so a change in an analysis (or in the demo's contacts and interactions) changes the expected
answer with it; nothing here is a hard-coded number. A choice's answer is the number of the
option that the data's answer is, in the order the exercise lists them.

Without the data an answer needs (no contacts table …) the answer is NaN: the exercise cannot
be answered from that company, and the exercise text says which table it reads.

The exercises follow the block's story: the people against us (10.1), the decision maker not
met for long with a shorter threshold (10.2), the buy classes (10.3), the contact matrix
(10.4), the revenue hanging on one contact (10.5), the first DMU action of the largest account
(10.6) and the single-threaded key accounts whose revenue fell (10.7, for the analyst).
"""

from __future__ import annotations

import math

import pandas as pd

from kbcore.analyses.dmu import (
    ACTIONS,
    buy_class,
    contact_matrix,
    dmu_actions,
    dmu_coverage,
)
from kbcore.analyses.dmu_review import gap_summary, largest_account, review_accounts
from kbcore.analyses.profitability import client_pnl
from kbcore.facts import Facts
from kbcore.schema import C
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

ACTION_OPTIONS = ACTIONS
"""The options of exercise 10.6, in the order its text lists them."""


def _facts(ds) -> Facts:
    return once(ds, "facts", lambda: Facts.of(ds))


def _review(ds) -> pd.DataFrame:
    return once(ds, "b10.review", lambda: review_accounts(
        _facts(ds), ds.clients, pnl=client_pnl(_facts(ds), ds.clients, ds.interactions, end=_facts(ds).as_of)))


def _coverage(ds, stale_days: int = 180) -> pd.DataFrame:
    return dmu_coverage(ds.contacts, _review(ds), as_of=_facts(ds).as_of, stale_days=stale_days,
                        interactions=ds.interactions)


def _classes(ds) -> pd.DataFrame:
    return once(ds, "b10.classes", lambda: buy_class(_facts(ds), _review(ds), products=ds.products))


@exercise("10.1", hint="ex.10.1.hint", kind="number", tol=0, style="read")
def opponents(ds):
    """People of the key accounts recorded as against us (blockers), over all key accounts."""
    blockers = _coverage(ds)["blockers"]
    return float(blockers.sum()) if blockers.notna().any() else math.nan


@exercise("10.2", hint="ex.10.2.hint", kind="number", tol=0, style="rerun")
def decider_stale_60(ds):
    """Key accounts whose decision maker was not met for more than 60 days."""
    gaps = gap_summary(_coverage(ds, stale_days=60), _review(ds)).set_index("gap")
    value = gaps.loc["decider_stale", "accounts"]
    return math.nan if pd.isna(value) else float(value)


@exercise("10.3", hint="ex.10.3.hint", kind="number", tol=0, style="read")
def straight_rebuys(ds):
    """Key accounts in a straight rebuy: they buy the same again, and purchasing handles the routine."""
    return float((_classes(ds)["buy_class"] == "straight_rebuy").fillna(False).sum())


@exercise("10.4", hint="ex.10.4.hint", kind="number", tol=0, style="read")
def strongest_pair_contacts(ds):
    """Contacts in 12 months of the busiest pair (their person × ours) of the largest key account."""
    matrix = contact_matrix(ds.contacts, ds.interactions, as_of=_facts(ds).as_of, staff=ds.staff)
    account = largest_account(_review(ds), _coverage(ds))
    rows = matrix.loc[matrix[C.client_id] == account, "interactions"]
    return float(rows.max()) if len(rows) else math.nan


@exercise("10.5", hint="ex.10.5.hint", kind="share", tol=0.002, style="read")
def single_thread_revenue_share(ds):
    """Share of the key accounts' revenue (12 months) at the accounts with one contact person."""
    gaps = gap_summary(_coverage(ds), _review(ds)).set_index("gap")
    return float(gaps.loc["single_threaded", "revenue_share"])


@exercise("10.6", hint="ex.10.6.hint", kind="choice", options=len(ACTION_OPTIONS), style="read")
def first_action_of_largest(ds):
    """Option of the first DMU action of the largest key account that has an action."""
    actions = dmu_actions(_coverage(ds), _classes(ds))
    first = actions.loc[actions["rank"] == 1].merge(_review(ds)[[C.client_id, "revenue_rank"]],
                                                    on=C.client_id)
    if first.empty:
        raise ValueError("exercise 10.6: no key account has a DMU action")
    top = first.sort_values("revenue_rank", kind="mergesort")["action"].iloc[0]
    return option_number("10.6", top, ACTION_OPTIONS)


@exercise("10.7", hint="ex.10.7.hint", kind="set", style="analyst")
def single_threaded_falling(ds):
    """Key accounts held by one contact person whose revenue of 12 months fell against the 12 before."""
    cov = _coverage(ds)
    one = cov.loc[cov["single_threaded"].fillna(False).astype(bool), C.client_id]
    classes = _classes(ds)
    falling = classes.loc[classes["revenue_change"] < 0, C.client_id]
    return sorted(set(one) & set(falling))
