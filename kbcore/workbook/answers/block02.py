"""Expected answers of block 2's exercises (solutions/kb/02_customer_base.py).

Each answer is computed through the same kbcore functions the block uses, on the demo
company, so a change in an analysis changes the expected answer with it; nothing here is a
hard-coded number.
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses.completeness import base_completeness, base_verdict
from kbcore.analyses.lifecycle import (
    StageRules,
    client_stages,
    stage_counts,
    stage_history,
    transition_matrix,
)
from kbcore.facts import Facts
from kbcore.workbook.checks import exercise

_FACTS: dict[int, tuple[object, Facts]] = {}


def _facts(ds) -> Facts:
    """One :class:`Facts` per dataset: every answer of the block shares its reduction."""
    hit = _FACTS.get(id(ds))
    if hit is None or hit[0] is not ds:
        hit = _FACTS[id(ds)] = (ds, Facts.of(ds))
    return hit[1]


def _stages(ds, rules: StageRules | None = None):
    return client_stages(_facts(ds), ds.clients, rules=rules or StageRules())


def _completeness(ds):
    return base_completeness(ds.clients, ds.interactions, ds.contacts, _stages(ds))


@exercise("2.1", hint="ex.2.1.hint", kind="share", tol=1e-6)
def segment_share(ds):
    """Share of clients whose segment is known."""
    return float(_completeness(ds).set_index("component").loc["segment", "known_share"])


@exercise("2.2", hint="ex.2.2.hint", kind="text")
def verdict_id(ds):
    """The list-or-base verdict id of the demo company."""
    return base_verdict(_completeness(ds)).verdict


@exercise("2.3", hint="ex.2.3.hint", kind="number", tol=0)
def lost_now(ds):
    """Lost clients on the last sales date."""
    return int(stage_counts(_stages(ds)).set_index("stage").loc["lost", "clients"])


@exercise("2.4", hint="ex.2.4.hint", kind="number", tol=0)
def regular_to_declining(ds):
    """Clients regular at the end of 2024 and declining at the end of 2025."""
    history = stage_history(_facts(ds), ds.clients, dates=["2024-12-31", "2025-12-31"])
    before = history.loc[history["as_of"] == pd.Timestamp("2024-12-31")]
    after = history.loc[history["as_of"] == pd.Timestamp("2025-12-31")]
    return int(transition_matrix(before, after).loc["regular", "declining"])


@exercise("2.5", hint="ex.2.5.hint", kind="share", tol=1e-6)
def key_revenue_share(ds):
    """Revenue share (last 12 months) of the clients at the stage key."""
    return float(stage_counts(_stages(ds)).set_index("stage").loc["key", "revenue_share"])


@exercise("2.6", hint="ex.2.6.hint", kind="number", tol=0)
def lost_after_180(ds):
    """Lost clients on the last sales date when a client is lost after 180 days."""
    return int((_stages(ds, StageRules(lost_days=180))["stage"] == "lost").sum())


@exercise("2.7", hint="ex.2.7.hint", kind="set")
def key_in_trouble(ds):
    """Key accounts (card flag) whose stage is declining or lost."""
    st = _stages(ds)
    return sorted(st.loc[st["is_key"] & st["stage"].isin(["declining", "lost"]), "client_id"])
