"""Expected answers of block 3's exercises (solutions/kb/03_base_possibilities.py).

Each answer is computed through the kbcore functions the block uses, on the demo company, so a
change in an analysis or a template changes the expected answer with it; nothing here is a
hard-coded number. The exercises are on what does not change between runs: the example
participant's answers (:func:`~kbcore.analyses.assessment.example_answers`, the same on every run),
the demo company's measured figures, a change-and-rerun of a parameter — never on a participant's
own answers. A choice's answer is the number of the option that the data's answer is, in the order
the exercise lists them; when the data's answer is none of the options the function raises, and
the exercise's text must change with the data.

The story: the possibilities used (3.1) and the least-used section (3.2) of the example
participant; the weakest IDIC principle in the data (3.3) and the largest gap to the example
self-assessment (3.4); the value of the base over the last year (3.5) and at another discount
rate (3.6); the clients of the manager who left (3.7); the loss-making clients of one segment
(3.8, for the analyst).
"""

from __future__ import annotations

from kbcore.analyses.assessment import assess, example_answers, read_questionnaire
from kbcore.analyses.customer_equity import customer_equity
from kbcore.analyses.handover import handover_effect
from kbcore.analyses.idic import PRINCIPLES, idic_measures
from kbcore.facts import Facts
from kbcore.views.possibilities import idic_compare, largest_gap, weakest_principle
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

SECTIONS = ("area_marketing", "env_internal", "fn_analysis", "marketing_mix")
"""The options of exercise 3.2 (sections of the model of possibilities), in the order its text lists them."""
RATE_3_6 = 0.20
"""The discount rate exercise 3.6 asks to set (the default is 0.12)."""
SEGMENT_3_8 = "Строительные компании"
"""The segment of exercise 3.8 (a segment of the demo company's client cards)."""


def _facts(ds) -> Facts:
    return once(ds, "facts", lambda: Facts.of(ds))


def _possibilities(ds):
    q = read_questionnaire("kb_base_possibilities")
    return q, assess(q, example_answers(q))


def _compare(ds):
    q = read_questionnaire("kb_idic")
    data = once(ds, "b3.idic", lambda: idic_measures(ds, _facts(ds)))
    return idic_compare(data, assess(q, example_answers(q)))


def _equity(ds, discount_rate: float = 0.12):
    return customer_equity(_facts(ds), ds.clients, ds.interactions, discount_rate=discount_rate)


@exercise("3.1", hint="ex.3.1.hint", kind="share", tol=0.006, style="read")
def possibilities_used(ds):
    """The example participant's overall score of the model of possibilities (shown as a whole percent)."""
    return float(_possibilities(ds)[1].overall)


@exercise("3.2", hint="ex.3.2.hint", kind="choice", options=len(SECTIONS), style="read")
def least_used_section(ds):
    """Option of the example participant's section with the lowest score."""
    sections = _possibilities(ds)[1].sections.dropna(subset=["score"])
    lowest = sections.sort_values("score", kind="mergesort")
    if len(lowest) > 1 and lowest["score"].iloc[0] == lowest["score"].iloc[1]:
        raise ValueError("exercise 3.2: two sections share the lowest score; the options list one")
    return option_number("3.2", lowest["section"].iloc[0], SECTIONS)


@exercise("3.3", hint="ex.3.3.hint", kind="choice", options=len(PRINCIPLES), style="read")
def weakest_in_data(ds):
    """Option of the IDIC principle with the lowest score measured on the demo company's data."""
    return option_number("3.3", weakest_principle(_compare(ds)), PRINCIPLES)


@exercise("3.4", hint="ex.3.4.hint", kind="choice", options=len(PRINCIPLES), style="read")
def largest_self_gap(ds):
    """Option of the principle where the example self-assessment differs most from the data."""
    return option_number("3.4", largest_gap(_compare(ds)), PRINCIPLES)


@exercise("3.5", hint="ex.3.5.hint", kind="number", tol=0.001, style="read")
def equity_change_last_year(ds):
    """Change of the customer equity over the last year of the data, RUB (negative: it fell)."""
    return float(_equity(ds).by_year["equity_change"].iloc[-1])


@exercise("3.6", hint="ex.3.6.hint", kind="number", tol=0.001, style="rerun")
def equity_at_higher_rate(ds):
    """The value of the base at the last year-end with a discount rate of 20 % (RUB)."""
    return float(_equity(ds, RATE_3_6).by_year["equity"].iloc[-1])


@exercise("3.7", hint="ex.3.7.hint", kind="share", tol=0.006, style="read")
def handed_over_still_buying(ds):
    """Share of the leaver's handed-over clients still buying a year after the handover."""
    groups = handover_effect(ds, _facts(ds)).groups.set_index("group")
    return float(groups.loc["handed_over", "still_buying_share"])


@exercise("3.8", hint="ex.3.8.hint", kind="number", tol=0, style="analyst")
def destroyers_in_segment(ds):
    """Clients of the segment «Строительные компании» whose value (CLV) is below zero."""
    clients = _equity(ds).clients
    return int(((clients["segment"] == SEGMENT_3_8) & (clients["clv"] < 0)).sum())
