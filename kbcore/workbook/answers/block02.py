"""Expected answers of block 2's exercises (solutions/kb/02_customer_base.py).

Each answer is computed through the same kbcore functions the block uses, on the demo
company, so a change in an analysis changes the expected answer with it; nothing here is a
hard-coded number. A multiple choice maps the data's answer onto the options its text lists
(and raises when none of them is the data's answer, so that a text that no longer fits the
data fails loudly rather than checking the wrong option).

The exercises follow the block's story: the shared vocabulary's quiz (2.0: which term does a
definition name?), how complete the client cards are (2.1), list or base
(2.2) and with a stricter audit (2.3); whether the status in the cards tells the truth (2.4); what the base holds by the data, beside the
questionnaire's example answers (2.4b);
what the key clients bring (2.5); when a client is lost (2.6); where the regular clients went
in a year (2.7); the key accounts in trouble (2.8); and what the clients who slipped cost (2.9,
for the analyst).
"""

from __future__ import annotations

from kbcore.analyses.assessment import assess, example_answers, read_questionnaire
from kbcore.analyses.completeness import base_completeness, base_verdict, status_vs_stage
from kbcore.analyses.evidence import measure
from kbcore.analyses.glossary import LETTERS, matching_quiz, read_glossary
from kbcore.analyses.lifecycle import (
    StageRules,
    client_stages,
    stage_counts,
    transition_matrix,
)
from kbcore.facts import Facts
from kbcore.workbook.answers import once
from kbcore.workbook.checks import exercise

STRICT_THRESHOLD = 0.9
"""2.3: the stricter audit's threshold (the block's default is 0.8)."""
LOST_DAYS = 180
"""2.6: lost after this many days without a purchase (the block's default is 365)."""
BEFORE, AFTER = "2024-12-31", "2025-12-31"
"""2.7 and 2.9: the two year ends compared."""
CARD_STATUS = "активный"
"""2.4: the status written in the demo company's cards for an active client."""

VERDICT_OPTIONS = (
    ("base", frozenset()),
    ("partly", frozenset({"card", "interactions"})),
    ("partly", frozenset({"segment", "potential"})),
    ("list", None),
)
"""2.2: the options of the text, in its order: the verdict and the components that are missing
for too many clients (None: any)."""

QUIZ_TERMS = ("customer_base", "client_list", "client_card", "key_account", "cost_to_serve", "share_of_wallet")
"""2.0: the terms of the quiz, numbered 1 … 6 as the exercise's text and its options' explanations list them."""
QUIZ_LETTER = "B"
"""2.0: the definition asked about."""


def _facts(ds) -> Facts:
    """One :class:`Facts` per dataset: every answer of the block shares its reduction."""
    return once(ds, "facts", lambda: Facts.of(ds))


def _stages(ds, rules: StageRules | None = None, as_of=None):
    name = f"stages {rules} {as_of}"
    return once(ds, name, lambda: client_stages(_facts(ds), ds.clients, as_of=as_of,
                                                   rules=rules or StageRules()))


def _completeness(ds, threshold: float = 0.8):
    return once(ds, f"completeness {threshold}", lambda: base_completeness(
        ds.clients, ds.interactions, ds.contacts, _stages(ds), threshold=threshold))


def _counts(ds, rules: StageRules | None = None):
    return stage_counts(_stages(ds, rules)).set_index("stage")


# --- 0. the shared vocabulary ------------------------------------------------------------------------

@exercise("2.0", hint="ex.2.0.hint", kind="choice", options=len(QUIZ_TERMS), style="read")
def quiz_definition(ds):
    """2.0: the number of the term that definition B of the block's quiz names (the packaged glossary).

    Raises when the quiz no longer asks the terms the exercise's text lists (the glossary or the
    quiz's draw changed: rewrite the text and the options' explanations, do not loosen the check).
    """
    quiz = matching_quiz(read_glossary())
    if quiz.terms != QUIZ_TERMS or QUIZ_LETTER not in LETTERS[: len(quiz.definitions)]:
        raise ValueError(f"the quiz asks {quiz.terms}, the exercise lists {QUIZ_TERMS}")
    return quiz.number(QUIZ_LETTER)


# --- 1. list or base? -------------------------------------------------------------------------------

@exercise("2.1", hint="ex.2.1.hint", kind="share", tol=1e-3, style="read")
def card_share(ds):
    """Share of clients with a complete client card (read as shown: one decimal of %)."""
    return float(_completeness(ds).set_index("component").loc["card", "known_share"])


@exercise("2.2", hint="ex.2.2.hint", kind="choice", options=len(VERDICT_OPTIONS), style="read")
def verdict_option(ds):
    """The option naming the verdict and the components missing for too many clients."""
    verdict = base_verdict(_completeness(ds))
    reasons = frozenset(verdict.reasons)
    for number, (vid, missing) in enumerate(VERDICT_OPTIONS, start=1):
        if verdict.verdict == vid and (missing is None or missing == reasons):
            return number
    raise ValueError(f"exercise 2.2: the data's verdict {verdict.verdict!r} with {sorted(reasons)} is none "
                     f"of the options of its text: rewrite the options")


@exercise("2.3", hint="ex.2.3.hint", kind="number", tol=0, style="rerun")
def components_ok_strict(ds):
    """How many components of the base count when each must be known for 90 % of the clients."""
    return int(base_verdict(_completeness(ds, STRICT_THRESHOLD)).ok)


@exercise("2.4", hint="ex.2.4.hint", kind="number", tol=0, style="read")
def active_but_lost(ds):
    """Clients whose card says «активный» but whose purchases make them lost."""
    table = status_vs_stage(ds.clients, _stages(ds))
    return int(table.loc[CARD_STATUS, "lost"])


# --- 2. the lifecycle -------------------------------------------------------------------------------

@exercise("2.5", hint="ex.2.5.hint", kind="share", tol=1e-3, style="read")
def key_revenue_share(ds):
    """Revenue share (last 12 months) of the clients at the stage key (read as shown)."""
    return float(_counts(ds).loc["key", "revenue_share"])


@exercise("2.6", hint="ex.2.6.hint", kind="number", tol=0, style="rerun")
def lost_after_180(ds):
    """Lost clients on the last sales date when a client is lost after 180 days."""
    return int(_counts(ds, StageRules(lost_days=LOST_DAYS)).loc["lost", "clients"])


# --- 3. where the clients went ------------------------------------------------------------------------

def _matrix(ds):
    return transition_matrix(_stages(ds, as_of=BEFORE), _stages(ds, as_of=AFTER))


@exercise("2.7", hint="ex.2.7.hint", kind="number", tol=0, style="read")
def regular_to_declining(ds):
    """Clients regular at the end of 2024 and declining or at risk at the end of 2025."""
    return int(_matrix(ds).loc["regular", "declining"])


@exercise("2.8", hint="ex.2.8.hint", kind="number", tol=0, style="read")
def key_in_trouble(ds):
    """Key accounts (the cards' mark) whose stage is declining or lost."""
    st = _stages(ds)
    return int((st["is_key"] & st["stage"].isin(["declining", "lost"])).sum())


@exercise("2.9", hint="ex.2.9.hint", kind="number", tol=0.005, style="analyst")
def revenue_lost_by_slipping(ds):
    """What the clients who slipped from regular to declining in 2025 lost in revenue (roubles).

    The clients regular at the end of 2024 and declining at the end of 2025: their revenue of the
    12 months before the end of 2025 minus that of the 12 months to it, summed.
    """
    before = _stages(ds, as_of=BEFORE).set_index("client_id")["stage"]
    after = _stages(ds, as_of=AFTER).set_index("client_id")
    moved = after.loc[(before.reindex(after.index) == "regular") & (after["stage"] == "declining")]
    return float((moved["revenue_prev_window"] - moved["revenue_window"]).sum())


@exercise("2.4b", hint="ex.2.4b.hint", kind="share", tol=0.006, style="read")
def contacts_recorded_measured(ds):
    """2.4b: the measured share of active clients with a contact person, beside the questionnaire's statement."""
    q = read_questionnaire("kb_base_contents")
    cited = sorted({x.evidence for x in q.questions if x.evidence})
    result = assess(q, example_answers(q), measured=measure(cited, ds, _facts(ds)))
    return float(result.questions.set_index("question_id").loc["bc_contacts", "measured"])
