"""Expected answers of block 9's exercises (solutions/kb/09_key_account_manager.py).

Block 9 is mostly a self-assessment, and a participant's own answers change from person to
person; the exercises are on what does not: the **example answers** of the questionnaires
(:func:`kbcore.analyses.assessment.example_answers`, the same on every run), the templates'
structure, and the demo company's **recorded time** from the CRM
(:func:`kbcore.analyses.kam_time.time_split`) and money (block 1's client P&L). Each answer is
computed through the same kbcore functions the block uses; nothing here is a hard-coded number.
A choice's answer is the number of the option the data's answer is, in the order the exercise
lists them (a ValueError when it is none of them: the exercise's text must change with the data).

The story: the profile (9.1 the first line of the development plan, 9.2 the strengths), the
roles (9.3 the role that takes most time), the recorded time (9.4 the key accounts' share of the
key-account manager's time, 9.5 the hours with a visit of 60 minutes, 9.6 the key accounts'
share of client profit), the five states (9.7 what is the author's), and 9.8 for the analyst
(the hours of visits to key accounts).
"""

from __future__ import annotations

import math

from kbcore.analyses.assessment import assess, example_answers, read_questionnaire
from kbcore.analyses.kam_time import MINUTES, time_split
from kbcore.analyses.key_accounts import ka_contribution, key_account_ids
from kbcore.analyses.profitability import client_pnl
from kbcore.facts import Facts
from kbcore.schema import C
from kbcore.views.kam import focus_people
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

WEAKEST = ("prof_tech_negotiation", "prof_tool_crm", "prof_client_decisions", "prof_fin_terms")
"""The options of exercise 9.1 (competencies of kam_profile), in the order its text lists them."""
ROLES = ("strategist", "negotiator", "administrator", "relationship_builder")
"""The options of exercise 9.3 (sections of kam_roles)."""
STATES = ("placeholder", "names", "statements", "published")
"""The options of exercise 9.7: what of the К.В.А.Н.К. questionnaire is the seminar author's."""
VISIT_MINUTES = 60
"""Exercise 9.5: the minutes of a visit the participant types instead of the default."""


def _result(name: str):
    q = read_questionnaire(name)
    return q, assess(q, example_answers(q))


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _kam_rows(split):
    """The rows of the key-account manager(s) of the staff table (the block's own rule, as shown)."""
    people, _ = focus_people(split)
    return split[split[C.manager].isin(people)]


def _split(ds, minutes=None):
    return time_split(ds, as_of=_facts(ds).as_of, minutes=minutes)


@exercise("9.1", hint="ex.9.1.hint", kind="choice", options=len(WEAKEST), style="read")
def first_development_step(ds):
    """The competency at the top of the example participant's development plan (the first gap)."""
    _q, r = _result("kam_profile")
    return option_number("9.1", r.gaps["question_id"].iloc[0], WEAKEST)


@exercise("9.2", hint="ex.9.2.hint", kind="number", tol=0, style="read")
def strengths(ds):
    """How many competencies of the example participant are at or above their target level."""
    _q, r = _result("kam_profile")
    return int((r.questions["answer"].notna() & ~r.questions["gap"]).sum())


@exercise("9.3", hint="ex.9.3.hint", kind="choice", options=len(ROLES), style="read")
def role_with_most_time(ds):
    """The role (section of kam_roles) that takes the largest share of the example's working time."""
    _q, r = _result("kam_roles")
    s = r.sections.dropna(subset=["time_share"])
    return option_number("9.3", s.loc[s["time_share"].idxmax(), "section"], ROLES)


@exercise("9.4", hint="ex.9.4.hint", kind="share", tol=0.006, style="read")
def kam_key_account_share(ds):
    """The key accounts' share of the key-account manager's recorded contact time (12 months).

    The table shows whole percents; ``tol`` accepts the rounded value. NaN without a CRM history.
    """
    rows = _kam_rows(_split(ds)).drop_duplicates(C.manager)
    if rows.empty or rows["person_ka_share"].isna().all():
        return math.nan
    return float((rows["person_ka_share"] * rows["person_hours"]).sum() / rows["person_hours"].sum())


@exercise("9.5", hint="ex.9.5.hint", kind="number", tol=0.002, style="rerun")
def kam_hours_with_short_visits(ds):
    """The key-account manager's recorded hours in 12 months when a visit takes 60 minutes.

    The table shows whole hours; ``tol`` accepts the rounded value.
    """
    rows = _kam_rows(_split(ds, {**MINUTES, "visit": VISIT_MINUTES})).drop_duplicates(C.manager)
    return float(rows["person_hours"].sum()) if len(rows) else math.nan


@exercise("9.6", hint="ex.9.6.hint", kind="share", tol=0.006, style="read")
def key_accounts_profit_share(ds):
    """The key accounts' share of client profit over the months of the recorded time (block 1's P&L)."""
    lo, hi = _split(ds).attrs.get("window", (None, None))
    pnl = client_pnl(_facts(ds), ds.clients, ds.interactions, start=lo, end=hi)
    share = ka_contribution(pnl, key_account_ids(ds.clients)).set_index("measure").loc["profit", "share"]
    return float(share)


@exercise("9.7", hint="ex.9.7.hint", kind="choice", options=len(STATES), style="read")
def states_are_placeholders(ds):
    """What of the К.В.А.Н.К. questionnaire is the author's: nothing yet when it is a placeholder."""
    q = read_questionnaire("kam_states")
    return option_number("9.7", "placeholder" if q.placeholder else "published", STATES)


@exercise("9.8", hint="ex.9.8.hint", kind="number", tol=0.001, style="analyst")
def kam_visit_hours_on_key_accounts(ds):
    """Hours of the key-account manager's visits to key accounts in 12 months (default minutes)."""
    rows = _kam_rows(_split(ds))
    return float(rows.loc[rows[C.kind] == "visit", "ka_hours"].sum())
