"""Expected answers of block 8's exercises (solutions/kb/08_business_analysis.py).

Each answer is computed through the same kbcore functions the block's workbook uses, on the
demo company, so a change in an analysis, a template or the demo data changes the expected
answer with it; nothing here is a hard-coded number. A choice's answer is the number of the
option the data's answer is, in the order the exercise lists them (it raises when the data's
answer is none of them). The questionnaire exercises read the EXAMPLE answers
(:func:`kbcore.analyses.assessment.example_answers`, participant 0: the same on every run) and
the example team chart of the RACI template — never a participant's own answers.

The exercises follow the block's story: the six success factors' gaps (8.1), the key accounts in the
richest market cell (8.2), the candidates under a stricter share rule (8.3), the key accounts a realistic
capture needs (8.4), the team chart under a stricter overload rule (8.5), the 7S element with the
longest distance (8.6), the weakest of the three views (8.7) and, for the analyst, the headroom
of the ten largest candidates (8.8).
"""

from __future__ import annotations

import math

from kbcore.analyses.assessment import assess, example_answers, read_questionnaire
from kbcore.analyses.ka_portfolio import key_accounts_needed
from kbcore.analyses.ka_sources import ka_candidates, ka_market_cells
from kbcore.analyses.key_accounts import ka_yearly, key_account_ids
from kbcore.analyses.planning import base_year
from kbcore.analyses.raci import check_raci, raci_table, read_raci
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

RACI_OPTIONS = ("kam", "sales", "logistics", "management")
"""The options of exercise 8.5 (function ids of the team chart), in the order its text lists them."""
SEVEN_S_OPTIONS = ("strategy", "structure", "systems", "shared_values")
"""The options of exercise 8.6 (section ids of ka_7s), in the order its text lists them."""
VIEW_OPTIONS = ("ka_readiness_ksf", "ka_sama", "ka_7s")
"""The options of exercise 8.7 (the three readiness questionnaires), in the order its text lists them."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _result(qid: str):
    q = read_questionnaire(qid)
    return assess(q, example_answers(q))


def _candidates(ds, max_share: float = 0.30):
    # the workbook's candidates without the profile match (a column shown, not a rule of selection)
    return ka_candidates(_facts(ds), ds.clients, key_account_ids(ds.clients), max_share=max_share)


@exercise("8.1", hint="ex.8.1.hint", kind="number", tol=0, style="read")
def ksf_gaps(ds):
    """Number of gaps of the example participant in the six success factors (rows of the gap table)."""
    return int(len(_result("ka_readiness_ksf").gaps))


@exercise("8.2", hint="ex.8.2.hint", kind="number", tol=0, style="read")
def key_accounts_in_top_cell(ds):
    """Key accounts already in the market cell with the most money to win (rank 1 of the cells table).

    NaN without a market table (the workbook shows it as missing).
    """
    cells = ka_market_cells(_facts(ds), ds.clients, ds.market, key_account_ids(ds.clients))
    if "market" in cells.attrs["missing"] or cells.empty:
        return math.nan
    return int(cells.sort_values("rank")["key_accounts"].iloc[0])


@exercise("8.3", hint="ex.8.3.hint", kind="number", tol=0, style="rerun")
def candidates_stricter(ds):
    """Number of candidates when their share of wallet must be below 20 % (not 30 %)."""
    cands = _candidates(ds, max_share=0.20)
    return math.nan if cands.min_potential is None else int(len(cands.table))


@exercise("8.4", hint="ex.8.4.hint", kind="number", tol=0, style="rerun")
def accounts_needed_half(ds):
    """Key accounts the +15 % goal needs from the pool (key accounts and candidates) at a capture of 50 %."""
    facts = _facts(ds)
    ka = key_account_ids(ds.clients)
    cands = _candidates(ds)
    pool = cands.clients.loc[cands.clients["key_account"] | cands.clients["candidate"], ["client_id", "headroom"]]
    year = base_year(facts, facts.as_of)
    totals = ka_yearly(facts, ka).totals
    base = float(totals.loc[totals["year"] == year, "revenue_all"].sum())
    if base <= 0:
        return math.nan
    need = key_accounts_needed(pool, 0.15 * base, capture=0.5, interactions=ds.interactions, staff=ds.staff,
                               key_accounts=list(ka), as_of=facts.as_of)
    return math.nan if need.accounts_needed is None else int(need.accounts_needed)


@exercise("8.5", hint="ex.8.5.hint", kind="choice", options=len(RACI_OPTIONS), style="rerun")
def overloaded_at_half(ds):
    """Option of the one function the example team chart overloads when the rule is 50 % of the activities."""
    findings = check_raci(raci_table(read_raci()), overload_share=0.5)
    over = findings.loc[findings["finding"] == "overloaded", "function"].tolist()
    if len(over) != 1:
        raise ValueError(f"exercise 8.5: {over} are overloaded at 50 %; the options list one function")
    return option_number("8.5", over[0], RACI_OPTIONS)


@exercise("8.6", hint="ex.8.6.hint", kind="choice", options=len(SEVEN_S_OPTIONS), style="read")
def longest_7s_distance(ds):
    """Option of the 7S element whose needed level lies farthest above today (example answers)."""
    s = _result("ka_7s").sections.dropna(subset=["score", "target_score"])
    distance = s["target_score"] - s["score"]
    top = s.loc[distance == distance.max(), "section"].tolist()
    if len(top) != 1:
        raise ValueError(f"exercise 8.6: {top} share the longest distance; the options list one")
    return option_number("8.6", top[0], SEVEN_S_OPTIONS)


@exercise("8.7", hint="ex.8.7.hint", kind="choice", options=len(VIEW_OPTIONS), style="read")
def weakest_view(ds):
    """Option of the questionnaire with the lowest overall score (example answers)."""
    scores = {qid: _result(qid).overall for qid in VIEW_OPTIONS}
    return option_number("8.7", min(scores, key=scores.get), VIEW_OPTIONS)


@exercise("8.8", hint="ex.8.8.hint", kind="number", tol=0.001, style="analyst")
def top10_headroom(ds):
    """The headroom of the ten candidates with the largest headroom, together, RUB a year."""
    cands = _candidates(ds)
    if cands.min_potential is None:
        return math.nan
    return float(cands.table["headroom"].nlargest(10).sum())
