"""Expected answers of block 7's exercises (solutions/kb/07_key_accounts.py).

Each answer is computed through the same kbcore functions the block's workbook uses, on the
demo company, so a change in an analysis or in the demo data changes the expected answer with
it; nothing here is a hard-coded number. A choice's answer is the number of the option the
data's answer is, in the order the exercise lists them (it raises when the data's answer is
none of them).

The exercises follow the block's story: the key accounts' contribution (7.1) and those that
lose money (7.2), the stale flags (7.3), the selection matrix (7.4, 7.5), how many of today's key
accounts the growth goal takes (7.6) and, for the analyst, the share of wallet of the key accounts (7.7).
The key accounts are the flagged ones; without a flag (a sales-only export) they are the
block's candidates, as in the workbook.
"""

from __future__ import annotations

from kbcore.analyses.ka_portfolio import (
    key_accounts_needed,
    load_portfolio_template,
    matrix_clients,
    portfolio_measures,
    portfolio_scores,
    quadrant_summary,
)
from kbcore.analyses.key_accounts import (
    candidate_key_accounts,
    ka_contribution,
    ka_flag_review,
    ka_headroom,
    ka_profile,
    ka_yearly,
    key_account_ids,
    losing_key_accounts,
)
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.planning import base_year
from kbcore.analyses.profile import client_features
from kbcore.analyses.profitability import client_pnl
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

QUADRANTS = ("invest_for_growth", "invest_selectively", "maintain", "manage_for_cash")
"""The options of exercise 7.5, in the order its text lists them."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _pnl(ds):
    return once(ds, "b7.pnl", lambda: client_pnl(_facts(ds), ds.clients, ds.interactions, end=_facts(ds).as_of))


def _ka(ds):
    flagged = key_account_ids(ds.clients)
    return flagged if len(flagged) else candidate_key_accounts(_pnl(ds))


def _on_matrix(ds):
    def make():
        facts = _facts(ds)
        m = portfolio_measures(facts, ds.clients, contacts=ds.contacts, surveys=ds.surveys, pnl=_pnl(ds),
                               as_of=facts.as_of)
        return matrix_clients(m, _ka(ds))
    return once(ds, "b7.on_matrix", make)


@exercise("7.1", hint="ex.7.1.hint", kind="share", tol=0.002, style="read")
def ka_profit_share(ds):
    """The key accounts' share of the client profit (after the cost to serve), shown with one decimal."""
    return float(ka_contribution(_pnl(ds), _ka(ds)).set_index("measure").loc["profit", "share"])


@exercise("7.2", hint="ex.7.2.hint", kind="number", tol=0, style="read")
def losing_count(ds):
    """Number of key accounts with a negative client profit or gross margin."""
    return int(len(losing_key_accounts(_pnl(ds), _ka(ds))))


@exercise("7.3", hint="ex.7.3.hint", kind="number", tol=0, style="read")
def stale_flags(ds):
    """Number of stale key-account flags: flagged and lost, declining or without sales (NaN without flags)."""
    if not len(key_account_ids(ds.clients)):
        return float("nan")  # no flag in the client cards: nothing can be stale (the workbook says so)
    facts = _facts(ds)
    features = client_features(facts, ds.clients, ds.products, as_of=facts.as_of)
    profile = ka_profile(features, _pnl(ds), _ka(ds))
    review = ka_flag_review(profile.scores if profile.profile else None,
                            client_stages(facts, ds.clients, as_of=facts.as_of), _ka(ds))
    return int(review["reason"].astype(str).str.startswith("stale").sum())


@exercise("7.4", hint="ex.7.4.hint", kind="number", tol=0, style="rerun")
def unplaced_with_coverage(ds):
    """Key accounts not placed on the matrix when an axis needs half of its weight to have data."""
    result = portfolio_scores(_on_matrix(ds), load_portfolio_template(), min_coverage=0.5)
    table = quadrant_summary(result.table, _on_matrix(ds), result.quadrants, _ka(ds)).set_index("quadrant")
    return int(table["key_accounts"].get("", 0))


@exercise("7.5", hint="ex.7.5.hint", kind="choice", options=len(QUADRANTS), style="read")
def most_key_accounts_quadrant(ds):
    """Option of the quadrant that holds the most key accounts (default template, no tie allowed)."""
    result = portfolio_scores(_on_matrix(ds), load_portfolio_template())
    table = quadrant_summary(result.table, _on_matrix(ds), result.quadrants, _ka(ds))
    table = table.loc[table["quadrant"] != ""]
    top = table["key_accounts"].max()
    leaders = table.loc[table["key_accounts"] == top, "quadrant"].tolist()
    if len(leaders) != 1:
        raise ValueError(f"exercise 7.5: {leaders} hold the same number of key accounts; the options list one")
    return option_number("7.5", leaders[0], QUADRANTS)


@exercise("7.6", hint="ex.7.6.hint", kind="number", tol=0, style="rerun")
def accounts_for_30_percent(ds):
    """Today's key accounts needed (largest headroom first) for +30 % on the last full year's revenue.

    The pool is today's key accounts only, as in section 5 of the workbook (block 8 adds the
    candidates). NaN without potentials (no headroom: the workbook says so). When today's key
    accounts together do not reach the goal there is no number to give: the answer raises, and
    the exercise's text must then ask whether they reach it instead.
    """
    facts = _facts(ds)
    year = base_year(facts, facts.as_of)
    totals = ka_yearly(facts, _ka(ds)).totals
    revenue = float(totals.loc[totals["year"] == year, "revenue_all"].sum())
    headroom = ka_headroom(facts, ds.clients, _ka(ds), as_of=facts.as_of)
    if "potential" in headroom.attrs["missing"]:
        return float("nan")  # no potential in the client cards: no headroom (the workbook says so)
    need = key_accounts_needed(headroom, 0.30 * revenue, interactions=ds.interactions, staff=ds.staff, key_accounts=_ka(ds),
                               as_of=facts.as_of)
    if need.accounts_needed is None:
        raise ValueError("exercise 7.6: today's key accounts together do not reach the +30 % goal, so there is no "
                         "number of them to type; the exercise must ask whether they reach it instead")
    return int(need.accounts_needed)


@exercise("7.7", hint="ex.7.7.hint", kind="share", tol=0.002, style="analyst")
def ka_share_of_wallet(ds):
    """The key accounts' share of wallet together: Σ revenue of 12 months / Σ potential (known potentials)."""
    head = ka_headroom(_facts(ds), ds.clients, _ka(ds), as_of=_facts(ds).as_of)
    known = head.loc[head["potential"].notna()]
    total = float(known["potential"].sum())
    return float(known["revenue_year"].sum()) / total if total > 0 else float("nan")
