"""Expected answers of block 4's exercises (solutions/kb/04_audit.py).

Each answer is computed through the same kbcore functions the block uses, on the demo company,
so a change in an analysis changes the expected answer with it; nothing here is a hard-coded
number. The self-assessment exercises use the questionnaire's deterministic example answers
(:func:`~kbcore.analyses.assessment.example_answers`, participant 0 — what the workbook shows when
nobody has answered), never a participant's own answers. A choice's answer is the number of the
option that the data's answer is, in the order the exercise lists them; when the data's answer is
none of the options the function raises, and the exercise's text must change with the data.

The exercises follow the block's story: the example self-assessment (4.1), stage 2's cells (4.2),
the weakest stage (4.3), stage 10's money (4.4), base or list with another threshold (4.5), the
first action (4.6), the self-assessment against the data (4.7), and the split cells' revenue (4.8,
for the analyst).
"""

from __future__ import annotations

from kbcore.analyses.assessment import assess, example_answers, read_questionnaire
from kbcore.analyses.audit import assignment_cells, audit_actions, audit_money, audit_stages
from kbcore.analyses.audit_report import audit_report
from kbcore.analyses.evidence import measure
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

WEAKEST = ("assignment", "profile_rules", "key_status", "information")
"""The options of exercise 4.3 (stage ids), in the order its text lists them."""
OUTCOMES = ("base", "list")
"""The options of exercise 4.5."""
FIRST = ("assignment", "key_status", "base_or_list", "profile_rules")
"""The options of exercise 4.6 (stage ids), in the order its text lists them."""
OK_AT_RERUN = 0.7
"""The threshold of exercise 4.5's rerun (the block's default is 0.8)."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _stages(ds):
    return once(ds, "audit_stages", lambda: audit_stages(ds, _facts(ds)))


def _self(ds):
    def make():
        q = read_questionnaire("kb_audit")
        ids = sorted({x.evidence for x in q.questions if x.evidence})
        return assess(q, example_answers(q), measured=measure(ids, ds, _facts(ds)))
    return once(ds, "kb_audit_example", make)


@exercise("4.1", hint="ex.4.1.hint", kind="share", tol=0.006, style="read")
def example_audit_score(ds):
    """The example participant's overall score of the audit questionnaire (shown as a whole percent)."""
    return float(_self(ds).overall)


@exercise("4.2", hint="ex.4.2.hint", kind="share", tol=0.002, style="read")
def cells_not_owned_share(ds):
    """Share of stage 2's segment × region cells not served by exactly one manager (shared or split)."""
    cells = assignment_cells(ds, _facts(ds))
    return float((cells["cell_status"] != "owned").mean())


@exercise("4.3", hint="ex.4.3.hint", kind="choice", options=len(WEAKEST), style="read")
def weakest_stage(ds):
    """Option of the stage among 1–8 with the lowest share by the data (the only one that is poor)."""
    st = _stages(ds)
    st = st[st["stage"] <= 8].dropna(subset=["value"])
    return option_number("4.3", st.loc[st["value"].idxmin(), "stage_id"], WEAKEST)


@exercise("4.4", hint="ex.4.4.hint", kind="number", tol=0.001, style="read")
def lost_clients_revenue(ds):
    """Revenue (in the 12 months before) of the clients lost in the last year, RUB (stage 10)."""
    money = audit_money(ds, _facts(ds)).set_index("consequence")
    return float(money.loc["lost_clients_revenue", "money"])


@exercise("4.5", hint="ex.4.5.hint", kind="choice", options=len(OUTCOMES), style="rerun")
def outcome_with_lower_threshold(ds):
    """Option of stage 9's outcome when a stage is in order from 70 % (ok_at = 0.7)."""
    st = audit_stages(ds, _facts(ds), ok_at=OK_AT_RERUN)
    return option_number("4.5", st.set_index("stage_id").loc["base_or_list", "outcome"], OUTCOMES)


@exercise("4.6", hint="ex.4.6.hint", kind="choice", options=len(FIRST), style="read")
def first_action(ds):
    """Option of the stage whose action comes first in the ranked list (the most money at stake)."""
    return option_number("4.6", audit_actions(_stages(ds))["stage_id"].iloc[0], FIRST)


@exercise("4.7", hint="ex.4.7.hint", kind="number", tol=0, style="read")
def stages_where_self_agrees(ds):
    """Stages where the example self-assessment's verdict is the data's verdict."""
    report = audit_report(_stages(ds), _self(ds).sections)
    return int((report["agreement"] == "agree").sum())


@exercise("4.8", hint="ex.4.8.hint", kind="number", tol=0.001, style="analyst")
def split_cells_revenue(ds):
    """Last 12 months' revenue of the active clients in the split cells (three managers or more), RUB."""
    cells = assignment_cells(ds, _facts(ds))
    return float(cells.loc[cells["cell_status"] == "split", "revenue"].sum())
