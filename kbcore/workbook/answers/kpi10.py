"""Expected answers of program 004, topic 10's exercises (solutions/kpi/10_kpi_practicum.py).

Each answer is computed through the same kbcore functions the topic's workbook uses, on the
Bulgarian demo company (``kpi…`` ids: :func:`kbcore.workbook.checks.demo_company`) and the
example KPI tree (``data/templates/kpi_tree.yaml``), so a change in an analysis, in the demo
data or in the example tree changes the expected answer with it; nothing here is a hard-coded
number. A choice's answer is the number of the option the data's answer is, in the order the
exercise lists them.

The exercises follow the topic's story: a KPI's attainment in the tree (kpi10.1), the findings
to fix (kpi10.2), NPS as a KPI (kpi10.3), a partial year (kpi10.4), a team's part of the cascade
(kpi10.5), the competency below its level that most KPIs need (kpi10.6) and, for the analyst,
the share of the KPIs with a target and a value that are met (kpi10.7).
"""

from __future__ import annotations

from kbcore.analyses.assessment import example_answers, read_questionnaire
from kbcore.analyses.kpi_tree import check_tree, competency_kpi, kpi_values, load_kpi_tree
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

COMPETENCIES = ("achievement", "self_organisation", "customer_orientation", "relationship_building")
"""The options of exercise kpi10.6, in the order its text lists them."""
TEAM = "Екип Север"
"""The team of exercise kpi10.5."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _tree(ds):
    return once(ds, "kpi10.tree", load_kpi_tree)


def _values(ds, **kw):
    key = "kpi10.values" + "".join(f".{k}={v}" for k, v in sorted(kw.items()))
    return once(ds, key, lambda: kpi_values(_tree(ds), ds, _facts(ds), **kw).set_index("kpi"))


@exercise("kpi10.1", hint="ex.kpi10.1.hint", kind="share", tol=0.006, style="read")
def new_clients_attainment(ds):
    """Attainment of the KPI "new clients" of the example tree in its year (shown as a whole percent)."""
    return float(_values(ds).loc["new_clients", "attainment"])


@exercise("kpi10.2", hint="ex.kpi10.2.hint", kind="number", tol=0, style="read")
def findings_to_fix(ds):
    """Findings of severity "to fix" (error) of the example tree's checks."""
    tree = _tree(ds)
    findings = check_tree(tree, _values(ds).reset_index(), staff=ds.staff)
    return int((findings["severity"] == "error").sum())


@exercise("kpi10.3", hint="ex.kpi10.3.hint", kind="number", tol=0.01, style="read")
def nps_actual(ds):
    """The actual NPS of the tree's year (points, shown with two decimals)."""
    return float(_values(ds).loc["nps", "actual"])


@exercise("kpi10.4", hint="ex.kpi10.4.hint", kind="share", tol=0.006, style="rerun")
def revenue_attainment_partial_year(ds):
    """Revenue's attainment in the last (partial) year, against the target pro rata by days."""
    return float(_values(ds, period=_facts(ds).as_of.year).loc["revenue", "attainment"])


@exercise("kpi10.5", hint="ex.kpi10.5.hint", kind="share", tol=0.006, style="rerun")
def team_new_clients_attainment(ds):
    """Attainment of the KPI "new clients" of the team :data:`TEAM` against its part of the cascade."""
    return float(_values(ds, scope=("team", TEAM)).loc["new_clients", "attainment"])


@exercise("kpi10.6", hint="ex.kpi10.6.hint", kind="choice", options=len(COMPETENCIES), style="read")
def weakest_for_most_kpis(ds):
    """Option of the competency below its level that the most KPIs need (the example ratings)."""
    q = read_questionnaire("kpi_competencies")
    ck = competency_kpi(_tree(ds), q, example_answers(q), example_answers(q, 2))
    c = ck.competencies
    below = c.loc[c["below"] & (c["kpis"] != "")]
    n = below["kpis"].str.count(",") + 1
    if (n == n.max()).sum() > 1:
        raise ValueError("exercise kpi10.6: two competencies below the level serve as many KPIs; "
                         "the options list one")
    return option_number("kpi10.6", below.loc[n.idxmax(), "competency"], COMPETENCIES)


@exercise("kpi10.7", hint="ex.kpi10.7.hint", kind="share", tol=0.002, style="analyst")
def share_met(ds):
    """Of the KPIs with a target and a value (met or not met), the share that are met."""
    status = _values(ds)["status"]
    judged = status.isin(["met", "not_met"])
    return float((status[judged] == "met").mean())
